import type { LpsBox, PostProcedureResult } from '../../records/postProcedure';
import type { Result } from '../../shared/result';
import type { Vec3 } from '../../shared/vec3';
import type { PlanDraft } from '../plan/planDraft';
import type { PlanningVolume } from '../volume/planningVolume';
import type { Matrix4 } from './rigid';

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

/**
 * Registers (unless given a matrix), finds the needles and matches them to the trajectories,
 * segments the cement, measures each lesion's fill and each leak. err for unusable input
 * (no lesions, volumes that do not overlap…); a failed registration is err too, its message
 * saying why. CONTRACT STUB — implemented by the analysis work of issue 18.
 */
export async function runAssessment(input: AssessmentInput): Promise<Result<PostProcedureResult>> {
  void input;
  throw new Error('runAssessment: not implemented yet');
}

/** The default registration region: the bounding box of the plan's lesions grown by `marginMm` (40). CONTRACT STUB. */
export function defaultRegion(ct: PlanningVolume, plan: PlanDraft, marginMm = 40): LpsBox | null {
  void ct;
  void plan;
  void marginMm;
  throw new Error('defaultRegion: not implemented yet');
}
