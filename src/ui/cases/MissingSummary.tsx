import type { MissingField } from './missingForDecision';

/** Brings a field of the case form into view and puts the cursor in it. */
export function goToField(path: string): void {
  const el = document.querySelector<HTMLElement>(`.case-form [data-path="${CSS.escape(path)}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  const target = el.matches('input, select, textarea, button') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
  target?.focus({ preventScroll: true });
}

/** "Missing for a decision": the fields the meeting needs that this case leaves empty, each a link to the field. */
export function MissingSummary({ missing }: { missing: readonly MissingField[] }) {
  if (missing.length === 0) {
    return (
      <div className="missing-summary complete" data-testid="missing-for-decision">
        Everything the meeting needs for a decision is recorded.
      </div>
    );
  }
  return (
    <div className="missing-summary" data-testid="missing-for-decision">
      <b>Missing for a decision ({missing.length}):</b>{' '}
      {missing.map((m) => (
        <a key={m.path} href={`#${m.path}`} data-missing={m.path} onClick={(e) => { e.preventDefault(); goToField(m.path); }}>
          {m.label}
        </a>
      ))}
    </div>
  );
}
