import type { PlanDocument } from '../../../records';
import { NO_PLAN_LABELS, type PlanLabels } from '../../../records/postProcedureView';
import { lesionContentSchema } from '../../../planning/records/lesionContent';
import { migrateTrajectoryContent, trajectoryContentSchema } from '../../../planning/trajectory/trajectoryContent';

/**
 * The names a post-procedure result refers to by id, read from its stored plan: the title, each
 * lesion's and each needle's label. A content that does not read gives the title only (the view
 * then names lesions and needles by their order).
 */
export function planLabels(plan: PlanDocument): PlanLabels {
  const lesions = lesionContentSchema.safeParse(plan.content);
  const traj = trajectoryContentSchema.safeParse(migrateTrajectoryContent({ ...plan.content }));
  return {
    title: plan.title || null,
    lesions: lesions.success ? new Map(lesions.data.lesions.filter((l) => l.label).map((l) => [l.id, l.label])) : NO_PLAN_LABELS.lesions,
    trajectories: traj.success ? new Map(traj.data.trajectories.filter((t) => t.label).map((t) => [t.id, t.label])) : NO_PLAN_LABELS.trajectories,
  };
}
