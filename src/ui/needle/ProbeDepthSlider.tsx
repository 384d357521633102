import { useEffect, useRef, useSyncExternalStore } from 'react';
import { probeDepthText, type ViewerSession } from '../../imaging';
import './probeDepthSlider.css';

/**
 * The probe's-eye view's depth control: where along the selected needle the view cuts, from
 * 10 mm outside the entry (skin) to 20 mm past the tip, read as depth along the needle. It
 * also takes the pane's mouse wheel, so that wheel down goes deeper like the slider to the
 * right. Rendered by the probe's-eye pane.
 */
export function ProbeDepthSlider({ session }: { session: ViewerSession }) {
  // The session's snapshot changes whenever the view's camera does (its overlay text follows it).
  useSyncExternalStore(session.subscribe, session.getSnapshot);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const pane = root.current?.closest<HTMLElement>('.viewport-pane');
    return pane ? session.probe.attachWheel(pane) : undefined;
  }, [session]);
  const s = session.probe.state();
  return (
    <div
      ref={root}
      className="probe-depth"
      data-testid="probe-depth"
      onMouseDown={(e) => e.stopPropagation()}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {s ? (
        <>
          <input
            type="range"
            aria-label="Depth along the needle"
            data-testid="probe-depth-slider"
            min={s.minMm}
            max={s.maxMm}
            step={0.5}
            value={s.depthMm}
            onChange={(e) => session.probe.setDepth(Number(e.currentTarget.value))}
          />
          <div className="probe-depth-text" data-testid="probe-depth-text">
            {probeDepthText(s.depthMm, s.lengthMm)}
          </div>
        </>
      ) : (
        <div className="probe-depth-text">Select a needle to look down it</div>
      )}
    </div>
  );
}
