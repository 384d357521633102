/**
 * Exact distance between a segment and an axis-aligned box, both in one Cartesian frame.
 *
 * Along the segment x(t) = a + t·(b − a), the squared distance to the box is a sum over the
 * axes of (how far x_a(t) lies outside [lo_a, hi_a])², a convex function that is quadratic
 * between the parameters where x(t) crosses a face plane. So the minimum is found exactly by
 * splitting [0, 1] at those (at most six) crossings and minimising each quadratic piece.
 */

/** The result of `segmentBoxDistance`. */
export interface SegmentBoxResult {
  /** Distance in the frame's units; 0 when the segment touches or enters the box. */
  distance: number;
  /** Parameter along the segment of a nearest point. */
  t: number;
}

const cuts = new Float64Array(8);

function insertSorted(n: number, value: number): number {
  let i = n;
  while (i > 0 && cuts[i - 1]! > value) {
    cuts[i] = cuts[i - 1]!;
    i--;
  }
  cuts[i] = value;
  return n + 1;
}

/** Squared distance of x(t) = a + t·u to the box. */
function squaredAt(a: ArrayLike<number>, u: ArrayLike<number>, lo: ArrayLike<number>, hi: ArrayLike<number>, t: number): number {
  let s = 0;
  for (let k = 0; k < 3; k++) {
    const x = a[k]! + u[k]! * t;
    const d = x < lo[k]! ? lo[k]! - x : x > hi[k]! ? x - hi[k]! : 0;
    s += d * d;
  }
  return s;
}

const u3 = new Float64Array(3);

/**
 * Distance between segment a→b and the box [lo, hi] (component-wise), with the parameter of
 * a nearest point on the segment. Writes into `out` when given, to avoid allocation in loops.
 */
export function segmentBoxDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  out: SegmentBoxResult = { distance: 0, t: 0 },
): SegmentBoxResult {
  u3[0] = b[0]! - a[0]!;
  u3[1] = b[1]! - a[1]!;
  u3[2] = b[2]! - a[2]!;
  let n = 0;
  n = insertSorted(n, 0);
  n = insertSorted(n, 1);
  for (let k = 0; k < 3; k++) {
    const uk = u3[k]!;
    if (uk === 0) continue;
    const t0 = (lo[k]! - a[k]!) / uk, t1 = (hi[k]! - a[k]!) / uk;
    if (t0 > 0 && t0 < 1) n = insertSorted(n, t0);
    if (t1 > 0 && t1 < 1) n = insertSorted(n, t1);
  }
  let best = Infinity, bestT = 0;
  for (let p = 0; p + 1 < n; p++) {
    const ta = cuts[p]!, tb = cuts[p + 1]!;
    const mid = (ta + tb) / 2;
    // On this piece each axis is below, inside or above its slab throughout: f(t) = A t² + B t + C.
    let A = 0, B = 0;
    for (let k = 0; k < 3; k++) {
      const x = a[k]! + u3[k]! * mid;
      const c = x < lo[k]! ? a[k]! - lo[k]! : x > hi[k]! ? a[k]! - hi[k]! : NaN;
      if (Number.isNaN(c)) continue;
      A += u3[k]! * u3[k]!;
      B += 2 * c * u3[k]!;
    }
    let t = A > 0 ? -B / (2 * A) : ta;
    t = t < ta ? ta : t > tb ? tb : t;
    const s = squaredAt(a, u3, lo, hi, t);
    if (s < best) {
      best = s;
      bestT = t;
    }
  }
  out.distance = Math.sqrt(best);
  out.t = bestT;
  return out;
}
