import { convexHull2d } from './convexHull2d';

/** The longest in-plane extent found on one slice, in index coordinates of that slice. */
export interface SliceDiameter {
  readonly lengthMm: number;
  /** End points as fractional (i, j) on the slice: corners of the outermost voxels. */
  readonly from: readonly [number, number];
  readonly to: readonly [number, number];
}

/**
 * Longest distance between two points of the union of a slice's voxels (its Feret
 * diameter), from the leftmost and rightmost voxel of each row: only their outer corners
 * can be on the convex hull, and the diameter of a set is the diameter of its hull. The
 * hull is found in index coordinates (an affine map keeps hulls) and measured in mm with
 * the in-plane metric `g00, g01, g11` (spacing², or a Gram matrix for oblique axes).
 *
 * `rowMin[y]`/`rowMax[y]` are the first and last set i of row y (rowMax < rowMin for an
 * empty row).
 */
export function longestSliceDiameter(
  rowMin: Int32Array,
  rowMax: Int32Array,
  g00: number,
  g01: number,
  g11: number,
): SliceDiameter | null {
  const corners: number[] = [];
  for (let y = 0; y < rowMin.length; y++) {
    if (rowMax[y]! < rowMin[y]!) continue;
    const l = rowMin[y]! - 0.5, r = rowMax[y]! + 0.5;
    corners.push(l, y - 0.5, l, y + 0.5, r, y - 0.5, r, y + 0.5);
  }
  if (corners.length === 0) return null;
  const hull = convexHull2d(corners);
  let best = -1;
  let from: [number, number] = [0, 0];
  let to: [number, number] = [0, 0];
  for (let a = 0; a < hull.length; a += 2) {
    for (let b = a + 2; b < hull.length; b += 2) {
      const dx = hull[b]! - hull[a]!, dy = hull[b + 1]! - hull[a + 1]!;
      const d2 = g00 * dx * dx + 2 * g01 * dx * dy + g11 * dy * dy;
      if (d2 > best) {
        best = d2;
        from = [hull[a]!, hull[a + 1]!];
        to = [hull[b]!, hull[b + 1]!];
      }
    }
  }
  return { lengthMm: Math.sqrt(best), from, to };
}
