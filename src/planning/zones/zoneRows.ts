import type { GridTransform } from '../trajectory/gridTransform';
import type { CompositeZone } from './compositeZone';

/**
 * Evaluates a composite zone along the rows (fixed j, k; i varying) of a grid: the part of the
 * row inside the zone as disjoint intervals of fractional i. Each convex piece meets a row in
 * one interval, found in closed form (a quadratic for the curved sides, linear bounds for the
 * flat ones) — not one test per voxel.
 *
 * Work goes a slice at a time and a piece at a time: every term of those formulas is linear
 * or quadratic in j, so within a slice each piece walks its rows by forward differences in a
 * tight loop (a few additions and one square root per row), and the rows then merge the
 * pieces' intervals. Built once per zone and grid; nothing is allocated per slice or row
 * (buffers grow once to the widest slice).
 */
export interface ZoneRowEvaluator {
  /** Intervals of the last `row` call: [lo[q], hi[q]] for q < count, sorted and disjoint. */
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  /** Evaluates rows j0..j1 (inclusive) of slice k, for `row` to read. */
  slice(k: number, j0: number, j1: number): void;
  /** The intervals of row j of the last slice (j0 ≤ j ≤ j1); returns how many. */
  row(j: number): number;
  /** One row on its own: `slice(k, j, j)` then `row(j)`. */
  intervals(j: number, k: number): number;
}

const NC = 12;

/** Prepares the row evaluation of `zone` on the grid of `t`. */
export function zoneRowEvaluator(zone: CompositeZone, t: GridTransform): ZoneRowEvaluator {
  const f = zone.flat;
  const n = f.count;
  const d = f.data;
  const off = f.off, kinds = f.kind;
  const m = t.toMm;
  const Ux = m[0]!, Uy = m[3]!, Uz = m[6]!;
  const Vx = m[1]!, Vy = m[4]!, Vz = m[7]!;
  const Kx = m[2]!, Ky = m[5]!, Kz = m[8]!;
  const ox = t.origin[0], oy = t.origin[1], oz = t.origin[2];
  const inv = t.toIndex;

  // Rows (j, k) each piece can touch, and per piece the constants of the row direction U and
  // of the row step V (layout by kind below).
  const range = new Float64Array(4 * n);
  const cst = new Float64Array(NC * n);
  for (let q = 0; q < n; q++) {
    let j0 = Infinity, j1 = -Infinity, k0 = Infinity, k1 = -Infinity;
    for (let c = 0; c < 8; c++) {
      const x = f.box[6 * q + (c & 1 ? 3 : 0)]! - ox;
      const y = f.box[6 * q + 1 + (c & 2 ? 3 : 0)]! - oy;
      const z = f.box[6 * q + 2 + (c & 4 ? 3 : 0)]! - oz;
      const jj = inv[3]! * x + inv[4]! * y + inv[5]! * z;
      const kk = inv[6]! * x + inv[7]! * y + inv[8]! * z;
      if (jj < j0) j0 = jj;
      if (jj > j1) j1 = jj;
      if (kk < k0) k0 = kk;
      if (kk > k1) k1 = kk;
    }
    range.set([j0, j1, k0, k1], 4 * q);
    const o = off[q]!, c = NC * q;
    if (kinds[q] === 0) {
      // Quadric q(i) = A i² + 2 B i + C: [A, MU (3), MV (3), U·MV, V·MV].
      const mu = [0, 1, 2].map((r) => d[o + 3 + 3 * r]! * Ux + d[o + 4 + 3 * r]! * Uy + d[o + 5 + 3 * r]! * Uz);
      const mv = [0, 1, 2].map((r) => d[o + 3 + 3 * r]! * Vx + d[o + 4 + 3 * r]! * Vy + d[o + 5 + 3 * r]! * Vz);
      cst.set([Ux * mu[0]! + Uy * mu[1]! + Uz * mu[2]!, mu[0]!, mu[1]!, mu[2]!, mv[0]!, mv[1]!, mv[2]!, Ux * mv[0]! + Uy * mv[1]! + Uz * mv[2]!, Vx * mv[0]! + Vy * mv[1]! + Vz * mv[2]!], c);
    } else {
      const W = (x: number, y: number, z: number) => [d[o]! * x + d[o + 1]! * y + d[o + 2]! * z, d[o + 3]! * x + d[o + 4]! * y + d[o + 5]! * z, d[o + 6]! * x + d[o + 7]! * y + d[o + 8]! * z];
      const [vx, vy, vz] = W(Ux, Uy, Uz) as [number, number, number];
      const [wx, wy, wz] = W(Vx, Vy, Vz) as [number, number, number];
      if (kinds[q] === 1) {
        // Cylinder: [A, vt, dwt, cx, cy, cz, dbx, dby, dbz, c·db, |db|²] — c the part of the row
        // direction across the axis, db the part of the row step across it.
        const ex = d[o + 12]!, ey = d[o + 13]!, ez = d[o + 14]!;
        const vt = vx * ex + vy * ey + vz * ez;
        const cx = vx - vt * ex, cy = vy - vt * ey, cz = vz - vt * ez;
        const dwt = wx * ex + wy * ey + wz * ez;
        const bx = wx - dwt * ex, by = wy - dwt * ey, bz = wz - dwt * ez;
        cst.set([cx * cx + cy * cy + cz * cz, vt, dwt, cx, cy, cz, bx, by, bz, cx * bx + cy * by + cz * bz, bx * bx + by * by + bz * bz], c);
      } else {
        // Prism: [β0, β1, β2, βh, δα0, δα1, δα2, δh] — the row and step rates of the three edge
        // constraints and of the height above the plane.
        for (let e = 0; e < 3; e++) {
          const mm = o + 21 + 3 * e;
          cst[c + e] = vx * d[mm]! + vy * d[mm + 1]! + vz * d[mm + 2]!;
          cst[c + 4 + e] = wx * d[mm]! + wy * d[mm + 1]! + wz * d[mm + 2]!;
        }
        cst[c + 3] = vx * d[o + 18]! + vy * d[o + 19]! + vz * d[o + 20]!;
        cst[c + 7] = wx * d[o + 18]! + wy * d[o + 19]! + wz * d[o + 20]!;
      }
    }
  }

  // Per slice: piece q's interval on row j0 + r at [q·width + r] (lo > hi when none).
  let width = 0, sliceJ0 = 0;
  let pLo = new Float64Array(0), pHi = new Float64Array(0);
  const cap = Math.max(1, n);
  const rawLo = new Float64Array(cap), rawHi = new Float64Array(cap);
  const lo = new Float64Array(cap), hi = new Float64Array(cap);

  /** Walks quadric q over rows ja..jb of slice k. */
  function quadricRows(q: number, k: number, ja: number, jb: number): void {
    const o = off[q]!, c = NC * q, base = q * width - sliceJ0;
    const wx = ox + Vx * ja + Kx * k - d[o]!, wy = oy + Vy * ja + Ky * k - d[o + 1]!, wz = oz + Vz * ja + Kz * k - d[o + 2]!;
    let B = wx * cst[c + 1]! + wy * cst[c + 2]! + wz * cst[c + 3]!;
    let C = wx * (d[o + 3]! * wx + d[o + 4]! * wy + d[o + 5]! * wz) + wy * (d[o + 6]! * wx + d[o + 7]! * wy + d[o + 8]! * wz) + wz * (d[o + 9]! * wx + d[o + 10]! * wy + d[o + 11]! * wz) - 1;
    let dC = 2 * (cst[c + 4]! * wx + cst[c + 5]! * wy + cst[c + 6]! * wz) + cst[c + 8]!;
    const A = cst[c]!, dB = cst[c + 7]!, ddC = 2 * cst[c + 8]!;
    for (let j = ja; j <= jb; j++) {
      const disc = B * B - A * C;
      if (disc >= 0) {
        const r = Math.sqrt(disc);
        pLo[base + j] = (-B - r) / A;
        pHi[base + j] = (-B + r) / A;
      }
      B += dB;
      C += dC;
      dC += ddC;
    }
  }

  /** Walks cylinder q over rows ja..jb of slice k. */
  function cylinderRows(q: number, k: number, ja: number, jb: number): void {
    const o = off[q]!, c = NC * q, base = q * width - sliceJ0;
    const px = ox + Vx * ja + Kx * k, py = oy + Vy * ja + Ky * k, pz = oz + Vz * ja + Kz * k;
    const wx = d[o]! * px + d[o + 1]! * py + d[o + 2]! * pz - d[o + 9]!;
    const wy = d[o + 3]! * px + d[o + 4]! * py + d[o + 5]! * pz - d[o + 10]!;
    const wz = d[o + 6]! * px + d[o + 7]! * py + d[o + 8]! * pz - d[o + 11]!;
    const ex = d[o + 12]!, ey = d[o + 13]!, ez = d[o + 14]!;
    let wt = wx * ex + wy * ey + wz * ez;
    const bx = wx - wt * ex, by = wy - wt * ey, bz = wz - wt * ez;
    let B = cst[c + 3]! * bx + cst[c + 4]! * by + cst[c + 5]! * bz;
    let C = bx * bx + by * by + bz * bz - 1;
    let dC = 2 * (bx * cst[c + 6]! + by * cst[c + 7]! + bz * cst[c + 8]!) + cst[c + 10]!;
    const A = cst[c]!, vt = cst[c + 1]!, dwt = cst[c + 2]!, dB = cst[c + 9]!, ddC = 2 * cst[c + 10]!;
    const len = d[o + 15]!;
    for (let j = ja; j <= jb; j++) {
      // Between the ends: 0 ≤ wt + i·vt ≤ len.
      let a = -Infinity, b = Infinity, ok = true;
      if (vt > 1e-14) {
        a = -wt / vt;
        b = (len - wt) / vt;
      } else if (vt < -1e-14) {
        a = (len - wt) / vt;
        b = -wt / vt;
      } else ok = wt >= 0 && wt <= len;
      // Within radius 1: A i² + 2 B i + C ≤ 0.
      if (ok) {
        if (A > 1e-14) {
          const disc = B * B - A * C;
          if (disc >= 0) {
            const r = Math.sqrt(disc);
            const r0 = (-B - r) / A, r1 = (-B + r) / A;
            if (r0 > a) a = r0;
            if (r1 < b) b = r1;
          } else ok = false;
        } else ok = C <= 0;
      }
      if (ok && b >= a) {
        pLo[base + j] = a;
        pHi[base + j] = b;
      }
      wt += dwt;
      B += dB;
      C += dC;
      dC += ddC;
    }
  }

  /** Walks prism q over rows ja..jb of slice k. */
  function prismRows(q: number, k: number, ja: number, jb: number): void {
    const o = off[q]!, c = NC * q, base = q * width - sliceJ0;
    const px = ox + Vx * ja + Kx * k, py = oy + Vy * ja + Ky * k, pz = oz + Vz * ja + Kz * k;
    const qx = d[o]! * px + d[o + 1]! * py + d[o + 2]! * pz;
    const qy = d[o + 3]! * px + d[o + 4]! * py + d[o + 5]! * pz;
    const qz = d[o + 6]! * px + d[o + 7]! * py + d[o + 8]! * pz;
    let a0 = (qx - d[o + 9]!) * d[o + 21]! + (qy - d[o + 10]!) * d[o + 22]! + (qz - d[o + 11]!) * d[o + 23]!;
    let a1 = (qx - d[o + 12]!) * d[o + 24]! + (qy - d[o + 13]!) * d[o + 25]! + (qz - d[o + 14]!) * d[o + 26]!;
    let a2 = (qx - d[o + 15]!) * d[o + 27]! + (qy - d[o + 16]!) * d[o + 28]! + (qz - d[o + 17]!) * d[o + 29]!;
    let h = (qx - d[o + 9]!) * d[o + 18]! + (qy - d[o + 10]!) * d[o + 19]! + (qz - d[o + 11]!) * d[o + 20]!;
    const b0 = cst[c]!, b1 = cst[c + 1]!, b2 = cst[c + 2]!, bh = cst[c + 3]!;
    const d0 = cst[c + 4]!, d1 = cst[c + 5]!, d2 = cst[c + 6]!, dh = cst[c + 7]!;
    for (let j = ja; j <= jb; j++) {
      // Each constraint α + β·i ≥ 0: |h| ≤ 1 across the plane, then the three edges.
      let a = -Infinity, b = Infinity, ok = true;
      for (let e = 0; e < 5 && ok; e++) {
        const alpha = e === 0 ? 1 - h : e === 1 ? 1 + h : e === 2 ? a0 : e === 3 ? a1 : a2;
        const beta = e === 0 ? -bh : e === 1 ? bh : e === 2 ? b0 : e === 3 ? b1 : b2;
        if (beta > 1e-14) {
          const r = -alpha / beta;
          if (r > a) a = r;
        } else if (beta < -1e-14) {
          const r = -alpha / beta;
          if (r < b) b = r;
        } else if (alpha < 0) ok = false;
      }
      if (ok && b >= a) {
        pLo[base + j] = a;
        pHi[base + j] = b;
      }
      a0 += d0;
      a1 += d1;
      a2 += d2;
      h += dh;
    }
  }

  function slice(k: number, j0: number, j1: number): void {
    width = Math.max(0, j1 - j0 + 1);
    sliceJ0 = j0;
    if (pLo.length < n * width) {
      pLo = new Float64Array(n * width);
      pHi = new Float64Array(n * width);
    }
    pLo.fill(1, 0, n * width);
    pHi.fill(0, 0, n * width);
    for (let q = 0; q < n; q++) {
      const r = 4 * q;
      if (k < range[r + 2]! || k > range[r + 3]!) continue;
      const ja = Math.max(j0, Math.ceil(range[r]!)), jb = Math.min(j1, Math.floor(range[r + 1]!));
      if (jb < ja) continue;
      const kind = kinds[q]!;
      if (kind === 0) quadricRows(q, k, ja, jb);
      else if (kind === 1) cylinderRows(q, k, ja, jb);
      else prismRows(q, k, ja, jb);
    }
  }

  function row(j: number): number {
    const r = j - sliceJ0;
    let count = 0;
    for (let q = 0; q < n; q++) {
      const a = pLo[q * width + r]!, b = pHi[q * width + r]!;
      if (a > b) continue;
      // Insertion by start keeps the list sorted.
      let at = count++;
      while (at > 0 && rawLo[at - 1]! > a) {
        rawLo[at] = rawLo[at - 1]!;
        rawHi[at] = rawHi[at - 1]!;
        at--;
      }
      rawLo[at] = a;
      rawHi[at] = b;
    }
    let out = 0;
    for (let w = 0; w < count; w++) {
      if (out > 0 && rawLo[w]! <= hi[out - 1]!) {
        if (rawHi[w]! > hi[out - 1]!) hi[out - 1] = rawHi[w]!;
      } else {
        lo[out] = rawLo[w]!;
        hi[out] = rawHi[w]!;
        out++;
      }
    }
    return out;
  }

  return {
    lo,
    hi,
    slice,
    row,
    intervals(j: number, k: number): number {
      slice(k, j, j);
      return row(j);
    },
  };
}
