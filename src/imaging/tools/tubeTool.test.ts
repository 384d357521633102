import { describe, expect, it } from 'vitest';
import { boxFromCorners, countMask, createMask } from '../../planning/lesions';
import type { PlanDraft, StructureDraft } from '../../planning/plan/planDraft';
import { pointer, toolTestContext, uniformVolume } from './toolTestContext';
import { TubeTool } from './tubeTool';

const volume = uniformVolume();
const root: StructureDraft = { record: { id: 's', kind: 'nerve-root', name: 'L5 root', colour: '#ffd43b', safetyDistanceMm: 3 }, shape: { kind: 'mask', stored: null }, mask: null };
const draftOf = (s: StructureDraft): PlanDraft => ({ lesions: [], structures: [s], trajectories: [], extra: {} });
const click = (tool: TubeTool, at: [number, number, number]): void => {
  tool.onPointer(pointer('down', at));
  tool.onPointer(pointer('up', at));
};

describe('TubeTool', () => {
  it('each click adds a point to the selected structure’s tube of the options’ radius, one undo step each', () => {
    const t = toolTestContext({ volume, draft: draftOf(root) });
    t.store.select({ kind: 'structure', id: 's' });
    const tool = new TubeTool(t.ctx);
    click(tool, [10, 10, 10]);
    const one = t.store.draft.structures[0]!;
    expect(one.shape).toEqual({ kind: 'tube', pointsLps: [[10, 10, 10]], radiusMm: 4, frameOfReferenceUID: '1.2.3.4' });
    // One point: a ball of radius 4 mm, 49 + 2·(45 + 37 + 21 + 1) = 257 voxel centres.
    expect(countMask(one.mask!)).toBe(257);
    click(tool, [16, 10, 10]);
    const two = t.store.draft.structures[0]!;
    expect(two.shape.kind === 'tube' && two.shape.pointsLps).toEqual([[10, 10, 10], [16, 10, 10]]);
    // A capsule: 7 full discs of 49 (x 10…16) plus the two half balls (45 + 37 + 21 + 1 each).
    expect(countMask(two.mask!)).toBe(7 * 49 + 2 * 104);
    expect(t.reports.at(-1)?.text).toBe('L5 root: 2 points, radius 4 mm — keep clicking along it; Esc ends');
    t.store.undo();
    expect(countMask(t.store.draft.structures[0]!.mask!)).toBe(257);
    t.store.undo();
    expect(t.store.draft.structures[0]).toBe(root);
  });

  it('refuses a structure that already has painted voxels, and no selection', () => {
    const painted: StructureDraft = { ...root, mask: createMask(volume.dimensions, boxFromCorners([1, 1, 1], [2, 2, 2])) };
    const t = toolTestContext({ volume, draft: draftOf(painted) });
    const tool = new TubeTool(t.ctx);
    click(tool, [10, 10, 10]);
    expect(t.reports.at(-1)?.text).toBe('Add or select a structure at risk first; clicks then lay its tube point by point');
    t.store.select({ kind: 'structure', id: 's' });
    click(tool, [10, 10, 10]);
    expect(t.reports.at(-1)?.text).toBe('L5 root already has painted voxels: add a new structure for a tube');
    expect(t.store.draft.structures[0]).toBe(painted);
  });
});
