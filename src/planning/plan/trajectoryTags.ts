import { deviceById } from '../devices/deviceById';
import type { DeviceCatalogue, DeviceKind } from '../devices/deviceSchema';
import type { Trajectory } from '../trajectory/trajectorySchema';

const LETTER: Record<DeviceKind, string> = {
  cryoprobe: 'C',
  'microwave-antenna': 'M',
  'rf-electrode': 'R',
  'bone-access-needle': 'B',
  'spinal-needle': 'S',
};

/**
 * Short tags for drawing trajectories on images where full labels would pile up: the device
 * kind's letter and the trajectory's rank among those of its kind (C1…C5, B1…B4), in plan order.
 */
export function trajectoryTags(trajectories: readonly Trajectory[], catalogue: DeviceCatalogue): Map<string, string> {
  const counts = new Map<string, number>();
  const tags = new Map<string, string>();
  for (const t of trajectories) {
    const kind = deviceById(catalogue, t.deviceId)?.kind;
    const letter = kind ? LETTER[kind] : 'N';
    const n = (counts.get(letter) ?? 0) + 1;
    counts.set(letter, n);
    tags.set(t.id, `${letter}${n}`);
  }
  return tags;
}
