import type { TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import { isAblationKind } from '../../planning/devices/deviceSchema';
import { num } from './reportFormat';

/**
 * The zone model of each ablation device setting the plan uses, every zone with its source,
 * conditions and tissue as the catalogue gives them, and the multi-probe model with its source.
 */
export function ReportZonesSection({ trajectories }: { trajectories: TrajectoryContent }) {
  const catalogue = defaultCatalogue();
  const used = new Map<string, { deviceId: string; zoneSetId: string | null; count: number }>();
  for (const t of trajectories.trajectories) {
    const device = deviceById(catalogue, t.deviceId);
    if (!device || !isAblationKind(device.kind)) continue;
    const key = `${t.deviceId}\u0000${t.zoneSetId ?? ''}`;
    const u = used.get(key) ?? { deviceId: t.deviceId, zoneSetId: t.zoneSetId, count: 0 };
    used.set(key, { ...u, count: u.count + 1 });
  }
  if (used.size === 0) return null;
  const zm = trajectories.zoneMetrics;
  return (
    <section className="report-section" data-testid="report-zones">
      <h2>Ablation zone models and their sources</h2>
      {[...used.values()].map(({ deviceId, zoneSetId, count }) => {
        const device = deviceById(catalogue, deviceId)!;
        const set = zoneSetOf(device, zoneSetId);
        return (
          <div key={`${deviceId}/${zoneSetId ?? ''}`} className="report-keep">
            <h3>{device.name} × {count}: {set ? set.label : 'no zones'}</h3>
            {!set ? <p className="report-problem">{device.zonesNote || 'No zones in the catalogue for this device.'}</p> : (
              <table className="report-table">
                <thead><tr><th>Zone</th><th>Size (⌀ × length)</th><th>Source</th><th>Conditions</th><th>Measured in</th></tr></thead>
                <tbody>
                  {set.zones.map((z) => (
                    <tr key={z.id}>
                      <td>{z.label}{z.lethal ? ' (lethal)' : ''}</td>
                      <td className="nowrap">{num(z.diameterMm)} × {num(z.lengthMm)} mm</td>
                      <td>{z.source}{z.generic ? ' — generic default, not a vendor figure' : ''}</td>
                      <td>{z.conditions}</td>
                      <td>{z.tissue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {device.synergy && (
              <p className="small">
                Several probes: {device.synergy.model} model (probes whose lethal zones lie within {num(device.synergy.synergyDistanceMm)} mm merge), calibrated on {device.synergy.source}; {device.synergy.conditions}; {device.synergy.tissue}.
              </p>
            )}
          </div>
        );
      })}
      {zm && <p className="small" data-testid="report-clusters">Composite zone: {zm.model}; {zm.clusters.map((c) => `${c.probeIds.length} probe${c.probeIds.length === 1 ? '' : 's'} (${c.probeIds.join(', ')}) grown ${num(c.growthMm)} mm`).join('; ')}.</p>}
      <p className="small muted">{catalogue.notice}</p>
    </section>
  );
}
