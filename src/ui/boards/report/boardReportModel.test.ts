import { describe, expect, it } from 'vitest';
import { boardDocumentSchema, type BoardComment } from '../../../records';
import { buildBoardReport, caseLabel } from './boardReportModel';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';
const decision = (followed: boolean) => ({
  id: '11111111-1111-4111-8111-111111111111',
  recommendations: ['radiotherapy'],
  rationale: 'r',
  consensus: 'consensus',
  trial: { eligible: 'no' },
  actionBy: 'RT',
  recordedBy: 'att',
  recordedAt: '2031-03-06T10:00:00.000Z',
  followThrough: followed ? { state: 'implemented', recordedBy: 'att', recordedAt: '2031-04-01T10:00:00.000Z' } : null,
});
const board = boardDocumentSchema.parse({
  id: '99999999-0000-4000-8000-000000000000', version: 4, schemaVersion: 1, createdAt: '2031-03-01T00:00:00Z', createdBy: 'a', updatedAt: '2031-03-06T11:00:00Z', updatedBy: 'a', archivedAt: null, archivedBy: null,
  title: 'Bone metastasis board', date: '2031-03-06',
  items: [
    // 10:00:00–10:04:30 and 10:20:00–10:21:15: 270 s + 75 s = 345 s.
    { caseId: A, reason: 'r', question: 'q', discussion: [{ startedAt: '2031-03-06T10:00:00Z', stoppedAt: '2031-03-06T10:04:30Z' }, { startedAt: '2031-03-06T10:20:00Z', stoppedAt: '2031-03-06T10:21:15Z' }], decision: decision(false) },
    // Still running since 10:30:00; "now" is 10:32:00: 120 s.
    { caseId: B, reason: 'r', question: 'q', discussion: [{ startedAt: '2031-03-06T10:30:00Z', stoppedAt: null }], decision: decision(true) },
    // Not discussed, no decision.
    { caseId: C, reason: 'r', question: 'q' },
  ],
});
const comment = (caseId: string, at: string, text: string): BoardComment => ({ id: `${at}-${text}`, boardId: board.id, caseId, text, by: 'board1', at });

describe('the meeting report model', () => {
  it('sums each case\'s spans, counts a running one up to now, and takes the median over discussed cases only', () => {
    const m = buildBoardReport(board, [], new Map(), false, Date.parse('2031-03-06T10:32:00Z'));
    expect(m.items.map((i) => i.seconds)).toEqual([345, 120, 0]);
    expect(m.items.map((i) => i.discussed)).toEqual([true, true, false]);
    // Median of {345, 120}: (120 + 345) / 2 = 232.5 s; case C (not discussed) does not pull it down.
    expect(m.summary).toEqual({ cases: 3, discussed: 2, medianSeconds: 232.5, totalSeconds: 465, decisionsOpen: 1, undecided: 1 });
  });
  it('gives each case its own comments, oldest first', () => {
    const m = buildBoardReport(board, [comment(B, '2031-03-06T10:31:00Z', 'second'), comment(A, '2031-03-06T10:01:00Z', 'on A'), comment(B, '2031-03-06T10:30:30Z', 'first')], new Map(), false, 0);
    expect(m.items.map((i) => i.comments.map((c) => c.text))).toEqual([['on A'], ['first', 'second'], []]);
  });
  it('labels a case by pseudonym and title, leaving a real name out when identifiers are hidden', () => {
    const real = { title: 'Right acetabulum', pseudonym: 'Jane Doe', pseudonymous: false };
    expect(caseLabel(A, real, false)).toBe('Jane Doe · Right acetabulum');
    expect(caseLabel(A, real, true)).toBe('identifiers hidden · Right acetabulum');
    expect(caseLabel(A, { ...real, pseudonym: 'DEMO-01', pseudonymous: true }, true)).toBe('DEMO-01 · Right acetabulum');
    expect(caseLabel(A, undefined, false)).toBe('case aaaaaaaa');
  });
});
