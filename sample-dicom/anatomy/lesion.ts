import type { Vec3 } from '../../src/shared/vec3';
import { intersect, union } from '../phantom/combine';
import { ellipsoid } from '../phantom/primitives';
import type { Shape } from '../phantom/shape';

/** A lobulated blob: a main ellipsoid with smaller lobes bulging from it. */
export function lobulatedBlob(centre: Vec3, semiAxes: Vec3, lobes: readonly { at: Vec3; r: Vec3 }[] = []): Shape {
  return union(ellipsoid(centre, semiAxes), ...lobes.map((l) => ellipsoid([centre[0] + l.at[0], centre[1] + l.at[1], centre[2] + l.at[2]], l.r)));
}

/**
 * A lytic lesion confined to the bone it grows in (`host`, usually the bone's interior so
 * the cortex is kept), except through `breakout`, where it has destroyed the cortex and
 * passes into the soft tissue (a pathological fracture).
 */
export function lesionInBone(blob: Shape, host: Shape, breakout?: Shape): Shape {
  return intersect(blob, breakout ? union(host, breakout) : host);
}
