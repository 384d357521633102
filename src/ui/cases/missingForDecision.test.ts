import { describe, expect, it } from 'vitest';
import { caseContentSchema } from '../../records';
import { missingForDecision } from './missingForDecision';

const empty = () => caseContentSchema.parse({ patient: { pseudonym: 'A' } });

describe('missing for a decision', () => {
  it('lists the twelve decision fields of the domain list for an empty case, by their labels', () => {
    const m = missingForDecision(empty());
    expect(m.map((x) => x.path)).toEqual([
      'tumour.primary',
      'extentOfDisease.boneMetastases',
      'prognosis.lifeExpectancy',
      'involvement.bone',
      'involvement.softTissue',
      'decision.accessRoute',
      'functionAndGoals.dailyActivities',
      'pain.atRest',
      'pain.onWeightBearing',
      'functionAndGoals.patientGoals',
      'pain.maximalPainSite',
      'pain.imagingCorrelation',
    ]);
    expect(m[0]!.label).toBe('Tumour type');
  });

  it('drops a field once filled, counts whitespace as empty, and "not assessed" correlation as missing', () => {
    const c = empty();
    c.tumour.primary = 'breast';
    c.pain.onWeightBearing = 0; // zero pain is a value, not a gap
    c.involvement.bone = '   ';
    c.pain.imagingCorrelation = 'concordant';
    const paths = missingForDecision(c).map((x) => x.path);
    expect(paths).toHaveLength(9);
    expect(paths).not.toContain('tumour.primary');
    expect(paths).not.toContain('pain.onWeightBearing');
    expect(paths).not.toContain('pain.imagingCorrelation');
    expect(paths).toContain('involvement.bone');
  });
});
