import type { Types } from '@cornerstonejs/core';
import type { InstanceListing } from '../../dicom/studyListing';
import type { ViewportSlot } from '../types';
import { applyViewTo, captureViewOf, referenceUnder, renderViewPicture, type KeyImagePicture } from './keyImageCapture';
import type { CapturedView, ViewToApply } from './keyImageView';
import type { OverlayLayers } from './overlayLayers';
import type { ViewportLifecycle } from './viewportLifecycle';

/**
 * A session's key image face: what a 2D view shows (to save it), showing a saved view again,
 * the view's picture without its HTML text, the original slice under it, and the plan overlay
 * switch the presenter needs. Holds no state of its own; the session's viewports are the truth.
 */
export class KeyImageViews {
  constructor(
    private readonly views: ViewportLifecycle,
    private readonly overlays: OverlayLayers,
    private readonly markDirty: (slot: ViewportSlot) => void,
    private readonly isDestroyed: () => boolean,
  ) {}

  private view2d(slot: ViewportSlot): Types.IVolumeViewport | Types.IStackViewport | undefined {
    if (slot === 'volume3d' || this.isDestroyed()) return undefined;
    return this.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
  }

  /** What a live 2D view shows now (camera, stack image, window, "Im k/N"), or undefined. */
  captureView(slot: ViewportSlot): CapturedView | undefined {
    const vp = this.view2d(slot);
    return vp ? captureViewOf(slot, vp) : undefined;
  }

  /** Shows a saved view again on a live 2D view (stack image, camera, window); false when it is not live. */
  async applyView(slot: ViewportSlot, view: ViewToApply): Promise<boolean> {
    const vp = this.view2d(slot);
    if (!vp) return false;
    await applyViewTo(vp, view);
    this.markDirty(slot);
    return true;
  }

  /** The view's rendered picture with the plan overlay and annotations, without the HTML corner text. */
  renderKeyImagePng(slot: ViewportSlot): Promise<KeyImagePicture> {
    const vp = this.view2d(slot);
    const element = this.views.element(slot);
    return vp && element ? renderViewPicture(vp, element) : Promise.reject(new Error(`the ${slot} view is not on screen`));
  }

  /** The original slice under a 2D view (SOP class and instance), as the key image's KOS lists it. */
  references(slot: ViewportSlot, instances: readonly InstanceListing[]): { sopClassUid: string; sopInstanceUid: string }[] {
    const vp = this.view2d(slot);
    return vp ? referenceUnder(slot, vp, instances) : [];
  }

  /** Shows or hides the plan overlay on every 2D view (the overlay toggle, O); imported objects stay. */
  setPlanOverlayShown(shown: boolean): void {
    if (!this.isDestroyed()) this.overlays.setPlanShown(shown);
  }
}
