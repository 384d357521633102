import { describe, expect, it } from 'vitest';
import { mirelsSizeOfFraction, scoreMirels } from './mirels';

describe('Mirels', () => {
  it('scores a large painful lytic peritrochanteric lesion 12: prophylactic fixation', () => {
    // peritrochanteric 3 + functional pain 3 + lytic 3 + >2/3 of the cortex 3 = 12.
    expect(scoreMirels({ site: 'peritrochanteric', pain: 'functional', lesion: 'lytic', size: 'over-two-thirds' })).toEqual({
      total: 12,
      category: 'prophylactic-fixation',
      missing: [],
    });
  });

  it('scores a small mildly painful blastic humeral lesion 4: observe or radiotherapy', () => {
    // upper limb 1 + mild 1 + blastic 1 + <1/3 1 = 4.
    expect(scoreMirels({ site: 'upper-limb', pain: 'mild', lesion: 'blastic', size: 'under-one-third' }).category).toBe(
      'observe-or-radiotherapy',
    );
  });

  it('gives 7 observe, 8 judgement and 9 fixation', () => {
    // upper 1 + moderate 2 + lytic 3 + <1/3 1 = 7
    expect(scoreMirels({ site: 'upper-limb', pain: 'moderate', lesion: 'lytic', size: 'under-one-third' })).toMatchObject({
      total: 7,
      category: 'observe-or-radiotherapy',
    });
    // lower 2 + moderate 2 + mixed 2 + 1/3–2/3 2 = 8
    expect(scoreMirels({ site: 'lower-limb', pain: 'moderate', lesion: 'mixed', size: 'one-to-two-thirds' })).toMatchObject({
      total: 8,
      category: 'clinical-judgement',
    });
    // lower 2 + functional 3 + lytic 3 + <1/3 1 = 9
    expect(scoreMirels({ site: 'lower-limb', pain: 'functional', lesion: 'lytic', size: 'under-one-third' })).toMatchObject({
      total: 9,
      category: 'prophylactic-fixation',
    });
  });

  it('bands the cortical fraction with 1/3 and 2/3 in the middle band', () => {
    expect([0.3, 1 / 3, 0.5, 2 / 3, 0.7].map(mirelsSizeOfFraction)).toEqual([
      'under-one-third',
      'one-to-two-thirds',
      'one-to-two-thirds',
      'one-to-two-thirds',
      'over-two-thirds',
    ]);
    expect(mirelsSizeOfFraction(Number.NaN)).toBeUndefined();
  });

  it('waits for all four components', () => {
    expect(scoreMirels({ site: 'lower-limb' })).toEqual({ total: null, category: null, missing: ['pain', 'lesion', 'size'] });
  });
});
