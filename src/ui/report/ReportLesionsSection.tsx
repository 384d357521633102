import type { LesionContent } from '../../planning/records/lesionContent';
import type { TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { deviceById } from '../../planning/devices/deviceById';
import { estimateCementVolume } from '../../planning/trajectory/cementVolume';
import { siteText } from '../plan/planLabels';
import { num } from './reportFormat';

/**
 * The plan's lesions: site, size and volume from the segmentation, coverage and minimum margin by
 * the lethal zone (the server's zoneMetrics), and the cement estimate for those a bone access needle
 * treats (the plan panel's rule, see cementVolume.ts).
 */
export function ReportLesionsSection({ lesions, trajectories }: { lesions: LesionContent; trajectories: TrajectoryContent }) {
  const catalogue = defaultCatalogue();
  const zones = trajectories.zoneMetrics;
  const cementFor = (lesionId: string) =>
    trajectories.trajectories.some((t) => t.lesionId === lesionId && deviceById(catalogue, t.deviceId)?.kind === 'bone-access-needle');
  return (
    <section className="report-section" data-testid="report-lesions">
      <h2>Lesions (plan)</h2>
      {lesions.lesions.length === 0 ? <p className="muted">The plan has no lesion.</p> : (
        <table className="report-table">
          <thead>
            <tr><th>Lesion</th><th>Site</th><th>Diameters (mm)</th><th>Volume</th><th>Coverage (lethal zone)</th><th>Min. margin</th><th>Cement estimate</th></tr>
          </thead>
          <tbody>
            {lesions.lesions.map((l) => {
              const m = l.measurements;
              const z = zones?.lesions.find((x) => x.lesionId === l.id);
              const cement = cementFor(l.id) && m ? estimateCementVolume(m.volumeMl, l.type) : null;
              return (
                <tr key={l.id} data-testid="report-lesion-row">
                  <td>{l.label || l.id}{l.type ? ` (${l.type})` : ''}</td>
                  <td>{siteText(l.site)}{l.side ? `, ${l.side}` : ''}</td>
                  <td className="nowrap">{m ? `${m.principalDiametersMm.map((d) => num(d)).join(' × ')}` : '—'}{m && <div className="small">longest axial {num(m.longestAxialDiameterMm)}</div>}</td>
                  <td className="nowrap">{m ? `${num(m.volumeMl)} mL` : '—'}</td>
                  <td className="nowrap" data-testid="report-coverage">{z ? `${num(z.coveragePercent, 0)} %` : '—'}{z && <div className="small">{num(z.coveredVolumeMl)} of {num(z.lesionVolumeMl)} mL</div>}</td>
                  <td className="nowrap" data-testid="report-margin">{z ? `${z.marginCapped ? '≥ ' : ''}${num(z.minMarginMm)} mm` : '—'}</td>
                  <td data-testid="report-cement">
                    {cement ? <><span className="nowrap">≈ {num(cement.estimateMl)} mL ({num(cement.lowMl)}–{num(cement.highMl)} mL)</span><div className="small">{cement.rule}</div></> : '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {!zones && trajectories.trajectories.length > 0 && <p className="muted small">No zone metrics: the plan has no ablation device with zones, or they were not computed on save.</p>}
      <p className="small muted">Diameters: the lesion's three principal diameters from its segmentation. Coverage: the share of the lesion inside the lethal composite zone; minimum margin: the smallest signed distance from the lesion surface to the lethal zone boundary (negative: part of the lesion lies outside).</p>
    </section>
  );
}
