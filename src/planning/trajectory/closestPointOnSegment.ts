/**
 * The parameter t ∈ [0, 1] of the point of segment a→b nearest to p (0 for a degenerate
 * segment). Plain numbers, so inner loops can call it without allocating.
 */
export function closestParameterOnSegment(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
): number {
  const ux = bx - ax, uy = by - ay, uz = bz - az;
  const len2 = ux * ux + uy * uy + uz * uz;
  if (!(len2 > 0)) return 0;
  const t = ((px - ax) * ux + (py - ay) * uy + (pz - az) * uz) / len2;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** Squared distance from p to segment a→b. */
export function squaredDistanceToSegment(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
): number {
  const t = closestParameterOnSegment(px, py, pz, ax, ay, az, bx, by, bz);
  const dx = ax + (bx - ax) * t - px, dy = ay + (by - ay) * t - py, dz = az + (bz - az) * t - pz;
  return dx * dx + dy * dy + dz * dz;
}
