import { describe, expect, it } from 'vitest';
import { clampProbeDepth, depthAlongNeedle, probeDepthRange, probeDepthText } from './probeDepth';

describe('probe depth', () => {
  // A needle from (10, 20, 30) along (0, 0.6, 0.8), 50 mm long: tip at (10, 50, 70).
  const axis = { entry: [10, 20, 30], target: [10, 50, 70] } as const;

  it('reads 0 at the entry, the length at the tip, and negative outside the skin', () => {
    expect(depthAlongNeedle(axis, [10, 20, 30])).toBeCloseTo(0, 12);
    expect(depthAlongNeedle(axis, [10, 50, 70])).toBeCloseTo(50, 12);
    // 5 mm back from the entry: (10, 17, 26).
    expect(depthAlongNeedle(axis, [10, 17, 26])).toBeCloseTo(-5, 12);
  });

  it('reads the slice depth of a point off the needle (a panned view) by projection', () => {
    // (10 + 7, 20 + 18 − 0, 30 + 24) is 30 mm along plus 7 mm across (x is perpendicular to the needle).
    expect(depthAlongNeedle(axis, [17, 38, 54])).toBeCloseTo(30, 12);
  });

  it('is undefined for a needle of no length', () => {
    expect(depthAlongNeedle({ entry: [1, 1, 1], target: [1, 1, 1] }, [0, 0, 0])).toBeUndefined();
  });

  it('ranges from 10 mm before the entry to 20 mm past the tip', () => {
    expect(probeDepthRange(80)).toEqual({ min: -10, max: 100 });
    expect(clampProbeDepth(-30, 80)).toBe(-10);
    expect(clampProbeDepth(150, 80)).toBe(100);
    expect(clampProbeDepth(34, 80)).toBe(34);
  });

  it('reads as depth along the needle', () => {
    expect(probeDepthText(34, 80)).toBe('Depth 34.0 mm · tip at 80.0 mm');
    expect(probeDepthText(-2.345, 61.26)).toBe('Depth -2.3 mm · tip at 61.3 mm');
  });
});
