import type { Vec3 } from '../../shared/vec3';
import { trajectoryOnPlane } from '../overlay/trajectoryOnPlane';
import type { CanvasPoint, ViewPlane } from '../overlay/viewPlane';

/** How near (CSS px) the pointer must be to a needle's end to grab it; the shaft takes half that. */
export const HANDLE_PX = 9;

/** A needle as the hit test sees it. */
export interface HitNeedle {
  readonly id: string;
  readonly entry: Vec3;
  readonly target: Vec3;
}

/** What part of which needle is under the pointer: an end, or the shaft (`line`) between them. */
export interface NeedleHit {
  readonly id: string;
  readonly which: 'entry' | 'target' | 'line';
}

/** Distance (px) from a canvas point to the segment a–b (to `a` when the segment is a point). */
export function distanceToSegment(p: CanvasPoint, a: CanvasPoint, b: CanvasPoint): number {
  const dx = b.x - a.x, dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy);
}

/**
 * The needle part under the pointer on a view, or undefined. Ends within {@link HANDLE_PX}
 * win over any shaft (so a short needle's ends stay grabbable), the nearest end wins among
 * ends (the tip on a tie), and a shaft counts within half that distance. The selected needle
 * is tried first, so it wins ties with needles drawn over it. Ends and shafts are their
 * orthogonal projections on the view, wherever they lie in depth.
 */
export function hitTestNeedles(needles: readonly HitNeedle[], plane: ViewPlane, pointer: CanvasPoint, selectedId?: string | null): NeedleHit | undefined {
  const order = [...needles.filter((n) => n.id === selectedId), ...needles.filter((n) => n.id !== selectedId)];
  let best: { id: string; which: NeedleHit['which']; d: number } | undefined;
  for (const n of order) {
    const p = trajectoryOnPlane(n.entry, n.target, plane, 1);
    const dt = Math.hypot(p.target.x - pointer.x, p.target.y - pointer.y);
    const de = Math.hypot(p.entry.x - pointer.x, p.entry.y - pointer.y);
    if (dt <= HANDLE_PX && (!best || dt < best.d)) best = { id: n.id, which: 'target', d: dt };
    if (de <= HANDLE_PX && (!best || de < best.d)) best = { id: n.id, which: 'entry', d: de };
    // A shaft ranks behind every end: its distance counts from HANDLE_PX on.
    const dl = distanceToSegment(pointer, p.entry, p.target) + HANDLE_PX;
    if (dl - HANDLE_PX <= HANDLE_PX / 2 && (!best || dl < best.d)) best = { id: n.id, which: 'line', d: dl };
  }
  return best && { id: best.id, which: best.which };
}
