import type { PreparedMask } from '../trajectory/preparedMask';
import { sampleTrilinear } from '../trajectory/sampleTrilinear';
import { compositeContainsAt, type CompositeZone } from './compositeZone';
import type { PreparedLesion } from './preparedLesion';
import { onZoneSurface, sampleBuffer, samplePatch, sampleZoneBoundary, type SampleBuffer } from './zoneBoundarySamples';

/**
 * The minimum margin of a lesion in a zone: the smallest signed distance from the lesion's
 * surface to the zone's surface, positive where the lesion is inside the zone.
 *
 * - Lesion covered (every voxel centre inside): the margin is min over the lesion surface of
 *   the distance to the zone's outside, which equals min over the zone's surface of the
 *   distance to the lesion. So the zone surface is sampled and the lesion's precomputed
 *   distance map is read at each sample.
 * - Lesion not covered: the margin is minus the largest distance from an uncovered lesion
 *   surface voxel to the zone (a directed Hausdorff distance to the zone-surface samples).
 *   Branch and bound over the lesion's boundary bricks — distance is 1-Lipschitz, so a brick
 *   whose centre is near the zone cannot hold a far voxel — and, per voxel, a scan of the
 *   samples that stops as soon as one is nearer than the worst distance so far (such a voxel
 *   cannot raise the maximum); only the few voxels that do raise it are scanned fully.
 *
 * Two sampling levels keep this cheap: the pieces' whole surfaces at `COARSE_MM`, then, only
 * where the answer is decided, patches at `FINE_MM` around the best coarse samples (at most
 * `MAX_REFINED` of them). Covered: around the samples within their sampling error of the
 * minimum. Not covered: a coarse distance d overstates the true one by at most about δ²/4d
 * (δ the spacing), negligible for distant voxels; for close calls the candidates are measured
 * again against fine patches around their nearest coarse sample. The result is exact up to
 * the fine sampling (well under a millimetre) and the voxel grid, and capped at ± the
 * lesion's margin range.
 */
export interface LesionMargin {
  /** Signed minimum margin, mm (negative where the lesion sticks out of the zone). */
  marginMm: number;
  /** True when the true margin is at least (or, negative, at most) the capped value. */
  capped: boolean;
}

/** Zone-surface sample spacing of the first pass, mm. */
export const COARSE_MM = 2;
/** …and of the refinement, mm. */
export const FINE_MM = 0.5;
/** At most this many places are refined. */
const MAX_REFINED = 48;
/** A coarse distance error bound δ²/4d below this is accepted without refinement, mm. */
const TOLERANCE_MM = 0.25;
/** Bricks get their upper bound from about this many samples (a regular subset). */
const BOUND_SAMPLES = 256;

/** Scratch reused across calls. */
export interface MarginScratch {
  coarse: SampleBuffer;
  fine: SampleBuffer;
  order: Int32Array;
  bounds: Float64Array;
  /** Per brick, the sample of a coarse subset nearest to its centre. */
  hints: Int32Array;
  /** Candidate voxels of a close call, and their coarse distances. */
  candidates: Int32Array;
  candidateMm: Float64Array;
}

/** Fresh scratch. */
export const marginScratch = (): MarginScratch => ({
  coarse: sampleBuffer(),
  fine: sampleBuffer(),
  order: new Int32Array(0),
  bounds: new Float64Array(0),
  hints: new Int32Array(0),
  candidates: new Int32Array(MAX_REFINED),
  candidateMm: new Float64Array(MAX_REFINED),
});

const idx = new Float64Array(3);

/** Distance-map value (distance to the lesion) at the LPS point `pts[at..at+2]`. */
function lesionDistance(lesion: PreparedLesion, pts: Float64Array, at: number): number {
  const t = lesion.distanceTransform, m = t.toIndex;
  const dx = pts[at]! - t.origin[0], dy = pts[at + 1]! - t.origin[1], dz = pts[at + 2]! - t.origin[2];
  idx[0] = m[0]! * dx + m[1]! * dy + m[2]! * dz;
  idx[1] = m[3]! * dx + m[4]! * dy + m[5]! * dz;
  idx[2] = m[6]! * dx + m[7]! * dy + m[8]! * dz;
  return sampleTrilinear(lesion.distance, idx[0], idx[1], idx[2]);
}

function coveredMargin(zone: CompositeZone, lesion: PreparedLesion, scratch: MarginScratch): LesionMargin {
  const range = lesion.marginRangeMm;
  const S = scratch.coarse;
  let best = range;
  // Samples are the pieces' surfaces; only one that would lower the minimum is checked to be
  // on the zone's surface (not hidden inside another piece).
  const lower = (buf: SampleBuffer) => {
    for (let q = 0; q < buf.count; q++) {
      const d = lesionDistance(lesion, buf.data, 3 * q);
      if (d < best && onZoneSurface(zone, buf, q)) best = d;
    }
  };
  lower(S);
  if (best >= range) return { marginMm: range, capped: true };
  // Every surface point lies within about δ/√2 of a sample, so the true minimum lies near a
  // sample reading at most (minimum + δ/√2): re-sample finely around the best of those.
  const threshold = best + 0.75 * COARSE_MM;
  let nCand = 0;
  for (let q = 0; q < S.count; q++) {
    const d = lesionDistance(lesion, S.data, 3 * q);
    if (d > threshold || !onZoneSurface(zone, S, q)) continue;
    nCand = keepCandidate(scratch, nCand, q, -d);
  }
  scratch.fine.count = 0;
  for (let c = 0; c < nCand; c++) samplePatch(zone, S, scratch.candidates[c]!, COARSE_MM, FINE_MM, lesion.region, scratch.fine);
  lower(scratch.fine);
  return { marginMm: best, capped: false };
}

/**
 * Adds `index` with `score` to the candidates, keeping only the MAX_REFINED highest scores
 * (a small unsorted list; the lowest is replaced). Returns the new count.
 */
function keepCandidate(scratch: MarginScratch, count: number, index: number, score: number): number {
  if (count < MAX_REFINED) {
    scratch.candidates[count] = index;
    scratch.candidateMm[count] = score;
    return count + 1;
  }
  let low = 0;
  for (let c = 1; c < count; c++) if (scratch.candidateMm[c]! < scratch.candidateMm[low]!) low = c;
  if (score > scratch.candidateMm[low]!) {
    scratch.candidates[low] = index;
    scratch.candidateMm[low] = score;
  }
  return count;
}

/** Exact distance from a point to the nearest of `n` samples. */
function nearest(z: Float64Array, n: number, x: number, y: number, w: number): number {
  let best = Infinity;
  for (let q = 0; q < n; q++) {
    const dx = z[3 * q]! - x, dy = z[3 * q + 1]! - y, dz = z[3 * q + 2]! - w;
    const d2 = dx * dx + dy * dy + dz * dz;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

function uncoveredMargin(zone: CompositeZone, lesion: PreparedLesion, scratch: MarginScratch): LesionMargin {
  const range = lesion.marginRangeMm;
  const m: PreparedMask = lesion.mask;
  const S = scratch.coarse;
  const z = S.data, n = S.count;
  if (n === 0) return { marginMm: -range, capped: true };
  const stride = Math.max(1, Math.floor(n / BOUND_SAMPLES));
  const nb = m.brickStart.length - 1;
  if (scratch.order.length < nb) {
    scratch.order = new Int32Array(nb);
    scratch.bounds = new Float64Array(nb);
    scratch.hints = new Int32Array(nb);
  }
  const order = scratch.order, bounds = scratch.bounds, hints = scratch.hints, bc = m.brickCentre;
  // Upper bound per brick: the distance from its centre to a subset of the samples (real zone
  // points, so never below the true distance) plus its radius.
  for (let b = 0; b < nb; b++) {
    const x = bc[3 * b]!, y = bc[3 * b + 1]!, w = bc[3 * b + 2]!;
    let best = Infinity, at = 0;
    for (let q = 0; q < n; q += stride) {
      const dx = z[3 * q]! - x, dy = z[3 * q + 1]! - y, dz = z[3 * q + 2]! - w;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < best) {
        best = d2;
        at = q;
      }
    }
    bounds[b] = Math.sqrt(best) + m.brickRadius[b]!;
    hints[b] = at;
    order[b] = b;
  }
  order.subarray(0, nb).sort((a, b) => bounds[b]! - bounds[a]!);
  const pts = m.boundaryMm;
  // A voxel is kept as a candidate when its coarse distance may still be within the coarse
  // error of the maximum; `slack(d)` is that error bound at distance d.
  const slack = (d: number) => (d > 0 ? Math.min(COARSE_MM, (COARSE_MM * COARSE_MM) / (4 * d)) : COARSE_MM);
  let worst = 0, nCand = 0;
  for (let r = 0; r < nb; r++) {
    const b = order[r]!;
    if (bounds[b]! <= worst - slack(worst)) break;
    let hint = hints[b]!;
    for (let p = m.brickStart[b]!, end = m.brickStart[b + 1]!; p < end; p++) {
      const x = pts[3 * p]!, y = pts[3 * p + 1]!, w = pts[3 * p + 2]!;
      const floor = worst - slack(worst);
      const floor2 = floor > 0 ? floor * floor : 0;
      let dx = z[3 * hint]! - x, dy = z[3 * hint + 1]! - y, dz = z[3 * hint + 2]! - w;
      let best2 = dx * dx + dy * dy + dz * dz;
      if (best2 <= floor2 || compositeContainsAt(zone, pts, 3 * p)) continue;
      // Scan outward from the hint (the sample nearest the last voxel scanned, next door):
      // samples are stored in surface order, so those next to it in the array are near it in
      // space, and one within the floor (which ends the scan) is usually found quickly.
      let bestQ = hint;
      for (let off = 1; off < n; off++) {
        const q0 = off & 1 ? hint + ((off + 1) >> 1) : hint - (off >> 1);
        const q = q0 < 0 ? q0 + n : q0 >= n ? q0 - n : q0;
        dx = z[3 * q]! - x;
        dy = z[3 * q + 1]! - y;
        dz = z[3 * q + 2]! - w;
        const d2 = dx * dx + dy * dy + dz * dz;
        if (d2 < best2) {
          best2 = d2;
          bestQ = q;
          if (d2 <= floor2) break;
        }
      }
      hint = bestQ;
      if (best2 <= floor2) continue;
      const d = Math.sqrt(best2);
      if (d > worst) worst = d;
      if (worst >= range) return { marginMm: -range, capped: true };
      nCand = keepCandidate(scratch, nCand, p, d);
    }
  }
  if (slack(worst) <= TOLERANCE_MM || nCand === 0) return { marginMm: -worst, capped: false };
  // Close call: measure the candidates again, against fine samples of the zone around the
  // coarse sample nearest to each.
  let refined = 0;
  for (let c = 0; c < nCand; c++) {
    if (scratch.candidateMm[c]! < worst - slack(worst)) continue;
    const p = scratch.candidates[c]!;
    const x = pts[3 * p]!, y = pts[3 * p + 1]!, w = pts[3 * p + 2]!;
    let near = 0, near2 = Infinity;
    for (let q = 0; q < n; q++) {
      const dx = z[3 * q]! - x, dy = z[3 * q + 1]! - y, dz = z[3 * q + 2]! - w;
      const d2 = dx * dx + dy * dy + dz * dz;
      if (d2 < near2) {
        near2 = d2;
        near = q;
      }
    }
    scratch.fine.count = 0;
    samplePatch(zone, S, near, COARSE_MM, FINE_MM, lesion.region, scratch.fine);
    refined = Math.max(refined, Math.min(Math.sqrt(near2), nearest(scratch.fine.data, scratch.fine.count, x, y, w)));
  }
  return { marginMm: -(refined > 0 ? Math.min(refined, worst) : worst), capped: false };
}

/**
 * The minimum margin of `lesion` in `zone`, given whether every lesion voxel is covered
 * (from the coverage count).
 */
export function lesionMargin(zone: CompositeZone, lesion: PreparedLesion, covered: boolean, scratch: MarginScratch = marginScratch()): LesionMargin {
  if (lesion.mask.voxelCount === 0) return { marginMm: 0, capped: false };
  sampleZoneBoundary(zone, COARSE_MM, lesion.region, scratch.coarse);
  return covered ? coveredMargin(zone, lesion, scratch) : uncoveredMargin(zone, lesion, scratch);
}
