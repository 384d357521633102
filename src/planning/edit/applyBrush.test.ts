import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { tightBox } from '../mask/tightBox';
import { countMask, createMask, maskValue } from '../mask/voxelMask';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { applyBrush } from './applyBrush';

// 1 × 1 × 2 mm voxels: anisotropic like thick-slice CT. Voxel (i, j, k) is at (i, j, 2k) mm.
const grid: VolumeGeometry = { dimensions: [40, 40, 20], spacing: [1, 1, 2], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
const centre = lps(20, 20, 20); // voxel (20, 20, 10)
const empty = () => createMask(grid.dimensions);

describe('applyBrush', () => {
  it('paints a sphere in true millimetres: radius 2 mm on 1 × 1 × 2 mm voxels takes 15 voxels', () => {
    // Offsets (i, j, 2k) within 2 mm: on the centre slice i² + j² ≤ 4 gives 13 points; on the
    // slices above and below (2 mm away) only (0, 0) itself: 13 + 1 + 1.
    const { mask, diff } = applyBrush(empty(), grid, { kind: 'sphere', centre, radiusMm: 2 }, 'paint');
    expect(countMask(mask)).toBe(15);
    expect(diff.voxelCount).toBe(15);
    expect(maskValue(mask, 20, 20, 11)).toBe(1);
    expect(maskValue(mask, 21, 20, 11)).toBe(0);
  });

  it('paints a disc one voxel thick in the plane of an axial view', () => {
    const { mask } = applyBrush(empty(), grid, { kind: 'disc', centre, radiusMm: 2, normal: [0, 0, 1] }, 'paint');
    expect(countMask(mask)).toBe(13);
    expect(tightBox(mask).size[2]).toBe(1);
  });

  it('paints a disc in the plane of a sagittal view: j² + (2k)² ≤ 4 in the slice i = 20', () => {
    // k = 0: j = −2…2 (5 voxels); k = ±1: j = 0 only (2 voxels).
    const { mask } = applyBrush(empty(), grid, { kind: 'disc', centre, radiusMm: 2, normal: [1, 0, 0] }, 'paint');
    expect(countMask(mask)).toBe(7);
    expect(tightBox(mask).offset[0]).toBe(20);
    expect(tightBox(mask).size[0]).toBe(1);
  });

  it('paints an oblique disc with no holes seen along its normal', () => {
    const normal: [number, number, number] = [1, 1, 0];
    const { mask } = applyBrush(empty(), grid, { kind: 'disc', centre, radiusMm: 6, normal }, 'paint');
    // Every (i − j) diagonal line through the disc meets it in exactly one voxel per slice:
    // along the normal the slab is one voxel thick.
    for (let k = 0; k < 20; k++) {
      for (let s = -6; s <= 6; s++) {
        let hits = 0;
        for (let t = -12; t <= 12; t++) hits += maskValue(mask, 20 + s + t, 20 - s + t, k);
        expect(hits).toBeLessThanOrEqual(1);
      }
    }
    expect(countMask(mask)).toBeGreaterThan(0);
  });

  it('erases, and an eraser where nothing is painted changes nothing', () => {
    const painted = applyBrush(empty(), grid, { kind: 'sphere', centre, radiusMm: 3 }, 'paint').mask;
    const before = countMask(painted);
    const { mask, diff } = applyBrush(painted, grid, { kind: 'sphere', centre, radiusMm: 2 }, 'erase');
    expect(diff.voxelCount).toBe(15);
    expect(countMask(mask)).toBe(before - 15);
    const nothing = applyBrush(createMask(grid.dimensions), grid, { kind: 'sphere', centre, radiusMm: 2 }, 'erase');
    expect(nothing.diff.voxelCount).toBe(0);
  });

  it('grows the mask box when painting beyond it, and clips at the volume edge', () => {
    const first = applyBrush(empty(), grid, { kind: 'sphere', centre, radiusMm: 2 }, 'paint').mask;
    const second = applyBrush(first, grid, { kind: 'sphere', centre: lps(30, 20, 20), radiusMm: 2 }, 'paint').mask;
    expect(countMask(second)).toBe(30);
    expect(tightBox(second)).toEqual({ offset: [18, 18, 9], size: [15, 5, 3] });
    const edge = applyBrush(empty(), grid, { kind: 'sphere', centre: lps(0, 0, 0), radiusMm: 2 }, 'paint').mask;
    // Only the octant inside the grid: i, j ≥ 0 with i² + j² ≤ 4 (6 points) plus (0, 0, 1).
    expect(countMask(edge)).toBe(7);
  });

  it('records the change as runs along i, a few per row, not a copy', () => {
    const { diff } = applyBrush(empty(), grid, { kind: 'sphere', centre, radiusMm: 8 }, 'paint');
    // A ball of 8 mm crosses at most 17 rows on each of 9 slices: one run per row.
    expect(diff.runs.length / 2).toBeLessThanOrEqual(17 * 9);
    let total = 0;
    for (let r = 1; r < diff.runs.length; r += 2) total += diff.runs[r]!;
    expect(total).toBe(diff.voxelCount);
  });
});
