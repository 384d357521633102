import type { Vec3 } from '../../shared/vec3';
import type { WindowPreset } from '../../shared/windowPresets';
import type { ViewportSlot } from '../types';
import type { WorldBox } from './bodyBounds';
import { bodyBoundsOf } from './bodyBoundsOf';
import { listenForCrosshairClick } from './crosshairClick';
import type { ListenerBag } from './listenerBag';
import { applyWindowAll, frameAll, jumpAll, ORTHO_SLOTS, refitAll, resetAll, type ViewCommandContext } from './viewCommands';
import { frameView, restoreView } from './viewFraming';
import { ViewMemory } from './viewMemory';
import type { ViewportLifecycle } from './viewportLifecycle';
import { WindowLink } from './windowLink';

/** What navigation needs from the session around it. */
export interface NavigationHooks {
  readonly views: ViewportLifecycle;
  /** The loaded volume, once it is complete (the body is looked for then). */
  volumeId(): string | undefined;
  markDirty(slot: ViewportSlot): void;
  aimNeedle(slot: ViewportSlot, recentre: boolean): void;
  /** The window link was switched. */
  linkChanged(linked: boolean): void;
  /** Whether the crosshair tool holds the left button. */
  crosshairTool(): boolean;
}

/**
 * Where the 2D views look and what they keep: framing on the body when the volume is in and on
 * reset, centring on a point (a lesion, a needle), each view's camera and window kept while its
 * pane is away, zoom and pan carried across pane shapes, and the window linked across the MPR
 * views.
 */
export class ViewNavigation {
  private readonly memory = new ViewMemory();
  private readonly link: WindowLink;
  private readonly ctx: ViewCommandContext;
  private box?: WorldBox;

  constructor(private readonly hooks: NavigationHooks) {
    const { views } = hooks;
    this.link = new WindowLink((slot) => views.viewport(slot), (slot, range) => this.memory.setWindow(slot, range), hooks.linkChanged);
    this.ctx = {
      views,
      memory: this.memory,
      body: () => this.box,
      markDirty: hooks.markDirty,
      aimNeedle: hooks.aimNeedle,
    };
  }

  /** The body's box (LPS mm), once the volume is complete. */
  get bodyBox(): WorldBox | undefined {
    return this.box;
  }

  /** Whether a window change in one MPR view is copied to the others. */
  get windowLinked(): boolean {
    return this.link.linked;
  }

  /** Links the MPR views' windows (on: they take the window of `from`, the active view). */
  setWindowLinked(linked: boolean, from?: ViewportSlot): void {
    this.link.setLinked(linked, from);
  }

  /** A view was created in `element`: its window changes feed the link, a crosshair click in it moves the others. */
  watch(bag: ListenerBag, slot: ViewportSlot, element: HTMLElement): void {
    this.link.watch(bag, slot, element);
    const { views, markDirty, crosshairTool } = this.hooks;
    listenForCrosshairClick(bag, slot, element, { active: crosshairTool, viewport: (s) => views.viewport(s), markDirty });
  }

  /** A view's pane goes: remember what it showed. */
  keep(slot: ViewportSlot): void {
    const vp = this.hooks.views.viewport(slot);
    if (vp && slot !== 'volume3d' && slot !== 'stack') this.memory.keep(slot, vp);
  }

  /** A view has its data: it shows again what it showed, or (an orthogonal view) the body framed. */
  ready(slot: ViewportSlot): void {
    const vp = this.hooks.views.viewport(slot);
    if (!vp || slot === 'volume3d' || slot === 'stack') return;
    const ortho = ORTHO_SLOTS.includes(slot);
    const state = this.memory.get(slot);
    if (state) restoreView(vp, state, this.box, ortho);
    else if (ortho && this.box) frameView(vp, this.box);
  }

  /** The volume is complete: find the body and frame it in every orthogonal view. */
  volumeReady(): void {
    const id = this.hooks.volumeId();
    this.box = id ? bodyBoundsOf(id) : undefined;
    frameAll(this.ctx);
  }

  /** After a layout change or a window resize. */
  refit(): void {
    refitAll(this.ctx);
  }

  /** Every view back to its initial state, the orthogonal ones framed on the body. */
  reset(): void {
    resetAll(this.ctx);
  }

  /** One window on every 2D view. */
  applyWindow(preset: Pick<WindowPreset, 'widthHu' | 'centerHu'>): void {
    applyWindowAll(this.ctx, preset);
  }

  /** Slices through `world`, the orthogonal views centred on it with `keepVisible` on screen. */
  centreOn(world: Vec3, keepVisible: readonly Vec3[] = []): void {
    jumpAll(this.ctx, world, keepVisible);
  }

}
