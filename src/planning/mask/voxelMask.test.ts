import { describe, expect, it } from 'vitest';
import { cropMask, tightBox } from './tightBox';
import { boxContains, boxFromCorners, EMPTY_BOX, expandBox, intersectBoxes, isEmptyBox, unionBoxes } from './voxelBox';
import { countMask, createMask, maskValue, reboxMask } from './voxelMask';

describe('voxel boxes', () => {
  const a = boxFromCorners([0, 0, 0], [3, 3, 3]);
  const b = boxFromCorners([2, 1, 3], [5, 2, 6]);
  it('intersect, unite and contain', () => {
    expect(intersectBoxes(a, b)).toEqual({ offset: [2, 1, 3], size: [2, 2, 1] });
    expect(unionBoxes(a, b)).toEqual({ offset: [0, 0, 0], size: [6, 4, 7] });
    expect(boxContains(unionBoxes(a, b), b)).toBe(true);
    expect(boxContains(a, b)).toBe(false);
    expect(isEmptyBox(intersectBoxes(a, boxFromCorners([9, 9, 9], [10, 10, 10])))).toBe(true);
    expect(unionBoxes(EMPTY_BOX, b)).toEqual(b);
  });
  it('expand within the grid', () => {
    expect(expandBox(a, [2, 2, 2], [5, 5, 5])).toEqual({ offset: [0, 0, 0], size: [5, 5, 5] });
  });
});

describe('box-stored masks', () => {
  const dims = [10, 10, 10] as const;
  it('read outside their box as 0, move to another box and crop to their tight box', () => {
    const m = createMask(dims, boxFromCorners([2, 2, 2], [5, 5, 5]));
    m.data[0] = 1; // voxel (2, 2, 2)
    m.data[m.data.length - 1] = 1; // voxel (5, 5, 5)
    expect(maskValue(m, 2, 2, 2)).toBe(1);
    expect(maskValue(m, 0, 0, 0)).toBe(0);
    const moved = reboxMask(m, boxFromCorners([0, 0, 0], [9, 9, 9]));
    expect(maskValue(moved, 5, 5, 5)).toBe(1);
    expect(countMask(moved)).toBe(2);
    expect(tightBox(moved)).toEqual({ offset: [2, 2, 2], size: [4, 4, 4] });
    const cut = reboxMask(m, boxFromCorners([3, 3, 3], [9, 9, 9]));
    expect(countMask(cut)).toBe(1);
    expect(cropMask(createMask(dims, boxFromCorners([0, 0, 0], [1, 1, 1]))).box).toEqual(EMPTY_BOX);
  });
});
