import { err, ok, type Result } from '../../shared/result';
import type { DeviceCatalogue } from '../devices/deviceSchema';
import type { ScalarVolume } from '../trajectory/gridGeometry';
import { ablationZoneSet, recomputeTrajectories, type RecomputedTrajectories } from '../trajectory/recomputePlanMetrics';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { metricsInputs } from './metricsInputs';
import type { PlanDraft } from './planDraft';

/** What a plan's metrics are computed with besides the draft. */
export interface PlanMetricsContext {
  /** The plan's frame of reference: every trajectory must be in it. */
  readonly frameOfReferenceUID: string;
  readonly catalogue: DeviceCatalogue;
  /** DICOM Patient Position of the planning series, for the table-vertical angle. */
  readonly patientPosition?: string | null;
  /** The planning CT (HU), for path profiles and the transpedicular check; null when not held. */
  readonly ct?: ScalarVolume | null;
  /** The grid the draft's masks are on; null when there is none (then no mask-based metric). */
  readonly geometry: VolumeGeometry | null;
}

/** A plan's metrics: its trajectories with their metrics, the zone metrics, and what was left out and why. */
export interface PlanMetrics extends RecomputedTrajectories {
  readonly notes: readonly string[];
}

/**
 * THE metrics of a plan, from its typed draft: the one builder both the viewer's live metrics
 * and the server's recomputation on save call, so the page shows what the server stores. No
 * schema parse (the draft is typed: parsed once when loaded, or at the server's door), so it
 * may run on every drag frame. Masks are prepared once each and cached (see
 * {@link metricsInputs}, which decides which lesions and structures count and the canal);
 * lesions are only prepared when some trajectory ablates ({@link ablationZoneSet}).
 * Fails, naming each trajectory's field, when a trajectory is in another frame of reference
 * or names a device or zone set the catalogue lacks.
 */
export function planMetrics(draft: PlanDraft, ctx: PlanMetricsContext): Result<PlanMetrics, string[]> {
  if (draft.trajectories.length === 0) return ok({ trajectories: [], zoneMetrics: null, notes: [] });
  const ablating = draft.trajectories.some((t) => ablationZoneSet(ctx.catalogue, t) !== undefined);
  const inputs = ctx.geometry ? metricsInputs(draft, ctx.geometry, { lesions: ablating }) : { notes: [] };
  const r = recomputeTrajectories(draft.trajectories, {
    frameOfReferenceUID: ctx.frameOfReferenceUID,
    catalogue: ctx.catalogue,
    patientPosition: ctx.patientPosition ?? null,
    ct: ctx.ct ?? null,
    ...inputs,
  });
  return r.ok ? ok({ ...r.value, notes: inputs.notes }) : err(r.error);
}
