import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { boxFromCorners } from '../mask/voxelBox';
import { createMask } from '../mask/voxelMask';
import { phantomVolume } from '../testSupport/phantomVolume';
import { indexToWorld } from '../volume/indexWorld';
import { voxel } from '../../shared/vec3';
import { measureMask } from './measureMask';

describe('measureMask', () => {
  it('measures a block of 10 × 6 × 4 voxels of 1 × 1 × 2 mm', () => {
    // HU = 10·i: 0…90 across the block, mean 45.
    const v = phantomVolume({ dimensions: [20, 20, 10], spacing: [1, 1, 2] }, (x) => 10 * (x - 5));
    const m = createMask(v.dimensions, boxFromCorners([5, 5, 3], [14, 10, 6]));
    m.data.fill(1);
    const r = measureMask(v, m);
    expect(r.voxelCount).toBe(240);
    // 240 voxels × 2 mm³ = 480 mm³.
    expect(r.volumeMl).toBeCloseTo(0.48, 12);
    // Extents 10 mm along x, 4 × 2 = 8 mm along z, 6 mm along y; variances (n² − 1)/12 ·
    // spacing² = 8.25, 5 and 2.92 mm² put them in that order.
    expect(r.principalDiametersMm[0]).toBeCloseTo(10, 9);
    expect(r.principalDiametersMm[1]).toBeCloseTo(8, 9);
    expect(r.principalDiametersMm[2]).toBeCloseTo(6, 9);
    expect(Math.abs(r.principalAxes[0][0])).toBeCloseTo(1, 9);
    // Corner to corner of the 10 × 6 mm rectangle on any slice: √(100 + 36).
    expect(r.longestAxialDiameterMm).toBeCloseTo(Math.sqrt(136), 9);
    expect(r.slicesAreAxial).toBe(true);
    expect(r.hu).toEqual({ mean: 45, min: 0, max: 90 });
    expect(r.centroid).toEqual(lps(9.5, 7.5, 9));
  });

  it('finds the principal diameters of a rotated ellipsoid within one voxel', () => {
    // Semi-axes 15, 10, 6 mm, the first two turned 30° in the axial plane, on 0.5 mm voxels.
    const c = Math.cos(Math.PI / 6), s = Math.sin(Math.PI / 6);
    const centre = [25, 25, 12];
    const inside = (x: number, y: number, z: number) => {
      const dx = x - centre[0]!, dy = y - centre[1]!, dz = z - centre[2]!;
      const u = c * dx + s * dy, w = -s * dx + c * dy;
      return (u / 15) ** 2 + (w / 10) ** 2 + (dz / 6) ** 2 <= 1;
    };
    const v = phantomVolume({ dimensions: [100, 100, 48], spacing: [0.5, 0.5, 0.5] }, (x, y, z) => (inside(x, y, z) ? 40 : 0));
    const m = createMask(v.dimensions, boxFromCorners([0, 0, 0], [99, 99, 47]));
    for (let p = 0; p < m.data.length; p++) m.data[p] = v.scalars[p] === 40 ? 1 : 0;
    const r = measureMask(v, m);
    // The extent of the voxels along an axis is the ellipsoid's, give or take the half-voxel
    // diagonal (√3 · 0.25 = 0.43 mm) at each end.
    expect(Math.abs(r.principalDiametersMm[0] - 30)).toBeLessThan(0.87);
    expect(Math.abs(r.principalDiametersMm[1] - 20)).toBeLessThan(0.87);
    expect(Math.abs(r.principalDiametersMm[2] - 12)).toBeLessThan(0.87);
    const [ax, ay] = r.principalAxes[0];
    expect(Math.abs(ax * c + ay * s)).toBeGreaterThan(0.999);
    // Volume 4/3·π·15·10·6 = 3769.9 mm³, within 1 % at this resolution.
    expect(Math.abs(r.volumeMl * 1000 / ((4 / 3) * Math.PI * 900) - 1)).toBeLessThan(0.01);
    // Longest axial diameter: the central slice's ellipse, 30 mm, plus at most a pixel diagonal.
    expect(r.longestAxialDiameterMm).toBeGreaterThan(29.5);
    expect(r.longestAxialDiameterMm).toBeLessThan(30 + 0.71);
  });

  it('takes the longest axial diameter corner to corner: a diagonal of 10 voxels is 10·√2 mm', () => {
    const v = phantomVolume({ dimensions: [12, 12, 3], spacing: [1, 1, 3] }, () => 0);
    const m = createMask(v.dimensions, boxFromCorners([0, 0, 0], [11, 11, 2]));
    for (let i = 0; i < 10; i++) m.data[(1 * 12 + i) * 12 + i] = 1;
    const r = measureMask(v, m);
    expect(r.longestAxialDiameterMm).toBeCloseTo(10 * Math.SQRT2, 9);
    expect(r.longestAxialDiameter?.slice).toBe(1);
    expect(r.longestAxialDiameter?.from).toEqual(indexToWorld(v, voxel(-0.5, -0.5, 1)));
    expect(r.longestAxialDiameter?.to).toEqual(indexToWorld(v, voxel(9.5, 9.5, 1)));
  });

  it('reports an empty mask as empty', () => {
    const v = phantomVolume({ dimensions: [4, 4, 4], spacing: [1, 1, 1] }, () => 0);
    const r = measureMask(v, createMask(v.dimensions));
    expect(r.voxelCount).toBe(0);
    expect(r.hu).toBeNull();
    expect(r.longestAxialDiameter).toBeNull();
  });
});
