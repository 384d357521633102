import { describe, expect, it } from 'vitest';
import type { VolumeGeometry } from '../../planning/lesions';
import { lps } from '../../shared/vec3';
import { clipPlanesOf, denseIndexBox, worldBoxOf } from './boneBox';

describe('denseIndexBox', () => {
  it('finds the dense voxels only, not a thinner table shell under the threshold', () => {
    // 20³ grid: bone (1000 HU) in i 4..9, j 5..12, k 2..15; a table (250 HU) at j = 18.
    const value = (i: number, j: number, k: number) => (i >= 4 && i <= 9 && j >= 5 && j <= 12 && k >= 2 && k <= 15 ? 1000 : j === 18 ? 250 : -1000);
    expect(denseIndexBox(value, [20, 20, 20], [1, 1, 1], 300)).toEqual({ min: [4, 5, 2], max: [9, 12, 15] });
    // Every second voxel: the looks at even indices inside the bone.
    expect(denseIndexBox(value, [20, 20, 20], [2, 2, 2], 300)).toEqual({ min: [4, 6, 2], max: [8, 12, 14] });
    expect(denseIndexBox(() => -1000, [5, 5, 5], [1, 1, 1], 300)).toBeUndefined();
  });
});

describe('worldBoxOf and clipPlanesOf', () => {
  const geometry: VolumeGeometry = { dimensions: [512, 512, 150], spacing: [0.5, 0.5, 2], origin: lps(-100, -120, -300), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };

  it('maps the index box through spacing and origin and pads it: i 10..20 → x −95..−90, padded 5 mm → −100..−85', () => {
    const box = worldBoxOf(geometry, { min: [10, 0, 1], max: [20, 40, 3] }, 5);
    expect(box.min).toEqual([-100, -125, -303]);
    expect(box.max).toEqual([-85, -95, -289]);
  });

  it('keeps the inside: every plane has its normal pointing into the box', () => {
    const box = { min: [0, 0, 0] as const, max: [10, 20, 30] as const };
    const planes = clipPlanesOf(box);
    expect(planes).toHaveLength(6);
    const keeps = (p: readonly number[]) => planes.every((c) => (p[0]! - c.origin[0]) * c.normal[0] + (p[1]! - c.origin[1]) * c.normal[1] + (p[2]! - c.origin[2]) * c.normal[2] >= 0);
    expect(keeps([5, 10, 15])).toBe(true);
    expect(keeps([-1, 10, 15])).toBe(false);
    expect(keeps([5, 21, 15])).toBe(false);
    expect(keeps([5, 10, 31])).toBe(false);
  });
});
