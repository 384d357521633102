import type { Grid } from './grid';

/** Points of the fixed image (planning LPS) with their fixed intensities. */
export interface Samples {
  readonly n: number;
  /** x, y, z per point. */
  readonly pts: Float64Array;
  readonly f: Float32Array;
}

/** NCC of the moving values against the fixed ones over the usable points, and how many were usable. */
export interface Score {
  readonly ncc: number;
  readonly count: number;
}

/**
 * Trilinear value of `g` at a fractional index, with its index-space gradient written to
 * `grad` when given; NaN when any of the 8 neighbours is outside the grid or masked out (NaN).
 */
export function trilinear(g: Grid, x: number, y: number, z: number, grad: Float64Array | null): number {
  const [nx, ny, nz] = g.dims;
  const i = Math.floor(x), j = Math.floor(y), k = Math.floor(z);
  if (i < 0 || j < 0 || k < 0 || i + 1 >= nx || j + 1 >= ny || k + 1 >= nz) return NaN;
  const sx = nx, sxy = nx * ny;
  const n0 = i + sx * j + sxy * k;
  const v = g.values; // masked voxels hold NaN, which spreads to the result
  const fx = x - i, fy = y - j, fz = z - k;
  const c000 = v[n0]!, c100 = v[n0 + 1]!, c010 = v[n0 + sx]!, c110 = v[n0 + sx + 1]!;
  const c001 = v[n0 + sxy]!, c101 = v[n0 + sxy + 1]!, c011 = v[n0 + sxy + sx]!, c111 = v[n0 + sxy + sx + 1]!;
  const c00 = c000 + (c100 - c000) * fx, c10 = c010 + (c110 - c010) * fx;
  const c01 = c001 + (c101 - c001) * fx, c11 = c011 + (c111 - c011) * fx;
  const c0 = c00 + (c10 - c00) * fy, c1 = c01 + (c11 - c01) * fy;
  if (grad) {
    const dx0 = (c100 - c000) + (c110 - c010 - c100 + c000) * fy;
    const dx1 = (c101 - c001) + (c111 - c011 - c101 + c001) * fy;
    grad[0] = dx0 + (dx1 - dx0) * fz;
    grad[1] = (c10 - c00) + (c11 - c01 - c10 + c00) * fz;
    grad[2] = c1 - c0;
  }
  return c0 + (c1 - c0) * fz;
}

/** NCC of `g` sampled through `a` (planning LPS → moving index, 3×4) against the fixed values. */
export function score(s: Samples, g: Grid, a: readonly number[]): Score {
  let sm = 0, sf = 0, smm = 0, sff = 0, smf = 0, n = 0;
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11] = a as [number, number, number, number, number, number, number, number, number, number, number, number];
  const p = s.pts;
  for (let q = 0; q < s.n; q++) {
    const x = p[q * 3]!, y = p[q * 3 + 1]!, z = p[q * 3 + 2]!;
    const m = trilinear(g, a0 * x + a1 * y + a2 * z + a3, a4 * x + a5 * y + a6 * z + a7, a8 * x + a9 * y + a10 * z + a11, null);
    if (m !== m) continue;
    const f = s.f[q]!;
    sm += m; sf += f; smm += m * m; sff += f * f; smf += m * f; n++;
  }
  return { ncc: nccOf(n, sm, sf, smm, sff, smf), count: n };
}

export function nccOf(n: number, sm: number, sf: number, smm: number, sff: number, smf: number): number {
  if (n < 3) return -1;
  const vm = smm - (sm * sm) / n, vf = sff - (sf * sf) / n;
  if (vm <= 1e-9 || vf <= 1e-9) return 0;
  return (smf - (sm * sf) / n) / Math.sqrt(vm * vf);
}

/** The moving values and their derivatives by the 6 parameters at the usable points. */
export interface Linearised extends Score {
  /** Gauss–Newton normal matrix (6×6 row-major) and gradient of the fitted residual. */
  readonly h: Float64Array;
  readonly grad: Float64Array;
}

/**
 * Linearises the intensity-fitted residual α·m + β − f (the least squares whose minimum is
 * the largest NCC) about `a`: `b` holds the six 3×4 derivatives of `a` by the parameters.
 */
export function linearise(s: Samples, g: Grid, a: readonly number[], b: readonly (readonly number[])[]): Linearised {
  const gr = new Float64Array(3);
  const ms = new Float64Array(s.n), js = new Float64Array(s.n * 6), use = new Int32Array(s.n);
  let sm = 0, sf = 0, smm = 0, sff = 0, smf = 0, n = 0;
  const p = s.pts;
  const dj = new Float64Array(6);
  for (let q = 0; q < s.n; q++) {
    const x = p[q * 3]!, y = p[q * 3 + 1]!, z = p[q * 3 + 2]!;
    const m = trilinear(g, a[0]! * x + a[1]! * y + a[2]! * z + a[3]!, a[4]! * x + a[5]! * y + a[6]! * z + a[7]!, a[8]! * x + a[9]! * y + a[10]! * z + a[11]!, gr);
    if (m !== m) continue;
    for (let k = 0; k < 6; k++) {
      const d = b[k]!;
      dj[k] = gr[0]! * (d[0]! * x + d[1]! * y + d[2]! * z + d[3]!) + gr[1]! * (d[4]! * x + d[5]! * y + d[6]! * z + d[7]!) + gr[2]! * (d[8]! * x + d[9]! * y + d[10]! * z + d[11]!);
    }
    ms[n] = m;
    js.set(dj, n * 6);
    use[n] = q;
    const f = s.f[q]!;
    sm += m; sf += f; smm += m * m; sff += f * f; smf += m * f; n++;
  }
  const h = new Float64Array(36), grad = new Float64Array(6);
  const ncc = nccOf(n, sm, sf, smm, sff, smf);
  if (n < 10) return { ncc, count: n, h, grad };
  const mm = sm / n, mf = sf / n;
  const alpha = (smf - n * mm * mf) / Math.max(1e-9, smm - n * mm * mm);
  const beta = mf - alpha * mm;
  const jm = new Float64Array(6);
  for (let t = 0; t < n; t++) for (let k = 0; k < 6; k++) jm[k]! += js[t * 6 + k]!;
  for (let k = 0; k < 6; k++) jm[k]! /= n;
  for (let t = 0; t < n; t++) {
    const r = alpha * ms[t]! + beta - s.f[use[t]!]!;
    for (let k = 0; k < 6; k++) dj[k] = alpha * (js[t * 6 + k]! - jm[k]!);
    for (let k = 0; k < 6; k++) {
      grad[k]! += dj[k]! * r;
      for (let l = k; l < 6; l++) h[k * 6 + l]! += dj[k]! * dj[l]!;
    }
  }
  for (let k = 0; k < 6; k++) for (let l = 0; l < k; l++) h[k * 6 + l] = h[l * 6 + k]!;
  return { ncc, count: n, h, grad };
}

/** Solves the 6×6 system m·x = r (Gaussian elimination with partial pivoting); null when singular. */
export function solve6(m: Float64Array, r: Float64Array): Float64Array | null {
  const a = Float64Array.from(m), x = Float64Array.from(r);
  for (let c = 0; c < 6; c++) {
    let piv = c;
    for (let i = c + 1; i < 6; i++) if (Math.abs(a[i * 6 + c]!) > Math.abs(a[piv * 6 + c]!)) piv = i;
    if (Math.abs(a[piv * 6 + c]!) < 1e-12) return null;
    if (piv !== c) {
      for (let k = 0; k < 6; k++) { const t = a[c * 6 + k]!; a[c * 6 + k] = a[piv * 6 + k]!; a[piv * 6 + k] = t; }
      const t = x[c]!; x[c] = x[piv]!; x[piv] = t;
    }
    for (let i = c + 1; i < 6; i++) {
      const f = a[i * 6 + c]! / a[c * 6 + c]!;
      for (let k = c; k < 6; k++) a[i * 6 + k]! -= f * a[c * 6 + k]!;
      x[i]! -= f * x[c]!;
    }
  }
  for (let c = 5; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < 6; k++) s -= a[c * 6 + k]! * x[k]!;
    x[c] = s / a[c * 6 + c]!;
  }
  return x;
}
