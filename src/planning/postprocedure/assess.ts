import type { LpsBox, PostProcedureResult, RegistrationReport } from '../../records/postProcedure';
import { err, ok, type Result } from '../../shared/result';
import type { Vec3 } from '../../shared/vec3';
import { isEmptyBox } from '../mask/voxelBox';
import type { PlanDraft } from '../plan/planDraft';
import type { PlanningVolume } from '../volume/planningVolume';
import { assessCement } from './assessCement';
import { assessNeedles } from './assessNeedles';
import { blockHistogram, cementLevels } from './cement/cementLevels';
import { paddingValue } from './fieldOfView';
import { residualAt } from './registration/residualAt';
import { lesionRegion, mappedVoxelBox } from './region';
import { registerRigid } from './registerRigid';
import { invertRigid, paramsFromMatrix, type Matrix4 } from './rigid';

/** Everything one assessment needs. */
export interface AssessmentInput {
  /** The planning CT the plan was drawn on (its masks are on this grid). */
  readonly ct: PlanningVolume;
  readonly planningSeriesInstanceUID: string;
  /** The post-procedure cone-beam CT. */
  readonly cbct: PlanningVolume;
  readonly cbctIdentity: { readonly studyInstanceUID: string; readonly seriesInstanceUID: string; readonly frameOfReferenceUID: string | null };
  /** The plan, its masks decoded (planning/plan/planContentIO draftFromContent). */
  readonly plan: PlanDraft;
  /** Registration region; default {@link defaultRegion} (the plan's lesions plus 40 mm). */
  readonly region?: LpsBox;
  /** Skip the registration and use this transform (planning LPS → CBCT LPS). */
  readonly matrix?: Matrix4;
  /** 'manual' when `matrix` is the user's nudge of an automatic result; default 'given' with a matrix. */
  readonly matrixSource?: 'manual' | 'given';
  /** Needles placed by the user: trajectory id → entry and tip in CBCT LPS. */
  readonly placedNeedles?: Readonly<Record<string, { readonly entryLps: Vec3; readonly tipLps: Vec3 }>>;
  readonly onProgress?: (fraction: number, phase: string) => void;
  readonly cancelled?: () => boolean;
}

/** Which analysis made a result. */
export const ASSESSMENT_METHOD = 'percuplan-postprocedure/1';

const centreOf = (b: LpsBox): Vec3 => [(b.minLps[0] + b.maxLps[0]) / 2, (b.minLps[1] + b.maxLps[1]) / 2, (b.minLps[2] + b.maxLps[2]) / 2];

function givenReport(input: AssessmentInput, m: Matrix4, region: LpsBox, started: number): RegistrationReport {
  const p = paramsFromMatrix(m, centreOf(region));
  // Measured as the registration measures its own answer, so a nudge's numbers compare with it;
  // nothing measured (0 points) when the region does not reach both images through it.
  const residual = residualAt(input.ct, input.cbct, region, m) ?? { ncc: 0, edgeDistanceMm: null, samples: 0 };
  return {
    matrix: [...m],
    status: 'ok',
    message: null,
    rotationDeg: [...p.rotationDeg],
    translationMm: [...p.translationMm],
    region,
    residual: { ncc: residual.ncc, edgeDistanceMm: residual.edgeDistanceMm, samples: residual.samples },
    source: input.matrixSource ?? 'given',
    elapsedMs: Date.now() - started,
  };
}

/**
 * Registers (unless given a matrix), finds the needles and matches them to the trajectories,
 * segments the cement, measures each lesion's fill and each leak. err for unusable input
 * (no lesions, volumes that do not overlap…); a failed registration is err too, its message
 * saying why; so is a cancellation.
 */
export async function runAssessment(input: AssessmentInput): Promise<Result<PostProcedureResult>> {
  const started = Date.now();
  const progress = input.onProgress ?? (() => undefined);
  const region = input.region ?? defaultRegion(input.ct, input.plan);
  if (!region) return err('the plan has no lesion mask on the planning CT, so there is no region to analyse (give one)');
  const padding = paddingValue(input.cbct);
  let registration: RegistrationReport;
  if (input.matrix) {
    if (input.matrix.length !== 16 || !input.matrix.every(Number.isFinite)) return err('matrix: expected 16 finite numbers (row-major 4×4)');
    registration = givenReport(input, input.matrix, region, started);
  } else {
    const r = await registerRigid(input.ct, input.cbct, {
      region,
      onProgress: (f, phase) => progress(0.7 * f, phase),
      ...(input.cancelled ? { cancelled: input.cancelled } : {}),
    });
    if (!r.ok) return r;
    if (r.value.status === 'failed') return err(`registration failed: ${r.value.message ?? 'no reason given'}`);
    registration = r.value;
  }
  const m = registration.matrix;
  const inverse = invertRigid(m);
  const box = mappedVoxelBox(input.cbct, region, m);
  if (isEmptyBox(box)) return err('the CBCT does not cover the region of the plan\'s lesions through this transform');
  if (input.cancelled?.()) return err('cancelled');
  progress(0.72, 'Finding the needles');
  const levels = cementLevels(blockHistogram(input.cbct, box));
  const needles = assessNeedles(input, m, inverse, input.cbct, padding, levels?.cementPeakHu ?? null);
  if (input.cancelled?.()) return err('cancelled');
  progress(0.85, 'Segmenting the cement');
  const cement = assessCement(input, region, m, inverse, box, levels, needles);
  progress(1, 'Done');
  return ok({
    registration,
    needles: needles.reports,
    cement: cement.report,
    cbct: { studyInstanceUID: input.cbctIdentity.studyInstanceUID, seriesInstanceUID: input.cbctIdentity.seriesInstanceUID, frameOfReferenceUID: input.cbctIdentity.frameOfReferenceUID },
    planningSeriesInstanceUID: input.planningSeriesInstanceUID,
    warnings: [...needles.warnings, ...cement.warnings],
    method: ASSESSMENT_METHOD,
  });
}

/** The default registration region: the bounding box of the plan's lesions grown by `marginMm` (40), clipped to the CT; null without lesion masks. */
export function defaultRegion(ct: PlanningVolume, plan: PlanDraft, marginMm = 40): LpsBox | null {
  return lesionRegion(ct, plan, marginMm);
}
