import type { LpsPoint } from '../../shared/vec3';
import { tableOrientation } from './patientPosition';

/** Which way the needle tilts out of the axial plane, entry to target. */
export type CraniocaudalDirection = 'cranial' | 'caudal' | 'none';

/** Which way the needle points across the patient within the axial plane, entry to target. */
export type AxialDirection = 'left' | 'right' | 'none';

/** Which way, in a decubitus position, the needle leans from the table vertical. */
export type VerticalDirection = 'anterior' | 'posterior' | 'none';

/** The geometric description of a trajectory, following shared/docs/domain.md "Trajectory geometry". */
export interface TrajectoryAngles {
  /** |target − entry| in mm. */
  depthMm: number;
  /** asin(|d_z|) in degrees, 0–90; null for a zero-length trajectory. */
  craniocaudalAngleDeg: number | null;
  craniocaudalDirection: CraniocaudalDirection;
  /**
   * Angle in the axial plane between the projection of d and the anterior–posterior axis,
   * 0–90°; null when d has no axial component (a purely craniocaudal or zero-length needle).
   */
  axialAngleDeg: number | null;
  /** Toward patient left (+x) or right (−x). */
  axialDirection: AxialDirection;
  /** Craniocaudal angle ≤ 1°, so the whole needle lies on one axial slice. */
  inPlane: boolean;
  /**
   * Decubitus positions only: the angle in the axial plane between the projection of d and the
   * table vertical, 0–90°, and which way it leans from it. Null otherwise.
   */
  tableVerticalAngleDeg: number | null;
  tableVerticalDirection: VerticalDirection | null;
}

/** Components this small (of a unit vector) count as zero, so round-off does not pick a side. */
const EPS = 1e-9;

/** The in-plane limit of the craniocaudal angle, in degrees (domain.md). */
export const IN_PLANE_LIMIT_DEG = 1;

const deg = (rad: number): number => (rad * 180) / Math.PI;

/**
 * Angles of the trajectory from entry E to target T with d = (T − E)/|T − E|, in patient LPS
 * (+x left, +y posterior, +z superior). `patientPosition` is the DICOM Patient Position of the
 * series; it only adds the table-vertical angle for decubitus positions.
 */
export function trajectoryAngles(entry: LpsPoint, target: LpsPoint, patientPosition?: string | null): TrajectoryAngles {
  const vx = target[0] - entry[0], vy = target[1] - entry[1], vz = target[2] - entry[2];
  const depthMm = Math.hypot(vx, vy, vz);
  const table = tableOrientation(patientPosition);
  if (!(depthMm > 0)) {
    return {
      depthMm: 0,
      craniocaudalAngleDeg: null,
      craniocaudalDirection: 'none',
      axialAngleDeg: null,
      axialDirection: 'none',
      inPlane: false,
      tableVerticalAngleDeg: null,
      tableVerticalDirection: table.decubitus ? 'none' : null,
    };
  }
  const dx = vx / depthMm, dy = vy / depthMm, dz = vz / depthMm;
  const craniocaudalAngleDeg = deg(Math.asin(Math.min(1, Math.abs(dz))));
  const craniocaudalDirection: CraniocaudalDirection = dz > EPS ? 'cranial' : dz < -EPS ? 'caudal' : 'none';
  const axialLength = Math.hypot(dx, dy);
  const hasAxial = axialLength > EPS;
  const axialAngleDeg = hasAxial ? deg(Math.atan2(Math.abs(dx), Math.abs(dy))) : null;
  const axialDirection: AxialDirection = !hasAxial ? 'none' : dx > EPS ? 'left' : dx < -EPS ? 'right' : 'none';
  let tableVerticalAngleDeg: number | null = null;
  let tableVerticalDirection: VerticalDirection | null = null;
  if (table.decubitus) {
    // The table vertical is the left–right axis here, so the angle is measured from x.
    tableVerticalAngleDeg = hasAxial ? deg(Math.atan2(Math.abs(dy), Math.abs(dx))) : null;
    tableVerticalDirection = !hasAxial ? 'none' : dy < -EPS ? 'anterior' : dy > EPS ? 'posterior' : 'none';
  }
  return {
    depthMm,
    craniocaudalAngleDeg,
    craniocaudalDirection,
    axialAngleDeg,
    axialDirection,
    inPlane: craniocaudalAngleDeg <= IN_PLANE_LIMIT_DEG,
    tableVerticalAngleDeg,
    tableVerticalDirection,
  };
}
