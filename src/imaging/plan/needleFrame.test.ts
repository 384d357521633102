import { describe, expect, it } from 'vitest';
import { needleCamera, needleFrame } from './needleFrame';

const close = (a: readonly number[], b: readonly number[]): void => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 12));
};

describe('needleFrame', () => {
  it('a needle towards patient left: e0 anterior, e1 = u × e0', () => {
    const f = needleFrame({ entry: [0, 0, 0], target: [100, 0, 0] })!;
    close(f.u, [1, 0, 0]);
    close(f.e0, [0, -1, 0]);
    // (1,0,0) × (0,−1,0) = (0·0 − 0·(−1), 0·0 − 1·0, 1·(−1) − 0·0) = (0, 0, −1).
    close(f.e1, [0, 0, -1]);
    expect(f.length).toBe(100);
  });

  it('a needle from the back (antero-posterior): e0 superior', () => {
    const f = needleFrame({ entry: [0, 50, 0], target: [0, 0, 0] })!;
    close(f.u, [0, -1, 0]);
    close(f.e0, [0, 0, 1]);
    // (0,−1,0) × (0,0,1) = (−1·1 − 0·0, 0·0 − 0·1, 0) = (−1, 0, 0).
    close(f.e1, [-1, 0, 0]);
  });

  it('an oblique needle: anterior made perpendicular to it', () => {
    // u = (0, 0.6, 0.8); anterior (0,−1,0) − u·(−0.6) = (0, −0.64, 0.48), length 0.8 → (0, −0.8, 0.6).
    const f = needleFrame({ entry: [1, 2, 3], target: [1, 8, 11] })!;
    close(f.u, [0, 0.6, 0.8]);
    close(f.e0, [0, -0.8, 0.6]);
    expect(f.length).toBeCloseTo(10, 12);
  });

  it('no frame for a needle of no length', () => {
    expect(needleFrame({ entry: [5, 5, 5], target: [5, 5, 5] })).toBeUndefined();
    expect(needleCamera('probe', { entry: [5, 5, 5], target: [5, 5, 5] })).toBeUndefined();
  });
});

describe('needleCamera', () => {
  const axis = { entry: [0, 0, 0], target: [100, 0, 0] } as const;

  it('probe’s eye: looks down the needle from the entry, opening at the entry (skin) slice', () => {
    const c = needleCamera('probe', axis)!;
    close(c.viewPlaneNormal, [-1, 0, 0]);
    close(c.viewUp, [0, -1, 0]);
    close(c.focalPoint, [0, 0, 0]);
    close(c.position, [-500, 0, 0]);
    expect(c.parallelScale).toBe(50);
  });

  it('probe’s eye keeps the scrolled depth, within 10 mm before the entry and 20 mm past the tip', () => {
    close(needleCamera('probe', axis, [30, 5, 5])!.focalPoint, [30, 0, 0]);
    close(needleCamera('probe', axis, [200, 0, 0])!.focalPoint, [120, 0, 0]);
    close(needleCamera('probe', axis, [-50, 0, 0])!.focalPoint, [-10, 0, 0]);
  });

  it('in-plane views: tip down, centred on the middle, scaled to the needle', () => {
    const c0 = needleCamera('inplane0', axis)!;
    close(c0.viewPlaneNormal, [0, 0, -1]);
    close(c0.viewUp, [-1, 0, 0]);
    close(c0.focalPoint, [50, 0, 0]);
    expect(c0.parallelScale).toBeCloseTo(65, 12);
    const c90 = needleCamera('inplane90', axis)!;
    close(c90.viewPlaneNormal, [0, -1, 0]);
    close(c90.position, [50, -500, 0]);
    expect(needleCamera('inplane90', { entry: [0, 0, 0], target: [40, 0, 0] })!.parallelScale).toBe(60);
  });
});
