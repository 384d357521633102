import type { Vec3 } from '../../shared/vec3';

/** A 4×4 homogeneous matrix, row-major (16 numbers; last row 0 0 0 1). */
export type Matrix4 = readonly number[];

/**
 * A rigid transform as six numbers: rotations (°) about the x, y and z axes through `centre`,
 * applied x first, then y, then z (R = Rz·Ry·Rx), then a translation (mm):
 * p' = R·(p − centre) + centre + translation.
 */
export interface RigidParams {
  readonly rotationDeg: Vec3;
  readonly translationMm: Vec3;
}

export const IDENTITY4: Matrix4 = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

const RAD = Math.PI / 180;

/** R = Rz·Ry·Rx for angles in degrees, as 9 numbers row-major. */
export function rotationMatrix(deg: Vec3): number[] {
  const [a, b, c] = [deg[0] * RAD, deg[1] * RAD, deg[2] * RAD];
  const [ca, sa, cb, sb, cc, sc] = [Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b), Math.cos(c), Math.sin(c)];
  return [
    cc * cb, cc * sb * sa - sc * ca, cc * sb * ca + sc * sa,
    sc * cb, sc * sb * sa + cc * ca, sc * sb * ca - cc * sa,
    -sb, cb * sa, cb * ca,
  ];
}

/** The matrix of a rigid transform about `centre`. */
export function matrixFromParams(p: RigidParams, centre: Vec3): Matrix4 {
  const r = rotationMatrix(p.rotationDeg);
  const t = [0, 1, 2].map((i) => centre[i]! + p.translationMm[i]! - (r[i * 3]! * centre[0] + r[i * 3 + 1]! * centre[1] + r[i * 3 + 2]! * centre[2]));
  return [r[0]!, r[1]!, r[2]!, t[0]!, r[3]!, r[4]!, r[5]!, t[1]!, r[6]!, r[7]!, r[8]!, t[2]!, 0, 0, 0, 1];
}

/** The parameters (about `centre`) of a rigid matrix; inverse of {@link matrixFromParams}. */
export function paramsFromMatrix(m: Matrix4, centre: Vec3): RigidParams {
  // R = Rz·Ry·Rx: m[8] = −sin b, m[9] = cos b sin a, m[10] = cos b cos a, m[4] = sin c cos b, m[0] = cos c cos b.
  const sb = Math.max(-1, Math.min(1, -m[8]!));
  const b = Math.asin(sb);
  const a = Math.atan2(m[9]!, m[10]!);
  const c = Math.atan2(m[4]!, m[0]!);
  const moved = applyMatrix(m, centre);
  return { rotationDeg: [a / RAD, b / RAD, c / RAD], translationMm: [moved[0] - centre[0], moved[1] - centre[1], moved[2] - centre[2]] };
}

/** m·p for a point. */
export function applyMatrix(m: Matrix4, p: Vec3): Vec3 {
  return [
    m[0]! * p[0] + m[1]! * p[1] + m[2]! * p[2] + m[3]!,
    m[4]! * p[0] + m[5]! * p[1] + m[6]! * p[2] + m[7]!,
    m[8]! * p[0] + m[9]! * p[1] + m[10]! * p[2] + m[11]!,
  ];
}

/** m·v for a direction (no translation). */
export function applyToDirection(m: Matrix4, v: Vec3): Vec3 {
  return [m[0]! * v[0] + m[1]! * v[1] + m[2]! * v[2], m[4]! * v[0] + m[5]! * v[1] + m[6]! * v[2], m[8]! * v[0] + m[9]! * v[1] + m[10]! * v[2]];
}

/** a·b (apply b first, then a). */
export function multiply(a: Matrix4, b: Matrix4): Matrix4 {
  const out: number[] = new Array<number>(16).fill(0);
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
    let s = 0;
    for (let k = 0; k < 4; k++) s += a[i * 4 + k]! * b[k * 4 + j]!;
    out[i * 4 + j] = s;
  }
  return out;
}

/** The inverse of a rigid matrix (rotation transposed). */
export function invertRigid(m: Matrix4): Matrix4 {
  const r = [m[0]!, m[4]!, m[8]!, m[1]!, m[5]!, m[9]!, m[2]!, m[6]!, m[10]!];
  const t = [m[3]!, m[7]!, m[11]!];
  const ti = [0, 1, 2].map((i) => -(r[i * 3]! * t[0]! + r[i * 3 + 1]! * t[1]! + r[i * 3 + 2]! * t[2]!));
  return [r[0]!, r[1]!, r[2]!, ti[0]!, r[3]!, r[4]!, r[5]!, ti[1]!, r[6]!, r[7]!, r[8]!, ti[2]!, 0, 0, 0, 1];
}

/** Angle (°) of the rotation that takes a's rotation to b's. */
export function rotationDifferenceDeg(a: Matrix4, b: Matrix4): number {
  const d = multiply(invertRigid(a), b);
  const cos = (d[0]! + d[5]! + d[10]! - 1) / 2;
  return Math.acos(Math.max(-1, Math.min(1, cos))) / RAD;
}

/** Root mean square distance (mm) between where a and b take the same points. */
export function rmsDistanceMm(a: Matrix4, b: Matrix4, points: readonly Vec3[]): number {
  if (points.length === 0) return 0;
  let s = 0;
  for (const p of points) {
    const pa = applyMatrix(a, p), pb = applyMatrix(b, p);
    s += (pa[0] - pb[0]) ** 2 + (pa[1] - pb[1]) ** 2 + (pa[2] - pb[2]) ** 2;
  }
  return Math.sqrt(s / points.length);
}
