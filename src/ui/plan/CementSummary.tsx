import type { PlanLesion } from '../../planning/lesions';
import { estimateCementVolume } from '../../planning/trajectory/cementVolume';
import { leakageRiskFlags } from '../../planning/trajectory/leakageRisk';

/** For a bone access needle: the cement estimate for its lesion and the lesion's leakage risk flags. */
export function CementSummary({ lesion }: { lesion: PlanLesion }) {
  const volume = lesion.measurements?.volumeMl ?? null;
  const vertebral = lesion.site?.kind === 'vertebra';
  const estimate = volume !== null ? estimateCementVolume(volume, lesion.type) : null;
  const flags = leakageRiskFlags({
    posteriorWallInvolved: vertebral ? lesion.flags.posteriorVertebralWallInvolvement : null,
    collapsePercent: lesion.flags.vertebralBodyCollapsePercent,
    corticalBreach: lesion.flags.corticalBreach || lesion.flags.pathologicalFracture || lesion.flags.softTissueExtension,
    endplateDestroyed: null,
    vertebral,
  });
  return (
    <div className="cement" data-testid="cement-summary">
      <div>
        Cement for {lesion.label || 'the lesion'}:{' '}
        {estimate ? (
          <b title={estimate.rule}>
            ≈ {estimate.estimateMl.toFixed(1)} mL ({estimate.lowMl.toFixed(1)}–{estimate.highMl.toFixed(1)} mL)
          </b>
        ) : (
          <span className="muted">segment the lesion first</span>
        )}
      </div>
      {estimate && <div className="muted small-text">{estimate.rule}</div>}
      {flags.map((f) => (
        <div key={f.code} className={f.severity === 'high' ? 'error-text' : f.severity === 'moderate' ? 'warn-text' : 'muted'}>
          {f.severity === 'info' ? 'ℹ' : '⚠'} {f.message}
        </div>
      ))}
    </div>
  );
}
