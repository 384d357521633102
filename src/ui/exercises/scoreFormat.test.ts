import { describe, expect, it } from 'vitest';
import { bestScore, planningTime, scoreLine, scoreNumber } from './scoreFormat';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';

const score = (safe: boolean, targetErrorMm: number | null, coveragePct: number | null = null): SubmissionScore => ({
  targetErrorMm, entryErrorMm: null, angleDeg: null, axialDifferenceDeg: null, craniocaudalDifferenceDeg: null, safe, violations: safe ? 0 : 1,
  closest: null, zoneOverlaps: [], coveragePct, minMarginMm: null, expertCoveragePct: null, expertMinMarginMm: null, applicators: 1, expertApplicators: 1,
  needles: [], unmatchedExpertTrajectoryIds: [], planningTimeS: null, edits: null, notes: [],
});

describe('score numbers', () => {
  it('writes the unit after a space for lengths and none for degrees and percent; a dash for null', () => {
    expect(scoreNumber(5, 'mm', 2)).toBe('5.00 mm');
    expect(scoreNumber(12.34, '°')).toBe('12.3°');
    expect(scoreNumber(91.6, '%', 0)).toBe('92%');
    expect(scoreNumber(null, 'mm')).toBe('—');
    expect(scoreNumber(Number.NaN, 'mm')).toBe('—');
  });
  it('writes planning time as seconds under a minute, minutes and padded seconds above', () => {
    expect(planningTime(42.4)).toBe('42 s');
    expect(planningTime(245)).toBe('4 min 05 s');
    expect(planningTime(null)).toBe('—');
  });
  it('summarises a score on one line', () => {
    expect(scoreLine(score(false, 5, 80))).toBe('UNSAFE · target 5.0 mm · coverage 80%');
  });
});

describe('best attempt', () => {
  it('prefers a safe attempt over a closer unsafe one, then the smaller target error, and ranks no pairing last', () => {
    const a = { id: 'a', score: score(false, 1) };
    const b = { id: 'b', score: score(true, 6) };
    const c = { id: 'c', score: score(true, 3) };
    const d = { id: 'd', score: score(true, null) };
    expect(bestScore([a, b])?.id).toBe('b');
    expect(bestScore([a, b, c, d])?.id).toBe('c');
    expect(bestScore([d, a])?.id).toBe('d');
    expect(bestScore([])).toBeUndefined();
  });
});
