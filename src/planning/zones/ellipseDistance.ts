/**
 * Exact distance from a point to an ellipse, the 2D problem a spheroid reduces to (radial and
 * axial coordinates). With semi-axes e0 ≥ e1 and the point (y0, y1) in the first quadrant,
 * the nearest ellipse point is (e0² y0/(t + e0²), e1² y1/(t + e1²)) for the root t of
 * F(t) = (e0 y0/(t + e0²))² + (e1 y1/(t + e1²))² − 1, which is decreasing on (−e1², ∞) and
 * bracketed by [−e1² + e1 y1, −e1² + √(e0² y0² + e1² y1²)]; bisection finds it to machine
 * precision. Points on an axis are solved in closed form (including the inner stretch of the
 * major axis, whose nearest points lie off the axis).
 */

/** Unsigned distance from (y0, y1) ≥ 0 to the ellipse with semi-axes e0 ≥ e1 > 0. */
function firstQuadrantDistance(e0: number, e1: number, y0: number, y1: number): number {
  if (y1 > 0) {
    if (y0 > 0) {
      const a = e0 * y0, b = e1 * y1;
      let lo = -e1 * e1 + b;
      let hi = -e1 * e1 + Math.hypot(a, b);
      for (let it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
        const t = (lo + hi) / 2;
        const r0 = a / (t + e0 * e0), r1 = b / (t + e1 * e1);
        if (r0 * r0 + r1 * r1 - 1 > 0) lo = t;
        else hi = t;
      }
      const t = (lo + hi) / 2;
      const x0 = (e0 * e0 * y0) / (t + e0 * e0), x1 = (e1 * e1 * y1) / (t + e1 * e1);
      return Math.hypot(x0 - y0, x1 - y1);
    }
    return Math.abs(y1 - e1);
  }
  const focalReach = (e0 * e0 - e1 * e1) / e0;
  if (y0 < focalReach) {
    const x0 = (e0 * e0 * y0) / (e0 * e0 - e1 * e1);
    const x1 = e1 * Math.sqrt(Math.max(0, 1 - (x0 / e0) * (x0 / e0)));
    return Math.hypot(x0 - y0, x1);
  }
  return Math.abs(y0 - e0);
}

/**
 * Signed distance from the point (x, y) to the ellipse x²/a² + y²/b² = 1: negative inside,
 * positive outside, in the units of the inputs.
 */
export function ellipseSignedDistance(a: number, b: number, x: number, y: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const d = a >= b ? firstQuadrantDistance(a, b, ax, ay) : firstQuadrantDistance(b, a, ay, ax);
  const inside = (ax / a) * (ax / a) + (ay / b) * (ay / b) < 1;
  return inside ? -d : d;
}
