import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { corticalCrossings } from './corticalCrossings';
import type { ScalarVolume } from './gridGeometry';
import { huProfile } from './huProfile';
import { tissueSegments } from './tissueSegments';

/** A 1 mm volume whose HU depends on x only. */
function slabs(huOfX: (x: number) => number): ScalarVolume {
  const [nx, ny, nz] = [40, 4, 4];
  const scalars = new Float32Array(nx * ny * nz);
  for (let k = 0; k < nz; k++) for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) scalars[i + nx * (j + ny * k)] = huOfX(i);
  return { dimensions: [nx, ny, nz], spacing: [1, 1, 1], origin: lps(0, 0, 0), direction: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], scalars };
}

describe('huProfile', () => {
  it('samples every 0.5 mm with trilinear interpolation, ending on the target', () => {
    const v = slabs((x) => 10 * x);
    const p = huProfile(lps(2, 1, 1), lps(5.2, 1, 1), v);
    expect(Array.from(p.distancesMm)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, Math.fround(3.2)]);
    expect(p.hu[1]).toBeCloseTo(25, 5);
    expect(p.hu[7]).toBeCloseTo(52, 4);
  });

  it('is NaN outside the volume', () => {
    const p = huProfile(lps(38, 1, 1), lps(42, 1, 1), slabs(() => 0));
    expect(Number.isNaN(p.hu[p.hu.length - 1]!)).toBe(true);
  });
});

describe('corticalCrossings', () => {
  it('counts two cortices crossed', () => {
    const v = slabs((x) => ((x >= 10 && x <= 12) || (x >= 20 && x <= 21) ? 1200 : 200));
    const runs = corticalCrossings(huProfile(lps(0, 1, 1), lps(30, 1, 1), v));
    expect(runs.length).toBe(2);
    // At 9.5 mm the interpolated HU is exactly 700 (halfway), not above it: the run starts at 10.
    expect(runs[0]!.startMm).toBe(10);
    expect(runs[0]!.endMm).toBe(12.5);
    expect(runs[0]!.peakHu).toBe(1200);
  });

  it('counts noise flickering around 700 HU once (hysteresis)', () => {
    const v = slabs((x) => (x >= 10 && x <= 16 ? (x % 2 === 0 ? 720 : 680) : 100));
    expect(corticalCrossings(huProfile(lps(0, 1, 1), lps(30, 1, 1), v)).length).toBe(1);
  });
});

describe('tissueSegments', () => {
  it('names what the needle crosses', () => {
    const v = slabs((x) => (x < 5 ? -100 : x < 10 ? 40 : x < 12 ? 1200 : 250));
    const names = tissueSegments(huProfile(lps(0, 1, 1), lps(20, 1, 1), v)).map((s) => s.tissue);
    expect(names).toEqual(['fat', 'soft-tissue', 'cancellous-bone', 'cortical-bone', 'cancellous-bone']);
  });
});
