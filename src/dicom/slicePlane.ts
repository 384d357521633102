import { cross, dot, norm, normalize, scale, sub, type Vec3 } from '../shared/vec3';

/** ImageOrientationPatient: row direction cosines then column direction cosines. */
export type Orientation = readonly [number, number, number, number, number, number];

/** Two orientations closer than this are the same plane; scanners write cosines to ~6 digits. */
const SAME_ORIENTATION_COS = Math.cos((0.5 * Math.PI) / 180);

const rowOf = (o: Orientation): Vec3 => normalize([o[0], o[1], o[2]]);
const colOf = (o: Orientation): Vec3 => normalize([o[3], o[4], o[5]]);

/**
 * The slice normal, row × column. Slices of one volume are stacked along it, so a position's
 * projection on it orders the slices whatever order the files came in.
 */
export function sliceNormal(o: Orientation): Vec3 {
  return normalize(cross(rowOf(o), colOf(o)));
}

/** True when both the row and the column directions agree within half a degree. */
export function sameOrientation(a: Orientation, b: Orientation): boolean {
  return dot(rowOf(a), rowOf(b)) > SAME_ORIENTATION_COS && dot(colOf(a), colOf(b)) > SAME_ORIENTATION_COS;
}

/** The plane's everyday name, from the axis its normal is closest to (within 10°), else oblique. */
export function planeName(o: Orientation): 'axial' | 'coronal' | 'sagittal' | 'oblique' {
  const n = sliceNormal(o).map(Math.abs);
  const [x = 0, y = 0, z = 0] = n;
  const best = Math.max(x, y, z);
  if (best < Math.cos((10 * Math.PI) / 180)) return 'oblique';
  return best === z ? 'axial' : best === y ? 'coronal' : 'sagittal';
}

/** The cosines as written for messages: "[1,0,0 / 0,1,0]", three decimals at most. */
export function cosines(o: Orientation): string {
  const r = (v: number): string => `${Number(v.toFixed(3))}`;
  return `[${o.slice(0, 3).map(r).join(',')} / ${o.slice(3).map(r).join(',')}]`;
}

/** A short rendering of an orientation for messages: "axial [1,0,0 / 0,1,0]". */
export const describeOrientation = (o: Orientation): string => `${planeName(o)} ${cosines(o)}`;

/**
 * How far the slices of a stack step off their own normal, as an angle. Slices that move
 * sideways within their plane as they advance (a tilted gantry) form a sheared volume, which
 * an MPR built on the slice normal would render distorted. Measured from the first to the last
 * slice so that DS rounding on each position averages out.
 */
export function stepOffNormal(first: Vec3, last: Vec3, normal: Vec3): { alongMm: number; inPlaneMm: number; angleDeg: number } {
  const d = sub(last, first);
  const along = dot(d, normal);
  const inPlane = norm(sub(d, scale(normal, along)));
  return { alongMm: along, inPlaneMm: inPlane, angleDeg: (Math.atan2(inPlane, Math.abs(along)) * 180) / Math.PI };
}
