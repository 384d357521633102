import { describe, expect, it } from 'vitest';
import { lps, type LpsPoint } from '../../shared/vec3';
import { distanceTransform } from './distanceTransform';
import type { GridGeometry } from './gridGeometry';
import { prepareMask } from './preparedMask';
import { shaftDistance } from './shaftDistance';
import { shaftDistanceFromMap } from './shaftDistanceFromMap';
import { axisGrid, maskWhere } from './syntheticGrids';

// A 1 mm grid, voxel centres at integer mm; the structure is the voxels with centres in
// [10, 19]³, so as boxes it fills exactly [9.5, 19.5]³.
const grid = axisGrid([40, 40, 40], [1, 1, 1]);
const inBox = (p: LpsPoint) => p.every((c) => c >= 10 && c <= 19);
const box = prepareMask(maskWhere(grid, inBox));

describe('shaftDistance', () => {
  it('measures from the shaft surface to the nearest voxel face', () => {
    // Axis along y at x = 25, z = 15: 5.5 mm from the face x = 19.5; radius 1.525 (11 G).
    const r = shaftDistance(lps(25, 0, 15), lps(25, 35, 15), 1.525, box)!;
    expect(r.distanceMm).toBeCloseTo(5.5 - 1.525, 12);
    expect(r.closestOnStructure[0]).toBeCloseTo(19.5, 12);
    expect(r.lengthInsideMm).toBe(0);
  });

  it('past an edge: the diagonal gap to edge (19.5, y, 19.5)', () => {
    const r = shaftDistance(lps(23.5, 0, 22.5), lps(23.5, 35, 22.5), 0.5, box)!;
    expect(r.distanceMm).toBeCloseTo(5 - 0.5, 12);
  });

  it('stops where the needle stops: the tip 3 mm short of the face', () => {
    const r = shaftDistance(lps(15, 0, 15), lps(15, 6.5, 15), 1, box)!;
    expect(r.distanceMm).toBeCloseTo(3 - 1, 12);
    expect(r.depthAlongMm).toBeCloseTo(6.5, 12);
  });

  it('is −radius when the axis passes through, with the length inside', () => {
    const r = shaftDistance(lps(0, 15, 15), lps(35, 15, 15), 1.525, box)!;
    expect(r.distanceMm).toBe(-1.525);
    expect(r.lengthInsideMm).toBeCloseTo(10, 0);
  });

  it('is negative when only the shaft wall grazes the structure', () => {
    const r = shaftDistance(lps(20.5, 0, 15), lps(20.5, 35, 15), 1.525, box)!;
    expect(r.distanceMm).toBeCloseTo(1 - 1.525, 12);
  });

  it('works on a rotated grid (axes permuted)', () => {
    const rotated: GridGeometry = { dimensions: [40, 40, 40], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[0, 1, 0], [-1, 0, 0], [0, 0, 1]] };
    // Index i runs along +y, j along −x: the same box is x ∈ [−19, −10], y ∈ [10, 19].
    const m = prepareMask(maskWhere(rotated, (p) => p[0] >= -19 && p[0] <= -10 && p[1] >= 10 && p[1] <= 19 && p[2] >= 10 && p[2] <= 19));
    const r = shaftDistance(lps(-25, 0, 15), lps(-25, 35, 15), 1, m)!;
    expect(r.distanceMm).toBeCloseTo(5.5 - 1, 12);
  });

  it('is null for an empty structure', () => {
    expect(shaftDistance(lps(0, 0, 0), lps(1, 1, 1), 1, prepareMask(maskWhere(grid, () => false)))).toBeNull();
  });

  it('agrees with the distance-map shortcut to within a voxel', () => {
    const map = distanceTransform(maskWhere(grid, inBox), 15);
    const fast = shaftDistanceFromMap(lps(25, 0, 15), lps(25, 35, 15), 1.525, map);
    // The map measures to voxel centres (x = 19), the exact search to voxel faces (19.5).
    expect(fast.distanceMm).toBeCloseTo(6 - 1.525, 6);
  });
});

describe('distanceTransform', () => {
  it('is exact between voxel centres, with anisotropic spacing', () => {
    const g = axisGrid([20, 20, 10], [0.5, 0.5, 2]);
    const one = maskWhere(g, (p) => p[0] === 5 && p[1] === 5 && p[2] === 10);
    const map = distanceTransform(one, 10);
    const at = (x: number, y: number, z: number) => {
      const i = Math.round((x - map.origin[0]) / 0.5), j = Math.round((y - map.origin[1]) / 0.5), k = Math.round((z - map.origin[2]) / 2);
      return map.scalars[i + map.dimensions[0] * (j + map.dimensions[1] * k)]!;
    };
    expect(at(5, 5, 10)).toBe(0);
    expect(at(8, 9, 10)).toBeCloseTo(5, 6);
    expect(at(5, 5, 14)).toBeCloseTo(4, 6);
    expect(at(6.5, 5, 12)).toBeCloseTo(2.5, 6);
  });

  it('pools fine grids: a voxel of the pooled map holds any of its voxels, centred on them', () => {
    const g = axisGrid([40, 40, 40], [0.25, 0.25, 0.25]);
    const one = maskWhere(g, (p) => p[0] === 5 && p[1] === 5 && p[2] === 5);
    const map = distanceTransform(one, 4, 0.5);
    expect(map.spacing).toEqual([0.5, 0.5, 0.5]);
    // Pooled voxel (10, 10, 10) of the 0.5 mm grid holds fine voxel (20, 20, 20) = (5, 5, 5) mm,
    // and is centred 0.125 mm further along each axis.
    const i = Math.round((5.125 - map.origin[0]) / 0.5);
    expect(map.scalars[i + map.dimensions[0] * (i + map.dimensions[1] * i)]).toBe(0);
    expect(map.origin[0] % 0.5).toBeCloseTo(0.125, 9);
    const j = i + 4;
    expect(map.scalars[j + map.dimensions[0] * (i + map.dimensions[1] * i)]).toBeCloseTo(2, 9);
  });
});
