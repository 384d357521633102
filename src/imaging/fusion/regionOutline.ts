import type { LpsBox } from '../../records/postProcedure';
import { planeDistanceMm, worldToCanvas, type CanvasPoint, type ViewPlane } from '../overlay/viewPlane';
import type { Vec3 } from '../../shared/vec3';

// The 12 edges of a box as pairs of corner numbers (bit 0: x max, bit 1: y max, bit 2: z max).
const EDGES: readonly (readonly [number, number])[] = [
  [0, 1], [2, 3], [4, 5], [6, 7],
  [0, 2], [1, 3], [4, 6], [5, 7],
  [0, 4], [1, 5], [2, 6], [3, 7],
];

/**
 * Where a view's plane cuts the registration region (a box in planning LPS): the polygon of the
 * cut in canvas pixels, in order around it; empty when the plane misses the box. Works for
 * oblique planes as well as the axis-aligned ones.
 */
export function regionOutline(plane: ViewPlane, box: LpsBox): CanvasPoint[] {
  const corner = (c: number): Vec3 => [c & 1 ? box.maxLps[0] : box.minLps[0], c & 2 ? box.maxLps[1] : box.minLps[1], c & 4 ? box.maxLps[2] : box.minLps[2]];
  const pts: CanvasPoint[] = [];
  for (const [a, b] of EDGES) {
    const pa = corner(a), pb = corner(b);
    const da = planeDistanceMm(plane, pa), db = planeDistanceMm(plane, pb);
    if ((da > 0 && db > 0) || (da < 0 && db < 0) || da === db) continue;
    const t = da / (da - db);
    pts.push(worldToCanvas(plane, [pa[0] + t * (pb[0] - pa[0]), pa[1] + t * (pb[1] - pa[1]), pa[2] + t * (pb[2] - pa[2])]));
  }
  // A plane through a corner or along a face meets several edges at the same point.
  const unique = pts.filter((p, i) => pts.findIndex((q) => Math.abs(q.x - p.x) < 1e-6 && Math.abs(q.y - p.y) < 1e-6) === i);
  if (unique.length < 3) return [];
  const cx = unique.reduce((s, p) => s + p.x, 0) / unique.length, cy = unique.reduce((s, p) => s + p.y, 0) / unique.length;
  return unique.sort((p, q) => Math.atan2(p.y - cy, p.x - cx) - Math.atan2(q.y - cy, q.x - cx));
}
