import { dot, normalize, sub, type Vec3 } from '../../shared/vec3';

/** The slice of a series nearest to a point, measured along the slice normal. */
export interface NearestSlice {
  /** 0-based index into the positions as given (the series in its stored order). */
  readonly index: number;
  /**
   * Signed distance in mm from that slice's plane to the point along the normal (positive:
   * beyond it, in the direction of the normal); null when the normal is unknown (one slice,
   * no orientation given).
   */
  readonly offsetMm: number | null;
}

/**
 * The slice whose plane lies nearest to `point` (LPS mm), from the slices' Image Position
 * (Patient) values. The normal is the one given (from Image Orientation (Patient)), else the
 * direction from the first to the last position: the instances of a reconstructable series
 * come ordered along it, and the listing the report reads carries positions but no orientation.
 * Every slice is compared, so uneven spacing still picks the true nearest one. Null for no slices.
 */
export function nearestSlice(positions: readonly Vec3[], point: Vec3, normal?: Vec3): NearestSlice | null {
  if (positions.length === 0) return null;
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  const n = normalize(normal ?? sub(last, first));
  if (n[0] === 0 && n[1] === 0 && n[2] === 0) return { index: 0, offsetMm: null };
  let index = 0;
  let offsetMm = dot(sub(point, first), n);
  positions.forEach((p, i) => {
    const d = dot(sub(point, p), n);
    if (Math.abs(d) < Math.abs(offsetMm)) {
      index = i;
      offsetMm = d;
    }
  });
  return { index, offsetMm };
}
