import { describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { planLesionSchema } from '../../planning/records/planLesion';
import { pointer, toolTestContext, uniformVolume } from './toolTestContext';
import { TrajectoryTool } from './trajectoryTool';

const click = (tool: TrajectoryTool, at: [number, number, number]): void => {
  tool.onPointer(pointer('down', at));
  tool.onPointer(pointer('up', at));
};
const withLesion = (site: unknown, side: string | null): PlanDraft => ({
  lesions: [{ record: planLesionSchema.parse({ id: 'L1', label: 'T10', site, side }), mask: null, stored: null }],
  structures: [],
  trajectories: [],
  extra: {},
});

describe('TrajectoryTool: a new needle takes its access route from the lesion', () => {
  it('a left vertebral body lesion: transpedicular from the left, linked to the lesion', () => {
    const t = toolTestContext({ volume: uniformVolume(), draft: withLesion({ kind: 'vertebra', level: 'T10', part: 'body' }, 'left'), options: { deviceId: 'bone-access-11g-100' } });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 8, 10]);
    click(tool, [7, 12, 10]);
    const [n] = t.store.draft.trajectories;
    expect(n!.deviceId).toBe('bone-access-11g-100');
    expect(n!.lesionId).toBe('L1');
    expect(n!.accessRoute).toEqual({ approach: 'transpedicular', side: 'left' });
  });

  it('no lesion in the plan: no route', () => {
    const t = toolTestContext({ volume: uniformVolume() });
    const tool = new TrajectoryTool(t.ctx);
    click(tool, [4, 8, 10]);
    click(tool, [7, 12, 10]);
    expect(t.store.draft.trajectories[0]!.accessRoute).toBeNull();
  });
});
