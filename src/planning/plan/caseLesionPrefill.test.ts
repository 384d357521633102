import { describe, expect, it } from 'vitest';
import { lesionSchema } from '../../records';
import { planLesionSchema } from '../records/planLesion';
import { prefillCaseLesion, sinsCollapse } from './caseLesionPrefill';

const t10 = planLesionSchema.parse({
  id: 'L1',
  label: 'T10',
  site: { kind: 'vertebra', level: 'T10', part: 'body' },
  side: 'midline',
  type: 'lytic',
  flags: { pathologicalFracture: true, corticalBreach: true, softTissueExtension: false, posteriorVertebralWallInvolvement: false, vertebralBodyCollapsePercent: 70 },
  measurements: { volumeMl: 1.8, principalDiametersMm: [24.4, 16.1, 11.2], longestAxialDiameterMm: 25.3, hu: null },
});

describe('prefillCaseLesion', () => {
  it('fills a new case lesion from the plan: region, level, site, type, fracture, largest diameter and the SINS components', () => {
    const l = prefillCaseLesion(t10, undefined, '1.2.3');
    expect(l.id).toBe('L1');
    expect(l.region).toBe('spine');
    expect(l.spinalLevel).toBe('T10');
    expect(l.site).toBe('T10 body');
    expect(l.lesionType).toBe('lytic');
    expect(l.pathologicalFracture).toBe(true);
    // The largest of the principal and axial diameters, to 0.1 mm.
    expect(l.largestDiameterMm).toBe(25.3);
    expect(l.studyInstanceUID).toBe('1.2.3');
    // T10 is semi-rigid (T3–T10); lytic; 70 % collapse is over 50 %.
    expect(l.scores.sins?.components).toEqual({ location: 'semi-rigid', boneLesion: 'lytic', collapse: 'over-50-percent' });
    expect(() => lesionSchema.parse(l)).not.toThrow();
  });

  it('never overwrites what the board entered', () => {
    const existing = lesionSchema.parse({
      id: 'L1',
      label: 'Board label',
      lesionType: 'mixed',
      largestDiameterMm: 30,
      scores: { sins: { components: { boneLesion: 'mixed', pain: 'mechanical' } } },
    });
    const l = prefillCaseLesion(t10, existing, null);
    expect(l.label).toBe('Board label');
    expect(l.lesionType).toBe('mixed');
    expect(l.largestDiameterMm).toBe(30);
    expect(l.scores.sins?.components).toEqual({ pain: 'mechanical', boneLesion: 'mixed', location: 'semi-rigid', collapse: 'over-50-percent' });
  });

  it('gives no SINS for a pelvic lesion and maps collapse % to the SINS categories', () => {
    const pelvic = planLesionSchema.parse({ id: 'P', site: { kind: 'acetabulum', part: 'superior' }, side: 'right', type: 'lytic' });
    const l = prefillCaseLesion(pelvic, undefined, null);
    expect(l.region).toBe('pelvis-acetabulum');
    expect(l.site).toBe('right superior acetabulum');
    expect(l.scores.sins).toBeNull();
    expect([sinsCollapse(null), sinsCollapse(0), sinsCollapse(50), sinsCollapse(51)]).toEqual([undefined, 'none', 'under-50-percent', 'over-50-percent']);
  });
});
