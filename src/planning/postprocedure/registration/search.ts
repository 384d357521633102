import type { Grid } from './grid';
import { nccOf, trilinear, type Samples } from './metric';
import { movingAffine, transformOf, type Model, type Params } from './optimise';

export interface SearchOptions {
  /** Rotations −range…+range (°) about each axis in steps of `rotStepDeg`. */
  readonly rotRangeDeg: number;
  readonly rotStepDeg: number;
  /** Translations −range…+range (mm) along each axis in steps of `transStepMm`. */
  readonly transRangeMm: number;
  readonly transStepMm: number;
  /** How many of the best candidates to keep. */
  readonly keep: number;
  /** A candidate needs at least this share of the points usable. */
  readonly minUsableShare: number;
  readonly cancelled?: () => boolean;
}

export interface Candidate {
  readonly p: Params;
  readonly ncc: number;
  readonly count: number;
}

const steps = (range: number, step: number): number[] => {
  const n = Math.round(range / step);
  const out: number[] = [];
  for (let t = -n; t <= n; t++) out.push(t * step);
  return out;
};

/**
 * Exhaustive search over a grid of rotations and, for each, a grid of translations, scoring
 * NCC on a small point set; answers the best `keep` candidates (highest NCC first).
 */
export function coarseSearch(s: Samples, g: Grid, model: Model, o: SearchOptions): Candidate[] {
  const rots = steps(o.rotRangeDeg, o.rotStepDeg);
  const trans = steps(o.transRangeMm, o.transStepMm);
  // A translation t of the parameters moves the moving index by L·t (L = W2I·initial, linear parts).
  const base = movingAffine(g, transformOf(model, [0, 0, 0, 0, 0, 0]));
  const offsets: number[] = [];
  for (const tz of trans) for (const ty of trans) for (const tx of trans) {
    const m = movingAffine(g, transformOf(model, [0, 0, 0, tx, ty, tz]));
    offsets.push(m[3]! - base[3]!, m[7]! - base[7]!, m[11]! - base[11]!);
  }
  const nT = offsets.length / 3;
  const q = new Float64Array(s.n * 3);
  const best: Candidate[] = [];
  const minCount = Math.max(10, Math.ceil(s.n * o.minUsableShare));
  for (const rz of rots) for (const ry of rots) for (const rx of rots) {
    if (o.cancelled?.()) return best;
    const a = movingAffine(g, transformOf(model, [rx, ry, rz, 0, 0, 0]));
    for (let t = 0; t < s.n; t++) {
      const x = s.pts[t * 3]!, y = s.pts[t * 3 + 1]!, z = s.pts[t * 3 + 2]!;
      q[t * 3] = a[0]! * x + a[1]! * y + a[2]! * z + a[3]!;
      q[t * 3 + 1] = a[4]! * x + a[5]! * y + a[6]! * z + a[7]!;
      q[t * 3 + 2] = a[8]! * x + a[9]! * y + a[10]! * z + a[11]!;
    }
    for (let u = 0; u < nT; u++) {
      const ox = offsets[u * 3]!, oy = offsets[u * 3 + 1]!, oz = offsets[u * 3 + 2]!;
      let sm = 0, sf = 0, smm = 0, sff = 0, smf = 0, n = 0;
      for (let t = 0; t < s.n; t++) {
        const m = trilinear(g, q[t * 3]! + ox, q[t * 3 + 1]! + oy, q[t * 3 + 2]! + oz, null);
        if (m !== m) continue;
        const f = s.f[t]!;
        sm += m; sf += f; smm += m * m; sff += f * f; smf += m * f; n++;
      }
      if (n < minCount) continue;
      const ncc = nccOf(n, sm, sf, smm, sff, smf);
      if (best.length === o.keep && ncc <= best[best.length - 1]!.ncc) continue;
      const tz = trans[Math.floor(u / (trans.length * trans.length))]!, ty = trans[Math.floor(u / trans.length) % trans.length]!, tx = trans[u % trans.length]!;
      best.push({ p: [rx, ry, rz, tx, ty, tz], ncc, count: n });
      best.sort((c1, c2) => c2.ncc - c1.ncc);
      if (best.length > o.keep) best.pop();
    }
  }
  return best;
}
