import type { SubmissionSummary } from '../../api/exercises';
import { CHART, chartPoints, niceMax } from './attempts';

const TARGET_COLOUR = '#3fa7ff';
const COVERAGE_COLOUR = '#52d273';

/**
 * One trainee's attempts over time: mean target error (mm, left axis, blue) and lethal-zone
 * coverage (%, right axis 0–100, green), one point per attempt, an unsafe attempt's point ringed red.
 */
export function AttemptsChart({ attempts }: { attempts: readonly SubmissionSummary[] }) {
  const errors = attempts.map((a) => a.score.targetErrorMm);
  const maxErr = niceMax(Math.max(0, ...errors.map((v) => v ?? 0)));
  const err = chartPoints(errors, maxErr);
  const cov = chartPoints(attempts.map((a) => a.score.coveragePct), 100);
  const ticks = chartPoints(attempts.map(() => 0), 1);
  const bottom = CHART.height - CHART.bottom;
  const line = (pts: typeof err) => pts.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return (
    <svg className="ex-chart" data-testid="ex-chart" width={CHART.width} height={CHART.height} viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label="Target error and coverage per attempt">
      <line x1={CHART.left} y1={bottom} x2={CHART.width - CHART.right} y2={bottom} className="ex-axis" />
      <line x1={CHART.left} y1={CHART.top} x2={CHART.left} y2={bottom} className="ex-axis" />
      <line x1={CHART.width - CHART.right} y1={CHART.top} x2={CHART.width - CHART.right} y2={bottom} className="ex-axis" />
      <text x={CHART.left - 4} y={CHART.top + 8} textAnchor="end" fill={TARGET_COLOUR}>{maxErr} mm</text>
      <text x={CHART.left - 4} y={bottom} textAnchor="end" fill={TARGET_COLOUR}>0</text>
      <text x={CHART.width - CHART.right + 4} y={CHART.top + 8} fill={COVERAGE_COLOUR}>100%</text>
      <text x={CHART.width - CHART.right + 4} y={bottom} fill={COVERAGE_COLOUR}>0%</text>
      {attempts.map((a, i) => <text key={a.id} x={ticks[i]?.x ?? 0} y={CHART.height - 6} textAnchor="middle" className="ex-tick">{a.attempt}</text>)}
      {err.length > 1 && <polyline points={line(err)} fill="none" stroke={TARGET_COLOUR} strokeWidth={2} />}
      {cov.length > 1 && <polyline points={line(cov)} fill="none" stroke={COVERAGE_COLOUR} strokeWidth={2} strokeDasharray="5 3" />}
      {err.map((p) => (
        <circle key={`e${p.attempt}`} cx={p.x} cy={p.y} r={4} fill={TARGET_COLOUR} stroke={attempts[p.attempt - 1]?.score.safe === false ? '#ff5d5d' : 'none'} strokeWidth={2}>
          <title>{`Attempt ${p.attempt}: target error ${p.value.toFixed(1)} mm`}</title>
        </circle>
      ))}
      {cov.map((p) => (
        <rect key={`c${p.attempt}`} x={p.x - 3.5} y={p.y - 3.5} width={7} height={7} fill={COVERAGE_COLOUR}>
          <title>{`Attempt ${p.attempt}: coverage ${p.value.toFixed(0)}%`}</title>
        </rect>
      ))}
    </svg>
  );
}
