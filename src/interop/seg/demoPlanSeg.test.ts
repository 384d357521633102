import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'vitest';
import { DEMO_CASE_KEYS, buildDemoPlan } from '../../server/demo/demoPlans';
import { readDemoStudy } from '../../server/demo/loadDemoPlan';
import { validatorSkipReason } from '../../../tests/support/dicomValidate';
import { sampleDir } from '../../../tests/support/paths';
import { storedPlan } from '../../../tests/support/planFixture';
import { catalogue, verifySeg } from './planSegVerification';

// The SEG of the plan on the real CT in ../shared is in demoPlanSegReal.test.ts.

describe('the SEG of each demo plan', () => {
  for (const key of DEMO_CASE_KEYS) {
    it(`${key}: dciodvfy and dcentvfy pass, and pydicom finds each segment's voxels as the plan stores them`, async (context) => {
      const skip = validatorSkipReason();
      if (skip) return context.skip(skip);
      if (!existsSync(path.join(sampleDir, key, 'truth.json'))) {
        const why = `skipped: the sample study ${key} is not generated in ${sampleDir} (npm run samples)`;
        console.warn(why);
        return context.skip(why);
      }
      const study = await readDemoStudy(sampleDir, key);
      if (!study.ok) throw new Error(study.error);
      const input = buildDemoPlan(key, study.value.volume, study.value.truth, catalogue);
      if (!input.ok) throw new Error(input.error);
      const plan = await storedPlan(
        { ...input.value, approvedBy: null, approvedAt: null },
        () => Promise.resolve({ volume: study.value.volume, patientPosition: 'HFS' }),
        { id: '0b7f6f3e-8a51-4c0e-a0f4-3f3c2b1a0d9e' },
      );

      const dir = path.join(sampleDir, key);
      await verifySeg(key, plan, (await readdir(dir)).filter((f) => /^IM\d+\.dcm$/.test(f)).sort().map((f) => path.join(dir, f)));
    });
  }
});
