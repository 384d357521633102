import type { Vec3 } from '../../shared/vec3';
import { spheroidQuadric, type Spheroid } from './spheroid';

/**
 * Where a picture's pixels sit in patient space: pixel (x, y) is the world point
 * `origin + x·right + y·down` (LPS mm; `right` and `down` independent, not necessarily square).
 */
export interface PixelPlane {
  readonly origin: Vec3;
  readonly right: Vec3;
  readonly down: Vec3;
}

/**
 * An ellipse on a canvas or picture in pixels, ready for `ctx.ellipse(cx, cy, rx, ry, rotation, 0, 2π)`:
 * `rx` is the major semi-axis, along the direction `rotation` radians from canvas +x
 * towards +y (clockwise on screen), in (−π/2, π/2].
 */
export interface CanvasEllipse {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
  readonly rotation: number;
}

const mulSym = (m: Float64Array, u: readonly number[], v: readonly number[]): number =>
  u[0]! * (m[0]! * v[0]! + m[1]! * v[1]! + m[2]! * v[2]!) +
  u[1]! * (m[3]! * v[0]! + m[4]! * v[1]! + m[5]! * v[2]!) +
  u[2]! * (m[6]! * v[0]! + m[7]! * v[1]! + m[8]! * v[2]!);

/**
 * The ellipse where the view plane cuts a spheroid, exactly, or null when the plane misses
 * it (or only touches it).
 *
 * With the quadric q(p) = (p − c)ᵀ M (p − c) ≤ 1 and canvas points p = o + x·R + y·D, write
 * w = o − c; then q = [x y] Q [x y]ᵀ + 2 gᵀ[x y] + f with Q = [RᵀMR RᵀMD; DᵀMR DᵀMD],
 * g = [RᵀMw, DᵀMw], f = wᵀMw. Q is positive definite (M is, R and D are independent), so
 * the centre is x₀ = −Q⁻¹g, and q = (x − x₀)ᵀQ(x − x₀) + q₀ with q₀ = f + gᵀx₀. The section is
 * (x − x₀)ᵀQ(x − x₀) = 1 − q₀, empty when q₀ ≥ 1; its semi-axes are √((1 − q₀)/λ) for the
 * eigenvalues λ of Q, along their eigenvectors. Canvas pixels need not be square here.
 */
export function spheroidSection(spheroid: Spheroid, plane: PixelPlane): CanvasEllipse | null {
  const m = spheroidQuadric(spheroid);
  const R = plane.right, D = plane.down;
  const w = [plane.origin[0] - spheroid.centre[0], plane.origin[1] - spheroid.centre[1], plane.origin[2] - spheroid.centre[2]];
  const a = mulSym(m, R, R), b = mulSym(m, R, D), c = mulSym(m, D, D);
  const gx = mulSym(m, R, w), gy = mulSym(m, D, w), f = mulSym(m, w, w);
  const det = a * c - b * b;
  if (!(det > 0)) return null;
  const cx = (-c * gx + b * gy) / det, cy = (b * gx - a * gy) / det;
  const k = 1 - (f + gx * cx + gy * cy);
  if (!(k > 0)) return null;
  // Eigenvalues of [a b; b c]; the smaller one gives the major semi-axis, at angle
  // θ = ½·atan2(2b, a − c) + π/2 (½·atan2 is the direction of the larger eigenvalue).
  const mean = (a + c) / 2, half = Math.hypot((a - c) / 2, b);
  const lMax = mean + half, lMin = mean - half;
  let rotation = 0.5 * Math.atan2(2 * b, a - c) + Math.PI / 2;
  if (rotation > Math.PI / 2) rotation -= Math.PI;
  return { cx, cy, rx: Math.sqrt(k / lMin), ry: Math.sqrt(k / lMax), rotation };
}
