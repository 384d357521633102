import { useCallback, useEffect, useRef, useState } from 'react';
import { attachExpertPainter, type ReferenceNeedle, type ViewerSession } from '../../imaging';
import { exercisesApi, type ExerciseReveal, type ExerciseView, type SubmissionAnswer } from '../../api/exercises';
import { errorText } from '../../api/apiProblem';
import { contentFromDraft, draftFromContent, type PlanSeries } from '../../planning/plan/planContentIO';
import type { StudyListing } from '../../dicom/studyListing';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';
import type { PlanWorkspace } from '../plan/usePlanWorkspace';
import { planSaveBody } from '../plan/planSaveBody';
import { exerciseViewOnce } from './exerciseView';

/** The exercise mode of the study viewer: the given plan, the submission, the score and the expert plan. */
export interface ExerciseSession {
  readonly id: string;
  readonly view: ExerciseView | undefined;
  readonly error: string | undefined;
  /** The given lesions and structures are loaded as the draft. */
  readonly loaded: boolean;
  readonly submitting: boolean;
  /** The latest score: this page's last submission, or the caller's last attempt when reopened. */
  readonly score: (SubmissionScore & { attempt: number }) | undefined;
  readonly reveal: ExerciseReveal | undefined;
  /** Draft changes since the given plan was loaded (each command, gesture or undo counts one). */
  readonly edits: number;
  /** When the viewer opened (ms since the epoch): the planning time runs from here. */
  readonly startedAt: number;
  /** The submit confirmation is shown (Ctrl+S or the button asks; the confirmation sends). */
  readonly confirming: boolean;
  ask(): void;
  cancel(): void;
  submit(): Promise<void>;
}

/** The trajectories of a plan's content as read-only reference needles. */
export function referenceNeedlesOf(content: Readonly<Record<string, unknown>>, series: PlanSeries): ReferenceNeedle[] {
  const r = draftFromContent(content, { ...series, geometry: null });
  return r.ok ? r.value.draft.trajectories.map((t) => ({ id: t.id, label: t.label, entry: t.entry, target: t.target })) : [];
}

/**
 * Runs an exercise in the viewer: loads the exercise's given content as a local draft (never saved
 * to the plans API: there is no case), counts the edits, submits the draft's content in the
 * saved-plan shape with the effort, then fetches the expert plan and draws it over the views.
 */
export function useExerciseSession(id: string | undefined, session: ViewerSession | undefined, ws: PlanWorkspace, study: StudyListing | undefined, volumeReady: boolean): ExerciseSession | undefined {
  const [view, setView] = useState<ExerciseView | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [score, setScore] = useState<ExerciseSession['score']>();
  const [reveal, setReveal] = useState<ExerciseReveal | undefined>();
  const [startedAt] = useState(() => Date.now());
  const base = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!id) return;
    exerciseViewOnce(id).then(setView, (e: unknown) => setError(`The exercise could not be opened: ${errorText(e)}`));
  }, [id]);

  const planSeries = useCallback((): PlanSeries | undefined => {
    const geometry = session?.volumeGeometry();
    return view && geometry ? { seriesInstanceUID: view.seriesInstanceUID, frameOfReferenceUID: view.frameOfReferenceUID, geometry } : undefined;
  }, [session, view]);

  const fetchReveal = useCallback(async () => {
    if (!id) return;
    try {
      setReveal(await exercisesApi.expert(id));
    } catch (e) {
      setError(`The expert plan could not be fetched: ${errorText(e)}`);
    }
  }, [id]);

  // The given lesions and structures become the draft once the volume is there to put masks on.
  useEffect(() => {
    setLoaded(false);
    base.current = undefined;
    const ps = volumeReady && ws.bridge ? planSeries() : undefined;
    if (!ps || !view) return;
    const r = draftFromContent(view.givenContent, ps);
    if (!r.ok) {
      setError(`The exercise's plan could not be opened: ${r.error.slice(0, 3).join('; ')}`);
      return;
    }
    ws.store.load({ ...r.value.draft, trajectories: [] });
    base.current = ws.store.getSnapshot().revision;
    setLoaded(true);
    if (view.submitted) {
      void exercisesApi.submissions(view.id).then((subs) => {
        const last = subs.at(-1);
        if (last) setScore({ ...last.score, attempt: last.attempt });
      }, () => undefined);
      void fetchReveal();
    }
  }, [volumeReady, ws.bridge, ws.store, view, planSeries, fetchReveal]);

  // The expert needles drawn next to the trainee's once revealed.
  useEffect(() => {
    const ps = planSeries();
    if (!session || !reveal || !ps) return;
    return attachExpertPainter(session, referenceNeedlesOf(reveal.plan.content, ps));
  }, [session, reveal, planSeries]);

  const edits = base.current === undefined ? 0 : Math.max(0, ws.plan.revision - base.current);

  const submit = useCallback(async () => {
    const ps = planSeries();
    setConfirming(false);
    if (!id || !ps || !study || submitting) return;
    setSubmitting(true);
    setError(undefined);
    try {
      const content = planSaveBody(undefined, study, ps, contentFromDraft(ws.store.draft, ps), true, new Date().toISOString().slice(0, 10)).content;
      const planningTimeS = Math.round((Date.now() - startedAt) / 1000);
      const answer: SubmissionAnswer = await exercisesApi.submit(id, { content, effort: { planningTimeS, edits } });
      setScore({ ...answer, attempt: answer.attempt });
      // The submission holds this draft: leaving now loses nothing.
      ws.store.markSaved();
      await fetchReveal();
    } catch (e) {
      setError(`Not submitted: ${errorText(e)}`);
    } finally {
      setSubmitting(false);
    }
  }, [id, planSeries, study, submitting, ws.store, startedAt, edits, fetchReveal]);

  const ask = useCallback(() => setConfirming(true), []);
  const cancel = useCallback(() => setConfirming(false), []);
  if (!id) return undefined;
  return { id, view, error, loaded, submitting, score, reveal, edits, startedAt, confirming, ask, cancel, submit };
}
