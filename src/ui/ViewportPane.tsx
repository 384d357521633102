import { useEffect, useRef } from 'react';
import type { ViewerSession, ViewportInfo, ViewportSlot } from '../imaging';
import { ScaleBar } from './ScaleBar';
import { ProbeDepthSlider } from './needle/ProbeDepthSlider';
import { DEPTH_SLIDER_BAND_PX, overlayBudget } from './layout/overlayBudget';
import { usePaneSize } from './layout/usePaneSize';
import './layout/viewportOverlay.css';

const AXIS_LABEL: Record<ViewportSlot, string> = { axial: 'z', sagittal: 'x', coronal: 'y', stack: 'z', volume3d: '', probe: '', inplane0: '', inplane90: '' };
const TITLE: Record<ViewportSlot, string> = {
  axial: 'Axial',
  sagittal: 'Sagittal',
  coronal: 'Coronal',
  stack: 'Stack',
  volume3d: '3D bone',
  probe: "Probe's eye",
  inplane0: 'Along the needle 0°',
  inplane90: 'Along the needle 90°',
};

interface Props {
  session: ViewerSession;
  slot: ViewportSlot;
  info: ViewportInfo | undefined;
  active: boolean;
  hidden: boolean;
  patientLines: string[];
  studyLines: string[];
  /** Unit of the pixel values: HU for CT, none for modalities without a calibrated scale. */
  valueUnit: string;
  onActivate: (slot: ViewportSlot) => void;
  onToggleMaximise: (slot: ViewportSlot) => void;
}

/** One viewport: hands its element to the imaging session and draws the text overlay over it. */
export function ViewportPane({ session, slot, info, active, hidden, patientLines, studyLines, valueUnit, onActivate, onToggleMaximise }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const paneRef = useRef<HTMLDivElement>(null);
  const size = usePaneSize(paneRef, !hidden);
  useEffect(() => {
    const el = ref.current;
    if (!el || hidden) return;
    session.attach(slot, el);
    return () => session.detach(slot);
  }, [session, slot, hidden]);

  if (hidden) return null;
  const o = info?.orientation;
  // Until the pane is measured, show the view name only (a first frame must not overprint either).
  const band = slot === 'probe' ? DEPTH_SLIDER_BAND_PX : 0;
  const b = size.height > 0 ? overlayBudget(size.width, size.height, patientLines.length, studyLines.length, band) : overlayBudget(0, 0, 0, 0);
  const sliceLines = [
    info?.sliceNumber !== undefined ? `Im ${info.sliceNumber} / ${info.sliceCount}` : undefined,
    // The needle views cut along no patient axis: their position is the probe's depth, shown by its slider.
    info?.slicePositionMm !== undefined && AXIS_LABEL[slot] ? `${AXIS_LABEL[slot]} = ${info.slicePositionMm.toFixed(1)} mm` : undefined,
  ].filter((l): l is string => l !== undefined);
  const windowLines = [
    info?.windowWidth !== undefined && info.windowCenter !== undefined ? `W ${Math.round(info.windowWidth)}${valueUnit} · L ${Math.round(info.windowCenter)}${valueUnit}` : undefined,
    info?.zoom !== undefined ? `Zoom ${info.zoom.toFixed(2)}×` : undefined,
  ].filter((l): l is string => l !== undefined);
  return (
    <div
      ref={paneRef}
      className={`viewport-pane${active ? ' active' : ''}`}
      data-slot={slot}
      onMouseDown={() => onActivate(slot)}
      onMouseEnter={() => onActivate(slot)}
      onDoubleClick={() => onToggleMaximise(slot)}
    >
      <div ref={ref} className="viewport-element" data-testid={`viewport-${slot}`} />
      <div className={`overlay${band ? ' bottom-band' : ''}`}>
        <div className="corner tl">
          <div className="viewport-title">{TITLE[slot]}</div>
          {patientLines.slice(0, b.patientLines).map((l, i) => (
            <div key={i} className="phi line">
              {l}
            </div>
          ))}
        </div>
        <div className="corner tr">
          {studyLines.slice(0, b.studyLines).map((l, i) => (
            <div key={i} className="line">
              {l}
            </div>
          ))}
        </div>
        {slot !== 'volume3d' && info && (
          <>
            {/* The slice and window text stay in the DOM for tests and readers; lines that do not fit are hidden, not removed. */}
            <div className="corner bl" data-testid={`slice-${slot}`}>
              {sliceLines.map((l, i) => (
                <div key={i} className="line" hidden={i >= b.sliceLines}>
                  {l}
                </div>
              ))}
            </div>
            <div className="corner br">
              {info.mmPerPixel && b.scaleBar && <ScaleBar mmPerPixel={info.mmPerPixel} maxPx={b.scaleMaxPx} />}
              <div data-testid={`window-${slot}`}>
                {windowLines.map((l, i) => (
                  <div key={i} className="line" hidden={i >= b.windowLines}>
                    {l}
                  </div>
                ))}
              </div>
            </div>
            {o && (
              <>
                <div className="orient top">{o.top}</div>
                <div className="orient bottom">{o.bottom}</div>
                <div className="orient left">{o.left}</div>
                <div className="orient right">{o.right}</div>
              </>
            )}
            {slot === 'probe' && <ProbeDepthSlider session={session} />}
          </>
        )}
      </div>
    </div>
  );
}
