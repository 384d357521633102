import type { TeachingStatus } from '../../records';

const LABELS: Readonly<Record<TeachingStatus, string>> = { draft: 'Draft', published: 'Published', hidden: 'Hidden' };

/** A teaching case's status as a coloured chip (draft amber, published green, hidden grey). */
export function StatusChip({ status }: { status: TeachingStatus }) {
  return <span className={`teach-chip teach-chip-${status}`} data-testid="teach-status-chip">{LABELS[status]}</span>;
}
