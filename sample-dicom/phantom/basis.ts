import { cross, dot, normalize, scale, sub, type Vec3 } from '../../src/shared/vec3';

/** Three orthonormal axes of a rotated primitive's local frame. */
export type Basis = readonly [Vec3, Vec3, Vec3];

export const IDENTITY: Basis = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];

/** A right-handed basis whose first axis is `along`, second as close to `hint` as allowed. */
export function basisAlong(along: Vec3, hint: Vec3): Basis {
  const u = normalize(along);
  const v = normalize(sub(hint, scale(u, dot(hint, u))));
  return [u, v, cross(u, v)];
}

/** Half-extents of the axis-aligned box around a rotated box of half-sizes `h`. */
export function rotatedHalfExtent(basis: Basis, h: Vec3): Vec3 {
  const e = (k: 0 | 1 | 2) => Math.abs(basis[0][k]) * h[0] + Math.abs(basis[1][k]) * h[1] + Math.abs(basis[2][k]) * h[2];
  return [e(0), e(1), e(2)];
}
