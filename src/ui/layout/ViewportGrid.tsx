import type { SessionSnapshot, ViewerSession, ViewportSlot } from '../../imaging';
import { ViewportPane } from '../ViewportPane';
import type { GridContent } from './layoutSlots';
import './studyLayout.css';

const ALL_SLOTS: readonly ViewportSlot[] = ['axial', 'sagittal', 'coronal', 'volume3d', 'stack', 'probe', 'inplane0', 'inplane90'];

interface Props {
  session: ViewerSession | undefined;
  snapshot: SessionSnapshot | undefined;
  content: GridContent;
  activeSlot: ViewportSlot;
  patientLines: string[];
  studyLines: string[];
  valueUnit: string;
  onActivate: (slot: ViewportSlot) => void;
  onToggleMaximise: (slot: ViewportSlot) => void;
}

/**
 * The views of the current layout. Three MPR views are one large axial view beside the sagittal
 * and coronal views stacked (three equal columns left each view a narrow strip of black at 16:9);
 * the needle layout without a selected needle shows one message in place of the needle views.
 */
export function ViewportGrid({ session, snapshot, content, activeSlot, patientLines, studyLines, valueUnit, onActivate, onToggleMaximise }: Props) {
  const { slots, needleWanted } = content;
  const cells = slots.length + (needleWanted ? 1 : 0);
  return (
    <div className={`viewport-grid n${cells}${needleWanted ? ' needle-wanted' : ''}`} data-testid="viewport-grid" data-cells={cells}>
      {session &&
        ALL_SLOTS.map((slot) => (
          <ViewportPane
            key={slot}
            session={session}
            slot={slot}
            hidden={!slots.includes(slot)}
            info={snapshot?.info[slot]}
            active={slot === activeSlot && slots.length > 1}
            patientLines={patientLines}
            studyLines={studyLines}
            valueUnit={valueUnit}
            onActivate={onActivate}
            onToggleMaximise={onToggleMaximise}
          />
        ))}
      {needleWanted && (
        <div className="needle-wanted-message" data-testid="needle-wanted" role="status">
          <div className="needle-wanted-title">Select a needle in the plan panel</div>
          <div className="muted">The probe&apos;s-eye view and the two views along the needle follow the selected needle (click its row, or the needle on an image).</div>
        </div>
      )}
    </div>
  );
}
