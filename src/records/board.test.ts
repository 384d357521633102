import { describe, expect, it } from 'vitest';
import { addDays, boardCreateSchema, boardInputSchema, issuesOf, missingPreparation, readiness } from './index';

const CASE = '11111111-1111-4111-8111-111111111111';

describe('board meeting schemas', () => {
  it('fills an item with a pending status and an empty checklist, an attendee as absent', () => {
    const b = boardCreateSchema.parse({ title: 'Bone metastasis board', date: '2026-12-10', attendees: [{ name: 'Dr A' }], items: [{ caseId: CASE, reason: 'Pain', question: 'Cement?' }] });
    expect(b.attendees).toEqual([{ name: 'Dr A', specialty: '', present: false }]);
    expect(b.items[0]).toEqual({
      caseId: CASE,
      reason: 'Pain',
      question: 'Cement?',
      status: 'pending',
      preparation: { imagesReviewed: false, keyImagesChosen: false, planAttached: null, preparedBy: '', preparedAt: null },
      discussion: [],
      decision: null,
    });
  });

  it('names the failing fields: a blank reason, a bad date, an unknown status', () => {
    const r = boardInputSchema.safeParse({ title: 'B', date: '2026-13-01', items: [{ caseId: CASE, reason: ' ', question: 'Q', status: 'maybe' }] });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(issuesOf(r.error).map((i) => i.path).sort()).toEqual(['date', 'items[0].reason', 'items[0].status']);
  });

  it('keeps validating a document from a later schema with fields it does not know', () => {
    const r = boardInputSchema.safeParse({ title: 'B', date: '2026-12-10', items: [{ caseId: CASE, reason: 'R', question: 'Q', vote: { code: 'x' } }] });
    expect(r.success).toBe(true);
  });
});

describe('readiness', () => {
  const done = { imagesReviewed: true, keyImagesChosen: true, planAttached: null, preparedBy: 'att', preparedAt: '2026-12-09T10:00:00.000Z' };
  it('is ready with images reviewed, key images chosen, who and when; a plan is not required', () => {
    expect(missingPreparation(done)).toEqual([]);
  });
  it('lists what is missing, in checklist order', () => {
    expect(missingPreparation({ ...done, imagesReviewed: false, preparedBy: ' ', preparedAt: null })).toEqual(['images reviewed', 'prepared by', 'prepared when']);
  });
  it('counts ready cases', () => {
    expect(readiness([{ preparation: done }, { preparation: { ...done, keyImagesChosen: false } }, { preparation: done }])).toEqual({ ready: 2, total: 3 });
  });
});

describe('addDays', () => {
  it('crosses month and year ends in calendar days', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-26', 7)).toBe('2028-03-04'); // 2028 is a leap year: 27, 28, 29 Feb, 1..4 Mar
  });
});
