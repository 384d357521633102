import type { Dimensions3 } from '../volume/volumeGeometry';
import { boxVoxelCount, EMPTY_BOX, type VoxelBox } from './voxelBox';

/**
 * A binary mask over a volume, stored only inside a box so a lesion does not cost a
 * full-volume array. `data[(k − oz)·sy·sx + (j − oy)·sx + (i − ox)]` is 1 inside, 0 outside;
 * voxels outside the box are 0.
 */
export interface VoxelMask {
  /** Dimensions of the whole volume the mask belongs to. */
  readonly dimensions: Dimensions3;
  readonly box: VoxelBox;
  readonly data: Uint8Array;
}

/** An empty mask over a volume, with storage for `box` (none by default). */
export const createMask = (dimensions: Dimensions3, box: VoxelBox = EMPTY_BOX): VoxelMask => ({
  dimensions,
  box,
  data: new Uint8Array(boxVoxelCount(box)),
});

/** 1 when volume voxel (i, j, k) is in the mask, else 0. */
export function maskValue(m: VoxelMask, i: number, j: number, k: number): number {
  const [ox, oy, oz] = m.box.offset;
  const [sx, sy, sz] = m.box.size;
  const x = i - ox, y = j - oy, z = k - oz;
  if (x < 0 || y < 0 || z < 0 || x >= sx || y >= sy || z >= sz) return 0;
  return m.data[(z * sy + y) * sx + x]!;
}

/** Number of voxels in the mask. */
export function countMask(m: VoxelMask): number {
  let n = 0;
  const d = m.data;
  for (let p = 0; p < d.length; p++) n += d[p]!;
  return n;
}

/**
 * Copies a mask into storage for another box: voxels outside the new box are dropped. Used
 * to make room before an edit and to crop to the tight box afterwards.
 */
export function reboxMask(m: VoxelMask, box: VoxelBox): VoxelMask {
  const out = createMask(m.dimensions, box);
  const [ax, ay, az] = m.box.offset, [asx, asy, asz] = m.box.size;
  const [bx, by, bz] = box.offset, [bsx, bsy, bsz] = box.size;
  const x0 = Math.max(ax, bx), x1 = Math.min(ax + asx, bx + bsx);
  const y0 = Math.max(ay, by), y1 = Math.min(ay + asy, by + bsy);
  const z0 = Math.max(az, bz), z1 = Math.min(az + asz, bz + bsz);
  if (x1 <= x0) return out;
  for (let k = z0; k < z1; k++) {
    for (let j = y0; j < y1; j++) {
      const src = ((k - az) * asy + (j - ay)) * asx + (x0 - ax);
      const dst = ((k - bz) * bsy + (j - by)) * bsx + (x0 - bx);
      out.data.set(m.data.subarray(src, src + (x1 - x0)), dst);
    }
  }
  return out;
}
