import type { VoxelBox } from '../mask/voxelBox';
import type { HuScalars, PlanningVolume } from './planningVolume';

/**
 * A contiguous copy of the HU inside a box, of the volume's own scalar type and indexed like
 * a mask over that box: work on a block is then plain flat-array arithmetic, and the copy
 * is a row-by-row memory copy.
 */
export function extractBlock(v: PlanningVolume, box: VoxelBox): HuScalars {
  const [ox, oy, oz] = box.offset;
  const [sx, sy, sz] = box.size;
  const [nx, ny] = v.dimensions;
  const out = v.scalars instanceof Int16Array ? new Int16Array(sx * sy * sz) : new Float32Array(sx * sy * sz);
  for (let z = 0; z < sz; z++) {
    for (let y = 0; y < sy; y++) {
      const src = ((oz + z) * ny + (oy + y)) * nx + ox;
      out.set(v.scalars.subarray(src, src + sx), (z * sy + y) * sx);
    }
  }
  return out;
}
