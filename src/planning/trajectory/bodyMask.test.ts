import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { bodyMask } from './bodyMask';
import type { ScalarVolume } from './gridGeometry';

/**
 * 40 × 50 × 4 voxels. Body: the box i ∈ [5, 30], j ∈ [5, 40], every slice, at 40 HU, with an
 * enclosed gas pocket i ∈ [15, 20], j ∈ [15, 20] at −1000 HU (lungs, bowel). Table: the slab
 * j ∈ [44, 47] across the width at 200 HU, parted from the body by air at j = 41, 42, 43.
 * The body box holds 26 × 36 × 4 = 3744 voxels, the pocket included; the slab 40 × 4 × 4 = 640.
 */
function scene(): ScalarVolume {
  const [nx, ny, nz] = [40, 50, 4];
  const scalars = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) {
        const body = i >= 5 && i <= 30 && j >= 5 && j <= 40;
        const gas = i >= 15 && i <= 20 && j >= 15 && j <= 20;
        const table = j >= 44 && j <= 47;
        scalars[i + nx * (j + ny * k)] = body && !gas ? 40 : table ? 200 : -1000;
      }
    }
  }
  return { dimensions: [nx, ny, nz], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };
}

const at = (i: number, j: number, k: number) => i + 40 * (j + 50 * k);
const count = (m: Uint8Array) => m.reduce((n, v) => n + v, 0);

describe('bodyMask', () => {
  const ct = scene();

  it('holds the body with its enclosed gas, and not the table parted from it by air', () => {
    const m = bodyMask(ct, at(10, 10, 1), -400)!.mask;
    expect(count(m)).toBe(3744);
    expect([m[at(17, 17, 2)], m[at(5, 40, 0)], m[at(30, 5, 3)]]).toEqual([1, 1, 1]);
    expect([m[at(20, 45, 1)], m[at(20, 42, 1)], m[at(2, 2, 0)]]).toEqual([0, 0, 0]);
  });

  it('is the table alone when seeded in the table', () => {
    expect(count(bodyMask(ct, at(20, 45, 1), -400)!.mask)).toBe(640);
  });

  it('keeps only the slices asked for, and their labels only', () => {
    // Slices 1–2 of the body box: 26 × 36 × 2 = 1872 voxels; slice 1 starts the labels.
    const b = bodyMask(ct, at(10, 10, 2), -400, { from: 1, to: 2 })!;
    expect(b.slices).toEqual({ from: 1, to: 2 });
    expect(b.mask.length).toBe(40 * 50 * 2);
    expect(count(b.mask)).toBe(1872);
    expect(bodyMask(ct, at(10, 10, 0), -400, { from: 1, to: 2 })).toBeNull();
  });

  it('is null when seeded in outside air', () => {
    expect(bodyMask(ct, at(2, 2, 0), -400)).toBeNull();
  });
});
