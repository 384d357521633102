import type { PlanningVolume } from '../../planning/lesions';
import { moveTrajectory } from '../../planning/plan/planCommands';
import type { Vec3 } from '../../shared/vec3';
import type { PlanToolContext } from '../tools/planToolMachine';

/** Finds where a needle's line meets the skin, or null. */
export type SkinSnap = (ct: PlanningVolume, entry: Vec3, target: Vec3) => Vec3 | null;

/** Moves the selected trajectory's entry to the skin along its own line, as one undo step. */
export function snapSelectedEntryToSkin(ctx: PlanToolContext, snap: SkinSnap): void {
  const sel = ctx.store.getSnapshot().selection;
  const t = sel?.kind === 'trajectory' ? ctx.store.draft.trajectories.find((x) => x.id === sel.id) : undefined;
  if (!t) return;
  const volume = ctx.volume();
  if (!volume) return;
  const skin = snap(volume, t.entry, t.target);
  if (!skin) {
    ctx.report({ kind: 'error', text: `${t.label}: no skin surface found on its line` });
    return;
  }
  ctx.store.apply('snap entry to skin', moveTrajectory(t.id, skin, t.target));
  ctx.report({ kind: 'info', text: `${t.label}: entry moved to the skin` });
}
