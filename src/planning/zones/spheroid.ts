import type { Vec3 } from '../../shared/vec3';

/**
 * A zone's shape: an ellipsoid of revolution about the needle axis. `axialSemiMm` is the
 * half-length along `axis` (unit, entry → tip), `radialSemiMm` the radius across it.
 */
export interface Spheroid {
  readonly centre: Vec3;
  readonly axis: Vec3;
  readonly radialSemiMm: number;
  readonly axialSemiMm: number;
}

/**
 * The spheroid's quadric: q(p) = (p − c)ᵀ M (p − c), ≤ 1 inside, with
 * M = I/a² + (1/b² − 1/a²)·u uᵀ (a radial, b axial semi-axis, u the axis). Row-major 3×3.
 */
export function spheroidQuadric(s: Spheroid): Float64Array {
  const ia = 1 / (s.radialSemiMm * s.radialSemiMm);
  const k = 1 / (s.axialSemiMm * s.axialSemiMm) - ia;
  const [ux, uy, uz] = s.axis;
  return Float64Array.of(
    ia + k * ux * ux, k * ux * uy, k * ux * uz,
    k * uy * ux, ia + k * uy * uy, k * uy * uz,
    k * uz * ux, k * uz * uy, ia + k * uz * uz,
  );
}

/** The spheroid's shape matrix M⁻¹ = a²·I + (b² − a²)·u uᵀ (its support function is √(nᵀ M⁻¹ n)). */
export function spheroidShape(s: Spheroid): Float64Array {
  const a2 = s.radialSemiMm * s.radialSemiMm;
  const k = s.axialSemiMm * s.axialSemiMm - a2;
  const [ux, uy, uz] = s.axis;
  return Float64Array.of(
    a2 + k * ux * ux, k * ux * uy, k * ux * uz,
    k * uy * ux, a2 + k * uy * uy, k * uy * uz,
    k * uz * ux, k * uz * uy, a2 + k * uz * uz,
  );
}

/** The axis-aligned LPS bounds of a spheroid: min and max corners. */
export function spheroidBounds(s: Spheroid): { min: Vec3; max: Vec3 } {
  const a = s.radialSemiMm, b = s.axialSemiMm;
  const half = (uc: number) => Math.sqrt(a * a * (1 - uc * uc) + b * b * uc * uc);
  const h: Vec3 = [half(s.axis[0]), half(s.axis[1]), half(s.axis[2])];
  return {
    min: [s.centre[0] - h[0], s.centre[1] - h[1], s.centre[2] - h[2]],
    max: [s.centre[0] + h[0], s.centre[1] + h[1], s.centre[2] + h[2]],
  };
}
