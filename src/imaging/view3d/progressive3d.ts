import { Enums, type Types } from '@cornerstonejs/core';
import type vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume';
import { ProgressiveQuality, type RenderQuality } from './progressiveQuality';

/** The controller of each 3D view's element, so code that changes what the view shows can ask for a preview first. */
const controllers = new WeakMap<HTMLElement, ProgressiveQuality>();

/** Labels a 3D view's frames for browser tests and the benchmark (data-render-quality). */
function label(element: HTMLElement, quality: RenderQuality): void {
  element.dataset['renderQuality'] = quality;
}

/**
 * Draws the view's next frame at its pane's pixels divided by `divisor` on each axis.
 * Cornerstone renders a view at (sWidth, sHeight) and copies that to its canvas, whose CSS size
 * stays the pane's: a smaller frame is stretched over the pane. The next resize sets the full
 * size again (Cornerstone compares the canvas with the pane).
 */
function setResolution(vp: Types.IVolumeViewport, divisor: number): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(vp.canvas.clientWidth * dpr);
  const h = Math.round(vp.canvas.clientHeight * dpr);
  if (w < 2 || h < 2) return;
  vp.sWidth = Math.max(2, Math.round(w / divisor));
  vp.sHeight = Math.max(2, Math.round(h / divisor));
}

/**
 * Brings a 3D view in progressively on software WebGL (see progressiveQuality.ts): its first
 * frames, and the frames after a camera change, at a coarser ray step and half the pixels on each axis; the full ones once the
 * view has been idle for a moment. Returns the teardown (listeners, the pending full frame).
 */
export function startProgressive3d(vp: Types.IVolumeViewport, fullStepMm: number): () => void {
  const element = vp.element;
  const mapper = (vp.getDefaultActor()?.actor as unknown as vtkVolume | undefined)?.getMapper();
  const quality = new ProgressiveQuality(fullStepMm, {
    setStepMm: (mm) => mapper?.setSampleDistance(mm),
    setResolutionDivisor: (d) => setResolution(vp, d),
    setQuality: (q) => label(element, q),
    render: () => vp.render(),
    setTimer: (fn, ms) => window.setTimeout(fn, ms),
    clearTimer: (h) => window.clearTimeout(h),
  });
  const onRendered = (): void => quality.rendered();
  const onCamera = (): void => quality.preview();
  element.addEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
  element.addEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
  controllers.set(element, quality);
  quality.preview();
  return () => {
    element.removeEventListener(Enums.Events.IMAGE_RENDERED, onRendered);
    element.removeEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
    quality.dispose();
    if (controllers.get(element) === quality) controllers.delete(element);
  };
}

/** Labels a 3D view drawn at full quality from the start (a real GPU: no preview needed). */
export function markFullQuality(vp: Types.IVolumeViewport): void {
  label(vp.element, 'full');
}

/** The next frames of a 3D view are previews (its content is about to change); no-op without progressive rendering. */
export function previewNext3d(vp: Types.IVolumeViewport): void {
  controllers.get(vp.element)?.preview();
}
