import { err, ok, type Result } from '../../shared/result';
import { voxelCount, type VolumeGeometry } from './volumeGeometry';

/** Hounsfield units, one per voxel, index `i + nx·(j + ny·k)`. */
export type HuScalars = Int16Array | Float32Array;

/** A CT volume as planning sees it: its geometry and its HU values. */
export interface PlanningVolume extends VolumeGeometry {
  readonly scalars: HuScalars;
}

const finite3 = (v: readonly number[]): boolean => v.length === 3 && v.every((x) => Number.isFinite(x));

/**
 * Checks a geometry and its scalars before planning code trusts them: integer positive
 * dimensions, positive spacing, unit and non-degenerate directions, and as many scalars as
 * voxels. The message names the field that is wrong.
 */
export function createPlanningVolume(geometry: VolumeGeometry, scalars: HuScalars): Result<PlanningVolume> {
  const { dimensions, spacing, origin, direction } = geometry;
  if (!dimensions.every((n) => Number.isInteger(n) && n > 0)) return err(`dimensions must be positive integers, got ${dimensions.join(', ')}`);
  if (!finite3(spacing) || !spacing.every((s) => s > 0)) return err(`spacing must be positive millimetres, got ${spacing.join(', ')}`);
  if (!finite3(origin)) return err('origin must be three finite numbers');
  for (let a = 0; a < 3; a++) {
    const d = direction[a]!;
    if (!finite3(d) || Math.abs(Math.hypot(d[0], d[1], d[2]) - 1) > 1e-3) return err(`direction[${a}] must be a unit vector`);
  }
  const [a, b, c] = direction;
  const det = a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  if (Math.abs(det) < 1e-3) return err('direction vectors are (nearly) coplanar');
  if (scalars.length !== voxelCount(dimensions)) return err(`scalars has ${scalars.length} values for ${voxelCount(dimensions)} voxels`);
  return ok({ dimensions, spacing, origin, direction, scalars });
}
