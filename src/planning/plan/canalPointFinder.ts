import { indexToWorld, worldToIndex, type StructureKind, type VolumeGeometry, type VoxelMask } from '../lesions';
import { closestParameterOnSegment } from '../trajectory/closestPointOnSegment';
import { lps, voxel, type LpsPoint } from '../../shared/vec3';

/** A canal (or cord) structure as the finder sees it: voxels on a grid, or a tube's axis when it has no grid. */
export type CanalShape =
  | { readonly kind: StructureKind; readonly mask: VoxelMask; readonly geometry: VolumeGeometry }
  | { readonly kind: StructureKind; readonly axis: readonly LpsPoint[] };

/** Slice index → the sums of the voxels' i and j and their count, for one grid mask. */
interface SliceCentroids {
  readonly geometry: VolumeGeometry;
  readonly slices: readonly { k: number; i: number; j: number }[];
}

function sliceCentroids(mask: VoxelMask, geometry: VolumeGeometry): SliceCentroids {
  const [ox, oy, oz] = mask.box.offset;
  const [sx, sy, sz] = mask.box.size;
  const slices: { k: number; i: number; j: number }[] = [];
  for (let z = 0, p = 0; z < sz; z++) {
    let si = 0, sj = 0, n = 0;
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (mask.data[p] === 0) continue;
        si += x;
        sj += y;
        n++;
      }
    }
    if (n > 0) slices.push({ k: oz + z, i: ox + si / n, j: oy + sj / n });
  }
  return { geometry, slices };
}

function nearestOnAxis(axis: readonly LpsPoint[], p: LpsPoint): LpsPoint {
  let best: LpsPoint = axis[0]!;
  let bestD = Math.hypot(best[0] - p[0], best[1] - p[1], best[2] - p[2]);
  for (let s = 0; s + 1 < axis.length; s++) {
    const a = axis[s]!, b = axis[s + 1]!;
    const t = closestParameterOnSegment(p[0], p[1], p[2], a[0], a[1], a[2], b[0], b[1], b[2]);
    const q = lps(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
    const d = Math.hypot(q[0] - p[0], q[1] - p[1], q[2] - p[2]);
    if (d < bestD) [best, bestD] = [q, d];
  }
  return best;
}

/**
 * Finds, for a transpedicular trajectory, the point in the spinal canal that the medial wall
 * check measures "medial" from. Structures of kind 'spinal-canal' are used; only when the
 * plan has none, those of kind 'spinal-cord'; null when it has neither.
 *
 * For a structure on a grid (a drawn mask, or a tube rasterised on the CT), the point is the
 * centroid of its voxels on the slice of its grid nearest the target (of the slices it has
 * voxels on; the lower slice index on a tie): at the level treated, the canal's cross-section
 * centre, which is what "medial" is taken from. For a tube with no grid to rasterise on, it is
 * the point of the tube's axis nearest the target. With several such structures, the point
 * nearest the target wins (the first one listed on a tie). Slice centroids are computed once,
 * so the returned function is cheap per trajectory.
 */
export function canalPointFinder(shapes: readonly CanalShape[]): (target: LpsPoint) => LpsPoint | null {
  const kind = shapes.some((s) => s.kind === 'spinal-canal') ? 'spinal-canal' : 'spinal-cord';
  const chosen = shapes.filter((s) => s.kind === kind);
  if (chosen.length === 0) return () => null;
  const prepared = chosen.map((s) => ('mask' in s ? sliceCentroids(s.mask, s.geometry) : s.axis));
  return (target) => {
    let best: LpsPoint | null = null;
    let bestD = Infinity;
    for (const shape of prepared) {
      let point: LpsPoint | null;
      if ('slices' in shape) {
        const kt = worldToIndex(shape.geometry, target)[2];
        let slice: { k: number; i: number; j: number } | null = null;
        for (const s of shape.slices) if (!slice || Math.abs(s.k - kt) < Math.abs(slice.k - kt)) slice = s;
        point = slice ? indexToWorld(shape.geometry, voxel(slice.i, slice.j, slice.k)) : null;
      } else {
        point = nearestOnAxis(shape, target);
      }
      if (!point) continue;
      const d = Math.hypot(point[0] - target[0], point[1] - target[1], point[2] - target[2]);
      if (d < bestD) [best, bestD] = [point, d];
    }
    return best;
  };
}
