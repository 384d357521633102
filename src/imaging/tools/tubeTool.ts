import { rasterizeTube } from '../../planning/lesions';
import { setStructureTube } from '../../planning/plan/planCommands';
import { lps, type LpsPoint } from '../../shared/vec3';
import type { PlanPointerEvent } from '../types';
import type { PlanToolContext } from './planToolMachine';
import { ClickTool } from './clickTool';

/** Adds a point to the selected structure's tube (a structure with no voxels yet becomes a tube), one undo step per point. */
export function addTubePoint(ctx: PlanToolContext, p: LpsPoint): void {
  const sel = ctx.store.getSnapshot().selection;
  const s = sel?.kind === 'structure' ? ctx.store.draft.structures.find((x) => x.record.id === sel.id) : undefined;
  const geometry = ctx.geometry();
  if (!s || !geometry) {
    ctx.report({ kind: 'error', text: 'Add or select a structure at risk first; clicks then lay its tube point by point' });
    return;
  }
  if (s.shape.kind === 'mask' && s.mask) {
    ctx.report({ kind: 'error', text: `${s.record.name} already has painted voxels: add a new structure for a tube` });
    return;
  }
  const points = [...(s.shape.kind === 'tube' ? s.shape.pointsLps : []), [p[0], p[1], p[2]] as const];
  const radius = s.shape.kind === 'tube' ? s.shape.radiusMm : ctx.options().tubeRadiusMm;
  const mask = rasterizeTube(geometry, points.map((q) => lps(q[0], q[1], q[2])), radius);
  ctx.store.apply('tube point', setStructureTube(s.record.id, points, radius, ctx.frameOfReferenceUID, mask));
  ctx.report({ kind: 'info', text: `${s.record.name}: ${points.length} point${points.length > 1 ? 's' : ''}, radius ${radius} mm — keep clicking along it; Esc ends` });
}

/** The tube tool: each click adds a point to the selected structure's tube (Esc ends it where it is). */
export class TubeTool extends ClickTool {
  readonly tool = 'tube';

  protected onClick(e: PlanPointerEvent): void {
    addTubePoint(this.ctx, e.world);
  }
}
