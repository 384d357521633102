import { niceScaleLength } from './niceScaleLength';

/**
 * A scale bar of a round length in millimetres, drawn to scale with its label above it. It sits in
 * the bottom-right corner's flow (not over the image centre), so it never meets an orientation letter.
 */
export function ScaleBar({ mmPerPixel, maxPx = 120 }: { mmPerPixel: number; maxPx?: number }) {
  const mm = niceScaleLength(mmPerPixel * maxPx);
  const px = mm / mmPerPixel;
  if (!(px > 0)) return null;
  return (
    <div className="scalebar" data-testid="scalebar">
      <span>{mm >= 10 ? `${mm / 10} cm` : `${mm} mm`}</span>
      <div className="scalebar-bar" style={{ width: `${px}px` }} />
    </div>
  );
}
