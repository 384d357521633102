import { useCallback, useEffect, useState } from 'react';
import { boardMeetingApi, type OpenDecision } from '../../../api/boardMeeting';
import { errorText } from '../../../api/apiProblem';
import { useRoles } from '../../auth/authStore';
import { visibleActions } from '../../auth/roleActions';
import { navigate } from '../../useNavigation';
import { localToday } from '../isoText';
import { FollowThroughControls } from './FollowThroughControls';
import { isOverdue, recommendationText } from './decisionText';
import './decision.css';

const link = (to: string, text: string, testId?: string) => (
  <a href={to} onClick={(e) => { e.preventDefault(); navigate(to); }} data-testid={testId}>{text}</a>
);

/**
 * Decisions not yet followed through, oldest meeting first: meeting, date, case, the
 * recommendation, who acts and by when (late ones highlighted), with the follow-through
 * buttons inline for accounts that may record them.
 */
export function OpenDecisions() {
  const [rows, setRows] = useState<OpenDecision[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const { decideBoard } = visibleActions(useRoles());
  const load = useCallback(() => {
    boardMeetingApi.openDecisions().then(
      (d) => { setRows(d); setError(undefined); },
      (e: unknown) => setError(`The open decisions could not be listed: ${errorText(e)}`),
    );
  }, []);
  useEffect(load, [load]);
  const today = localToday();

  return (
    <section className="open-decisions" data-testid="open-decisions">
      <h3>Open decisions{rows ? ` (${rows.length})` : ''}</h3>
      {error && <div className="error-banner">{error}</div>}
      {!rows && !error && <div className="muted">Loading decisions…</div>}
      {rows && (
        <table className="studies decision-table">
          <colgroup><col style={{ width: '15%' }} /><col style={{ width: '95px' }} /><col style={{ width: '16%' }} /><col /><col style={{ width: '13%' }} /><col style={{ width: '95px' }} /><col style={{ width: decideBoard ? '30%' : '0' }} /></colgroup>
          <thead>
            <tr><th>Meeting</th><th>Date</th><th>Case</th><th>Recommendation</th><th>Who acts</th><th>Due</th><th>{decideBoard ? 'Follow-through' : ''}</th></tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const late = isOverdue(r.decision, today);
              return (
                <tr key={r.decision.id} className={late ? 'overdue' : ''} data-testid="open-decision" data-case-id={r.caseId}>
                  <td>{link(`/boards/${r.boardId}`, r.boardTitle)}</td>
                  <td className="mono">{r.meetingDate}</td>
                  <td className="phi">{link(`/cases/${r.caseId}`, r.caseTitle || r.caseId.slice(0, 8))}</td>
                  <td data-testid="open-recommendation">{recommendationText(r.decision)}</td>
                  <td>{r.decision.actionBy}</td>
                  <td className="mono due" data-testid="open-due" title={late ? 'Overdue' : undefined}>{r.decision.dueDate ?? '—'}{late ? ' · overdue' : ''}</td>
                  <td>{decideBoard && <FollowThroughControls boardId={r.boardId} caseId={r.caseId} onDone={load} />}</td>
                </tr>
              );
            })}
            {!rows.length && <tr><td colSpan={7} className="muted">No decision is waiting for its follow-through.</td></tr>}
          </tbody>
        </table>
      )}
    </section>
  );
}
