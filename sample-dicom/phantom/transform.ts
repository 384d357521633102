import type { Vec3 } from '../../src/shared/vec3';
import type { PaintOp } from './paint';
import { INFINITE, type Bounds, type Shape } from './shape';

/**
 * A rigid map from one frame to another: p' = R·p + t, R row-major 3×3 (a rotation).
 * Built from a row-major 4×4 matrix's first three rows.
 */
export interface RigidMap {
  readonly r: readonly number[];
  readonly t: Vec3;
}

/** The rigid map of a row-major 4×4 matrix (its last row is ignored). */
export const rigidMap = (m: readonly number[]): RigidMap => ({
  r: [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!],
  t: [m[3]!, m[7]!, m[11]!],
});

/** Where the map takes a point. */
export function mapPoint(a: RigidMap, p: Vec3): Vec3 {
  const r = a.r;
  return [
    r[0]! * p[0] + r[1]! * p[1] + r[2]! * p[2] + a.t[0],
    r[3]! * p[0] + r[4]! * p[1] + r[5]! * p[2] + a.t[1],
    r[6]! * p[0] + r[7]! * p[1] + r[8]! * p[2] + a.t[2],
  ];
}

/** Where the map takes a direction (no translation). */
export function mapDirection(a: RigidMap, v: Vec3): Vec3 {
  const r = a.r;
  return [r[0]! * v[0] + r[1]! * v[1] + r[2]! * v[2], r[3]! * v[0] + r[4]! * v[1] + r[5]! * v[2], r[6]! * v[0] + r[7]! * v[1] + r[8]! * v[2]];
}

/** The inverse map (rotation transposed). */
export function invertMap(a: RigidMap): RigidMap {
  const r = a.r;
  const rt = [r[0]!, r[3]!, r[6]!, r[1]!, r[4]!, r[7]!, r[2]!, r[5]!, r[8]!];
  const t = a.t;
  return {
    r: rt,
    t: [
      -(rt[0]! * t[0] + rt[1]! * t[1] + rt[2]! * t[2]),
      -(rt[3]! * t[0] + rt[4]! * t[1] + rt[5]! * t[2]),
      -(rt[6]! * t[0] + rt[7]! * t[1] + rt[8]! * t[2]),
    ],
  };
}

/** The axis-aligned box around the images of a box's eight corners (infinite stays infinite). */
export function mapBounds(a: RigidMap, b: Bounds): Bounds {
  if (![...b.min, ...b.max].every(Number.isFinite)) return INFINITE;
  const lo: [number, number, number] = [Infinity, Infinity, Infinity];
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (let c = 0; c < 8; c++) {
    const p = mapPoint(a, [c & 1 ? b.max[0] : b.min[0], c & 2 ? b.max[1] : b.min[1], c & 4 ? b.max[2] : b.min[2]]);
    for (let k = 0; k < 3; k++) {
      lo[k] = Math.min(lo[k]!, p[k]!);
      hi[k] = Math.max(hi[k]!, p[k]!);
    }
  }
  return { min: lo, max: hi };
}

/**
 * A shape moved rigidly by `a` (from the shape's frame into another): its distance at a point
 * is the original distance at the inverse-mapped point (rigid maps keep distances), its bounds
 * the box around the moved bounds' corners. Never z-invariant: a tilted extrusion is not.
 */
export function transformed(shape: Shape, a: RigidMap): Shape {
  const inv = invertMap(a);
  const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = inv.r as [number, number, number, number, number, number, number, number, number];
  const [tx, ty, tz] = inv.t;
  const sdf = shape.sdf;
  return {
    bounds: mapBounds(a, shape.bounds),
    sdf: (x, y, z) => sdf(r0 * x + r1 * y + r2 * z + tx, r3 * x + r4 * y + r5 * z + ty, r6 * x + r7 * y + r8 * z + tz),
  };
}

/** A paint operation with its shape moved by `a`. */
export const transformOp = (op: PaintOp, a: RigidMap): PaintOp => ({ ...op, shape: transformed(op.shape, a) });
