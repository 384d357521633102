import type { DeviceCatalogue } from '../planning/devices/deviceSchema';
import { encodeMask } from '../planning/encoding/encodeMask';
import type { VoxelMask } from '../planning/mask/voxelMask';
import { planLesionSchema, type PlanLesion } from '../planning/records/planLesion';
import { STRUCTURE_DEFAULTS } from '../planning/records/structureDefaults';
import { structureAtRiskSchema, type StructureAtRisk, type StructureKind } from '../planning/records/structureAtRisk';
import { trajectorySchema, type Trajectory } from '../planning/trajectory/trajectorySchema';
import type { VolumeGeometry } from '../planning/volume/volumeGeometry';
import type { Vec3 } from '../shared/vec3';
import type { ImportedReport, ImportedSegment } from './importTypes';
import { isCode } from './read/naturalValues';

/**
 * Turning imported SEG segments and SR polylines into plan items, with the plan's own record
 * schemas and mask encoding, so an adopted item is indistinguishable from one drawn in
 * PercuPlan (its measurements and metrics are recomputed when the plan is saved).
 */

/** The CT series a mask is adopted onto. */
export interface AdoptionSeries {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
  readonly geometry: VolumeGeometry;
}

/** Plan texts hold at most 500 characters; another tool's label may be longer. */
const SHORT_TEXT_MAX = 500;
const fit = (s: string): string => s.trim().slice(0, SHORT_TEXT_MAX);

/** A segment as a plan lesion: its label, its colour and its mask on the CT's grid. */
export function adoptSegmentAsLesion(mask: VoxelMask, series: AdoptionSeries, segment: ImportedSegment, id: string): PlanLesion {
  return planLesionSchema.parse({
    id,
    label: fit(segment.label),
    colour: segment.colour.toLowerCase(),
    segmentation: encodeMask(mask, series.geometry, series),
  });
}

/**
 * A segment as a structure at risk of the kind the user picked: named after the segment
 * (the kind's default name when it has no label), the segment's colour, and the kind's
 * default safety distance for the user to review.
 */
export function adoptSegmentAsStructure(
  mask: VoxelMask,
  series: AdoptionSeries,
  segment: ImportedSegment,
  kind: StructureKind,
  id: string,
): StructureAtRisk {
  const defaults = STRUCTURE_DEFAULTS[kind];
  return structureAtRiskSchema.parse({
    id,
    kind,
    name: fit(segment.label) || defaults.name,
    colour: segment.colour.toLowerCase(),
    safetyDistanceMm: defaults.safetyDistanceMm,
    shape: { kind: 'mask', mask: encodeMask(mask, series.geometry, series) },
  });
}

/** A two-point polyline (entry first, then target, LPS mm) as a trajectory with the device the user picked. */
export function adoptPolylineAsTrajectory(
  points: readonly [Vec3, Vec3],
  frameOfReferenceUID: string,
  deviceId: string,
  label: string,
  id: string,
): Trajectory {
  const [entry, target] = points;
  return trajectorySchema.parse({
    id,
    label: fit(label),
    deviceId,
    entry: [entry[0], entry[1], entry[2]],
    target: [target[0], target[1], target[2]],
    frameOfReferenceUID,
  });
}

/** A polyline of an SR that can become a trajectory. */
export interface TrajectoryCandidate {
  /** Index of the measurement group in `report.groups`. */
  readonly groupIndex: number;
  /** From the group's Tracking Identifier, else "Needle N". */
  readonly label: string;
  readonly trackingUid: string | null;
  /** Entry then target, LPS mm. */
  readonly points: readonly [Vec3, Vec3];
  readonly frameOfReferenceUID: string | null;
  /** The device the group names (DCM 113877 Device Name), as written. */
  readonly deviceName: string | null;
  /** The catalogue device with that name or id, when a catalogue was given and has it. */
  readonly deviceId: string | null;
}

/**
 * The SCOORD3D polylines of two points in a report's measurement groups, the ones that can
 * become trajectories (a 2D SCOORD lies on one image and is not a needle path). Each is
 * labelled from its group's Tracking Identifier and carries the device the group names.
 */
export function planItemsFromReport(report: ImportedReport, catalogue?: DeviceCatalogue): TrajectoryCandidate[] {
  const out: TrajectoryCandidate[] = [];
  report.groups.forEach((g, groupIndex) => {
    const deviceName = g.texts.find((t) => isCode(t.concept, '113877', 'DCM'))?.value ?? null;
    const device = deviceName && catalogue ? catalogue.devices.find((d) => d.name === deviceName || d.id === deviceName) : undefined;
    for (const graphic of g.graphics) {
      if (graphic.dims !== 3 || graphic.graphicType !== 'POLYLINE' || graphic.points.length !== 2) continue;
      out.push({
        groupIndex,
        label: g.trackingId ?? `Needle ${out.length + 1}`,
        trackingUid: g.trackingUid,
        points: [graphic.points[0]!, graphic.points[1]!],
        frameOfReferenceUID: graphic.frameOfReferenceUID,
        deviceName,
        deviceId: device?.id ?? null,
      });
    }
  });
  return out;
}
