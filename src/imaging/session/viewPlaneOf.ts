import type { Types } from '@cornerstonejs/core';
import { csFromCanvas, lpsFromCs } from '../coordinates';
import { viewPlaneFromCorners, type ViewPlane } from '../overlay/viewPlane';

/**
 * The plane a 2D viewport shows: origin at canvas point (0, 0) as Cornerstone's
 * `canvasToWorld` gives it (the canvas's top-left corner, not the centre of its first
 * pixel), steps per CSS pixel of its canvas. Undefined for a canvas too small to draw on
 * or a viewport that cannot place its canvas yet.
 */
export function viewPlaneOf(vp: Types.IViewport, element: HTMLElement): ViewPlane | undefined {
  const w = element.clientWidth, h = element.clientHeight;
  if (w < 2 || h < 2) return undefined;
  const n = vp.getCamera().viewPlaneNormal;
  if (!n) return undefined;
  const corner = (x: number, y: number) => lpsFromCs(vp.canvasToWorld(csFromCanvas({ x, y })));
  try {
    return viewPlaneFromCorners(corner(0, 0), corner(w, 0), corner(0, h), w, h, lpsFromCs(n));
  } catch {
    // A viewport without its data yet can map every canvas point to one world point.
    return undefined;
  }
}
