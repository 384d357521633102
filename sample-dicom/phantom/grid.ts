import type { Vec3 } from '../../src/shared/vec3';

/**
 * An axial voxel grid in body-frame millimetres. Slice k is at z = top - k * sliceSpacing,
 * so slice 0 (InstanceNumber 1) is the most superior, as a craniocaudal CT scan is stored.
 * Column i is at x = x0 + i * colSpacing (towards patient left), row j at
 * y = y0 + j * rowSpacing (towards posterior).
 */
export interface VoxelGrid {
  readonly columns: number;
  readonly rows: number;
  readonly slices: number;
  readonly colSpacing: number;
  readonly rowSpacing: number;
  readonly sliceSpacing: number;
  readonly x0: number;
  readonly y0: number;
  readonly top: number;
}

/** The HU and label volumes painted on a grid; index = (k * rows + j) * columns + i. */
export interface Volume {
  readonly grid: VoxelGrid;
  readonly hu: Float32Array;
  /** Lesion/cement label per voxel (0 = none), for truth volumes and checks. */
  readonly labels: Uint8Array;
}

export const sliceZ = (g: VoxelGrid, k: number): number => g.top - k * g.sliceSpacing;

/** Nearest voxel index of a body-frame point (may lie outside the grid). */
export const nearestVoxel = (g: VoxelGrid, p: Vec3): [number, number, number] => [
  Math.round((p[0] - g.x0) / g.colSpacing),
  Math.round((p[1] - g.y0) / g.rowSpacing),
  Math.round((g.top - p[2]) / g.sliceSpacing),
];

/** The z of the slice nearest to `z`. */
export const snapToSlice = (g: VoxelGrid, z: number): number => sliceZ(g, Math.round((g.top - z) / g.sliceSpacing));
