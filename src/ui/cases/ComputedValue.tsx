import type { ReactNode } from 'react';
import { fieldLabelOf } from '../../records';

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
    // The score and its components by their label-table names, never their keys ("boneLesion").
    const scorePath = path.replace(/\.result$/, '');
    const name = fieldLabelOf(scorePath).label;
    if (!r) return <div className="computed muted">{name}: enter the components</div>;
    const missing = r.missing.map((k) => fieldLabelOf(`${scorePath}.components.${k}`).label.toLowerCase());
    return (
      <div className="computed" data-score={path}>
        {name}: <b>{r.total ?? '—'}</b> {r.category ? r.category.replace(/-/g, ' ') : ''}
        {missing.length > 0 && <span className="muted"> · missing: {missing.join(', ')}</span>}
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
          ({m.lines.length > 0 ? `${m.lines.map((l) => `${l.name} × ${l.factor}`).join(', ')}; ` : ''}table {m.tableId} {m.tableVersion})
        </span>
      </div>
    );
  }
  return null;
}
