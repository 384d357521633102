import type { Vec3 } from '../../shared/vec3';

type Triple = readonly [number, number, number];

/** A unit direction from a craniocaudal tilt and an anterior–posterior swing off the patient's left–right axis. */
export function lateralDirection(towardLeft: boolean, caudalDeg: number, anteriorDeg: number): Vec3 {
  const t = (caudalDeg * Math.PI) / 180, w = (anteriorDeg * Math.PI) / 180;
  return [(towardLeft ? 1 : -1) * Math.cos(t) * Math.cos(w), -Math.cos(t) * Math.sin(w), -Math.sin(t)];
}

/**
 * Tips of five parallel probes: one in the middle and four on the corners of a square of side
 * 2·`halfSideMm` in the plane across `direction` (the square's sides run along the axial-plane
 * and the near-craniocaudal directions across the probes), each moved `depthOffsetsMm` along
 * `direction` (middle, then anterior-superior, posterior-superior, anterior-inferior,
 * posterior-inferior for a probe pointing toward the patient's left).
 */
export function quincunxTips(centre: Triple, direction: Vec3, halfSideMm: number, depthOffsetsMm: readonly [number, number, number, number, number]): Triple[] {
  const n = Math.hypot(direction[0], direction[1], direction[2]);
  const u = [direction[0] / n, direction[1] / n, direction[2] / n] as const;
  // e2: the patient's superior direction made perpendicular to the probes; e1 = u × e2.
  const raw = [-u[2] * u[0], -u[2] * u[1], 1 - u[2] * u[2]];
  const m = Math.hypot(raw[0]!, raw[1]!, raw[2]!);
  const e2 = [raw[0]! / m, raw[1]! / m, raw[2]! / m] as const;
  const e1 = [u[1] * e2[2] - u[2] * e2[1], u[2] * e2[0] - u[0] * e2[2], u[0] * e2[1] - u[1] * e2[0]] as const;
  const h = halfSideMm;
  const corners: readonly (readonly [number, number])[] = [[0, 0], [h, h], [-h, h], [h, -h], [-h, -h]];
  return corners.map(([a, b], i) => {
    const d = depthOffsetsMm[i]!;
    const at = (k: 0 | 1 | 2): number => centre[k] + a * e1[k] + b * e2[k] + d * u[k];
    return [at(0), at(1), at(2)];
  });
}
