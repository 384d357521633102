import { distance, dot, norm, sub, type Vec3 } from '../../shared/vec3';

/** How one trainee needle differs from one expert needle. */
export interface NeedleComparison {
  /** |T_trainee − T_expert|, mm. */
  targetErrorMm: number;
  /** |E_trainee − E_expert|, mm. */
  entryErrorMm: number;
  /** arccos(d_t·d_e) between the two entry→target directions, 0–180°; null when either needle has zero length. */
  angleDeg: number | null;
  /**
   * Angle between the two directions' projections onto the axial plane, 0–180°; null when
   * either has no axial component (purely craniocaudal or zero length).
   */
  axialDifferenceDeg: number | null;
  /**
   * |asin(d_t,z) − asin(d_e,z)|, 0–180°: the difference of the craniocaudal angles of
   * trajectoryAngles.ts taken with their sign (cranial +, caudal −), so 10° cranial against
   * 10° caudal is 20°. Null when either needle has zero length.
   */
  craniocaudalDifferenceDeg: number | null;
}

const deg = (rad: number): number => (rad * 180) / Math.PI;
/** Below this an axial projection counts as none, as in trajectoryAngles.ts. */
const EPS = 1e-9;

/** Unit entry→target direction, or null for a zero-length needle. */
function direction(entry: Vec3, target: Vec3): Vec3 | null {
  const v = sub(target, entry);
  const n = norm(v);
  return n > 0 ? [v[0] / n, v[1] / n, v[2] / n] : null;
}

/**
 * The accuracy triad of shared/docs/board-and-teaching.md ("Scoring a trainee's needle plan")
 * for one pair of needles, in patient LPS (+x left, +y posterior, +z superior), unrounded.
 *
 * The axial difference is measured between the axial projections themselves rather than as
 * the difference of the displayed axial angles (which are folded to 0–90° from the AP axis):
 * the two agree whenever both needles point the same way along AP, and the projection angle
 * stays right when they do not (80° left going anterior against 80° left going posterior is
 * 20°, not 0°).
 */
export function compareNeedles(
  trainee: { readonly entry: Vec3; readonly target: Vec3 },
  expert: { readonly entry: Vec3; readonly target: Vec3 },
): NeedleComparison {
  const targetErrorMm = distance(trainee.target, expert.target);
  const entryErrorMm = distance(trainee.entry, expert.entry);
  const dt = direction(trainee.entry, trainee.target);
  const de = direction(expert.entry, expert.target);
  if (!dt || !de) return { targetErrorMm, entryErrorMm, angleDeg: null, axialDifferenceDeg: null, craniocaudalDifferenceDeg: null };
  // atan2(|a×b|, a·b) rather than acos(a·b): exact near 0° and 180°, where acos loses digits.
  const c = [dt[1] * de[2] - dt[2] * de[1], dt[2] * de[0] - dt[0] * de[2], dt[0] * de[1] - dt[1] * de[0]] as const;
  const angleDeg = deg(Math.atan2(Math.hypot(c[0], c[1], c[2]), dot(dt, de)));
  const at = Math.hypot(dt[0], dt[1]), ae = Math.hypot(de[0], de[1]);
  const axialDifferenceDeg = at > EPS && ae > EPS
    ? deg(Math.atan2(Math.abs(dt[0] * de[1] - dt[1] * de[0]), dt[0] * de[0] + dt[1] * de[1]))
    : null;
  const cc = (d: Vec3): number => Math.asin(Math.max(-1, Math.min(1, d[2])));
  const craniocaudalDifferenceDeg = deg(Math.abs(cc(dt) - cc(de)));
  return { targetErrorMm, entryErrorMm, angleDeg, axialDifferenceDeg, craniocaudalDifferenceDeg };
}
