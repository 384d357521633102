import type { BoardItem, CaseDocument } from '../../../records';
import { BOARD_RECOMMENDATIONS } from '../../../records';
import { clockText, type MeetingTimes } from './discussionTimes';
import { patientLabel } from './caseCard';
import type { Loaded } from './usePresenterData';

/** The meeting summary (key M): per-case discussion times, the median and total, and the decisions recorded. */
export function MeetingSummary({ items, cases, times, hideIdentifiers, onClose, onPick }: {
  items: readonly BoardItem[];
  cases: ReadonlyMap<string, Loaded<CaseDocument>>;
  times: MeetingTimes;
  hideIdentifiers: boolean;
  onClose: () => void;
  onPick: (index: number) => void;
}) {
  return (
    <div className="present-overlay" role="dialog" aria-label="Meeting summary" data-testid="meeting-summary">
      <div className="present-summary">
        <div className="present-summary-head">
          <h2>Meeting summary</h2>
          <button onClick={onClose} title="Close (Esc or M)">Close</button>
        </div>
        <table className="present-summary-table">
          <thead><tr><th>#</th><th>Case</th><th>Discussion (mm:ss)</th><th>Decision</th></tr></thead>
          <tbody>
            {items.map((it, k) => {
              const c = cases.get(it.caseId);
              const t = times.cases[k];
              return (
                <tr key={it.caseId} data-testid="summary-row">
                  <td>{k + 1}</td>
                  <td><button className="linkish" onClick={() => onPick(k)}>{!c || 'error' in c ? it.caseId.slice(0, 8) : `${patientLabel(c, hideIdentifiers)}${c.title ? ` · ${c.title}` : ''}`}</button></td>
                  <td className="mono" data-testid="summary-time">{t?.discussed ? `${clockText(t.seconds)}${t.running ? ' (running)' : ''}` : 'not discussed'}</td>
                  <td>{it.decision ? it.decision.recommendations.map((r) => BOARD_RECOMMENDATIONS[r]).join(' + ') : <span className="muted">none recorded</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <p className="present-summary-stats">
          <span>Median per discussed case: <b className="mono" data-testid="summary-median">{clockText(times.medianSeconds)}</b></span>
          <span>Total: <b className="mono" data-testid="summary-total">{clockText(times.discussedCount ? times.totalSeconds : null)}</b></span>
          <span>{times.discussedCount} of {items.length} cases discussed</span>
        </p>
      </div>
    </div>
  );
}
