import { describe, expect, it } from 'vitest';
import { caseConsistencyIssues } from './caseConsistency';
import { caseContentSchema, caseInputSchema } from './caseRecord';
import { deriveCase } from './deriveCase';
import { issuesOf } from './validationIssues';

let n = 0;
const newId = () => `id-${++n}`;

describe('case record schema', () => {
  it('needs only a pseudonym and fills every section with its empty default', () => {
    const c = caseContentSchema.parse({ patient: { pseudonym: 'Teaching case' } });
    expect(c.status).toBe('referred');
    expect(c.patient).toMatchObject({ pseudonym: 'Teaching case', pseudonymous: true, sex: 'unknown', ageYears: null });
    expect(c.pain).toMatchObject({ scale: 'NRS', atRest: null, imagingCorrelation: 'not-assessed' });
    expect(c.decision).toEqual({ outcome: 'pending', procedures: [], accessRoute: '', rationale: '', date: null, decidedBy: '' });
    expect(c.analgesics).toEqual({ entries: [], mme: null });
    expect([c.lesions, c.followUps, c.linkedStudies, c.notes]).toEqual([[], [], [], '']);
  });

  it('reports each failing field by its path, unknown fields included', () => {
    const r = caseInputSchema.safeParse({
      patient: { pseudonym: '' },
      pain: { atRest: 11, onWeightBearing: 4.5 },
      performance: { ecog: 6, karnofsky: 75 },
      lesions: [{ spinalLevel: 'T13', scores: { sins: { components: { pain: 'severe' } } } }],
      followUps: [{ date: '2024-02-30' }],
      linkedStudies: [{ studyInstanceUID: '1.02.3' }],
      decision: { procedures: ['vertebroplasty', 'vertebroplasty'] },
      colour: 'red',
    });
    expect(r.success).toBe(false);
    const paths = issuesOf(r.error!).map((i) => i.path).sort();
    expect(paths).toEqual(
      [
        'colour',
        'decision.procedures',
        'followUps[0].date',
        'lesions[0].scores.sins.components.pain',
        'lesions[0].spinalLevel',
        'linkedStudies[0].studyInstanceUID',
        'pain.atRest',
        'pain.onWeightBearing',
        'patient.pseudonym',
        'performance.ecog',
        'performance.karnofsky',
      ].sort(),
    );
  });

  it('accepts a VAS score with a decimal', () => {
    expect(caseContentSchema.safeParse({ patient: { pseudonym: 'x' }, pain: { scale: 'VAS', atRest: 4.5 } }).success).toBe(true);
  });
});

describe('deriveCase', () => {
  it('computes score results and MME and assigns missing ids, replacing what a client sent', () => {
    const c = caseContentSchema.parse({
      patient: { pseudonym: 'x' },
      analgesics: {
        entries: [{ name: 'Oxycodone', opioid: 'oxycodone', dailyDose: 60 }],
        mme: { tableId: 'cdc-2022', tableVersion: '2022-11', totalMmePerDay: 1, lines: [] },
      },
      lesions: [
        {
          spinalLevel: 'T10',
          scores: {
            sins: {
              components: { location: 'semi-rigid', pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'over-50-percent', posterolateral: 'unilateral' },
              result: { total: 3, category: 'stable', missing: [] },
            },
            genant: { components: { heightLossPercent: 90 } },
          },
        },
      ],
      followUps: [{ date: '2024-03-01', opioidFree: true }],
    });
    const d = deriveCase(c, newId);
    expect(d.analgesics.mme?.totalMmePerDay).toBe(90);
    expect(d.lesions[0]?.scores.sins?.result).toEqual({ total: 10, category: 'potentially-unstable', missing: [] });
    expect(d.lesions[0]?.scores.genant?.result).toEqual({ total: 3, category: '3', missing: [] });
    expect(d.lesions[0]?.scores.mirels).toBeNull();
    expect(d.lesions[0]?.id).toMatch(/^id-/);
    expect(d.followUps[0]?.analgesics.mme?.totalMmePerDay).toBe(0);
    expect(deriveCase(d, newId)).toEqual(d);
  });

  it('flags duplicate ids, a study linked twice and "off opioids" with an opioid listed', () => {
    const c = caseContentSchema.parse({
      patient: { pseudonym: 'x' },
      lesions: [{ id: 'a' }, { id: 'a' }],
      linkedStudies: [{ studyInstanceUID: '1.2.3' }, { studyInstanceUID: '1.2.3' }],
      followUps: [{ date: '2024-01-01', opioidFree: true, analgesics: { entries: [{ name: 'Morphine', opioid: 'morphine', dailyDose: 10 }] } }],
    });
    expect(caseConsistencyIssues(c).map((i) => i.path)).toEqual(['lesions[1].id', 'linkedStudies[1].studyInstanceUID', 'followUps[0].opioidFree']);
  });
});
