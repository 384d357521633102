import type { Vec3 } from '../../shared/vec3';
import { spheroidBounds, spheroidQuadric, spheroidShape, type Spheroid } from './spheroid';

/**
 * The convex pieces a composite zone is the union of. Being convex, each meets a grid row in
 * one interval, found in closed form (zoneRows.ts); point tests and row walks read them packed
 * into typed arrays (flatZone.ts).
 *
 * - `quadric`: a spheroid (a probe's own zone, or a cluster's zone at a probe).
 * - `cylinder` and `prism`: the pieces of a cluster's hull (see compositeZone.ts), defined in
 *   the cluster's whitened frame, where its common zone spheroid E becomes the unit ball: a
 *   cylinder is a segment between two probe centres dilated by E, less its end caps; a prism is
 *   a triangle of probe centres dilated by E across its plane.
 */

/** The whitening of a spheroid E: W maps E (about the origin) to the unit ball; `inv` = W⁻¹. Both symmetric, row-major. */
export interface Whitening {
  readonly W: Float64Array;
  readonly inv: Float64Array;
  /** The larger semi-axis of E, mm (how far W⁻¹ can stretch a whitened unit). */
  readonly maxSemiMm: number;
  /** The smaller semi-axis of E, mm (how little). */
  readonly minSemiMm: number;
}

interface Bounds {
  /** LPS axis-aligned bounds, for culling. */
  readonly min: Float64Array;
  readonly max: Float64Array;
}

/** A spheroid piece. */
export interface QuadricPiece extends Bounds {
  readonly kind: 'quadric';
  readonly spheroid: Spheroid;
  readonly c: Float64Array;
  /** Quadric matrix M (inside when (x − c)ᵀ M (x − c) ≤ 1). */
  readonly M: Float64Array;
  /** Shape matrix M⁻¹. */
  readonly S: Float64Array;
}

/** A cylinder piece, in whitened coordinates: axis from `a` along unit `e` for `length`, radius 1. */
export interface CylinderPiece extends Bounds {
  readonly kind: 'cylinder';
  readonly frame: Whitening;
  readonly a: Float64Array;
  readonly e: Float64Array;
  readonly length: number;
}

/**
 * A prism piece, in whitened coordinates: triangle `v` (3 vertices), unit normal `n`, within
 * ±1 of its plane; `m` holds the inward in-plane normals of edges v0v1, v1v2, v2v0.
 */
export interface PrismPiece extends Bounds {
  readonly kind: 'prism';
  readonly frame: Whitening;
  readonly v: Float64Array;
  readonly n: Float64Array;
  readonly m: Float64Array;
}

/** One convex piece of a composite zone. */
export type ZonePiece = QuadricPiece | CylinderPiece | PrismPiece;

/** The whitening of a spheroid with axis u, radial semi-axis a and axial semi-axis b. */
export function whitening(axis: Vec3, radialSemiMm: number, axialSemiMm: number): Whitening {
  const a = radialSemiMm, b = axialSemiMm;
  const [ux, uy, uz] = axis;
  const mk = (s: number, k: number) => Float64Array.of(
    s + k * ux * ux, k * ux * uy, k * ux * uz,
    k * uy * ux, s + k * uy * uy, k * uy * uz,
    k * uz * ux, k * uz * uy, s + k * uz * uz,
  );
  return { W: mk(1 / a, 1 / b - 1 / a), inv: mk(a, b - a), maxSemiMm: Math.max(a, b), minSemiMm: Math.min(a, b) };
}

/** out = A·x for a row-major 3×3 A. */
export function mul3(A: Float64Array, x: number, y: number, z: number, out: Float64Array, at = 0): void {
  out[at] = A[0]! * x + A[1]! * y + A[2]! * z;
  out[at + 1] = A[3]! * x + A[4]! * y + A[5]! * z;
  out[at + 2] = A[6]! * x + A[7]! * y + A[8]! * z;
}

/** A spheroid as a piece. */
export function quadricPiece(s: Spheroid): QuadricPiece {
  const b = spheroidBounds(s);
  return {
    kind: 'quadric',
    spheroid: s,
    c: Float64Array.from(s.centre),
    M: spheroidQuadric(s),
    S: spheroidShape(s),
    min: Float64Array.from(b.min),
    max: Float64Array.from(b.max),
  };
}

function boundsOfWhitened(frame: Whitening, pts: Float64Array, count: number): { min: Float64Array; max: Float64Array } {
  const min = Float64Array.of(Infinity, Infinity, Infinity), max = Float64Array.of(-Infinity, -Infinity, -Infinity);
  const p = new Float64Array(3);
  for (let q = 0; q < count; q++) {
    mul3(frame.inv, pts[3 * q]!, pts[3 * q + 1]!, pts[3 * q + 2]!, p);
    for (let k = 0; k < 3; k++) {
      min[k] = Math.min(min[k]!, p[k]! - frame.maxSemiMm);
      max[k] = Math.max(max[k]!, p[k]! + frame.maxSemiMm);
    }
  }
  return { min, max };
}

/** The cylinder piece between two LPS centres in a cluster's whitened frame; null when they coincide. */
export function cylinderPiece(frame: Whitening, p: Vec3, q: Vec3): CylinderPiece | null {
  const a = new Float64Array(3), b = new Float64Array(3);
  mul3(frame.W, p[0], p[1], p[2], a);
  mul3(frame.W, q[0], q[1], q[2], b);
  const len = Math.hypot(b[0]! - a[0]!, b[1]! - a[1]!, b[2]! - a[2]!);
  if (!(len > 1e-9)) return null;
  const e = Float64Array.of((b[0]! - a[0]!) / len, (b[1]! - a[1]!) / len, (b[2]! - a[2]!) / len);
  const pts = Float64Array.of(a[0]!, a[1]!, a[2]!, b[0]!, b[1]!, b[2]!);
  return { kind: 'cylinder', frame, a, e, length: len, ...boundsOfWhitened(frame, pts, 2) };
}

/** The prism piece of a triangle of LPS centres in a cluster's whitened frame; null when degenerate. */
export function prismPiece(frame: Whitening, p0: Vec3, p1: Vec3, p2: Vec3): PrismPiece | null {
  const v = new Float64Array(9);
  mul3(frame.W, p0[0], p0[1], p0[2], v, 0);
  mul3(frame.W, p1[0], p1[1], p1[2], v, 3);
  mul3(frame.W, p2[0], p2[1], p2[2], v, 6);
  const e1 = [v[3]! - v[0]!, v[4]! - v[1]!, v[5]! - v[2]!];
  const e2 = [v[6]! - v[0]!, v[7]! - v[1]!, v[8]! - v[2]!];
  let nx = e1[1]! * e2[2]! - e1[2]! * e2[1]!, ny = e1[2]! * e2[0]! - e1[0]! * e2[2]!, nz = e1[0]! * e2[1]! - e1[1]! * e2[0]!;
  const area2 = Math.hypot(nx, ny, nz);
  if (!(area2 > 1e-9)) return null;
  nx /= area2;
  ny /= area2;
  nz /= area2;
  const m = new Float64Array(9);
  for (let k = 0; k < 3; k++) {
    const a = 3 * k, b = 3 * ((k + 1) % 3), c = 3 * ((k + 2) % 3);
    const ex = v[b]! - v[a]!, ey = v[b + 1]! - v[a + 1]!, ez = v[b + 2]! - v[a + 2]!;
    // n × edge points into the triangle for a counter-clockwise (about n) edge.
    let mx = ny * ez - nz * ey, my = nz * ex - nx * ez, mz = nx * ey - ny * ex;
    const ml = Math.hypot(mx, my, mz);
    mx /= ml;
    my /= ml;
    mz /= ml;
    if ((v[c]! - v[a]!) * mx + (v[c + 1]! - v[a + 1]!) * my + (v[c + 2]! - v[a + 2]!) * mz < 0) {
      mx = -mx;
      my = -my;
      mz = -mz;
    }
    m[3 * k] = mx;
    m[3 * k + 1] = my;
    m[3 * k + 2] = mz;
  }
  return { kind: 'prism', frame, v, n: Float64Array.of(nx, ny, nz), m, ...boundsOfWhitened(frame, v, 3) };
}
