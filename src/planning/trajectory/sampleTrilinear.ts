import type { ScalarVolume } from './gridGeometry';

/**
 * The trilinearly interpolated value of a scalar volume at a fractional voxel index, or NaN
 * when the point lies outside the grid (beyond the outermost voxel centres, with a half-voxel
 * allowance clamped to the edge voxels). Written without inner closures or allocation: it
 * runs once per sample in the margin and profile loops.
 */
export function sampleTrilinear(v: ScalarVolume, fi: number, fj: number, fk: number): number {
  const dims = v.dimensions;
  const nx = dims[0], ny = dims[1], nz = dims[2];
  if (!(fi >= -0.5 && fj >= -0.5 && fk >= -0.5 && fi <= nx - 0.5 && fj <= ny - 0.5 && fk <= nz - 0.5)) return NaN;
  const ci = fi < 0 ? 0 : fi > nx - 1 ? nx - 1 : fi;
  const cj = fj < 0 ? 0 : fj > ny - 1 ? ny - 1 : fj;
  const ck = fk < 0 ? 0 : fk > nz - 1 ? nz - 1 : fk;
  let i0 = Math.floor(ci), j0 = Math.floor(cj), k0 = Math.floor(ck);
  if (i0 > nx - 2) i0 = nx > 1 ? nx - 2 : 0;
  if (j0 > ny - 2) j0 = ny > 1 ? ny - 2 : 0;
  if (k0 > nz - 2) k0 = nz > 1 ? nz - 2 : 0;
  const di = nx > 1 ? 1 : 0, dj = ny > 1 ? nx : 0, dk = nz > 1 ? nx * ny : 0;
  const ti = ci - i0, tj = cj - j0, tk = ck - k0;
  const s = v.scalars;
  const p = i0 + nx * (j0 + ny * k0);
  const c00 = s[p]! * (1 - ti) + s[p + di]! * ti;
  const c10 = s[p + dj]! * (1 - ti) + s[p + dj + di]! * ti;
  const c01 = s[p + dk]! * (1 - ti) + s[p + dk + di]! * ti;
  const c11 = s[p + dk + dj]! * (1 - ti) + s[p + dk + dj + di]! * ti;
  return (c00 * (1 - tj) + c10 * tj) * (1 - tk) + (c01 * (1 - tj) + c11 * tj) * tk;
}
