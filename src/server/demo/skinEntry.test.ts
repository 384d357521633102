import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { phantomVolume } from '../../planning/testSupport/phantomVolume';
import { skinEntry } from './skinEntry';

/**
 * A body along x on a 1 mm grid: soft tissue (40 HU) from x = 20 to 80 with a 4 mm sliver of
 * lung (−850 HU) at x = 30–33 inside it; outside is air (−1000 HU), or, with `table`, a 2 mm
 * air gap, a 3 mm shell (250 HU) at x = 15–17 and foam (−930 HU) beyond, as under a patient.
 */
function body(table: boolean) {
  return phantomVolume({ dimensions: [100, 5, 5], spacing: [1, 1, 1], origin: lps(0, -2, -2) }, (x) => {
    if (x >= 30 && x <= 33) return -850;
    if (x >= 20 && x <= 80) return 40;
    if (!table || x >= 18) return -1000;
    return x >= 15 ? 250 : -930;
  });
}

describe('skinEntry', () => {
  it('passes the lung sliver (tissue follows it) and stops just beyond the skin', () => {
    // Sampling every 0.5 mm from x = 75 toward −x: at x = 19.5 the trilinear HU is
    // (40 − 1000)/2 = −480, the first air with no tissue after it: 55.5 mm, plus 0.5 mm beyond.
    // The sliver's edge at x = 33.5 reads (40 − 850)/2 = −405 too, but 10 mm of tissue follow it.
    const r = skinEntry(body(false), lps(75, 0, 0), [-1, 0, 0]);
    expect(r).toEqual({ ok: true, value: { entry: lps(19, 0, 0), depthMm: 56 } });
  });

  it('takes the air gap before a table as the outside: a table’s shell is not soft tissue', () => {
    const r = skinEntry(body(true), lps(75, 0, 0), [-1, 0, 0]);
    expect(r.ok && r.value.depthMm).toBe(56);
  });

  it('fails, saying why, when the line leaves the volume inside the body or has no direction', () => {
    const solid = phantomVolume({ dimensions: [30, 3, 3], spacing: [1, 1, 1], origin: lps(0, -1, -1) }, () => 40);
    const r = skinEntry(solid, lps(15, 0, 0), [1, 0, 0]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/leaves the volume/);
    expect(skinEntry(solid, lps(15, 0, 0), [0, 0, 0])).toEqual({ ok: false, error: 'the outward direction is zero' });
  });
});
