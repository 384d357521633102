import type { LpsPoint } from '../../shared/vec3';
import type { Device } from '../devices/deviceSchema';
import { trajectoryAngles, type TrajectoryAngles } from './trajectoryAngles';

/** Options of `trajectoryMetrics`. */
export interface TrajectoryMetricsOptions {
  /** DICOM Patient Position (0018,5100) of the series, for the table-vertical angle. */
  patientPosition?: string | null;
}

/** A problem with a trajectory that the UI should show next to it. */
export type GeometryWarning = 'zero-length' | 'needle-too-short';

/** The geometric metrics of one trajectory: depth, unused shaft length, angles. */
export interface TrajectoryGeometryMetrics extends TrajectoryAngles {
  /**
   * The unused shaft length: device working length − depth, in mm; negative when the needle
   * cannot reach the target. (Named `needleMarginMm` in stored plans and the SR, kept for
   * compatibility; it is not a safety margin.)
   */
  needleMarginMm: number;
  warnings: GeometryWarning[];
}

/**
 * Depth, unused shaft length and angles of the trajectory from `entry` (skin) to `target` (tip)
 * with `device`, as defined in shared/docs/domain.md.
 */
export function trajectoryMetrics(
  entry: LpsPoint,
  target: LpsPoint,
  device: Pick<Device, 'workingLengthMm'>,
  options: TrajectoryMetricsOptions = {},
): TrajectoryGeometryMetrics {
  const angles = trajectoryAngles(entry, target, options.patientPosition);
  const needleMarginMm = device.workingLengthMm - angles.depthMm;
  const warnings: GeometryWarning[] = [];
  if (angles.depthMm === 0) warnings.push('zero-length');
  if (needleMarginMm < 0) warnings.push('needle-too-short');
  return { ...angles, needleMarginMm, warnings };
}
