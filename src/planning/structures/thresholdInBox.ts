import type { LpsPoint } from '../../shared/vec3';
import { boxFromCorners, fullBox, intersectBoxes, isEmptyBox } from '../mask/voxelBox';
import { cropMask } from '../mask/tightBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import { worldToIndex } from '../volume/indexWorld';
import type { PlanningVolume } from '../volume/planningVolume';
import { lps } from '../../shared/vec3';

/**
 * The voxels with HU in `[lo, hi]` inside the box spanned by two opposite LPS corners (as a
 * user drags it in a view), e.g. gas below −500 HU for bowel. The box covers every voxel
 * whose centre lies between the corners along each grid axis; the mask comes back in its
 * tight box.
 */
export function thresholdInBox(volume: PlanningVolume, corner1: LpsPoint, corner2: LpsPoint, lo: number, hi: number): VoxelMask {
  // All eight corners, so a box drawn on an oblique grid still covers what was dragged.
  const idx = [0, 1, 2, 3, 4, 5, 6, 7].map((c) =>
    worldToIndex(volume, lps(c & 1 ? corner2[0] : corner1[0], c & 2 ? corner2[1] : corner1[1], c & 4 ? corner2[2] : corner1[2])),
  );
  const box = intersectBoxes(
    boxFromCorners(
      [0, 1, 2].map((a) => Math.ceil(Math.min(...idx.map((v) => v[a]!)) - 1e-9)),
      [0, 1, 2].map((a) => Math.floor(Math.max(...idx.map((v) => v[a]!)) + 1e-9)),
    ),
    fullBox(volume.dimensions),
  );
  const mask = createMask(volume.dimensions, box);
  if (isEmptyBox(box)) return mask;
  const [nx, ny] = volume.dimensions;
  const [ox, oy, oz] = box.offset;
  const [sx, sy, sz] = box.size;
  for (let z = 0, p = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const row = ((oz + z) * ny + (oy + y)) * nx + ox;
      for (let x = 0; x < sx; x++, p++) {
        const h = volume.scalars[row + x]!;
        if (h >= lo && h <= hi) mask.data[p] = 1;
      }
    }
  }
  return cropMask(mask);
}
