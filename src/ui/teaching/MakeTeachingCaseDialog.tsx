import { useEffect, useMemo, useRef, useState } from 'react';
import { TUMOUR_TYPES, type CaseDocument, type PlanDocument, type TeachingCreateInput, type TeachingPreview } from '../../records';
import { plansApi } from '../../api/plans';
import { teachingApi } from '../../api/teaching';
import { errorText } from '../../api/apiProblem';
import { navigate } from '../useNavigation';
import { TeachingFieldsForm } from './TeachingFieldsForm';
import { TeachingPreviewView } from './TeachingPreviewView';
import { WorkProgress } from './WorkProgress';
import { emptyDraft, fieldsOf, type TeachingFieldsDraft } from './teachingText';

type Step = 'fields' | 'previewing' | 'preview' | 'creating';

interface StudyChoice {
  readonly uid: string;
  readonly label: string;
}

/** The diagnosis the case records, as a first title. */
function titleOf(c: CaseDocument): string {
  const t = c.tumour;
  const primary = t.primary ? TUMOUR_TYPES[t.primary] : '';
  return [primary, t.histology].filter(Boolean).join(' · ');
}

/** The studies a teaching case can take: those linked to the case and those its plans are drawn on. */
function studyChoices(c: CaseDocument, plans: readonly PlanDocument[]): StudyChoice[] {
  const out = new Map<string, string>();
  for (const s of c.linkedStudies) out.set(s.studyInstanceUID, s.description || `Study …${s.studyInstanceUID.slice(-12)}`);
  for (const p of plans) if (p.studyInstanceUID && !out.has(p.studyInstanceUID)) out.set(p.studyInstanceUID, `Study of plan “${p.title || 'untitled'}” …${p.studyInstanceUID.slice(-12)}`);
  return [...out].map(([uid, label]) => ({ uid, label }));
}

const toggled = (set: ReadonlySet<string>, key: string): Set<string> => {
  const next = new Set(set);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
};

/**
 * "Make teaching case" from a case page: 1 the teaching fields and which studies and plans to
 * copy (all by default), 2 the preview of what de-identification removes and changes, file by
 * file, 3 making it, then the teaching case's page. Esc closes; Enter on the preview confirms.
 */
export function MakeTeachingCaseDialog({ caseDoc, onClose }: { caseDoc: CaseDocument; onClose: () => void }) {
  const [step, setStep] = useState<Step>('fields');
  const [draft, setDraft] = useState<TeachingFieldsDraft>(() => emptyDraft(titleOf(caseDoc)));
  const [plans, setPlans] = useState<PlanDocument[] | undefined>();
  const [studySel, setStudySel] = useState<ReadonlySet<string>>(new Set());
  const [planSel, setPlanSel] = useState<ReadonlySet<string>>(new Set());
  const [preview, setPreview] = useState<TeachingPreview | undefined>();
  const [error, setError] = useState<string | undefined>();
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    plansApi.list(caseDoc.id).then(
      (l) => {
        const live = l.plans.filter((p) => !p.archivedAt);
        setPlans(live);
        setPlanSel(new Set(live.map((p) => p.id)));
        setStudySel(new Set(studyChoices(caseDoc, live).map((s) => s.uid)));
      },
      (e: unknown) => {
        setPlans([]);
        setStudySel(new Set(studyChoices(caseDoc, []).map((s) => s.uid)));
        setError(`The plans could not be listed: ${errorText(e)}`);
      },
    );
  }, [caseDoc]);
  useEffect(() => dialogRef.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  // The Preview button is gone once the preview shows: keep the keys (Enter, Esc) inside the dialog.
  useEffect(() => {
    if (step === 'preview') dialogRef.current?.focus();
  }, [step]);

  const studies = useMemo(() => studyChoices(caseDoc, plans ?? []), [caseDoc, plans]);
  const busy = step === 'previewing' || step === 'creating';

  // Everything ticked: leave the lists out, so the server takes its own full default.
  const input = (): TeachingCreateInput => ({
    fields: fieldsOf(draft),
    ...(studySel.size === studies.length ? {} : { studyInstanceUIDs: [...studySel] }),
    ...(plans && planSel.size === plans.length ? {} : { planIds: [...planSel] }),
  });
  const why = !draft.title.trim() ? 'Write the title (the diagnosis) first' : studies.length > 0 && studySel.size === 0 ? 'Choose at least one study' : !plans ? 'Listing the plans…' : undefined;

  const runPreview = async (): Promise<void> => {
    if (why || busy) return;
    setError(undefined);
    setStep('previewing');
    try {
      setPreview(await teachingApi.preview(caseDoc.id, input()));
      setStep('preview');
    } catch (e) {
      setError(`No preview: ${errorText(e)}`);
      setStep('fields');
    }
  };
  const create = async (): Promise<void> => {
    if (busy || !preview) return;
    setError(undefined);
    setStep('creating');
    try {
      const made = await teachingApi.create(caseDoc.id, input());
      navigate(`/teaching/${made.id}`);
    } catch (e) {
      setError(`No teaching case made: ${errorText(e)}`);
      setStep('preview');
    }
  };

  const stepNo = step === 'fields' ? 1 : step === 'creating' ? 3 : 2;
  return (
    <div className="modal-backdrop" onClick={() => !busy && onClose()}>
      <div
        ref={dialogRef}
        tabIndex={-1}
        className="modal teach-dialog"
        role="dialog"
        aria-label="Make teaching case"
        data-testid="teach-dialog"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && !busy) {
            e.preventDefault();
            onClose();
          }
          // Enter confirms on the last step; on the first it goes on to the preview, except in a textarea (new lines).
          if (e.key === 'Enter' && !e.shiftKey && !(e.target instanceof HTMLTextAreaElement)) {
            e.preventDefault();
            if (step === 'preview') void create();
            else if (step === 'fields') void runPreview();
          }
        }}
      >
        <div className="teach-dialog-head">
          <h2>Make teaching case</h2>
          <ol className="teach-steps">
            {['Teaching fields', 'Preview', 'Make'].map((s, i) => <li key={s} className={i + 1 === stepNo ? 'current' : i + 1 < stepNo ? 'done' : ''}>{i + 1} {s}</li>)}
          </ol>
        </div>
        {step === 'fields' && (
          <>
            <TeachingFieldsForm draft={draft} onChange={setDraft} />
            <div className="teach-choices">
              <fieldset>
                <legend>Studies</legend>
                {!studies.length && <span className="muted">No study linked to the case or drawn on by its plans.</span>}
                {studies.map((s) => (
                  <label key={s.uid}><input type="checkbox" data-testid="teach-study" checked={studySel.has(s.uid)} onChange={() => setStudySel(toggled(studySel, s.uid))} /> {s.label}</label>
                ))}
              </fieldset>
              <fieldset>
                <legend>Plans</legend>
                {!plans && <span className="muted">Listing the plans…</span>}
                {plans?.length === 0 && <span className="muted">The case has no plan.</span>}
                {plans?.map((p) => (
                  <label key={p.id}><input type="checkbox" data-testid="teach-plan" checked={planSel.has(p.id)} onChange={() => setPlanSel(toggled(planSel, p.id))} /> {p.title || 'Untitled plan'} <span className="muted">({p.status}, v{p.version})</span></label>
                ))}
              </fieldset>
            </div>
            <p className="muted small-text">The images are de-identified (DICOM PS3.15 basic profile, with retained patient characteristics, modified dates, cleaned descriptors and structured content); the case record loses name, identifiers and birth date. Nothing is written until step 3.</p>
          </>
        )}
        {step === 'previewing' && <WorkProgress label="De-identifying every file for the preview" testId="teach-preview-progress" />}
        {(step === 'preview' || step === 'creating') && preview && <TeachingPreviewView preview={preview} />}
        {step === 'creating' && <WorkProgress label={`Making the teaching case: ${preview?.files.length ?? 0} files`} testId="teach-create-progress" />}
        {error && <p className="error-text" data-testid="teach-dialog-error">{error}</p>}
        <div className="row teach-dialog-buttons">
          <button onClick={onClose} disabled={busy}>Cancel</button>
          <span className="spacer" />
          {step === 'fields' && (
            <button className="primary" data-testid="teach-preview-button" disabled={!!why || busy} title={why ?? 'See what will be removed and changed (Enter)'} onClick={() => void runPreview()}>
              Preview
            </button>
          )}
          {(step === 'preview' || step === 'creating') && (
            <>
              <button onClick={() => setStep('fields')} disabled={busy}>Back</button>
              <button className="primary" data-testid="teach-create-button" disabled={busy} title="Write the de-identified copy (Enter)" onClick={() => void create()}>
                {step === 'creating' ? 'Making teaching case…' : 'Make teaching case'}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
