import type { Synergy } from '../devices/deviceSchema';

/**
 * Calibration of the cluster hull model (described in compositeZone.ts): how much each
 * probe's zones grow when n probes freeze together.
 *
 * The calibrated layouts are 1 probe, 2 probes `s` apart, 3 on an equilateral triangle and 4
 * on a square of side `s`. The model's lethal cross-section through the zone centres is the
 * layout polygon P dilated by a disc of radius r(n), whose area is, by Steiner's formula,
 * area(P) + perimeter(P)·r + π r². Setting that equal to the area of the published
 * equivalent diameter D(n), π (D/2)², and solving the quadratic gives r(n); the growth is
 * r(n) − r(1), with r(1) = D(1)/2.
 */

/** Area and perimeter of the calibration layout of n probes with spacing s (a segment's perimeter is twice its length). */
export function layoutPolygon(n: number, spacingMm: number): { areaMm2: number; perimeterMm: number } {
  const s = spacingMm;
  switch (n) {
    case 1:
      return { areaMm2: 0, perimeterMm: 0 };
    case 2:
      return { areaMm2: 0, perimeterMm: 2 * s };
    case 3:
      return { areaMm2: (Math.sqrt(3) / 4) * s * s, perimeterMm: 3 * s };
    case 4:
      return { areaMm2: s * s, perimeterMm: 4 * s };
    default:
      throw new Error(`No calibration layout for ${n} probes`);
  }
}

/** The radius r(n) whose dilation of the n-probe layout has the area of a circle of diameter D. */
export function dilationRadiusMm(n: number, spacingMm: number, diameterMm: number): number {
  const { areaMm2, perimeterMm } = layoutPolygon(n, spacingMm);
  const target = Math.PI * (diameterMm / 2) ** 2;
  // π r² + P r + (A − target) = 0, positive root.
  const c = areaMm2 - target;
  return (-perimeterMm + Math.sqrt(perimeterMm * perimeterMm - 4 * Math.PI * c)) / (2 * Math.PI);
}

/**
 * Growth in mm of every zone's radial and axial semi-axes for clusters of 1, 2, 3 and 4 or
 * more probes (index n − 1; larger clusters take the last calibrated value, since the source
 * has no figure beyond four probes).
 */
export function synergyGrowthMm(calibration: Synergy['calibration']): number[] {
  const d = calibration.lethalDiametersMm;
  const r1 = d[0]! / 2;
  return d.map((diameter, k) => Math.max(0, dilationRadiusMm(k + 1, calibration.spacingMm, diameter) - r1));
}

/** The growth for a cluster of n probes. */
export function growthFor(growth: readonly number[], n: number): number {
  if (growth.length === 0 || n < 1) return 0;
  return growth[Math.min(n, growth.length) - 1]!;
}
