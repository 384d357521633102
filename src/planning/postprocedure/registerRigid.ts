import type { LpsBox, RegistrationReport } from '../../records/postProcedure';
import type { Result } from '../../shared/result';
import type { PlanningVolume } from '../volume/planningVolume';
import { runRegistration } from './registration/run';
import type { Matrix4 } from './rigid';

/** Options of {@link registerRigid}. */
export interface RegisterOptions {
  /** Region of the fixed (planning CT) volume the metric is computed over, planning LPS. */
  readonly region: LpsBox;
  /** Start transform (planning LPS → CBCT LPS); default identity (the patient coordinates both scanners report). */
  readonly initial?: Matrix4;
  /** Coarse search around the start (default true): rotations and translations over the capture range. */
  readonly coarseSearch?: boolean;
  /** Progress 0…1 with a phrase (shown in the UI). */
  readonly onProgress?: (fraction: number, phase: string) => void;
  /** Checked between steps; when it returns true the registration stops with an error "cancelled". */
  readonly cancelled?: () => boolean;
}

/**
 * Rigid registration of a cone-beam CT (moving) to the planning CT (fixed) over a region:
 * multi-resolution, robust to cement and metal (clamped and masked), to the CBCT's truncated
 * field of view (padding left out), from the patient coordinates plus a coarse search.
 * Answers the report (status 'failed' with a message when it cannot trust its answer);
 * err only for unusable input (and 'cancelled').
 *
 * Method (registration/): both images clamped to −200…1500 HU and block-averaged to about 6,
 * 3 and 1.5 mm; cone-beam voxels above 1800 HU (cement, metal; dilated 2 mm) and its padding
 * (≤ −1000 HU) masked, planning-CT air left out; points sampled in the region favouring
 * edges. At 6 mm an exhaustive search over rotations ±24° (12° steps) × translations ±30 mm
 * (15 mm steps) keeps the 12 best by NCC; each is refined by Levenberg–Marquardt on the
 * intensity-fitted residual (NCC, insensitive to a linear HU change, analytic trilinear
 * gradients); the best basins are refined at 3 mm and the winner at 1.5 mm. Failure when
 * the NCC is low, the overlap small, the answer beyond the capture range, or two basins tie.
 */
export async function registerRigid(fixed: PlanningVolume, moving: PlanningVolume, options: RegisterOptions): Promise<Result<RegistrationReport>> {
  return Promise.resolve(runRegistration(fixed, moving, options));
}
