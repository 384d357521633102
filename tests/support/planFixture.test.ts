import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMask } from '../../src/planning/encoding/encodeMask';
import { maskValue } from '../../src/planning/mask/voxelMask';
import { lesionContentSchema } from '../../src/planning/records/lesionContent';
import { trajectoryContentSchema } from '../../src/planning/trajectory/trajectoryContent';
import { writeCtFixture, type CtFixture } from './ctFixture';
import { FIXTURE_DEVICES, fixturePlan } from './planFixture';

let dir: string;
let ct: CtFixture;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'percuplan-planfix-'));
  // 20 × 20 × 10, 1 mm pixels, 2 mm slices; voxel (i, j, k) centre at (−10 + i, −10 + j, −10 + 2k).
  ct = await writeCtFixture(dir, { columns: 20, rows: 20, slices: 10, pixelSpacing: [1, 1], sliceSpacingMm: 2, order: 'descending', origin: [-10, -10, -10] });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fixturePlan', () => {
  it('stores masks on the CT grid and has the server recompute measurements and metrics', async () => {
    const cube: [number, number, number][] = [];
    for (const k of [4, 5]) for (const j of [9, 10]) for (const i of [9, 10]) cube.push([i, j, k]);
    const plan = await fixturePlan(ct, {
      version: 3,
      title: 'T',
      lesions: [{ id: 'l1', label: 'L1 lesion', voxels: cube }],
      structures: [
        { id: 'cord', kind: 'spinal-cord', name: 'Cord', voxels: [[2, 2, 0]] },
        { id: 'root', kind: 'nerve-root', name: 'Root', tube: { pointsLps: [[5, -5, -10], [5, -5, 8]], radiusMm: 1.5 } },
      ],
      // Target at the cube's centre (−0.5, −0.5, −1), entry 9 mm posterior of it.
      trajectories: [{ id: 't1', deviceId: FIXTURE_DEVICES.cryoprobe, entry: [-0.5, 8.5, -1], target: [-0.5, -0.5, -1], lesionId: 'l1' }],
    });
    expect(plan.version).toBe(3);
    expect(plan.seriesInstanceUID).toBe(ct.seriesInstanceUID);
    const lesions = lesionContentSchema.parse(plan.content);
    const lesion = lesions.lesions[0]!;
    // 8 voxels of 1 × 1 × 2 mm = 16 mm³.
    expect(lesion.measurements?.volumeMl).toBeCloseTo(0.016, 6);
    const mask = decodeMask(lesion.segmentation!);
    expect(mask.ok).toBe(true);
    if (!mask.ok) return;
    expect(maskValue(mask.value, 9, 10, 5)).toBe(1);
    expect(maskValue(mask.value, 8, 10, 5)).toBe(0);
    expect(lesions.structuresAtRisk.map((s) => s.shape.kind)).toEqual(['mask', 'tube']);
    const trajectories = trajectoryContentSchema.parse(plan.content);
    expect(trajectories.trajectories[0]!.metrics?.depthMm).toBeCloseTo(9, 2);
    expect(trajectories.zoneMetrics?.lesions[0]?.lesionId).toBe('l1');
  });

  it('refuses a voxel outside the grid, naming it', async () => {
    await expect(fixturePlan(ct, { lesions: [{ id: 'l', label: 'x', voxels: [[20, 0, 0]] }] })).rejects.toThrow(/voxel 20,0,0 is outside the 20×20×10 grid/);
  });
});
