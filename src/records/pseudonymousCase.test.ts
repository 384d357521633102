import { describe, expect, it } from 'vitest';
import { caseContentSchema } from './caseRecord';
import { pseudonymousCase, shiftIsoDate } from './pseudonymousCase';

/* Hand-worked: 2026 is not a leap year, so 2026-03-01 − 40 days = (−1) Feb 28, (−28) Feb 1, (−29) Jan 31, (−40) Jan 20. */

const source = caseContentSchema.parse({
  title: 'Right acetabulum',
  patient: { pseudonym: 'Jane Roe', pseudonymous: false, sex: 'female', ageYears: 64, birthYear: 1962, identifiers: [{ system: 'MRN', value: 'H-778812' }] },
  pain: { assessedOn: '2026-03-01' },
  tumour: { diagnosisDate: '2025-11-15' },
  decision: { date: '2026-03-10' },
  followUps: [
    { date: '2026-03-17', label: '1 week' },
    { date: '2026-04-14', label: '5 weeks' },
  ],
  linkedStudies: [
    { studyInstanceUID: '1.2.3.1', source: 'dicomweb', sourceDetail: 'PACS-North', description: 'CT pelvis' },
    { studyInstanceUID: '1.2.3.2', description: 'MR, not copied' },
  ],
  lesions: [{ label: 'L1', studyInstanceUID: '1.2.3.1' }],
  notes: 'Seen by Dr Who on 2026-03-01.',
});
const studyUid = (uid: string): string | undefined => (uid === '1.2.3.1' ? '2.25.42' : undefined);

describe('shiftIsoDate', () => {
  it('moves dates and date-times by whole days, keeping the time and zone', () => {
    expect(shiftIsoDate('2026-03-01', -40)).toBe('2026-01-20');
    expect(shiftIsoDate('2024-03-01', -1)).toBe('2024-02-29');
    expect(shiftIsoDate('2026-03-01T10:15:00.000Z', -40)).toBe('2026-01-20T10:15:00.000Z');
    expect(shiftIsoDate('2026-03-29T01:30:00+02:00', 1)).toBe('2026-03-30T01:30:00+02:00');
    expect(shiftIsoDate('2026-02-30', 1)).toBeNull();
    expect(shiftIsoDate('on 2026-03-01', 1)).toBeNull();
  });
});

describe('pseudonymousCase', () => {
  const { case: out, changes } = pseudonymousCase(source, { dateShiftDays: -40, pseudonym: 'TEACH-3f9a', studyUid });

  it('removes the identity and keeps the patient characteristics', () => {
    expect(out.patient).toEqual({ pseudonym: 'TEACH-3f9a', pseudonymous: true, sex: 'female', ageYears: 64, birthYear: null, identifiers: [] });
    expect(JSON.stringify(out)).not.toContain('H-778812');
    expect(JSON.stringify(out)).not.toContain('Jane Roe');
    expect(changes).toContainEqual({ path: 'patient.identifiers[0]', action: 'removed', before: 'MRN: H-778812', after: null });
    expect(changes).toContainEqual({ path: 'patient.birthYear', action: 'removed', before: '1962', after: null });
  });

  it('shifts every date by the same days so intervals stay true', () => {
    expect(out.pain.assessedOn).toBe('2026-01-20');
    expect(out.tumour.diagnosisDate).toBe('2025-10-06'); // Nov 15 − 15 = Oct 31, − 25 more = Oct 6
    expect(out.decision.date).toBe('2026-01-29');
    expect(out.followUps.map((f) => f.date)).toEqual(['2026-02-05', '2026-03-05']);
    const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    // 28 days between the follow-ups before (Mar 17 → Apr 14) and after.
    expect(days(out.followUps[0]!.date, out.followUps[1]!.date)).toBe(28);
    expect(changes).toContainEqual({ path: 'pain.assessedOn', action: 'shifted', before: '2026-03-01', after: '2026-01-20' });
    expect(changes).toContainEqual({ path: 'followUps[1].date', action: 'shifted', before: '2026-04-14', after: '2026-03-05' });
  });

  it('moves linked studies and lesions to the new study UIDs and drops what was not copied', () => {
    expect(out.linkedStudies).toEqual([{ studyInstanceUID: '2.25.42', source: 'embedded', sourceDetail: '', description: 'CT pelvis', role: null }]);
    expect(out.lesions[0]!.studyInstanceUID).toBe('2.25.42');
    expect(changes).toContainEqual({ path: 'linkedStudies[1]', action: 'removed', before: '1.2.3.2', after: null });
  });

  it('keeps free text as written (the author answers for it) and leaves the input untouched', () => {
    expect(out.notes).toBe('Seen by Dr Who on 2026-03-01.');
    expect(source.patient.identifiers).toHaveLength(1);
    expect(source.pain.assessedOn).toBe('2026-03-01');
    expect(caseContentSchema.safeParse(out).success).toBe(true);
  });
});
