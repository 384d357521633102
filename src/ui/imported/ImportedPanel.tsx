import { useState } from 'react';
import type { SeriesListing } from '../../dicom/studyListing';
import { newPlanId, objectKindLabel, type ViewerSession } from '../../imaging';
import type { PlanWorkspace } from '../plan/usePlanWorkspace';
import type { ImportedState } from './useImportedObjects';
import { adoptSegment, adoptTrajectory, type AdoptionTarget } from './adoptImported';
import { SegmentRows } from './SegmentRows';
import { ReportGroups } from './ReportGroups';

interface Props {
  imported: ImportedState;
  /** The plan workspace of the open series when it is a volume; undefined otherwise. */
  ws: PlanWorkspace | undefined;
  session: ViewerSession | undefined;
  openSeries: SeriesListing | undefined;
  editable: boolean;
}

const OPEN_A_PLAN = 'Open or create a plan on this CT first (open the CT as MPR).';

/** Where adoption goes now, or why it cannot. */
function adoptionTarget({ ws, session, openSeries, editable }: Props): AdoptionTarget | string {
  if (!ws?.bridge || !openSeries?.frameOfReferenceUID) return OPEN_A_PLAN;
  if (!editable) return 'Your role cannot edit this plan.';
  const geometry = session?.volumeGeometry();
  if (!geometry) return 'The CT is still loading.';
  return { store: ws.store, series: { seriesInstanceUID: openSeries.seriesInstanceUID, frameOfReferenceUID: openSeries.frameOfReferenceUID, geometry }, newId: newPlanId };
}

/**
 * "Imported objects": the SEG and SR objects of the study, each with its segments (swatch,
 * label, coded type, voxels and mL on the CT) or its measurement groups (tracking id, finding,
 * values with units), toggles, and "Adopt into plan".
 */
export function ImportedPanel(props: Props) {
  const { imported } = props;
  const [note, setNote] = useState<{ kind: 'info' | 'error'; text: string } | undefined>();
  const objects = imported.store.objects().filter((o) => o.result.ok);
  if (objects.length === 0) return null;
  const target = adoptionTarget(props);
  const grid = imported.snap.ct?.grid;
  const say = (r: { ok: true; value: string } | { ok: false; error: string }, what: string): void =>
    setNote(r.ok ? { kind: 'info', text: `${what} added to the plan (unsaved).` } : { kind: 'error', text: `${what} not adopted: ${r.error}` });
  return (
    <section className="imported-panel" data-testid="imported-panel">
      <h3>Imported objects</h3>
      {note && (
        <div className={note.kind === 'error' ? 'error-text' : 'muted'} data-testid="adopt-message">
          {note.text}
        </div>
      )}
      {objects.map((o) => {
        if (!o.result.ok) return null;
        const obj = o.result.value;
        const placement = imported.snap.placements.get(o.key);
        const shown = imported.snap.shown.has(o.key);
        return (
          <div key={o.key} className="imported-entry" data-testid="imported-entry" data-key={o.key}>
            <label className="imported-title">
              <input type="checkbox" checked={shown} onChange={() => imported.store.setShown(o.key, !shown)} /> {objectKindLabel(obj)}
            </label>
            <div className="muted">{o.name}</div>
            {placement?.error && <div className="muted imported-reason">{placement.error}</div>}
            {obj.notes.length > 0 && <div className="muted">{obj.notes.join(' ')}</div>}
            {obj.kind === 'seg' ? (
              <SegmentRows
                imported={imported}
                object={o}
                seg={obj}
                placement={placement}
                grid={grid?.ok ? grid.value.geometry : undefined}
                onAdopt={
                  typeof target === 'string'
                    ? target
                    : (n, role) => {
                        const placed = placement?.segments.find((p) => p.number === n);
                        const segment = obj.segments.find((s) => s.number === n);
                        if (!placed?.mask.ok || !segment || !grid?.ok) return;
                        say(adoptSegment(target, placed.mask.value, grid.value.geometry, segment, role), segment.label);
                      }
                }
              />
            ) : (
              <ReportGroups
                imported={imported}
                object={o}
                report={obj}
                placement={placement}
                onAdopt={typeof target === 'string' ? target : (c, device) => say(adoptTrajectory(target, c, device), c.label)}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}
