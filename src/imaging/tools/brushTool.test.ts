import { describe, expect, it } from 'vitest';
import { boxFromCorners, countMask, createMask, planLesionSchema } from '../../planning/lesions';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { BrushTool } from './brushTool';
import { pointer, toolTestContext, uniformVolume } from './toolTestContext';

const volume = uniformVolume();
const lesionMask = (t: ReturnType<typeof toolTestContext>, i = 0) => t.store.draft.lesions[i]?.mask ?? null;

// Lattice points (a, b) with a² + b² ≤ r² (a 1 mm grid, the dab centred on a voxel):
// r = 4: 9 + 2·7 + 2·7 + 2·5 + 2·1 = 49; r = 2: 5 + 2·3 + 2·1 = 13.
const DISC_R4 = 49;
const DISC_R2 = 13;

describe('BrushTool', () => {
  it('a dab with nothing selected paints a disc of the brush radius into a new lesion, one undo step', () => {
    const t = toolTestContext({ volume });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    expect(brush.phase).toBe('pointing');
    expect(t.store.getSnapshot().inGesture).toBe(true);
    brush.onPointer(pointer('up', [10, 10, 10]));
    expect(brush.phase).toBe('idle');
    expect(t.store.draft.lesions).toHaveLength(1);
    expect(t.store.draft.lesions[0]!.record.label).toBe('L1');
    expect(t.store.getSnapshot().selection).toEqual({ kind: 'lesion', id: t.store.draft.lesions[0]!.record.id });
    expect(countMask(lesionMask(t)!)).toBe(DISC_R4);
    // 49 voxels of 1 mm³.
    expect(t.store.draft.lesions[0]!.record.measurements?.volumeMl).toBeCloseTo(0.049, 6);
    expect(t.store.getSnapshot().undoLabel).toBe('brush');
    t.store.undo();
    expect(t.store.draft.lesions).toHaveLength(0);
    expect(t.store.getSnapshot().canUndo).toBe(false);
  });

  it('a stroke dabs at the press and every move, and waits for its end to be measured', () => {
    const t = toolTestContext({ volume });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    brush.onPointer(pointer('move', [14, 10, 10]));
    expect(brush.phase).toBe('dragging');
    expect(brush.defersMetrics).toBe(true);
    brush.onPointer(pointer('up', [14, 10, 10]));
    expect(brush.defersMetrics).toBe(false);
    // Two discs of 49 whose centres are 4 mm apart share 1 + 5 + 7 + 5 + 1 = 19 voxels.
    expect(countMask(lesionMask(t)!)).toBe(2 * DISC_R4 - 19);
    t.store.undo();
    expect(t.store.draft.lesions).toHaveLength(0);
  });

  it('a sphere brush paints a ball', () => {
    const t = toolTestContext({ volume, options: { brushSphere: true } });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    brush.onPointer(pointer('up', [10, 10, 10]));
    // Lattice points in a ball of radius 4: 49 + 2·(45 + 37 + 21 + 1) = 257.
    expect(countMask(lesionMask(t)!)).toBe(257);
  });

  it('a dab inside the mask’s box is undone exactly (the mask before the stroke is not edited in place)', () => {
    // One voxel set in a 21³ box: the dab at (10, 10, 10) lies inside the box.
    const mask = createMask(volume.dimensions, boxFromCorners([0, 0, 0], [20, 20, 20]));
    mask.data[0] = 1;
    const record = planLesionSchema.parse({ id: 'L', label: 'L1' });
    const draft: PlanDraft = { lesions: [{ record, mask, stored: null }], structures: [], trajectories: [], extra: {} };
    const t = toolTestContext({ volume, draft });
    t.store.select({ kind: 'lesion', id: 'L' });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    brush.onPointer(pointer('up', [10, 10, 10]));
    expect(countMask(lesionMask(t)!)).toBe(1 + DISC_R4);
    t.store.undo();
    expect(lesionMask(t)).toBe(mask);
    expect(countMask(mask)).toBe(1);
  });

  it('the eraser clears a disc from the selected lesion', () => {
    const t = toolTestContext({ volume });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    brush.onPointer(pointer('up', [10, 10, 10]));
    const eraser = new BrushTool(t.ctx, 'erase');
    t.setOptions({ brushRadiusMm: 2 });
    eraser.onPointer(pointer('down', [10, 10, 10]));
    eraser.onPointer(pointer('up', [10, 10, 10]));
    expect(countMask(lesionMask(t)!)).toBe(DISC_R4 - DISC_R2);
    expect(t.store.getSnapshot().undoLabel).toBe('eraser');
  });

  it('the eraser with nothing selected says so and changes nothing', () => {
    const t = toolTestContext({ volume });
    const before = t.store.getSnapshot();
    const eraser = new BrushTool(t.ctx, 'erase');
    eraser.onPointer(pointer('down', [10, 10, 10]));
    eraser.onPointer(pointer('up', [10, 10, 10]));
    expect(t.store.getSnapshot()).toBe(before);
    expect(eraser.phase).toBe('idle');
    expect(t.reports.at(-1)).toEqual({ kind: 'error', text: 'Select the lesion or structure to erase from' });
  });

  it('no stroke while the volume is loading', () => {
    const t = toolTestContext();
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    expect(t.store.draft.lesions).toHaveLength(0);
    expect(t.store.getSnapshot().inGesture).toBe(false);
    expect(t.reports.at(-1)?.kind).toBe('error');
  });

  it('cancel mid-stroke leaves the plan and its history as they were and ends the gesture', () => {
    const t = toolTestContext({ volume });
    const before = t.store.draft;
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    brush.onPointer(pointer('move', [12, 10, 10]));
    expect(t.store.draft.lesions).toHaveLength(1);
    brush.cancel();
    expect(t.store.draft).toBe(before);
    expect(t.store.getSnapshot().inGesture).toBe(false);
    expect(t.store.getSnapshot().canUndo).toBe(false);
    expect(brush.phase).toBe('idle');
    expect(brush.defersMetrics).toBe(false);
    // Moves after a cancel paint nothing.
    brush.onPointer(pointer('move', [14, 10, 10]));
    expect(t.store.draft).toBe(before);
  });
});

describe('BrushTool: an undo during a stroke', () => {
  it('ends the stroke: later moves paint nothing', () => {
    const t = toolTestContext({ volume });
    const brush = new BrushTool(t.ctx, 'brush');
    brush.onPointer(pointer('down', [10, 10, 10]));
    t.store.undo();
    expect(t.store.draft.lesions).toHaveLength(0);
    brush.onPointer(pointer('move', [14, 10, 10]));
    brush.onPointer(pointer('up', [14, 10, 10]));
    expect(t.store.draft.lesions).toHaveLength(0);
    expect(brush.phase).toBe('idle');
    expect(t.store.getSnapshot().canUndo).toBe(false);
  });
});
