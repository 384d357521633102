import { describe, expect, it } from 'vitest';
import { boardDecisionSchema, type BoardDecision, type BoardRecommendation } from './boardDecision';
import { boardDecisionToCase, outcomeOf, proceduresOf, withBoardDecision, withFollowThrough } from './boardDecisionToCase';
import { caseContentSchema } from './caseRecord';
import { decisionSchema } from './decision';

const meeting = { id: '11111111-1111-4111-8111-111111111111', title: 'Bone metastasis board', date: '2026-12-10' };

const decision = (recommendations: BoardRecommendation[], extra: Partial<BoardDecision> = {}): BoardDecision =>
  boardDecisionSchema.parse({
    id: '22222222-2222-4222-8222-222222222222',
    recommendations,
    rationale: 'Painful lytic lesion, no fracture risk',
    consensus: 'consensus',
    trial: { eligible: 'no' },
    actionBy: 'IR team',
    recordedBy: 'att (Attending)',
    recordedAt: '2026-12-10T09:30:00.000Z',
    ...extra,
  });

describe('board decision → case outcome and procedures', () => {
  it.each<[BoardRecommendation[], 'accepted' | 'declined' | 'deferred', string[]]>([
    // One percutaneous procedure: accepted with that procedure.
    [['cryoablation'], 'accepted', ['cryoablation']],
    // A combination of ablation and cement: both procedures, in the board's order.
    [['microwave-ablation', 'vertebroplasty'], 'accepted', ['microwave-ablation', 'vertebroplasty']],
    // A procedure with radiotherapy: still accepted; radiotherapy is not a case procedure.
    [['radiotherapy', 'acetabuloplasty'], 'accepted', ['acetabuloplasty']],
    // Procedure plus more imaging first: accepted, the imaging does not undo the procedure.
    [['more-imaging', 'cementoplasty-other'], 'accepted', ['cementoplasty-other']],
    [['no-intervention'], 'declined', []],
    // Only treatments outside IR: declined for a percutaneous procedure.
    [['radiotherapy'], 'declined', []],
    [['surgery', 'systemic-therapy'], 'declined', []],
    // Radiotherapy while more imaging is obtained: no procedure planned, so declined, not deferred.
    [['radiotherapy', 'more-imaging'], 'declined', []],
    [['more-imaging'], 'deferred', []],
  ])('%j → %s %j', (recs, outcome, procedures) => {
    expect(outcomeOf(recs)).toBe(outcome);
    expect(proceduresOf(recs)).toEqual(procedures);
  });

  it('every procedure-type recommendation maps to the case procedure of the same name', () => {
    const all: BoardRecommendation[] = ['cryoablation', 'microwave-ablation', 'radiofrequency-ablation', 'vertebroplasty', 'sacroplasty', 'acetabuloplasty', 'cementoplasty-other'];
    expect(proceduresOf(all)).toEqual(all);
    // The case schema accepts the mapped keys (at most 12, no duplicates).
    expect(decisionSchema.safeParse({ procedures: proceduresOf(all) }).success).toBe(true);
  });

  it('writes the decision section: date and "board, date" as decided by, rationale, access route kept', () => {
    const current = decisionSchema.parse({ outcome: 'pending', accessRoute: 'left unipedicular, prone', rationale: 'old', decidedBy: 'someone' });
    expect(boardDecisionToCase(decision(['radiofrequency-ablation', 'vertebroplasty']), meeting, current)).toEqual({
      outcome: 'accepted',
      procedures: ['radiofrequency-ablation', 'vertebroplasty'],
      accessRoute: 'left unipedicular, prone',
      rationale: 'Painful lytic lesion, no fracture risk',
      date: '2026-12-10',
      decidedBy: 'Bone metastasis board, 2026-12-10',
    });
  });
});

describe('the case copy of board decisions', () => {
  const content = caseContentSchema.parse({ patient: { pseudonym: 'BM-001' } });

  it('appends a new decision with its meeting, and replaces it by id (one entry, new recommendation)', () => {
    const first = withBoardDecision(content, decision(['cryoablation']), meeting);
    expect(first.boardDecisions).toHaveLength(1);
    expect(first.boardDecisions[0]).toMatchObject({ boardId: meeting.id, boardTitle: 'Bone metastasis board', meetingDate: '2026-12-10', recommendations: ['cryoablation'] });
    expect(first.decision.outcome).toBe('accepted');
    const replaced = withBoardDecision(first, decision(['no-intervention'], { rationale: 'Rather not' }), meeting);
    expect(replaced.boardDecisions.map((d) => d.recommendations)).toEqual([['no-intervention']]);
    expect(replaced.decision).toMatchObject({ outcome: 'declined', procedures: [], rationale: 'Rather not' });
    // A decision of another meeting is kept beside it.
    const other = withBoardDecision(replaced, decision(['more-imaging'], { id: '33333333-3333-4333-8333-333333333333' }), { ...meeting, id: '44444444-4444-4444-8444-444444444444', date: '2027-01-07' });
    expect(other.boardDecisions.map((d) => d.meetingDate)).toEqual(['2026-12-10', '2027-01-07']);
    expect(other.decision.decidedBy).toBe('Bone metastasis board, 2027-01-07');
  });

  it('a follow-through changes only the copy, never the decision section', () => {
    const decided = withBoardDecision(content, decision(['cryoablation']), meeting);
    const edited = { ...decided, decision: { ...decided.decision, accessRoute: 'posterior, prone' } };
    const followed = withFollowThrough(
      edited,
      decision(['cryoablation'], { followThrough: { state: 'not-implemented', reason: 'Patient declined', recordedBy: 'att', recordedAt: '2026-12-20T08:00:00.000Z' } }),
      meeting,
    );
    expect(followed.decision).toEqual(edited.decision);
    expect(followed.boardDecisions[0]?.followThrough?.state).toBe('not-implemented');
    expect(caseContentSchema.safeParse(followed).success).toBe(true);
  });
});
