import { useCallback, useEffect, useMemo, useState } from 'react';
import { missingPreparation, readiness, type BoardContent, type BoardDocument, type BoardItem, type BoardItemStatus, type BoardPreparation } from '../../records';
import { boardsApi, type BoardHistoryEntry, type BoardSaveOutcome } from '../../api/boards';
import { casesApi, type CaseSummary } from '../../api/cases';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate, setLeaveGuard } from '../useNavigation';
import { usePreferences } from '../preferences';
import { useAuth, useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { isoMinute } from './isoText';
import { DecisionForm } from './decision/DecisionForm';
import './boards.css';

type SaveProblem = Extract<BoardSaveOutcome, { ok: false }>['problem'] & { status: number };

const contentOf = (d: BoardDocument): BoardContent => ({ title: d.title, date: d.date, status: d.status, attendees: d.attendees, items: d.items });

const STATUSES: Record<BoardItemStatus, string> = { pending: 'Pending', discussed: 'Discussed', deferred: 'Deferred' };

/**
 * One tumour board meeting: attendees (present or not), the ordered agenda with each case's
 * reason, question and preparation checklist (who prepared it, when), and how many cases are
 * ready. Saves name the version they were based on; a concurrent edit is shown, never merged.
 */
export function BoardPage({ boardId }: { boardId: string }) {
  const [doc, setDoc] = useState<BoardDocument | undefined>();
  const [draft, setDraft] = useState<BoardContent | undefined>();
  const [problem, setProblem] = useState<SaveProblem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [history, setHistory] = useState<BoardHistoryEntry[]>([]);
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [newAttendee, setNewAttendee] = useState({ name: '', specialty: '' });
  const [newItem, setNewItem] = useState({ caseId: '', reason: '', question: '' });
  const { hideIdentifiers } = usePreferences();
  const { editCase } = visibleActions(useRoles());
  const auth = useAuth();
  const me = auth.status === 'signed-in' ? auth.user.username : '';

  const load = useCallback(async () => {
    try {
      const d = await boardsApi.get(boardId);
      setDoc(d);
      setDraft(contentOf(d));
      setProblem(undefined);
      setHistory(await boardsApi.history(boardId));
    } catch (e) {
      setLoadError(`The meeting could not be loaded: ${errorText(e)}`);
    }
  }, [boardId]);
  useEffect(() => void load(), [load]);
  useEffect(() => {
    casesApi.list().then((l) => setCases(l.cases), () => setCases([]));
  }, []);

  const dirty = useMemo(() => !!doc && !!draft && JSON.stringify(contentOf(doc)) !== JSON.stringify(draft), [doc, draft]);
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setLeaveGuard(() => window.confirm('The meeting has unsaved changes. Leave anyway and lose them?'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty]);

  const save = async (): Promise<void> => {
    if (!doc || !draft || !dirty) return;
    setSaving(true);
    const r = await boardsApi.save(doc.id, draft, doc.version);
    setSaving(false);
    if (r.ok) {
      setDoc(r.document);
      setDraft(contentOf(r.document));
      setProblem(undefined);
      setNotice(`Saved version ${r.document.version} at ${isoMinute(new Date().toISOString())}`);
      setHistory(await boardsApi.history(doc.id).catch(() => history));
    } else {
      setProblem({ ...r.problem, status: r.status });
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const closeMeeting = async (): Promise<void> => {
    if (!doc) return;
    try {
      const r = await boardsApi.close(doc.id, doc.version);
      setNotice(r.next ? `Closed. ${r.moved.length} case${r.moved.length === 1 ? '' : 's'} not discussed moved to the meeting of ${r.next.date}.` : 'Closed. Every case was discussed.');
      setDoc(r.board);
      setDraft(contentOf(r.board));
      setHistory(await boardsApi.history(doc.id));
    } catch (e) {
      setNotice(`Not closed: ${errorText(e)}`);
    }
  };

  /** A decision recorded on an item: the meeting has a new version; unsaved edits of the page are kept on top of it. */
  const decided = (b: BoardDocument): void => {
    const mine = dirty && draft ? draft : undefined;
    setDoc(b);
    setDraft(mine ? { ...mine, items: mine.items.map((it) => { const s = b.items.find((x) => x.caseId === it.caseId); return s ? { ...it, decision: s.decision, discussion: s.discussion, status: s.status } : it; }) } : contentOf(b));
    boardsApi.history(b.id).then(setHistory, () => undefined);
  };

  if (loadError) return <div className="page"><TopBar title="Tumour board" /><div className="error-banner">{loadError}</div></div>;
  if (!doc || !draft) return <div className="page"><TopBar title="Tumour board" /><div className="muted pad">Loading…</div></div>;

  const byId = new Map(cases.map((c) => [c.id, c]));
  const label = (caseId: string): string => {
    const c = byId.get(caseId);
    if (!c) return caseId.slice(0, 8);
    const name = hideIdentifiers && !c.patient.pseudonymous ? 'Hidden' : c.patient.pseudonym;
    return c.title ? `${name} · ${c.title}` : name;
  };
  const { ready, total } = readiness(draft.items);
  const readOnly = !editCase || draft.status === 'closed';
  const errors = new Map((problem?.issues ?? []).map((i) => [i.path, i.message]));
  const set = (patch: Partial<BoardContent>): void => setDraft({ ...draft, ...patch });
  const setItem = (k: number, patch: Partial<BoardItem>): void => set({ items: draft.items.map((it, j) => (j === k ? { ...it, ...patch } : it)) });
  /** A checklist change records who prepared the case and when (the signed-in user, now), unless a name is already there. */
  const prepare = (k: number, patch: Partial<BoardPreparation>): void => {
    const it = draft.items[k];
    if (!it) return;
    setItem(k, { preparation: { ...it.preparation, ...patch, preparedBy: it.preparation.preparedBy || me, preparedAt: new Date().toISOString() } });
  };
  const move = (k: number, by: -1 | 1): void => {
    const items = [...draft.items];
    const [it] = items.splice(k, 1);
    if (!it) return;
    items.splice(k + by, 0, it);
    set({ items });
  };
  const onAgenda = new Set(draft.items.map((i) => i.caseId));

  return (
    <div className="page board-page">
      <TopBar title={<>Tumour board · {draft.title} · <span className="mono">{draft.date}</span></>}>
        <span className="muted" data-testid="board-version">version {doc.version}{dirty ? ' · unsaved changes' : ''}</span>
        <a className="nav" href="/boards" onClick={(e) => { e.preventDefault(); navigate('/boards'); }}>All meetings</a>
        <a className="nav" href={`/boards/${doc.id}/present`} onClick={(e) => { e.preventDefault(); navigate(`/boards/${doc.id}/present`); }} title="Present the meeting: one case at a time, full screen" data-testid="present-board">Present</a>
        <a className="nav" href={`/boards/${doc.id}/report`} onClick={(e) => { e.preventDefault(); navigate(`/boards/${doc.id}/report`); }} data-testid="board-report-link">Report</a>
        {editCase && draft.status === 'open' && (
          <button onClick={() => void closeMeeting()} disabled={dirty} title={dirty ? 'Save first' : 'Close: cases not discussed move to the next meeting'} data-testid="close-board">Close meeting</button>
        )}
        {editCase && (
          <button className="primary" onClick={() => void save()} disabled={saving || !dirty} data-testid="save-board" title="Save (Ctrl+S)">{saving ? 'Saving…' : 'Save'}</button>
        )}
      </TopBar>
      {problem?.code === 'version-conflict' && (
        <div className="error-banner" data-testid="conflict">
          This meeting was changed elsewhere (now version {problem.current?.version ?? '?'}, by {problem.current?.updatedBy ?? 'someone'}): your changes were not saved.
          <button className="small" onClick={() => void load()}>Load their version (discard mine)</button>
          <button className="small" onClick={() => { if (problem.current) setDoc(problem.current); setProblem(undefined); }}>Keep mine (then Save to replace theirs)</button>
        </div>
      )}
      {problem && problem.code !== 'version-conflict' && (
        <div className="error-banner" data-testid="save-error">
          {problem.error}
          {problem.issues && <ul>{problem.issues.map((i) => <li key={i.path}><code>{i.path}</code>: {i.message}</li>)}</ul>}
        </div>
      )}
      {notice && <div className="board-notice" data-testid="board-notice">{notice}</div>}
      <main className="board-body">
        <fieldset className="board-plain" disabled={readOnly}>
          <section className="board-card board-head">
            <label>Board <input value={draft.title} onChange={(e) => set({ title: e.target.value })} data-testid="board-title" /></label>
            <label>Date <input className="mono board-date" placeholder="YYYY-MM-DD" pattern="\d{4}-\d{2}-\d{2}" title="YYYY-MM-DD" value={draft.date} onChange={(e) => set({ date: e.target.value })} data-testid="board-date" /></label>
            <span className={`board-ready ${ready === total && total > 0 ? 'all' : ''}`} data-testid="ready-count">{ready} of {total} cases ready</span>
            {draft.status === 'closed' && <span className="board-closed">Closed</span>}
          </section>

          <section className="board-card">
            <h3>Attendees</h3>
            <table className="board-attendees" data-testid="attendees">
              <tbody>
                {draft.attendees.map((a, k) => (
                  <tr key={k}>
                    <td><input value={a.name} onChange={(e) => set({ attendees: draft.attendees.map((x, j) => (j === k ? { ...x, name: e.target.value } : x)) })} aria-label="Name" /></td>
                    <td><input value={a.specialty} onChange={(e) => set({ attendees: draft.attendees.map((x, j) => (j === k ? { ...x, specialty: e.target.value } : x)) })} aria-label="Specialty" /></td>
                    <td><label><input type="checkbox" checked={a.present} onChange={(e) => set({ attendees: draft.attendees.map((x, j) => (j === k ? { ...x, present: e.target.checked } : x)) })} /> present</label></td>
                    <td><button className="small" onClick={() => set({ attendees: draft.attendees.filter((_, j) => j !== k) })} title="Remove">Remove</button></td>
                  </tr>
                ))}
                <tr>
                  <td><input placeholder="Name" value={newAttendee.name} onChange={(e) => setNewAttendee({ ...newAttendee, name: e.target.value })} data-testid="attendee-name" /></td>
                  <td><input placeholder="Specialty" value={newAttendee.specialty} onChange={(e) => setNewAttendee({ ...newAttendee, specialty: e.target.value })} data-testid="attendee-specialty" /></td>
                  <td colSpan={2}>
                    <button className="small" disabled={!newAttendee.name.trim()} data-testid="add-attendee"
                      onClick={() => { set({ attendees: [...draft.attendees, { ...newAttendee, present: false }] }); setNewAttendee({ name: '', specialty: '' }); }}>Add attendee</button>
                  </td>
                </tr>
              </tbody>
            </table>
          </section>

          <section className="board-card">
            <h3>Agenda</h3>
            <ol className="board-agenda" data-testid="agenda">
              {draft.items.map((it, k) => {
                const missing = missingPreparation(it.preparation);
                const plans = (byId.get(it.caseId)?.plans ?? []).filter((p) => !p.archivedAt);
                const err = (field: string) => errors.get(`items[${k}].${field}`);
                return (
                  <li key={`${it.caseId}-${k}`} className="board-item" data-case-id={it.caseId} data-testid="agenda-item">
                    <div className="board-item-head">
                      <span className="board-item-no">{k + 1}</span>
                      <a className="phi" href={`/cases/${it.caseId}`} onClick={(e) => { e.preventDefault(); navigate(`/cases/${it.caseId}`); }} data-testid="item-case">{label(it.caseId)}</a>
                      <span className="spacer" />
                      <select value={it.status} onChange={(e) => setItem(k, { status: e.target.value as BoardItemStatus })} aria-label="Status" data-testid="item-status">
                        {Object.entries(STATUSES).map(([v, l]) => <option key={v} value={v}>{l}</option>)}
                      </select>
                      <button className="small" disabled={k === 0} onClick={() => move(k, -1)} title="Move up" data-testid="item-up">↑</button>
                      <button className="small" disabled={k === draft.items.length - 1} onClick={() => move(k, 1)} title="Move down" data-testid="item-down">↓</button>
                      <button className="small" onClick={() => set({ items: draft.items.filter((_, j) => j !== k) })} title="Remove from the agenda">Remove</button>
                    </div>
                    <div className="board-item-text">
                      <label>Reason <input value={it.reason} onChange={(e) => setItem(k, { reason: e.target.value })} data-testid="item-reason" />{err('reason') && <span className="error-text">{err('reason')}</span>}</label>
                      <label>Question <input value={it.question} onChange={(e) => setItem(k, { question: e.target.value })} data-testid="item-question" />{err('question') && <span className="error-text">{err('question')}</span>}</label>
                    </div>
                    <div className="board-checklist">
                      <label><input type="checkbox" checked={it.preparation.imagesReviewed} onChange={(e) => prepare(k, { imagesReviewed: e.target.checked })} data-testid="check-images" /> Images reviewed</label>
                      <label><input type="checkbox" checked={it.preparation.keyImagesChosen} onChange={(e) => prepare(k, { keyImagesChosen: e.target.checked })} data-testid="check-key-images" /> Key images chosen</label>
                      <label>Plan
                        <select value={it.preparation.planAttached ?? ''} onChange={(e) => prepare(k, { planAttached: e.target.value || null })} data-testid="check-plan">
                          <option value="">None attached</option>
                          {plans.map((p) => <option key={p.id} value={p.id}>{p.title || 'Plan'} (v{p.version}, {p.status})</option>)}
                        </select>
                      </label>
                      <label>Prepared by <input value={it.preparation.preparedBy} onChange={(e) => setItem(k, { preparation: { ...it.preparation, preparedBy: e.target.value } })} data-testid="prepared-by" size={14} /></label>
                      <span className="muted" data-testid="prepared-at">at <span className="mono">{isoMinute(it.preparation.preparedAt)}</span></span>
                      <span className={missing.length ? 'board-missing' : 'board-ok'} data-testid="item-readiness">{missing.length ? `Missing: ${missing.join(', ')}` : 'Ready'}</span>
                    </div>
                    <DecisionForm boardId={doc.id} item={it} onSaved={decided} collapsed />
                  </li>
                );
              })}
            </ol>
            {!draft.items.length && <div className="muted">No case on the agenda yet.</div>}
            <div className="board-add" data-testid="add-case-form">
              <select value={newItem.caseId} onChange={(e) => setNewItem({ ...newItem, caseId: e.target.value })} data-testid="add-case-select" aria-label="Case">
                <option value="">Add a case…</option>
                {cases.filter((c) => !onAgenda.has(c.id) && !c.archivedAt).map((c) => <option key={c.id} value={c.id}>{label(c.id)}</option>)}
              </select>
              <input placeholder="Reason for presentation" value={newItem.reason} onChange={(e) => setNewItem({ ...newItem, reason: e.target.value })} data-testid="add-case-reason" />
              <input placeholder="Question to the board" value={newItem.question} onChange={(e) => setNewItem({ ...newItem, question: e.target.value })} data-testid="add-case-question" />
              <button className="small" disabled={!newItem.caseId || !newItem.reason.trim() || !newItem.question.trim()} data-testid="add-case"
                onClick={() => {
                  set({ items: [...draft.items, { caseId: newItem.caseId, reason: newItem.reason.trim(), question: newItem.question.trim(), status: 'pending', preparation: { imagesReviewed: false, keyImagesChosen: false, planAttached: null, preparedBy: '', preparedAt: null }, discussion: [], decision: null }] });
                  setNewItem({ caseId: '', reason: '', question: '' });
                }}>Add to agenda</button>
            </div>
          </section>
        </fieldset>
        <section className="board-card">
          <h3>History</h3>
          <ol className="history" data-testid="board-history">
            {[...history].reverse().map((h) => (
              <li key={h.version}>v{h.version} · {h.action} · <span className="mono">{isoMinute(h.at)}</span> · {h.by}{h.changes.paths.length > 0 && <span className="muted"> · {h.changes.paths.slice(0, 6).join(', ')}{h.changes.paths.length > 6 || h.changes.truncated ? '…' : ''}</span>}</li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
