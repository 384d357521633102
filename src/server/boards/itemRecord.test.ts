import { describe, expect, it } from 'vitest';
import { boardItemSchema, type BoardItem } from '../../records';
import { isRunning, itemsAsStored, stopRunning, withoutMeetingRecord } from './itemRecord';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const item = (caseId: string, extra: object = {}): BoardItem => boardItemSchema.parse({ caseId, reason: 'r', question: 'q', ...extra });
const span = (startedAt: string, stoppedAt: string | null) => ({ startedAt, stoppedAt });

describe('what an agenda item records of the meeting', () => {
  it('stops only a running span, at the given time; a stopped item is returned as it was', () => {
    const running = item(A, { discussion: [span('2026-12-10T09:00:00.000Z', '2026-12-10T09:03:00.000Z'), span('2026-12-10T09:10:00.000Z', null)] });
    expect(isRunning(running)).toBe(true);
    const stopped = stopRunning(running, '2026-12-10T09:14:00.000Z');
    expect(stopped.discussion).toEqual([span('2026-12-10T09:00:00.000Z', '2026-12-10T09:03:00.000Z'), span('2026-12-10T09:10:00.000Z', '2026-12-10T09:14:00.000Z')]);
    expect(isRunning(stopped)).toBe(false);
    expect(stopRunning(stopped, '2026-12-10T10:00:00.000Z')).toBe(stopped);
    expect(isRunning(item(B))).toBe(false);
  });

  it("a save's items take the stored times and decision of the same case, a new case none, whatever was sent", () => {
    const stored = [item(A, { discussion: [span('2026-12-10T09:00:00.000Z', null)] })];
    const sent = [item(B, { discussion: [span('2026-12-10T08:00:00.000Z', null)] }), item(A, { status: 'discussed' })];
    const kept = itemsAsStored(sent, stored);
    expect(kept.map((i) => [i.caseId, i.status, i.discussion.length, i.decision])).toEqual([
      [B, 'pending', 0, null],
      [A, 'discussed', 1, null],
    ]);
    expect(withoutMeetingRecord(stored[0] as BoardItem).discussion).toEqual([]);
  });
});
