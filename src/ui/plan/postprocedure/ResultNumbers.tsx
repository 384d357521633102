import type { PostProcedureResult } from '../../../records/postProcedure';
import type { Matrix4 } from '../../../planning/postprocedure/rigid';
import { fillRows, leakRows, mlText, needleRows, registrationView, ACCEPTABLE_NEEDLE_ERROR_MM, type ErrorGrade, type PlanLabels } from '../../../records/postProcedureView';
import { transformNumbers } from './panelModel';

const gradeClass = (g: ErrorGrade): string => (g === 'within' ? 'pp-ok' : g === 'beyond' ? 'pp-bad' : '');
const fillColour = (pct: number): string => (pct >= 70 ? '#2f9e44' : pct >= 40 ? '#f59f00' : '#e03131');

/** The registration (with the transform on screen, nudges included), the needles, the cement and its leaks. */
export function ResultNumbers({ result, matrix, manual, labels }: { result: PostProcedureResult; matrix: Matrix4; manual: boolean; labels: PlanLabels }) {
  const reg = registrationView(result.registration);
  const t = transformNumbers(matrix, result.registration.region);
  const needles = needleRows(result, labels);
  const fills = fillRows(result, labels);
  const leaks = leakRows(result);
  return (
    <div className="pp-numbers" data-testid="pp-numbers">
      <h4>
        Registration <span className={reg.ok ? 'pp-ok' : 'pp-bad'} data-testid="pp-status">{reg.status}</span>
        {manual && <span className="badge pp-manual" data-testid="pp-manual">manually adjusted</span>}
      </h4>
      <div className="small-text" data-testid="pp-residual">Residual: {reg.residual}</div>
      <div className="small-text" data-testid="pp-rotation" data-rx={t.rotationDeg[0]} data-ry={t.rotationDeg[1]} data-rz={t.rotationDeg[2]}>
        Rotation: {t.rotation}
      </div>
      <div className="small-text" data-testid="pp-translation" data-tx={t.translationMm[0]} data-ty={t.translationMm[1]} data-tz={t.translationMm[2]}>
        Translation: {t.translation}
      </div>
      <div className="muted small-text">About the region centre; {manual ? 'adjusted by hand' : reg.source}, {(result.registration.elapsedMs / 1000).toFixed(1)} s on the server</div>

      <h4>Needles</h4>
      {needles.length === 0 ? (
        <div className="muted small-text">The plan has no needles.</div>
      ) : (
        <table className="pp-table" data-testid="pp-needles">
          <thead>
            <tr>
              <th>Needle</th>
              <th title="Planned skin entry to the actual one">Entry</th>
              <th title="Planned target to the actual tip">Tip</th>
              <th>Angle</th>
              <th>Depth reached</th>
            </tr>
          </thead>
          <tbody>
            {needles.map((n) => (
              <tr key={n.trajectoryId} data-testid="pp-needle-row" className={n.missing ? 'muted' : ''}>
                <td title={n.found}>{n.name}{n.missing ? ' (not found)' : ''}</td>
                <td className={gradeClass(n.entryGrade)}>{n.entryErrorMm} mm</td>
                <td className={gradeClass(n.tipGrade)}>{n.tipErrorMm} mm</td>
                <td>{n.angleDeg}°</td>
                <td>{n.depth}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="muted small-text">Green: within {ACCEPTABLE_NEEDLE_ERROR_MM} mm, the mean maximum error radiologists accept (de Jong 2018); red: beyond.</div>

      <h4>Cement</h4>
      <div data-testid="pp-cement">
        <b>{mlText(result.cement.volumeMl)} mL</b> in all <span className="muted small-text">(threshold {Math.round(result.cement.thresholdHu)} HU, needles left out)</span>
      </div>
      {fills.map((f) => (
        <div key={f.lesionId} className="coverage" data-testid="pp-fill" data-fill-pct={f.fillPct}>
          <div className="small-text">
            {f.name}: {f.text}
          </div>
          <div className="bar">
            <div style={{ width: `${f.fillPct}%`, background: fillColour(f.fillPct) }} />
          </div>
        </div>
      ))}
      <h4>Leaks {leaks.length ? `(${leaks.length})` : ''}</h4>
      {leaks.length === 0 ? (
        <div className="muted small-text" data-testid="pp-no-leak">No cement outside the bone.</div>
      ) : (
        <ul className="pp-leaks" data-testid="pp-leaks">
          {leaks.map((l) => (
            <li key={l.id} className={l.flagged ? 'pp-flagged' : ''} data-testid="pp-leak" data-flagged={l.flagged}>
              {l.flagged && '⚠ '}
              {l.location}, {l.volume}, {l.near}
            </li>
          ))}
        </ul>
      )}
      {result.warnings.length > 0 && (
        <ul className="pp-warnings small-text" data-testid="pp-warnings">
          {result.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
