import { multiply, type Matrix4 } from '../../planning/postprocedure/rigid';
import { normalize, type Vec3 } from '../../shared/vec3';
import type { ViewPlane } from '../overlay/viewPlane';

/**
 * A manual correction of the fusion, in the terms of the view it is made in: move the CBCT
 * picture along the screen's right / down / out-of-screen axes (mm), or turn it about the
 * view's normal (°, counter-clockwise as the viewer sees it) through a centre.
 */
export type Nudge = { readonly kind: 'translate'; readonly rightMm: number; readonly downMm: number; readonly normalMm?: number } | { readonly kind: 'rotate'; readonly deg: number };

/** The matrix (planning LPS → CBCT LPS) of a translation by v. */
export const translation = (v: Vec3): Matrix4 => [1, 0, 0, v[0], 0, 1, 0, v[1], 0, 0, 1, v[2], 0, 0, 0, 1];

/** Rotation by `deg` about the unit axis `n` through `centre` (right-hand rule), as a 4×4 matrix. */
export function rotationAbout(n: Vec3, deg: number, centre: Vec3): Matrix4 {
  const [x, y, z] = normalize(n);
  const t = (deg * Math.PI) / 180, c = Math.cos(t), s = Math.sin(t), k = 1 - c;
  const r = [c + x * x * k, x * y * k - z * s, x * z * k + y * s, y * x * k + z * s, c + y * y * k, y * z * k - x * s, z * x * k - y * s, z * y * k + x * s, c + z * z * k];
  const tr = [0, 1, 2].map((i) => centre[i]! - (r[i * 3]! * centre[0] + r[i * 3 + 1]! * centre[1] + r[i * 3 + 2]! * centre[2]));
  return [r[0]!, r[1]!, r[2]!, tr[0]!, r[3]!, r[4]!, r[5]!, tr[1]!, r[6]!, r[7]!, r[8]!, tr[2]!, 0, 0, 0, 1];
}

/**
 * The matrix after a nudge. The fused view shows at planning point p the CBCT at M·p; moving
 * the picture by d shows there what was at p − d, so M' = M·T(−d); turning it by θ about the
 * normal through `centre` gives M' = M·Rot(−θ). A picture moved right by 0.5 mm thus shows the
 * same CBCT point 0.5 mm further right, whatever the transform's own rotation.
 */
export function nudgeMatrix(m: Matrix4, plane: Pick<ViewPlane, 'right' | 'down' | 'normal'>, nudge: Nudge, centre: Vec3): Matrix4 {
  if (nudge.kind === 'rotate') return multiply(m, rotationAbout(plane.normal, -nudge.deg, centre));
  const r = normalize(plane.right), d = normalize(plane.down), n = normalize(plane.normal);
  const a = nudge.rightMm, b = nudge.downMm, c = nudge.normalMm ?? 0;
  return multiply(m, translation([-(a * r[0] + b * d[0] + c * n[0]), -(a * r[1] + b * d[1] + c * n[1]), -(a * r[2] + b * d[2] + c * n[2])]));
}

/** The nudge a key asks for (Alt + arrows move 0.5 mm, with Shift 2 mm; Alt+PgUp/PgDn along the normal; Alt+[ / ] turn 0.5°), or null. */
export function nudgeForKey(e: { readonly code: string; readonly key: string; readonly altKey: boolean; readonly shiftKey: boolean; readonly ctrlKey: boolean; readonly metaKey: boolean }): Nudge | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const mm = e.shiftKey ? 2 : 0.5, deg = e.shiftKey ? 2 : 0.5;
  switch (e.code || e.key) {
    case 'ArrowLeft': return { kind: 'translate', rightMm: -mm, downMm: 0 };
    case 'ArrowRight': return { kind: 'translate', rightMm: mm, downMm: 0 };
    case 'ArrowUp': return { kind: 'translate', rightMm: 0, downMm: -mm };
    case 'ArrowDown': return { kind: 'translate', rightMm: 0, downMm: mm };
    case 'PageUp': return { kind: 'translate', rightMm: 0, downMm: 0, normalMm: mm };
    case 'PageDown': return { kind: 'translate', rightMm: 0, downMm: 0, normalMm: -mm };
    case 'BracketLeft': case '[': return { kind: 'rotate', deg };
    case 'BracketRight': case ']': return { kind: 'rotate', deg: -deg };
    default: return null;
  }
}
