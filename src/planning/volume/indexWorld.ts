import { lps, voxel, type LpsPoint, type VoxelIndex } from '../../shared/vec3';
import type { VolumeGeometry } from './volumeGeometry';

/** LPS position of a (fractional) voxel index. */
export function indexToWorld(g: VolumeGeometry, index: VoxelIndex): LpsPoint {
  const [d0, d1, d2] = g.direction;
  const a = index[0] * g.spacing[0];
  const b = index[1] * g.spacing[1];
  const c = index[2] * g.spacing[2];
  return lps(
    g.origin[0] + a * d0[0] + b * d1[0] + c * d2[0],
    g.origin[1] + a * d0[1] + b * d1[1] + c * d2[1],
    g.origin[2] + a * d0[2] + b * d1[2] + c * d2[2],
  );
}

/**
 * The 3×3 matrix taking an LPS offset (mm) to an index offset, row by row. A full inverse
 * rather than a transpose, so sheared grids (gantry tilt) convert exactly.
 */
export function worldToIndexMatrix(g: VolumeGeometry): [number, number, number, number, number, number, number, number, number] {
  const [d0, d1, d2] = g.direction;
  const [s0, s1, s2] = g.spacing;
  // Columns of the forward matrix are the scaled axes.
  const m00 = d0[0] * s0, m01 = d1[0] * s1, m02 = d2[0] * s2;
  const m10 = d0[1] * s0, m11 = d1[1] * s1, m12 = d2[1] * s2;
  const m20 = d0[2] * s0, m21 = d1[2] * s1, m22 = d2[2] * s2;
  const c00 = m11 * m22 - m12 * m21, c01 = m02 * m21 - m01 * m22, c02 = m01 * m12 - m02 * m11;
  const c10 = m12 * m20 - m10 * m22, c11 = m00 * m22 - m02 * m20, c12 = m02 * m10 - m00 * m12;
  const c20 = m10 * m21 - m11 * m20, c21 = m01 * m20 - m00 * m21, c22 = m00 * m11 - m01 * m10;
  const det = m00 * c00 + m01 * c10 + m02 * c20;
  return [c00 / det, c01 / det, c02 / det, c10 / det, c11 / det, c12 / det, c20 / det, c21 / det, c22 / det];
}

/** Fractional voxel index of an LPS point (may lie outside the grid). */
export function worldToIndex(g: VolumeGeometry, p: LpsPoint): VoxelIndex {
  const m = worldToIndexMatrix(g);
  const x = p[0] - g.origin[0], y = p[1] - g.origin[1], z = p[2] - g.origin[2];
  return voxel(m[0] * x + m[1] * y + m[2] * z, m[3] * x + m[4] * y + m[5] * z, m[6] * x + m[7] * y + m[8] * z);
}

/** The voxel whose centre is nearest to an LPS point, or null when that voxel is outside the grid. */
export function nearestVoxel(g: VolumeGeometry, p: LpsPoint): VoxelIndex | null {
  const f = worldToIndex(g, p);
  const i = Math.round(f[0]), j = Math.round(f[1]), k = Math.round(f[2]);
  const [nx, ny, nz] = g.dimensions;
  if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) return null;
  return voxel(i, j, k);
}

/** Flat index `i + nx·(j + ny·k)` of integer voxel coordinates. */
export const linearIndex = (g: Pick<VolumeGeometry, 'dimensions'>, i: number, j: number, k: number): number =>
  i + g.dimensions[0] * (j + g.dimensions[1] * k);
