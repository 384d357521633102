import type { Types } from '@cornerstonejs/core';
import type { Vec3 } from '../../shared/vec3';
import { windowRange, type WindowPreset } from '../../shared/windowPresets';
import type { ViewportSlot } from '../types';
import type { WorldBox } from './bodyBounds';
import { moveSliceTo, refitKeepingSlice } from './cameraMoves';
import { isNeedleSlot } from './needleCameras';
import { captureView, centreView, frameView, refitTo } from './viewFraming';
import type { ViewMemory } from './viewMemory';
import type { ViewportLifecycle } from './viewportLifecycle';
import { registerBonePreset } from '../view3d/boneRendering';

/** What the commands that act on every live view need. */
export interface ViewCommandContext {
  readonly views: ViewportLifecycle;
  /** What the views showed while their panes were away. */
  readonly memory: ViewMemory;
  /** The body's box, once the volume is in. */
  body(): WorldBox | undefined;
  markDirty(slot: ViewportSlot): void;
  /** Re-aims a needle view along the current needle (`recentre`: back to the tip). */
  aimNeedle(slot: ViewportSlot, recentre: boolean): void;
}

/** The three orthogonal views: the ones framed on the body. */
export const ORTHO_SLOTS: readonly ViewportSlot[] = ['axial', 'sagittal', 'coronal'];
const isOrtho = (slot: ViewportSlot): boolean => ORTHO_SLOTS.includes(slot);

/**
 * After a layout change or a window resize: each 2D view keeps its slice, and its zoom and pan
 * relative to the body's framing (a framed view stays framed in its new pane shape); before the
 * body is known, it refits to its pane. The needle views re-aim.
 */
export function refitAll(ctx: ViewCommandContext): void {
  const before = new Map<ViewportSlot, ReturnType<typeof captureView>>();
  for (const slot of ctx.views.slots) {
    const vp = ctx.views.viewport(slot);
    if (vp && isOrtho(slot)) before.set(slot, captureView(vp));
  }
  ctx.views.engine.resize(true, true);
  for (const slot of ctx.views.slots) {
    if (slot === 'volume3d') continue;
    const vp = ctx.views.viewport(slot);
    if (!vp) continue;
    if (isNeedleSlot(slot)) {
      ctx.aimNeedle(slot, false);
      continue;
    }
    const state = before.get(slot);
    if (!state || !refitTo(vp, state, ctx.body())) refitKeepingSlice(vp);
    vp.render();
    ctx.markDirty(slot);
  }
}

/** Sets one window (width/centre in HU) on every 2D view, and on those whose pane is away. */
export function applyWindowAll(ctx: ViewCommandContext, preset: Pick<WindowPreset, 'widthHu' | 'centerHu'>): void {
  const voiRange = windowRange(preset);
  ctx.memory.setWindowAll(voiRange);
  for (const slot of ctx.views.slots) {
    if (slot === 'volume3d') continue;
    const vp = ctx.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    if (!vp) continue;
    vp.setProperties({ voiRange });
    vp.render();
    ctx.markDirty(slot);
  }
}

/** Frames the body in every live orthogonal view, on the slice each shows. */
export function frameAll(ctx: ViewCommandContext): void {
  const box = ctx.body();
  if (!box) return;
  for (const slot of ORTHO_SLOTS) {
    const vp = ctx.views.viewport(slot);
    if (!vp || !frameView(vp, box)) continue;
    vp.render();
    ctx.markDirty(slot);
  }
}

/**
 * Every view back to its initial camera and properties (the 3D view to its bone preset), the
 * orthogonal views framed on the body; views whose pane is away forget what they showed.
 */
export function resetAll(ctx: ViewCommandContext): void {
  ctx.memory.clear();
  for (const slot of ctx.views.slots) {
    const vp = ctx.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    if (!vp) continue;
    vp.resetCamera();
    vp.resetProperties?.();
    if (slot === 'volume3d') (vp as Types.IVolumeViewport).setProperties({ preset: registerBonePreset() });
    if (isNeedleSlot(slot)) ctx.aimNeedle(slot, true);
    vp.render();
    ctx.markDirty(slot);
  }
  // Framed once all are reset: a later view's reset (its window event, the crosshairs) put the
  // cameras of the views before it back to Cornerstone's fit when each was framed in turn.
  frameAll(ctx);
}

/**
 * Brings the views to a world point: the orthogonal views' slices through it and centred on
 * it (zoomed out, never in, until `keepVisible` is on screen: a needle's entry); the stack and
 * probe's-eye views move their slice only. The crosshairs follow (their centre is where the
 * planes meet).
 */
export function jumpAll(ctx: ViewCommandContext, world: Vec3, keepVisible: readonly Vec3[] = []): void {
  for (const slot of ['axial', 'sagittal', 'coronal', 'stack', 'probe'] as const) {
    const vp = ctx.views.viewport(slot);
    if (!vp) continue;
    if (isOrtho(slot)) centreView(vp, world, keepVisible);
    else moveSliceTo(vp, world);
    vp.render();
    ctx.markDirty(slot);
  }
}
