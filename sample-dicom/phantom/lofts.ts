import { ellipse2 } from './primitives';
import { extrude, type Shape } from './shape';

/** One axial cross-section of an {@link ellipseLoft}: centre, half-width, anterior and posterior half-depths. */
export interface EllipseKey {
  z: number;
  cx: number;
  cy: number;
  rx: number;
  /** Half-depth towards anterior (-y). */
  ant: number;
  /** Half-depth towards posterior (+y). */
  post: number;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

function bracket<K extends { z: number }>(keys: readonly K[], z: number): [K, K, number] {
  const first = keys[0]!;
  const last = keys[keys.length - 1]!;
  if (z <= first.z) return [first, first, 0];
  if (z >= last.z) return [last, last, 0];
  let i = 1;
  while (keys[i]!.z < z) i++;
  const a = keys[i - 1]!;
  const b = keys[i]!;
  return [a, b, (z - a.z) / (b.z - a.z)];
}

/** The index i of the keyframe pair (i − 1, i) around z: 0 below the first, keys.length above the last (no allocation). */
function bracketIndex(keys: readonly { z: number }[], z: number): number {
  if (z <= keys[0]!.z) return 0;
  const n = keys.length;
  if (z >= keys[n - 1]!.z) return n;
  let i = 1;
  while (keys[i]!.z < z) i++;
  return i;
}

/** The cross-section of a loft at height z (clamped to its end keyframes). */
export function ellipseAt(unsorted: readonly EllipseKey[], z: number): EllipseKey {
  const [a, b, t] = bracket([...unsorted].sort((p, q) => p.z - q.z), z);
  return { z, cx: lerp(a.cx, b.cx, t), cy: lerp(a.cy, b.cy, t), rx: lerp(a.rx, b.rx, t), ant: lerp(a.ant, b.ant, t), post: lerp(a.post, b.post, t) };
}

/** Keyframes shrunk inwards by `lat`, `ant` and `post` mm (a layer under the surface). */
export function shrinkKeys(keys: readonly EllipseKey[], lat: number, ant: number, post: number): EllipseKey[] {
  return keys.map((k) => ({ ...k, rx: k.rx - lat, ant: k.ant - ant, post: k.post - post }));
}

/**
 * A solid whose axial cross-section is an egg-shaped ellipse (different anterior and
 * posterior half-depths) interpolated between keyframes along z and capped at the first
 * and last keyframe: body outline, fat and muscle layers, lungs, organs.
 */
export function ellipseLoft(unsorted: readonly EllipseKey[]): Shape {
  if (unsorted.length < 2) throw new Error('a loft needs two keyframes');
  const keys = [...unsorted].sort((a, b) => a.z - b.z);
  for (let i = 1; i < keys.length; i++) if (!(keys[i]!.z > keys[i - 1]!.z)) throw new Error('loft keyframes need distinct z');
  const z0 = keys[0]!.z;
  const z1 = keys[keys.length - 1]!.z;
  let lastZ = NaN, cx = 0, cy = 0, rx = 1, ant = 1, post = 1;
  return {
    bounds: {
      min: [Math.min(...keys.map((k) => k.cx - k.rx)), Math.min(...keys.map((k) => k.cy - k.ant)), z0],
      max: [Math.max(...keys.map((k) => k.cx + k.rx)), Math.max(...keys.map((k) => k.cy + k.post)), z1],
    },
    sdf(x, y, z) {
      if (z !== lastZ) {
        // As bracket(), without allocating: shapes moved rigidly change z at every call.
        const i = bracketIndex(keys, z);
        const a = keys[i === 0 ? 0 : i - 1]!, b = keys[i === keys.length ? i - 1 : i]!;
        const t = i === 0 || i === keys.length ? 0 : (z - a.z) / (b.z - a.z);
        cx = lerp(a.cx, b.cx, t); cy = lerp(a.cy, b.cy, t); rx = lerp(a.rx, b.rx, t);
        ant = lerp(a.ant, b.ant, t); post = lerp(a.post, b.post, t);
        lastZ = z;
      }
      const dy = y - cy;
      const d2 = ellipse2(x - cx, dy, rx, dy < 0 ? ant : post);
      return extrude(d2, Math.max(z0 - z, z - z1));
    },
  };
}

/** One cross-section of a {@link curveLoft}: a polyline in the axial plane and its half-widths. */
export interface CurveKey {
  z: number;
  pts: readonly (readonly [number, number])[];
  /** Half-thickness at each point. */
  w: readonly number[];
}

/**
 * A thick curved band whose axial cross-section is a polyline with varying half-width,
 * interpolated between keyframes (all with the same number of points) and smoothed by
 * Catmull–Rom subdivision: iliac wings, sacral alae, joint spaces.
 */
export function curveLoft(unsorted: readonly CurveKey[], subdivisions = 4): Shape {
  if (unsorted.length < 2) throw new Error('a loft needs two keyframes');
  const keys = [...unsorted].sort((a, b) => a.z - b.z);
  for (let i = 1; i < keys.length; i++) if (!(keys[i]!.z > keys[i - 1]!.z)) throw new Error('loft keyframes need distinct z');
  const n = keys[0]!.pts.length;
  for (const k of keys) if (k.pts.length !== n || k.w.length !== n) throw new Error('curve keyframes need equal point counts');
  const smooth = keys.map((k) => ({ z: k.z, ...subdivide(k.pts, k.w, subdivisions) }));
  const m = smooth[0]!.xs.length;
  const z0 = keys[0]!.z;
  const z1 = keys[keys.length - 1]!.z;
  const xs = new Float64Array(m), ys = new Float64Array(m), ws = new Float64Array(m);
  const same = (a: number[], b: number[]) => a.every((v, i) => v === b[i]);
  const first = smooth[0]!;
  // A z-invariant band (e.g. the table) needs no interpolation at all.
  const constant = smooth.every((k) => same(k.xs, first.xs) && same(k.ys, first.ys) && same(k.ws, first.ws));
  let lastZ = NaN;
  if (constant) {
    xs.set(first.xs); ys.set(first.ys); ws.set(first.ws);
  }
  let lo = [Infinity, Infinity], hi = [-Infinity, -Infinity];
  for (const k of smooth) for (let i = 0; i < m; i++) {
    lo = [Math.min(lo[0]!, k.xs[i]! - k.ws[i]!), Math.min(lo[1]!, k.ys[i]! - k.ws[i]!)];
    hi = [Math.max(hi[0]!, k.xs[i]! + k.ws[i]!), Math.max(hi[1]!, k.ys[i]! + k.ws[i]!)];
  }
  return {
    bounds: { min: [lo[0]!, lo[1]!, z0], max: [hi[0]!, hi[1]!, z1] },
    zInvariant: constant,
    sdf(x, y, z) {
      if (z !== lastZ && !constant) {
        const n = bracketIndex(smooth, z);
        const a = smooth[n === 0 ? 0 : n - 1]!, b = smooth[n === smooth.length ? n - 1 : n]!;
        const t = n === 0 || n === smooth.length ? 0 : (z - a.z) / (b.z - a.z);
        for (let i = 0; i < m; i++) {
          xs[i] = lerp(a.xs[i]!, b.xs[i]!, t);
          ys[i] = lerp(a.ys[i]!, b.ys[i]!, t);
          ws[i] = lerp(a.ws[i]!, b.ws[i]!, t);
        }
        lastZ = z;
      }
      let best = Infinity;
      for (let i = 0; i < m - 1; i++) {
        const ax = xs[i]!, ay = ys[i]!;
        const dx = xs[i + 1]! - ax, dy = ys[i + 1]! - ay;
        const px = x - ax, py = y - ay;
        const len2 = dx * dx + dy * dy;
        let s = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
        s = s < 0 ? 0 : s > 1 ? 1 : s;
        const ex = px - s * dx, ey = py - s * dy;
        const d = Math.sqrt(ex * ex + ey * ey) - (ws[i]! + s * (ws[i + 1]! - ws[i]!));
        if (d < best) best = d;
      }
      return extrude(best, Math.max(z0 - z, z - z1));
    },
  };
}

function subdivide(pts: CurveKey['pts'], w: readonly number[], k: number): { xs: number[]; ys: number[]; ws: number[] } {
  const xs: number[] = [], ys: number[] = [], ws: number[] = [];
  const at = (i: number) => pts[Math.max(0, Math.min(pts.length - 1, i))]!;
  for (let i = 0; i < pts.length - 1; i++) {
    const p0 = at(i - 1), p1 = at(i), p2 = at(i + 1), p3 = at(i + 2);
    for (let s = 0; s < k; s++) {
      const t = s / k, t2 = t * t, t3 = t2 * t;
      const cr = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      xs.push(cr(p0[0], p1[0], p2[0], p3[0]));
      ys.push(cr(p0[1], p1[1], p2[1], p3[1]));
      ws.push(lerp(w[i]!, w[i + 1]!, t));
    }
  }
  const last = pts[pts.length - 1]!;
  xs.push(last[0]); ys.push(last[1]); ws.push(w[w.length - 1]!);
  return { xs, ys, ws };
}
