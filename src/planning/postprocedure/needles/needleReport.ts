import type { NeedleReport } from '../../../records/postProcedure';
import type { Vec3 } from '../../../shared/vec3';
import type { Trajectory } from '../../trajectory/trajectorySchema';

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const len = (a: Vec3) => Math.hypot(a[0], a[1], a[2]);
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const r3 = (v: Vec3): [number, number, number] => [v[0], v[1], v[2]];

/**
 * A needle as found (or placed), in planning LPS, against its planned trajectory: entry and tip
 * errors, the angle between the axes (`axis` points toward the tip), the depth from the skin
 * entry to the tip. Without an entry (skin outside the field of view) the depth runs from the
 * point of the actual axis nearest the planned entry.
 */
export function needleReport(t: Trajectory, found: NeedleReport['found'], tip: Vec3, entry: Vec3 | null, axis: Vec3): NeedleReport {
  const E: Vec3 = t.entry, T: Vec3 = t.target;
  const planned = sub(T, E);
  const plannedDepthMm = len(planned);
  const cos = dot(planned, axis) / (plannedDepthMm * len(axis));
  const angleDeg = (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
  const depthMm = entry ? len(sub(tip, entry)) : Math.abs(dot(sub(tip, E), axis) / len(axis));
  return {
    trajectoryId: t.id,
    found,
    entryErrorMm: entry ? len(sub(entry, E)) : null,
    tipErrorMm: len(sub(tip, T)),
    angleDeg,
    depthMm,
    plannedDepthMm,
    entryLps: entry ? r3(entry) : null,
    tipLps: r3(tip),
  };
}
