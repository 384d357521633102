import { expandBox } from '../../mask/voxelBox';
import { reboxMask, type VoxelMask } from '../../mask/voxelMask';
import { squaredDistanceMap } from '../../segmentation/squaredDistance';
import type { PlanningVolume } from '../../volume/planningVolume';

/**
 * The median HU of what surrounds a mask: the voxels between `innerMm` and `outerMm` from it
 * (beyond the partial-volume rim of its edge); null when there are none.
 */
export function surroundingHu(v: PlanningVolume, mask: VoxelMask, innerMm = 1.2, outerMm = 2.4): number | null {
  const margin = v.spacing.map((s) => Math.ceil(outerMm / s) + 1) as [number, number, number];
  const grown = reboxMask(mask, expandBox(mask.box, margin, v.dimensions));
  const [sx, sy, sz] = grown.box.size;
  const [ox, oy, oz] = grown.box.offset;
  const d2 = squaredDistanceMap(grown.data, [sx, sy, sz], v.spacing, 1);
  const [nx, ny] = v.dimensions;
  const values: number[] = [];
  for (let z = 0, q = 0; z < sz; z++) for (let y = 0; y < sy; y++) for (let x = 0; x < sx; x++, q++) {
    const d = d2[q]!;
    if (d > innerMm * innerMm && d <= outerMm * outerMm) values.push(v.scalars[ox + x + nx * (oy + y + ny * (oz + z))]!);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}
