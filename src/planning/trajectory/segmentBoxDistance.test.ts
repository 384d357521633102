import { describe, expect, it } from 'vitest';
import { segmentBoxDistance } from './segmentBoxDistance';

const lo = [-1, -1, -1], hi = [1, 1, 1];
const d = (a: number[], b: number[]) => segmentBoxDistance(a, b, lo, hi).distance;

/** Brute force: the smallest of many point-to-box distances along the segment. */
function sampled(a: number[], b: number[]): number {
  let best = Infinity;
  for (let s = 0; s <= 20000; s++) {
    const t = s / 20000;
    let sum = 0;
    for (let k = 0; k < 3; k++) {
      const x = a[k]! + (b[k]! - a[k]!) * t;
      const e = x < lo[k]! ? lo[k]! - x : x > hi[k]! ? x - hi[k]! : 0;
      sum += e * e;
    }
    best = Math.min(best, Math.sqrt(sum));
  }
  return best;
}

describe('segmentBoxDistance (box [−1, 1]³)', () => {
  it('parallel to a face: the gap to that face', () => {
    expect(d([-5, 2, 0.5], [5, 2, 0.5])).toBe(1);
  });

  it('through the box: 0', () => {
    expect(d([3, -3, 0], [-3, 3, 0])).toBe(0);
  });

  it('past an edge: the distance from edge (1, 1, z) to the line x + y = 5 is 3/√2', () => {
    const r = segmentBoxDistance([2, 3, 0], [3, 2, 0], lo, hi);
    expect(r.distance).toBeCloseTo(3 / Math.SQRT2, 12);
    expect(r.t).toBeCloseTo(0.5, 12);
  });

  it('nearest at an end, facing a corner: √3 from (2, 2, 2)', () => {
    expect(d([2, 2, 2], [3, 3, 3])).toBeCloseTo(Math.sqrt(3), 12);
  });

  it('a degenerate segment is a point', () => {
    expect(d([4, 0, 0], [4, 0, 0])).toBe(3);
  });

  it('agrees with brute force on varied segments', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 8 - 4;
    for (let n = 0; n < 40; n++) {
      const a = [rnd(), rnd(), rnd()], b = [rnd(), rnd(), rnd()];
      expect(d(a, b)).toBeCloseTo(sampled(a, b), 3);
      expect(d(a, b)).toBeLessThanOrEqual(sampled(a, b) + 1e-12);
    }
  });
});
