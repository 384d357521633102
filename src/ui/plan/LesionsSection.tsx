import type { PlanWorkspace } from './usePlanWorkspace';
import { patchLesion, removeLesion } from '../../planning/plan/planCommands';
import { LesionDetails } from './LesionDetails';
import { fmt, siteText } from './planLabels';

/** The plan's lesions with their measurements, and the selected one's details. */
export function LesionsSection({ ws }: { ws: PlanWorkspace }) {
  const { plan, bridge, store } = ws;
  const sel = plan.selection;
  const draft = plan.draft;
  const selected = sel?.kind === 'lesion' ? draft.lesions.find((x) => x.record.id === sel.id) : undefined;
  return (
    <section>
      <h3>Lesions</h3>
      {draft.lesions.length === 0 && <div className="muted">Grow (G), then click inside a lesion.</div>}
      <table className="legend" data-testid="lesions">
        <tbody>
          {draft.lesions.map((l) => {
            const m = l.record.measurements;
            return (
              <tr
                key={l.record.id}
                className={selected === l ? 'selected' : ''}
                data-testid="lesion-row"
                data-volume-ml={m?.volumeMl ?? ''}
                onClick={() => (bridge ? bridge.focus('lesion', l.record.id) : store.select({ kind: 'lesion', id: l.record.id }))}
              >
                <td>
                  <input type="checkbox" title="Show" checked={!plan.hidden.has(l.record.id)} onChange={(e) => store.setHidden(l.record.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                </td>
                <td>
                  <input type="color" value={l.record.colour} onChange={(e) => store.apply('colour', patchLesion(l.record.id, { colour: e.target.value }))} />
                </td>
                <td>
                  <b className="ellipsis" title={l.record.label}>
                    {l.record.label || l.record.id}
                  </b>
                  <div className="muted small-text">{siteText(l.record.site)}</div>
                  {m && (
                    <div className="muted small-text" title="Principal diameters; longest axial diameter; HU mean (min–max)">
                      {m.principalDiametersMm.map((d) => fmt(d, 0)).join(' × ')} mm · axial {fmt(m.longestAxialDiameterMm, 0)} mm
                      {m.hu ? ` · ${fmt(m.hu.mean, 0)} HU (${fmt(m.hu.min, 0)}…${fmt(m.hu.max, 0)})` : ''}
                    </div>
                  )}
                </td>
                <td className="num-cell" title="Volume">
                  <b>{m ? `${fmt(m.volumeMl, 1)} mL` : l.mask ? '…' : '—'}</b>
                </td>
                <td>
                  <button className="small" title="Delete lesion" onClick={(e) => (e.stopPropagation(), store.apply('delete lesion', removeLesion(l.record.id)))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && (
        <>
          <LesionDetails lesion={selected.record} onPatch={(p) => store.apply('edit lesion', patchLesion(selected.record.id, p))} />
          <button
            className="small"
            data-testid="prefill-case"
            onClick={() => void ws.prefillCase(selected.record.id)}
            title="Fill the case record's lesion (site, type, size, SINS components) from this one; what the board entered is kept"
          >
            Prefill the case record
          </button>
        </>
      )}
    </section>
  );
}
