import { describe, expect, it } from 'vitest';
import { caseContentSchema } from '../../records';
import { followUpSeries } from './FollowUpChart';

const withDates = (decisionDate: string | null, assessedOn?: string) =>
  caseContentSchema.parse({
    patient: { pseudonym: 'P' },
    pain: { onWeightBearing: 8, ...(assessedOn ? { assessedOn } : {}) },
    decision: { date: decisionDate },
    followUps: [
      { date: '2024-03-14', label: '1 week', pain: { atRest: 2, onWeightBearing: 3 } },
      { date: '2024-04-07', label: '1 month', pain: { atRest: 1, onWeightBearing: 2 } },
    ],
  });

describe('followUpSeries', () => {
  it('dates the baseline by the decision when it precedes the first follow-up', () => {
    expect(followUpSeries(withDates('2024-03-01')).map((p) => p.date)).toEqual(['2024-03-01', '2024-03-14', '2024-04-07']);
  });
  it('leaves the baseline undated when the decision came after the follow-ups (a later board decision), never out of order', () => {
    const s = followUpSeries(withDates('2031-03-06'));
    expect(s.map((p) => p.date)).toEqual(['', '2024-03-14', '2024-04-07']);
    expect(s[0]!.pain).toBe(8);
  });
  it('prefers the pain assessment date', () => {
    expect(followUpSeries(withDates('2031-03-06', '2024-03-02'))[0]!.date).toBe('2024-03-02');
  });
});
