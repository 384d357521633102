import type { LpsPoint } from '../../shared/vec3';
import type { ScalarVolume } from './gridGeometry';
import { gridTransform, mmToIndex } from './gridTransform';
import { sampleTrilinear } from './sampleTrilinear';

/** HU sampled along a trajectory. */
export interface HuProfile {
  /** Distance of each sample from the entry, mm (0, step, 2·step, …, depth). */
  readonly distancesMm: Float32Array;
  /** Trilinear HU at each sample; NaN outside the volume. */
  readonly hu: Float32Array;
  readonly stepMm: number;
}

/** The default sampling step along the path, mm. */
export const PROFILE_STEP_MM = 0.5;

/**
 * The HU profile from entry to target, sampled every `stepMm` (0.5 mm by default) with
 * trilinear interpolation; the last sample is the target itself.
 */
export function huProfile(entry: LpsPoint, target: LpsPoint, volume: ScalarVolume, stepMm = PROFILE_STEP_MM): HuProfile {
  if (!(stepMm > 0)) throw new Error('stepMm must be positive');
  const t = gridTransform(volume);
  const length = Math.hypot(target[0] - entry[0], target[1] - entry[1], target[2] - entry[2]);
  const whole = Math.floor(length / stepMm + 1e-9);
  const count = whole + 1 + (whole * stepMm < length - 1e-9 ? 1 : 0);
  const distancesMm = new Float32Array(count);
  const hu = new Float32Array(count);
  const idx = [0, 0, 0];
  for (let s = 0; s < count; s++) {
    const d = Math.min(s * stepMm, length);
    const u = length > 0 ? d / length : 0;
    mmToIndex(t, entry[0] + (target[0] - entry[0]) * u, entry[1] + (target[1] - entry[1]) * u, entry[2] + (target[2] - entry[2]) * u, idx);
    distancesMm[s] = d;
    hu[s] = sampleTrilinear(volume, idx[0]!, idx[1]!, idx[2]!);
  }
  return { distancesMm, hu, stepMm };
}
