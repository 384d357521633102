import { describe, expect, it } from 'vitest';
import { genantGradeOfLoss, gradeGenant } from './genant';

describe('Genant', () => {
  it('bands height loss with shared edges going to the lower grade', () => {
    expect([0, 19.9, 20, 25, 25.1, 40, 40.1, 100].map(genantGradeOfLoss)).toEqual(['0', '0', '1', '1', '2', '2', '3', '3']);
  });

  it('computes the loss from measured heights: 15 of an expected 25 mm is 40%, grade 2', () => {
    // (1 − 15/25) × 100 = 40 % → grade 2 (25–40 %).
    expect(gradeGenant({ expectedHeightMm: 25, measuredHeightMm: 15 })).toEqual({ total: 2, category: '2', missing: [] });
  });

  it('grades a vertebra plana (3 of 24 mm left, 87.5% loss) 3', () => {
    expect(gradeGenant({ expectedHeightMm: 24, measuredHeightMm: 3 }).category).toBe('3');
  });

  it('prefers measured heights over an estimated percentage', () => {
    expect(gradeGenant({ expectedHeightMm: 20, measuredHeightMm: 19, heightLossPercent: 50 }).category).toBe('0');
  });

  it('accepts an estimated percentage alone and reports nothing when there is none', () => {
    expect(gradeGenant({ heightLossPercent: 22 }).category).toBe('1');
    expect(gradeGenant({ expectedHeightMm: 20 })).toEqual({ total: null, category: null, missing: ['heightLoss'] });
  });
});
