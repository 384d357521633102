import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { lps, type LpsPoint } from '../../shared/vec3';
import { deviceById, zoneSetOf } from '../devices/deviceById';
import type { DeviceCatalogue, ZoneSet } from '../devices/deviceSchema';
import type { AblationProbe } from '../zones/compositeZone';
import { placeZones, type PlacedZone } from '../zones/placeZones';
import { outermostZone, zoneEdgeDistance } from '../zones/zoneEdgeDistance';
import { planZoneMetrics, type ZoneStructure } from '../zones/planZoneMetrics';
import type { PreparedLesion } from '../zones/preparedLesion';
import { corticalCrossings } from './corticalCrossings';
import type { ScalarVolume } from './gridGeometry';
import { huProfile } from './huProfile';
import { shaftDistance } from './shaftDistance';
import { tissueSegments } from './tissueSegments';
import { migrateTrajectoryContent, TRAJECTORY_CONTENT_KEYS, trajectoryContentSchema, type TrajectoryContent } from './trajectoryContent';
import { trajectoryMetrics } from './trajectoryMetrics';
import type { StoredTrajectoryMetrics, Trajectory } from './trajectorySchema';
import { transpedicularCheck } from './transpedicularCheck';
import { trajectoryWarnings } from './trajectoryWarnings';

/** A structure at risk as the recomputation sees it. */
export interface RecomputeStructure extends ZoneStructure {
  /** Shaft distances below this warn, mm. */
  readonly safetyDistanceMm: number;
}

/**
 * What the recomputation may use besides the plan. Only the catalogue and the frame are
 * required: without volumes the geometric metrics are still computed and the volume-based
 * ones are left null or empty.
 */
export interface RecomputeContext {
  /** The plan's frame of reference: every trajectory must be in it. */
  readonly frameOfReferenceUID: string;
  readonly catalogue: DeviceCatalogue;
  /** DICOM Patient Position of the planning series. */
  readonly patientPosition?: string | null;
  /** The planning CT (HU), for path profiles and the transpedicular check. */
  readonly ct?: ScalarVolume | null;
  readonly structures?: readonly RecomputeStructure[];
  readonly lesions?: readonly { readonly id: string; readonly lesion: PreparedLesion }[];
  /** A point in the spinal canal for a transpedicular trajectory (e.g. from its lesion's level), or null. */
  readonly canalPoint?: (t: Trajectory) => LpsPoint | null;
}

/** Two decimals: what is stored is what the user reads, and saves of unchanged plans compare equal. */
const r2 = (x: number): number => Math.round(x * 100) / 100;
const r2n = (x: number | null): number | null => (x === null ? null : r2(x));
const triple = (p: readonly number[]): [number, number, number] => [r2(p[0]!), r2(p[1]!), r2(p[2]!)];

const pathOf = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s === '' ? String(p) : `${s}.${String(p)}`), '');

function issues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${pathOf(i.path) || 'content'}: ${i.message}`);
}

/** The zone-edge entry of a structure for an ablation device (its outermost zone), or undefined for a needle. */
function zoneEdgeOf(edge: PlacedZone | undefined, s: RecomputeStructure): StoredTrajectoryMetrics['structures'][number]['zoneEdge'] {
  const d = edge ? zoneEdgeDistance(edge.shape, s.mask) : null;
  if (!edge || !d) return undefined;
  return { zoneId: edge.zone.id, zoneLabel: edge.zone.label, distanceMm: r2(d.distanceMm), warning: d.distanceMm < s.safetyDistanceMm };
}

function metricsOf(t: Trajectory, ctx: RecomputeContext, radiusMm: number, workingLengthMm: number, zoneSet: ZoneSet | undefined): StoredTrajectoryMetrics {
  const entry = lps(...t.entry), target = lps(...t.target);
  const g = trajectoryMetrics(entry, target, { workingLengthMm }, { patientPosition: ctx.patientPosition });
  const edge = zoneSet ? outermostZone(placeZones(entry, target, zoneSet)) : undefined;
  const structures = (ctx.structures ?? []).flatMap((s) => {
    const d = shaftDistance(entry, target, radiusMm, s.mask);
    if (!d) return [];
    const warning = d.distanceMm < s.safetyDistanceMm;
    const zoneEdge = zoneEdgeOf(edge, s);
    return [{
      structureId: s.id,
      label: s.label,
      distanceMm: r2(d.distanceMm),
      closestOnAxis: triple(d.closestOnAxis),
      closestOnStructure: triple(d.closestOnStructure),
      safetyDistanceMm: s.safetyDistanceMm,
      lengthInsideMm: r2(d.lengthInsideMm),
      warning,
      // Only ablation devices carry the key, so a needle's stored metrics keep their shape.
      ...(zoneEdge ? { zoneEdge } : {}),
    }];
  });
  let path: StoredTrajectoryMetrics['path'] = null;
  let transpedicular: StoredTrajectoryMetrics['transpedicular'] = null;
  if (ctx.ct && g.depthMm > 0) {
    const profile = huProfile(entry, target, ctx.ct);
    const runs = corticalCrossings(profile);
    path = {
      corticalCrossings: runs.length,
      corticalRuns: runs.map((r) => ({ startMm: r2(r.startMm), endMm: r2(r.endMm), peakHu: Math.round(r.peakHu) })),
      tissues: tissueSegments(profile).map((s) => ({ tissue: s.tissue, startMm: r2(s.startMm), endMm: r2(s.endMm) })),
    };
    const canal = t.accessRoute?.approach === 'transpedicular' ? (ctx.canalPoint?.(t) ?? null) : null;
    if (canal) {
      const check = transpedicularCheck({ entry, target, radiusMm, bone: { kind: 'hu', volume: ctx.ct }, canalPoint: canal });
      transpedicular = { medialWallClearanceMm: r2n(check.medialWallClearanceMm), atDepthMm: r2n(check.atDepthMm), breach: check.breach };
    }
  }
  const metrics = {
    depthMm: r2(g.depthMm),
    needleMarginMm: r2(g.needleMarginMm),
    craniocaudalAngleDeg: r2n(g.craniocaudalAngleDeg),
    craniocaudalDirection: g.craniocaudalDirection,
    axialAngleDeg: r2n(g.axialAngleDeg),
    axialDirection: g.axialDirection,
    // Decided on the unrounded angle, so 1.004° is not in plane even though it shows as 1.00.
    inPlane: g.inPlane,
    tableVerticalAngleDeg: r2n(g.tableVerticalAngleDeg),
    tableVerticalDirection: g.tableVerticalDirection,
    structures,
    path,
    transpedicular,
  };
  // One producer for the stored sentences (issue 16): the panel and the report show these.
  return { ...metrics, warnings: trajectoryWarnings(metrics) };
}

/** A plan's trajectories with their metrics, and the plan's zone metrics. */
export interface RecomputedTrajectories {
  readonly trajectories: Trajectory[];
  readonly zoneMetrics: TrajectoryContent['zoneMetrics'];
}

/**
 * The zone set a trajectory ablates with: its device's named zone set, or the device's first
 * when none is named; undefined for a device without zones (a needle) or one the catalogue
 * lacks. The one rule of "which devices ablate", for the zone metrics and for deciding whether
 * lesions need preparing at all.
 */
export function ablationZoneSet(catalogue: DeviceCatalogue, t: Pick<Trajectory, 'deviceId' | 'zoneSetId'>): ZoneSet | undefined {
  const device = deviceById(catalogue, t.deviceId);
  return device ? zoneSetOf(device, t.zoneSetId) : undefined;
}

/**
 * Recomputes every metric of already typed trajectories (parsed at the door, or edited in the
 * viewer) and the zone metrics: no schema parse, so the viewer may call it on every drag frame.
 * Fails, listing every problem with its field path, when a trajectory is in another frame of
 * reference, or names a device or zone set the catalogue lacks.
 */
export function recomputeTrajectories(trajectories: readonly Trajectory[], ctx: RecomputeContext): Result<RecomputedTrajectories, string[]> {
  const problems: string[] = [];
  const probes: AblationProbe[] = [];
  const out = trajectories.map((t, i) => {
    const at = `trajectories[${i}]`;
    if (t.frameOfReferenceUID !== ctx.frameOfReferenceUID) {
      problems.push(`${at}.frameOfReferenceUID: ${t.frameOfReferenceUID} is not the plan's frame of reference ${ctx.frameOfReferenceUID}`);
      return t;
    }
    const device = deviceById(ctx.catalogue, t.deviceId);
    if (!device) {
      problems.push(`${at}.deviceId: no device "${t.deviceId}" in the catalogue`);
      return t;
    }
    const set = zoneSetOf(device, t.zoneSetId);
    if (t.zoneSetId !== null && !set) {
      problems.push(`${at}.zoneSetId: device "${device.id}" has no zone set "${t.zoneSetId}"`);
      return t;
    }
    if (set) probes.push({ id: t.id, device, zoneSet: set, entry: lps(...t.entry), target: lps(...t.target) });
    return { ...t, metrics: metricsOf(t, ctx, device.outerDiameterMm / 2, device.workingLengthMm, set) };
  });
  if (problems.length > 0) return err(problems);
  const zones = probes.length > 0 ? planZoneMetrics({ probes, lesions: ctx.lesions ?? [], structures: ctx.structures ?? [] }) : null;
  const zoneMetrics: TrajectoryContent['zoneMetrics'] = zones && {
    model: zones.model,
    clusters: zones.clusters.map((c) => ({ probeIds: c.probeIds, growthMm: r2(c.growthMm) })),
    lesions: zones.lesions.map((l) => ({
      lesionId: l.lesionId,
      lesionVolumeMl: r2(l.lesionVolumeMl),
      coveredVolumeMl: r2(l.coveredVolumeMl),
      coveragePercent: r2(l.coveragePercent),
      minMarginMm: r2(l.minMarginMm),
      marginCapped: l.marginCapped,
    })),
    structures: zones.structures.map((s) => ({ ...s, volumeInLethalMl: r2(s.volumeInLethalMl), volumeInAnyZoneMl: r2(s.volumeInAnyZoneMl) })),
  };
  return ok({ trajectories: out, zoneMetrics });
}

/** The trajectory part of untrusted content, migrated and parsed; failures name the fields (`trajectories[0].entry: …`). */
export function parseTrajectoryPart(content: Record<string, unknown>): Result<TrajectoryContent, string[]> {
  const migrated = migrateTrajectoryContent(content);
  const mine: Record<string, unknown> = {};
  for (const k of TRAJECTORY_CONTENT_KEYS) if (k in migrated) mine[k] = migrated[k];
  const parsed = trajectoryContentSchema.safeParse(mine);
  return parsed.success ? ok(parsed.data) : err(issues(parsed.error));
}

/**
 * Recomputes every metric of a plan's trajectories and its zone metrics from untrusted
 * content: parses the trajectory part ({@link parseTrajectoryPart}), then
 * {@link recomputeTrajectories}. `content` is the plan's whole `content` object; keys other
 * than the trajectory part are returned untouched, and metrics a client sent are replaced.
 */
export function recomputePlanMetrics(content: Record<string, unknown>, ctx: RecomputeContext): Result<Record<string, unknown>, string[]> {
  const part = parseTrajectoryPart(content);
  if (!part.ok) return part;
  const r = recomputeTrajectories(part.value.trajectories, ctx);
  if (!r.ok) return r;
  return ok({ ...content, trajectoryContentVersion: part.value.trajectoryContentVersion, trajectories: r.value.trajectories, zoneMetrics: r.value.zoneMetrics });
}
