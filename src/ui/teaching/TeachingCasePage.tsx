import { useCallback, useEffect, useMemo, useState } from 'react';
import { teachingCaseSchema, type TeachingCase, type TeachingStatus } from '../../records';
import { teachingApi } from '../../api/teaching';
import { ApiError, errorText } from '../../api/apiProblem';
import { TopBar } from '../TopBar';
import { navigate, setLeaveGuard } from '../useNavigation';
import { useRoles } from '../auth/authStore';
import { visibleActions } from '../auth/roleActions';
import { utcTime } from '../admin/adminFormat';
import { StatusChip } from './StatusChip';
import { TeachingFieldsForm } from './TeachingFieldsForm';
import { TeachingExercises } from './TeachingExercises';
import { TeachingTransfer } from './TeachingTransfer';
import { draftOf, fieldsOf, needleCount, type TeachingFieldsDraft } from './teachingText';

const go = (path: string) => (e: { preventDefault: () => void }): void => {
  e.preventDefault();
  navigate(path);
};

/** A save refused because someone else saved first: their case, kept beside the user's text. */
interface Conflict {
  readonly current: TeachingCase;
}

const STATUS_STEPS: readonly (readonly [TeachingStatus, string, string])[] = [
  ['draft', 'Draft', 'Only attendings see it'],
  ['published', 'Publish', 'Trainees see it'],
  ['hidden', 'Hide', 'Withdrawn: only attendings see it'],
];

/**
 * One teaching case: its fields (saved against the version read; a concurrent save is shown and
 * the user's text kept), its status, the de-identified studies and plans, how it was
 * de-identified, export and teaching PACS, and its exercises. Trainees read it, nothing more.
 */
export function TeachingCasePage({ id }: { id: string }) {
  const [doc, setDoc] = useState<TeachingCase | undefined>();
  const [draft, setDraft] = useState<TeachingFieldsDraft | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string | undefined>();
  const { manageTeaching } = visibleActions(useRoles());

  const load = useCallback(async () => {
    try {
      const d = await teachingApi.get(id);
      setDoc(d);
      setDraft(draftOf(d.fields));
      setConflict(undefined);
      setSaveError(undefined);
    } catch (e) {
      setLoadError(`The teaching case could not be loaded: ${errorText(e)}`);
    }
  }, [id]);
  useEffect(() => void load(), [load]);

  const dirty = useMemo(() => !!doc && !!draft && JSON.stringify(fieldsOf(draft)) !== JSON.stringify(fieldsOf(draftOf(doc.fields))), [doc, draft]);

  // Leaving with unsaved teaching text asks first (closing the tab, or a link inside the app).
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setLeaveGuard(() => window.confirm('The teaching case has unsaved changes. Leave anyway and lose them?'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty]);

  const write = async (change: { fields?: TeachingCase['fields']; status?: TeachingStatus }): Promise<void> => {
    if (!doc || saving) return;
    setSaving(true);
    setSaveError(undefined);
    try {
      const next = await teachingApi.patch(doc.id, { version: doc.version, ...change });
      setDoc(next);
      // Only a fields save takes the stored text back; a status change keeps unsaved typing.
      if (change.fields) setDraft(draftOf(next.fields));
      setConflict(undefined);
      setSavedAt(new Date().toISOString());
    } catch (e) {
      const current = e instanceof ApiError && e.status === 409 ? teachingCaseSchema.safeParse(e.problem?.current) : undefined;
      if (current?.success) setConflict({ current: current.data });
      else setSaveError(`Not saved: ${e instanceof ApiError && e.problem ? e.problem.error : errorText(e)}`);
    } finally {
      setSaving(false);
    }
  };
  const save = (): void => {
    if (draft && dirty) void write({ fields: fieldsOf(draft) });
  };

  useEffect(() => {
    if (!manageTeaching) return;
    const onKey = (e: KeyboardEvent): void => {
      if ((e.ctrlKey || e.metaKey) && e.key === 's') {
        e.preventDefault();
        save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (loadError) return <div className="page"><TopBar title="Teaching case" /><div className="error-banner">{loadError}</div></div>;
  if (!doc || !draft) return <div className="page"><TopBar title="Teaching case" /><div className="muted pad">Loading…</div></div>;

  return (
    <div className="page teach-page">
      <TopBar title={<>Teaching · {doc.fields.title || 'Untitled'}</>}>
        <StatusChip status={doc.status} />
        {manageTeaching && (
          <>
            <span className="muted teach-nowrap" data-testid="teach-version" title={savedAt ? `Saved ${utcTime(savedAt)}` : undefined}>v{doc.version}{dirty ? ' · unsaved' : savedAt ? ' · saved' : ''}</span>
            <button className="primary" data-testid="teach-save" disabled={!dirty || saving} onClick={save} title="Save the teaching fields (Ctrl+S)">{saving ? 'Saving…' : 'Save'}</button>
          </>
        )}
      </TopBar>
      {conflict && (
        <div className="error-banner" data-testid="teach-conflict">
          Changed by {conflict.current.updatedBy} at {utcTime(conflict.current.updatedAt)} (now version {conflict.current.version}): your changes were not saved and are kept below.{' '}
          <button className="small" onClick={() => void load()}>Reload (discard mine)</button>{' '}
          <button className="small" onClick={() => { setDoc(conflict.current); setConflict(undefined); }}>Keep mine (then Save to replace theirs)</button>
        </div>
      )}
      {saveError && <div className="error-banner" data-testid="teach-save-error">{saveError}</div>}
      <main className="teach-body">
        <div className="teach-main">
          <section className="teach-card">
            <TeachingFieldsForm draft={draft} onChange={setDraft} readOnly={!manageTeaching} />
          </section>
          {manageTeaching && <TeachingExercises doc={doc} />}
        </div>
        <aside className="teach-side">
          {manageTeaching && (
            <section className="teach-card" data-testid="teach-status">
              <h3>Status</h3>
              <div className="row">
                {STATUS_STEPS.map(([s, label, hint]) => (
                  <button key={s} className={doc.status === s ? 'selected' : ''} data-testid={`teach-status-${s}`} disabled={saving || doc.status === s} title={hint} onClick={() => void write({ status: s })}>{label}</button>
                ))}
              </div>
              {doc.source && (
                <p className="muted small-text" data-testid="teach-source">
                  Made from <a href={`/cases/${doc.source.caseId}`} onClick={go(`/cases/${doc.source.caseId}`)}>this case</a> (version {doc.source.caseVersion}) · {utcTime(doc.createdAt)} · {doc.createdBy}
                </p>
              )}
              {!doc.source && <p className="muted small-text">Imported {utcTime(doc.createdAt)} · {doc.createdBy}</p>}
            </section>
          )}
          <section className="teach-card" data-testid="teach-studies">
            <h3>Images</h3>
            {doc.studies.length === 0 && <p className="muted">No image kept.</p>}
            {doc.studies.map((s) => (
              <div key={s.studyInstanceUID} className="teach-study">
                <div className="row">
                  <b>{s.description || `Study …${s.studyInstanceUID.slice(-10)}`}</b>
                  <span className="spacer" />
                  <a href={`/studies/${s.studyInstanceUID}`} onClick={go(`/studies/${s.studyInstanceUID}`)} data-testid="teach-open-study">Open in viewer</a>
                </div>
                <ul className="teach-series">
                  {s.series.map((se) => (
                    <li key={se.seriesInstanceUID}>{se.modality}{se.description ? ` · ${se.description}` : ''} · {se.instances} {se.instances === 1 ? 'image' : 'images'}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
          <section className="teach-card" data-testid="teach-plans">
            <h3>Plans</h3>
            {doc.plans.length === 0 && <p className="muted">No plan copied.</p>}
            <ul className="teach-series">
              {doc.plans.map((p) => (
                <li key={p.id}>{p.plan.title || 'Untitled plan'} · {needleCount(p.plan.content)} {needleCount(p.plan.content) === 1 ? 'needle' : 'needles'}</li>
              ))}
            </ul>
          </section>
          {manageTeaching && (
            <section className="teach-card" data-testid="teach-deid">
              <h3>De-identification</h3>
              <p className="muted small-text">{doc.deidentification.files} files kept, Patient Identity Removed = YES, dates shifted (one shift for the patient).</p>
              <ul className="teach-series">
                {doc.deidentification.methods.map((m) => <li key={m.code}><code>{m.code}</code> {m.meaning}</li>)}
              </ul>
              {doc.deidentification.refused.length > 0 && (
                <div className="teach-refused">
                  <b>Refused</b>
                  <ul>{doc.deidentification.refused.map((r) => <li key={r.name}><span className="mono">{r.name}</span>: {r.reason}</li>)}</ul>
                </div>
              )}
            </section>
          )}
          {manageTeaching && <TeachingTransfer doc={doc} />}
        </aside>
      </main>
    </div>
  );
}
