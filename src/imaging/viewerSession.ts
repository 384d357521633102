import { utilities as csUtils, type Types } from '@cornerstonejs/core';
import { annotation } from '@cornerstonejs/tools';
import type { Vec3 } from '../shared/vec3';
import type { InstanceListing } from '../dicom/studyListing';
import type { WindowPreset } from '../shared/windowPresets';
import { planningVolumeOf, volumeGeometryOf } from './planningVolumeOf';
import type { PlanningVolume, VolumeGeometry } from '../planning/lesions';
import type { PlanActor } from './plan3d';
import { readMeasurements } from './measurements';
import type { ViewPlane } from './overlay/viewPlane';
import type { NeedleAxis } from './plan/needleFrame';
import type { PlanPointerEvent, PlanTool, ViewerTool, ViewportInfo, ViewportSlot } from './types';
import { VOLUME_2D_SLOTS } from './types';
import { csFromCanvas, lpsFromCs } from './coordinates';
import { SnapshotStore, type SessionSnapshot } from './session/snapshotStore';
import { SessionToolGroups } from './session/toolGroups';
import { SeriesLoader } from './session/seriesLoader';
import { ViewportLifecycle } from './session/viewportLifecycle';
import { ListenerBag } from './session/listenerBag';
import { listenToCornerstone } from './session/globalListeners';
import { listenToViewport } from './session/viewportListeners';
import { capturePlanPointer } from './session/planPointerCapture';
import { OverlayLayers, type OverlayPainter } from './session/overlayLayers';
import { viewPlaneOf } from './session/viewPlaneOf';
import { computeViewportInfo, InfoScheduler } from './session/viewportInfo';
import { huAtStack, huAtVolume } from './session/huProbe';
import { aimNeedleView, isNeedleSlot, NEEDLE_SLOTS, sameAxis } from './session/needleCameras';
import { worldToPage } from './session/cameraMoves';
import { ViewNavigation } from './session/navigation';
import { PlanActors3d } from './session/planActors3d';
import { KeyImageViews } from './session/keyImageViews';
import { ProbeDepthControl } from './session/probeDepthControl';

export type { SessionSnapshot } from './session/snapshotStore';
export type { OverlayPainter } from './session/overlayLayers';
export type { NeedleAxis } from './plan/needleFrame';
export type { KeyImageViews } from './session/keyImageViews';

let sessionCounter = 0;

const is2dVolumeSlot = (slot: ViewportSlot): boolean => (VOLUME_2D_SLOTS as readonly string[]).includes(slot);
const ALL_SLOTS: readonly string[] = ['axial', 'sagittal', 'coronal', 'volume3d', 'stack', 'probe', 'inplane0', 'inplane90'];
const slotOfViewportId = (viewportId: string | undefined): ViewportSlot | undefined =>
  viewportId && ALL_SLOTS.includes(viewportId) ? (viewportId as ViewportSlot) : undefined;

/**
 * One open series on screen: the rendering engine, its viewports, the tool groups and the
 * loaded volume or stack. UI components hand it their elements and observe its snapshot;
 * nothing here knows about React. The parts live in ./session/: loading, tool groups,
 * viewport lifecycle, overlay layers, plan pointer capture, the HU probe, needle cameras.
 */
export class ViewerSession {
  private readonly id = ++sessionCounter;
  private readonly store = new SnapshotStore();
  private readonly global = new ListenerBag();
  private readonly tools = new SessionToolGroups(this.id);
  private readonly views: ViewportLifecycle;
  private readonly loader: SeriesLoader;
  private readonly overlays = new OverlayLayers((slot) => this.viewPlane(slot));
  private readonly info = new InfoScheduler((slot) => this.computeInfo(slot), (patch) => this.store.set({ info: { ...this.store.get().info, ...patch } }));
  private readonly actors3d = new PlanActors3d();
  /** Framing on the body, centring, each view's state across layout changes, the window link. */
  readonly navigation: ViewNavigation;
  /** Key images: capture a view, show a saved one again, its picture, the slice under it, the overlay switch. */
  readonly keyImages: KeyImageViews;
  /** The probe's-eye view's depth along the selected needle: read, set by the slider, stepped by the wheel. */
  readonly probe = new ProbeDepthControl({ viewport: () => this.views.viewport('probe') as Types.IVolumeViewport | undefined, needle: () => this.needle, changed: () => this.markDirty('probe') });
  private pointerHandler?: (e: PlanPointerEvent) => void;
  private needle?: NeedleAxis;
  private planning?: PlanningVolume;
  private destroyed = false;

  constructor() {
    this.views = new ViewportLifecycle(this.id, {
      isDestroyed: () => this.destroyed,
      volumeId: () => this.loader.volumeId,
      stackImageIds: () => this.loader.stackImageIds,
      addToToolGroup: (kind, slot, engineId) => this.tools.addViewport(kind, slot, engineId),
      onEnabled: (slot, element, bag) => this.wireViewport(slot, element, bag),
      onReady: (slot) => this.viewportReady(slot),
      beforeDisable: (slot) => this.navigation.keep(slot),
    });
    const markDirty = (slot: ViewportSlot): void => this.markDirty(slot);
    this.keyImages = new KeyImageViews(this.views, this.overlays, markDirty, () => this.destroyed);
    this.navigation = new ViewNavigation({ views: this.views, volumeId: () => this.loader.volumeId, markDirty, aimNeedle: (slot, recentre) => this.aimNeedleView(slot, recentre), linkChanged: (windowLinked) => this.store.set({ windowLinked }), crosshairTool: () => this.store.get().tool === 'crosshairs' });
    this.loader = new SeriesLoader(this.id, this.store, this.views, {
      isDestroyed: () => this.destroyed,
      markDirty,
      onVolumeReady: () => {
        this.navigation.volumeReady();
        this.tools.enableCrosshairs(this.views.slots);
      },
    });
    listenToCornerstone(this.global, {
      onDecodeError: (msg) => {
        const errors = this.store.get().decodeErrors;
        if (!errors.includes(msg)) this.store.set({ decodeErrors: [...errors, msg] });
      },
      onAnnotationChange: () => this.store.set({ measurements: readMeasurements(annotation.state.getAllAnnotations(), slotOfViewportId) }),
    });
  }

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);
  getSnapshot = (): SessionSnapshot => this.store.get();

  /** A viewport component hands over its element; the session renders into it. */
  attach(slot: ViewportSlot, element: HTMLDivElement): void {
    this.views.attach(slot, element);
  }

  /** A viewport component takes its element back; the viewport and its listeners go. */
  detach(slot: ViewportSlot): void {
    this.views.detach(slot);
  }

  /** How many listeners and teardowns the live viewports hold (leak checks: the same after a layout switch and back). */
  viewportListenerCount(): number {
    return this.views.pendingTeardowns;
  }

  /** Call after the layout changed sizes. */
  resize(): void {
    if (!this.destroyed) this.navigation.refit();
  }

  private wireViewport(slot: ViewportSlot, element: HTMLDivElement, bag: ListenerBag): void {
    listenToViewport(bag, slot, element, {
      markDirty: (s) => this.markDirty(s),
      rendered: (s) => {
        this.loader.noteRendered(s);
        if (!this.destroyed) this.overlays.paint(s);
      },
      hover: (s, e) => this.probeAt(s, element, e),
    });
    if (!is2dVolumeSlot(slot)) return;
    this.navigation.watch(bag, slot, element);
    this.overlays.add(slot, element);
    bag.add(() => this.overlays.remove(slot));
    // While a plan tool is on, the left button is the plan's.
    capturePlanPointer(
      bag,
      element,
      () => this.store.get().planTool !== null && this.pointerHandler !== undefined,
      (type, e) => this.pointerEvent(type, slot, element, e),
      (ev) => this.pointerHandler?.(ev),
    );
  }

  private viewportReady(slot: ViewportSlot): void {
    const vp = this.views.viewport(slot);
    if (!vp) return;
    if (slot === 'volume3d') {
      this.actors3d.forget();
      this.refreshPlanActors();
    } else if (isNeedleSlot(slot)) {
      this.aimNeedleView(slot);
    }
    this.navigation.ready(slot);
    vp.render();
    this.markDirty(slot);
  }

  // ---- loading -----------------------------------------------------------------------

  /** Loads a series as a volume and shows it in the MPR (and 3D) viewports. */
  loadVolume(instances: readonly InstanceListing[]): Promise<void> {
    return this.loader.loadVolume(instances);
  }

  /** Loads a series as a stack of images in the stack viewport. */
  loadStack(instances: readonly InstanceListing[]): Promise<void> {
    return this.loader.loadStack(instances);
  }

  // ---- plan overlay and gestures ----------------------------------------------------

  /** The plan's painter; every 2D volume view calls it after each render. */
  setOverlayPainter(painter: OverlayPainter | undefined): void {
    if (!this.destroyed) this.overlays.setPainter(painter);
  }

  /** A read-only layer on every 2D volume view: imported objects under the plan, then a fused CBCT, a reference (expert) plan over it. */
  setLayerPainter(layer: 'imported' | 'fusion' | 'reference', painter: OverlayPainter | undefined): void {
    if (!this.destroyed) this.overlays[layer === 'imported' ? 'setUnderlay' : layer === 'fusion' ? 'setFusion' : 'setTopLayer'](painter);
  }

  /** Receives left-button gestures on 2D views while a plan tool is on. */
  setPointerHandler(handler: ((e: PlanPointerEvent) => void) | undefined): void {
    this.pointerHandler = handler;
  }

  /** Gives the left button to a plan tool (or back to the viewer tool with null). */
  setPlanTool(tool: PlanTool | null): void {
    for (const slot of ALL_SLOTS as ViewportSlot[]) this.views.element(slot)?.classList.toggle('plan-tool-on', tool !== null);
    this.store.set({ planTool: tool });
  }

  /** Repaints the plan over every 2D view on the next frame (after a plan change). */
  repaintOverlays(): void {
    if (!this.destroyed) this.overlays.repaintAll();
  }

  /** The plane a 2D view shows (origin at canvas point (0, 0)), per CSS pixel of its canvas. */
  viewPlane(slot: ViewportSlot): ViewPlane | undefined {
    const element = this.views.element(slot);
    const vp = this.views.viewport(slot);
    if (!vp || !element || slot === 'volume3d') return undefined;
    return viewPlaneOf(vp, element);
  }

  private pointerEvent(type: PlanPointerEvent['type'], slot: ViewportSlot, element: HTMLDivElement, e: MouseEvent): PlanPointerEvent | undefined {
    const plane = this.viewPlane(slot);
    const vp = this.views.viewport(slot);
    if (!plane || !vp) return undefined;
    const rect = element.getBoundingClientRect();
    const canvas = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    const world = lpsFromCs(vp.canvasToWorld(csFromCanvas(canvas)));
    return { type, slot, world, canvas, plane, shiftKey: e.shiftKey, altKey: e.altKey };
  }

  // ---- planning data ------------------------------------------------------------------

  /** The loaded volume's grid, once loaded. */
  volumeGeometry(): VolumeGeometry | undefined {
    return this.loader.volumeId && this.store.get().progress.phase === 'ready' ? volumeGeometryOf(this.loader.volumeId) : undefined;
  }

  /** The loaded volume as HU for planning (made on first use, then kept), once loaded. */
  planningVolume(): PlanningVolume | undefined {
    if (this.planning) return this.planning;
    if (!this.loader.volumeId || this.store.get().progress.phase !== 'ready') return undefined;
    this.planning = planningVolumeOf(this.loader.volumeId);
    return this.planning;
  }

  // ---- plan in 3D --------------------------------------------------------------------

  /** Gives the 3D view the plan's actors (needles, zones, lesion surfaces) whenever it asks. */
  setPlanActorsProvider(provider: (() => PlanActor[]) | undefined): void {
    this.actors3d.setProvider(provider);
    this.refreshPlanActors();
  }

  /** Rebuilds the plan's actors in the 3D view, when one is shown. */
  refreshPlanActors(): void {
    if (this.destroyed) return;
    this.actors3d.refresh(this.views.viewport('volume3d') as Types.IVolumeViewport | undefined);
  }

  // ---- needle views ------------------------------------------------------------------

  /** Points the probe's-eye and in-plane views along a needle (or leaves them as they are with undefined). */
  setNeedle(axis: NeedleAxis | undefined, recentre = true): void {
    const changed = !this.needle || !axis || !sameAxis(this.needle, axis);
    this.needle = axis;
    if (!axis || !changed) return;
    for (const slot of NEEDLE_SLOTS) if (this.views.has(slot)) this.aimNeedleView(slot, recentre);
  }

  /** The needle the needle views follow. */
  getNeedle = (): NeedleAxis | undefined => this.needle;

  private aimNeedleView(slot: ViewportSlot, recentre = true): void {
    const vp = this.views.viewport(slot) as Types.IVolumeViewport | undefined;
    if (!this.needle || !vp || !isNeedleSlot(slot) || !aimNeedleView(vp, slot, this.needle, recentre)) return;
    vp.render();
    this.markDirty(slot);
  }

  // ---- overlay info and probe -----------------------------------------------------------

  private markDirty(slot: ViewportSlot): void {
    if (!this.destroyed) this.info.markDirty(slot);
  }

  private computeInfo(slot: ViewportSlot): ViewportInfo | undefined {
    const vp = this.views.viewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    const element = this.views.element(slot);
    if (slot === 'volume3d' || !vp || !element) return undefined;
    return computeViewportInfo(slot, vp, element);
  }

  private probeAt(slot: ViewportSlot, element: HTMLDivElement, e: MouseEvent): void {
    const vp = slot === 'volume3d' ? undefined : this.views.viewport(slot);
    if (!vp) return;
    const rect = element.getBoundingClientRect();
    const world = lpsFromCs(vp.canvasToWorld(csFromCanvas({ x: e.clientX - rect.left, y: e.clientY - rect.top })));
    this.store.set({ probe: { slot, world, hu: this.huAt(slot, world) } });
  }

  /** The HU at a world point of the loaded data (stack or volume), or undefined outside it. */
  huAt(slot: ViewportSlot, world: Vec3): number | undefined {
    if (slot === 'stack') return huAtStack(this.views.engine.getViewport('stack') as Types.IStackViewport | undefined, world);
    return huAtVolume(this.loader.volumeId, world);
  }

  // ---- commands ----------------------------------------------------------------------

  setTool(tool: ViewerTool): void {
    if (this.tools.setTool(tool, this.store.get().tool)) this.store.set({ tool });
  }

  applyWindow(preset: Pick<WindowPreset, 'widthHu' | 'centerHu'>): void {
    this.navigation.applyWindow(preset);
  }

  /** Scrolls a 2D viewport by `delta` slices. */
  scroll(slot: ViewportSlot, delta: number): void {
    const vp = slot === 'volume3d' ? undefined : this.views.viewport(slot);
    if (vp) csUtils.scroll(vp, { delta });
  }

  resetViews(): void {
    this.navigation.reset();
  }

  /** Brings the views to a world point: slices through it, the MPR views centred on it with `keepVisible` on screen. */
  jumpTo(world: Vec3, keepVisible: readonly Vec3[] = []): void {
    this.navigation.centreOn(world, keepVisible);
  }

  /** Page coordinates of a world point in a viewport (for tests and overlays). */
  worldToPage(slot: ViewportSlot, world: Vec3): [number, number] | undefined {
    const vp = this.views.viewport(slot);
    const element = this.views.element(slot);
    return vp && element ? worldToPage(vp, element, world) : undefined;
  }

  clearMeasurements(): void {
    annotation.state.removeAllAnnotations();
    this.views.engine.render();
    this.store.set({ measurements: [] });
    this.tools.restoreCrosshairs(this.store.get().tool);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.global.dispose();
    this.info.cancel();
    this.overlays.destroy();
    this.tools.destroy();
    this.views.destroy();
    this.loader.destroy();
    this.store.close();
  }
}
