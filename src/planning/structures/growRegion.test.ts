import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { countMask } from '../mask/voxelMask';
import { phantomVolume } from '../testSupport/phantomVolume';
import { growRegion } from './growRegion';

// 1 mm voxels, 80 mm cube of fat (−100 HU) holding a "bladder" sphere of urine (10 HU,
// radius 15 mm, centred at (40, 40, 40)) touching a bone block (400 HU) on one side.
const volume = phantomVolume({ dimensions: [80, 80, 80], spacing: [1, 1, 1] }, (x, y, z) => {
  if (Math.hypot(x - 40, y - 40, z - 40) <= 15) return 10;
  if (x >= 55 && x <= 70) return 400;
  return -100;
});

describe('growRegion', () => {
  it('fills a fluid sphere from its centre, to within 3 % of 4/3·π·15³ mm³ = 14.14 mL, and stops at fat and bone', () => {
    const r = growRegion(volume, lps(40, 40, 40));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const truthMl = ((4 / 3) * Math.PI * 15 ** 3) / 1000;
    expect(Math.abs(r.value.volumeMl / truthMl - 1)).toBeLessThan(0.03);
    expect(r.value.leaked).toBe(false);
    // The fitted range holds 10 HU and excludes both neighbours.
    expect(r.value.huRange[0]).toBeLessThanOrEqual(10);
    expect(r.value.huRange[1]).toBeGreaterThanOrEqual(10);
    expect(r.value.huRange[0]).toBeGreaterThan(-100);
    expect(r.value.huRange[1]).toBeLessThan(400);
  });

  it('stops at the volume limit and says it leaked', () => {
    const r = growRegion(volume, lps(10, 10, 10), { maxVolumeMl: 5 });
    expect(r.ok && r.value.leaked).toBe(true);
    expect(r.ok && countMask(r.value.mask)).toBeLessThanOrEqual(5000);
  });

  it('refuses a seed outside a given range, and a seed outside the volume', () => {
    const a = growRegion(volume, lps(40, 40, 40), { huRange: [100, 200] });
    expect(a.ok).toBe(false);
    if (!a.ok) expect(a.error).toMatch(/outside the range 100…200 HU/);
    expect(growRegion(volume, lps(-5, 40, 40)).ok).toBe(false);
  });
});
