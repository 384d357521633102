import { describe, expect, it } from 'vitest';
import { createPlanningVolume } from '../../planning/volume/planningVolume';
import { lps } from '../../shared/vec3';
import { steppedVolume } from './seriesVolumeRoute';

describe('steppedVolume', () => {
  // A 5×4×3 grid whose voxel (i, j, k) holds 100k + 10j + i.
  const dims = [5, 4, 3] as const;
  const values = new Int16Array(60).map((_, n) => 100 * Math.floor(n / 20) + 10 * Math.floor((n % 20) / 5) + (n % 5));
  const v = createPlanningVolume({ dimensions: dims, spacing: [0.5, 0.75, 2], origin: lps(-10, 20, 30), direction: [[0, 1, 0], [-1, 0, 0], [0, 0, -1]] }, values);
  if (!v.ok) throw new Error(v.error);

  it('step 1 answers the volume itself', () => {
    const s = steppedVolume(v.value, 1);
    expect(s.scalars).toBe(values);
    expect(s.header).toEqual({ dimensions: [5, 4, 3], spacing: [0.5, 0.75, 2], origin: [-10, 20, 30], direction: [[0, 1, 0], [-1, 0, 0], [0, 0, -1]] });
  });
  it('step 2 keeps voxels 0, 2, 4 along i, 0, 2 along j, 0, 2 along k, with the spacing doubled and the origin kept', () => {
    const s = steppedVolume(v.value, 2);
    expect(s.header.dimensions).toEqual([3, 2, 2]);
    expect(s.header.spacing).toEqual([1, 1.5, 4]);
    expect(s.header.origin).toEqual([-10, 20, 30]);
    expect([...s.scalars]).toEqual([0, 2, 4, 20, 22, 24, 200, 202, 204, 220, 222, 224]);
  });
  it('rounds and clamps a Float32 volume into Int16', () => {
    const f = createPlanningVolume({ dimensions: [2, 1, 1], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }, new Float32Array([-40000.2, 1234.6]));
    if (!f.ok) throw new Error(f.error);
    expect([...steppedVolume(f.value, 1).scalars]).toEqual([-32768, 1235]);
  });
});
