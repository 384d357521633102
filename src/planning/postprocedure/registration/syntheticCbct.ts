import type { LpsPoint, Vec3 } from '../../../shared/vec3';
import { IDENTITY_DIRECTION } from '../../volume/volumeGeometry';
import type { PlanningVolume } from '../../volume/planningVolume';
import { applyMatrix, invertRigid, type Matrix4 } from '../rigid';
import { worldToIndexAffine } from './grid';
import { seededRandom } from './samples';

/**
 * A cone-beam-like volume made from a planning CT through a known rigid transform, for tests
 * and the benchmark: resampled (trilinear) onto its own axis-aligned grid, a cylindrical field
 * of view with padding outside, a cement blob and a metal needle with streaks, an HU scale and
 * offset, and Gaussian noise. Everything is stated in planning LPS and carried through `truth`.
 */
export interface SyntheticCbctOptions {
  /** Planning LPS → this volume's LPS. */
  readonly truth: Matrix4;
  /** Grid centre (this volume's LPS), size (mm) and spacing (mm). */
  readonly centreLps: Vec3;
  readonly sizeMm: Vec3;
  readonly spacingMm: number;
  /** Field-of-view cylinder about the grid's axial centre line; outside it `paddingHu`. */
  readonly fovRadiusMm: number;
  readonly paddingHu?: number;
  readonly noiseHu: number;
  /** Stored value = scale·HU + offset (before noise). */
  readonly huScale: number;
  readonly huOffset: number;
  /** An ellipsoid of cement (planning LPS). */
  readonly cement?: { readonly centreLps: Vec3; readonly semiAxesMm: Vec3; readonly hu: number };
  /** A metal needle (planning LPS) with radial streaks in the axial planes it crosses. */
  readonly needle?: { readonly entryLps: Vec3; readonly tipLps: Vec3; readonly radiusMm: number; readonly hu: number; readonly streakHu: number };
  readonly seed: number;
}

export function syntheticCbct(ct: PlanningVolume, o: SyntheticCbctOptions): PlanningVolume {
  const sp = o.spacingMm;
  const dims = o.sizeMm.map((s) => Math.max(2, Math.round(s / sp))) as unknown as [number, number, number];
  const origin = [0, 1, 2].map((a) => o.centreLps[a]! - ((dims[a]! - 1) * sp) / 2) as unknown as LpsPoint;
  const geometry = { dimensions: dims, spacing: [sp, sp, sp] as const, origin, direction: IDENTITY_DIRECTION } as const;
  const out = new Int16Array(dims[0] * dims[1] * dims[2]);
  const inv = invertRigid(o.truth);
  const w2i = worldToIndexAffine(ct);
  const toCt = [0, 1, 2].map((r) => [0, 1, 2, 3].map((c) => {
    // CT index = w2i · inv · y
    let s = 0;
    for (let k = 0; k < 3; k++) s += w2i[r * 4 + k]! * inv[k * 4 + c]!;
    return c === 3 ? s + w2i[r * 4 + 3]! : s;
  })).flat();
  const rnd = seededRandom(o.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(Math.max(1e-12, rnd()))) * Math.cos(2 * Math.PI * rnd());
  const pad = o.paddingHu ?? -1000;
  const needle = o.needle && { a: applyMatrix(o.truth, o.needle.entryLps), b: applyMatrix(o.truth, o.needle.tipLps), ...o.needle };
  const cement = o.cement;
  const [cx, cy] = [o.centreLps[0], o.centreLps[1]];
  const [nx, ny, nz] = ct.dimensions;
  const s = ct.scalars;
  for (let k = 0; k < dims[2]; k++) {
    const z = origin[2] + k * sp;
    // Where the needle crosses this axial plane (for the streaks).
    let cross: [number, number] | null = null;
    if (needle && (z - needle.a[2]) * (z - needle.b[2]) <= 0 && Math.abs(needle.b[2] - needle.a[2]) > 1e-6) {
      const u = (z - needle.a[2]) / (needle.b[2] - needle.a[2]);
      cross = [needle.a[0] + u * (needle.b[0] - needle.a[0]), needle.a[1] + u * (needle.b[1] - needle.a[1])];
    }
    for (let j = 0; j < dims[1]; j++) {
      const y = origin[1] + j * sp;
      for (let i = 0; i < dims[0]; i++) {
        const x = origin[0] + i * sp;
        const n = i + dims[0] * (j + dims[1] * k);
        if (Math.hypot(x - cx, y - cy) > o.fovRadiusMm) { out[n] = pad; continue; }
        const fi = toCt[0]! * x + toCt[1]! * y + toCt[2]! * z + toCt[3]!;
        const fj = toCt[4]! * x + toCt[5]! * y + toCt[6]! * z + toCt[7]!;
        const fk = toCt[8]! * x + toCt[9]! * y + toCt[10]! * z + toCt[11]!;
        let hu = -1000;
        const i0 = Math.floor(fi), j0 = Math.floor(fj), k0 = Math.floor(fk);
        if (i0 >= 0 && j0 >= 0 && k0 >= 0 && i0 + 1 < nx && j0 + 1 < ny && k0 + 1 < nz) {
          const ax = fi - i0, ay = fj - j0, az = fk - k0;
          const b = i0 + nx * (j0 + ny * k0), sx = nx, sxy = nx * ny;
          const c00 = s[b]! + (s[b + 1]! - s[b]!) * ax, c10 = s[b + sx]! + (s[b + sx + 1]! - s[b + sx]!) * ax;
          const c01 = s[b + sxy]! + (s[b + sxy + 1]! - s[b + sxy]!) * ax, c11 = s[b + sxy + sx]! + (s[b + sxy + sx + 1]! - s[b + sxy + sx]!) * ax;
          const c0 = c00 + (c10 - c00) * ay, c1 = c01 + (c11 - c01) * ay;
          hu = c0 + (c1 - c0) * az;
        }
        if (cement || needle) {
          const p = applyMatrix(inv, [x, y, z]);
          if (cement) {
            const e = [0, 1, 2].reduce((acc, a) => acc + ((p[a]! - cement.centreLps[a]!) / cement.semiAxesMm[a]!) ** 2, 0);
            if (e <= 1) hu = cement.hu;
          }
          if (needle && segmentDistance(p, o.needle!.entryLps, o.needle!.tipLps) <= needle.radiusMm) hu = needle.hu;
        }
        let v = o.huScale * hu + o.huOffset;
        if (cross && needle) {
          const d = Math.hypot(x - cross[0], y - cross[1]);
          if (d > needle.radiusMm) v += needle.streakHu * Math.cos(14 * Math.atan2(y - cross[1], x - cross[0])) * (20 / (d + 20));
        }
        v += o.noiseHu * gauss();
        out[n] = Math.max(-1000, Math.min(32767, Math.round(v)));
      }
    }
  }
  return { ...geometry, scalars: out };
}

function segmentDistance(p: Vec3, a: Vec3, b: Vec3): number {
  const d = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
  const l2 = d[0]! ** 2 + d[1]! ** 2 + d[2]! ** 2;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * d[0]! + (p[1] - a[1]) * d[1]! + (p[2] - a[2]) * d[2]!) / l2));
  return Math.hypot(p[0] - a[0] - t * d[0]!, p[1] - a[1] - t * d[1]!, p[2] - a[2] - t * d[2]!);
}

/** A rotation of `angleDeg` about a unit `axis` through `centre`, then `translationMm` (planning LPS → moved). */
export function axisAngleMatrix(axis: Vec3, angleDeg: number, centre: Vec3, translationMm: Vec3): Matrix4 {
  const n = Math.hypot(axis[0], axis[1], axis[2]);
  const [x, y, z] = [axis[0] / n, axis[1] / n, axis[2] / n];
  const a = (angleDeg * Math.PI) / 180, c = Math.cos(a), s = Math.sin(a), C = 1 - c;
  const r = [x * x * C + c, x * y * C - z * s, x * z * C + y * s, y * x * C + z * s, y * y * C + c, y * z * C - x * s, z * x * C - y * s, z * y * C + x * s, z * z * C + c];
  const t = [0, 1, 2].map((i) => centre[i]! + translationMm[i]! - (r[i * 3]! * centre[0] + r[i * 3 + 1]! * centre[1] + r[i * 3 + 2]! * centre[2]));
  return [r[0]!, r[1]!, r[2]!, t[0]!, r[3]!, r[4]!, r[5]!, t[1]!, r[6]!, r[7]!, r[8]!, t[2]!, 0, 0, 0, 1];
}

