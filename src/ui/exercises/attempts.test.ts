import { describe, expect, it } from 'vitest';
import { attemptsByTrainee, CHART, chartPoints, niceMax, ownAttempts } from './attempts';
import type { SubmissionSummary } from '../../api/exercises';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';

const score = { safe: true } as SubmissionScore;
const sub = (account: string, displayName: string, attempt: number): SubmissionSummary => ({
  id: `${account}-${attempt}`, exerciseId: 'e', account, displayName, attempt, submittedAt: '2026-12-07T00:00:00.000Z', score,
});

describe('attempts per trainee', () => {
  it('groups by account, orders trainees by name and attempts by number', () => {
    const groups = attemptsByTrainee([sub('zed', 'Zoe', 2), sub('amy', 'Amy', 1), sub('zed', 'Zoe', 1)]);
    expect(groups.map((g) => g.account)).toEqual(['amy', 'zed']);
    expect(groups[1]!.attempts.map((a) => a.attempt)).toEqual([1, 2]);
  });
  it('keeps only the caller’s own attempts, or all of them without a username (single-user)', () => {
    const all = [sub('zed', 'Zoe', 1), sub('amy', 'Amy', 1)];
    expect(ownAttempts(all, 'amy').map((s) => s.id)).toEqual(['amy-1']);
    expect(ownAttempts(all, undefined)).toHaveLength(2);
  });
});

describe('attempts chart', () => {
  // Plot area: x from 36 to 320 − 36 = 284 (248 wide), y from 10 to 120 − 22 = 98 (88 high).
  it('spaces attempts evenly across the plot and scales values from 0 (bottom) to max (top)', () => {
    const p = chartPoints([0, 5, 10], 10);
    expect(p.map((q) => q.x)).toEqual([36, 160, 284]);
    expect(p.map((q) => q.y)).toEqual([98, 54, 10]);
    expect(CHART.width - CHART.right).toBe(284);
  });
  it('puts a single attempt in the middle, leaves out missing values and clamps above the max', () => {
    expect(chartPoints([2.5], 10)[0]).toEqual({ x: 160, y: 76, value: 2.5, attempt: 1 });
    const p = chartPoints([null, 20], 10);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ x: 284, y: 10, attempt: 2 });
  });
  it('rounds an axis up to 1, 2 or 5 times a power of ten', () => {
    expect(niceMax(3.2)).toBe(5);
    expect(niceMax(5)).toBe(5);
    expect(niceMax(12)).toBe(20);
    expect(niceMax(0.7)).toBe(1);
    expect(niceMax(0)).toBe(10);
  });
});
