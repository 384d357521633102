import { describe, expect, it } from 'vitest';
import { roundedBox, sphere } from './primitives';
import { invertMap, mapBounds, mapDirection, mapPoint, rigidMap, transformed } from './transform';

// A quarter turn about z (x → y, y → −x) and a shift of (10, 20, 30), written out by hand.
const QUARTER = rigidMap([0, -1, 0, 10, 1, 0, 0, 20, 0, 0, 1, 30, 0, 0, 0, 1]);

describe('rigid maps of shapes', () => {
  it('maps points and directions, and its inverse undoes it', () => {
    expect(mapPoint(QUARTER, [1, 0, 0])).toEqual([10, 21, 30]);
    expect(mapPoint(QUARTER, [0, 2, 0])).toEqual([8, 20, 30]);
    expect(mapDirection(QUARTER, [0, 2, 0])).toEqual([-2, 0, 0]);
    const back = mapPoint(invertMap(QUARTER), [8, 20, 30]);
    [0, 2, 0].forEach((v, k) => expect(back[k]).toBeCloseTo(v, 12));
  });

  it('moves a shape: its distance at a moved point is the original at the point itself', () => {
    const s = sphere([5, 0, 0], 2);
    const m = transformed(s, QUARTER);
    // The centre goes to (10, 25, 30); a point 3 mm from it is 1 mm outside.
    expect(m.sdf(10, 25, 30)).toBeCloseTo(-2, 12);
    expect(m.sdf(13, 25, 30)).toBeCloseTo(1, 12);
    expect(m.sdf(10, 25, 28.5)).toBeCloseTo(-0.5, 12);
    expect(m.zInvariant).toBeFalsy();
  });

  it('bounds the moved shape by the box around its moved corners', () => {
    // A 2 × 4 × 6 box turned a quarter: 4 × 2 × 6 about (10, 20, 30).
    const b = mapBounds(QUARTER, roundedBox([0, 0, 0], [1, 2, 3]).bounds);
    [[8, 19, 27], [12, 21, 33]].forEach((want, n) => want.forEach((v, k) => expect((n === 0 ? b.min : b.max)[k]).toBeCloseTo(v, 12)));
    // 45° about z: a unit cube's box grows to ±√2 in x and y.
    const c = Math.SQRT1_2;
    const turned = mapBounds(rigidMap([c, -c, 0, 0, c, c, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), { min: [-1, -1, -1], max: [1, 1, 1] });
    expect(turned.max[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(turned.min[1]).toBeCloseTo(-Math.SQRT2, 12);
    expect(mapBounds(QUARTER, { min: [-Infinity, 0, 0], max: [1, 1, 1] }).max[0]).toBe(Infinity);
  });
});
