import type { SubmissionScore } from '../../planning/exercise/submissionScore';
import { planningTime, scoreNumber } from './scoreFormat';

/**
 * A submission's score: the safety verdict first (an unsafe plan fails whatever else it scores),
 * then each needle against the expert's, the ablation against the expert's, and the effort.
 */
export function ScoreView({ score, attempt }: { score: SubmissionScore; attempt?: number }) {
  const violations = score.needles.flatMap((n) => n.violations.map((v) => ({ ...v, needle: n.label || n.trajectoryId })));
  return (
    <div className="ex-score" data-testid="ex-score">
      <div className={`ex-verdict ${score.safe ? 'ex-safe' : 'ex-unsafe'}`} data-testid="ex-verdict">
        {score.safe ? 'SAFE' : 'UNSAFE'}
        <span className="ex-verdict-detail">
          {attempt !== undefined && `Attempt ${attempt} · `}
          {score.violations} violation{score.violations === 1 ? '' : 's'} · closest {scoreNumber(score.closest?.distanceMm, 'mm')}
          {score.closest ? ` (${score.closest.label})` : ''}
        </span>
      </div>
      {violations.length > 0 && (
        <ul className="ex-violations" data-testid="ex-violations">
          {violations.map((v, i) => (
            <li key={i}>
              {v.needle}: {v.label} at {scoreNumber(v.distanceMm, 'mm')} (safety {scoreNumber(v.safetyDistanceMm, 'mm')}){v.crosses ? ' — crosses it' : ''}
            </li>
          ))}
        </ul>
      )}
      <h4>Needles against the expert's</h4>
      <table className="ex-table" data-testid="ex-needles">
        <thead>
          <tr><th>Needle</th><th className="num">Target</th><th className="num">Entry</th><th className="num">Angle</th><th className="num">Axial</th><th className="num">CC</th></tr>
        </thead>
        <tbody>
          {score.needles.map((n) => (
            <tr key={n.trajectoryId}>
              <td>{n.label || n.trajectoryId}{n.expertTrajectoryId === null ? ' (no expert needle)' : ''}</td>
              <td className="num">{scoreNumber(n.targetErrorMm, 'mm')}</td>
              <td className="num">{scoreNumber(n.entryErrorMm, 'mm')}</td>
              <td className="num">{scoreNumber(n.angleDeg, '°')}</td>
              <td className="num">{scoreNumber(n.axialDifferenceDeg, '°')}</td>
              <td className="num">{scoreNumber(n.craniocaudalDifferenceDeg, '°')}</td>
            </tr>
          ))}
          {score.needles.length > 1 && (
            <tr className="ex-mean">
              <td>Mean</td>
              <td className="num">{scoreNumber(score.targetErrorMm, 'mm')}</td>
              <td className="num">{scoreNumber(score.entryErrorMm, 'mm')}</td>
              <td className="num">{scoreNumber(score.angleDeg, '°')}</td>
              <td className="num">{scoreNumber(score.axialDifferenceDeg, '°')}</td>
              <td className="num">{scoreNumber(score.craniocaudalDifferenceDeg, '°')}</td>
            </tr>
          )}
          {!score.needles.length && <tr><td colSpan={6} className="muted">No needle planned</td></tr>}
        </tbody>
      </table>
      {score.unmatchedExpertTrajectoryIds.length > 0 && <div className="muted small-text">Expert needles you did not place: {score.unmatchedExpertTrajectoryIds.length}</div>}
      <h4>Ablation and effort</h4>
      <dl className="ex-facts" data-testid="ex-efficacy">
        <dt>Coverage</dt><dd>{scoreNumber(score.coveragePct, '%')} <span className="muted">expert {scoreNumber(score.expertCoveragePct, '%')}</span></dd>
        <dt>Min margin</dt><dd>{scoreNumber(score.minMarginMm, 'mm')} <span className="muted">expert {scoreNumber(score.expertMinMarginMm, 'mm')}</span></dd>
        <dt>Applicators</dt><dd>{score.applicators} <span className="muted">expert {score.expertApplicators}</span></dd>
        <dt>Planning time</dt><dd>{planningTime(score.planningTimeS)}</dd>
        <dt>Edits</dt><dd>{score.edits ?? '—'}</dd>
      </dl>
      {score.zoneOverlaps.length > 0 && (
        <div className="warn-text small-text" data-testid="ex-zone-overlaps">
          Your zones reach: {score.zoneOverlaps.map((z) => `${z.label} (${z.volumeInLethalMl.toFixed(1)} mL in the lethal zone, ${z.volumeInAnyZoneMl.toFixed(1)} mL in any zone)`).join('; ')}
        </div>
      )}
      {score.notes.length > 0 && <div className="muted small-text">{score.notes.join('; ')}</div>}
    </div>
  );
}
