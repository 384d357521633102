import { describe, expect, it } from 'vitest';
import { IDENTITY_DIRECTION, type VolumeGeometry } from '../../planning/volume/volumeGeometry';
import { lps } from '../../shared/vec3';
import { bodyBounds, BODY_BOUNDS_DEFAULTS, erode, largestRegionBox } from './bodyBounds';

/**
 * 64×64×20 voxels of 1×1×2.5 mm, air (−1000 HU) with a body (0 HU) at i 16–47, j 10–39 on
 * every slice, lying on a table: a 2-voxel shell (250 HU) at j 40–41 running across i 2–61,
 * touching the body's back and wider than it.
 */
function phantom(withTable: boolean, withBody = true): { geometry: VolumeGeometry; slices: Int16Array[] } {
  const [nx, ny, nz] = [64, 64, 20];
  const slices: Int16Array[] = [];
  for (let k = 0; k < nz; k++) {
    const s = new Int16Array(nx * ny).fill(-1000);
    for (let j = 0; j < ny; j++)
      for (let i = 0; i < nx; i++) {
        if (withBody && i >= 16 && i <= 47 && j >= 10 && j <= 39) s[j * nx + i] = 0;
        if (withTable && i >= 2 && i <= 61 && (j === 40 || j === 41)) s[j * nx + i] = 250;
      }
    slices.push(s);
  }
  return { geometry: { dimensions: [nx, ny, nz], spacing: [1, 1, 2.5], origin: lps(0, 0, 0), direction: IDENTITY_DIRECTION }, slices };
}

describe('bodyBounds', () => {
  it('boxes the body and leaves out the table under it', () => {
    const { geometry, slices } = phantom(true);
    const box = bodyBounds(geometry, (k) => slices[k], BODY_BOUNDS_DEFAULTS)!;
    // By hand: every 2nd voxel → grid cells u = i/2 (body 8–23), v = j/2 (body 5–19, table row 20).
    // A 6 mm opening is 3 cells: the body erodes to u 11–20, v 8–17 (its run downwards goes on
    // into the table row, so 17, not 16); the one-cell table row goes. Grown back by 3 + 1 cells
    // and times 2 voxels: i 14–48, j 8–42. All 5 slices read (k 0, 4, …, 16) hold tissue, so
    // k 0–19 (16 + 3), z = 0–47.5 mm.
    expect(box.min).toEqual([14, 8, 0]);
    expect(box.max).toEqual([48, 42, 47.5]);
    // Not the table's width (i 2–61), which a connected region alone would have taken in.
    expect(box.max[0] - box.min[0]).toBeLessThan(59);
  });

  it('finds the same box without the table, but for the bottom the table had stretched', () => {
    const { geometry, slices } = phantom(false);
    const box = bodyBounds(geometry, (k) => slices[k])!;
    // Without the table row the body's cells erode to v 8–16: j1 = (16 + 4) × 2 = 40.
    expect(box.min).toEqual([14, 8, 0]);
    expect(box.max).toEqual([48, 40, 47.5]);
  });

  it('is undefined for a volume of air', () => {
    const { geometry, slices } = phantom(false, false);
    expect(bodyBounds(geometry, (k) => slices[k])).toBeUndefined();
  });
});

describe('erode and largestRegionBox', () => {
  it('a 5×3 block eroded by 1×1 leaves its 3×1 middle; the larger of two regions wins', () => {
    const w = 10;
    const h = 5;
    const m = new Uint8Array(w * h);
    for (let y = 1; y <= 3; y++) for (let x = 0; x <= 4; x++) m[y * w + x] = 1;
    m[2 * w + 8] = 1;
    const e = erode(m, w, h, 1, 1);
    expect([...e].reduce((a, b) => a + b, 0)).toBe(3);
    expect(largestRegionBox(e, w, h)).toEqual({ u0: 1, u1: 3, v0: 2, v1: 2 });
    expect(largestRegionBox(m, w, h)).toEqual({ u0: 0, u1: 4, v0: 1, v1: 3 });
  });
});
