import { describe, expect, it } from 'vitest';
import { lps, voxel } from '../../shared/vec3';
import { indexToWorld, nearestVoxel, worldToIndex } from './indexWorld';
import { createPlanningVolume } from './planningVolume';
import type { VolumeGeometry } from './volumeGeometry';
import { voxelVolumeMm3 } from './volumeGeometry';

const axial: VolumeGeometry = {
  dimensions: [512, 512, 150],
  spacing: [0.78125, 0.78125, 2],
  origin: lps(-199.609375, -199.609375, -204),
  // Stored head to foot: the slice index grows towards the feet.
  direction: [[1, 0, 0], [0, 1, 0], [0, 0, -1]],
};

describe('index ↔ world', () => {
  it('places voxels from origin, spacing and direction (slices stored head to foot)', () => {
    expect(indexToWorld(axial, voxel(0, 0, 0))).toEqual([-199.609375, -199.609375, -204]);
    // Last slice of the case 1 study: −204 − 149·2 = −502.
    expect(indexToWorld(axial, voxel(511, 511, 149))).toEqual([199.609375, 199.609375, -502]);
  });

  it('inverts exactly, also for an oblique (tilted) grid', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const tilted: VolumeGeometry = { ...axial, direction: [[1, 0, 0], [0, c, s], [0, -s, c]] };
    const i = voxel(12.5, 300.25, 77);
    const back = worldToIndex(tilted, indexToWorld(tilted, i));
    back.forEach((v, a) => expect(v).toBeCloseTo(i[a]!, 9));
  });

  it('finds the nearest voxel, or null outside the grid', () => {
    expect(nearestVoxel(axial, lps(-95, 5, -342))).toEqual([134, 262, 69]);
    expect(nearestVoxel(axial, lps(0, 0, -100))).toBeNull();
  });

  it('gives the voxel volume in mm³', () => {
    expect(voxelVolumeMm3(axial)).toBeCloseTo(0.78125 * 0.78125 * 2, 12);
  });
});

describe('createPlanningVolume', () => {
  const ok = { dimensions: [2, 2, 2] as const, spacing: [1, 1, 1] as const, origin: lps(0, 0, 0), direction: axial.direction };
  it('accepts a consistent volume', () => {
    expect(createPlanningVolume(ok, new Int16Array(8)).ok).toBe(true);
  });
  it('names what is wrong', () => {
    const bad = (g: Partial<VolumeGeometry>, n = 8) => {
      const r = createPlanningVolume({ ...ok, ...g }, new Int16Array(n));
      return r.ok ? '' : r.error;
    };
    expect(bad({}, 7)).toMatch(/scalars has 7 values for 8 voxels/);
    expect(bad({ spacing: [1, 0, 1] })).toMatch(/spacing/);
    expect(bad({ dimensions: [2, 2.5, 2] })).toMatch(/dimensions/);
    expect(bad({ direction: [[1, 0, 0], [1, 0, 0], [0, 0, 1]] })).toMatch(/coplanar/);
    expect(bad({ direction: [[2, 0, 0], [0, 1, 0], [0, 0, 1]] })).toMatch(/direction\[0\]/);
  });
});
