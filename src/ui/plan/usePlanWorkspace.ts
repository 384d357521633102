import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { PlanBridge, type ViewerSession } from '../../imaging';
import { PlanStore } from '../../planning/plan/planStore';
import { EMPTY_DRAFT } from '../../planning/plan/planDraft';
import { contentFromDraft, draftFromContent, type PlanSeries } from '../../planning/plan/planContentIO';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { casesApi, type CaseList, type CaseSummary } from '../../api/cases';
import { lastSavedPlan } from '../../planning/plan/defaults/lastSavedPlan';
import type { NewPlanStart, PlanWorkspace } from './planWorkspace';
import { describeUnreadable } from '../../api/responseSchemas';
import { plansApi } from '../../api/plans';
import { errorText } from '../../api/apiProblem';
import { onSessionSignal, SESSION_ENDED_CODES } from '../../api/sessionState';
import { prefillCaseLesion } from '../../planning/plan/caseLesionPrefill';
import type { PlanDocument, PlanStatus } from '../../records';
import type { SeriesListing, StudyListing } from '../../dicom/studyListing';
import { PlanSaver, type SaveRequest, type SendOutcome } from './planSaver';
import { newCaseFor, planSaveBody } from './planSaveBody';
import { hasUnsavedEdits, mayDiscard } from './unsavedChanges';
import { setLeaveGuard } from '../useNavigation';
import { utcTime } from '../admin/adminFormat';

export type { PlanWorkspace } from './planWorkspace';

/** Whether a refusal means the session ended (the save waits for sign-in instead of failing). */
const sessionEnded = (status: number, code: string): boolean => status === 401 && SESSION_ENDED_CODES.includes(code);
const WAITING_FOR_SIGN_IN = 'Not saved yet: your session has expired. Sign in again and the plan saves; nothing is lost.';

const noop = () => () => undefined;
const ask = (q: string): boolean => window.confirm(q);

type CasesState = { status: 'loading' } | { status: 'loaded' } | { status: 'failed'; error: string };

/**
 * Everything the study page needs to plan on the open series: the plan store, the bridge that
 * draws it and turns gestures into commands, the cases linked to the study with their plans on
 * this series, and loading and saving through the records API (versioned, sequenced by a
 * {@link PlanSaver}; a conflict is shown, never merged; unsaved edits are never left silently).
 */
export function usePlanWorkspace(session: ViewerSession | undefined, study: StudyListing | undefined, series: SeriesListing | undefined, volumeReady: boolean, exercise = false): PlanWorkspace {
  const store = useMemo(() => new PlanStore(), [session]);
  const [bridge, setBridge] = useState<PlanBridge | undefined>();
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [casesState, setCasesState] = useState<CasesState>({ status: 'loading' });
  const [plansError, setPlansError] = useState<string | undefined>();
  const [plans, setPlans] = useState<PlanDocument[]>([]);
  const [current, setCurrent] = useState<PlanDocument | undefined>();
  const [message, setMessage] = useState<PlanWorkspace['message']>();
  const [conflict, setConflict] = useState<PlanDocument | undefined>();
  const [lastSave, setLastSave] = useState<PlanWorkspace['lastSave']>();
  const [autoOpened, setAutoOpened] = useState(false);
  // A rename waiting for the next save: state to show it, a ref for the saver (it outlives renders).
  const [pendingTitle, setPendingTitle] = useState<string | undefined>();
  const titleRef = useRef<string | undefined>(undefined);
  const setTitle = useCallback((t: string | undefined) => {
    titleRef.current = t?.trim() || undefined;
    setPendingTitle(titleRef.current);
  }, []);
  // A case this page created: used until the case list shows it, so no second one is made.
  const createdCase = useRef<string | undefined>(undefined);
  // Counts plans opened: a save that returns after another plan was opened must not show itself as current.
  const opened = useRef(0);

  const planSeries = useMemo<PlanSeries | undefined>(
    () => (series?.frameOfReferenceUID ? { seriesInstanceUID: series.seriesInstanceUID, frameOfReferenceUID: series.frameOfReferenceUID, geometry: null } : undefined),
    [series],
  );

  useEffect(() => {
    if (!session || !planSeries || series?.modality === undefined) return;
    const b = new PlanBridge(session, store, defaultCatalogue(), {
      seriesInstanceUID: planSeries.seriesInstanceUID,
      frameOfReferenceUID: planSeries.frameOfReferenceUID,
      patientPosition: series.patientPosition ?? null,
    });
    setBridge(b);
    return () => {
      b.destroy();
      setBridge(undefined);
    };
  }, [session, store, planSeries, series]);

  // The cases linked to this study, and their plans on this series. A failure is named and
  // kept on screen; until the case list has loaded no case is created (it could be a duplicate).
  const refresh = useCallback(async (): Promise<PlanDocument[]> => {
    if (!study || !series) return [];
    let listed: CaseList;
    try {
      listed = await casesApi.list({ study: study.studyInstanceUID });
    } catch (e) {
      setCasesState({ status: 'failed', error: errorText(e) });
      return [];
    }
    const cs = listed.cases;
    setCases(cs);
    // A stored case that does not restore may be this study's: creating another could duplicate it.
    setCasesState(listed.problems.length ? { status: 'failed', error: `unreadable: ${describeUnreadable(listed.problems)}` } : { status: 'loaded' });
    const lists = await Promise.allSettled(cs.map((c) => plansApi.list(c.id)));
    const failed = lists.flatMap((r, i) => (r.status === 'rejected' ? [`the plans of case "${cs[i]!.title || cs[i]!.id}" (${errorText(r.reason)})`] : []));
    const unreadable = lists.flatMap((r) => (r.status === 'fulfilled' ? r.value.problems : []));
    if (unreadable.length) failed.push(`stored plans that no longer open (${describeUnreadable(unreadable)})`);
    setPlansError(failed.length ? `Could not list ${failed.join('; ')}` : undefined);
    const all = lists.flatMap((r) => (r.status === 'fulfilled' ? r.value.plans : []));
    const mine = all.filter((p) => p.seriesInstanceUID === series.seriesInstanceUID && !p.archivedAt);
    setPlans(mine);
    return mine;
  }, [study, series]);

  const seriesWithGeometry = useCallback((): PlanSeries | undefined => {
    const geometry = session?.volumeGeometry();
    return planSeries && geometry ? { ...planSeries, geometry } : undefined;
  }, [session, planSeries]);

  // What a save needs at the moment it is sent (the saver outlives renders).
  const latest = useRef({ study, cases, casesState, seriesWithGeometry, refresh, store });
  latest.current = { study, cases, casesState, seriesWithGeometry, refresh, store };

  const send = useCallback(async (req: SaveRequest<PlanDocument>): Promise<SendOutcome<PlanDocument>> => {
    const ctx = latest.current;
    const openedAtStart = opened.current;
    const ps = ctx.seriesWithGeometry();
    if (!ps || !ctx.study) {
      setMessage({ kind: 'error', text: 'Not saved: the series is still loading' });
      return { ok: false };
    }
    // Captured before any await: this is exactly the revision the saver marks saved.
    const content = contentFromDraft(req.draft, ps);
    const study = ctx.study;
    const base = req.base;
    let caseId = base?.caseId ?? ctx.cases[0]?.id ?? createdCase.current;
    if (!caseId) {
      if (ctx.casesState.status !== 'loaded') {
        const why = ctx.casesState.status === 'failed' ? `the cases linked to this study could not be listed (${ctx.casesState.error})` : 'the cases linked to this study are still loading';
        setMessage({ kind: 'error', text: `Not saved: ${why}; a new case could duplicate one. Try again when the list has loaded.` });
        return { ok: false };
      }
      const made = await casesApi.create(newCaseFor(study));
      if (!made.ok && sessionEnded(made.status, made.problem.code)) {
        setMessage({ kind: 'error', text: WAITING_FOR_SIGN_IN });
        return { ok: false, signIn: true };
      }
      if (!made.ok) {
        setMessage({ kind: 'error', text: `Not saved: no case to save the plan in (creating one failed: ${made.problem.error})` });
        return { ok: false };
      }
      caseId = createdCase.current = made.document.id;
    }
    const sentTitle = titleRef.current;
    const body = { ...planSaveBody(base, study, ps, content, req.edited, new Date().toISOString().slice(0, 10)), ...(sentTitle ? { title: sentTitle } : {}) };
    const r = base ? await plansApi.save(base.id, body, base.version) : await plansApi.create(caseId, body);
    if (latest.current.store !== ctx.store || opened.current !== openedAtStart) return { ok: false }; // another series or plan meanwhile
    if (r.ok) {
      if (sentTitle && titleRef.current === sentTitle) setTitle(undefined);
      setCurrent(r.document);
      setPlans((ps) => [r.document, ...ps.filter((p) => p.id !== r.document.id)]);
      setConflict(undefined);
      setLastSave({ version: r.document.version, notes: r.notes });
      const changedStatus = base && base.status !== r.document.status ? ` (status now ${r.document.status}: an approved plan goes back to draft when edited)` : '';
      setMessage({ kind: 'info', text: `Saved, version ${r.document.version}${changedStatus}` });
      void ctx.refresh();
      return { ok: true, base: r.document };
    }
    if (sessionEnded(r.status, r.problem.code)) {
      setMessage({ kind: 'error', text: WAITING_FOR_SIGN_IN });
      return { ok: false, signIn: true };
    }
    if (r.status === 409 && r.problem.current) {
      setConflict(r.problem.current);
      setMessage({ kind: 'error', text: 'Someone else saved this plan meanwhile: nothing was merged. Take theirs, or keep yours over it.' });
    } else {
      const issues = r.problem.issues?.slice(0, 4).map((i) => `${i.path}: ${i.message}`).join('; ');
      setMessage({ kind: 'error', text: `Not saved: ${r.problem.error}${issues ? ` — ${issues}` : ''}` });
    }
    return { ok: false };
  }, []);

  const saver = useMemo(() => new PlanSaver<PlanDocument>(store, send, (e) => setMessage({ kind: 'error', text: `Not saved: ${errorText(e)}` })), [store, send]);
  const saving = useSyncExternalStore(saver.subscribe, () => saver.saving);
  // Signed in again after the session ended: the save it refused goes now, edits made meanwhile with it.
  useEffect(() => onSessionSignal((signal) => void (signal === 'restored' && saver.resume())), [saver]);

  const open = useCallback(
    (doc: PlanDocument | undefined, start: NewPlanStart = 'empty') => {
      setConflict(undefined);
      setLastSave(undefined);
      setTitle(undefined);
      if (!doc) {
        opened.current++;
        // The findings (segmented once, on this series) carry over; the needles are what a new plan is for.
        const { lesions, structures } = store.draft;
        store.load(start === 'findings' ? { ...EMPTY_DRAFT, lesions, structures } : EMPTY_DRAFT);
        saver.reset(undefined);
        setCurrent(undefined);
        setMessage({ kind: 'info', text: start === 'findings' ? `New plan with ${lesions.length} lesion(s) and ${structures.length} structure(s) at risk: nothing saved yet` : 'New plan: nothing saved yet' });
        return;
      }
      const ps = seriesWithGeometry();
      if (!ps) {
        setMessage({ kind: 'error', text: 'The series is still loading: the plan opens when it is complete' });
        return;
      }
      const r = draftFromContent(doc.content, ps);
      if (!r.ok) {
        setMessage({ kind: 'error', text: `Plan "${doc.title}" could not be opened: ${r.error.slice(0, 3).join('; ')}` });
        return;
      }
      opened.current++;
      store.load(r.value.draft);
      saver.reset(doc);
      setCurrent(doc);
      setMessage(r.value.notes.length ? { kind: 'error', text: r.value.notes.join('; ') } : { kind: 'info', text: `Opened "${doc.title || 'plan'}", version ${doc.version}` });
    },
    [store, saver, seriesWithGeometry],
  );

  // Open the plan saved last on this series once the volume is ready (after a reload: the one worked on).
  useEffect(() => {
    // An exercise brings its own plan (and has no case): nothing is listed or opened.
    if (!volumeReady || autoOpened || !bridge || exercise) return;
    setAutoOpened(true);
    void refresh().then((mine) => {
      const last = lastSavedPlan(mine);
      if (last && !hasUnsavedEdits(store.getSnapshot())) open(last);
    });
  }, [volumeReady, autoOpened, bridge, refresh, open, store, exercise]);

  const save = useCallback(
    // "Keep mine over it": the plan as loaded, on the version that conflicted.
    (overwrite = false) => saver.save(overwrite && conflict && saver.current ? { ...saver.current, version: conflict.version } : undefined),
    [saver, conflict],
  );

  const takeTheirs = useCallback(() => {
    if (conflict) open(conflict);
  }, [conflict, open]);

  const prefillCase = useCallback(
    async (lesionId: string) => {
      const caseId = current?.caseId ?? cases[0]?.id;
      const lesion = store.draft.lesions.find((l) => l.record.id === lesionId)?.record;
      if (!lesion) return;
      if (!caseId) {
        setMessage({ kind: 'error', text: 'No case yet: save the plan first (that creates its case)' });
        return;
      }
      try {
        const doc = await casesApi.get(caseId);
        const i = doc.lesions.findIndex((l) => l.id === lesionId);
        const next = prefillCaseLesion(lesion, i >= 0 ? doc.lesions[i] : undefined, study?.studyInstanceUID ?? null);
        const lesions = i >= 0 ? doc.lesions.map((l, k) => (k === i ? next : l)) : [...doc.lesions, next];
        const r = await casesApi.save(caseId, { ...doc, lesions }, doc.version);
        if (!r.ok) {
          setMessage({ kind: 'error', text: `Case not updated: ${r.problem.error}` });
          return;
        }
        const sins = r.document.lesions.find((l) => l.id === lesionId)?.scores.sins?.result;
        setMessage({ kind: 'info', text: `Case lesion "${next.label || lesionId}" ${i >= 0 ? 'updated' : 'added'}${sins ? `; SINS ${sins.total ?? 'incomplete until every component is entered'}` : ''} — complete it on the case page` });
      } catch (e) {
        setMessage({ kind: 'error', text: `Case not updated: ${errorText(e)}` });
      }
    },
    [current, cases, store, study],
  );

  const setStatus = useCallback(
    async (status: PlanStatus) => {
      const doc = saver.current;
      if (!doc || saver.saving) return;
      if (hasUnsavedEdits(store.getSnapshot())) {
        setMessage({ kind: 'error', text: `Save the plan first: the status applies to a saved version` });
        return;
      }
      const openedAtStart = opened.current;
      // The stored plan as it is, at another status. The approval is left for the server to
      // fill from the signed-in account (never a name sent from here); performed keeps it.
      const keepApproval = status === 'performed';
      const r = await plansApi.save(
        doc.id,
        {
          title: doc.title,
          studyInstanceUID: doc.studyInstanceUID,
          seriesInstanceUID: doc.seriesInstanceUID,
          frameOfReferenceUID: doc.frameOfReferenceUID,
          status,
          approvedBy: keepApproval ? doc.approvedBy : null,
          approvedAt: keepApproval ? doc.approvedAt : null,
          content: doc.content,
        },
        doc.version,
      );
      if (opened.current !== openedAtStart) return;
      if (!r.ok) {
        if (r.status === 409 && r.problem.current) setConflict(r.problem.current);
        setMessage({ kind: 'error', text: sessionEnded(r.status, r.problem.code) ? 'Status not changed: your session has expired. Sign in again, then change it again.' : `Status not changed: ${r.problem.error}` });
        return;
      }
      saver.reset(r.document);
      setCurrent(r.document);
      setLastSave({ version: r.document.version, notes: r.notes });
      setPlans((ps) => [r.document, ...ps.filter((p) => p.id !== r.document.id)]);
      const approval = r.document.approvedBy ? ` — approved by ${r.document.approvedBy} at ${r.document.approvedAt ? utcTime(r.document.approvedAt) : '?'}` : '';
      setMessage({ kind: 'info', text: `Plan ${r.document.status}, version ${r.document.version}${approval}` });
    },
    [saver, store],
  );

  const plan = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const confirmDiscard = useCallback((what: string) => mayDiscard(store.getSnapshot(), what, ask), [store]);

  // Leaving with unsaved edits asks first: closing or reloading the tab, and in-app navigation.
  const dirty = hasUnsavedEdits(plan) || pendingTitle !== undefined;
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    const removeGuard = setLeaveGuard(() => confirmDiscard('Leave this page'));
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      removeGuard();
    };
  }, [dirty, confirmDiscard]);

  const loadError =
    casesState.status === 'failed'
      ? `Could not list the cases linked to this study (${casesState.error}): saving a new plan is refused until they load`
      : plansError;
  const reload = useCallback(() => void refresh(), [refresh]);
  const bridgeState = useSyncExternalStore(bridge ? bridge.subscribe : noop, () => bridge?.getSnapshot());
  const title = pendingTitle ?? current?.title ?? '';
  return { store, bridge, plan, bridgeState, cases, casesStatus: casesState.status, plans, current, title, renamed: pendingTitle !== undefined, rename: setTitle, message, loadError, conflict, lastSave, saving, open, save, takeTheirs, prefillCase, reload, confirmDiscard, setStatus };
}
