import type { Types } from '@cornerstonejs/core';
import type { PlanActor } from '../plan3d';
import { OrientationMarker } from '../view3d/orientationMarker';
import { previewNext3d } from '../view3d/progressive3d';

/**
 * The plan's actors (needles, zones, lesion surfaces) in the 3D view: asked of the provider
 * on each refresh and swapped for the previous ones. It also keeps the view's orientation
 * marker, since it is told of every new 3D viewport (`forget`, then `refresh`).
 */
export class PlanActors3d {
  private actors: PlanActor[] = [];
  private provider?: () => PlanActor[];
  private readonly marker = new OrientationMarker();

  setProvider(provider: (() => PlanActor[]) | undefined): void {
    this.provider = provider;
  }

  /** A new 3D viewport holds none of the old actors. */
  forget(): void {
    this.actors = [];
  }

  /** Replaces the actors in `vp` with the provider's current ones (once the volume is shown). */
  refresh(vp: Types.IVolumeViewport | undefined): void {
    if (!vp || !vp.getDefaultActor()) return;
    this.marker.attach(vp);
    if (this.actors.length) vp.removeActors(this.actors.map((a) => a.uid));
    this.actors = this.provider?.() ?? [];
    // vtk.js actors and Cornerstone's Actor type are the same objects under two declarations.
    if (this.actors.length) vp.addActors(this.actors.map((a) => ({ uid: a.uid, actor: a.actor as unknown as Types.Actor })));
    // The changed plan shows at once as a preview on software WebGL, the full frame after.
    previewNext3d(vp);
    vp.render();
  }
}
