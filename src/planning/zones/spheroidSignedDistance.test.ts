import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import { ellipseSignedDistance } from './ellipseDistance';
import type { Spheroid } from './spheroid';
import { spheroidSignedDistance } from './spheroidSignedDistance';

const prolate: Spheroid = { centre: [1, 2, 3], axis: [0, 0, 1], radialSemiMm: 6, axialSemiMm: 16 };

/** Brute force over a fine parametrisation of the ellipse. */
function sampledEllipse(a: number, b: number, x: number, y: number): number {
  let best = Infinity;
  for (let s = 0; s < 200000; s++) {
    const t = (2 * Math.PI * s) / 200000;
    best = Math.min(best, Math.hypot(a * Math.cos(t) - x, b * Math.sin(t) - y));
  }
  return best;
}

describe('ellipseSignedDistance', () => {
  it('is exact on the axes and at the centre', () => {
    expect(ellipseSignedDistance(6, 16, 10, 0)).toBe(4);
    expect(ellipseSignedDistance(6, 16, 0, 20)).toBe(4);
    expect(ellipseSignedDistance(6, 16, 0, 0)).toBe(-6);
  });

  it('inside on the long axis, the nearest points lie off the axis', () => {
    // Point (0, 5) in x²/36 + y²/256 < 1: the nearest boundary points are (±x, y) with
    // y = b² y0/(b² − a²) = 256·5/220, not the end of the short axis.
    const y = (256 * 5) / 220, x = 6 * Math.sqrt(1 - (y / 16) ** 2);
    expect(ellipseSignedDistance(6, 16, 0, 5)).toBeCloseTo(-Math.hypot(x, y - 5), 12);
  });

  it('agrees with brute force inside and outside', () => {
    for (const [x, y] of [[3, 4], [8, 12], [1, 15], [5.9, 0.5], [20, 30], [0.3, 0.2]] as const) {
      const d = ellipseSignedDistance(6, 16, x, y);
      expect(Math.abs(d)).toBeCloseTo(sampledEllipse(6, 16, x, y), 5);
      expect(Math.sign(d)).toBe((x / 6) ** 2 + (y / 16) ** 2 < 1 ? -1 : 1);
    }
  });
});

describe('spheroidSignedDistance', () => {
  const at = (p: Vec3) => spheroidSignedDistance(prolate, p);
  it('reduces to the ellipse in the plane through the axis', () => {
    expect(at([1 + 10, 2, 3])).toBeCloseTo(4, 12);
    expect(at([1, 2 - 10, 3])).toBeCloseTo(4, 12);
    expect(at([1, 2, 3 + 20])).toBeCloseTo(4, 12);
    expect(at([1 + 3 / Math.SQRT2, 2 + 3 / Math.SQRT2, 3 + 4])).toBeCloseTo(ellipseSignedDistance(6, 16, 3, 4), 12);
  });

  it('is the plain sphere distance for a sphere', () => {
    expect(spheroidSignedDistance({ centre: [0, 0, 0], axis: [1, 0, 0], radialSemiMm: 5, axialSemiMm: 5 }, [3, 4, 12])).toBeCloseTo(8, 10);
  });
});
