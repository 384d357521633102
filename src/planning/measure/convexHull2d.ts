/**
 * Convex hull of 2D points given as `[x0, y0, x1, y1, …]`, by Andrew's monotone chain.
 * Returns the hull's vertices (counter-clockwise, no repeats) in the same flat layout;
 * collinear points are dropped.
 */
export function convexHull2d(points: readonly number[]): number[] {
  const n = points.length / 2;
  if (n <= 2) return points.slice();
  const idx = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!,
  );
  const cross = (o: number, a: number, b: number): number =>
    (points[2 * a]! - points[2 * o]!) * (points[2 * b + 1]! - points[2 * o + 1]!) -
    (points[2 * a + 1]! - points[2 * o + 1]!) * (points[2 * b]! - points[2 * o]!);
  const lower: number[] = [];
  for (const i of idx) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, i) <= 0) lower.pop();
    lower.push(i);
  }
  const upper: number[] = [];
  for (let q = idx.length - 1; q >= 0; q--) {
    const i = idx[q]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, i) <= 0) upper.pop();
    upper.push(i);
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  return hull.flatMap((i) => [points[2 * i]!, points[2 * i + 1]!]);
}
