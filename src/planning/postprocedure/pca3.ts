import type { Vec3 } from '../../shared/vec3';
import { symmetricEigen3 } from '../measure/symmetricEigen3';

/** Weighted principal axes of a point set. */
export interface Pca3 {
  readonly centroid: Vec3;
  /** Variances along the axes (mm²), descending. */
  readonly values: readonly [number, number, number];
  /** Unit axes, the first the direction of greatest spread. */
  readonly axes: readonly [Vec3, Vec3, Vec3];
  readonly weight: number;
}

/** Weighted PCA of points given as a flat xyz array; weights default 1. Null for no weight. */
export function pca3(xyz: ArrayLike<number>, weights?: ArrayLike<number>): Pca3 | null {
  const n = Math.floor(xyz.length / 3);
  let w = 0, cx = 0, cy = 0, cz = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    w += wi;
    cx += wi * xyz[3 * i]!;
    cy += wi * xyz[3 * i + 1]!;
    cz += wi * xyz[3 * i + 2]!;
  }
  if (!(w > 0)) return null;
  cx /= w;
  cy /= w;
  cz /= w;
  let xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
  for (let i = 0; i < n; i++) {
    const wi = weights ? weights[i]! : 1;
    const dx = xyz[3 * i]! - cx, dy = xyz[3 * i + 1]! - cy, dz = xyz[3 * i + 2]! - cz;
    xx += wi * dx * dx;
    xy += wi * dx * dy;
    xz += wi * dx * dz;
    yy += wi * dy * dy;
    yz += wi * dy * dz;
    zz += wi * dz * dz;
  }
  const e = symmetricEigen3([xx / w, xy / w, xz / w, xy / w, yy / w, yz / w, xz / w, yz / w, zz / w]);
  return {
    centroid: [cx, cy, cz],
    values: [Math.max(0, e.values[0]), Math.max(0, e.values[1]), Math.max(0, e.values[2])],
    axes: e.vectors,
    weight: w,
  };
}
