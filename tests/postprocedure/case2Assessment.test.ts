import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSampleStudies } from '../../sample-dicom/ensureSampleStudies';
import { case2Cbct } from '../../sample-dicom/studies/case2Cbct';
import { assess, offsetBy, summary } from './assessmentHarness';
import { checkAssessment } from './checkAssessment';
import { loadPostProcedureCase, SAMPLE_DIR, type PostProcedureCase } from './loadPostProcedureCase';
import { fillLines, planMaskFillTruth, type PlanMaskFill } from './planMaskFill';

/**
 * Case 2's cone-beam CT against its demo plan, checked against the generator's truth.json: the
 * two needles (one 3 mm / 4° off, one on plan), the cement, each lesion's fill (against the
 * generator's cement over the plan's own lesion mask, planMaskFill.ts), the venous and
 * soft-tissue leaks. With the truth's transform, with the registration, and — once, the test of
 * the test — with a transform 2 mm off, which the checker must catch.
 */
describe('case 2 post-procedure assessment against the truth', () => {
  let c: PostProcedureCase;
  let planFill: PlanMaskFill[];
  beforeAll(async () => {
    await ensureSampleStudies(SAMPLE_DIR, { keys: ['case2-pelvis-ct', 'case2-cbct'], log: () => undefined });
    c = await loadPostProcedureCase(SAMPLE_DIR, 'case2-pelvis-ct', 'case2-cbct');
    planFill = planMaskFillTruth(c, case2Cbct);
  });

  it('with the truth transform: needles, cement, fill and leaks within the bounds, in a few seconds', async () => {
    const { result, ms } = await assess(c, c.truth.pose!.planningToThisLps);
    console.log(`case 2, truth transform, ${Math.round(ms)} ms\n${summary(result)}\n${fillLines(planFill, c.truth, result)}`);
    expect(checkAssessment(result, c.truth, c.plan, planFill)).toEqual([]);
    expect(result.registration.source).toBe('given');
    expect(result.registration.residual.ncc).toBeGreaterThan(0.8);
    expect(result.needles.map((n) => n.found)).toEqual(['detected', 'detected']);
    expect(ms).toBeLessThan(15_000);
  });

  it('with the registration: the same bounds', async () => {
    const { result, ms } = await assess(c);
    console.log(`case 2, registered, ${Math.round(ms)} ms\n${summary(result)}\n${fillLines(planFill, c.truth, result)}`);
    expect(result.registration.source).toBe('automatic');
    expect(checkAssessment(result, c.truth, c.plan, planFill)).toEqual([]);
  });

  it('test of the test: a transform 2 mm off fails the checker', async () => {
    const { result } = await assess(c, offsetBy(c.truth.pose!.planningToThisLps, 2));
    const failures = checkAssessment(result, c.truth, c.plan, planFill);
    console.log(`case 2, 2 mm off: ${failures.length} failures\n${failures.join('\n')}`);
    expect(failures.length).toBeGreaterThan(0);
    // The on-plan needle reads about 2 mm off: the one check no registration error can hide.
    expect(failures.some((f) => f.startsWith('cement-ramus'))).toBe(true);
  });
});
