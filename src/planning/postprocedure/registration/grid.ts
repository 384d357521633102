import type { PlanningVolume } from '../../volume/planningVolume';
import { worldToIndexMatrix } from '../../volume/indexWorld';
import type { LpsBox } from '../../../records/postProcedure';

/**
 * A working copy of (part of) a volume for the registration: clamped intensities, optionally
 * a mask of the voxels that may be used, and the affine maps between voxel index and LPS.
 */
export interface Grid {
  readonly dims: readonly [number, number, number];
  /** Clamped, block-averaged intensities, index `i + nx·(j + ny·k)`; NaN where the mask leaves a voxel out. */
  readonly values: Float32Array;
  /** 1 where the voxel may be used (inside the field of view, away from cement and metal); null: all (or not kept). */
  readonly valid: Uint8Array | null;
  /** Index → LPS, 3×4 row-major. */
  readonly i2w: readonly number[];
  /** LPS → index, 3×4 row-major. */
  readonly w2i: readonly number[];
}

/** Index ranges [lo, hi] (inclusive) of a crop. */
export type IndexBox = readonly [readonly [number, number, number], readonly [number, number, number]];

/** Index → LPS (3×4) of a volume's geometry. */
export function indexToWorldAffine(v: PlanningVolume): number[] {
  const [d0, d1, d2] = v.direction;
  const [s0, s1, s2] = v.spacing;
  const o = v.origin;
  return [d0[0] * s0, d1[0] * s1, d2[0] * s2, o[0], d0[1] * s0, d1[1] * s1, d2[1] * s2, o[1], d0[2] * s0, d1[2] * s1, d2[2] * s2, o[2]];
}

/** LPS → index (3×4) of a volume's geometry. */
export function worldToIndexAffine(v: PlanningVolume): number[] {
  const m = worldToIndexMatrix(v);
  const o = v.origin;
  const t = [0, 1, 2].map((r) => -(m[r * 3]! * o[0] + m[r * 3 + 1]! * o[1] + m[r * 3 + 2]! * o[2]));
  return [m[0], m[1], m[2], t[0]!, m[3], m[4], m[5], t[1]!, m[6], m[7], m[8], t[2]!];
}

/** a·b for 3×4 affines (b first). */
export function composeAffine(a: readonly number[], b: readonly number[]): number[] {
  const out = new Array<number>(12);
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 4; c++) {
      let s = a[r * 4]! * b[c]! + a[r * 4 + 1]! * b[4 + c]! + a[r * 4 + 2]! * b[8 + c]!;
      if (c === 3) s += a[r * 4 + 3]!;
      out[r * 4 + c] = s;
    }
  }
  return out;
}

/** The voxels of `v` (inclusive index ranges) that cover an LPS box, grown by `marginMm`; null when they miss the volume. */
export function indexBoxOf(v: PlanningVolume, box: LpsBox, marginMm: number): IndexBox | null {
  const w2i = worldToIndexAffine(v);
  const lo = [Infinity, Infinity, Infinity];
  const hi = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const p = [0, 1, 2].map((a) => ((c >> a) & 1 ? box.maxLps[a]! + marginMm : box.minLps[a]! - marginMm));
    for (let r = 0; r < 3; r++) {
      const q = w2i[r * 4]! * p[0]! + w2i[r * 4 + 1]! * p[1]! + w2i[r * 4 + 2]! * p[2]! + w2i[r * 4 + 3]!;
      lo[r] = Math.min(lo[r]!, q);
      hi[r] = Math.max(hi[r]!, q);
    }
  }
  const l: number[] = [], h: number[] = [];
  for (let a = 0; a < 3; a++) {
    l.push(Math.max(0, Math.floor(lo[a]!)));
    h.push(Math.min(v.dimensions[a]! - 1, Math.ceil(hi[a]!)));
    if (h[a]! < l[a]!) return null;
  }
  return [[l[0]!, l[1]!, l[2]!], [h[0]!, h[1]!, h[2]!]];
}

/** How the raw HU are turned into the metric's values and its mask. */
export interface GridOptions {
  readonly clampLo: number;
  readonly clampHi: number;
  /** Raw values above this are cement or metal (left out, dilated by `dilateMm`); undefined: none. */
  readonly metalHu?: number;
  readonly dilateMm?: number;
  /** Raw values at or below this are outside the field of view (padding); undefined: none. */
  readonly paddingHu?: number;
}

/**
 * Block-averages the crop `box` of `v` by integer `factors` after clamping each voxel to
 * [clampLo, clampHi]. With `metalHu`/`paddingHu` it also builds the mask: a block is unusable
 * when any voxel in it is padding or lies within `dilateMm` of a cement/metal voxel.
 */
export function makeGrid(v: PlanningVolume, box: IndexBox, factors: readonly [number, number, number], o: GridOptions, mask?: BadMask): Grid {
  const [lo, hi] = box;
  const cx = hi[0] - lo[0] + 1, cy = hi[1] - lo[1] + 1, cz = hi[2] - lo[2] + 1;
  const [fx, fy, fz] = factors;
  const nx = Math.max(1, Math.floor(cx / fx)), ny = Math.max(1, Math.floor(cy / fy)), nz = Math.max(1, Math.floor(cz / fz));
  const [vx, vy] = v.dimensions;
  const src = v.scalars;
  const sum = new Float32Array(nx * ny * nz);
  const masked = o.metalHu !== undefined || o.paddingHu !== undefined;
  const m = masked ? mask ?? badMask(v, box, o) : null;
  const bad = m?.mask ?? null;
  const [bx, by] = m ? [m.box[1][0] - m.box[0][0] + 1, m.box[1][1] - m.box[0][1] + 1] : [0, 0];
  const [ox, oy, oz] = m ? [lo[0] - m.box[0][0], lo[1] - m.box[0][1], lo[2] - m.box[0][2]] : [0, 0, 0];
  if (m && (ox < 0 || oy < 0 || oz < 0 || hi[0] > m.box[1][0] || hi[1] > m.box[1][1] || hi[2] > m.box[1][2])) throw new Error('makeGrid: the mask does not cover the crop');
  const valid = masked ? new Uint8Array(nx * ny * nz).fill(1) : null;
  const { clampLo, clampHi } = o;
  const colOf = Int32Array.from({ length: cx }, (_, i) => Math.floor(i / fx));
  for (let k = 0; k < nz * fz && k < cz; k++) {
    const gk = Math.floor(k / fz);
    for (let j = 0; j < ny * fy && j < cy; j++) {
      const gj = Math.floor(j / fy);
      const rowSrc = lo[0] + vx * (lo[1] + j + vy * (lo[2] + k));
      const rowBad = ox + bx * (oy + j + by * (oz + k));
      const rowOut = nx * (gj + ny * gk);
      const iEnd = Math.min(nx * fx, cx);
      for (let i = 0; i < iEnd; i++) {
        const raw = src[rowSrc + i]!;
        const g = rowOut + colOf[i]!;
        sum[g]! += raw < clampLo ? clampLo : raw > clampHi ? clampHi : raw;
        if (bad && bad[rowBad + i]! & 1) valid![g] = 0;
      }
    }
  }
  const inv = 1 / (fx * fy * fz);
  for (let n = 0; n < sum.length; n++) sum[n] = valid && !valid[n] ? NaN : sum[n]! * inv;
  const base = indexToWorldAffine(v);
  // Block centre (gi, gj, gk) sits at source index lo + f·g + (f − 1)/2.
  const scaleShift = [fx, 0, 0, lo[0] + (fx - 1) / 2, 0, fy, 0, lo[1] + (fy - 1) / 2, 0, 0, fz, lo[2] + (fz - 1) / 2];
  const i2w = composeAffine(base, scaleShift);
  return { dims: [nx, ny, nz], values: sum, valid, i2w, w2i: invertAffine(i2w) };
}

/** Unusable voxels of a crop (bit 1: padding, or within `dilateMm` of cement/metal; bit 2: the metal itself), indexed within `box`. */
export interface BadMask {
  readonly box: IndexBox;
  readonly mask: Uint8Array;
}

/** The crop's voxels that are padding, or cement/metal dilated by `dilateMm` (a box stamped about each metal surface voxel). */
export function badMask(v: PlanningVolume, box: IndexBox, o: GridOptions): BadMask {
  const [lo, hi] = box;
  const cx = hi[0] - lo[0] + 1, cy = hi[1] - lo[1] + 1, cz = hi[2] - lo[2] + 1;
  const [vx, vy] = v.dimensions;
  // Bit 1: unusable; bit 2: metal itself.
  const mask = new Uint8Array(cx * cy * cz);
  const mHu = o.metalHu ?? Infinity, pHu = o.paddingHu ?? -Infinity;
  const src = v.scalars;
  let metalCount = 0;
  for (let k = 0; k < cz; k++) for (let j = 0; j < cy; j++) {
    const s = lo[0] + vx * (lo[1] + j + vy * (lo[2] + k));
    const d = cx * (j + cy * k);
    for (let i = 0; i < cx; i++) {
      const raw = src[s + i]!;
      if (raw > mHu) { mask[d + i] = 3; metalCount++; }
      else if (raw <= pHu) mask[d + i] = 1;
    }
  }
  const r = v.spacing.map((sp) => Math.max(0, Math.round((o.dilateMm ?? 0) / sp)));
  if (metalCount === 0 || r.every((x) => x === 0)) return { box, mask };
  const sxy = cx * cy;
  for (let k = 0; k < cz; k++) for (let j = 0; j < cy; j++) for (let i = 0; i < cx; i++) {
    const n = i + cx * j + sxy * k;
    if (!(mask[n]! & 2)) continue;
    // Interior metal voxels need no stamp: their neighbours are metal too.
    if (i > 0 && i < cx - 1 && j > 0 && j < cy - 1 && k > 0 && k < cz - 1 &&
      mask[n - 1]! & mask[n + 1]! & mask[n - cx]! & mask[n + cx]! & mask[n - sxy]! & mask[n + sxy]! & 2) continue;
    for (let c = Math.max(0, k - r[2]!); c <= Math.min(cz - 1, k + r[2]!); c++) for (let b = Math.max(0, j - r[1]!); b <= Math.min(cy - 1, j + r[1]!); b++) {
      const row = cx * b + sxy * c;
      for (let a = Math.max(0, i - r[0]!); a <= Math.min(cx - 1, i + r[0]!); a++) mask[row + a]! |= 1;
    }
  }
  return { box, mask };
}

/** Halves a grid by 2×2×2 block averages (a masked voxel, NaN, makes its block NaN). */
export function halveGrid(g: Grid): Grid {
  const [nx, ny, nz] = g.dims;
  const hx = Math.max(1, nx >> 1), hy = Math.max(1, ny >> 1), hz = Math.max(1, nz >> 1);
  const fx = nx > 1 ? 2 : 1, fy = ny > 1 ? 2 : 1, fz = nz > 1 ? 2 : 1;
  const out = new Float32Array(hx * hy * hz);
  const v = g.values;
  for (let k = 0; k < hz * fz; k++) for (let j = 0; j < hy * fy; j++) {
    const src = nx * (j + ny * k), dst = hx * ((j / fy) | 0) + hx * hy * ((k / fz) | 0);
    for (let i = 0; i < hx * fx; i++) out[dst + ((i / fx) | 0)]! += v[src + i]!;
  }
  const inv = 1 / (fx * fy * fz);
  for (let n = 0; n < out.length; n++) out[n]! *= inv;
  const scaleShift = [fx, 0, 0, (fx - 1) / 2, 0, fy, 0, (fy - 1) / 2, 0, 0, fz, (fz - 1) / 2];
  const i2w = composeAffine(g.i2w, scaleShift);
  return { dims: [hx, hy, hz], values: out, valid: null, i2w, w2i: invertAffine(i2w) };
}

/** Inverse of a 3×4 affine. */
export function invertAffine(a: readonly number[]): number[] {
  const [m00, m01, m02, , m10, m11, m12, , m20, m21, m22] = a as number[];
  const c00 = m11! * m22! - m12! * m21!, c01 = m02! * m21! - m01! * m22!, c02 = m01! * m12! - m02! * m11!;
  const c10 = m12! * m20! - m10! * m22!, c11 = m00! * m22! - m02! * m20!, c12 = m02! * m10! - m00! * m12!;
  const c20 = m10! * m21! - m11! * m20!, c21 = m01! * m20! - m00! * m21!, c22 = m00! * m11! - m01! * m10!;
  const det = m00! * c00 + m01! * c10 + m02! * c20;
  const r = [c00 / det, c01 / det, c02 / det, c10 / det, c11 / det, c12 / det, c20 / det, c21 / det, c22 / det];
  const t = [a[3]!, a[7]!, a[11]!];
  const out: number[] = [];
  for (let i = 0; i < 3; i++) out.push(r[i * 3]!, r[i * 3 + 1]!, r[i * 3 + 2]!, -(r[i * 3]! * t[0]! + r[i * 3 + 1]! * t[1]! + r[i * 3 + 2]! * t[2]!));
  return out;
}
