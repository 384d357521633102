import { describe, expect, it } from 'vitest';
import { caseTimes, clockText, median, meetingTimes, runningCase, spanMs } from './discussionTimes';

const at = (hms: string) => `2031-03-06T${hms}.000Z`;
const span = (from: string, to: string | null) => ({ startedAt: at(from), stoppedAt: to === null ? null : at(to) });

describe('discussion times', () => {
  it('a closed span is its end minus its start; a running one counts to now; a reversed one counts 0', () => {
    expect(spanMs(span('10:00:00', '10:05:19'), 0)).toBe(319_000); // 5 min 19 s
    expect(spanMs(span('10:00:00', null), Date.parse(at('10:02:30')))).toBe(150_000);
    expect(spanMs(span('10:05:00', '10:04:00'), 0)).toBe(0);
  });

  it('sums the spans of a case before rounding down, and marks discussed and running', () => {
    const items = [
      // 0.6 s + 0.6 s = 1.2 s → 1 s (rounding each span first would give 0)
      { caseId: 'a', discussion: [{ startedAt: '2031-03-06T10:00:00.000Z', stoppedAt: '2031-03-06T10:00:00.600Z' }, { startedAt: '2031-03-06T10:01:00.000Z', stoppedAt: '2031-03-06T10:01:00.600Z' }] },
      { caseId: 'b', discussion: [] },
      { caseId: 'c', discussion: [span('10:10:00', '10:12:00'), span('10:20:00', null)] },
    ];
    const now = Date.parse(at('10:21:30')); // c: 120 s + 90 s running
    expect(caseTimes(items, now)).toEqual([
      { caseId: 'a', seconds: 1, discussed: true, running: false },
      { caseId: 'b', seconds: 0, discussed: false, running: false },
      { caseId: 'c', seconds: 210, discussed: true, running: true },
    ]);
    expect(runningCase(items)).toBe('c');
    expect(runningCase(items.slice(0, 2))).toBeNull();
  });

  it('median of odd and even counts, none for nothing', () => {
    expect(median([300, 60, 120])).toBe(120);
    expect(median([60, 300, 120, 240])).toBe(180); // (120 + 240) / 2
    expect(median([])).toBeNull();
  });

  it('the meeting median leaves out the cases not discussed', () => {
    const items = [
      { caseId: 'a', discussion: [span('10:00:00', '10:05:19')] }, // 319 s
      { caseId: 'b', discussion: [] },
      { caseId: 'c', discussion: [span('10:06:00', '10:08:00')] }, // 120 s
      { caseId: 'd', discussion: [span('10:09:00', '10:19:00')] }, // 600 s
    ];
    const t = meetingTimes(items, Date.parse(at('11:00:00')));
    expect(t.medianSeconds).toBe(319); // of 120, 319, 600; with b's 0 it would be (120 + 319) / 2
    expect(t.totalSeconds).toBe(1039);
    expect(t.discussedCount).toBe(3);
    expect(meetingTimes([{ caseId: 'b', discussion: [] }], 0).medianSeconds).toBeNull();
  });

  it('clock text is mm:ss, minutes past 60 not wrapped, a dash for unknown', () => {
    expect(clockText(319)).toBe('05:19');
    expect(clockText(0)).toBe('00:00');
    expect(clockText(4503)).toBe('75:03');
    expect(clockText(179.5)).toBe('03:00');
    expect(clockText(null)).toBe('—');
    expect(clockText(Number.NaN)).toBe('—');
  });
});
