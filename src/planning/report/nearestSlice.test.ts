import { describe, expect, it } from 'vitest';
import { nearestSlice } from './nearestSlice';

describe('nearestSlice', () => {
  it('picks the slice whose plane is nearest along the normal taken from the first to the last position', () => {
    // Planes at z = 0, 2.5, 5; the point at z = 3.9 is 1.4 mm above the middle one and 1.1 mm
    // below the last, so the last wins; x and y do not matter.
    const r = nearestSlice([[0, 0, 0], [0, 0, 2.5], [0, 0, 5]], [10, -3, 3.9]);
    expect(r?.index).toBe(2);
    expect(r?.offsetMm).toBeCloseTo(-1.1, 9);
  });

  it('works for a series stored head first (descending z): the normal follows the stored order', () => {
    // Normal from first to last is −z; z = 4.2 lies 0.8 mm from the plane at 5 and 1.2 mm from 3.
    const r = nearestSlice([[0, 0, 7], [0, 0, 5], [0, 0, 3]], [0, 0, 4.2]);
    expect(r?.index).toBe(1);
    // Along −z the point (4.2) is 0.8 mm beyond the plane at 5.
    expect(r?.offsetMm).toBeCloseTo(0.8, 9);
  });

  it('uses the given normal for a tilted series', () => {
    // n = (0, 0.6, 0.8); slice 0 at the origin, slice 1 at (0, 3, 4), 5 mm further along n.
    // Point (7, 3, 0): from slice 0, (7,3,0)·n = 1.8; from slice 1, (7,0,−4)·n = −3.2.
    const r = nearestSlice([[0, 0, 0], [0, 3, 4]], [7, 3, 0], [0, 0.6, 0.8]);
    expect(r?.index).toBe(0);
    expect(r?.offsetMm).toBeCloseTo(1.8, 9);
  });

  it('takes the nearest plane, not a rounded index, when the spacing is uneven', () => {
    // Planes at 0, 1, 10: the point at 6 is 4 mm from 10 and 5 mm from 1.
    expect(nearestSlice([[0, 0, 0], [0, 0, 1], [0, 0, 10]], [0, 0, 6])?.index).toBe(2);
  });

  it('names a point beyond the series by its signed offset from the end slice', () => {
    const r = nearestSlice([[0, 0, 0], [0, 0, 2]], [0, 0, 9]);
    expect(r).toEqual({ index: 1, offsetMm: 7 });
  });

  it('has no offset for a single slice without orientation, and nothing for no slices', () => {
    expect(nearestSlice([[1, 2, 3]], [0, 0, 0])).toEqual({ index: 0, offsetMm: null });
    expect(nearestSlice([], [0, 0, 0])).toBeNull();
  });
});
