import { boxFromCorners, EMPTY_BOX } from '../mask/voxelBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import type { Dimensions3 } from '../volume/volumeGeometry';
import type { VoxelBox } from '../mask/voxelBox';

/**
 * A mask, in its tight box, of block voxels listed in one or more index lists: found from
 * the lists rather than by scanning the block, so its cost follows the lesion's size.
 */
export function regionMask(dimensions: Dimensions3, block: VoxelBox, lists: readonly ArrayLike<number>[]): VoxelMask {
  const [nx, ny] = block.size;
  const plane = nx * ny;
  let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -1, y1 = -1, z1 = -1;
  for (const list of lists) {
    for (let q = 0; q < list.length; q++) {
      const p = list[q]!;
      const x = p % nx, y = ((p - x) / nx) % ny, z = Math.floor(p / plane);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
  }
  if (x1 < 0) return createMask(dimensions, EMPTY_BOX);
  const o = block.offset;
  const box = boxFromCorners([x0 + o[0], y0 + o[1], z0 + o[2]], [x1 + o[0], y1 + o[1], z1 + o[2]]);
  const mask = createMask(dimensions, box);
  const [sx, sy] = box.size;
  for (const list of lists) {
    for (let q = 0; q < list.length; q++) {
      const p = list[q]!;
      const x = p % nx, y = ((p - x) / nx) % ny, z = Math.floor(p / plane);
      mask.data[((z - z0) * sy + (y - y0)) * sx + (x - x0)] = 1;
    }
  }
  return mask;
}
