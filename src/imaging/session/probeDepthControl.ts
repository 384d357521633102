import type { Types } from '@cornerstonejs/core';
import { csFromLps, lpsFromCs } from '../coordinates';
import { needleFrame, type NeedleAxis } from '../plan/needleFrame';
import { clampProbeDepth, depthAlongNeedle, probeDepthRange } from '../plan/probeDepth';
import { add, scale } from '../../shared/vec3';

/** Where the probe's-eye view cuts the selected needle. */
export interface ProbeDepthState {
  /** Depth of the shown slice along the needle (mm): 0 at the entry, `lengthMm` at the tip. */
  readonly depthMm: number;
  readonly lengthMm: number;
  /** The range the slider and the wheel move in (mm). */
  readonly minMm: number;
  readonly maxMm: number;
}

/** What the control needs of the session. */
export interface ProbeDepthDeps {
  readonly viewport: () => Types.IVolumeViewport | undefined;
  readonly needle: () => NeedleAxis | undefined;
  /** The view moved: repaint its overlay text (the session's snapshot then changes). */
  readonly changed: () => void;
}

/** One wheel notch moves this far along the needle (mm); with Shift, five times as far. */
export const WHEEL_STEP_MM = 1;

/**
 * The probe's-eye view's depth along the selected needle: read from the view's camera, set
 * from the slider, stepped by the wheel. Cornerstone's wheel scroll moves the slice towards
 * the camera, which in this view sits outside the skin, so wheel down went shallower; here
 * wheel down (like the slider to the right) always goes deeper, towards the tip.
 */
export class ProbeDepthControl {
  constructor(private readonly deps: ProbeDepthDeps) {}

  /** The current depth, or undefined with no needle or no probe's-eye view. */
  state(): ProbeDepthState | undefined {
    const axis = this.deps.needle();
    const focal = this.deps.viewport()?.getCamera().focalPoint;
    const frame = axis && needleFrame(axis);
    if (!axis || !focal || !frame) return undefined;
    const depthMm = depthAlongNeedle(axis, lpsFromCs(focal));
    if (depthMm === undefined) return undefined;
    const r = probeDepthRange(frame.length);
    return { depthMm, lengthMm: frame.length, minMm: r.min, maxMm: r.max };
  }

  /** Moves the view's slice to a depth (held in range), keeping its pan and zoom. */
  setDepth(depthMm: number): void {
    const vp = this.deps.viewport();
    const axis = this.deps.needle();
    const s = this.state();
    const frame = axis && needleFrame(axis);
    if (!vp || !s || !frame) return;
    const shift = scale(frame.u, clampProbeDepth(depthMm, s.lengthMm) - s.depthMm);
    const cam = vp.getCamera();
    if (!cam.focalPoint || !cam.position) return;
    vp.setCamera({ focalPoint: csFromLps(add(lpsFromCs(cam.focalPoint), shift)), position: csFromLps(add(lpsFromCs(cam.position), shift)) });
    vp.render();
    this.deps.changed();
  }

  /** Moves the slice `deltaMm` deeper (negative: back towards the skin). */
  step(deltaMm: number): void {
    const s = this.state();
    if (s) this.setDepth(s.depthMm + deltaMm);
  }

  /**
   * Takes the wheel over the probe's-eye view (`element`, the pane around the viewport): it
   * listens in the capture phase, before Cornerstone's own scroll, and steps the depth.
   * Returns the detach.
   */
  attachWheel(element: HTMLElement): () => void {
    const onWheel = (e: WheelEvent): void => {
      if (e.deltaY === 0 || !this.state()) return;
      e.preventDefault();
      e.stopPropagation();
      this.step(Math.sign(e.deltaY) * WHEEL_STEP_MM * (e.shiftKey ? 5 : 1));
    };
    element.addEventListener('wheel', onWheel, { capture: true, passive: false });
    return () => element.removeEventListener('wheel', onWheel, { capture: true });
  }
}
