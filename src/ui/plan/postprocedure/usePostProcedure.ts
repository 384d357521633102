import { useEffect, useRef, useState } from 'react';
import { DEFAULT_FUSION, nudgeMatrix, type FusionSettings, type Nudge, type ViewerSession, type ViewportSlot } from '../../../imaging';
import type { LpsBox, PostProcedureAssessment, PostProcedureRequest, PostProcedureResult, RegistrationReport } from '../../../records/postProcedure';
import type { Matrix4 } from '../../../planning/postprocedure/rigid';
import { postProcedureApi, RegistrationFailedError } from '../../../api/postProcedure';
import { ApiError, errorText } from '../../../api/apiProblem';
import type { PlanWorkspace } from '../usePlanWorkspace';
import { useCbctCandidates } from './useCbctCandidates';
import { useFusionView } from './useFusionView';
import { boxCentre, lesionRegion, type CbctCandidate } from './panelModel';

export interface RunState {
  readonly phase: 'idle' | 'running' | 'done' | 'failed';
  readonly text: string;
  readonly startedAt: number;
  readonly error?: string;
}

/** How long after the last nudge the analysis runs again with the adjusted transform (ms). */
export const RERUN_DEBOUNCE_MS = 600;
/** The server's default margin around the lesions (mm). */
export const DEFAULT_MARGIN_MM = 40;

const failureText = (e: unknown): string => {
  const said = e instanceof ApiError ? e.problem?.error : undefined;
  if (e instanceof RegistrationFailedError) return said && /^registration failed/i.test(said) ? said : `Registration failed: ${said ?? e.message}`;
  return said ?? `The post-procedure analysis failed: ${errorText(e)}`;
};

/**
 * The post-procedure section's state: the chosen CBCT, the region margin, the server run
 * (register + analyse, cancellable), the transform on screen with its manual nudges (each
 * re-analysed after a short pause), the fused view and the accepted assessment.
 */
export function usePostProcedure(ws: PlanWorkspace, session: ViewerSession | undefined) {
  const plan = ws.current;
  const candidates = useCbctCandidates(plan);
  const [chosenUid, setChosenUid] = useState<string | undefined>();
  const chosen: CbctCandidate | undefined = candidates.candidates.find((c) => c.seriesInstanceUID === chosenUid) ?? candidates.candidates[0];
  const [marginMm, setMarginMm] = useState(DEFAULT_MARGIN_MM);
  const [run, setRun] = useState<RunState>({ phase: 'idle', text: '', startedAt: 0 });
  const [result, setResult] = useState<PostProcedureResult | undefined>();
  const [automatic, setAutomatic] = useState<PostProcedureResult | undefined>();
  const [matrix, setMatrix] = useState<Matrix4 | undefined>();
  const [manual, setManual] = useState(false);
  // A failed registration's report: where it stopped, the start for an alignment by hand.
  const [failedReg, setFailedReg] = useState<RegistrationReport | undefined>();
  const [fusion, setFusionState] = useState<FusionSettings>(DEFAULT_FUSION);
  const [display, setDisplay] = useState<CbctCandidate | undefined>();
  const [accepted, setAccepted] = useState<{ assessment?: PostProcedureAssessment; busy: boolean; error?: string }>({ busy: false });
  const abort = useRef<AbortController | undefined>(undefined);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const matrixRef = useRef<Matrix4 | undefined>(undefined);
  matrixRef.current = matrix;

  // Another plan or series: start over.
  const planId = plan?.id;
  useEffect(() => {
    setResult(undefined);
    setFailedReg(undefined);
    setAutomatic(undefined);
    setMatrix(undefined);
    setManual(false);
    setAccepted({ busy: false });
    setRun({ phase: 'idle', text: '', startedAt: 0 });
    return () => {
      abort.current?.abort();
      clearTimeout(debounce.current);
    };
  }, [planId, chosen?.seriesInstanceUID]);

  const region = (): LpsBox | undefined => {
    const g = session?.volumeGeometry();
    if (marginMm === DEFAULT_MARGIN_MM || !g) return undefined;
    return lesionRegion(ws.plan.draft, g, marginMm) ?? undefined;
  };

  const body = (m?: Matrix4, adjusted?: boolean): PostProcedureRequest | undefined => {
    if (!chosen) return undefined;
    const r = region();
    return { studyInstanceUID: chosen.studyInstanceUID, seriesInstanceUID: chosen.seriesInstanceUID, ...(r ? { region: r } : {}), ...(m ? { matrix: [...m], manuallyAdjusted: adjusted ?? false } : {}) };
  };

  const start = (m?: Matrix4): void => {
    const b = body(m, m ? true : undefined);
    if (!planId || !b) return;
    abort.current?.abort();
    const ac = new AbortController();
    abort.current = ac;
    setDisplay(chosen);
    setAccepted({ busy: false });
    setRun({ phase: 'running', text: m ? 'Analysing with the adjusted transform' : 'Registering and analysing on the server', startedAt: Date.now() });
    postProcedureApi.run(planId, b, ac.signal).then(
      (r) => {
        if (abort.current !== ac) return;
        setResult(r);
        setFailedReg(undefined);
        if (!m) {
          setAutomatic(r);
          setMatrix(r.registration.matrix);
          setManual(false);
        }
        const failed = r.registration.status !== 'ok';
        setRun({ phase: failed ? 'failed' : 'done', text: '', startedAt: 0, ...(failed ? { error: `Registration failed: ${r.registration.message ?? 'no reason given'}` } : {}) });
      },
      (e: unknown) => {
        if (abort.current !== ac) return;
        if (ac.signal.aborted) return setRun({ phase: 'idle', text: 'Cancelled', startedAt: 0 });
        setRun({ phase: 'failed', text: '', startedAt: 0, error: failureText(e) });
        if (e instanceof RegistrationFailedError && e.registration && !m) {
          // Nothing wrong is shown as right: no numbers; the fusion at the stop point, to align by hand.
          setResult(undefined);
          setFailedReg(e.registration);
          setMatrix(e.registration.matrix);
          setManual(false);
        }
      },
    );
  };

  const register = (): void => {
    clearTimeout(debounce.current);
    start();
  };

  const cancel = (): void => {
    clearTimeout(debounce.current);
    abort.current?.abort();
    abort.current = undefined;
    setRun({ phase: 'idle', text: 'Cancelled', startedAt: 0 });
  };

  // A plain function: the key handler calls the latest render's through a ref.
  const nudge = (n: Nudge, slot: ViewportSlot): void => {
    const m = matrixRef.current;
    const reg = result?.registration.region ?? failedReg?.region;
    const plane = session?.viewPlane(slot) ?? session?.viewPlane('axial');
    if (!m || !reg || !plane) return;
    const next = nudgeMatrix(m, plane, n, boxCentre(reg));
    matrixRef.current = next;
    setMatrix(next);
    setManual(true);
    setAccepted({ busy: false });
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => start(next), RERUN_DEBOUNCE_MS);
  };

  const resetToAutomatic = (): void => {
    if (!automatic) return;
    clearTimeout(debounce.current);
    abort.current?.abort();
    abort.current = undefined;
    setResult(automatic);
    setMatrix(automatic.registration.matrix);
    setManual(false);
    setAccepted({ busy: false });
    setRun({ phase: 'done', text: '', startedAt: 0 });
  };

  const accept = async (): Promise<void> => {
    const m = matrixRef.current;
    const b = body(m, manual);
    if (!planId || !b || !m) return;
    setAccepted({ busy: true });
    try {
      setAccepted({ busy: false, assessment: await postProcedureApi.accept(planId, b) });
    } catch (e) {
      setAccepted({ busy: false, error: `The assessment could not be stored: ${errorText(e)}` });
    }
  };

  const setFusion = (patch: Partial<FusionSettings>): void => setFusionState((f) => ({ ...f, ...patch }));
  const view = useFusionView(session, display, matrix, fusion, result?.registration.region ?? failedReg?.region, nudge);

  return { plan, candidates, chosen, choose: setChosenUid, marginMm, setMarginMm, run, result, failedReg, matrix, manual, fusion, setFusion, volume: view.volume, fusionActive: view.active, layer: view.layer, hoveredSlot: view.hoveredSlot, register, cancel, nudge, resetToAutomatic, accept, accepted };
}

export type PostProcedureState = ReturnType<typeof usePostProcedure>;
