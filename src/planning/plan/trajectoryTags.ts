import { deviceById } from '../devices/deviceById';
import type { DeviceCatalogue, DeviceKind } from '../devices/deviceSchema';
import type { Trajectory } from '../trajectory/trajectorySchema';
import { nextLabel } from './planCommands';

/**
 * The one prefix of each device kind, shared by a new trajectory's label and the tag drawn on
 * the images, so that both always name a needle alike (C1, B2, S1 …).
 */
export const DEVICE_PREFIX: Readonly<Record<DeviceKind, string>> = {
  cryoprobe: 'C',
  'microwave-antenna': 'M',
  'rf-electrode': 'R',
  'bone-access-needle': 'B',
  'spinal-needle': 'S',
};

/** Prefix of a trajectory whose device is not in the catalogue. */
export const UNKNOWN_DEVICE_PREFIX = 'N';

/** The prefix of a device kind (or of an unknown device). */
export const prefixOf = (kind: DeviceKind | undefined): string => (kind ? DEVICE_PREFIX[kind] : UNKNOWN_DEVICE_PREFIX);

const prefixOfTrajectory = (t: Trajectory, catalogue: DeviceCatalogue): string => prefixOf(deviceById(catalogue, t.deviceId)?.kind);

/**
 * Short tags for drawing trajectories on images where full labels would pile up: the device
 * kind's prefix and a number unique among the trajectories of that kind. A trajectory whose
 * label already is such a tag (`B2` on a bone access needle) keeps it as its tag; the others
 * (a demo plan's "T10 left transpedicular bone access needle") take the free numbers in plan
 * order. A new trajectory labelled by {@link nextTrajectoryLabel} thus shows the same name in
 * the panel and on the images, and keeps it when others are added or removed.
 */
export function trajectoryTags(trajectories: readonly Trajectory[], catalogue: DeviceCatalogue): Map<string, string> {
  const prefixes = new Map(trajectories.map((t) => [t.id, prefixOfTrajectory(t, catalogue)]));
  const taken = new Set<string>();
  const tags = new Map<string, string>();
  // Labels that are tags of their own kind claim their number first (the first of duplicates wins).
  for (const t of trajectories) {
    const prefix = prefixes.get(t.id)!;
    const own = new RegExp(`^${prefix}([1-9][0-9]*)$`).exec(t.label);
    if (own && !taken.has(t.label)) {
      taken.add(t.label);
      tags.set(t.id, t.label);
    }
  }
  for (const t of trajectories) {
    if (tags.has(t.id)) continue;
    const tag = nextLabel(prefixes.get(t.id)!, [...taken]);
    taken.add(tag);
    tags.set(t.id, tag);
  }
  return tags;
}

/**
 * The label of a new trajectory of a device kind: its prefix and the first number that is
 * neither another trajectory's tag nor another's label, so that it is also its tag.
 */
export function nextTrajectoryLabel(trajectories: readonly Trajectory[], catalogue: DeviceCatalogue, kind: DeviceKind | undefined): string {
  const tags = trajectoryTags(trajectories, catalogue);
  return nextLabel(prefixOf(kind), [...tags.values(), ...trajectories.map((t) => t.label)]);
}
