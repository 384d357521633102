import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { boardMeetingApi } from '../../../api/boardMeeting';
import { errorText } from '../../../api/apiProblem';
import { navigate } from '../../useNavigation';
import { setPreferences, usePreferences } from '../../preferences';
import { useRoles } from '../../auth/authStore';
import { visibleActions } from '../../auth/roleActions';
import { DecisionForm } from '../decision/DecisionForm';
import { AgendaStrip } from './AgendaStrip';
import { CommentsPanel } from './CommentsPanel';
import { KeyImagesPanel } from './KeyImagesPanel';
import { MeetingSummary } from './MeetingSummary';
import { SummaryCard } from './SummaryCard';
import { clockText, meetingTimes, runningCase } from './discussionTimes';
import { isTyping, movedIndex, presenterAction } from './presenterKeys';
import { usePresenterData } from './usePresenterData';
import './present.css';

/** The `?case=<id>` of the address: the presenter reopens on the case it showed. */
const caseParam = (): string | null => new URLSearchParams(location.search).get('case');

/**
 * `/boards/<id>/present` (issue 14, "Presenting"): one case at a time on a full-screen, no-scroll
 * page — the agenda at a glance, the summary card beside the key images, comments and the decision.
 * The presenter (case.write) starts and stops each case's discussion (S); moving on while one runs
 * starts the next. Everyone else follows the running discussion (polled every 2 s) unless they
 * switch "Follow presenter" off.
 */
export function PresenterPage({ boardId }: { boardId: string }) {
  const data = usePresenterData(boardId);
  const { board, setBoard } = data;
  const { hideIdentifiers } = usePreferences();
  const roles = useRoles();
  const { editCase: canPresent, commentBoard } = visibleActions(roles);
  const [index, setIndex] = useState(0);
  const [placed, setPlaced] = useState(false);
  const [follow, setFollow] = useState(!canPresent);
  const [overlay, setOverlay] = useState(true);
  const [summary, setSummary] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const root = useRef<HTMLDivElement>(null);

  const items = useMemo(() => board?.items ?? [], [board]);
  const running = runningCase(items);
  const times = useMemo(() => meetingTimes(items, now), [items, now]);
  const count = items.length;
  const current = Math.min(index, Math.max(0, count - 1));
  const item = items[current];

  // The first meeting read places the presenter on ?case= (or the running case when following).
  useEffect(() => {
    if (!board || placed) return;
    const wanted = caseParam() ?? (follow ? running : null);
    const k = wanted ? board.items.findIndex((i) => i.caseId === wanted) : -1;
    if (k >= 0) setIndex(k);
    setPlaced(true);
  }, [board, placed, follow, running]);

  // Keep the address on the case shown, so a reload or a shared link opens it.
  useEffect(() => {
    if (!item) return;
    const q = new URLSearchParams(location.search);
    if (q.get('case') === item.caseId) return;
    q.set('case', item.caseId);
    history.replaceState(history.state, '', `${location.pathname}?${q.toString()}`);
  }, [item]);

  // Follow mode: go to the case the presenter is discussing.
  useEffect(() => {
    if (!follow || !running || running === item?.caseId) return;
    const k = items.findIndex((i) => i.caseId === running);
    if (k >= 0) setIndex(k);
  }, [follow, running, items, item]);

  // The running clock ticks once a second, only while a discussion runs.
  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [running]);

  useEffect(() => {
    const onChange = (): void => setFullscreen(!!document.fullscreenElement);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const discussion = useCallback(
    async (caseId: string, event: 'start' | 'stop'): Promise<void> => {
      setBusy(true);
      try {
        setBoard(await boardMeetingApi.discussion(boardId, caseId, event));
        setNotice(undefined);
      } catch (e) {
        setNotice(`Discussion not ${event === 'start' ? 'started' : 'stopped'}: ${errorText(e)}`);
      } finally {
        setBusy(false);
      }
    },
    [boardId, setBoard],
  );

  /** Moves to case `k`; a presenter moving on while a discussion runs starts the new case's (the server stops the other). */
  const goTo = useCallback(
    (k: number, byHand: boolean): void => {
      const to = items[k];
      if (!to || k === current) return;
      setIndex(k);
      // Moving by hand away from the presenter's case stops following, or the next poll would pull the page back.
      if (byHand && follow && running && to.caseId !== running) setFollow(false);
      if (canPresent && running && running !== to.caseId) void discussion(to.caseId, 'start');
    },
    [items, current, follow, running, canPresent, discussion],
  );

  const toggleFullscreen = useCallback((): void => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void root.current?.requestFullscreen().catch((e: unknown) => setNotice(`Full screen refused by the browser: ${errorText(e)}`));
  }, []);

  const toggleDiscussion = useCallback((): void => {
    if (!item || !canPresent || busy) return;
    void discussion(item.caseId, running === item.caseId ? 'stop' : 'start');
  }, [item, canPresent, busy, running, discussion]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const action = presenterAction(e, isTyping(e.target));
      if (!action) return;
      if (action === 'close') {
        if (summary) setSummary(false);
        return;
      }
      e.preventDefault();
      if (action === 'fullscreen') toggleFullscreen();
      else if (action === 'discussion') toggleDiscussion();
      else if (action === 'summary') setSummary((s) => !s);
      else goTo(movedIndex(action, current, count), true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [summary, toggleFullscreen, toggleDiscussion, goTo, current, count]);

  if (data.loadError) return <div className="present present-message"><div className="error-banner">{data.loadError}</div><BackLink boardId={boardId} /></div>;
  if (!board) return <div className="present present-message"><div className="muted">Loading the meeting…</div></div>;

  const t = times.cases[current];
  const isRunning = !!item && running === item.caseId;
  return (
    <div className="present" ref={root} data-testid="presenter">
      <header className="present-head">
        <BackLink boardId={boardId} />
        <h1>{board.title} · <span className="mono">{board.date}</span></h1>
        <span className="present-pos" data-testid="present-position">Case {count ? current + 1 : 0} of {count}</span>
        <button onClick={() => goTo(movedIndex('previous', current, count), true)} disabled={current === 0} title="Previous case (←, ↑, Page Up)" data-testid="present-prev">◀ Previous</button>
        <button onClick={() => goTo(movedIndex('next', current, count), true)} disabled={current >= count - 1} title="Next case (→, ↓, Page Down)" data-testid="present-next">Next ▶</button>
        <span className={`present-clock mono${isRunning ? ' running' : ''}`} data-testid="discussion-clock" title="This case's discussion time (mm:ss)">
          {isRunning ? '● ' : ''}{clockText(t?.seconds ?? 0)}
        </span>
        {canPresent && item && (
          <button className={isRunning ? 'danger' : 'primary'} onClick={toggleDiscussion} disabled={busy} title="Start or stop this case's discussion (S)" data-testid="discussion-toggle">
            {isRunning ? 'Stop discussion' : 'Start discussion'}
          </button>
        )}
        <span className="spacer" />
        {running && running !== item?.caseId && <span className="present-elsewhere" data-testid="running-elsewhere">Discussing case {items.findIndex((i) => i.caseId === running) + 1}</span>}
        <label className="present-switch" title="Go to the case being discussed as the presenter moves on">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} data-testid="follow-toggle" /> Follow presenter
        </label>
        <label className="present-switch" title="Hide patient identifiers (real names); pseudonyms stay">
          <input type="checkbox" checked={hideIdentifiers} onChange={(e) => setPreferences({ hideIdentifiers: e.target.checked })} data-testid="present-hide-ids" /> Hide identifiers
        </label>
        <button onClick={() => setSummary((s) => !s)} title="Meeting summary: times and decisions (M)" data-testid="summary-toggle">Summary</button>
        <button onClick={toggleFullscreen} title="Full screen (F)" data-testid="fullscreen-toggle">{fullscreen ? 'Exit full screen' : 'Full screen'}</button>
      </header>
      {(notice ?? data.pollError) && <div className="present-notice" data-testid="present-notice">{notice ?? data.pollError}</div>}
      {!item ? (
        <main className="present-empty muted">No case on the agenda. Add cases on the meeting page.</main>
      ) : (
        <main className="present-body">
          <AgendaStrip items={items} cases={data.cases} times={times.cases} current={current} hideIdentifiers={hideIdentifiers} onPick={(k) => goTo(k, true)} />
          <SummaryCard item={item} caseDoc={data.cases.get(item.caseId)} plan={item.preparation.planAttached ? data.plans.get(item.preparation.planAttached) : undefined} hideIdentifiers={hideIdentifiers} index={current} count={count} />
          <KeyImagesPanel caseId={item.caseId} overlay={overlay} onOverlay={setOverlay} />
          <aside className="present-side">
            <CommentsPanel boardId={boardId} caseId={item.caseId} comments={data.comments} loadError={data.commentsError} canComment={commentBoard} onAdded={data.refreshComments} />
            <section className="present-decision" data-testid="present-decision">
              <h3>Decision</h3>
              <DecisionForm key={`${item.caseId}-${item.decision?.id ?? 'none'}`} boardId={boardId} item={item} onSaved={data.setBoard} collapsed />
            </section>
          </aside>
        </main>
      )}
      {summary && <MeetingSummary items={items} cases={data.cases} times={times} hideIdentifiers={hideIdentifiers} onClose={() => setSummary(false)} onPick={(k) => { setSummary(false); goTo(k, true); }} />}
    </div>
  );
}

function BackLink({ boardId }: { boardId: string }) {
  return <a className="nav" href={`/boards/${boardId}`} onClick={(e) => { e.preventDefault(); navigate(`/boards/${boardId}`); }} title="Back to the meeting page">← Meeting</a>;
}
