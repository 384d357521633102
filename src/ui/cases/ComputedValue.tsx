import type { ReactNode } from 'react';

interface ScoreResultLike {
  total: number | null;
  category: string | null;
  missing: string[];
}

interface MmeLike {
  totalMmePerDay: number;
  tableId: string;
  tableVersion: string;
  lines: { name: string; factor: number; mmePerDay: number }[];
}

/** Shows what the records layer computed: score totals with their category, MME with its table. */
export function renderComputed(path: string, value: unknown): ReactNode {
  const key = path.split('.').at(-1);
  if (key === 'result') {
    const r = value as ScoreResultLike | null;
    if (!r) return <div className="computed muted">Score: enter the components</div>;
    return (
      <div className="computed" data-score={path}>
        Score: <b>{r.total ?? '—'}</b> {r.category ? r.category.replace(/-/g, ' ') : ''}
        {r.missing.length > 0 && <span className="muted"> · missing: {r.missing.join(', ')}</span>}
      </div>
    );
  }
  if (key === 'mme') {
    const m = value as MmeLike | null;
    if (!m) return <div className="computed muted">MME: no opioid with a dose</div>;
    return (
      <div className="computed" data-mme={path}>
        Opioids: <b>{m.totalMmePerDay.toFixed(1)} MME/day</b>{' '}
        <span className="muted">
          ({m.lines.map((l) => `${l.name} × ${l.factor}`).join(', ')}; table {m.tableId} {m.tableVersion})
        </span>
      </div>
    );
  }
  return null;
}
