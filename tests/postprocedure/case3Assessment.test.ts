import { beforeAll, describe, expect, it } from 'vitest';
import { ensureSampleStudies } from '../../sample-dicom/ensureSampleStudies';
import { assess, summary } from './assessmentHarness';
import { checkAssessment } from './checkAssessment';
import { loadPostProcedureCase, SAMPLE_DIR, type PostProcedureCase } from './loadPostProcedureCase';

/**
 * Case 3's post-vertebroplasty cone-beam CT against its demo plan (T10, left unipedicular
 * access), checked against the generator's truth.json: the needle (off plan by a stated tip
 * distance and angle), the cement, T10's fill, the disc and segmental vein leaks with their
 * classes. With the truth's transform and with the registration.
 */
/**
 * The fill is measured over the plan's T10 mask, which `growLesion` made on 2 mm CT slices: 201
 * of its 1449 voxels lie outside the painted lesion and 257 of the lesion's 1505 voxels outside
 * it (Dice 0.85, counted with the generator's shape on the CT grid while this test was written),
 * and the cement does not reach the extra rim and the spurs above and below. So the plan's
 * lesion reads about 6 points less filled than the painted one; the bound here is 8 points
 * (case 2's lesions, grown the same way but larger, meet the issue's 5).
 */
const FILL_POINTS_CASE3 = 8;

describe('case 3 post-procedure assessment against the truth', () => {
  let c: PostProcedureCase;
  beforeAll(async () => {
    await ensureSampleStudies(SAMPLE_DIR, { keys: ['case3-spine-ct', 'case3-cbct'], log: () => undefined });
    c = await loadPostProcedureCase(SAMPLE_DIR, 'case3-spine-ct', 'case3-cbct');
  });

  it('with the truth transform: needle, cement, fill and leaks within the bounds', async () => {
    const { result, ms } = await assess(c, c.truth.pose!.planningToThisLps);
    console.log(`case 3, truth transform, ${Math.round(ms)} ms\n${summary(result)}`);
    expect(checkAssessment(result, c.truth, c.plan, { fillPoints: FILL_POINTS_CASE3 })).toEqual([]);
    expect(result.cement.leaks.map((l) => l.location).sort()).toEqual(['disc', 'segmental-venous']);
  });

  it('with the registration: the same bounds', async () => {
    const { result, ms } = await assess(c);
    console.log(`case 3, registered, ${Math.round(ms)} ms\n${summary(result)}`);
    expect(checkAssessment(result, c.truth, c.plan, { fillPoints: FILL_POINTS_CASE3 })).toEqual([]);
  });
});
