import { niceScaleLength } from './niceScaleLength';

/** A scale bar of a round length in millimetres, drawn to scale at the bottom of a view. */
export function ScaleBar({ mmPerPixel }: { mmPerPixel: number }) {
  const mm = niceScaleLength(mmPerPixel * 120);
  const px = mm / mmPerPixel;
  return (
    <div className="scalebar" style={{ width: `${px}px` }} data-testid="scalebar">
      <span>{mm >= 10 ? `${mm / 10} cm` : `${mm} mm`}</span>
    </div>
  );
}
