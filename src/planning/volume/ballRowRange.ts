import type { VoxelMetric } from './voxelMetric';

/**
 * The integer i-offsets of one row (fixed j- and k-offsets from a centre voxel) that lie
 * within a ball of squared radius `r2` mm², as `[first, last]`, or null when none does.
 * Solving the quadratic per row lets loops over a ball skip the corners of its box.
 */
export function ballRowRange(m: VoxelMetric, dy: number, dz: number, r2: number): readonly [number, number] | null {
  const g = m.gram;
  const a = g[0]!;
  const b = g[1]! * dy + g[2]! * dz;
  const c = g[4]! * dy * dy + g[8]! * dz * dz + 2 * g[5]! * dy * dz - r2;
  const disc = b * b - a * c;
  if (disc < 0) return null;
  const root = Math.sqrt(disc);
  const first = Math.ceil((-b - root) / a - 1e-9);
  const last = Math.floor((-b + root) / a + 1e-9);
  return first <= last ? [first, last] : null;
}
