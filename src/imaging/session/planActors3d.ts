import type { Types } from '@cornerstonejs/core';
import type { PlanActor } from '../plan3d';
import { OrientationMarker } from '../view3d/orientationMarker';
import { previewNext3d } from '../view3d/progressive3d';

/** Longest wait for an idle moment before the actors are prepared anyway (ms). */
const WARM_TIMEOUT_MS = 4000;

/**
 * The plan's actors (needles, zones, lesion surfaces) in the 3D view: asked of the provider
 * on each refresh and swapped for the previous ones. It also keeps the view's orientation
 * marker, since it is told of every new 3D viewport (`forget`, then `refresh`).
 *
 * While no 3D view is shown, a plan change prepares the actors in idle time: the provider
 * keeps each mask's surface (marching cubes, ~0.5 s for case 1's structures), so a switch to
 * the 2×2 layout later finds them made instead of building them before its first 3D frame.
 */
export class PlanActors3d {
  private actors: PlanActor[] = [];
  private provider?: () => PlanActor[];
  private readonly marker = new OrientationMarker();
  private warm?: number;

  setProvider(provider: (() => PlanActor[]) | undefined): void {
    this.provider = provider;
    if (!provider) this.cancelWarm();
  }

  /** A new 3D viewport holds none of the old actors. */
  forget(): void {
    this.actors = [];
  }

  /** Replaces the actors in `vp` with the provider's current ones (once the volume is shown); without a 3D view, prepares them when idle. */
  refresh(vp: Types.IVolumeViewport | undefined): void {
    if (!vp) {
      this.prepareWhenIdle();
      return;
    }
    if (!vp.getDefaultActor()) return;
    this.cancelWarm();
    this.marker.attach(vp);
    if (this.actors.length) vp.removeActors(this.actors.map((a) => a.uid));
    this.actors = this.provider?.() ?? [];
    // vtk.js actors and Cornerstone's Actor type are the same objects under two declarations.
    if (this.actors.length) vp.addActors(this.actors.map((a) => ({ uid: a.uid, actor: a.actor as unknown as Types.Actor })));
    // The changed plan shows at once as a preview on software WebGL, the full frame after.
    previewNext3d(vp);
    vp.render();
  }

  private prepareWhenIdle(): void {
    if (!this.provider || typeof requestIdleCallback !== 'function') return;
    this.cancelWarm();
    // The actors are dropped: what is worth keeping (the surfaces) stays in the provider's cache.
    this.warm = requestIdleCallback(
      () => {
        this.warm = undefined;
        this.provider?.();
      },
      { timeout: WARM_TIMEOUT_MS },
    );
  }

  private cancelWarm(): void {
    if (this.warm !== undefined && typeof cancelIdleCallback === 'function') cancelIdleCallback(this.warm);
    this.warm = undefined;
  }
}
