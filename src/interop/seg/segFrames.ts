import type { VoxelMask } from '../../planning/mask/voxelMask';

/** One frame of a BINARY SEG: a segment on one grid slice. */
export interface SegFrame {
  /** 1-based, the segment's position in the list given. */
  readonly segmentNumber: number;
  /** Grid slice k (0 is the CT slice lowest along the normal). */
  readonly slice: number;
}

/** The frames of the segments and their packed pixels. */
export interface PackedFrames {
  /** Segment by segment, slices ascending within each; empty slices have no frame. */
  readonly frames: SegFrame[];
  /**
   * 1 bit per pixel, frames one after the other with no padding between them, least
   * significant bit first (PS3.5 8.1.1 / PS3.3 C.8.20.2): pixel p of frame f is bit
   * (f·rows·columns + p) of the stream, so a frame may start inside a byte. ceil(bits / 8) bytes.
   */
  readonly pixelData: Uint8Array;
  /** Voxels set per segment, in the order given. */
  readonly voxelCounts: number[];
}

/** The grid slices (ascending) on which a mask has at least one voxel. */
function occupiedSlices(m: VoxelMask): number[] {
  const [sx, sy, sz] = m.box.size;
  const plane = sx * sy;
  const out: number[] = [];
  for (let z = 0; z < sz; z++) {
    const slice = m.data.subarray(z * plane, (z + 1) * plane);
    if (slice.includes(1)) out.push(m.box.offset[2] + z);
  }
  return out;
}

/**
 * Lays masks on the grid out as BINARY SEG frames: one frame per segment and grid slice where
 * the segment has a voxel (empty frames are omitted, PS3.3 C.8.20.2 allows it), pixel (i, j) of
 * a frame being column i, row j of the CT slice.
 */
export function packFrames(masks: readonly VoxelMask[], columns: number, rows: number): PackedFrames {
  const frames: SegFrame[] = [];
  masks.forEach((m, s) => {
    for (const k of occupiedSlices(m)) frames.push({ segmentNumber: s + 1, slice: k });
  });
  const framePixels = columns * rows;
  const pixelData = new Uint8Array(Math.ceil((frames.length * framePixels) / 8));
  const voxelCounts = masks.map(() => 0);
  frames.forEach((frame, f) => {
    const m = masks[frame.segmentNumber - 1]!;
    const [ox, oy, oz] = m.box.offset;
    const [sx, sy] = m.box.size;
    const z = frame.slice - oz;
    for (let y = 0; y < sy; y++) {
      const row = (z * sy + y) * sx;
      for (let x = 0; x < sx; x++) {
        if (m.data[row + x] !== 1) continue;
        const bit = f * framePixels + (oy + y) * columns + (ox + x);
        const b = bit % 8;
        const at = (bit - b) / 8;
        pixelData[at] = pixelData[at]! | (1 << b);
        voxelCounts[frame.segmentNumber - 1]!++;
      }
    }
  });
  return { frames, pixelData, voxelCounts };
}
