import { useState } from 'react';
import { graphicKey, type LoadedObject, type ObjectPlacement } from '../../imaging';
import type { ImportedReport } from '../../interop/importTypes';
import { planItemsFromReport, type TrajectoryCandidate } from '../../interop/adopt';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import type { ImportedState } from './useImportedObjects';

interface Props {
  imported: ImportedState;
  object: LoadedObject;
  report: ImportedReport;
  placement: ObjectPlacement | undefined;
  onAdopt: ((c: TrajectoryCandidate, deviceId: string) => void) | string;
}

const catalogue = defaultCatalogue();

/** The measurement groups of an SR: tracking id, finding, NUM values with their units, TEXTs; polylines to adopt. */
export function ReportGroups({ imported, object, report, placement, onAdopt }: Props) {
  const candidates = planItemsFromReport(report, catalogue);
  const [device, setDevice] = useState<Record<number, string>>({});
  if (report.groups.length === 0) return <div className="muted">{report.notes.join(' ') || 'No measurement groups.'}</div>;
  return (
    <ul className="imported-groups">
      {report.groups.map((g, gi) => {
        const cand = candidates.find((c) => c.groupIndex === gi);
        const dev = device[gi] ?? cand?.deviceId ?? catalogue.devices[0]?.id ?? '';
        return (
          <li key={gi} data-testid="imported-group" data-tracking-id={g.trackingId ?? ''}>
            <div>
              <b>{g.trackingId ?? `Group ${gi + 1}`}</b> {g.finding && <span className="muted">· {g.finding.meaning}</span>}
              {g.findingSite && <span className="muted"> · {g.findingSite.meaning}</span>}
            </div>
            {g.graphics.map((gr, i) => {
              const key = graphicKey(object.key, gi, i);
              const placed = placement?.graphics.find((p) => p.group === gi && p.index === i);
              return (
                <label key={`g${i}`} className="imported-graphic">
                  <input type="checkbox" checked={!imported.snap.hidden.has(key)} onChange={() => imported.store.toggle(key)} />
                  <span className="swatch" style={{ background: placed?.colour }} /> {gr.graphicType} ({gr.points.length} points{gr.dims === 2 ? ', 2D' : ''})
                  {placed && !placed.points.ok && <span className="muted"> — {placed.points.error}</span>}
                </label>
              );
            })}
            <ul className="imported-values">
              {g.numbers.map((n, i) => (
                <li key={`n${i}`} data-testid="imported-num">
                  {n.concept.meaning}
                  {n.modifiers.length ? ` (${n.modifiers.map((m) => m.meaning).join(', ')})` : ''}: <b>{Number(n.value.toPrecision(6))} {n.unit ? n.unit.value : ''}</b>
                </li>
              ))}
              {g.texts.map((t, i) => (
                <li key={`t${i}`}>
                  {t.concept.meaning}: <b>{t.value}</b>
                </li>
              ))}
            </ul>
            {cand && (
              <div className="imported-adopt">
                <select aria-label="Device" data-testid="adopt-device" value={dev} onChange={(e) => setDevice({ ...device, [gi]: e.target.value })}>
                  {catalogue.devices.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
                <button
                  className="small"
                  data-testid="adopt-trajectory"
                  disabled={typeof onAdopt === 'string'}
                  title={typeof onAdopt === 'string' ? onAdopt : 'Add it to the plan as a trajectory'}
                  onClick={() => typeof onAdopt !== 'string' && onAdopt(cand, dev)}
                >
                  Adopt as trajectory
                </button>
              </div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
