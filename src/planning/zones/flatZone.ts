import type { ZonePiece } from './zonePieces';

/**
 * A composite zone's pieces packed into typed arrays, so the per-row and per-point loops read
 * numbers from one layout instead of objects of three shapes (which would make every property
 * access in the hot loops polymorphic). Layout of piece q at `off[q]` in `data`:
 * - kind 0, quadric: c (3), M (9).
 * - kind 1, cylinder: W (9), a (3), e (3), length (1) — whitened frame.
 * - kind 2, prism: W (9), v (9), n (3), m (9) — whitened frame.
 * `box` holds each piece's LPS bounds: min x, y, z, max x, y, z.
 */
export interface FlatZone {
  readonly count: number;
  readonly kind: Int8Array;
  readonly off: Int32Array;
  readonly data: Float64Array;
  readonly box: Float64Array;
}

/** Packs pieces. */
export function flattenPieces(pieces: readonly ZonePiece[]): FlatZone {
  const n = pieces.length;
  const kind = new Int8Array(n), off = new Int32Array(n), box = new Float64Array(6 * n);
  let size = 0;
  pieces.forEach((p, q) => {
    off[q] = size;
    kind[q] = p.kind === 'quadric' ? 0 : p.kind === 'cylinder' ? 1 : 2;
    size += p.kind === 'quadric' ? 12 : p.kind === 'cylinder' ? 16 : 30;
    box.set(p.min, 6 * q);
    box.set(p.max, 6 * q + 3);
  });
  const data = new Float64Array(size);
  pieces.forEach((p, q) => {
    const o = off[q]!;
    if (p.kind === 'quadric') {
      data.set(p.c, o);
      data.set(p.M, o + 3);
    } else if (p.kind === 'cylinder') {
      data.set(p.frame.W, o);
      data.set(p.a, o + 9);
      data.set(p.e, o + 12);
      data[o + 15] = p.length;
    } else {
      data.set(p.frame.W, o);
      data.set(p.v, o + 9);
      data.set(p.n, o + 18);
      data.set(p.m, o + 21);
    }
  });
  return { count: n, kind, off, data, box };
}

/**
 * True when some piece's level at the point `pts[at..at+2]` is below `threshold` (1 for
 * "inside", just under 1 for "strictly inside"). The point comes in an array, not as three
 * arguments: numbers passed to a call that is not inlined are boxed, and this runs per sample.
 */
export function anyPieceBelow(f: FlatZone, pts: Float64Array, at: number, threshold: number): boolean {
  const x = pts[at]!, y = pts[at + 1]!, z = pts[at + 2]!;
  const b = f.box, d = f.data;
  for (let q = 0; q < f.count; q++) {
    const bo = 6 * q;
    if (x < b[bo]! || y < b[bo + 1]! || z < b[bo + 2]! || x > b[bo + 3]! || y > b[bo + 4]! || z > b[bo + 5]!) continue;
    const o = f.off[q]!;
    const k = f.kind[q]!;
    let level: number;
    if (k === 0) {
      const dx = x - d[o]!, dy = y - d[o + 1]!, dz = z - d[o + 2]!;
      level = dx * (d[o + 3]! * dx + d[o + 4]! * dy + d[o + 5]! * dz) + dy * (d[o + 6]! * dx + d[o + 7]! * dy + d[o + 8]! * dz) + dz * (d[o + 9]! * dx + d[o + 10]! * dy + d[o + 11]! * dz);
    } else {
      const wx = d[o]! * x + d[o + 1]! * y + d[o + 2]! * z;
      const wy = d[o + 3]! * x + d[o + 4]! * y + d[o + 5]! * z;
      const wz = d[o + 6]! * x + d[o + 7]! * y + d[o + 8]! * z;
      if (k === 1) {
        const px = wx - d[o + 9]!, py = wy - d[o + 10]!, pz = wz - d[o + 11]!;
        const ex = d[o + 12]!, ey = d[o + 13]!, ez = d[o + 14]!;
        const t = px * ex + py * ey + pz * ez;
        if (t < 0 || t > d[o + 15]!) continue;
        const rx = px - t * ex, ry = py - t * ey, rz = pz - t * ez;
        level = rx * rx + ry * ry + rz * rz;
      } else {
        if ((wx - d[o + 9]!) * d[o + 21]! + (wy - d[o + 10]!) * d[o + 22]! + (wz - d[o + 11]!) * d[o + 23]! < 0) continue;
        if ((wx - d[o + 12]!) * d[o + 24]! + (wy - d[o + 13]!) * d[o + 25]! + (wz - d[o + 14]!) * d[o + 26]! < 0) continue;
        if ((wx - d[o + 15]!) * d[o + 27]! + (wy - d[o + 16]!) * d[o + 28]! + (wz - d[o + 17]!) * d[o + 29]! < 0) continue;
        const h = (wx - d[o + 9]!) * d[o + 18]! + (wy - d[o + 10]!) * d[o + 19]! + (wz - d[o + 11]!) * d[o + 20]!;
        level = h * h;
      }
    }
    if (level < threshold) return true;
  }
  return false;
}
