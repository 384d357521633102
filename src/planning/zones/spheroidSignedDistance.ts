import type { Vec3 } from '../../shared/vec3';
import { ellipseSignedDistance } from './ellipseDistance';
import type { Spheroid } from './spheroid';

/**
 * Exact signed distance in mm from a point to a spheroid's surface (negative inside). The
 * spheroid is symmetric about its axis, so the problem is the ellipse one in the plane through
 * the axis and the point.
 */
export function spheroidSignedDistance(s: Spheroid, p: Vec3): number {
  const dx = p[0] - s.centre[0], dy = p[1] - s.centre[1], dz = p[2] - s.centre[2];
  const h = dx * s.axis[0] + dy * s.axis[1] + dz * s.axis[2];
  const rho = Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - h * h));
  return ellipseSignedDistance(s.radialSemiMm, s.axialSemiMm, rho, h);
}
