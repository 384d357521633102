import { describe, expect, it } from 'vitest';
import { createMask, type VoxelMask } from '../../planning/mask/voxelMask';
import { packFrames } from './segFrames';

/** A mask on a 3 × 2 × 2 grid with the voxels given. */
function mask(voxels: [number, number, number][]): VoxelMask {
  const m = createMask([3, 2, 2], { offset: [0, 0, 0], size: [3, 2, 2] });
  for (const [i, j, k] of voxels) m.data[(k * 2 + j) * 3 + i] = 1;
  return m;
}

describe('packFrames', () => {
  it('omits empty frames and packs 1 bit per pixel, least significant bit first, across frame boundaries', () => {
    // Frames of 3 × 2 = 6 pixels: A on slices 0 and 1, B empty, C on slice 1.
    const packed = packFrames([mask([[0, 0, 0], [2, 1, 1]]), mask([]), mask([[1, 0, 1]])], 3, 2);
    expect(packed.frames).toEqual([
      { segmentNumber: 1, slice: 0 },
      { segmentNumber: 1, slice: 1 },
      { segmentNumber: 3, slice: 1 },
    ]);
    // Bits: frame 0 pixel 0 → 0; frame 1 pixel (row 1, column 2) = 5 → 6 + 5 = 11; frame 2
    // pixel 1 → 12 + 1 = 13. 18 bits → 3 bytes: 0b1, bits 3 and 5 of byte 1 (8 + 32), 0.
    expect([...packed.pixelData]).toEqual([1, 40, 0]);
    expect(packed.voxelCounts).toEqual([2, 0, 1]);
  });

  it('places a mask stored in a box at its grid position', () => {
    const m = createMask([3, 2, 2], { offset: [2, 1, 1], size: [1, 1, 1] });
    m.data[0] = 1;
    const packed = packFrames([m], 3, 2);
    expect(packed.frames).toEqual([{ segmentNumber: 1, slice: 1 }]);
    // Pixel (row 1, column 2) = 5: bit 5 of byte 0.
    expect([...packed.pixelData]).toEqual([32]);
  });

  it('writes nothing for empty masks', () => {
    expect(packFrames([mask([])], 3, 2)).toEqual({ frames: [], pixelData: new Uint8Array(0), voxelCounts: [0] });
  });
});
