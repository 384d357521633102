import { useEffect, useState } from 'react';
import { boardsApi, type BoardSummary } from '../../api/boards';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate } from '../useNavigation';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { localToday } from './isoText';
import { OpenDecisions } from './decision/OpenDecisions';
import './boards.css';

const PAGE = 50;

/** Tumour board meetings, coming first then past, with how many of each meeting's cases are ready. */
export function BoardListPage() {
  const [boards, setBoards] = useState<BoardSummary[] | undefined>();
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<string | undefined>();
  const [title, setTitle] = useState('Bone metastasis board');
  const [date, setDate] = useState(localToday());
  const { editCase } = visibleActions(useRoles());

  useEffect(() => {
    boardsApi.list({ limit: PAGE, offset }).then(
      (l) => {
        setBoards(l.boards);
        setTotal(l.total);
      },
      (e: unknown) => setError(`The meetings could not be listed: ${errorText(e)}`),
    );
  }, [offset]);

  const create = async (): Promise<void> => {
    const r = await boardsApi.create({ title, date, attendees: [], items: [] });
    if (r.ok) navigate(`/boards/${r.document.id}`);
    else setError(`No meeting created: ${r.problem.error}${r.problem.issues ? ` (${r.problem.issues.map((i) => i.path).join(', ')})` : ''}`);
  };

  const today = localToday();
  const coming = (boards ?? []).filter((b) => b.date >= today).reverse();
  const past = (boards ?? []).filter((b) => b.date < today);
  const table = (rows: BoardSummary[], testId: string) => (
    <table className="studies board-table" data-testid={testId}>
      <colgroup><col className="c-date" /><col /><col className="c-num" /><col className="c-num" /><col className="c-status" /></colgroup>
      <thead>
        <tr><th>Date</th><th>Board</th><th className="num">Cases</th><th className="num">Ready</th><th>Status</th></tr>
      </thead>
      <tbody>
        {rows.map((b) => (
          <tr key={b.id} data-board-id={b.id} className="clickable" onClick={() => navigate(`/boards/${b.id}`)}>
            <td className="mono">{b.date}</td>
            <td>{b.title}</td>
            <td className="num">{b.cases}</td>
            <td className="num">{b.ready} of {b.cases}</td>
            <td>{b.status === 'closed' ? 'Closed' : 'Open'}</td>
          </tr>
        ))}
        {!rows.length && <tr><td colSpan={5} className="muted">None</td></tr>}
      </tbody>
    </table>
  );

  return (
    <div className="page">
      <TopBar title="Tumour boards" />
      <main className="worklist boards">
        {editCase && (
          <div className="worklist-tools">
            <label>Board <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="new-board-title" /></label>
            <label>Date <input className="mono board-date" placeholder="YYYY-MM-DD" pattern="\d{4}-\d{2}-\d{2}" title="YYYY-MM-DD" value={date} onChange={(e) => setDate(e.target.value)} data-testid="new-board-date" /></label>
            <button className="primary" onClick={() => void create()} disabled={!title.trim() || !date} data-testid="new-board">New meeting</button>
          </div>
        )}
        {error && <div className="error-banner">{error}</div>}
        {!boards && !error && <div className="muted">Loading meetings…</div>}
        {boards && (
          <>
            <h3>Coming</h3>
            {table(coming, 'boards-coming')}
            <OpenDecisions />
            <h3>Past</h3>
            {table(past, 'boards-past')}
            {total > PAGE && (
              <div className="board-pager">
                <button className="small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Newer</button>
                <span className="muted">{offset + 1}–{Math.min(offset + PAGE, total)} of {total}</span>
                <button className="small" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Older</button>
              </div>
            )}
          </>
        )}
      </main>
    </div>
  );
}
