import type { z } from 'zod';
import { err, ok, type Result } from '../../shared/result';
import { lps, type Vec3 } from '../../shared/vec3';
import { deviceById, zoneSetOf } from '../../planning/devices/deviceById';
import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { AccessRoute } from '../../planning/trajectory/accessRoute';
import type { trajectorySchema } from '../../planning/trajectory/trajectorySchema';
import type { PlanningVolume } from '../../planning/volume/planningVolume';
import { skinEntry } from './skinEntry';

/** A trajectory as written into plan content (before the schema's defaults; no metrics). */
export type TrajectoryInput = z.input<typeof trajectorySchema>;

/** A needle or probe of a demo plan: where its tip goes and from which side it comes. */
export interface DemoTrajectorySpec {
  readonly id: string;
  readonly label: string;
  readonly deviceId: string;
  readonly zoneSetId?: string;
  /** The tip, LPS mm. */
  readonly target: readonly [number, number, number];
  /** From the target toward the skin: the needle comes in along the opposite direction. */
  readonly outward: Vec3;
  readonly accessRoute: AccessRoute;
  readonly lesionId: string | null;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Places a demo trajectory: the entry is where the line from the target along `outward` leaves
 * the body on the CT ({@link skinEntry}). Fails, naming the trajectory, when the device or zone
 * set is not in the catalogue, no skin is found, or the device is too short for the depth.
 */
export function placeTrajectory(volume: PlanningVolume, frameOfReferenceUID: string, catalogue: DeviceCatalogue, spec: DemoTrajectorySpec): Result<TrajectoryInput> {
  const device = deviceById(catalogue, spec.deviceId);
  if (!device) return err(`trajectory ${spec.id}: no device "${spec.deviceId}" in the catalogue`);
  if (spec.zoneSetId !== undefined && !zoneSetOf(device, spec.zoneSetId)) return err(`trajectory ${spec.id}: device "${device.id}" has no zone set "${spec.zoneSetId}"`);
  const target = lps(spec.target[0], spec.target[1], spec.target[2]);
  const skin = skinEntry(volume, target, spec.outward);
  if (!skin.ok) return err(`trajectory ${spec.id}: ${skin.error}`);
  const { entry, depthMm } = skin.value;
  if (depthMm > device.workingLengthMm) {
    return err(`trajectory ${spec.id}: depth ${depthMm.toFixed(1)} mm is more than the ${device.workingLengthMm} mm working length of ${device.id}`);
  }
  return ok({
    id: spec.id,
    label: spec.label,
    deviceId: device.id,
    zoneSetId: spec.zoneSetId ?? null,
    entry: [r2(entry[0]), r2(entry[1]), r2(entry[2])],
    target: [r2(target[0]), r2(target[1]), r2(target[2])],
    frameOfReferenceUID,
    accessRoute: spec.accessRoute,
    lesionId: spec.lesionId,
  });
}
