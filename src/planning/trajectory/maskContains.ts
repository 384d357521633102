import type { PreparedMask } from './preparedMask';

/** True when voxel (i, j, k) (integer indices of the whole grid) is in the prepared mask. */
export function maskContains(m: PreparedMask, i: number, j: number, k: number): boolean {
  if (i < m.min[0] || j < m.min[1] || k < m.min[2] || i > m.max[0] || j > m.max[1] || k > m.max[2]) return false;
  const r = j - m.min[1] + m.rowsPerSlice * (k - m.min[2]);
  const runs = m.runs;
  for (let p = m.rowStart[r]!, end = m.rowStart[r + 1]!; p < end; p++) {
    if (i < runs[2 * p]!) return false;
    if (i < runs[2 * p + 1]!) return true;
  }
  return false;
}
