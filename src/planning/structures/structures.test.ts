import { describe, expect, it } from 'vitest';
import { lps, voxel } from '../../shared/vec3';
import { countMask, maskValue } from '../mask/voxelMask';
import { phantomVolume } from '../testSupport/phantomVolume';
import { indexToWorld } from '../volume/indexWorld';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { rasterizeTube } from './rasterizeTube';
import { thresholdInBox } from './thresholdInBox';

const grid: VolumeGeometry = { dimensions: [60, 40, 40], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };

describe('rasterizeTube', () => {
  it('takes the voxels within the radius of the path: a 20 mm tube of radius 3 mm', () => {
    const m = rasterizeTube(grid, [lps(20, 20, 20), lps(40, 20, 20)], 3);
    // Cylinder π·3²·20 = 565.5 mm³ plus two half-ball caps 4/3·π·3³ = 113.1 mm³: 678.6 mm³.
    // On a 1 mm grid with the axis on voxel centres, the disc of radius 3 holds 29 lattice
    // points (7 + 2·5 + 2·5 + 2·1), so the 21 slices from x = 20 to 40 hold 609. Each end
    // adds the discs of radius √(9 − d²) at d = 1, 2, 3 mm beyond it: 25 + 21 + 1 = 47.
    // 609 + 2·47 = 703, against 678.6 mm³ for the smooth shape.
    expect(countMask(m)).toBe(703);
    expect(maskValue(m, 30, 23, 20)).toBe(1);
    expect(maskValue(m, 30, 24, 20)).toBe(0);
    expect(maskValue(m, 43, 20, 20)).toBe(1);
    expect(maskValue(m, 44, 20, 20)).toBe(0);
  });

  it('follows a bent path through every segment', () => {
    const m = rasterizeTube(grid, [lps(10, 10, 10), lps(30, 10, 10), lps(30, 30, 10)], 1);
    expect(maskValue(m, 20, 10, 10)).toBe(1);
    expect(maskValue(m, 30, 20, 10)).toBe(1);
    expect(maskValue(m, 20, 20, 10)).toBe(0);
  });
});

describe('thresholdInBox', () => {
  it('takes gas below −500 HU inside the dragged box only', () => {
    // Two gas bubbles of 2 mm radius: one inside the box, one outside it.
    const gas = (x: number, y: number, z: number, cx: number) => (x - cx) ** 2 + (y - 20) ** 2 + (z - 20) ** 2 <= 4;
    const v = phantomVolume(grid, (x, y, z) => (gas(x, y, z, 15) || gas(x, y, z, 45) ? -900 : 30));
    const m = thresholdInBox(v, lps(5, 5, 5), lps(30, 35, 35), -1024, -500);
    // A ball of radius 2 on the grid holds 33 lattice points.
    expect(countMask(m)).toBe(33);
    expect(indexToWorld(v, voxel(m.box.offset[0], 0, 0))[0]).toBe(13);
  });
});
