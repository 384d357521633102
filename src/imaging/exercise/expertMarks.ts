import type { Vec3 } from '../../shared/vec3';
import { trajectoryOnPlane, type CanvasSegment } from '../overlay/trajectoryOnPlane';
import type { CanvasPoint, ViewPlane } from '../overlay/viewPlane';

/** One needle of a read-only reference plan (an exercise's expert plan), entry and target in LPS mm. */
export interface ReferenceNeedle {
  readonly id: string;
  readonly label: string;
  readonly entry: Vec3;
  readonly target: Vec3;
}

/** What one reference needle draws on one view. */
export interface ReferenceNeedleMarks {
  readonly id: string;
  readonly label: string;
  /** The part within the slab around the view plane (drawn solid), or null. */
  readonly solid: CanvasSegment | null;
  /** The whole projection (drawn thin and dashed, so a needle off the slice is still found). */
  readonly projection: CanvasSegment;
  readonly tip: CanvasPoint;
  /** True when the tip lies within the slab (a filled marker; a ring otherwise). */
  readonly tipOnSlice: boolean;
  /** True when some part of the projection falls on the canvas. */
  readonly onCanvas: boolean;
}

/** Half-thickness (mm) of the slab whose part of a needle is drawn solid, as thick as a CT slice or two. */
export const REFERENCE_SLAB_MM = 2.5;

const inside = (p: CanvasPoint, w: number, h: number): boolean => p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;

/**
 * The marks of each reference needle on a view plane: the projection of entry → target, the part
 * near the plane, and the tip. A projection is "on the canvas" when either end or its midpoint
 * is (enough for a legend and a test handle; a needle crossing the whole view still counts).
 */
export function referenceNeedleMarks(needles: readonly ReferenceNeedle[], plane: ViewPlane): ReferenceNeedleMarks[] {
  return needles.map((n) => {
    const t = trajectoryOnPlane(n.entry, n.target, plane, REFERENCE_SLAB_MM);
    const mid = { x: (t.entry.x + t.target.x) / 2, y: (t.entry.y + t.target.y) / 2 };
    const onCanvas = [t.entry, t.target, mid].some((p) => inside(p, plane.width, plane.height));
    return { id: n.id, label: n.label, solid: t.inSlab, projection: { from: t.entry, to: t.target }, tip: t.target, tipOnSlice: t.targetInSlab, onCanvas };
  });
}
