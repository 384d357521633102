import type { Types } from '@cornerstonejs/core';
import type { ViewportSlot } from '../types';
import { csFromCanvas, lpsFromCs } from '../coordinates';
import { moveSliceTo } from './cameraMoves';
import type { ListenerBag } from './listenerBag';

/** What a crosshair click needs. */
export interface CrosshairClickHooks {
  /** Whether the crosshair tool holds the left button. */
  active(): boolean;
  viewport(slot: ViewportSlot): Types.IViewport | undefined;
  markDirty(slot: ViewportSlot): void;
}

/** The orthogonal views a click in one of them moves. */
const ORTHO: readonly ViewportSlot[] = ['axial', 'sagittal', 'coronal'];
/** A press and release this close (CSS px) is a click, not a drag of a reference line. */
const CLICK_PX = 4;

/**
 * With the crosshair tool, a click (no drag) in an orthogonal view moves the other two to the
 * clicked point. Cornerstone's crosshairs only jump on a press that starts a drag, and here
 * left the other views where they were.
 */
export function listenForCrosshairClick(bag: ListenerBag, slot: ViewportSlot, element: HTMLElement, hooks: CrosshairClickHooks): void {
  if (!ORTHO.includes(slot)) return;
  // Capture phase: Cornerstone's own mouse handling below may stop the events.
  let down: { x: number; y: number } | undefined;
  bag.on<MouseEvent>(element, 'mousedown', (e) => {
    down = e.button === 0 && hooks.active() ? { x: e.clientX, y: e.clientY } : undefined;
  }, true);
  bag.on<MouseEvent>(element, 'mouseup', (e) => {
    const start = down;
    down = undefined;
    const vp = hooks.viewport(slot);
    if (!start || !vp || Math.hypot(e.clientX - start.x, e.clientY - start.y) > CLICK_PX) return;
    const rect = element.getBoundingClientRect();
    const world = lpsFromCs(vp.canvasToWorld(csFromCanvas({ x: e.clientX - rect.left, y: e.clientY - rect.top })));
    for (const other of ORTHO) {
      const ov = other === slot ? undefined : hooks.viewport(other);
      if (!ov) continue;
      moveSliceTo(ov, world);
      ov.render();
      hooks.markDirty(other);
    }
  }, true);
}
