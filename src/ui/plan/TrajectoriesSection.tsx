import type { PlanWorkspace } from './usePlanWorkspace';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById } from '../../planning/devices/deviceById';
import { patchTrajectory, removeTrajectory } from '../../planning/plan/planCommands';
import { trajectoryTags } from '../../planning/plan/trajectoryTags';
import { TrajectoryDetails } from './TrajectoryDetails';
import { InlineName } from './InlineName';
import { fmt } from './planLabels';
import { axialAngleText, craniocaudalAngleText } from '../../planning/trajectory/metricText';

/** The plan's needles with their live measurements, and the selected one's details. */
export function TrajectoriesSection({ ws }: { ws: PlanWorkspace }) {
  const { plan, bridge, bridgeState, store } = ws;
  const catalogue = defaultCatalogue();
  const metrics = bridgeState?.metrics;
  const sel = plan.selection;
  const draft = plan.draft;
  const tags = trajectoryTags(draft.trajectories, catalogue);
  const selected = sel?.kind === 'trajectory' ? draft.trajectories.find((t) => t.id === sel.id) : undefined;
  return (
    <section>
      <h3>
        Trajectories
        {metrics && <span className="muted small-text">metrics {metrics.ms.toFixed(1)} ms</span>}
      </h3>
      {draft.trajectories.length === 0 && <div className="muted">Needle (N): click the entry, then the target.</div>}
      {metrics && metrics.problems.length > 0 && <div className="error-text">{metrics.problems.join('; ')}</div>}
      <table className="legend" data-testid="trajectories">
        <tbody>
          {draft.trajectories.map((t) => {
            const m = metrics?.trajectories.get(t.id);
            const device = deviceById(catalogue, t.deviceId);
            return (
              <tr
                key={t.id}
                className={selected === t ? 'selected' : ''}
                data-testid="trajectory-row"
                data-depth-mm={m?.depthMm ?? ''}
                data-cc-deg={m?.craniocaudalAngleDeg ?? ''}
                data-axial-deg={m?.axialAngleDeg ?? ''}
                onClick={() => (bridge ? bridge.focus('trajectory', t.id) : store.select({ kind: 'trajectory', id: t.id }))}
              >
                <td>
                  <input type="checkbox" title="Show" checked={!plan.hidden.has(t.id)} onChange={(e) => store.setHidden(t.id, !e.target.checked)} onClick={(e) => e.stopPropagation()} />
                </td>
                <td>
                  <b className="trajectory-name-cell">
                    <span className="tag">{tags.get(t.id)}</span>
                    {/* A double click on the name renames the needle in place. */}
                    <InlineName value={t.label} placeholder="unnamed needle" onCommit={(label) => store.apply('rename needle', patchTrajectory(t.id, { label }))} testId="trajectory-label" what="needle" button={false} />
                  </b>
                  <div className="muted small-text ellipsis">{device?.name ?? t.deviceId}</div>
                  {m && (
                    // The same wording as the needle's details, so the list and the details never disagree.
                    <div className="muted small-text ellipsis" title={`${craniocaudalAngleText(m)} · ${axialAngleText(m)}`} data-testid="trajectory-angles">
                      {craniocaudalAngleText(m)} · {axialAngleText(m)}
                    </div>
                  )}
                </td>
                <td className="num-cell">
                  <b title="Depth, entry to tip">{m ? `${fmt(m.depthMm)} mm` : '…'}</b>
                  {m && m.warnings.length > 0 && (
                    <div className="error-text small-text" title={m.warnings.join('\n')}>
                      ⚠ {m.warnings.length} warning{m.warnings.length > 1 ? 's' : ''}
                    </div>
                  )}
                </td>
                <td>
                  <button className="small" title="Delete trajectory" onClick={(e) => (e.stopPropagation(), store.apply('delete trajectory', removeTrajectory(t.id)))}>
                    ✕
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {selected && <TrajectoryDetails ws={ws} trajectory={selected} />}
    </section>
  );
}
