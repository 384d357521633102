import { degText } from '../trajectory/metricText';
import type { AxialDirection, CraniocaudalDirection, VerticalDirection } from '../trajectory/trajectoryAngles';

/** An angle as a report prints it: the short form the plan panel shows, and what it means in words. */
export interface AngleWording {
  /** E.g. "12.0° caudal": one decimal and the direction, the short form of the plan panel's list. */
  readonly short: string;
  /** E.g. "tip toward the feet". */
  readonly meaning: string;
}

/** The one angle format of the metrics (1 decimal, "°"). */
const deg = degText;

/**
 * The craniocaudal angle (tilt out of the axial plane, 0–90°) in words: the direction is where
 * the tip lies relative to the entry, so "caudal" means the needle is angled toward the feet.
 */
export function craniocaudalWording(angleDeg: number | null, direction: CraniocaudalDirection): AngleWording {
  if (angleDeg === null) return { short: '—', meaning: 'no direction (entry and target coincide)' };
  if (direction === 'none') return { short: deg(angleDeg), meaning: 'in the axial plane (no gantry tilt needed)' };
  return { short: `${deg(angleDeg)} ${direction}`, meaning: direction === 'caudal' ? 'tip toward the feet' : 'tip toward the head' };
}

/**
 * The axial angle (in the axial plane, from the anterior–posterior axis, 0–90°) in words: 0° is
 * straight front to back, 90° straight across; the direction is the side of the patient the tip
 * lies toward from the entry.
 */
export function axialWording(angleDeg: number | null, direction: AxialDirection): AngleWording {
  if (angleDeg === null) return { short: '—', meaning: 'no axial component (purely craniocaudal)' };
  if (direction === 'none') return { short: deg(angleDeg), meaning: 'along the anterior–posterior axis' };
  return { short: `${deg(angleDeg)} ${direction}`, meaning: `tip toward the patient's ${direction}` };
}

/** The table-vertical angle of a decubitus series, or null where it does not apply. */
export function tableVerticalWording(angleDeg: number | null, direction: VerticalDirection | null): AngleWording | null {
  if (direction === null) return null;
  if (angleDeg === null) return { short: '—', meaning: 'no axial component' };
  if (direction === 'none') return { short: deg(angleDeg), meaning: 'along the table vertical' };
  return { short: `${deg(angleDeg)} ${direction}`, meaning: `from the table vertical, tip toward ${direction}` };
}
