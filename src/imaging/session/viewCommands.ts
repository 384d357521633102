import type { Types } from '@cornerstonejs/core';
import type { Vec3 } from '../../shared/vec3';
import { windowRange, type WindowPreset } from '../../shared/windowPresets';
import type { ViewportSlot } from '../types';
import { moveSliceTo, refitKeepingSlice } from './cameraMoves';
import { isNeedleSlot } from './needleCameras';
import type { ViewportLifecycle } from './viewportLifecycle';

/** What the commands that act on every live view need. */
export interface ViewCommandContext {
  readonly views: ViewportLifecycle;
  markDirty(slot: ViewportSlot): void;
  /** Re-aims a needle view along the current needle (`recentre`: back to the tip). */
  aimNeedle(slot: ViewportSlot, recentre: boolean): void;
}

/** After a layout change: refits each 2D view to its pane on the slice it showed; the needle views re-aim. */
export function refitAll(ctx: ViewCommandContext): void {
  ctx.views.engine.resize(true, true);
  for (const slot of ctx.views.slots) {
    if (slot === 'volume3d') continue;
    const vp = ctx.views.viewport(slot);
    if (!vp) continue;
    if (isNeedleSlot(slot)) {
      ctx.aimNeedle(slot, false);
      continue;
    }
    refitKeepingSlice(vp);
    vp.render();
    ctx.markDirty(slot);
  }
}

/** Sets one window (width/centre in HU) on every 2D view. */
export function applyWindowAll(ctx: ViewCommandContext, preset: Pick<WindowPreset, 'widthHu' | 'centerHu'>): void {
  for (const slot of ctx.views.slots) {
    if (slot === 'volume3d') continue;
    const vp = ctx.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    if (!vp) continue;
    vp.setProperties({ voiRange: windowRange(preset) });
    vp.render();
    ctx.markDirty(slot);
  }
}

/** Every view back to its initial camera and properties (the 3D view to its bone preset). */
export function resetAll(ctx: ViewCommandContext): void {
  for (const slot of ctx.views.slots) {
    const vp = ctx.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    if (!vp) continue;
    vp.resetCamera();
    vp.resetProperties?.();
    if (slot === 'volume3d') (vp as Types.IVolumeViewport).setProperties({ preset: 'CT-Bones' });
    if (isNeedleSlot(slot)) ctx.aimNeedle(slot, true);
    vp.render();
    ctx.markDirty(slot);
  }
}

/** Moves the slices of the orthogonal, stack and probe's-eye views through a world point. */
export function jumpAll(ctx: ViewCommandContext, world: Vec3): void {
  for (const slot of ['axial', 'sagittal', 'coronal', 'stack', 'probe'] as const) {
    const vp = ctx.views.viewport(slot);
    if (!vp) continue;
    moveSliceTo(vp, world);
    vp.render();
    ctx.markDirty(slot);
  }
}
