import { describe, expect, it } from 'vitest';
import { boardDecisionInputSchema, type BoardDecision } from '../../../records';
import { newestFirst, actionText, consensusText, draftOf, followThroughText, inputOf, isOverdue, issuesByPath, recommendationText, toggleRecommendation, trialText } from './decisionText';

const decision: BoardDecision = {
  id: '11111111-1111-4111-8111-111111111111',
  recommendations: ['microwave-ablation', 'cementoplasty-other'],
  cementoplastySite: 'left iliac wing',
  rationale: 'Painful osteolytic lesion',
  consensus: 'dissent',
  dissenters: [{ name: 'Dr Abe', reason: 'prefers radiotherapy' }, { name: 'Dr Roca', reason: '' }],
  trial: { eligible: 'yes', name: 'MOTION' },
  actionBy: 'IR team',
  dueDate: '2031-03-20',
  recordedBy: 'attending',
  recordedAt: '2031-03-06T10:00:00.000Z',
  followThrough: null,
};

describe('decision words', () => {
  it('says "Combination" for more than one code and names the other cementoplasty site', () => {
    expect(recommendationText(decision)).toBe('Combination: Microwave ablation + Cementoplasty: other site (left iliac wing)');
    expect(recommendationText({ recommendations: ['radiotherapy'], cementoplastySite: '' })).toBe('Radiotherapy');
  });
  it('names every dissenter with the reason when one was given', () => {
    expect(consensusText(decision)).toBe('Dissent: Dr Abe (prefers radiotherapy); Dr Roca');
    expect(consensusText({ consensus: 'consensus', dissenters: [] })).toBe('Consensus');
  });
  it('writes trial eligibility, who acts by when, and the follow-through', () => {
    expect(trialText(decision.trial)).toBe('Eligible for a trial: MOTION');
    expect(trialText({ eligible: 'not-assessed', name: '' })).toBe('Trial eligibility not assessed');
    expect(actionText(decision)).toBe('IR team, by 2031-03-20');
    expect(actionText({ actionBy: 'Oncology', dueDate: null })).toBe('Oncology, no date set');
    expect(followThroughText(null)).toBe('Open');
    expect(followThroughText({ state: 'not-implemented', reason: 'patient declined', recordedBy: 'a', recordedAt: '2031-04-01T00:00:00Z' })).toBe('Not implemented: patient declined');
  });
  it('calls an open decision overdue only after its due day', () => {
    expect(isOverdue(decision, '2031-03-20')).toBe(false);
    expect(isOverdue(decision, '2031-03-21')).toBe(true);
    expect(isOverdue({ ...decision, dueDate: null }, '2099-01-01')).toBe(false);
    expect(isOverdue({ ...decision, followThrough: { state: 'implemented', reason: '', recordedBy: 'a', recordedAt: '2031-03-10T00:00:00Z' } }, '2031-04-01')).toBe(false);
  });
});

describe('the decision form draft', () => {
  it('round-trips a recorded decision into a valid input', () => {
    const input = inputOf(draftOf(decision));
    const parsed = boardDecisionInputSchema.parse(input);
    expect(parsed.recommendations).toEqual(['microwave-ablation', 'cementoplasty-other']);
    expect(parsed.dissenters.map((d) => d.name)).toEqual(['Dr Abe', 'Dr Roca']);
    expect(parsed.dueDate).toBe('2031-03-20');
  });
  it('sends no date as null, drops dissenters under consensus and the site without "other"', () => {
    const d = { ...draftOf(decision), dueDate: ' ', consensus: 'consensus' as const, recommendations: ['radiotherapy' as const] };
    const input = inputOf(d);
    expect(input.dueDate).toBeNull();
    expect(input.dissenters).toEqual([]);
    expect(input.cementoplastySite).toBe('');
  });
  it('lets the schema name the missing fields of an empty draft', () => {
    const r = boardDecisionInputSchema.safeParse(inputOf(draftOf(null)));
    expect(r.success).toBe(false);
    const m = issuesByPath(r.error?.issues ?? []);
    expect([...m.keys()].sort()).toEqual(['actionBy', 'rationale', 'recommendations']);
    expect(issuesByPath([{ path: 'dissenters[0].name', message: 'Required' }]).get('dissenters.0.name')).toBe('Required');
  });
  it('never combines "no intervention" with another code', () => {
    expect(toggleRecommendation(['cryoablation', 'radiotherapy'], 'no-intervention')).toEqual(['no-intervention']);
    expect(toggleRecommendation(['no-intervention'], 'surgery')).toEqual(['surgery']);
    expect(toggleRecommendation(['surgery', 'radiotherapy'], 'surgery')).toEqual(['radiotherapy']);
  });
});

describe('the case page order', () => {
  it('lists the newest meeting first, and the later recording first within one meeting', () => {
    const rows = [
      { meetingDate: '2031-01-10', recordedAt: '2031-01-10T09:00:00Z', n: 1 },
      { meetingDate: '2031-03-06', recordedAt: '2031-03-06T09:00:00Z', n: 2 },
      { meetingDate: '2031-03-06', recordedAt: '2031-03-06T11:00:00Z', n: 3 },
    ];
    expect(newestFirst(rows).map((r) => r.n)).toEqual([3, 2, 1]);
  });
});
