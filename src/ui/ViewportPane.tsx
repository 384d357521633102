import { useEffect, useRef } from 'react';
import type { ViewerSession, ViewportInfo, ViewportSlot } from '../imaging';
import { ScaleBar } from './ScaleBar';
import { ProbeDepthSlider } from './needle/ProbeDepthSlider';

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
  useEffect(() => {
    const el = ref.current;
    if (!el || hidden) return;
    session.attach(slot, el);
    return () => session.detach(slot);
  }, [session, slot, hidden]);

  if (hidden) return null;
  const o = info?.orientation;
  return (
    <div
      className={`viewport-pane${active ? ' active' : ''}`}
      data-slot={slot}
      onMouseDown={() => onActivate(slot)}
      onMouseEnter={() => onActivate(slot)}
      onDoubleClick={() => onToggleMaximise(slot)}
    >
      <div ref={ref} className="viewport-element" data-testid={`viewport-${slot}`} />
      <div className="overlay">
        <div className="corner tl">
          <div className="viewport-title">{TITLE[slot]}</div>
          {patientLines.map((l, i) => (
            <div key={i} className="phi">
              {l}
            </div>
          ))}
        </div>
        <div className="corner tr">
          {studyLines.map((l, i) => (
            <div key={i}>{l}</div>
          ))}
        </div>
        {slot !== 'volume3d' && info && (
          <>
            <div className="corner bl" data-testid={`slice-${slot}`}>
              {info.sliceNumber !== undefined && (
                <div>
                  Im {info.sliceNumber} / {info.sliceCount}
                </div>
              )}
              {info.slicePositionMm !== undefined && (
                <div>
                  {AXIS_LABEL[slot]} = {info.slicePositionMm.toFixed(1)} mm
                </div>
              )}
            </div>
            <div className="corner br" data-testid={`window-${slot}`}>
              {info.windowWidth !== undefined && info.windowCenter !== undefined && (
                <div>
                  W {Math.round(info.windowWidth)}{valueUnit} · L {Math.round(info.windowCenter)}{valueUnit}
                </div>
              )}
              {info.zoom !== undefined && <div>Zoom {info.zoom.toFixed(2)}×</div>}
            </div>
            {o && (
              <>
                <div className="orient top">{o.top}</div>
                <div className="orient bottom">{o.bottom}</div>
                <div className="orient left">{o.left}</div>
                <div className="orient right">{o.right}</div>
              </>
            )}
            {info.mmPerPixel && <ScaleBar mmPerPixel={info.mmPerPixel} />}
            {slot === 'probe' && <ProbeDepthSlider session={session} />}
          </>
        )}
      </div>
    </div>
  );
}
