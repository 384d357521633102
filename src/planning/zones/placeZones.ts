import type { LpsPoint } from '../../shared/vec3';
import type { ZoneEllipsoid, ZoneSet } from '../devices/deviceSchema';
import type { Spheroid } from './spheroid';

/** A zone of a device placed on a trajectory. */
export interface PlacedZone {
  /** The catalogue zone (id, isotherm, lethal flag, provenance). */
  readonly zone: ZoneEllipsoid;
  readonly shape: Spheroid;
}

/**
 * Places a zone set's nested ellipsoids on the trajectory entry → target: each centred
 * `centreFromTipMm` back from the tip along the shaft, its long axis along the shaft. Empty
 * for a zero-length trajectory, whose orientation is undefined.
 */
export function placeZones(entry: LpsPoint, target: LpsPoint, set: ZoneSet): PlacedZone[] {
  const vx = target[0] - entry[0], vy = target[1] - entry[1], vz = target[2] - entry[2];
  const len = Math.hypot(vx, vy, vz);
  if (!(len > 0)) return [];
  const u = [vx / len, vy / len, vz / len] as const;
  return set.zones.map((zone) => ({
    zone,
    shape: {
      centre: [target[0] - u[0] * zone.centreFromTipMm, target[1] - u[1] * zone.centreFromTipMm, target[2] - u[2] * zone.centreFromTipMm],
      axis: u,
      radialSemiMm: zone.diameterMm / 2,
      axialSemiMm: zone.lengthMm / 2,
    },
  }));
}
