import { ok, type Result } from '../../shared/result';
import type { PlanStatus } from '../../records/plan';
import type { PlanLesionInput } from './demoLesion';
import type { StructureInput } from './demoStructures';
import type { TrajectoryInput } from './demoTrajectory';

/** What one reference case's builder returns: the plan's words and its content parts. */
export interface DemoCasePlan {
  readonly title: string;
  readonly status: PlanStatus;
  readonly lesions: readonly PlanLesionInput[];
  readonly structuresAtRisk: readonly StructureInput[];
  readonly trajectories: readonly TrajectoryInput[];
}

/** Collects results, stopping at the first failure with its message. */
export function all<T>(results: readonly Result<T>[]): Result<T[]> {
  const out: T[] = [];
  for (const r of results) {
    if (!r.ok) return r;
    out.push(r.value);
  }
  return ok(out);
}
