import type { CaseContent } from '../../records';

interface Point {
  date: string;
  label: string;
  pain: number | null;
  mme: number | null;
}

/**
 * Pain and opioid points over time: the baseline from the case, then each follow-up. The
 * baseline is dated by the pain assessment, else by the decision — unless that decision is dated
 * after the first follow-up (a board decision recorded later, e.g. on a recurrence), when the
 * baseline's date is unknown rather than out of order.
 */
export function followUpSeries(c: CaseContent): Point[] {
  const firstFollowUp = c.followUps.reduce<string | undefined>((min, f) => (min === undefined || f.date < min ? f.date : min), undefined);
  const decided = c.decision.date && (!firstFollowUp || c.decision.date <= firstFollowUp) ? c.decision.date : null;
  const baseline: Point = {
    date: c.pain.assessedOn ?? decided ?? '',
    label: 'Baseline',
    pain: c.pain.onWeightBearing ?? c.pain.atRest,
    mme: c.analgesics.mme?.totalMmePerDay ?? null,
  };
  const rest = [...c.followUps]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((f) => ({
      date: f.date,
      label: f.label || f.date,
      pain: f.pain.onWeightBearing ?? f.pain.atRest,
      mme: f.opioidFree ? 0 : (f.analgesics.mme?.totalMmePerDay ?? null),
    }));
  return baseline.date || baseline.pain !== null ? [baseline, ...rest] : rest;
}

/**
 * Pain score (0–10, left axis) and opioid dose (MME/day, right axis) at baseline and each
 * follow-up: the picture the tumour board looks at to judge the outcome.
 */
export function FollowUpChart({ content }: { content: CaseContent }) {
  const pts = followUpSeries(content);
  if (pts.length === 0) return <div className="muted">No pain scores or follow-ups yet.</div>;
  const W = 560;
  const H = 200;
  const m = { l: 40, r: 56, t: 14, b: 36 };
  const maxMme = Math.max(10, ...pts.map((p) => p.mme ?? 0));
  const x = (i: number): number => m.l + (pts.length === 1 ? (W - m.l - m.r) / 2 : (i * (W - m.l - m.r)) / (pts.length - 1));
  const yPain = (v: number): number => m.t + (1 - v / 10) * (H - m.t - m.b);
  const yMme = (v: number): number => m.t + (1 - v / maxMme) * (H - m.t - m.b);
  const line = (f: (p: Point) => number | null, y: (v: number) => number): string =>
    pts
      .map((p, i) => [i, f(p)] as const)
      .filter(([, v]) => v !== null)
      .map(([i, v], k) => `${k === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v as number).toFixed(1)}`)
      .join(' ');
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} width={W} height={H} data-testid="followup-chart" role="img" aria-label="Pain score and opioid dose over time">
      {[0, 2, 4, 6, 8, 10].map((v) => (
        <g key={v}>
          <line x1={m.l} x2={W - m.r} y1={yPain(v)} y2={yPain(v)} className="grid" />
          <text x={m.l - 6} y={yPain(v) + 4} textAnchor="end" className="axis pain">
            {v}
          </text>
        </g>
      ))}
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={W - m.r + 6} y={yMme(maxMme * f) + 4} className="axis mme">
          {Math.round(maxMme * f)}
        </text>
      ))}
      <text x={12} y={m.t + 60} className="axis pain" transform={`rotate(-90 12 ${m.t + 60})`} textAnchor="middle">
        Pain (NRS 0–10)
      </text>
      <text x={W - 8} y={m.t + 60} className="axis mme" transform={`rotate(90 ${W - 8} ${m.t + 60})`} textAnchor="middle">
        Opioids (MME/day)
      </text>
      <path d={line((p) => p.mme, yMme)} className="series mme" />
      <path d={line((p) => p.pain, yPain)} className="series pain" />
      {pts.map((p, i) => (
        <g key={i}>
          {p.pain !== null && <circle cx={x(i)} cy={yPain(p.pain)} r={4} className="dot pain" data-pain={p.pain} />}
          {p.mme !== null && <rect x={x(i) - 3.5} y={yMme(p.mme) - 3.5} width={7} height={7} className="dot mme" data-mme={p.mme} />}
          <text x={x(i)} y={H - m.b + 16} textAnchor="middle" className="axis">
            {p.label}
          </text>
          <text x={x(i)} y={H - m.b + 29} textAnchor="middle" className="axis small">
            {p.date}
          </text>
        </g>
      ))}
    </svg>
  );
}
