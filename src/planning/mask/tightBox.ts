import { boxFromCorners, EMPTY_BOX, type VoxelBox } from './voxelBox';
import { reboxMask, type VoxelMask } from './voxelMask';

/** The smallest box holding every voxel of the mask (in volume indices), empty when none is set. */
export function tightBox(m: VoxelMask): VoxelBox {
  const [sx, sy, sz] = m.box.size;
  const min = [Infinity, Infinity, Infinity];
  const max = [-1, -1, -1];
  const d = m.data;
  let p = 0;
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      for (let x = 0; x < sx; x++, p++) {
        if (d[p] === 0) continue;
        if (x < min[0]!) min[0] = x;
        if (x > max[0]!) max[0] = x;
        if (y < min[1]!) min[1] = y;
        if (y > max[1]!) max[1] = y;
        if (z < min[2]!) min[2] = z;
        if (z > max[2]!) max[2] = z;
      }
    }
  }
  if (max[0]! < 0) return EMPTY_BOX;
  const o = m.box.offset;
  return boxFromCorners([min[0]! + o[0], min[1]! + o[1], min[2]! + o[2]], [max[0]! + o[0], max[1]! + o[1], max[2]! + o[2]]);
}

/** The same mask stored in its tight box. */
export const cropMask = (m: VoxelMask): VoxelMask => reboxMask(m, tightBox(m));
