import type { Vec3 } from '../../src/shared/vec3';

/** An axis-aligned box in body-frame millimetres; infinite sides are allowed. */
export interface Bounds {
  readonly min: Vec3;
  readonly max: Vec3;
}

/**
 * A solid given by an (approximate) signed distance in mm: negative inside, positive
 * outside, accurate near the surface, which is all the painter and the cortical shell
 * need. `bounds` must contain every point where `sdf` is negative, so the painter only
 * visits voxels inside it.
 */
export interface Shape {
  readonly bounds: Bounds;
  sdf(x: number, y: number, z: number): number;
  /** True when the distance does not depend on z inside the bounds (an extrusion): painted once and copied. */
  readonly zInvariant?: boolean;
}

export const INFINITE: Bounds = { min: [-Infinity, -Infinity, -Infinity], max: [Infinity, Infinity, Infinity] };

export const unionBounds = (a: Bounds, b: Bounds): Bounds => ({
  min: [Math.min(a.min[0], b.min[0]), Math.min(a.min[1], b.min[1]), Math.min(a.min[2], b.min[2])],
  max: [Math.max(a.max[0], b.max[0]), Math.max(a.max[1], b.max[1]), Math.max(a.max[2], b.max[2])],
});

export const intersectBounds = (a: Bounds, b: Bounds): Bounds => ({
  min: [Math.max(a.min[0], b.min[0]), Math.max(a.min[1], b.min[1]), Math.max(a.min[2], b.min[2])],
  max: [Math.min(a.max[0], b.max[0]), Math.min(a.max[1], b.max[1]), Math.min(a.max[2], b.max[2])],
});

export const growBounds = (b: Bounds, mm: number): Bounds => ({
  min: [b.min[0] - mm, b.min[1] - mm, b.min[2] - mm],
  max: [b.max[0] + mm, b.max[1] + mm, b.max[2] + mm],
});

/** Extrudes a 2D signed distance `d2` between z-limits whose signed distance is `dz`. */
export function extrude(d2: number, dz: number): number {
  const ox = d2 > 0 ? d2 : 0;
  const oz = dz > 0 ? dz : 0;
  const inside = Math.max(d2, dz);
  return Math.sqrt(ox * ox + oz * oz) + (inside < 0 ? inside : 0);
}
