import type { Types } from '@cornerstonejs/core';
import { add, dot, scale, sub, type Vec3 } from '../../shared/vec3';
import { canvasFromCs, csFromLps, lpsFromCs } from '../coordinates';

/** Moves a 2D view along its normal so its slice passes through a world point (keeping its pan). */
export function moveSliceTo(vp: Types.IViewport, world: Vec3): void {
  const cam = vp.getCamera();
  if (!cam.viewPlaneNormal || !cam.focalPoint || !cam.position) return;
  const n = lpsFromCs(cam.viewPlaneNormal);
  const f = lpsFromCs(cam.focalPoint);
  const p = lpsFromCs(cam.position);
  const shift = scale(n, dot(sub(world, f), n));
  vp.setCamera({ focalPoint: csFromLps(add(f, shift)), position: csFromLps(add(p, shift)) });
}

/** Refits a 2D view to its (resized) pane but keeps it on the slice it showed. */
export function refitKeepingSlice(vp: Types.IViewport): void {
  const before = vp.getCamera().focalPoint;
  const keep = before ? lpsFromCs(before) : undefined;
  vp.resetCamera({ resetPan: true, resetZoom: true, resetToCenter: false });
  // Cornerstone's reset also recentres the slice; put the view back on the slice it showed.
  if (keep) moveSliceTo(vp, keep);
}

/** Page coordinates (CSS px) of a world point in a viewport whose element is `element`. */
export function worldToPage(vp: Types.IViewport, element: HTMLElement, world: Vec3): [number, number] {
  const c = canvasFromCs(vp.worldToCanvas(csFromLps(world)));
  const rect = element.getBoundingClientRect();
  return [rect.left + c.x, rect.top + c.y];
}
