import { describe, expect, it } from 'vitest';
import { lps } from '../../../shared/vec3';
import type { PlanningVolume } from '../../volume/planningVolume';
import { IDENTITY_DIRECTION } from '../../volume/volumeGeometry';
import { halveGrid, makeGrid, type Grid } from './grid';
import { score, trilinear } from './metric';

/** A volume of `f(i, j, k)` on an axis-aligned grid with 1 mm × 2 mm × 3 mm spacing, origin (10, 20, 30). */
function volume(n: [number, number, number], f: (i: number, j: number, k: number) => number): PlanningVolume {
  const s = new Float32Array(n[0] * n[1] * n[2]);
  for (let k = 0; k < n[2]; k++) for (let j = 0; j < n[1]; j++) for (let i = 0; i < n[0]; i++) s[i + n[0] * (j + n[1] * k)] = f(i, j, k);
  return { dimensions: n, spacing: [1, 2, 3], origin: lps(10, 20, 30), direction: IDENTITY_DIRECTION, scalars: s };
}
const whole = (v: PlanningVolume) => [[0, 0, 0], [v.dimensions[0] - 1, v.dimensions[1] - 1, v.dimensions[2] - 1]] as const;
const wide = { clampLo: -1e6, clampHi: 1e6 };

describe('registration grids and sampling', () => {
  it('trilinear reproduces a linear field and its gradient exactly; NaN outside or next to a masked voxel', () => {
    const g = makeGrid(volume([6, 5, 4], (i, j, k) => 2 * i + 3 * j - k + 5), whole(volume([6, 5, 4], () => 0)), [1, 1, 1], wide);
    const grad = new Float64Array(3);
    expect(trilinear(g, 1.25, 2.5, 0.75, grad)).toBeCloseTo(2 * 1.25 + 3 * 2.5 - 0.75 + 5, 5);
    expect([...grad].map((v) => Number(v.toFixed(5)))).toEqual([2, 3, -1]);
    expect(trilinear(g, 5.2, 1, 1, null)).toBeNaN();
    expect(trilinear(g, -0.1, 1, 1, null)).toBeNaN();
    const masked: Grid = { ...g, values: Float32Array.from(g.values, (v, n) => (n === 2 + 6 * (2 + 5 * 1) ? NaN : v)) };
    expect(trilinear(masked, 1.5, 1.5, 0.5, null)).toBeNaN(); // its cell touches voxel (2, 2, 1)
    expect(trilinear(masked, 3.5, 3.5, 2.5, null)).not.toBeNaN();
  });

  it('block averages, clamps, and places the blocks at their centres', () => {
    const v = volume([4, 4, 2], (i) => (i < 2 ? 100 : 3000));
    const g = makeGrid(v, whole(v), [2, 2, 2], { clampLo: -200, clampHi: 1500 });
    expect(g.dims).toEqual([2, 2, 1]);
    expect([...g.values]).toEqual([100, 1500, 100, 1500]);
    // Block (0, 0, 0) covers voxels 0…1 × 0…1 × 0…1: centre index (0.5, 0.5, 0.5) → LPS (10.5, 21, 31.5), spacing 2, 4, 6 mm.
    expect([g.i2w[3], g.i2w[7], g.i2w[11]]).toEqual([10.5, 21, 31.5]);
    expect([g.i2w[0], g.i2w[5], g.i2w[10]]).toEqual([2, 4, 6]);
    const h = halveGrid(makeGrid(v, whole(v), [1, 1, 1], { clampLo: -200, clampHi: 1500 }));
    expect([...h.values]).toEqual([...g.values]);
    expect(h.i2w).toEqual(g.i2w);
  });

  it('masks padding and metal grown by the dilation distance (per axis in voxels), not beyond', () => {
    // Metal at voxel (5, 5, 5) of an 11³ grid; spacing 1 × 2 × 3 mm, dilation 2 mm → ±2, ±1, ±1 voxels.
    const v = volume([11, 11, 11], (i, j, k) => (i === 5 && j === 5 && k === 5 ? 3000 : k === 10 ? -1000 : 0));
    const g = makeGrid(v, whole(v), [1, 1, 1], { clampLo: -200, clampHi: 1500, metalHu: 1800, dilateMm: 2, paddingHu: -1000 });
    const at = (i: number, j: number, k: number) => g.values[i + 11 * (j + 11 * k)]!;
    for (const [i, j, k] of [[5, 5, 5], [3, 5, 5], [7, 5, 5], [5, 4, 5], [5, 6, 6], [7, 6, 4]]) expect(at(i!, j!, k!), `${i},${j},${k}`).toBeNaN();
    for (const [i, j, k] of [[2, 5, 5], [8, 5, 5], [5, 3, 5], [5, 5, 7], [5, 5, 3]]) expect(at(i!, j!, k!), `${i},${j},${k}`).toBe(0);
    expect(at(0, 0, 10)).toBeNaN(); // padding
    expect(at(0, 0, 9)).toBe(0);
  });

  it('NCC ignores a linear change of intensity and changes sign with it', () => {
    const f = (i: number, j: number, k: number) => Math.sin(i) * 300 + j * j * 10 - k * 40;
    const fixed = volume([8, 8, 8], f);
    const pts: number[] = [], vals: number[] = [];
    for (let k = 1; k < 7; k++) for (let j = 1; j < 7; j++) for (let i = 1; i < 7; i++) {
      pts.push(10 + i, 20 + 2 * j, 30 + 3 * k);
      vals.push(f(i, j, k));
    }
    const samples = { n: vals.length, pts: Float64Array.from(pts), f: Float32Array.from(vals) };
    const scaled = makeGrid(volume([8, 8, 8], (i, j, k) => 0.5 * f(i, j, k) + 100), whole(fixed), [1, 1, 1], wide);
    const negated = makeGrid(volume([8, 8, 8], (i, j, k) => -f(i, j, k)), whole(fixed), [1, 1, 1], wide);
    expect(score(samples, scaled, scaled.w2i).ncc).toBeCloseTo(1, 6);
    expect(score(samples, scaled, scaled.w2i).count).toBe(216);
    expect(score(samples, negated, negated.w2i).ncc).toBeCloseTo(-1, 6);
  });
});
