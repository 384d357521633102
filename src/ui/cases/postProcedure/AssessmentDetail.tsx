import type { PostProcedureResult } from '../../../records';
import { ACCEPTABLE_NEEDLE_ERROR_MM, fillRows, leakRows, mlText, needleRows, registrationView, type ErrorGrade, type PlanLabels } from '../../../records/postProcedureView';
import { FillBars } from './FillBars';

const gradeClass = (g: ErrorGrade): string => (g === null ? 'nowrap' : `nowrap ppa-${g}`);
/** "2.0 mm", or "—" alone when there is no number. */
const mm = (v: string): string => (v === '—' ? v : `${v} mm`);
const gradeTitle = (g: ErrorGrade): string | undefined =>
  g === null ? undefined : g === 'within' ? `Within the ${ACCEPTABLE_NEEDLE_ERROR_MM} mm acceptable error` : `Beyond the ${ACCEPTABLE_NEEDLE_ERROR_MM} mm acceptable error`;

/**
 * One assessment's numbers: the cone-beam CT, the registration, each needle against its plan
 * (errors coloured against the 2.7 mm acceptable error), the cement with the fill of each lesion
 * as bars, and each leak with its class in words and the nearest structure at risk.
 */
export function AssessmentDetail({ result: r, labels }: { result: PostProcedureResult; labels: PlanLabels }) {
  const reg = registrationView(r.registration);
  const needles = needleRows(r, labels);
  const leaks = leakRows(r);
  return (
    <div className="ppa-detail">
      <div className="ppa-block" data-testid="pp-registration">
        <h4>Registration <span className={reg.ok ? 'ppa-within' : 'ppa-beyond'}>{reg.status}</span></h4>
        <table className="ppa-kv">
          <tbody>
            <tr><th>Cone-beam CT</th><td className="mono" title={`Study ${r.cbct.studyInstanceUID}`}>series {r.cbct.seriesInstanceUID}</td></tr>
            <tr><th>Rotation</th><td data-testid="pp-rotation">{reg.rotation}</td></tr>
            <tr><th>Translation</th><td data-testid="pp-translation">{reg.translation}</td></tr>
            <tr><th>Residual</th><td data-testid="pp-residual">{reg.residual}</td></tr>
            <tr><th>Transform</th><td>{reg.source} · {(r.registration.elapsedMs / 1000).toFixed(1)} s · {r.method}</td></tr>
          </tbody>
        </table>
      </div>
      <div className="ppa-block" data-testid="pp-needles">
        <h4>Needles <span className="muted small">(acceptable error {ACCEPTABLE_NEEDLE_ERROR_MM} mm)</span></h4>
        {needles.length === 0 ? <div className="muted">The plan has no needle.</div> : (
          <table className="ppa-table">
            <thead><tr><th>Needle</th><th>Entry error</th><th>Tip error</th><th>Angle</th><th>Depth reached</th></tr></thead>
            <tbody>
              {needles.map((n) => (
                <tr key={n.trajectoryId} data-testid="pp-needle" className={n.missing ? 'ppa-missing' : ''}>
                  <td title={n.found}>{n.name}{n.missing ? ' — not found' : n.found === 'placed by hand' ? ' (placed by hand)' : ''}</td>
                  <td className={gradeClass(n.entryGrade)} title={n.entryGrade ? gradeTitle(n.entryGrade) : n.missing ? 'Needle not found' : 'Skin entry outside the cone-beam field of view'}>{mm(n.entryErrorMm)}</td>
                  <td className={gradeClass(n.tipGrade)} title={gradeTitle(n.tipGrade)} data-testid="pp-tip-error">{mm(n.tipErrorMm)}</td>
                  <td className="nowrap">{n.angleDeg === '—' ? '—' : `${n.angleDeg}°`}</td>
                  <td className="nowrap">{n.depth}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="ppa-block" data-testid="pp-cement">
        <h4>Cement <b data-testid="pp-cement-total">{mlText(r.cement.volumeMl)} mL</b> <span className="muted small">threshold {Math.round(r.cement.thresholdHu)} HU</span></h4>
        <FillBars rows={fillRows(r, labels)} />
      </div>
      <div className="ppa-block" data-testid="pp-leaks">
        <h4>Leaks ({leaks.length})</h4>
        {leaks.length === 0 ? <div className="muted">No leak: all cement within the bone.</div> : (
          <table className="ppa-table">
            <thead><tr><th>Where</th><th>Volume</th><th>Nearest structure at risk</th></tr></thead>
            <tbody>
              {leaks.map((l) => (
                <tr key={l.id} data-testid="pp-leak" className={l.flagged ? 'ppa-flagged' : ''}>
                  <td>{l.location}</td>
                  <td className="nowrap">{l.volume}</td>
                  <td>{l.flagged ? '⚠ ' : ''}{l.near}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {r.warnings.length > 0 && (
        <ul className="ppa-warnings" data-testid="pp-warnings">
          {r.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
    </div>
  );
}
