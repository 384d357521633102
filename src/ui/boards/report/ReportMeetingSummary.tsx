import { clockText } from '../present/discussionTimes';
import type { BoardReportModel } from './boardReportModel';

/** The meeting summary: cases discussed, each case's and the median discussion time, decisions open. */
export function ReportMeetingSummary({ model }: { model: BoardReportModel }) {
  const s = model.summary;
  return (
    <section className="report-section report-keep" data-testid="board-report-summary">
      <h2>Meeting summary</h2>
      <table className="report-kv">
        <tbody>
          <tr><th>Cases discussed</th><td data-testid="board-report-discussed">{s.discussed} of {s.cases}</td></tr>
          <tr><th>Median time</th><td data-testid="board-report-median">{s.medianSeconds === null ? '— (no case timed)' : `${clockText(s.medianSeconds)} (mm:ss) per case discussed`}</td></tr>
          <tr><th>Total time</th><td>{clockText(s.totalSeconds)} (mm:ss)</td></tr>
          <tr><th>Decisions open</th><td data-testid="board-report-open">{s.decisionsOpen} recorded, not yet followed through{s.undecided ? ` · ${s.undecided} case${s.undecided === 1 ? '' : 's'} without a decision` : ''}</td></tr>
        </tbody>
      </table>
      <table className="report-table">
        <thead><tr><th>#</th><th>Case</th><th>Discussion (mm:ss)</th></tr></thead>
        <tbody>
          {model.items.map((e, k) => (
            <tr key={e.item.caseId}><td>{k + 1}</td><td className="phi">{e.label}</td><td>{e.discussed ? clockText(e.seconds) : '—'}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
