import type { Types } from '@cornerstonejs/core';
import { add, cross, dot, scale, sub, type Vec3 } from '../../shared/vec3';
import { csFromLps, lpsFromCs } from '../coordinates';
import type { WorldBox } from './bodyBounds';
import { carryFraming, containScale, frameBox, type Framing, type ViewAxes } from './framing';
import { moveSliceTo } from './cameraMoves';

/** The pane's width over height, from the canvas's drawing buffer (sized at the last resize). */
export function aspectOf(vp: Types.IViewport): number | undefined {
  const { width, height } = vp.canvas;
  return width > 0 && height > 0 ? width / height : undefined;
}

/** A view's screen axes in LPS and its pane's aspect; undefined before it has a camera or a size. */
export function axesOf(vp: Types.IViewport, aspect = aspectOf(vp)): ViewAxes | undefined {
  const cam = vp.getCamera();
  if (!cam.viewUp || !cam.viewPlaneNormal || aspect === undefined) return undefined;
  const up = lpsFromCs(cam.viewUp);
  // Screen right is up × normal (the normal points at the viewer); framing only uses its line.
  return { up, right: cross(up, lpsFromCs(cam.viewPlaneNormal)), aspect };
}

/** Puts a framing on a view without leaving its slice: the centre moves only within the view's plane. */
function applyFraming(vp: Types.IViewport, f: Framing): void {
  const cam = vp.getCamera();
  if (!cam.focalPoint || !cam.position || !cam.viewPlaneNormal) return;
  const n = lpsFromCs(cam.viewPlaneNormal);
  const focal = lpsFromCs(cam.focalPoint);
  const inPlane = sub(f.centre, scale(n, dot(sub(f.centre, focal), n)));
  const shift = sub(inPlane, focal);
  vp.setCamera({ focalPoint: csFromLps(inPlane), position: csFromLps(add(lpsFromCs(cam.position), shift)), parallelScale: f.parallelScale });
}

/** Makes the body fill a 2D view (small margin, aspect kept), on the slice it shows. */
export function frameView(vp: Types.IViewport, box: WorldBox): boolean {
  const axes = axesOf(vp);
  if (!axes) return false;
  applyFraming(vp, frameBox(box, axes));
  return true;
}

/**
 * Brings a view to a point: its slice through the point, the point at the pane's centre, and
 * zoomed out (never in) until every point of `keepVisible` is on screen too.
 */
export function centreView(vp: Types.IViewport, world: Vec3, keepVisible: readonly Vec3[] = []): void {
  moveSliceTo(vp, world);
  const axes = axesOf(vp);
  const current = vp.getCamera().parallelScale;
  if (!axes || current === undefined) return;
  applyFraming(vp, { centre: world, parallelScale: containScale(world, keepVisible, axes, current) });
}

/** What a view was showing: its camera, window and pane shape (kept while its pane is away). */
export interface ViewState {
  readonly camera: Types.ICamera;
  readonly voiRange?: Types.VOIRange;
  readonly aspect?: number;
}

/** Reads a view's state. */
export function captureView(vp: Types.IViewport): ViewState {
  const props = (vp as Types.IVolumeViewport).getProperties?.() as { voiRange?: Types.VOIRange } | undefined;
  const voi = props?.voiRange;
  return { camera: { ...vp.getCamera() }, voiRange: voi ? { lower: voi.lower, upper: voi.upper } : undefined, aspect: aspectOf(vp) };
}

/**
 * Puts a view back as it was (camera and window); when its pane changed shape and the body's
 * box is known, its zoom and pan are carried relative to the body's framing.
 */
export function restoreView(vp: Types.IViewport, state: ViewState, box: WorldBox | undefined, withCamera: boolean): void {
  if (state.voiRange) (vp as Types.IVolumeViewport).setProperties({ voiRange: state.voiRange });
  if (!withCamera) return;
  const { focalPoint, position, viewUp, parallelScale } = state.camera;
  vp.setCamera({ focalPoint, position, viewUp, parallelScale });
  refitTo(vp, state, box);
}

/** Carries a view's zoom and pan from the pane shape in `before` to its pane's shape now. */
export function refitTo(vp: Types.IViewport, before: ViewState, box: WorldBox | undefined): boolean {
  const now = aspectOf(vp);
  const axes = before.aspect !== undefined ? axesOf(vp, before.aspect) : undefined;
  const { focalPoint, parallelScale } = before.camera;
  if (!box || !axes || now === undefined || !focalPoint || parallelScale === undefined) return false;
  applyFraming(vp, carryFraming(box, { axes, centre: lpsFromCs(focalPoint), parallelScale }, now));
  return true;
}
