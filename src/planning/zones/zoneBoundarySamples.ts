import type { CompositeZone } from './compositeZone';
import { anyPieceBelow } from './flatZone';
import { mul3, type ZonePiece } from './zonePieces';

/**
 * Points on the surfaces of a composite zone's pieces, about `spacingMm` apart, each with the
 * piece and surface parameters it came from, so that a region of interest can later be
 * re-sampled finely around a sample (`samplePatch`) without sampling the whole zone again.
 *
 * Parameters: a spheroid (θ, φ) — polar angle from its axis and azimuth; a cylinder (t, φ) —
 * whitened length along its segment and azimuth; a prism (s, t, side) — barycentric position
 * on its triangle and which of its two faces.
 *
 * Kept in growable buffers so repeated calls while dragging do not allocate.
 */
export interface SampleBuffer {
  /** x, y, z of each sample. */
  data: Float64Array;
  /** piece, u, v, side of each sample. */
  meta: Float64Array;
  count: number;
}

/** An empty buffer. */
export const sampleBuffer = (capacity = 4096): SampleBuffer => ({ data: new Float64Array(3 * capacity), meta: new Float64Array(4 * capacity), count: 0 });

function push(buf: SampleBuffer, x: number, y: number, z: number, q: number, u: number, v: number, side: number): void {
  if (3 * (buf.count + 1) > buf.data.length) {
    const data = new Float64Array(buf.data.length * 2);
    data.set(buf.data);
    buf.data = data;
    const meta = new Float64Array(buf.meta.length * 2);
    meta.set(buf.meta);
    buf.meta = meta;
  }
  const c = buf.count++;
  buf.data[3 * c] = x;
  buf.data[3 * c + 1] = y;
  buf.data[3 * c + 2] = z;
  buf.meta[4 * c] = q;
  buf.meta[4 * c + 1] = u;
  buf.meta[4 * c + 2] = v;
  buf.meta[4 * c + 3] = side;
}

/** Two unit vectors completing (ux, uy, uz) to an orthonormal basis, written into `out` (6 values). */
function basis(ux: number, uy: number, uz: number, out: Float64Array): void {
  const hx = Math.abs(ux) < 0.9 ? 1 : 0, hy = hx === 1 ? 0 : 1;
  let ax = hy * uz, ay = -hx * uz, az = hx * uy - hy * ux;
  const l = Math.hypot(ax, ay, az);
  ax /= l;
  ay /= l;
  az /= l;
  out[0] = ax;
  out[1] = ay;
  out[2] = az;
  out[3] = uy * az - uz * ay;
  out[4] = uz * ax - ux * az;
  out[5] = ux * ay - uy * ax;
}

const fb = new Float64Array(6);
const tmp = new Float64Array(3);

/** A rectangle of surface parameters: [u0, u1] × [v0, v1]; v may wrap for azimuths. */
interface ParamRange {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
  /** Prism face: 1, −1, or 0 for both. */
  side: number;
}

const whole: ParamRange = { u0: -Infinity, u1: Infinity, v0: -Infinity, v1: Infinity, side: 0 };

const outside = (r: Float64Array, x: number, y: number, z: number, pad: number) =>
  x + pad < r[0]! || x - pad > r[3]! || y + pad < r[1]! || y - pad > r[4]! || z + pad < r[2]! || z - pad > r[5]!;

/** Samples piece q over a parameter range (clipped to its domain) into `buf`. */
function samplePiece(q: number, p: ZonePiece, spacingMm: number, region: Float64Array, buf: SampleBuffer, range: ParamRange): void {
  if (p.max[0]! < region[0]! || p.max[1]! < region[1]! || p.max[2]! < region[2]! || p.min[0]! > region[3]! || p.min[1]! > region[4]! || p.min[2]! > region[5]!) return;
  if (p.kind === 'quadric') {
    const s = p.spheroid;
    const a = s.radialSemiMm, b = s.axialSemiMm;
    const [ux, uy, uz] = s.axis;
    basis(ux, uy, uz, fb);
    const dTheta = spacingMm / Math.max(a, b);
    const t0 = Math.max(0, range.u0), t1 = Math.min(Math.PI, range.u1);
    const nTheta = Math.max(1, Math.ceil((t1 - t0) / dTheta));
    for (let i = 0; i <= nTheta; i++) {
      const th = t0 + ((t1 - t0) * i) / nTheta;
      const h = b * Math.cos(th), rho = a * Math.sin(th);
      const cx = s.centre[0] + h * ux, cy = s.centre[1] + h * uy, cz = s.centre[2] + h * uz;
      if (outside(region, cx, cy, cz, rho)) continue;
      const full = range.v1 - range.v0 >= 2 * Math.PI;
      const p0 = full ? 0 : range.v0, span = full ? 2 * Math.PI : range.v1 - range.v0;
      const nPhi = Math.max(1, Math.ceil((span * rho) / spacingMm));
      const dPhi = full ? span / nPhi : span / Math.max(1, nPhi);
      // Rotate (c, d) by a fixed angle instead of calling cos and sin per sample.
      const cs = Math.cos(dPhi), sn = Math.sin(dPhi);
      let c = rho * Math.cos(p0), d = rho * Math.sin(p0);
      for (let k = 0; k < (full ? nPhi : nPhi + 1); k++) {
        const x = cx + c * fb[0]! + d * fb[3]!, y = cy + c * fb[1]! + d * fb[4]!, z = cz + c * fb[2]! + d * fb[5]!;
        if (!outside(region, x, y, z, 0)) push(buf, x, y, z, q, th, p0 + k * dPhi, 0);
        const c2 = c * cs - d * sn;
        d = c * sn + d * cs;
        c = c2;
      }
    }
    return;
  }
  const stepW = spacingMm / p.frame.maxSemiMm;
  const inv = p.frame.inv;
  if (p.kind === 'cylinder') {
    basis(p.e[0]!, p.e[1]!, p.e[2]!, fb);
    const t0 = Math.max(0, range.u0), t1 = Math.min(p.length, range.u1);
    if (t1 < t0) return;
    const nT = Math.max(1, Math.ceil((t1 - t0) / stepW));
    const full = range.v1 - range.v0 >= 2 * Math.PI;
    const p0 = full ? 0 : range.v0, span = full ? 2 * Math.PI : range.v1 - range.v0;
    const nPhi = Math.max(full ? 3 : 1, Math.ceil(span / stepW));
    for (let i = 0; i <= nT; i++) {
      const t = t0 + ((t1 - t0) * i) / nT;
      const ax = p.a[0]! + t * p.e[0]!, ay = p.a[1]! + t * p.e[1]!, az = p.a[2]! + t * p.e[2]!;
      mul3(inv, ax, ay, az, tmp);
      if (outside(region, tmp[0]!, tmp[1]!, tmp[2]!, p.frame.maxSemiMm)) continue;
      for (let k = 0; k < (full ? nPhi : nPhi + 1); k++) {
        const ph = p0 + (span * k) / nPhi;
        const c = Math.cos(ph), d = Math.sin(ph);
        mul3(inv, ax + c * fb[0]! + d * fb[3]!, ay + c * fb[1]! + d * fb[4]!, az + c * fb[2]! + d * fb[5]!, tmp);
        if (!outside(region, tmp[0]!, tmp[1]!, tmp[2]!, 0)) push(buf, tmp[0]!, tmp[1]!, tmp[2]!, q, t, ph, 0);
      }
    }
    return;
  }
  const v = p.v;
  const l1 = Math.hypot(v[3]! - v[0]!, v[4]! - v[1]!, v[5]! - v[2]!), l2 = Math.hypot(v[6]! - v[0]!, v[7]! - v[1]!, v[8]! - v[2]!);
  const s0 = Math.max(0, range.u0), s1 = Math.min(1, range.u1), r0 = Math.max(0, range.v0), r1 = Math.min(1, range.v1);
  if (s1 < s0 || r1 < r0) return;
  const ns = Math.max(1, Math.ceil(((s1 - s0) * l1) / stepW)), nr = Math.max(1, Math.ceil(((r1 - r0) * l2) / stepW));
  for (const side of [1, -1]) {
    if (range.side !== 0 && range.side !== side) continue;
    for (let i = 0; i <= ns; i++) {
      const s = s0 + ((s1 - s0) * i) / ns;
      for (let j = 0; j <= nr; j++) {
        const t = r0 + ((r1 - r0) * j) / nr;
        if (s + t > 1 + 1e-12) break;
        mul3(inv,
          v[0]! + s * (v[3]! - v[0]!) + t * (v[6]! - v[0]!) + side * p.n[0]!,
          v[1]! + s * (v[4]! - v[1]!) + t * (v[7]! - v[1]!) + side * p.n[1]!,
          v[2]! + s * (v[5]! - v[2]!) + t * (v[8]! - v[2]!) + side * p.n[2]!, tmp);
        if (!outside(region, tmp[0]!, tmp[1]!, tmp[2]!, 0)) push(buf, tmp[0]!, tmp[1]!, tmp[2]!, q, s, t, side);
      }
    }
  }
}

/**
 * Samples every piece's surface within the LPS box `region` ([minX, minY, minZ, maxX, maxY,
 * maxZ]) into `buf` (cleared unless `append`). Samples hidden inside another piece are kept:
 * all samples lie in the zone, so they serve distances from outside points as they are, and
 * `onZoneSurface` tells the ones on the zone's surface when that matters.
 */
export function sampleZoneBoundary(zone: CompositeZone, spacingMm: number, region: Float64Array, buf: SampleBuffer, append = false): void {
  if (!append) buf.count = 0;
  zone.pieces.forEach((p, q) => samplePiece(q, p, spacingMm, region, buf, whole));
}

const patch: ParamRange = { u0: 0, u1: 0, v0: 0, v1: 0, side: 0 };

/**
 * Appends to `out` samples `spacingMm` apart of the piece surface within about `radiusMm` of
 * sample `k` of `src` (in that piece's parameters; it may reach a little farther).
 */
export function samplePatch(zone: CompositeZone, src: SampleBuffer, k: number, radiusMm: number, spacingMm: number, region: Float64Array, out: SampleBuffer): void {
  const q = src.meta[4 * k]!, u = src.meta[4 * k + 1]!, v = src.meta[4 * k + 2]!;
  const p = zone.pieces[q]!;
  patch.side = src.meta[4 * k + 3]!;
  if (p.kind === 'quadric') {
    const a = p.spheroid.radialSemiMm, b = p.spheroid.axialSemiMm;
    const du = radiusMm / Math.min(a, b);
    patch.u0 = u - du;
    patch.u1 = u + du;
    const ring = a * Math.min(Math.sin(Math.max(0, u - du)), Math.sin(Math.min(Math.PI, u + du)));
    const dv = ring > radiusMm ? radiusMm / ring : Math.PI;
    patch.v0 = v - dv;
    patch.v1 = v + dv;
  } else if (p.kind === 'cylinder') {
    const d = radiusMm / p.frame.minSemiMm;
    patch.u0 = u - d;
    patch.u1 = u + d;
    patch.v0 = v - Math.min(Math.PI, d);
    patch.v1 = v + Math.min(Math.PI, d);
  } else {
    const pv = p.v;
    const l1 = Math.hypot(pv[3]! - pv[0]!, pv[4]! - pv[1]!, pv[5]! - pv[2]!), l2 = Math.hypot(pv[6]! - pv[0]!, pv[7]! - pv[1]!, pv[8]! - pv[2]!);
    patch.u0 = u - radiusMm / (p.frame.minSemiMm * l1);
    patch.u1 = u + radiusMm / (p.frame.minSemiMm * l1);
    patch.v0 = v - radiusMm / (p.frame.minSemiMm * l2);
    patch.v1 = v + radiusMm / (p.frame.minSemiMm * l2);
  }
  samplePiece(q, p, spacingMm, region, out, patch);
}

/**
 * True when sample `k` of `buf` is not strictly inside any piece of the zone (so, being on a
 * piece's surface, it is on the zone's surface).
 */
export function onZoneSurface(zone: CompositeZone, buf: SampleBuffer, k: number): boolean {
  return !anyPieceBelow(zone.flat, buf.data, 3 * k, 1 - 1e-6);
}
