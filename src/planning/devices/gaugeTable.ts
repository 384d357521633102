/**
 * Outer diameters of needle gauges, from the table in shared/docs/domain.md ("Trajectory
 * geometry"). Only the gauges listed there: a device of another gauge states its diameter
 * itself, so no number here is a guess.
 */
export const GAUGE_OUTER_DIAMETER_MM: Readonly<Record<number, number>> = {
  10: 3.4,
  11: 3.05,
  13: 2.41,
  15: 1.83,
  17: 1.47,
  22: 0.72,
};

/** The tabulated outer diameter of a gauge in mm, or undefined when the table has no row for it. */
export function outerDiameterOfGauge(gauge: number): number | undefined {
  return GAUGE_OUTER_DIAMETER_MM[gauge];
}
