import { describe, expect, it } from 'vitest';
import type { Types } from '@cornerstonejs/core';
import { canvasFromCs, csFromCanvas, csFromLps, lpsFromCs } from './coordinates';
import { lps } from '../shared/vec3';

describe('coordinate boundary', () => {
  it('reads a Cornerstone world point as LPS without keeping its array', () => {
    const cs: Types.Point3 = [-12.5, 30, 140.25];
    const p = lpsFromCs(cs);
    expect([...p]).toEqual([-12.5, 30, 140.25]);
    // Cornerstone mutates camera arrays in place; the branded point must not follow.
    cs[0] = 999;
    expect(p[0]).toBe(-12.5);
  });

  it('accepts typed arrays (vtk hands out Float64Array) and ignores extra components', () => {
    expect([...lpsFromCs(new Float64Array([1, 2, 3, 4]))]).toEqual([1, 2, 3]);
  });

  it('refuses a point with too few coordinates', () => {
    expect(() => lpsFromCs([1, 2])).toThrow(RangeError);
    expect(() => canvasFromCs([7])).toThrow(RangeError);
  });

  it('hands Cornerstone a fresh mutable Point3', () => {
    const p = lps(4, -5, 6);
    const cs = csFromLps(p);
    expect(cs).toEqual([4, -5, 6]);
    cs[1] = 0;
    expect(p[1]).toBe(-5);
  });

  it('converts canvas points both ways: x is the first component, y the second', () => {
    expect(canvasFromCs([320, 41.5])).toEqual({ x: 320, y: 41.5 });
    expect(csFromCanvas({ x: 12, y: 250 })).toEqual([12, 250]);
  });
});
