import type { PlanDocument } from '../../../records';

/**
 * The plan a study opens with: the one saved last (latest `updatedAt`, compared as instants since
 * the times may carry different offsets), so a reload comes back to the plan the planner was working on rather than the first
 * listed (often a demo plan). Ties keep the earlier in the list. Undefined for no plans.
 */
export function lastSavedPlan<P extends Pick<PlanDocument, 'updatedAt'>>(plans: readonly P[]): P | undefined {
  let best: P | undefined;
  for (const p of plans) if (!best || Date.parse(p.updatedAt) > Date.parse(best.updatedAt)) best = p;
  return best;
}
