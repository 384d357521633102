import { RenderingEngine, Enums, type Types } from '@cornerstonejs/core';
import { applyBoneRendering } from '../view3d/boneRendering';
import { markFullQuality, startProgressive3d } from '../view3d/progressive3d';
import type { ViewportSlot } from '../types';
import { ListenerBag } from './listenerBag';
import { isNeedleSlot } from './needleCameras';
import type { ToolGroupKind } from './toolGroups';

const ORTHO: Record<'axial' | 'sagittal' | 'coronal', Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

/** What the lifecycle needs from the session around it. */
export interface LifecycleHooks {
  isDestroyed(): boolean;
  /** The loaded data; a viewport is created once its slot has an element and its data exists. */
  volumeId(): string | undefined;
  stackImageIds(): readonly string[] | undefined;
  addToToolGroup(kind: ToolGroupKind, slot: ViewportSlot, engineId: string): void;
  /** A viewport was created in `element`: add its listeners (into `bag`) and overlay. */
  onEnabled(slot: ViewportSlot, element: HTMLDivElement, bag: ListenerBag): void;
  /** A viewport has its data (stack or volume) and can be aimed and rendered. */
  onReady(slot: ViewportSlot): void;
  /** A viewport is about to go with its pane (its camera and window can still be read). */
  beforeDisable?(slot: ViewportSlot): void;
}

/**
 * The rendering engine and the viewports in it, one per slot whose pane is on screen. A pane
 * hands over its element (`attach`) and takes it back (`detach`, on a layout change or
 * unmount); everything added for that viewport — its listeners, its overlay canvas — is
 * torn down with it, so a view switched away from leaves nothing behind.
 */
export class ViewportLifecycle {
  readonly engine: RenderingEngine;
  private readonly elements = new Map<ViewportSlot, HTMLDivElement>();
  private readonly enabled = new Map<ViewportSlot, ListenerBag>();

  constructor(id: number, private readonly hooks: LifecycleHooks) {
    this.engine = new RenderingEngine(`percuplan-engine-${id}`);
  }

  /** The slots with a live viewport. */
  get slots(): ReadonlySet<ViewportSlot> {
    return new Set(this.enabled.keys());
  }

  has(slot: ViewportSlot): boolean {
    return this.enabled.has(slot);
  }

  element(slot: ViewportSlot): HTMLDivElement | undefined {
    return this.elements.get(slot);
  }

  /** The slot's viewport, when it is live. */
  viewport(slot: ViewportSlot): Types.IViewport | undefined {
    return this.enabled.has(slot) ? this.engine.getViewport(slot) : undefined;
  }

  /** How many listeners and teardowns the live viewports hold (for tests and leak checks). */
  get pendingTeardowns(): number {
    let n = 0;
    for (const bag of this.enabled.values()) n += bag.size;
    return n;
  }

  /** A pane hands over its element; the viewport is created now or when the data arrives. */
  attach(slot: ViewportSlot, element: HTMLDivElement): void {
    if (this.hooks.isDestroyed() || this.elements.get(slot) === element) return;
    this.detach(slot);
    this.elements.set(slot, element);
    element.oncontextmenu = (e) => e.preventDefault();
    this.ensure(slot);
  }

  /** A pane takes its element back: the viewport and everything added for it go. */
  detach(slot: ViewportSlot): void {
    // Panes may unmount after their session was destroyed with its series.
    if (this.hooks.isDestroyed() || !this.elements.has(slot)) return;
    this.elements.delete(slot);
    const bag = this.enabled.get(slot);
    if (!bag) return;
    this.hooks.beforeDisable?.(slot);
    this.enabled.delete(slot);
    bag.dispose();
    this.engine.disableElement(slot);
  }

  /** Creates the viewports whose elements are waiting for data that has now arrived. */
  ensureAll(): void {
    for (const slot of this.elements.keys()) this.ensure(slot);
  }

  /** Creates a slot's viewport if it has an element and its data, and none exists yet. */
  ensure(slot: ViewportSlot): void {
    if (this.hooks.isDestroyed()) return;
    const element = this.elements.get(slot);
    if (!element || this.enabled.has(slot)) return;
    const engine = this.engine;
    const ready = (): void => {
      if (!this.hooks.isDestroyed() && this.enabled.has(slot)) this.hooks.onReady(slot);
    };
    if (slot === 'stack') {
      const ids = this.hooks.stackImageIds();
      if (!ids) return;
      engine.enableElement({ viewportId: slot, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] } });
      this.enable(slot, element, '2d');
      const vp = engine.getViewport(slot) as Types.IStackViewport;
      void vp.setStack([...ids], Math.floor(ids.length / 2)).then(ready);
      return;
    }
    const volumeId = this.hooks.volumeId();
    if (!volumeId) return;
    if (slot === 'volume3d') {
      engine.enableElement({ viewportId: slot, type: Enums.ViewportType.VOLUME_3D, element, defaultOptions: { background: [0.02, 0.02, 0.04], orientation: Enums.OrientationAxis.CORONAL } });
      this.enable(slot, element, '3d');
      const vp = engine.getViewport(slot) as Types.IVolumeViewport;
      this.show3d(slot, vp, volumeId, ready);
      return;
    }
    const needleView = isNeedleSlot(slot);
    engine.enableElement({
      viewportId: slot,
      type: Enums.ViewportType.ORTHOGRAPHIC,
      element,
      defaultOptions: { orientation: needleView ? Enums.OrientationAxis.AXIAL : ORTHO[slot as keyof typeof ORTHO], background: [0, 0, 0] },
    });
    this.enable(slot, element, needleView ? 'needle' : '2d');
    const vp = engine.getViewport(slot) as Types.IVolumeViewport;
    void vp.setVolumes([{ volumeId }]).then(ready);
  }

  /**
   * Puts the volume in a new 3D view as bone, once the layout's resize has run: the page queues
   * that resize (a zero timeout) as the pane mounts, after this pane's own effect, so the 3D
   * view's first frame would otherwise be drawn alone and the resized MPR views would wait
   * behind it (seconds on software WebGL). Two zero timeouts put it after the resize, so the
   * resized MPR views and the 3D view's first frame (a preview there) share one animation frame.
   */
  private show3d(slot: ViewportSlot, vp: Types.IVolumeViewport, volumeId: string, ready: () => void): void {
    const live = (): boolean => !this.hooks.isDestroyed() && this.engine.getViewport(slot) === vp && this.enabled.has(slot);
    const show = (): void => {
      if (!live()) return;
      void vp.setVolumes([{ volumeId }]).then(() => {
        const bag = this.enabled.get(slot);
        if (!live() || !bag) return;
        const bone = applyBoneRendering(vp, volumeId);
        // On software WebGL a full frame takes seconds: a preview first, the full frame when idle.
        if (bone.software) bag.add(startProgressive3d(vp, bone.stepMm));
        else markFullQuality(vp);
        vp.resetCamera();
        ready();
      });
    };
    setTimeout(() => setTimeout(show, 0), 0);
  }

  private enable(slot: ViewportSlot, element: HTMLDivElement, group: ToolGroupKind): void {
    const bag = new ListenerBag();
    this.enabled.set(slot, bag);
    this.hooks.addToToolGroup(group, slot, this.engine.id);
    this.hooks.onEnabled(slot, element, bag);
  }

  /** Tears down every viewport's listeners and the engine. */
  destroy(): void {
    for (const bag of this.enabled.values()) bag.dispose();
    this.enabled.clear();
    this.elements.clear();
    this.engine.destroy();
  }
}
