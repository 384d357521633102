import type { Vec3 } from '../../shared/vec3';
import { planeDistanceMm, worldToCanvas, type CanvasPoint, type ViewPlane } from './viewPlane';

/** A straight piece of a projected needle on the canvas. */
export interface CanvasSegment {
  readonly from: CanvasPoint;
  readonly to: CanvasPoint;
}

/** A needle path (entry → target) seen on one view plane. */
export interface TrajectoryOnPlane {
  /** Orthogonal projections of the two ends on the canvas. */
  readonly entry: CanvasPoint;
  readonly target: CanvasPoint;
  /** Signed distances (mm) of the ends from the plane, positive towards the viewer. */
  readonly entryDistanceMm: number;
  readonly targetDistanceMm: number;
  /**
   * Where the segment pierces the plane, or null when it stays on one side (or lies in the
   * plane). An end exactly on the plane is its own crossing.
   */
  readonly crossing: CanvasPoint | null;
  /** The part of the projection in front of the plane or on it (draw solid), or null. */
  readonly front: CanvasSegment | null;
  /** The part behind the plane (draw dashed), or null. Runs from the crossing to the far end. */
  readonly behind: CanvasSegment | null;
  /** The part within ±slabMm of the plane, or null (for drawing only what the slab shows). */
  readonly inSlab: CanvasSegment | null;
  readonly entryInSlab: boolean;
  readonly targetInSlab: boolean;
}

const lerp = (a: CanvasPoint, b: CanvasPoint, t: number): CanvasPoint => ({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y) });

/**
 * Projects a trajectory on a view plane and splits it where it crosses the plane. The
 * distance along the segment is linear in the parameter, so every split is a linear
 * interpolation of the projected ends. A needle perpendicular to the plane (probe's-eye view)
 * projects to a single point: entry and target coincide and the crossing is that point.
 */
export function trajectoryOnPlane(entry: Vec3, target: Vec3, plane: ViewPlane, slabMm: number): TrajectoryOnPlane {
  const e = worldToCanvas(plane, entry), t = worldToCanvas(plane, target);
  const de = planeDistanceMm(plane, entry), dt = planeDistanceMm(plane, target);
  const slab = Math.abs(slabMm);

  let crossing: CanvasPoint | null = null;
  let front: CanvasSegment | null = null;
  let behind: CanvasSegment | null = null;
  if (de >= 0 && dt >= 0) {
    front = { from: e, to: t };
    if (de === 0 && dt !== 0) crossing = e;
    else if (dt === 0 && de !== 0) crossing = t;
  } else if (de < 0 && dt < 0) {
    behind = { from: e, to: t };
  } else {
    crossing = lerp(e, t, de / (de - dt));
    front = de > 0 ? { from: e, to: crossing } : { from: crossing, to: t };
    behind = de > 0 ? { from: crossing, to: t } : { from: e, to: crossing };
  }

  // Parameter range [u0, u1] of the segment with |d(u)| ≤ slab, d(u) = de + u·(dt − de).
  let inSlab: CanvasSegment | null = null;
  const dd = dt - de;
  if (dd === 0) {
    if (Math.abs(de) <= slab) inSlab = { from: e, to: t };
  } else {
    const a = (-slab - de) / dd, b = (slab - de) / dd;
    const u0 = Math.max(0, Math.min(a, b)), u1 = Math.min(1, Math.max(a, b));
    if (u0 <= u1) inSlab = { from: lerp(e, t, u0), to: lerp(e, t, u1) };
  }

  return {
    entry: e, target: t, entryDistanceMm: de, targetDistanceMm: dt,
    crossing, front, behind, inSlab,
    entryInSlab: Math.abs(de) <= slab, targetInSlab: Math.abs(dt) <= slab,
  };
}
