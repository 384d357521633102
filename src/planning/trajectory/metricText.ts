import type { StoredTrajectoryMetrics } from './trajectorySchema';

/**
 * THE number format of the trajectory metrics, for the panel, the warnings and the report
 * alike, so one value never reads "4.87 mm" in one place and "4.9 mm" in another: distances
 * and lengths 1 decimal mm, angles 1 decimal degrees. Pure (the server stores the warnings it
 * words), so it lives here rather than in ui/.
 */
export const METRIC_DECIMALS = { mm: 1, deg: 1 } as const;

/** Shown for a value that does not exist (no angle for a zero-length needle). */
export const NO_VALUE = '—';

const finite = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

/** A distance or length: "12.3 mm". Negative zero reads "0.0 mm". */
export const mmText = (x: number | null | undefined): string => (finite(x) ? `${(x + 0).toFixed(METRIC_DECIMALS.mm).replace(/^-(0\.0+)$/, '$1')} mm` : NO_VALUE);

/** An angle: "24.9°" (no space before the degree sign, as in the literature). */
export const degText = (x: number | null | undefined): string => (finite(x) ? `${x.toFixed(METRIC_DECIMALS.deg)}°` : NO_VALUE);

type Angles = Pick<StoredTrajectoryMetrics, 'axialAngleDeg' | 'axialDirection' | 'craniocaudalAngleDeg' | 'craniocaudalDirection' | 'tableVerticalAngleDeg' | 'tableVerticalDirection'>;

/**
 * The axial angle as a radiologist reads it: from which axis and toward which side of the
 * patient the needle leans, entry to tip — "24.9° from the AP axis, toward the patient's right".
 * A needle along the AP axis reads "0.0° (along the AP axis)"; one with no axial component
 * (straight head–feet) or zero length has no axial angle.
 */
export function axialAngleText(m: Angles): string {
  if (m.axialAngleDeg === null) return NO_VALUE;
  if (m.axialDirection === 'none') return `${degText(m.axialAngleDeg)} (along the AP axis)`;
  return `${degText(m.axialAngleDeg)} from the AP axis, toward the patient's ${m.axialDirection}`;
}

/** The craniocaudal angle: "12.0° toward the head" (tip higher than the entry) or "… toward the feet". */
export function craniocaudalAngleText(m: Angles): string {
  if (m.craniocaudalAngleDeg === null) return NO_VALUE;
  if (m.craniocaudalDirection === 'none') return `${degText(m.craniocaudalAngleDeg)} (in the axial plane)`;
  return `${degText(m.craniocaudalAngleDeg)} toward the ${m.craniocaudalDirection === 'cranial' ? 'head' : 'feet'}`;
}

/** Decubitus only: "10.0° from the table vertical, toward anterior"; null in other positions. */
export function tableVerticalText(m: Angles): string | null {
  if (m.tableVerticalDirection === null) return null;
  if (m.tableVerticalAngleDeg === null) return NO_VALUE;
  if (m.tableVerticalDirection === 'none') return `${degText(m.tableVerticalAngleDeg)} (along the table vertical)`;
  return `${degText(m.tableVerticalAngleDeg)} from the table vertical, toward ${m.tableVerticalDirection}`;
}

/**
 * The unused shaft length (working length − depth): what is left outside the skin when the tip
 * is on target, or, negative, how far the tip falls short — "30.0 mm" / "12.3 mm short".
 */
export function unusedShaftText(unusedMm: number): string {
  return unusedMm < 0 ? `${mmText(-unusedMm)} short` : mmText(unusedMm);
}
