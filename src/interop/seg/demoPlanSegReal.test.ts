import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'vitest';
import { indexToWorld } from '../../planning/volume/indexWorld';
import { voxel } from '../../shared/vec3';
import { validatorSkipReason } from '../../../tests/support/dicomValidate';
import { readCtSeries } from '../../../tests/support/ctFixture';
import { sharedDicom, sharedSkipReason } from '../../../tests/support/paths';
import { FIXTURE_DEVICES, fixturePlan, type FixtureVoxel } from '../../../tests/support/planFixture';
import { verifySeg } from './planSegVerification';

// Apart from the demo plans (demoPlanSeg.test.ts) so that the check that runs the tests again
// with ../shared hidden (scripts/test-without-shared.sh) runs only this one.

describe('the SEG of a plan on the real CT in ../shared', () => {
  it('ct-torso-spine-cort (implicit VR, 3 mm pixels, sparse headers, files not in position order): valid, consistent, voxel-exact', async (context) => {
    const skip = validatorSkipReason() ?? sharedSkipReason('the SEG on the real CT');
    if (skip) return context.skip(skip);
    const dir = path.join(sharedDicom, 'real', 'ct-torso-spine-cort');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.dcm')).map((f) => path.join(dir, f));
    const ct = await readCtSeries(dir, files);
    const g = ct.grid.geometry;
    const lesion: FixtureVoxel[] = [];
    for (let k = 120; k <= 122; k++) for (let j = 130; j <= 133; j++) for (let i = 106; i <= 110; i++) lesion.push([i, j, k]);
    const target = indexToWorld(g, voxel(108, 131, 121));
    const at = (v: FixtureVoxel): [number, number, number] => {
      const p = indexToWorld(g, voxel(v[0], v[1], v[2]));
      return [p[0], p[1], p[2]];
    };
    const plan = await fixturePlan(ct, {
      title: 'Real CT: vertebral cryoablation',
      lesions: [{ id: 'vb', label: 'Vertebral body lesion', voxels: lesion }],
      structures: [
        { id: 'canal', kind: 'spinal-canal', name: 'Spinal canal', tube: { pointsLps: [at([108, 140, 100]), at([108, 140, 140])], radiusMm: 5 } },
        { id: 'skin', kind: 'skin', name: 'Skin patch', voxels: [[108, 180, 121], [109, 180, 121]] },
      ],
      trajectories: [
        { id: 'c1', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [target[0] - 6, target[1] + 90, target[2]], target: [target[0] - 6, target[1], target[2]], lesionId: 'vb' },
        { id: 'c2', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [target[0] + 6, target[1] + 90, target[2]], target: [target[0] + 6, target[1], target[2]], lesionId: 'vb' },
      ],
    });
    await verifySeg('real-ct', plan, files);
  });
});
