import { describe, expect, it } from 'vitest';
import { needleDistanceFromPlaneMm, needleFadeAlpha, needleWidths } from './needleStyle';

describe('needleDistanceFromPlaneMm', () => {
  it('is zero for a needle crossing or touching the plane, else its nearer end', () => {
    expect(needleDistanceFromPlaneMm(-3, 4)).toBe(0);
    expect(needleDistanceFromPlaneMm(0, 9)).toBe(0);
    expect(needleDistanceFromPlaneMm(5, 12)).toBe(5);
    expect(needleDistanceFromPlaneMm(-20, -15)).toBe(15);
  });
});

describe('needleFadeAlpha', () => {
  it('is full up to 10 mm, linear to 0.15 at 40 mm, and stays there', () => {
    expect(needleFadeAlpha(0)).toBe(1);
    expect(needleFadeAlpha(10)).toBe(1);
    // Half-way (25 mm): 1 − 0.5 × (1 − 0.15) = 0.575.
    expect(needleFadeAlpha(25)).toBeCloseTo(0.575, 10);
    expect(needleFadeAlpha(40)).toBeCloseTo(0.15, 10);
    expect(needleFadeAlpha(120)).toBeCloseTo(0.15, 10);
    expect(needleFadeAlpha(-25)).toBeCloseTo(0.575, 10);
  });

  it('fades the selected needle no lower than 0.5', () => {
    // Half-way: 1 − 0.5 × (1 − 0.5) = 0.75.
    expect(needleFadeAlpha(25, true)).toBeCloseTo(0.75, 10);
    expect(needleFadeAlpha(200, true)).toBeCloseTo(0.5, 10);
  });
});

describe('needleWidths', () => {
  it('draws other needles to scale, half as wide behind the plane', () => {
    expect(needleWidths(3.2, false, 6)).toEqual({ front: 3.2, behind: 1.6 });
    expect(needleWidths(0.5, false, 6)).toEqual({ front: 2, behind: 1 });
  });

  it('draws the selected needle 2 px wider than the widest other, solid width on both sides', () => {
    // A thin selected needle (1 px to scale) among 6 px ones: 8 px.
    expect(needleWidths(1, true, 6)).toEqual({ front: 8, behind: 8 });
    // Alone in the view: at least 4 px.
    expect(needleWidths(1, true, 0)).toEqual({ front: 4, behind: 4 });
    // Wider to scale than that: its own width.
    expect(needleWidths(12, true, 6)).toEqual({ front: 12, behind: 12 });
  });
});
