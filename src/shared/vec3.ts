/**
 * Points and vectors in patient space. Coordinates are DICOM LPS millimetres
 * (+x patient left, +y posterior, +z superior). The brand keeps world points apart
 * from voxel indices and canvas points at compile time.
 */
export type Vec3 = readonly [number, number, number];

/** A point in patient LPS millimetres. */
export type LpsPoint = Vec3 & { readonly __space: 'lps-mm' };

/** A (fractional) voxel index [column, row, slice]. */
export type VoxelIndex = Vec3 & { readonly __space: 'voxel' };

export const lps = (x: number, y: number, z: number): LpsPoint => [x, y, z] as unknown as LpsPoint;
export const voxel = (i: number, j: number, k: number): VoxelIndex => [i, j, k] as unknown as VoxelIndex;

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
export const norm = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
export const distance = (a: Vec3, b: Vec3): number => norm(sub(a, b));
export const normalize = (a: Vec3): Vec3 => {
  const n = norm(a);
  return n === 0 ? [0, 0, 0] : scale(a, 1 / n);
};
