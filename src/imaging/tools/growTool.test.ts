import { describe, expect, it } from 'vitest';
import { countMask, DEFAULT_GROW_OPTIONS } from '../../planning/lesions';
import type { PlanDraft, StructureDraft } from '../../planning/plan/planDraft';
import { boneCubePhantom } from '../../planning/testSupport/boneCubePhantom';
import { GrowTool } from './growTool';
import { pointer, toolTestContext } from './toolTestContext';

// A spherical lytic lesion of radius 10 mm in a cube of bone: 4/3·π·10³ = 4189 mm³.
const cube = boneCubePhantom();
const SPHERE_ML = ((4 / 3) * Math.PI * 1000) / 1000;
const seed = [cube.lesionCentre[0], cube.lesionCentre[1], cube.lesionCentre[2]] as [number, number, number];
const click = (tool: GrowTool, at: [number, number, number], shiftKey = false): void => {
  tool.onPointer(pointer('down', at, { shiftKey }));
  tool.onPointer(pointer('up', at, { shiftKey }));
};

describe('GrowTool', () => {
  it('a click in a lesion grows a new lesion, selected, with its seed and the default leak limits recorded', () => {
    const t = toolTestContext({ volume: cube.volume });
    const tool = new GrowTool(t.ctx);
    tool.onPointer(pointer('down', seed));
    expect(tool.phase).toBe('pointing');
    tool.onPointer(pointer('up', seed));
    expect(tool.phase).toBe('idle');
    const [l] = t.store.draft.lesions;
    expect(l!.record.label).toBe('L1');
    expect(Math.abs(l!.record.measurements!.volumeMl / SPHERE_ML - 1)).toBeLessThan(0.1);
    expect(l!.record.grow).toMatchObject({ seedLps: seed, maxVolumeMl: DEFAULT_GROW_OPTIONS.maxVolumeMl, maxDistanceMm: DEFAULT_GROW_OPTIONS.maxDistanceMm, editedAfterGrow: false });
    expect(t.store.getSnapshot().selection).toEqual({ kind: 'lesion', id: l!.record.id });
    expect(t.reports.at(-1)?.text).toMatch(/^Grown \d+\.\d mL in \d+ ms, HU/);
  });

  it('Shift-click regrows the selected lesion in place; a plain click adds another', () => {
    const t = toolTestContext({ volume: cube.volume });
    const tool = new GrowTool(t.ctx);
    click(tool, seed);
    const first = t.store.draft.lesions[0]!;
    click(tool, [seed[0] - 3, seed[1], seed[2]], true);
    expect(t.store.draft.lesions).toHaveLength(1);
    expect(t.store.draft.lesions[0]!.record.id).toBe(first.record.id);
    expect(t.store.draft.lesions[0]!.record.grow?.seedLps).toEqual([seed[0] - 3, seed[1], seed[2]]);
    expect(t.store.getSnapshot().undoLabel).toBe('regrow lesion');
    click(tool, seed);
    expect(t.store.draft.lesions.map((l) => l.record.label)).toEqual(['L1', 'L2']);
  });

  it('with a structure selected, grows that structure instead', () => {
    const muscle: StructureDraft = { record: { id: 's', kind: 'other', name: 'Muscle', colour: '#ffffff', safetyDistanceMm: 2 }, shape: { kind: 'mask', stored: null }, mask: null };
    const draft: PlanDraft = { lesions: [], structures: [muscle], trajectories: [], extra: {} };
    const t = toolTestContext({ volume: cube.volume, draft });
    t.store.select({ kind: 'structure', id: 's' });
    click(new GrowTool(t.ctx), seed);
    expect(t.store.draft.lesions).toHaveLength(0);
    expect(countMask(t.store.draft.structures[0]!.mask!)).toBeGreaterThan(0);
    expect(t.store.getSnapshot().undoLabel).toBe('grow structure');
  });

  it('nothing grows while the volume is loading', () => {
    const t = toolTestContext();
    click(new GrowTool(t.ctx), seed);
    expect(t.store.draft.lesions).toHaveLength(0);
    expect(t.reports.at(-1)?.kind).toBe('error');
  });
});
