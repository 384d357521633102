import type { LpsBox } from '../../../records/postProcedure';
import type { Grid } from './grid';
import type { Samples } from './metric';

export interface SampleOptions {
  /** Fixed values at or below this are air (left out). */
  readonly airBelow: number;
  /** At most this many points: the strongest edges first, then an even spread of the rest. */
  readonly maxPoints: number;
  /** Share of `maxPoints` taken by the strongest edges (0…1). */
  readonly edgeShare: number;
}

/** A small deterministic generator (mulberry32), so a registration is repeatable. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The fixed grid's voxel centres inside the region that are not air, favouring edges (bone
 * surfaces carry the alignment): the `edgeShare` strongest gradients, then a random spread.
 */
export function fixedSamples(g: Grid, region: LpsBox, o: SampleOptions): Samples {
  const [nx, ny, nz] = g.dims;
  const a = g.i2w, v = g.values;
  const idx: number[] = [];
  const mag: number[] = [];
  for (let k = 1; k < nz - 1; k++) for (let j = 1; j < ny - 1; j++) for (let i = 1; i < nx - 1; i++) {
    const n = i + nx * (j + ny * k);
    if (v[n]! <= o.airBelow) continue;
    const x = a[0]! * i + a[1]! * j + a[2]! * k + a[3]!, y = a[4]! * i + a[5]! * j + a[6]! * k + a[7]!, z = a[8]! * i + a[9]! * j + a[10]! * k + a[11]!;
    if (x < region.minLps[0] || y < region.minLps[1] || z < region.minLps[2] || x > region.maxLps[0] || y > region.maxLps[1] || z > region.maxLps[2]) continue;
    const gx = v[n + 1]! - v[n - 1]!, gy = v[n + nx]! - v[n - nx]!, gz = v[n + nx * ny]! - v[n - nx * ny]!;
    idx.push(n);
    mag.push(gx * gx + gy * gy + gz * gz);
  }
  let chosen: number[];
  if (idx.length <= o.maxPoints) chosen = idx.map((_, t) => t);
  else {
    const edges = Math.round(o.maxPoints * o.edgeShare);
    const rnd = seededRandom(12345);
    // The edge threshold from a random subsample's quantile (no sort of every point).
    const probe = Float64Array.from({ length: Math.min(idx.length, 20000) }, () => mag[Math.floor(rnd() * idx.length)]!).sort();
    const threshold = probe[Math.max(0, Math.min(probe.length - 1, Math.floor(probe.length * (1 - edges / idx.length))))]!;
    chosen = [];
    const rest: number[] = [];
    for (let t = 0; t < idx.length; t++) (mag[t]! >= threshold && chosen.length < edges ? chosen : rest).push(t);
    const want = o.maxPoints - chosen.length;
    for (let t = 0; t < want && rest.length > 0; t++) {
      const r = Math.floor(rnd() * rest.length);
      chosen.push(rest[r]!);
      rest[r] = rest[rest.length - 1]!;
      rest.pop();
    }
  }
  const pts = new Float64Array(chosen.length * 3), f = new Float32Array(chosen.length);
  chosen.forEach((t, q) => {
    const n = idx[t]!;
    const i = n % nx, j = Math.floor(n / nx) % ny, k = Math.floor(n / (nx * ny));
    pts[q * 3] = a[0]! * i + a[1]! * j + a[2]! * k + a[3]!;
    pts[q * 3 + 1] = a[4]! * i + a[5]! * j + a[6]! * k + a[7]!;
    pts[q * 3 + 2] = a[8]! * i + a[9]! * j + a[10]! * k + a[11]!;
    f[q] = v[n]!;
  });
  return { n: chosen.length, pts, f };
}
