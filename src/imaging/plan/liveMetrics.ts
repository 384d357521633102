import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { PlanningVolume, VolumeGeometry } from '../../planning/lesions';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { planMetrics } from '../../planning/plan/planMetrics';
import type { TrajectoryContent } from '../../planning/trajectory/trajectoryContent';
import type { StoredTrajectoryMetrics } from '../../planning/trajectory/trajectorySchema';

/** The plan's metrics as the panel shows them while it is edited. */
export interface LiveMetrics {
  /** Each trajectory's metrics, by id. */
  readonly trajectories: ReadonlyMap<string, StoredTrajectoryMetrics>;
  readonly zones: TrajectoryContent['zoneMetrics'];
  /** How long the computation took. */
  readonly ms: number;
  /** Why metrics are missing or incomplete (a trajectory the catalogue cannot place, an empty mask left out). */
  readonly problems: readonly string[];
}

/** What live metrics are computed with besides the draft. */
export interface LiveMetricsInputs {
  readonly frameOfReferenceUID: string;
  readonly catalogue: DeviceCatalogue;
  readonly patientPosition: string | null;
  /** The loaded grid and CT; undefined while loading (then only what needs neither). */
  readonly geometry: VolumeGeometry | undefined;
  readonly ct: PlanningVolume | undefined;
}

/**
 * Every trajectory metric and the zone metrics of a draft, with the server's own builder
 * ({@link planMetrics}) on the typed draft: same rules, same numbers, no schema parse per frame.
 */
export function computeLiveMetrics(draft: PlanDraft, inputs: LiveMetricsInputs): LiveMetrics {
  // Nothing to measure: no CT copy, no mask preparation.
  if (draft.trajectories.length === 0) return { trajectories: new Map(), zones: null, ms: 0, problems: [] };
  const started = performance.now();
  const r = planMetrics(draft, {
    frameOfReferenceUID: inputs.frameOfReferenceUID,
    catalogue: inputs.catalogue,
    patientPosition: inputs.patientPosition,
    ct: inputs.geometry ? (inputs.ct ?? null) : null,
    geometry: inputs.geometry ?? null,
  });
  const ms = performance.now() - started;
  performance.mark('percuplan:plan-metrics', { detail: { ms, trajectories: draft.trajectories.length } });
  if (!r.ok) return { trajectories: new Map(), zones: null, ms, problems: r.error };
  return {
    trajectories: new Map(r.value.trajectories.flatMap((t) => (t.metrics ? [[t.id, t.metrics] as const] : []))),
    zones: r.value.zoneMetrics,
    ms,
    problems: r.value.notes,
  };
}
