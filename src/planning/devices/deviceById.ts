import type { Device, DeviceCatalogue, ZoneSet } from './deviceSchema';

/** The device with this id, or undefined. */
export function deviceById(catalogue: DeviceCatalogue, id: string): Device | undefined {
  return catalogue.devices.find((d) => d.id === id);
}

/**
 * A device's zone set: the one named, or the first when no id is given. Undefined when the
 * device has no zones (needles, RF probes whose zones the site has not entered) or the id is unknown.
 */
export function zoneSetOf(device: Device, zoneSetId?: string | null): ZoneSet | undefined {
  if (zoneSetId === undefined || zoneSetId === null) return device.zoneSets[0];
  return device.zoneSets.find((s) => s.id === zoneSetId);
}
