import { missingPreparation, type BoardItem, type CaseDocument } from '../../../records';
import { clockText, type CaseTime } from './discussionTimes';
import { patientLabel } from './caseCard';
import type { Loaded } from './usePresenterData';

/**
 * The agenda at a glance: order, case label, ready / discussed / decided marks, and each case's
 * discussion time (the running one marked). Clicking a case goes there.
 */
export function AgendaStrip({ items, cases, times, current, hideIdentifiers, onPick }: {
  items: readonly BoardItem[];
  cases: ReadonlyMap<string, Loaded<CaseDocument>>;
  times: readonly CaseTime[];
  current: number;
  hideIdentifiers: boolean;
  onPick: (index: number) => void;
}) {
  return (
    <nav className="present-agenda" aria-label="Agenda">
      <ol data-testid="present-agenda">
        {items.map((it, k) => {
          const c = cases.get(it.caseId);
          const label = !c ? it.caseId.slice(0, 8) : 'error' in c ? 'Unreadable case' : `${patientLabel(c, hideIdentifiers)}${c.title ? ` · ${c.title}` : ''}`;
          const t = times[k];
          const ready = missingPreparation(it.preparation).length === 0;
          return (
            <li key={it.caseId} className={k === current ? 'current' : ''} data-testid="present-agenda-item" data-case-id={it.caseId}>
              <button onClick={() => onPick(k)} aria-current={k === current ? 'step' : undefined}>
                <span className="present-agenda-no">{k + 1}</span>
                <span className="present-agenda-label">{label}</span>
                <span className="present-marks">
                  <span className={ready ? 'mark ok' : 'mark off'} title={ready ? 'Prepared' : `Missing: ${missingPreparation(it.preparation).join(', ')}`}>{ready ? 'ready' : 'not ready'}</span>
                  {(it.status === 'discussed' || t?.discussed) && <span className="mark ok" title="Discussed">discussed</span>}
                  {it.decision && <span className="mark decided" title="Decision recorded">decided</span>}
                  {it.status === 'deferred' && <span className="mark off">deferred</span>}
                  <span className={`present-agenda-time mono${t?.running ? ' running' : ''}`} data-testid="agenda-time">{t?.running ? '● ' : ''}{t?.discussed ? clockText(t.seconds) : '—'}</span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
