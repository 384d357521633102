import { describe, expect, it } from 'vitest';
import { countMask, maskValue } from '../../planning/lesions';
import type { PlanDraft, StructureDraft } from '../../planning/plan/planDraft';
import { BoxTool, boxCorners } from './boxTool';
import { pointer, toolTestContext, uniformVolume } from './toolTestContext';

// Gas (−1000 HU) where x ≤ 10 mm, soft tissue (40 HU) beyond.
const volume = uniformVolume((x) => (x <= 10.5 ? -1000 : 40));
const bowel: StructureDraft = { record: { id: 's', kind: 'bowel', name: 'Bowel', colour: '#ffa94d', safetyDistanceMm: 5 }, shape: { kind: 'mask', stored: null }, mask: null };
const draft: PlanDraft = { lesions: [], structures: [bowel], trajectories: [], extra: {} };

describe('boxCorners', () => {
  it('spans the drag’s rectangle and reaches half its diagonal on each side of the plane', () => {
    // In-plane diagonal (10, 6): √136 / 2 = 5.831 mm deep each way.
    const [c1, c2] = boxCorners([5, 5, 10], [15, 11, 10], [0, 0, 1]);
    expect(c1[0]).toBe(5);
    expect(c1[2]).toBeCloseTo(10 - Math.sqrt(136) / 2, 12);
    expect(c2[2]).toBeCloseTo(10 + Math.sqrt(136) / 2, 12);
    // A click without a drag still reaches 2 mm.
    expect(boxCorners([5, 5, 10], [5, 5, 10], [0, 0, 1])[1][2]).toBe(12);
  });
});

describe('BoxTool', () => {
  it('a dragged box fills the selected structure with the voxels in the HU range inside it, one undo step', () => {
    const t = toolTestContext({ volume, draft });
    t.store.select({ kind: 'structure', id: 's' });
    const box = new BoxTool(t.ctx);
    box.onPointer(pointer('down', [5, 5, 10]));
    expect(box.phase).toBe('pointing');
    expect(box.preview).toEqual({ kind: 'box', slot: 'axial', startCanvas: { x: 5, y: 5 } });
    box.onPointer(pointer('move', [12, 9, 10]));
    expect(box.phase).toBe('dragging');
    expect(t.repaints()).toBe(1);
    expect(t.store.draft).toBe(draft);
    box.onPointer(pointer('up', [15, 11, 10]));
    expect(box.preview).toBeNull();
    // Box: x 5…15, y 5…11, z ⌈4.17⌉…⌊15.83⌋ = 5…15; gas only at x 5…10: 6 × 7 × 11 voxels.
    const mask = t.store.draft.structures[0]!.mask!;
    expect(countMask(mask)).toBe(462);
    expect(maskValue(mask, 10, 11, 15)).toBe(1);
    expect(maskValue(mask, 11, 11, 15)).toBe(0);
    expect(maskValue(mask, 10, 12, 15)).toBe(0);
    expect(t.reports.at(-1)?.text).toBe('Bowel: 462 voxels between -1024 and -400 HU in the box');
    expect(t.store.getSnapshot().undoLabel).toBe('threshold in box');
  });

  it('without a structure selected it says so and changes nothing', () => {
    const t = toolTestContext({ volume, draft });
    const box = new BoxTool(t.ctx);
    box.onPointer(pointer('down', [5, 5, 10]));
    box.onPointer(pointer('up', [15, 11, 10]));
    expect(t.store.draft).toBe(draft);
    expect(t.reports.at(-1)?.kind).toBe('error');
  });

  it('cancel mid-drag drops the box and writes nothing', () => {
    const t = toolTestContext({ volume, draft });
    t.store.select({ kind: 'structure', id: 's' });
    const box = new BoxTool(t.ctx);
    box.onPointer(pointer('down', [5, 5, 10]));
    box.onPointer(pointer('move', [12, 9, 10]));
    box.cancel();
    expect(box.preview).toBeNull();
    expect(box.phase).toBe('idle');
    box.onPointer(pointer('up', [15, 11, 10]));
    expect(t.store.draft).toBe(draft);
    expect(t.store.getSnapshot().canUndo).toBe(false);
  });
});
