import { whenText } from '../../report/reportFormat';
import { clockText } from '../present/discussionTimes';
import { actionText, consensusText, followThroughText, recommendationText, trialText } from '../decision/decisionText';
import type { ReportItem } from './boardReportModel';
import type { PostProcedureLine } from '../postProcedure/postProcedureLines';

const STATUS = { pending: 'not discussed', discussed: 'discussed', deferred: 'deferred' } as const;

/** One agenda item in the meeting report: the case, reason and question, time, the decision and the comments. */
export function ReportCaseItem({ entry, index, postProcedure }: { entry: ReportItem; index: number; postProcedure?: readonly PostProcedureLine[] | { readonly error: string } }) {
  const { item, label, seconds, discussed, comments } = entry;
  const d = item.decision;
  return (
    <section className="report-section board-report-case" data-testid="board-report-case" data-case-id={item.caseId}>
      <h2><span className="phi">{index + 1}. {label}</span></h2>
      <table className="report-kv">
        <tbody>
          <tr><th>Reason</th><td>{item.reason}</td></tr>
          <tr><th>Question</th><td>{item.question}</td></tr>
          {postProcedure && 'error' in postProcedure && <tr><th>Post-procedure</th><td className="report-problem">The assessments could not be read: {postProcedure.error}</td></tr>}
          {postProcedure && !('error' in postProcedure) && postProcedure.map((l) => (
            <tr key={l.planId} data-testid="board-report-post-procedure" data-version={l.version}><th>Post-procedure</th><td>{l.body} <span className="muted small">({l.detail})</span></td></tr>
          ))}
          <tr><th>Discussion</th><td data-testid="board-report-time">{discussed ? `${clockText(seconds)} (mm:ss)` : 'not timed'} · {STATUS[item.status]}</td></tr>
        </tbody>
      </table>
      <h3>Decision</h3>
      {!d ? <p className="report-warn" data-testid="board-report-no-decision">No decision recorded.</p> : (
        <table className="report-kv" data-testid="board-report-decision">
          <tbody>
            <tr><th>Recommendation</th><td><strong data-testid="board-report-recommendation">{recommendationText(d)}</strong></td></tr>
            <tr><th>Rationale</th><td className="pre-wrap">{d.rationale}</td></tr>
            <tr><th>Agreement</th><td data-testid="board-report-consensus">{consensusText(d)}</td></tr>
            <tr><th>Trial</th><td>{trialText(d.trial)}</td></tr>
            <tr><th>Who acts</th><td>{actionText(d)}</td></tr>
            <tr><th>Recorded</th><td>{d.recordedBy}, {whenText(d.recordedAt)}</td></tr>
            <tr><th>Follow-through</th><td>{followThroughText(d.followThrough)}{d.followThrough && ` (${d.followThrough.recordedBy}, ${whenText(d.followThrough.recordedAt)})`}</td></tr>
          </tbody>
        </table>
      )}
      <h3>Comments ({comments.length})</h3>
      {comments.length === 0 ? <p className="muted">No comment.</p> : (
        <table className="report-table" data-testid="board-report-comments">
          <colgroup><col style={{ width: '24mm' }} /><col style={{ width: '30mm' }} /><col /></colgroup>
          <thead><tr><th>Who</th><th>When</th><th>Comment</th></tr></thead>
          <tbody>
            {comments.map((c) => (
              <tr key={c.id}><td>{c.by}</td><td className="nowrap">{whenText(c.at)}</td><td className="pre-wrap">{c.text}</td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
