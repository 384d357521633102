import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { cropMask } from '../mask/tightBox';
import { boxFromCorners } from '../mask/voxelBox';
import { createMask, type VoxelMask } from '../mask/voxelMask';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { base64ToBytes, bytesToBase64 } from './base64';
import { decodeMask, encodeMask } from './encodeMask';
import { geometryMismatch } from './geometryMatches';
import { decodeRuns, encodeRuns } from './maskRuns';
import { storedMaskSchema } from './storedMask';

const geometry: VolumeGeometry = {
  dimensions: [37, 23, 11],
  spacing: [0.78125, 0.78125, 2],
  origin: lps(-14.4, 3.1, -204),
  direction: [[1, 0, 0], [0, 1, 0], [0, 0, -1]],
};
const source = { seriesInstanceUID: '2.25.1.2', frameOfReferenceUID: '2.25.1.3' };

/** Round trip through the schema and JSON text, as a plan document travels. */
function roundTrip(m: VoxelMask): VoxelMask {
  const stored = storedMaskSchema.parse(JSON.parse(JSON.stringify(encodeMask(m, geometry, source))));
  const back = decodeMask(stored);
  if (!back.ok) throw new Error(back.error);
  return back.value;
}

/** A mask with a deterministic scatter of voxels in an odd-sized box. */
function scattered(box = boxFromCorners([3, 2, 1], [35, 20, 9]), density = 0.3): VoxelMask {
  const m = createMask(geometry.dimensions, box);
  let s = 12345;
  for (let p = 0; p < m.data.length; p++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    m.data[p] = s / 4294967296 < density ? 1 : 0;
  }
  return m;
}

describe('mask encoding', () => {
  it('round-trips an empty mask', () => {
    const back = roundTrip(createMask(geometry.dimensions, boxFromCorners([0, 0, 0], [5, 5, 5])));
    expect(back.box.size).toEqual([0, 0, 0]);
    expect(back.data.length).toBe(0);
  });

  it('round-trips a full mask (one run of ones after an empty run of zeros)', () => {
    const full = createMask(geometry.dimensions, boxFromCorners([0, 0, 0], [36, 22, 10]));
    full.data.fill(1);
    const stored = encodeMask(full, geometry, source);
    // 37·23·11 = 9361 ones: varint 0, then 9361 in two bytes.
    expect(base64ToBytes(stored.runs)).toEqual(Uint8Array.from([0, 9361 % 128 | 0x80, Math.floor(9361 / 128)]));
    expect(roundTrip(full)).toEqual(full);
  });

  it('round-trips odd boxes, a single voxel, a checkerboard and scattered voxels identically', () => {
    const single = createMask(geometry.dimensions, boxFromCorners([36, 22, 10], [36, 22, 10]));
    single.data[0] = 1;
    const checker = createMask(geometry.dimensions, boxFromCorners([1, 1, 1], [7, 5, 3]));
    for (let p = 0; p < checker.data.length; p++) checker.data[p] = p % 2;
    for (const m of [single, checker, scattered(), scattered(boxFromCorners([0, 0, 0], [36, 22, 10]), 0.02)]) {
      expect(roundTrip(m)).toEqual(cropMask(m));
    }
  });

  it('stores the series, frame of reference and geometry it was drawn on', () => {
    const stored = encodeMask(scattered(), geometry, source);
    expect(stored.seriesInstanceUID).toBe('2.25.1.2');
    expect(stored.geometry).toEqual({
      dimensions: [37, 23, 11],
      spacing: [0.78125, 0.78125, 2],
      origin: [-14.4, 3.1, -204],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, -1],
    });
    expect(geometryMismatch(geometry, { ...geometry, origin: lps(-14.4, 3.1, -202) })).toBe('origin differs');
    expect(geometryMismatch(geometry, geometry)).toBeNull();
  });

  it('is compact: a 20k-voxel sphere takes a few hundred bytes per slice at most', () => {
    const box = boxFromCorners([0, 0, 0], [36, 22, 10]);
    const m = createMask(geometry.dimensions, box);
    for (let k = 0, p = 0; k < 11; k++) for (let j = 0; j < 23; j++) for (let i = 0; i < 37; i++, p++) m.data[p] = (i - 18) ** 2 + (j - 11) ** 2 + (2 * (k - 5)) ** 2 <= 100 ? 1 : 0;
    const stored = encodeMask(m, geometry, source);
    expect(stored.runs.length).toBeLessThan(m.data.length / 4);
  });

  it('refuses runs that do not add up, boxes off the grid and wrong counts, naming the field', () => {
    const stored = encodeMask(scattered(), geometry, source);
    const fail = (s: typeof stored) => {
      const r = decodeMask(s);
      return r.ok ? '' : r.error;
    };
    expect(fail({ ...stored, runs: bytesToBase64(Uint8Array.from([5])) })).toMatch(/^runs: the runs cover 5 of/);
    expect(fail({ ...stored, runs: bytesToBase64(Uint8Array.from([0x80])) })).toMatch(/^runs: a run length is cut off/);
    expect(fail({ ...stored, voxelCount: stored.voxelCount + 1 })).toMatch(/^voxelCount:/);
    expect(fail({ ...stored, box: { ...stored.box, offset: [30, 0, 0] } })).toMatch(/^box: leaves the 37 × 23 × 11 grid along axis i/);
    expect(storedMaskSchema.safeParse({ ...stored, runs: 'not base64!' }).success).toBe(false);
    expect(storedMaskSchema.safeParse({ ...stored, frameOfReferenceUID: '1.02' }).success).toBe(false);
  });
});

describe('run lengths and base64', () => {
  it('write runs past 127 and 16383 as multi-byte varints and read them back', () => {
    const bits = new Uint8Array(40_000);
    bits.fill(1, 200, 20_200);
    const bytes = encodeRuns(bits);
    // 200 zeros (2 bytes), 20,000 ones (3 bytes), 19,800 zeros (3 bytes).
    expect(bytes.length).toBe(8);
    const back = decodeRuns(bytes, bits.length);
    expect('bits' in back && back.bits).toEqual(bits);
  });

  it('match the platform base64 for every length modulo 3', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 257]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
    }
    expect(base64ToBytes('abc')).toBeNull();
    expect(base64ToBytes('a=bc')).toBeNull();
  });
});
