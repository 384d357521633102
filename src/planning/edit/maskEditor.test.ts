import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { boxFromCorners } from '../mask/voxelBox';
import { countMask, createMask, maskValue, type VoxelMask } from '../mask/voxelMask';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { applyDiff, diffMasks } from './maskDiff';
import { MaskEditor } from './maskEditor';

const grid: VolumeGeometry = { dimensions: [30, 30, 30], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] };
const sphere = (x: number, r: number) => ({ kind: 'sphere' as const, centre: lps(x, 15, 15), radiusMm: r });

/** The set voxels of a mask as sorted volume indices, to compare masks whatever their boxes. */
function voxelsOf(m: VoxelMask): number[] {
  const out: number[] = [];
  const [ox, oy, oz] = m.box.offset;
  const [sx, sy, sz] = m.box.size;
  for (let k = oz; k < oz + sz; k++) for (let j = oy; j < oy + sy; j++) for (let i = ox; i < ox + sx; i++) if (maskValue(m, i, j, k)) out.push(i + 30 * (j + 30 * k));
  return out;
}

describe('MaskEditor undo and redo', () => {
  it('undoes and redoes brush and eraser steps in order', () => {
    const e = new MaskEditor(grid, createMask(grid.dimensions));
    e.brush(sphere(10, 3), 'paint');
    const afterA = voxelsOf(e.mask);
    e.brush(sphere(14, 3), 'paint');
    const afterB = voxelsOf(e.mask);
    e.brush(sphere(12, 2), 'erase');
    const afterC = voxelsOf(e.mask);
    expect(afterB.length).toBeGreaterThan(afterA.length);
    expect(afterC.length).toBeLessThan(afterB.length);
    expect(e.undoLabel).toBe('eraser');

    expect(e.undo()).toBe(true);
    expect(voxelsOf(e.mask)).toEqual(afterB);
    expect(e.undo()).toBe(true);
    expect(voxelsOf(e.mask)).toEqual(afterA);
    expect(e.undo()).toBe(true);
    expect(countMask(e.mask)).toBe(0);
    expect(e.undo()).toBe(false);

    expect(e.redo()).toBe(true);
    expect(e.redo()).toBe(true);
    expect(voxelsOf(e.mask)).toEqual(afterB);
    // A new edit drops what could be redone.
    e.brush(sphere(20, 1), 'paint');
    expect(e.canRedo).toBe(false);
  });

  it('undoes a stroke of several dabs as one step, painting and erasing the same voxels cancelling out', () => {
    const e = new MaskEditor(grid, createMask(grid.dimensions));
    e.beginStroke('brush stroke');
    e.brush(sphere(10, 2), 'paint');
    e.brush(sphere(11, 2), 'paint');
    e.brush(sphere(10, 1), 'erase');
    e.endStroke();
    const stroke = voxelsOf(e.mask);
    expect(stroke.length).toBeGreaterThan(0);
    expect(e.undo()).toBe(true);
    expect(countMask(e.mask)).toBe(0);
    expect(e.canUndo).toBe(false);
    expect(e.redo()).toBe(true);
    expect(voxelsOf(e.mask)).toEqual(stroke);
  });

  it('replaces the mask (a new grow) as one undoable step', () => {
    const start = createMask(grid.dimensions, boxFromCorners([5, 5, 5], [6, 6, 6]));
    start.data.fill(1);
    const e = new MaskEditor(grid, start);
    const grown = createMask(grid.dimensions, boxFromCorners([10, 10, 10], [14, 14, 14]));
    grown.data.fill(1);
    e.replace(grown, 'grow');
    expect(voxelsOf(e.mask)).toEqual(voxelsOf(grown));
    e.undo();
    expect(voxelsOf(e.mask)).toEqual(voxelsOf(start));
  });
});

describe('mask diffs', () => {
  it('turn one mask into another and back', () => {
    const a = createMask(grid.dimensions, boxFromCorners([0, 0, 0], [29, 0, 0]));
    a.data.fill(1);
    const b = createMask(grid.dimensions, boxFromCorners([28, 0, 0], [29, 1, 0]));
    b.data.fill(1);
    const d = diffMasks(a, b);
    // Row 0 keeps i = 28, 29 and loses 0…27; row 1 gains 28, 29. Runs never wrap a row.
    expect(Array.from(d.runs)).toEqual([0, 28, 58, 2]);
    const toB = applyDiff(a, d);
    expect(voxelsOf(toB)).toEqual(voxelsOf(b));
    expect(voxelsOf(applyDiff(toB, d))).toEqual(voxelsOf(a));
  });
});
