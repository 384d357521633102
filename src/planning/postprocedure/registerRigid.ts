import type { LpsBox, RegistrationReport } from '../../records/postProcedure';
import type { Result } from '../../shared/result';
import type { PlanningVolume } from '../volume/planningVolume';
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
 * err only for unusable input. CONTRACT STUB — implemented by the registration work of issue 18.
 */
export async function registerRigid(fixed: PlanningVolume, moving: PlanningVolume, options: RegisterOptions): Promise<Result<RegistrationReport>> {
  void fixed;
  void moving;
  void options;
  throw new Error('registerRigid: not implemented yet');
}
