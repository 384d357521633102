import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { caseContentSchema, CASE_SECTIONS, deriveCase, fieldTitle, type CaseContent, type CaseDocument } from '../../records';
import { casesApi, type CaseSaveOutcome, type HistoryEntry } from '../../api/cases';
import { errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate, setLeaveGuard } from '../useNavigation';
import { usePreferences } from '../preferences';
import { SchemaField } from './SchemaField';
import { CaseNav, type NavEntry } from './CaseNav';
import { CaseFormContext } from './caseFormContext';
import { clinicalMessage, formPath } from './clinicalErrors';
import { missingForDecision } from './missingForDecision';
import { goToField, MissingSummary } from './MissingSummary';
import './caseForm.css';
import { renderComputed } from './ComputedValue';
import { FollowUpChart } from './FollowUpChart';
import { PostProcedureSection } from './postProcedure/PostProcedureSection';
import { CaseBoardDecisions } from '../boards/decision/CaseBoardDecisions';
import { CaseKeyImages } from '../keyImages/CaseKeyImages';
import { utcTime } from '../admin/adminFormat';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { MakeTeachingCaseDialog } from '../teaching/MakeTeachingCaseDialog';

/** Why a save was refused, with the status. */
type SaveProblem = Extract<CaseSaveOutcome, { ok: false }>['problem'] & { status: number };

const contentOf = (d: CaseDocument): CaseContent => Object.fromEntries(CASE_SECTIONS.map((k) => [k, d[k]])) as CaseContent;

let tempIds = 0;

/** The sections edited as forms: the board decisions are written by the board routes and shown read-only. */
const FORM_SECTIONS = CASE_SECTIONS.filter((k) => k !== 'boardDecisions');

/** The side menu: the form sections by their label-table names, then the parts below the form. */
const NAV: readonly NavEntry[] = [
  ...FORM_SECTIONS.map((k) => ({ id: `section-${k}`, label: fieldTitle(k) })),
  { id: 'section-key-images', label: 'Key images' },
  { id: 'section-chart', label: 'Outcome chart' },
  { id: 'section-post-procedure', label: 'Post-procedure' },
  { id: 'section-board-decisions', label: 'Board decisions' },
  { id: 'section-history', label: 'History' },
];

/**
 * The case selection record: every section as a form from the shared schema, scores and MME
 * recomputed as the user types, the follow-up chart, linked studies, and saves that name the
 * version they were based on so a concurrent edit is shown, never merged silently.
 */
export function CasePage({ caseId }: { caseId: string }) {
  const [doc, setDoc] = useState<CaseDocument | undefined>();
  const [draft, setDraft] = useState<CaseContent | undefined>();
  const [problem, setProblem] = useState<SaveProblem | undefined>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [historyError, setHistoryError] = useState<string | undefined>();
  const { hideIdentifiers } = usePreferences();
  const { manageTeaching } = visibleActions(useRoles());
  const [teaching, setTeaching] = useState(false);
  const scroller = useRef<HTMLFormElement>(null);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await casesApi.history(caseId));
      setHistoryError(undefined);
    } catch (e) {
      setHistoryError(`The history could not be loaded: ${errorText(e)}`);
    }
  }, [caseId]);

  const load = useCallback(async () => {
    try {
      const d = await casesApi.get(caseId);
      setDoc(d);
      setDraft(contentOf(d));
      setProblem(undefined);
    } catch (e) {
      setLoadError(`The case could not be loaded: ${errorText(e)}`);
      return;
    }
    await loadHistory();
  }, [caseId, loadHistory]);
  useEffect(() => void load(), [load]);

  // Scores and MME as the server will compute them, shown while typing.
  const derived = useMemo(() => (draft ? deriveCase(draft, () => `new-${++tempIds}`) : undefined), [draft]);
  const dirty = useMemo(() => !!doc && !!draft && JSON.stringify(contentOf(doc)) !== JSON.stringify(draft), [doc, draft]);
  // Leaving with unsaved edits asks first (closing the tab, or a link inside the app).
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setLeaveGuard(() => window.confirm('The case has unsaved changes. Leave anyway and lose them?'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty]);
  // Issues in clinical words, keyed by the form's paths so each shows at its field.
  const errors = useMemo(() => new Map((problem?.issues ?? []).map((i) => [formPath(i.path), clinicalMessage(formPath(i.path), i.message)])), [problem]);
  const missing = useMemo(() => (draft ? missingForDecision(draft) : []), [draft]);

  const save = async (): Promise<void> => {
    if (!doc || !draft) return;
    setSaving(true);
    const r = await casesApi.save(doc.id, draft, doc.version);
    setSaving(false);
    if (r.ok) {
      setDoc(r.document);
      setDraft(contentOf(r.document));
      setProblem(undefined);
      setSavedAt(utcTime(r.document.updatedAt));
      await loadHistory();
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

  if (loadError) return <div className="page"><TopBar title="Case" /><div className="error-banner">{loadError}</div></div>;
  if (!doc || !draft || !derived) return <div className="page"><TopBar title="Case" /><div className="muted pad">Loading…</div></div>;

  const shape = caseContentSchema.shape;
  const name = hideIdentifiers && !draft.patient.pseudonymous ? 'Patient' : draft.patient.pseudonym;
  return (
    <div className="page case-page">
      <TopBar title={<>Case · <span className="phi">{name}</span> · {draft.title}</>}>
        <span className="muted" data-testid="case-version">version {doc.version}{dirty ? ' · unsaved changes' : savedAt ? ` · saved ${savedAt}` : ''}</span>
        <button className="primary" onClick={() => void save()} disabled={saving || !dirty} data-testid="save-case" title="Save (Ctrl+S)">
          {saving ? 'Saving…' : 'Save'}
        </button>
        {manageTeaching && (
          <button className="teach-nowrap" onClick={() => setTeaching(true)} disabled={dirty} data-testid="make-teaching-case" title={dirty ? 'Save the case first: the teaching case copies the saved version' : 'A de-identified copy of this case, its studies and plans for teaching'}>
            Make teaching case
          </button>
        )}
      </TopBar>
      {teaching && <MakeTeachingCaseDialog caseDoc={doc} onClose={() => setTeaching(false)} />}
      {problem?.code === 'version-conflict' && (
        <div className="error-banner" data-testid="conflict">
          This case was changed elsewhere (now version {problem.current?.version ?? '?'}, by {problem.current?.updatedBy ?? 'someone'}): your changes were not saved.
          <button className="small" onClick={() => void load()}>Load their version (discard mine)</button>
          <button className="small" onClick={() => { if (problem.current) setDoc(problem.current); setProblem(undefined); }}>Keep mine (then Save to replace theirs)</button>
        </div>
      )}
      {problem && problem.code !== 'version-conflict' && (
        <div className="error-banner" data-testid="save-error">
          {problem.error}
          {problem.issues && (
            <ul>
              {[...errors].map(([path, message]) => (
                <li key={path}>
                  <a href={`#${path}`} onClick={(e) => { e.preventDefault(); goToField(path); }}>{message}</a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div className="case-body">
        <CaseNav entries={NAV} scroller={scroller} />
        <CaseFormContext.Provider value={{ linkedStudies: draft.linkedStudies, open: navigate }}>
        <form className="case-form" ref={scroller} onSubmit={(e) => e.preventDefault()}>
          <MissingSummary missing={missing} />
          {FORM_SECTIONS.map((k) => (
            <section key={k} id={`section-${k}`} className="case-section">
              <SchemaField
                schema={shape[k]}
                value={derived[k]}
                onChange={(v) => setDraft({ ...draft, [k]: v })}
                path={k}
                label={fieldTitle(k)}
                errors={errors}
                renderComputed={renderComputed}
              />
            </section>
          ))}
          <CaseKeyImages caseId={doc.id} />
          <section id="section-chart" className="case-section">
            <h3>Pain and opioids over time</h3>
            <FollowUpChart content={derived} />
          </section>
          <PostProcedureSection caseId={doc.id} linkedStudies={draft.linkedStudies} />
          <section id="section-board-decisions" className="case-section">
            <CaseBoardDecisions caseId={doc.id} boardDecisions={doc.boardDecisions} onChanged={() => void load()} />
          </section>
          <section id="section-history" className="case-section">
            <h3>History</h3>
            {historyError && <div className="error-text">{historyError}</div>}
            <ol className="history" data-testid="history">
              {[...history].reverse().map((h) => (
                <li key={h.version}>
                  v{h.version} · {h.action} · {utcTime(h.at)} · {h.by}
                  {h.changes.paths.length > 0 && <span className="muted"> · {h.changes.paths.slice(0, 6).join(', ')}{h.changes.paths.length > 6 || h.changes.truncated ? '…' : ''}</span>}
                </li>
              ))}
            </ol>
          </section>
        </form>
        </CaseFormContext.Provider>
      </div>
    </div>
  );
}
