import type { LpsBox } from '../../../records/postProcedure';
import type { Matrix4 } from '../rigid';
import { composeAffine, type Grid } from './grid';
import { trilinear } from './metric';
import { seededRandom } from './samples';

/** Bone surface level of the planning CT (HU, on the clamped, averaged images). */
const BONE_HU = 300;
const MAX_POINTS = 1500;
const REACH_MM = 5;
const STEP_MM = 0.25;

/** Affine map applied to a point. */
const at = (a: readonly number[], x: number, y: number, z: number): [number, number, number] => [
  a[0]! * x + a[1]! * y + a[2]! * z + a[3]!,
  a[4]! * x + a[5]! * y + a[6]! * z + a[7]!,
  a[8]! * x + a[9]! * y + a[10]! * z + a[11]!,
];

/**
 * Mean distance (mm) from the planning CT's bone surface to the cone-beam CT's through the
 * transform: for surface points of the fixed image (where it crosses the bone level), the
 * distance along the surface normal between the fixed crossing and the moving one (the moving
 * level found by a linear fit of moving to fixed values near the surface), each searched within
 * ±5 mm. Points whose profile is masked or lacks a crossing are left out (about a tenth on the
 * generated case 2 at the true pose: thin bone whose blurred peak misses the fitted level);
 * null when fewer than 20, or fewer than half of the usable surface points, are measured.
 */
export function edgeDistanceMm(fixed: Grid, moving: Grid, region: LpsBox, t: Matrix4): number | null {
  const [nx, ny, nz] = fixed.dims;
  const v = fixed.values;
  const surface: number[] = [];
  for (let k = 1; k < nz - 1; k++) for (let j = 1; j < ny - 1; j++) for (let i = 1; i < nx - 1; i++) {
    const n = i + nx * (j + ny * k);
    if (v[n]! < BONE_HU) continue;
    if (v[n - 1]! >= BONE_HU && v[n + 1]! >= BONE_HU && v[n - nx]! >= BONE_HU && v[n + nx]! >= BONE_HU && v[n - nx * ny]! >= BONE_HU && v[n + nx * ny]! >= BONE_HU) continue;
    const [x, y, z] = at(fixed.i2w, i, j, k);
    if (x < region.minLps[0] || y < region.minLps[1] || z < region.minLps[2] || x > region.maxLps[0] || y > region.maxLps[1] || z > region.maxLps[2]) continue;
    surface.push(n);
  }
  const rnd = seededRandom(777);
  while (surface.length > MAX_POINTS) {
    const r = Math.floor(rnd() * surface.length);
    surface[r] = surface[surface.length - 1]!;
    surface.pop();
  }
  const toMoving = composeAffine(moving.w2i, t.slice(0, 12));
  const grad = new Float64Array(3);
  const steps = Math.round(REACH_MM / STEP_MM);
  const profiles: { f: number[]; m: number[] }[] = [];
  for (const n of surface) {
    const i = n % nx, j = Math.floor(n / nx) % ny, k = Math.floor(n / (nx * ny));
    trilinear(fixed, i + 0.0, j + 0.0, k + 0.0, grad);
    // Index-space gradient → LPS direction: the normal is w2iᵀ·grad.
    const w = fixed.w2i;
    const gx = w[0]! * grad[0]! + w[4]! * grad[1]! + w[8]! * grad[2]!;
    const gy = w[1]! * grad[0]! + w[5]! * grad[1]! + w[9]! * grad[2]!;
    const gz = w[2]! * grad[0]! + w[6]! * grad[1]! + w[10]! * grad[2]!;
    const len = Math.hypot(gx, gy, gz);
    if (len < 1e-6) continue;
    const [px, py, pz] = at(fixed.i2w, i, j, k);
    const f: number[] = [], m: number[] = [];
    let usable = true;
    for (let s = -steps; s <= steps && usable; s++) {
      const d = (s * STEP_MM) / len;
      const qx = px + gx * d, qy = py + gy * d, qz = pz + gz * d;
      const fi = at(fixed.w2i, qx, qy, qz);
      const mi = at(toMoving, qx, qy, qz);
      const fv = trilinear(fixed, fi[0], fi[1], fi[2], null);
      const mv = trilinear(moving, mi[0], mi[1], mi[2], null);
      if (fv !== fv || mv !== mv) usable = false;
      f.push(fv);
      m.push(mv);
    }
    if (usable) profiles.push({ f, m });
  }
  if (profiles.length < 20) return null;
  // Moving ≈ a·fixed + b near the surface gives the moving bone level.
  let sf = 0, sm = 0, sff = 0, sfm = 0, cnt = 0;
  for (const p of profiles) for (let s = 0; s < p.f.length; s++) {
    sf += p.f[s]!; sm += p.m[s]!; sff += p.f[s]! * p.f[s]!; sfm += p.f[s]! * p.m[s]!; cnt++;
  }
  const a = (sfm - (sf * sm) / cnt) / Math.max(1e-9, sff - (sf * sf) / cnt);
  if (!(a > 0)) return null;
  const level = a * BONE_HU + (sm - a * sf) / cnt;
  let total = 0, measured = 0;
  for (const p of profiles) {
    const cf = nearestCrossing(p.f, BONE_HU, steps), cm = nearestCrossing(p.m, level, steps);
    if (cf === null || cm === null) continue;
    total += Math.abs(cm - cf) * STEP_MM;
    measured++;
  }
  return measured >= Math.max(20, profiles.length / 2) ? total / measured : null;
}

/** Fractional position (in steps from the centre) of the upward crossing of `level` nearest the centre. */
function nearestCrossing(values: readonly number[], level: number, centre: number): number | null {
  let best: number | null = null;
  for (let s = 0; s + 1 < values.length; s++) {
    const a = values[s]!, b = values[s + 1]!;
    if (a < level && b >= level) {
      const pos = s + (level - a) / (b - a) - centre;
      if (best === null || Math.abs(pos) < Math.abs(best)) best = pos;
    }
  }
  return best;
}
