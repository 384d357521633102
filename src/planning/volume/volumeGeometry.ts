import type { LpsPoint, Vec3 } from '../../shared/vec3';

/** Voxel counts along i (columns), j (rows) and k (slices). */
export type Dimensions3 = readonly [number, number, number];

/** Voxel spacing in mm along i, j and k; all positive. */
export type Spacing3 = readonly [number, number, number];

/**
 * Unit LPS direction of increasing i, j and k: DICOM's row cosines, column cosines, and the
 * direction in which the slice index grows. The third is not always row × column: a series
 * stored head to foot has it pointing inferior, and it is the stacking direction that
 * index ↔ world conversions need.
 */
export type DirectionCosines = readonly [Vec3, Vec3, Vec3];

/**
 * Where a voxel grid sits in patient space. Voxel (i, j, k) has its centre at
 * `origin + i·spacing[0]·direction[0] + j·spacing[1]·direction[1] + k·spacing[2]·direction[2]`.
 */
export interface VolumeGeometry {
  readonly dimensions: Dimensions3;
  readonly spacing: Spacing3;
  /** LPS centre of voxel (0, 0, 0). */
  readonly origin: LpsPoint;
  readonly direction: DirectionCosines;
}

/** Number of voxels of a grid. */
export const voxelCount = (d: Dimensions3): number => d[0] * d[1] * d[2];

/**
 * Volume of one voxel in mm³: the parallelepiped spanned by the scaled axes, so a sheared
 * (gantry-tilted) grid is measured correctly too.
 */
export function voxelVolumeMm3(g: VolumeGeometry): number {
  const [a, b, c] = g.direction;
  const det =
    a[0] * (b[1] * c[2] - b[2] * c[1]) - a[1] * (b[0] * c[2] - b[2] * c[0]) + a[2] * (b[0] * c[1] - b[1] * c[0]);
  return Math.abs(det) * g.spacing[0] * g.spacing[1] * g.spacing[2];
}

/** Axis-aligned identity directions: i to patient left, j posterior, k superior. */
export const IDENTITY_DIRECTION: DirectionCosines = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
