import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { PlanBridge, type BridgeSnapshot, type ViewerSession } from '../../imaging';
import { PlanStore, type PlanStoreSnapshot } from '../../planning/plan/planStore';
import { EMPTY_DRAFT } from '../../planning/plan/planDraft';
import { contentFromDraft, draftFromContent, type PlanSeries } from '../../planning/plan/planContentIO';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { casesApi, type CaseSummary } from '../../api/cases';
import { plansApi } from '../../api/plans';
import { prefillCaseLesion } from '../../planning/plan/caseLesionPrefill';
import type { PlanDocument } from '../../records';
import type { SeriesListing, StudyListing } from '../../dicom/studyListing';

/** The plan being edited and where it is stored. */
export interface PlanWorkspace {
  store: PlanStore;
  bridge: PlanBridge | undefined;
  plan: PlanStoreSnapshot;
  bridgeState: BridgeSnapshot | undefined;
  cases: CaseSummary[];
  /** Plans of the linked cases drawn on this series. */
  plans: PlanDocument[];
  current: PlanDocument | undefined;
  message: { kind: 'info' | 'error'; text: string } | undefined;
  conflict: PlanDocument | undefined;
  saving: boolean;
  open(doc: PlanDocument | undefined): void;
  save(overwrite?: boolean): Promise<void>;
  takeTheirs(): void;
  /** Prefills the case record's lesion (same id) from a plan lesion, keeping what the board entered. */
  prefillCase(lesionId: string): Promise<void>;
}

const noop = () => () => undefined;

/**
 * Everything the study page needs to plan on the open series: the plan store, the bridge that
 * draws it and turns gestures into commands, the cases linked to the study with their plans on
 * this series, and loading and saving through the records API (versioned; a conflict is shown,
 * never merged).
 */
export function usePlanWorkspace(session: ViewerSession | undefined, study: StudyListing | undefined, series: SeriesListing | undefined, volumeReady: boolean): PlanWorkspace {
  const store = useMemo(() => new PlanStore(), [session]);
  const [bridge, setBridge] = useState<PlanBridge | undefined>();
  const [cases, setCases] = useState<CaseSummary[]>([]);
  const [plans, setPlans] = useState<PlanDocument[]>([]);
  const [current, setCurrent] = useState<PlanDocument | undefined>();
  const [message, setMessage] = useState<PlanWorkspace['message']>();
  const [conflict, setConflict] = useState<PlanDocument | undefined>();
  const [saving, setSaving] = useState(false);
  const [autoOpened, setAutoOpened] = useState(false);

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

  // The cases linked to this study, and their plans on this series.
  const refresh = useCallback(async (): Promise<PlanDocument[]> => {
    if (!study || !series) return [];
    const cs = await casesApi.list({ study: study.studyInstanceUID }).catch(() => [] as CaseSummary[]);
    setCases(cs);
    const all = (await Promise.all(cs.map((c) => plansApi.list(c.id).catch(() => [] as PlanDocument[])))).flat();
    const mine = all.filter((p) => p.seriesInstanceUID === series.seriesInstanceUID && !p.archivedAt);
    setPlans(mine);
    return mine;
  }, [study, series]);

  const seriesWithGeometry = useCallback((): PlanSeries | undefined => {
    const geometry = session?.volumeGeometry();
    return planSeries && geometry ? { ...planSeries, geometry } : undefined;
  }, [session, planSeries]);

  const open = useCallback(
    (doc: PlanDocument | undefined) => {
      setConflict(undefined);
      if (!doc) {
        store.load(EMPTY_DRAFT);
        setCurrent(undefined);
        setMessage({ kind: 'info', text: 'New plan: nothing saved yet' });
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
      store.load(r.value.draft);
      setCurrent(doc);
      setMessage(r.value.notes.length ? { kind: 'error', text: r.value.notes.join('; ') } : { kind: 'info', text: `Opened "${doc.title || 'plan'}", version ${doc.version}` });
    },
    [store, seriesWithGeometry],
  );

  // Open the first plan on this series once the volume is ready.
  useEffect(() => {
    if (!volumeReady || autoOpened || !bridge) return;
    setAutoOpened(true);
    void refresh().then((mine) => {
      if (mine[0]) open(mine[0]);
    });
  }, [volumeReady, autoOpened, bridge, refresh, open]);

  const save = useCallback(
    async (overwrite = false) => {
      const ps = seriesWithGeometry();
      if (!ps || !study) return;
      setSaving(true);
      try {
        const content = contentFromDraft(store.draft, ps);
        const snap = store.getSnapshot();
        const edited = snap.revision !== snap.savedRevision;
        let caseId = current?.caseId ?? cases[0]?.id;
        if (!caseId) {
          const made = await casesApi.create({
            title: `Plan on ${study.studyDescription ?? 'study'}`,
            patient: { pseudonym: 'Untitled case', pseudonymous: true, sex: 'unknown', ageYears: null, birthYear: null, identifiers: [] },
            linkedStudies: [{ studyInstanceUID: study.studyInstanceUID, source: study.source === 'dicomweb' ? 'dicomweb' : study.source === 'embedded' ? 'embedded' : 'other', role: 'planning', sourceDetail: '', description: study.studyDescription ?? '' }],
          });
          if (!made.ok) {
            setMessage({ kind: 'error', text: `No case to save the plan in: ${made.problem.error}` });
            return;
          }
          caseId = made.document.id;
        }
        const body = {
          title: current?.title || `Plan ${new Date().toISOString().slice(0, 10)}`,
          studyInstanceUID: study.studyInstanceUID,
          seriesInstanceUID: ps.seriesInstanceUID,
          frameOfReferenceUID: ps.frameOfReferenceUID,
          // An approved or performed plan keeps its status while unchanged; an edit takes it back
          // to draft (the server refuses to change what the board approved under its approval).
          status: edited && (current?.status === 'approved' || current?.status === 'performed') ? 'draft' : (current?.status ?? 'draft'),
          approvedBy: edited ? null : (current?.approvedBy ?? null),
          approvedAt: edited ? null : (current?.approvedAt ?? null),
          content,
        } as const;
        const base = overwrite && conflict ? conflict.version : current?.version;
        const r = current && base !== undefined ? await plansApi.save(current.id, body, base) : await plansApi.create(caseId, body);
        if (r.ok) {
          setCurrent(r.document);
          setPlans((ps) => [r.document, ...ps.filter((p) => p.id !== r.document.id)]);
          setConflict(undefined);
          store.markSaved();
          const changedStatus = current && current.status !== r.document.status ? ` (status now ${r.document.status}: an approved plan goes back to draft when edited)` : '';
          setMessage({ kind: 'info', text: `Saved, version ${r.document.version}${changedStatus}` });
          void refresh();
        } else if (r.status === 409 && r.problem.current) {
          setConflict(r.problem.current as unknown as PlanDocument);
          setMessage({ kind: 'error', text: 'Someone else saved this plan meanwhile: nothing was merged. Take theirs, or keep yours over it.' });
        } else {
          const issues = r.problem.issues?.slice(0, 4).map((i) => `${i.path}: ${i.message}`).join('; ');
          setMessage({ kind: 'error', text: `Not saved: ${r.problem.error}${issues ? ` — ${issues}` : ''}` });
        }
      } finally {
        setSaving(false);
      }
    },
    [seriesWithGeometry, study, store, current, cases, conflict, refresh],
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
      setMessage({ kind: 'info', text: `Case lesion "${next.label || lesionId}" ${i >= 0 ? 'updated' : 'added'}${sins ? `; SINS ${sins.total ?? "incomplete until every component is entered"}` : ''} — complete it on the case page` });
    },
    [current, cases, store, study],
  );

  const plan = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const bridgeState = useSyncExternalStore(bridge ? bridge.subscribe : noop, () => bridge?.getSnapshot());
  return { store, bridge, plan, bridgeState, cases, plans, current, message, conflict, saving, open, save, takeTheirs, prefillCase };
}
