import { describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { trajectoryTags } from '../../planning/plan/trajectoryTags';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { pointer, toolTestContext, uniformVolume } from './toolTestContext';
import { TrajectoryTool } from './trajectoryTool';

const volume = uniformVolume();
const click = (tool: TrajectoryTool, at: [number, number, number], shiftKey = false): void => {
  tool.onPointer(pointer('down', at, { shiftKey }));
  tool.onPointer(pointer('up', at, { shiftKey }));
};
const needle = (id: string, label: string, deviceId: string, entry: [number, number, number], target: [number, number, number]): Trajectory => ({
  id, label, deviceId, zoneSetId: null, entry, target, frameOfReferenceUID: '1.2.3.4', accessRoute: null, lesionId: null, metrics: null,
});
const draftWith = (...trajectories: Trajectory[]): PlanDraft => ({ lesions: [], structures: [], trajectories, extra: {} });
const length = (t: Trajectory): number => Math.hypot(t.target[0] - t.entry[0], t.target[1] - t.entry[1], t.target[2] - t.entry[2]);

describe('TrajectoryTool: placing', () => {
  it('a click at the entry and one at the target make a needle from the one to the other', () => {
    const t = toolTestContext({ volume });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 8, 10]);
    expect(tool.preview).toEqual({ kind: 'pending', first: [4, 8, 10], firstIs: 'entry' });
    expect(t.reports.at(-1)?.text).toBe('Entry placed: click the target');
    expect(t.store.draft.trajectories).toHaveLength(0);
    click(tool, [7, 12, 10]);
    expect(tool.preview).toBeNull();
    const [n] = t.store.draft.trajectories;
    expect(n!.entry).toEqual([4, 8, 10]);
    expect(n!.target).toEqual([7, 12, 10]);
    // (3, 4, 0) mm: 5 mm deep.
    expect(length(n!)).toBe(5);
    expect(n!.deviceId).toBe('generic-cryoprobe-13g');
    expect(n!.label).toBe('C1');
    expect(t.store.getSnapshot().selection).toEqual({ kind: 'trajectory', id: n!.id });
    expect(t.store.getSnapshot().undoLabel).toBe('add trajectory');
  });

  it('Shift on the first click places the target first', () => {
    const t = toolTestContext({ volume });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [7, 12, 10], true);
    expect(t.reports.at(-1)?.text).toBe('Target placed: click the entry');
    click(tool, [4, 8, 10]);
    const [n] = t.store.draft.trajectories;
    expect([n!.entry, n!.target]).toEqual([[4, 8, 10], [7, 12, 10]]);
  });

  it('a needle added after case 3’s demo needle is B2 in its label and its tag; a spinal needle S1 in both', () => {
    const demo = needle('T1', 'T10 left transpedicular bone access needle', 'bone-access-11g-150', [0, 30, 10], [0, 10, 10]);
    const t = toolTestContext({ volume, draft: draftWith(demo), options: { deviceId: 'bone-access-11g-100' } });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [20, 30, 10]);
    click(tool, [20, 10, 10]);
    const added = t.store.draft.trajectories[1]!;
    expect(added.label).toBe('B2');
    expect(trajectoryTags(t.store.draft.trajectories, t.ctx.catalogue).get(added.id)).toBe('B2');
    t.setOptions({ deviceId: 'spinal-needle-22g-90' });
    click(tool, [31, 30, 10]);
    click(tool, [31, 10, 10]);
    const spinal = t.store.draft.trajectories[2]!;
    expect(spinal.label).toBe('S1');
    expect(trajectoryTags(t.store.draft.trajectories, t.ctx.catalogue).get(spinal.id)).toBe('S1');
  });

  it('an unknown device is reported and nothing is added', () => {
    const t = toolTestContext({ volume, options: { deviceId: 'nope' } });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 8, 10]);
    click(tool, [7, 12, 10]);
    expect(t.store.draft.trajectories).toHaveLength(0);
    expect(t.reports.at(-1)).toEqual({ kind: 'error', text: 'No device "nope" in the catalogue' });
  });
});

describe('TrajectoryTool: dragging', () => {
  // 20 mm long along +y on the axial slice z = 10 (1 mm per pixel, so HANDLE_PX is 9 mm here).
  const start = (): ReturnType<typeof toolTestContext> => toolTestContext({ volume, draft: draftWith(needle('n', 'C1', 'generic-cryoprobe-13g', [4, 4, 10], [4, 24, 10])) });

  it('dragging the entry moves only the entry, by the pointer’s displacement, as one undo step', () => {
    const t = start();
    const tool = new TrajectoryTool(t.ctx);
    tool.onPointer(pointer('down', [5, 5, 10]));
    expect(t.store.getSnapshot().selection).toEqual({ kind: 'trajectory', id: 'n' });
    tool.onPointer(pointer('move', [9, 6, 10]));
    expect(tool.phase).toBe('dragging');
    tool.onPointer(pointer('move', [10, 5, 10]));
    tool.onPointer(pointer('up', [10, 5, 10]));
    const n = t.store.draft.trajectories[0]!;
    // Displacement (5, 0, 0) from the press.
    expect(n.entry).toEqual([9, 4, 10]);
    expect(n.target).toEqual([4, 24, 10]);
    expect(tool.preview).toBeNull();
    expect(t.store.getSnapshot().undoLabel).toBe('move entry');
    t.store.undo();
    expect(t.store.draft.trajectories[0]!.entry).toEqual([4, 4, 10]);
    expect(t.store.getSnapshot().canUndo).toBe(false);
  });

  it('dragging the target moves only the target', () => {
    const t = start();
    const tool = new TrajectoryTool(t.ctx);
    tool.onPointer(pointer('down', [4, 23, 10]));
    tool.onPointer(pointer('move', [6, 20, 10]));
    tool.onPointer(pointer('up', [6, 20, 10]));
    expect(t.store.draft.trajectories[0]!.entry).toEqual([4, 4, 10]);
    expect(t.store.draft.trajectories[0]!.target).toEqual([6, 21, 10]);
  });

  it('dragging the shaft moves the whole needle', () => {
    const t = start();
    const tool = new TrajectoryTool(t.ctx);
    // 1 mm beside the shaft, 10 mm from either end.
    tool.onPointer(pointer('down', [5, 14, 10]));
    tool.onPointer(pointer('move', [7, 16, 10]));
    tool.onPointer(pointer('up', [7, 16, 10]));
    const n = t.store.draft.trajectories[0]!;
    expect([n.entry, n.target]).toEqual([[6, 6, 10], [6, 26, 10]]);
    expect(t.store.getSnapshot().undoLabel).toBe('move trajectory');
  });

  it('a hidden needle is not grabbed: the press places an end instead', () => {
    const t = start();
    t.store.setHidden('n', true);
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 4, 10]);
    expect(tool.preview).toEqual({ kind: 'pending', first: [4, 4, 10], firstIs: 'entry' });
    expect(t.store.getSnapshot().inGesture).toBe(false);
  });

  it('cancel mid-drag puts the needle back, records nothing and ends the gesture', () => {
    const t = start();
    const before = t.store.draft;
    const tool = new TrajectoryTool(t.ctx);
    tool.onPointer(pointer('down', [4, 24, 10]));
    tool.onPointer(pointer('move', [10, 30, 10]));
    expect(t.store.draft).not.toBe(before);
    tool.cancel();
    expect(t.store.draft).toBe(before);
    expect(t.store.getSnapshot().inGesture).toBe(false);
    expect(t.store.getSnapshot().canUndo).toBe(false);
    expect(tool.phase).toBe('idle');
    tool.onPointer(pointer('move', [12, 30, 10]));
    expect(t.store.draft).toBe(before);
  });

  it('cancel drops a pending end', () => {
    const t = toolTestContext({ volume });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 8, 10]);
    tool.cancel();
    expect(tool.preview).toBeNull();
    click(tool, [7, 12, 10]);
    expect(t.store.draft.trajectories).toHaveLength(0);
  });
});

describe('TrajectoryTool: an undo during a drag', () => {
  it('ends the drag: later moves change nothing and add no undo step', () => {
    const t = toolTestContext({ volume, draft: draftWith(needle('n', 'C1', 'generic-cryoprobe-13g', [4, 4, 10], [4, 24, 10])) });
    const tool = new TrajectoryTool(t.ctx);
    tool.onPointer(pointer('down', [4, 24, 10]));
    tool.onPointer(pointer('move', [6, 26, 10]));
    t.store.undo();
    const after = t.store.draft;
    expect(after.trajectories[0]!.target).toEqual([4, 24, 10]);
    tool.onPointer(pointer('move', [8, 28, 10]));
    tool.onPointer(pointer('up', [8, 28, 10]));
    tool.cancel();
    expect(t.store.draft).toBe(after);
    expect(t.store.getSnapshot().canUndo).toBe(false);
  });
});
