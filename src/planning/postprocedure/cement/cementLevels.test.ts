import { describe, expect, it } from 'vitest';
import { cementLevels } from './cementLevels';

/** A histogram (20 HU bins from −1100 HU) with normal peaks: [HU, voxels, σ HU]. */
function histogram(peaks: readonly (readonly [number, number, number])[]): Float64Array {
  const h = new Float64Array(Math.ceil((16000 + 1100) / 20));
  for (let b = 0; b < h.length; b++) {
    const hu = -1100 + (b + 0.5) * 20;
    for (const [m, n, s] of peaks) h[b]! += (n * 20 * Math.exp(-((hu - m) ** 2) / (2 * s * s))) / (s * Math.sqrt(2 * Math.PI));
  }
  return h;
}

describe('cement levels from a region histogram', () => {
  it('cement peak, bone peak and the threshold halfway between them (not below the floor)', () => {
    // Soft tissue, cancellous bone, a cortex tail, cement at 2600 HU and a little metal at 7000 HU.
    const l = cementLevels(histogram([[40, 1e6, 40], [300, 2e5, 60], [1200, 5e4, 80], [2600, 2e4, 80], [7000, 3e3, 300]]))!;
    expect(Math.abs(l.cementPeakHu - 2600)).toBeLessThan(25);
    expect(Math.abs(l.bonePeakHu! - 300)).toBeLessThan(25);
    expect(l.thresholdHu).toBe(1500); // (300 + 2600) / 2 = 1450 → the floor
    const dense = cementLevels(histogram([[40, 1e6, 40], [900, 2e5, 60], [2600, 2e4, 80]]))!;
    expect(Math.abs(dense.thresholdHu - 1750)).toBeLessThan(25);
  });

  it('a bump on the tail of cortex is not cement; no cement peak gives null', () => {
    const tail = histogram([[40, 1e6, 40], [1300, 1e5, 90], [1800, 150, 30]]);
    expect(cementLevels(tail)).toBeNull();
    const withCement = cementLevels(histogram([[40, 1e6, 40], [1300, 1e5, 90], [1800, 150, 30], [3000, 2e4, 70]]))!;
    expect(Math.abs(withCement.cementPeakHu - 3000)).toBeLessThan(25);
  });
});
