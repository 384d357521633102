import { useEffect, useMemo, useState } from 'react';
import { usePreferences } from '../../preferences';
import { TopBar } from '../../TopBar';
import { navigate } from '../../useNavigation';
import { NOT_A_MEDICAL_DEVICE, whenText } from '../../report/reportFormat';
import { buildBoardReport } from './boardReportModel';
import { isBoardReportFailure, loadBoardReport, type BoardReportData, type BoardReportFailure } from './loadBoardReport';
import { ReportCaseItem } from './ReportCaseItem';
import { ReportMeetingSummary } from './ReportMeetingSummary';
import '../../report/planReport.css';
import './boardReport.css';

/**
 * `/boards/<id>/report`: the print-ready meeting report — attendees, then each case with its
 * reason, question, discussion time, the decision and the comments, and the meeting summary.
 * Same sheet as the plan report (white, A4 and Letter margins, rows never split); its own
 * named @page gives the footer "Page x / y". `data-ready` marks the root once loaded.
 */
export function BoardReportPage({ boardId }: { boardId: string }) {
  const [data, setData] = useState<BoardReportData | BoardReportFailure | undefined>();
  const { hideIdentifiers } = usePreferences();
  useEffect(() => {
    let live = true;
    void loadBoardReport(boardId).then((r) => live && setData(r));
    return () => {
      live = false;
    };
  }, [boardId]);
  useEffect(() => {
    if (data && !isBoardReportFailure(data)) document.title = `Meeting report — ${data.board.title} ${data.board.date}`;
  }, [data]);
  const ok = data && !isBoardReportFailure(data) ? data : undefined;

  return (
    <div className="page plan-report-screen" data-ready={data ? 'true' : undefined} data-testid="board-report-page">
      <div className="no-print">
        <TopBar title="Meeting report">
          <a className="nav" href={`/boards/${boardId}`} onClick={(e) => { e.preventDefault(); navigate(`/boards/${boardId}`); }}>Meeting</a>
          <button className="primary" data-testid="report-print" disabled={!ok} onClick={() => window.print()} title="Print (Ctrl+P)">Print</button>
        </TopBar>
      </div>
      <div className="plan-report board-report" data-testid="board-report">
        {!data && <p className="muted">Loading the meeting…</p>}
        {data && isBoardReportFailure(data) && (
          <div data-testid={data.notFound ? 'report-not-found' : 'report-error'}>
            <h1>Meeting report</h1>
            <p className="report-problem">{data.message}</p>
          </div>
        )}
        {ok && <Report data={ok} hideIdentifiers={hideIdentifiers} />}
        <p className="report-statement" data-testid="report-statement">{NOT_A_MEDICAL_DEVICE}</p>
      </div>
    </div>
  );
}

function Report({ data, hideIdentifiers }: { data: BoardReportData; hideIdentifiers: boolean }) {
  const { board } = data;
  const comments = 'error' in data.comments ? [] : data.comments;
  // Times are taken once, when the report opens: a running discussion counts up to then.
  const [now] = useState(() => Date.now());
  const model = useMemo(() => buildBoardReport(board, comments, data.cases, hideIdentifiers, now), [board, comments, data.cases, hideIdentifiers, now]);
  return (
    <article data-testid="report-ready">
      <header className="report-header">
        <div className="small muted">PercuPlan · tumour board meeting report</div>
        <h1 data-testid="report-title">{board.title}</h1>
        <div>Meeting of <strong className="nowrap">{board.date}</strong> · {board.status === 'closed' ? 'closed' : 'open'} · {board.items.length} case{board.items.length === 1 ? '' : 's'}</div>
      </header>
      {'error' in data.comments && <p className="report-problem">The comments could not be read: {data.comments.error}</p>}
      {data.casesError && <p className="report-problem">The case list could not be read ({data.casesError}): cases are named by their id.</p>}
      <section className="report-section report-keep" data-testid="board-report-attendees">
        <h2>Attendees</h2>
        {board.attendees.length === 0 ? <p className="muted">No attendee recorded.</p> : (
          <table className="report-table">
            <thead><tr><th>Name</th><th>Specialty</th><th>Attendance</th></tr></thead>
            <tbody>
              {board.attendees.map((a, k) => <tr key={k}><td>{a.name}</td><td>{a.specialty || '—'}</td><td>{a.present ? 'present' : 'absent'}</td></tr>)}
            </tbody>
          </table>
        )}
      </section>
      {model.items.map((e, k) => <ReportCaseItem key={e.item.caseId} entry={e} index={k} postProcedure={data.postProcedure.get(e.item.caseId)} />)}
      {!model.items.length && <p className="muted">No case on the agenda.</p>}
      <ReportMeetingSummary model={model} />
      <section className="report-section report-keep" data-testid="board-report-record">
        <h2>Report record</h2>
        <table className="report-kv">
          <tbody>
            <tr><th>Meeting</th><td>version {board.version} (meeting {board.id}), last saved by {board.updatedBy}, {whenText(board.updatedAt)}</td></tr>
            <tr><th>Software</th><td data-testid="report-software">PercuPlan {data.softwareVersion ?? '(version not answered by the server)'}</td></tr>
            <tr><th>Printed</th><td>{whenText(new Date(now).toISOString())}</td></tr>
          </tbody>
        </table>
      </section>
    </article>
  );
}
