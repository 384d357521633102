import type { GridGeometry } from './gridGeometry';

/**
 * The affine map between voxel indices and LPS millimetres of a grid, precomputed once so
 * inner loops do plain arithmetic. `toMm` holds the scaled axes as columns (row-major 3×3),
 * `toIndex` its inverse (a full inverse, so sheared grids convert exactly).
 */
export interface GridTransform {
  readonly origin: readonly [number, number, number];
  readonly toMm: Float64Array;
  readonly toIndex: Float64Array;
  /** True when the three axes are mutually perpendicular (voxels are boxes, not parallelepipeds). */
  readonly orthogonal: boolean;
}

/** Precomputes a grid's index ↔ LPS transform. */
export function gridTransform(g: GridGeometry): GridTransform {
  const m = new Float64Array(9);
  for (let a = 0; a < 3; a++) {
    const d = g.direction[a]!;
    const s = g.spacing[a]!;
    m[a] = d[0] * s;
    m[3 + a] = d[1] * s;
    m[6 + a] = d[2] * s;
  }
  const inv = new Float64Array(9);
  const c00 = m[4]! * m[8]! - m[5]! * m[7]!, c01 = m[2]! * m[7]! - m[1]! * m[8]!, c02 = m[1]! * m[5]! - m[2]! * m[4]!;
  const c10 = m[5]! * m[6]! - m[3]! * m[8]!, c11 = m[0]! * m[8]! - m[2]! * m[6]!, c12 = m[2]! * m[3]! - m[0]! * m[5]!;
  const c20 = m[3]! * m[7]! - m[4]! * m[6]!, c21 = m[1]! * m[6]! - m[0]! * m[7]!, c22 = m[0]! * m[4]! - m[1]! * m[3]!;
  const det = m[0]! * c00 + m[1]! * c10 + m[2]! * c20;
  if (!(Math.abs(det) > 0)) throw new Error('Grid directions are degenerate (coplanar axes)');
  inv.set([c00 / det, c01 / det, c02 / det, c10 / det, c11 / det, c12 / det, c20 / det, c21 / det, c22 / det]);
  const [a, b, c] = g.direction;
  const dot = (u: readonly number[], v: readonly number[]) => u[0]! * v[0]! + u[1]! * v[1]! + u[2]! * v[2]!;
  const orthogonal = Math.abs(dot(a, b)) < 1e-6 && Math.abs(dot(a, c)) < 1e-6 && Math.abs(dot(b, c)) < 1e-6;
  return { origin: [g.origin[0], g.origin[1], g.origin[2]], toMm: m, toIndex: inv, orthogonal };
}

/** Writes the LPS position of fractional index (i, j, k) into `out` (no allocation). */
export function indexToMm(t: GridTransform, i: number, j: number, k: number, out: Float64Array | number[]): void {
  const m = t.toMm;
  out[0] = t.origin[0] + m[0]! * i + m[1]! * j + m[2]! * k;
  out[1] = t.origin[1] + m[3]! * i + m[4]! * j + m[5]! * k;
  out[2] = t.origin[2] + m[6]! * i + m[7]! * j + m[8]! * k;
}

/** Writes the fractional index of LPS point (x, y, z) into `out` (no allocation). */
export function mmToIndex(t: GridTransform, x: number, y: number, z: number, out: Float64Array | number[]): void {
  const m = t.toIndex;
  const dx = x - t.origin[0], dy = y - t.origin[1], dz = z - t.origin[2];
  out[0] = m[0]! * dx + m[1]! * dy + m[2]! * dz;
  out[1] = m[3]! * dx + m[4]! * dy + m[5]! * dz;
  out[2] = m[6]! * dx + m[7]! * dy + m[8]! * dz;
}
