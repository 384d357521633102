import { describe, expect, it } from 'vitest';
import { resampleFusion } from './resample';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import type { ViewPlane } from '../overlay/viewPlane';
import { IDENTITY4, type Matrix4 } from '../../planning/postprocedure/rigid';

// A 4×4×4 CBCT, 1 mm voxels at LPS (0,0,0), HU = 100·i + 10·j + k: every voxel tells where it is.
const n = 4;
const scalars = new Int16Array(n * n * n);
for (let k = 0; k < n; k++) for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) scalars[i + n * (j + n * k)] = 100 * i + 10 * j + k;
const cbct: PlanningVolume = { dimensions: [n, n, n], spacing: [1, 1, 1], origin: [0, 0, 0] as never, direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };

// A grey map whose red channel is the LUT index, opaque; window 0…510 HU so index = round(HU / 2).
const lut = new Uint8ClampedArray(256 * 4);
for (let k = 0; k < 256; k++) lut.set([k, k, k, 255], k * 4);
const style = { widthHu: 510, centerHu: 255, opacity: 1, checkerMm: null };

// Canvas pixel (x, y) has its centre at planning LPS (x, −y, 2): right = +x, down = −y, 1 mm per pixel.
const plane = (width: number, height: number): ViewPlane => ({ origin: [-0.5, 0.5, 2], right: [1, 0, 0], down: [0, -1, 0], normal: [0, 0, 1], width, height });
// 90° about z: planning (x, y, z) → CBCT (−y, x, z).
const rot90z: Matrix4 = [0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];

const px = (img: { width: number; data: Uint8ClampedArray }, x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));

describe('resampleFusion: the CBCT over a view through the matrix', () => {
  it('a 90° rotation reads CBCT voxel (y, x, 2) under canvas pixel (x, y)', () => {
    const img = resampleFusion(plane(4, 4), rot90z, cbct, lut, style, 1);
    // Pixel (x, y) → p = (x, −y, 2) → q = (y, x, 2) → HU 100y + 10x + 2 → index round(HU / 2).
    expect(px(img, 0, 0)).toEqual([1, 1, 1, 255]); // HU 2
    expect(px(img, 1, 2)).toEqual([106, 106, 106, 255]); // HU 212
    expect(px(img, 3, 0)).toEqual([16, 16, 16, 255]); // HU 32
    expect(px(img, 3, 3)).toEqual([166, 166, 166, 255]); // HU 332
    expect(img.inside).toBe(16);
  });

  it('is transparent outside the CBCT and interpolates between voxels', () => {
    // 6 wide: pixels x = 4, 5 map to CBCT j = 4, 5, beyond the last voxel (3) by more than half a voxel.
    const img = resampleFusion(plane(6, 1), rot90z, cbct, lut, style, 1);
    expect(px(img, 4, 0)[3]).toBe(0);
    expect(px(img, 5, 0)[3]).toBe(0);
    expect(img.inside).toBe(4);
    // Identity, with the plane moved half a millimetre along x: p = (x + 0.5, 0, 2), between voxels i and i + 1.
    const half: ViewPlane = { ...plane(3, 1), origin: [0, 0.5, 2] };
    const mid = resampleFusion(half, IDENTITY4, cbct, lut, style, 1);
    // HU 100·(x + 0.5) + 2: 52 → 26, 152 → 76, 252 → 126.
    expect([0, 1, 2].map((x) => px(mid, x, 0)[0])).toEqual([26, 76, 126]);
  });

  it('leaves the padding outside the field of view transparent', () => {
    // The same CBCT with its i = 3 column set to the padding value −1024.
    const padded = { ...cbct, scalars: scalars.map((v, p) => (p % n === 3 ? -1024 : v)) };
    const img = resampleFusion(plane(4, 1), IDENTITY4, padded, lut, { ...style, paddingHu: -1024 }, 1);
    // Pixel x reads voxel (x, 0, 2): x = 3 is padding.
    expect([0, 1, 2, 3].map((x) => px(img, x, 0)[3])).toEqual([255, 255, 255, 0]);
    expect(img.inside).toBe(3);
    // Without a padding value it is drawn (the window's lowest colour).
    expect(px(resampleFusion(plane(4, 1), IDENTITY4, padded, lut, style, 1), 3, 0)).toEqual([0, 0, 0, 255]);
  });

  it('samples every `step` pixels at the centre of each block', () => {
    // step 2 on an 8×8 canvas: sample (x, y) at canvas (2x + 1, 2y + 1) → p = (2x + 0.5, −(2y + 0.5), 2).
    const img = resampleFusion(plane(8, 8), IDENTITY4, cbct, lut, style, 2);
    expect([img.width, img.height]).toEqual([4, 4]);
    // Sample (1, 0): p = (2.5, −0.5, 2) → i = 2.5 (HU 250 + …), j = −0.5 (clamped to 0, the edge voxel's half) → HU 252 → 126.
    expect(px(img, 1, 0)[0]).toBe(126);
    // Sample (0, 1): j = −2.5, outside.
    expect(px(img, 0, 1)[3]).toBe(0);
  });

  it('opacity scales the alpha; the checkerboard alternates opaque CBCT and transparent squares of N mm', () => {
    const half = resampleFusion(plane(4, 4), rot90z, cbct, lut, { ...style, opacity: 0.5 }, 1);
    expect(Math.abs(px(half, 1, 1)[3]! - 127.5)).toBeLessThanOrEqual(0.5);
    const chk = resampleFusion(plane(4, 4), rot90z, cbct, lut, { ...style, opacity: 0.2, checkerMm: 2 }, 1);
    // Squares in the plane's own mm (u = x, v = y here): (0,0) and (2,2) CBCT, (2,0) and (0,2) CT.
    const alpha = (x: number, y: number) => px(chk, x, y)[3];
    expect([alpha(0, 0), alpha(1, 1), alpha(2, 2), alpha(3, 3)]).toEqual([255, 255, 255, 255]);
    expect([alpha(2, 0), alpha(3, 1), alpha(0, 2), alpha(1, 3)]).toEqual([0, 0, 0, 0]);
    expect(px(chk, 1, 1).slice(0, 3)).toEqual([56, 56, 56]); // HU 112 → 56, the CBCT itself
  });
});
