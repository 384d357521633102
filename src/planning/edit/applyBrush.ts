import { normalize } from '../../shared/vec3';
import { boxContains, boxFromCorners, fullBox, intersectBoxes, isEmptyBox, unionBoxes } from '../mask/voxelBox';
import { reboxMask, type VoxelMask } from '../mask/voxelMask';
import { worldToIndex } from '../volume/indexWorld';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { voxelMetric } from '../volume/voxelMetric';
import type { BrushMode, BrushShape } from './brushShape';
import { DiffBuilder, type MaskDiff } from './maskDiff';

/** The mask after a dab, and what the dab changed (for undo). */
export interface BrushResult {
  readonly mask: VoxelMask;
  readonly diff: MaskDiff;
}

/**
 * Paints or erases one dab in a mask. Distances are true millimetres from the grid's
 * spacing and directions, so a 5 mm sphere stays round on 0.8 × 0.8 × 2 mm CT and a disc
 * lies in the view's plane even when that plane is oblique to the slices. The disc is the
 * thinnest slab with no holes when seen along its normal: half a voxel's extent along the
 * normal on either side, half-open so that each line through it holds exactly one voxel.
 *
 * Painting grows the mask's box when the dab reaches beyond it; the mask returned may be a
 * new object, and the one passed in must not be used afterwards.
 */
export function applyBrush(mask: VoxelMask, geometry: VolumeGeometry, shape: BrushShape, mode: BrushMode): BrushResult {
  const c = worldToIndex(geometry, shape.centre);
  const metric = voxelMetric(geometry);
  const r = shape.radiusMm;
  const reach = metric.reachPerMm.map((q) => q * r);
  const dims = geometry.dimensions;
  const dab = intersectBoxes(
    boxFromCorners(
      [0, 1, 2].map((a) => Math.ceil(c[a]! - reach[a]!)),
      [0, 1, 2].map((a) => Math.floor(c[a]! + reach[a]!)),
    ),
    fullBox(dims),
  );
  const builder = new DiffBuilder(dims[0], dims[1]);
  if (isEmptyBox(dab)) return { mask, diff: builder.build() };
  const m = mode === 'paint' && !boxContains(mask.box, dab) ? reboxMask(mask, unionBoxes(mask.box, dab)) : mask;

  // Axis vectors in mm, for the offset of a voxel from the centre in patient space.
  const axes = geometry.direction.map((d, a) => [d[0] * geometry.spacing[a]!, d[1] * geometry.spacing[a]!, d[2] * geometry.spacing[a]!]);
  const n = shape.kind === 'disc' ? normalize(shape.normal) : null;
  const along = n ? axes.map((ax) => ax[0]! * n[0] + ax[1]! * n[1] + ax[2]! * n[2]) : [0, 0, 0];
  const halfThickness = 0.5 * Math.max(...along.map(Math.abs));
  const r2 = r * r;
  const target = mode === 'paint' ? 1 : 0;
  const [ox, oy, oz] = m.box.offset;
  const [sx, sy, sz] = m.box.size;
  const [dx0, dy0, dz0] = dab.offset;
  const [dsx, dsy, dsz] = dab.size;
  for (let k = dz0; k < dz0 + dsz; k++) {
    for (let j = dy0; j < dy0 + dsy; j++) {
      for (let i = dx0; i < dx0 + dsx; i++) {
        const a = i - c[0], b = j - c[1], e = k - c[2];
        const wx = a * axes[0]![0]! + b * axes[1]![0]! + e * axes[2]![0]!;
        const wy = a * axes[0]![1]! + b * axes[1]![1]! + e * axes[2]![1]!;
        const wz = a * axes[0]![2]! + b * axes[1]![2]! + e * axes[2]![2]!;
        let d2 = wx * wx + wy * wy + wz * wz;
        if (n) {
          const t = a * along[0]! + b * along[1]! + e * along[2]!;
          if (t < -halfThickness || t >= halfThickness) continue;
          d2 -= t * t;
        }
        if (d2 > r2) continue;
        const x = i - ox, y = j - oy, z = k - oz;
        if (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz) continue;
        const p = (z * sy + y) * sx + x;
        if (m.data[p] === target) continue;
        m.data[p] = target;
        builder.add(i, j, k);
      }
    }
  }
  return { mask: m, diff: builder.build() };
}
