import type { LpsPoint } from '../../shared/vec3';
import { boxFromCorners, EMPTY_BOX, fullBox, intersectBoxes, isEmptyBox, unionBoxes, type VoxelBox } from '../mask/voxelBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import { voxel } from '../../shared/vec3';
import { indexToWorld, worldToIndex } from '../volume/indexWorld';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { voxelMetric } from '../volume/voxelMetric';

/**
 * The voxels whose centres lie within `radiusMm` of a polyline (a nerve root or a vessel
 * drawn as points): the union of a capsule per segment. Each segment visits only its own
 * bounding box, so a long thin vessel costs its length, not the box of the whole path.
 */
export function rasterizeTube(geometry: VolumeGeometry, points: readonly LpsPoint[], radiusMm: number): VoxelMask {
  const metric = voxelMetric(geometry);
  const reach = metric.reachPerMm.map((q) => q * radiusMm);
  const grid = fullBox(geometry.dimensions);
  const idx = points.map((p) => worldToIndex(geometry, p));
  const segBoxes: VoxelBox[] = [];
  // A single point makes one segment of zero length: a ball.
  const segments = Math.max(1, idx.length - 1);
  for (let s = 0; s < segments; s++) {
    const a = idx[s]!, b = idx[Math.min(s + 1, idx.length - 1)]!;
    segBoxes.push(
      intersectBoxes(
        boxFromCorners(
          [0, 1, 2].map((q) => Math.ceil(Math.min(a[q]!, b[q]!) - reach[q]!)),
          [0, 1, 2].map((q) => Math.floor(Math.max(a[q]!, b[q]!) + reach[q]!)),
        ),
        grid,
      ),
    );
  }
  const box = segBoxes.reduce<VoxelBox>((u, b) => unionBoxes(u, b), EMPTY_BOX);
  const mask = createMask(geometry.dimensions, box);
  if (isEmptyBox(box)) return mask;
  const r2 = radiusMm * radiusMm;
  const [ox, oy, oz] = box.offset;
  const [sx, sy] = box.size;
  segBoxes.forEach((sb, s) => {
    if (isEmptyBox(sb)) return;
    const a = points[s]!, b = points[Math.min(s + 1, points.length - 1)]!;
    const ab = [b[0] - a[0], b[1] - a[1], b[2] - a[2]];
    const len2 = ab[0]! * ab[0]! + ab[1]! * ab[1]! + ab[2]! * ab[2]!;
    for (let k = sb.offset[2]; k < sb.offset[2] + sb.size[2]; k++) {
      for (let j = sb.offset[1]; j < sb.offset[1] + sb.size[1]; j++) {
        for (let i = sb.offset[0]; i < sb.offset[0] + sb.size[0]; i++) {
          const p = indexToWorld(geometry, voxel(i, j, k));
          const ap = [p[0] - a[0], p[1] - a[1], p[2] - a[2]];
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (ap[0]! * ab[0]! + ap[1]! * ab[1]! + ap[2]! * ab[2]!) / len2));
          const dx = ap[0]! - t * ab[0]!, dy = ap[1]! - t * ab[1]!, dz = ap[2]! - t * ab[2]!;
          if (dx * dx + dy * dy + dz * dz <= r2) mask.data[((k - oz) * sy + (j - oy)) * sx + (i - ox)] = 1;
        }
      }
    }
  });
  return mask;
}
