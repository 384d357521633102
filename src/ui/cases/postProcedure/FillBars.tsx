import type { FillRow } from '../../../records/postProcedureView';

/**
 * The fill of each planned lesion as horizontal bars (0–100 %), the number and the volumes
 * beside each: a picture the board reads at a glance. Fill is a descriptor, not an efficacy
 * score (Skeletal Radiol 2019), so the bars carry no colour judgement.
 */
export function FillBars({ rows }: { rows: readonly FillRow[] }) {
  if (!rows.length) return <div className="muted">No planned lesion to fill.</div>;
  const W = 460;
  const row = 22;
  const nameW = 170;
  const barW = 150;
  const H = rows.length * row + 16;
  return (
    <svg className="ppa-fill" viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label="Cement fill of each planned lesion (%)" data-testid="pp-fill-bars">
      {rows.map((r, k) => {
        const y = k * row;
        return (
          <g key={r.lesionId} data-testid="pp-fill-row" data-fill={r.fillPct.toFixed(1)}>
            <title>{`${r.name}: ${r.text}`}</title>
            <text x={nameW - 6} y={y + 15} textAnchor="end" className="ppa-fill-name">{r.name.length > 26 ? `${r.name.slice(0, 25)}…` : r.name}</text>
            <rect x={nameW} y={y + 4} width={barW} height={row - 8} className="ppa-fill-track" />
            <rect x={nameW} y={y + 4} width={(barW * r.fillPct) / 100} height={row - 8} className="ppa-fill-bar" />
            <text x={nameW + barW + 6} y={y + 15} className="ppa-fill-value">{r.text}</text>
          </g>
        );
      })}
      {[0, 50, 100].map((p) => (
        <text key={p} x={nameW + (barW * p) / 100} y={H - 2} textAnchor="middle" className="ppa-fill-axis">{p} %</text>
      ))}
    </svg>
  );
}
