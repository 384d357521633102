import type { PlanWorkspace } from './usePlanWorkspace';
import { fmt } from './planLabels';
import { mmText } from '../../planning/trajectory/metricText';

/**
 * Coverage and ablation margin of the composite ablation zone per lesion (the margin is a true
 * safety margin: how far the lethal zone reaches beyond the lesion), and what of each structure
 * lies in it. Distances through the one metric formatter.
 */
export function ZoneMetrics({ ws }: { ws: PlanWorkspace }) {
  const zones = ws.bridgeState?.metrics?.zones;
  if (!zones) return null;
  const lesions = ws.plan.draft.lesions;
  return (
    <section data-testid="zone-metrics">
      <h3>Ablation zones</h3>
      <div className="muted small-text">Composite model: {zones.model} (probes closer than the synergy distance merge into one zone)</div>
      {zones.lesions.map((l) => {
        const label = lesions.find((x) => x.record.id === l.lesionId)?.record.label ?? l.lesionId;
        return (
          <div key={l.lesionId} className="coverage">
            <div>
              {label}: <b>{fmt(l.coveragePercent, 0)} %</b> covered by the lethal zone,{' '}
              <span title="Smallest distance from the lesion surface to the lethal zone edge; negative: part of the lesion lies outside">ablation margin</span>{' '}
              <b>{l.marginCapped ? '≥ ' : ''}{mmText(l.minMarginMm)}</b>
            </div>
            <div className="bar" title={`${fmt(l.coveredVolumeMl)} of ${fmt(l.lesionVolumeMl)} mL`}>
              <div style={{ width: `${Math.max(0, Math.min(100, l.coveragePercent))}%`, background: l.coveragePercent >= 99 ? '#2f9e44' : l.coveragePercent >= 90 ? '#f59f00' : '#e03131' }} />
            </div>
          </div>
        );
      })}
      {zones.structures.map((s) => (
        <div key={s.structureId} className={s.warning ? 'error-text' : 'muted'}>
          {s.label}: {fmt(s.volumeInLethalMl, 2)} mL in the lethal zone, {fmt(s.volumeInAnyZoneMl, 2)} mL in any zone{s.warning ? ' ⚠' : ''}
        </div>
      ))}
    </section>
  );
}
