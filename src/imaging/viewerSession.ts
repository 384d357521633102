import {
  RenderingEngine,
  Enums,
  volumeLoader,
  cache,
  eventTarget,
  metaData,
  utilities as csUtils,
  type Types,
} from '@cornerstonejs/core';
import { ToolGroupManager, Enums as ToolEnums, annotation, CrosshairsTool, WindowLevelTool, PanTool, ZoomTool, StackScrollTool, LengthTool, AngleTool, ProbeTool, TrackballRotateTool } from '@cornerstonejs/tools';
import type { Vec3 } from '../shared/vec3';
import type { InstanceListing } from '../dicom/studyListing';
import { dot, sub, add, scale } from '../shared/vec3';
import { windowRange, type WindowPreset } from '../shared/windowPresets';
import { fetchInstances } from './fetchInstances';
import { planningVolumeOf, volumeGeometryOf } from './planningVolumeOf';
import { centreOutOrder } from './centreOutOrder';
import { releasePart10PixelData } from './releasePart10PixelData';
import type { PlanningVolume, VolumeGeometry } from '../planning/lesions';
import type { PlanActor } from './plan3d';
import { orientationLabels } from './orientationLabels';
import { isSoftwareRenderer } from './softwareRenderer';
import { angleLabel, lengthLabel, readMeasurements } from './measurements';
import type { LoadProgress, MeasurementReading, PlanPointerEvent, PlanTool, ProbeReading, ViewerTool, ViewportInfo, ViewportSlot } from './types';
import { VOLUME_2D_SLOTS } from './types';
import { cross, normalize } from '../shared/vec3';
import { viewPlaneFromCorners, type ViewPlane } from './overlay/viewPlane';
import { lpsFromCs, csFromCanvas } from './coordinates';

const ORTHO: Record<'axial' | 'sagittal' | 'coronal', Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
  coronal: Enums.OrientationAxis.CORONAL,
};

const TOOL_NAMES: Record<ViewerTool, string> = {
  windowLevel: WindowLevelTool.toolName,
  crosshairs: CrosshairsTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  probe: ProbeTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
};

let sessionCounter = 0;

/** What the UI observes of a session; a new object whenever anything changes. */
export interface SessionSnapshot {
  progress: LoadProgress;
  mode: 'mpr' | 'stack' | 'none';
  info: Partial<Record<ViewportSlot, ViewportInfo>>;
  probe?: ProbeReading;
  measurements: MeasurementReading[];
  tool: ViewerTool;
  /** Images that could not be decoded, with the decoder's reason. */
  decodeErrors: string[];
  /** The plan tool that owns the left button, if any. */
  planTool: PlanTool | null;
}

/** Draws the plan over one 2D view; called after every render of that view. */
export type OverlayPainter = (slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane) => void;

/** A needle the needle views follow: entry (skin) and target (tip), LPS mm. */
export interface NeedleAxis {
  readonly entry: Vec3;
  readonly target: Vec3;
}

const NEEDLE_SLOTS = new Set<ViewportSlot>(['probe', 'inplane0', 'inplane90']);
const is2dVolumeSlot = (slot: ViewportSlot): boolean => (VOLUME_2D_SLOTS as readonly string[]).includes(slot);

/**
 * One open series on screen: the rendering engine, its viewports, the tool groups and the
 * loaded volume or stack. UI components hand it their elements and observe its snapshot;
 * nothing here knows about React.
 */
export class ViewerSession {
  private readonly id = ++sessionCounter;
  private readonly engine = new RenderingEngine(`percuplan-engine-${this.id}`);
  private readonly elements = new Map<ViewportSlot, HTMLDivElement>();
  private readonly enabled = new Set<ViewportSlot>();
  private readonly cleanups: (() => void)[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly toolGroup2d = ToolGroupManager.createToolGroup(`percuplan-2d-${this.id}`);
  private readonly toolGroup3d = ToolGroupManager.createToolGroup(`percuplan-3d-${this.id}`);
  private readonly toolGroupNeedle = ToolGroupManager.createToolGroup(`percuplan-needle-${this.id}`);
  private readonly overlays = new Map<ViewportSlot, HTMLCanvasElement>();
  private painter?: OverlayPainter;
  private pointerHandler?: (e: PlanPointerEvent) => void;
  private needle?: NeedleAxis;
  private overlayFrame = 0;
  private planActors: PlanActor[] = [];
  private planActorsProvider?: () => PlanActor[];
  private pendingOverlay = new Set<ViewportSlot>();
  private volumeId?: string;
  private stackImageIds?: string[];
  private infoFrame = 0;
  private destroyed = false;
  /** Set once the volume's first frame has loaded; the next render marks `percuplan:first-image` (benchmark). */
  private awaitingFirstImage = false;
  private dirtySlots = new Set<ViewportSlot>();
  private snapshot: SessionSnapshot = {
    progress: { phase: 'headers', done: 0, total: 0 },
    mode: 'none',
    info: {},
    measurements: [],
    tool: 'windowLevel',
    decodeErrors: [],
    planTool: null,
  };

  constructor() {
    const g = this.toolGroup2d;
    if (!g || !this.toolGroup3d) throw new Error('Could not create tool groups');
    for (const name of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, ProbeTool].map((t) => t.toolName)) {
      g.addTool(name);
    }
    // The on-image labels show the same numbers as the measurement panel: computed from the
    // world points in patient millimetres (Cornerstone's own index-space calibration read
    // 14.4 mm for a 23.6 mm distance on the sample spine CT).
    g.addTool(LengthTool.toolName, { getTextLines: (data: { handles?: { points?: unknown[] } }) => lengthLabel(data.handles?.points) });
    g.addTool(AngleTool.toolName, { getTextLines: (data: { handles?: { points?: unknown[] } }) => angleLabel(data.handles?.points) });
    g.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
    g.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
    g.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
    g.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });
    for (const name of [LengthTool, AngleTool, ProbeTool].map((t) => t.toolName)) g.setToolPassive(name);
    const g3 = this.toolGroup3d;
    g3.addTool(TrackballRotateTool.toolName);
    g3.addTool(ZoomTool.toolName);
    g3.addTool(PanTool.toolName);
    g3.setToolActive(TrackballRotateTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
    g3.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
    g3.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
    const gn = this.toolGroupNeedle;
    if (!gn) throw new Error('Could not create tool groups');
    for (const name of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool].map((t) => t.toolName)) gn.addTool(name);
    gn.setToolActive(WindowLevelTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
    gn.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
    gn.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
    gn.setToolActive(StackScrollTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Wheel }] });

    const onAnnotation = (): void => this.set({ measurements: readMeasurements(annotation.state.getAllAnnotations(), this.slotOfViewportId) });
    const onLoadFailed = (evt: Event): void => {
      const d = (evt as CustomEvent<{ imageId?: string; error?: unknown }>).detail;
      const e = d?.error as { message?: string } | string | undefined;
      const reason = typeof e === 'string' ? e : (e?.message ?? 'unknown decoder error');
      const frame = /[?&]frame=(\d+)/.exec(d?.imageId ?? '')?.[1];
      const msg = `${frame ? `frame ${frame}: ` : ''}${reason}`;
      if (!this.snapshot.decodeErrors.includes(msg)) this.set({ decodeErrors: [...this.snapshot.decodeErrors, msg] });
    };
    for (const ev of [Enums.Events.IMAGE_LOAD_FAILED, Enums.Events.IMAGE_LOAD_ERROR]) {
      eventTarget.addEventListener(ev, onLoadFailed);
      this.cleanups.push(() => eventTarget.removeEventListener(ev, onLoadFailed));
    }
    // Cornerstone triggers annotation events on its own event target, not on elements.
    for (const ev of [
      ToolEnums.Events.ANNOTATION_COMPLETED,
      ToolEnums.Events.ANNOTATION_MODIFIED,
      ToolEnums.Events.ANNOTATION_REMOVED,
    ]) {
      eventTarget.addEventListener(ev, onAnnotation);
      this.cleanups.push(() => eventTarget.removeEventListener(ev, onAnnotation));
    }
  }

  // ---- observation -------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.snapshot;

  private set(patch: Partial<SessionSnapshot>): void {
    if (this.destroyed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  private slotOfViewportId = (viewportId: string | undefined): ViewportSlot | undefined =>
    viewportId && (['axial', 'sagittal', 'coronal', 'volume3d', 'stack', 'probe', 'inplane0', 'inplane90'] as string[]).includes(viewportId)
      ? (viewportId as ViewportSlot)
      : undefined;

  // ---- elements ----------------------------------------------------------------------

  /** A viewport component hands over its element; the session renders into it. */
  attach(slot: ViewportSlot, element: HTMLDivElement): void {
    if (this.destroyed || this.elements.get(slot) === element) return;
    this.detach(slot);
    this.elements.set(slot, element);
    element.oncontextmenu = (e) => e.preventDefault();
    this.ensureViewport(slot);
  }

  detach(slot: ViewportSlot): void {
    // Panes may unmount after their session was destroyed with its series.
    if (this.destroyed || !this.elements.has(slot)) return;
    this.elements.delete(slot);
    this.overlays.get(slot)?.remove();
    this.overlays.delete(slot);
    if (this.enabled.has(slot)) {
      this.enabled.delete(slot);
      this.engine.disableElement(slot);
    }
  }

  /** Call after the layout changed sizes. */
  resize(): void {
    if (this.destroyed) return;
    this.engine.resize(true, true);
    // Refit the images to their new panes rather than keep a zoom meant for another size,
    // but stay on the same slices.
    for (const slot of this.enabled) {
      if (slot === 'volume3d') continue;
      const vp = this.engine.getViewport(slot);
      if (!vp) continue;
      const before = vp.getCamera().focalPoint as unknown as Vec3 | undefined;
      if (NEEDLE_SLOTS.has(slot)) {
        this.aimNeedleView(slot, false);
        continue;
      }
      vp.resetCamera({ resetPan: true, resetZoom: true, resetToCenter: false });
      // Cornerstone's reset also recentres the slice; put each view back on the slice it showed.
      if (before) this.moveSliceTo(slot, before);
      vp.render();
      this.markDirty(slot);
    }
  }

  // ---- loading -----------------------------------------------------------------------

  /** Loads a series as a volume and shows it in the MPR (and 3D) viewports. */
  async loadVolume(instances: readonly InstanceListing[]): Promise<void> {
    this.set({ mode: 'mpr', progress: { phase: 'headers', done: 0, total: instances.length } });
    try {
      const imageIds = await fetchInstances(instances, (done, total) =>
        this.set({ progress: { phase: 'headers', done, total } }),
      );
      const volumeId = `cornerstoneStreamingImageVolume:percuplan-${this.id}`;
      const volume = await volumeLoader.createAndCacheVolume(volumeId, { imageIds });
      this.volumeId = volumeId;
      this.set({ progress: { phase: 'pixels', done: 0, total: imageIds.length } });
      streamCentreFirst(volume);
      await new Promise<void>((resolve) => {
        let lastRender = 0;
        let progressFrame = 0;
        let first = true;
        // Cornerstone calls the load callback once, at the end; each frame raises
        // IMAGE_VOLUME_MODIFIED. Its own re-render after every 2 % of the frames is off
        // (streamCentreFirst): without a GPU a render of three views costs a few hundred ms
        // and starved the loading. Render when the first (middle) slice arrives, then at most
        // twice a second; the progress bar follows once per animation frame.
        const onModified = (evt: Event): void => {
          const d = (evt as CustomEvent<{ volumeId?: string; framesProcessed?: number }>).detail;
          if (d?.volumeId !== volumeId || this.destroyed) return;
          const now = performance.now();
          if (first || now - lastRender > 500) {
            if (first) this.awaitingFirstImage = true;
            lastRender = now;
            // Until a view has its volume (setVolumes is asynchronous), the next frame tries again.
            if (this.renderVolumeViews() > 0) first = false;
          }
          const done = d.framesProcessed ?? 0;
          if (!progressFrame) {
            progressFrame = requestAnimationFrame(() => {
              progressFrame = 0;
              if (this.snapshot.progress.phase === 'pixels') this.set({ progress: { phase: 'pixels', done, total: imageIds.length } });
            });
          }
        };
        eventTarget.addEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
        volume.load(() => {
          eventTarget.removeEventListener(Enums.Events.IMAGE_VOLUME_MODIFIED, onModified);
          if (progressFrame) cancelAnimationFrame(progressFrame);
          this.renderVolumeViews();
          resolve();
        });
        for (const slot of this.elements.keys()) this.ensureViewport(slot);
      });
      releasePart10PixelData(imageIds);
      // For `npm run bench`: the volume is complete, with what Cornerstone's cache holds for it.
      // (Not volume.sizeInBytes: it reads voxel 0 through the voxel manager and threw here.)
      performance.mark('percuplan:volume-ready', {
        detail: { voxels: volume.numVoxels, cacheBytes: cache.getCacheSize(), dataType: volume.dataType ?? null },
      });
      for (const slot of this.enabled) this.markDirty(slot);
      this.set({ progress: { phase: 'ready', done: imageIds.length, total: imageIds.length } });
      this.enableCrosshairs();
    } catch (e) {
      this.set({ progress: { phase: 'error', done: 0, total: instances.length, message: e instanceof Error ? e.message : String(e) } });
    }
  }

  /** Renders the views that already show the volume; returns how many. */
  private renderVolumeViews(): number {
    if (this.destroyed) return 0;
    const ids = [...this.enabled].filter((slot) => slot !== 'stack' && (this.engine.getViewport(slot) as Types.IVolumeViewport | undefined)?.getDefaultActor?.());
    if (ids.length) this.engine.renderViewports(ids);
    return ids.length;
  }

  /** Loads a series as a stack of images in the stack viewport. */
  async loadStack(instances: readonly InstanceListing[]): Promise<void> {
    this.set({ mode: 'stack', progress: { phase: 'headers', done: 0, total: instances.length } });
    try {
      this.stackImageIds = await fetchInstances(instances, (done, total) =>
        this.set({ progress: { phase: 'headers', done, total } }),
      );
      this.ensureViewport('stack');
      this.set({ progress: { phase: 'ready', done: instances.length, total: instances.length } });
    } catch (e) {
      this.set({ progress: { phase: 'error', done: 0, total: instances.length, message: e instanceof Error ? e.message : String(e) } });
    }
  }

  private ensureViewport(slot: ViewportSlot): void {
    if (this.destroyed) return;
    const element = this.elements.get(slot);
    if (!element || this.enabled.has(slot)) return;
    if (slot === 'stack') {
      if (!this.stackImageIds) return;
      this.engine.enableElement({ viewportId: slot, type: Enums.ViewportType.STACK, element, defaultOptions: { background: [0, 0, 0] } });
      this.enabled.add(slot);
      this.toolGroup2d?.addViewport(slot, this.engine.id);
      const vp = this.engine.getViewport(slot) as Types.IStackViewport;
      const ids = this.stackImageIds;
      void vp.setStack(ids, Math.floor(ids.length / 2)).then(() => {
        if (this.destroyed) return;
        vp.render();
        this.markDirty(slot);
      });
    } else if (slot === 'volume3d') {
      if (!this.volumeId) return;
      this.engine.enableElement({ viewportId: slot, type: Enums.ViewportType.VOLUME_3D, element, defaultOptions: { background: [0.02, 0.02, 0.04], orientation: Enums.OrientationAxis.CORONAL } });
      this.enabled.add(slot);
      this.toolGroup3d?.addViewport(slot, this.engine.id);
      const vp = this.engine.getViewport(slot) as Types.IVolumeViewport;
      void vp.setVolumes([{ volumeId: this.volumeId }]).then(() => {
        if (this.destroyed) return;
        vp.setProperties({ preset: 'CT-Bones', sampleDistanceMultiplier: isSoftwareRenderer() ? 8 : 1 });
        vp.resetCamera();
        this.planActors = [];
        this.refreshPlanActors();
        vp.render();
      });
    } else {
      if (!this.volumeId) return;
      const needleView = NEEDLE_SLOTS.has(slot);
      this.engine.enableElement({
        viewportId: slot,
        type: Enums.ViewportType.ORTHOGRAPHIC,
        element,
        defaultOptions: { orientation: needleView ? Enums.OrientationAxis.AXIAL : ORTHO[slot as keyof typeof ORTHO], background: [0, 0, 0] },
      });
      this.enabled.add(slot);
      (needleView ? this.toolGroupNeedle : this.toolGroup2d)?.addViewport(slot, this.engine.id);
      const vp = this.engine.getViewport(slot) as Types.IVolumeViewport;
      void vp.setVolumes([{ volumeId: this.volumeId }]).then(() => {
        if (this.destroyed) return;
        if (needleView) this.aimNeedleView(slot);
        vp.render();
        this.markDirty(slot);
      });
      this.addOverlay(slot, element);
    }
    this.listen(slot, element);
  }

  private listen(slot: ViewportSlot, element: HTMLDivElement): void {
    const dirty = (): void => this.markDirty(slot);
    const events = [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.VOLUME_NEW_IMAGE, Enums.Events.STACK_NEW_IMAGE, Enums.Events.IMAGE_RENDERED];
    for (const ev of events) element.addEventListener(ev, dirty);
    // For `npm run bench`: the first frame drawn after the volume's first slice arrived.
    const firstImage = (): void => {
      if (!this.awaitingFirstImage || slot === 'volume3d' || slot === 'stack') return;
      this.awaitingFirstImage = false;
      performance.mark('percuplan:first-image');
    };
    element.addEventListener(Enums.Events.IMAGE_RENDERED, firstImage);
    this.cleanups.push(() => element.removeEventListener(Enums.Events.IMAGE_RENDERED, firstImage));
    const move = (e: MouseEvent): void => this.probeAt(slot, element, e);
    element.addEventListener('mousemove', move);
    const rendered = (): void => this.paintOverlay(slot);
    element.addEventListener(Enums.Events.IMAGE_RENDERED, rendered);
    // While a plan tool is on, the left button is the plan's: the capture listener on the
    // element runs before Cornerstone's tools see the event on the canvas inside it.
    let dragging = false;
    const pointer = (type: PlanPointerEvent['type']) => (e: MouseEvent): void => {
      if (!this.snapshot.planTool || !this.pointerHandler || !is2dVolumeSlot(slot)) return;
      if (type === 'down' && e.button !== 0) return;
      if (type !== 'down' && !dragging && type === 'up') return;
      if (type === 'down') dragging = true;
      if (type === 'up') dragging = false;
      if (type === 'move' && !dragging && e.buttons !== 0) return;
      const ev = this.pointerEvent(type, slot, element, e);
      if (!ev) return;
      if (type !== 'move' || dragging) {
        e.stopImmediatePropagation();
        e.preventDefault();
      }
      this.pointerHandler(ev);
    };
    const down = pointer('down'), drag = pointer('move'), up = pointer('up');
    element.addEventListener('mousedown', down, true);
    element.addEventListener('mousemove', drag, true);
    window.addEventListener('mouseup', up, true);
    this.cleanups.push(() => {
      for (const ev of events) element.removeEventListener(ev, dirty);
      element.removeEventListener('mousemove', move);
      element.removeEventListener(Enums.Events.IMAGE_RENDERED, rendered);
      element.removeEventListener('mousedown', down, true);
      element.removeEventListener('mousemove', drag, true);
      window.removeEventListener('mouseup', up, true);
    });
  }

  private enableCrosshairs(): void {
    const g = this.toolGroup2d;
    if (!g || g.hasTool(CrosshairsTool.toolName)) return;
    const ortho = (['axial', 'sagittal', 'coronal'] as const).filter((s) => this.enabled.has(s));
    if (ortho.length < 2) return;
    const colours: Record<string, string> = { axial: 'rgb(220, 60, 60)', sagittal: 'rgb(220, 200, 40)', coronal: 'rgb(60, 200, 90)' };
    g.addTool(CrosshairsTool.toolName, {
      getReferenceLineColor: (viewportId: string) => colours[viewportId] ?? 'white',
      getReferenceLineControllable: () => true,
      getReferenceLineDraggableRotatable: () => true,
      getReferenceLineSlabThicknessControlsOn: () => false,
    });
    g.setToolPassive(CrosshairsTool.toolName);
  }

  // ---- plan overlay and gestures ----------------------------------------------------

  /** The plan's painter; every 2D volume view calls it after each render. */
  setOverlayPainter(painter: OverlayPainter | undefined): void {
    this.painter = painter;
    this.repaintOverlays();
  }

  /** Receives left-button gestures on 2D views while a plan tool is on. */
  setPointerHandler(handler: ((e: PlanPointerEvent) => void) | undefined): void {
    this.pointerHandler = handler;
  }

  /** Gives the left button to a plan tool (or back to the viewer tool with null). */
  setPlanTool(tool: PlanTool | null): void {
    for (const el of this.elements.values()) el.classList.toggle('plan-tool-on', tool !== null);
    this.set({ planTool: tool });
  }

  /** Repaints the plan over every 2D view on the next frame (after a plan change). */
  repaintOverlays(): void {
    for (const slot of this.overlays.keys()) this.pendingOverlay.add(slot);
    if (this.overlayFrame || this.destroyed) return;
    this.overlayFrame = requestAnimationFrame(() => {
      this.overlayFrame = 0;
      const slots = [...this.pendingOverlay];
      this.pendingOverlay.clear();
      for (const slot of slots) this.paintOverlay(slot);
    });
  }

  private addOverlay(slot: ViewportSlot, element: HTMLDivElement): void {
    this.overlays.get(slot)?.remove();
    const canvas = document.createElement('canvas');
    canvas.className = 'plan-overlay';
    canvas.dataset.testid = `plan-overlay-${slot}`;
    element.appendChild(canvas);
    this.overlays.set(slot, canvas);
  }

  /**
   * The plane a 2D view shows: origin at canvas point (0, 0) as Cornerstone's `canvasToWorld`
   * gives it (the canvas's top-left corner), steps per CSS pixel of its canvas.
   */
  viewPlane(slot: ViewportSlot): ViewPlane | undefined {
    const element = this.elements.get(slot);
    const vp = this.enabled.has(slot) ? this.engine.getViewport(slot) : undefined;
    if (!vp || !element || slot === 'volume3d') return undefined;
    const w = element.clientWidth, h = element.clientHeight;
    if (w < 2 || h < 2) return undefined;
    const n = vp.getCamera().viewPlaneNormal;
    if (!n) return undefined;
    const corner = (x: number, y: number) => lpsFromCs(vp.canvasToWorld(csFromCanvas({ x, y })));
    try {
      return viewPlaneFromCorners(corner(0, 0), corner(w, 0), corner(0, h), w, h, lpsFromCs(n));
    } catch {
      // A viewport without its data yet can map every canvas point to one world point.
      return undefined;
    }
  }

  private paintOverlay(slot: ViewportSlot): void {
    const canvas = this.overlays.get(slot);
    const element = this.elements.get(slot);
    if (!canvas || !element || this.destroyed) return;
    const dpr = window.devicePixelRatio || 1;
    const w = element.clientWidth, h = element.clientHeight;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const plane = this.painter ? this.viewPlane(slot) : undefined;
    if (!plane || !this.painter) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.painter(slot, ctx, plane);
  }

  private pointerEvent(type: PlanPointerEvent['type'], slot: ViewportSlot, element: HTMLDivElement, e: MouseEvent): PlanPointerEvent | undefined {
    const plane = this.viewPlane(slot);
    const vp = this.engine.getViewport(slot);
    if (!plane || !vp) return undefined;
    const rect = element.getBoundingClientRect();
    const canvas = { x: e.clientX - rect.left, y: e.clientY - rect.top };
    const world = lpsFromCs(vp.canvasToWorld(csFromCanvas(canvas)));
    return { type, slot, world, canvas, plane, shiftKey: e.shiftKey, altKey: e.altKey };
  }

  // ---- planning data ------------------------------------------------------------------

  private planning?: PlanningVolume;

  /** The loaded volume's grid, once loaded. */
  volumeGeometry(): VolumeGeometry | undefined {
    return this.volumeId && this.snapshot.progress.phase === 'ready' ? volumeGeometryOf(this.volumeId) : undefined;
  }

  /** The loaded volume as HU for planning (made on first use, then kept), once loaded. */
  planningVolume(): PlanningVolume | undefined {
    if (this.planning) return this.planning;
    if (!this.volumeId || this.snapshot.progress.phase !== 'ready') return undefined;
    this.planning = planningVolumeOf(this.volumeId);
    return this.planning;
  }

  // ---- plan in 3D --------------------------------------------------------------------

  /** Gives the 3D view the plan's actors (needles, zones, lesion surfaces) whenever it asks. */
  setPlanActorsProvider(provider: (() => PlanActor[]) | undefined): void {
    this.planActorsProvider = provider;
    this.refreshPlanActors();
  }

  /** Rebuilds the plan's actors in the 3D view, when one is shown. */
  refreshPlanActors(): void {
    if (this.destroyed || !this.enabled.has('volume3d')) return;
    const vp = this.engine.getViewport('volume3d') as Types.IVolumeViewport | undefined;
    if (!vp || !vp.getDefaultActor()) return;
    if (this.planActors.length) vp.removeActors(this.planActors.map((a) => a.uid));
    this.planActors = this.planActorsProvider?.() ?? [];
    if (this.planActors.length) vp.addActors(this.planActors.map((a) => ({ uid: a.uid, actor: a.actor as unknown as Types.Actor })));
    vp.render();
  }

  // ---- needle views ------------------------------------------------------------------

  /** Points the probe's-eye and in-plane views along a needle (or leaves them as they are with undefined). */
  setNeedle(axis: NeedleAxis | undefined, recentre = true): void {
    const changed = !this.needle || !axis || !sameAxis(this.needle, axis);
    this.needle = axis;
    if (!axis || !changed) return;
    for (const slot of NEEDLE_SLOTS) if (this.enabled.has(slot)) this.aimNeedleView(slot, recentre);
  }

  /** The needle the needle views follow. */
  getNeedle(): NeedleAxis | undefined {
    return this.needle;
  }

  private aimNeedleView(slot: ViewportSlot, recentre = true): void {
    const axis = this.needle;
    const vp = this.engine.getViewport(slot) as Types.IVolumeViewport | undefined;
    if (!axis || !vp) return;
    const frame = needleFrame(axis);
    if (!frame) return;
    const { u, e0, e1, length } = frame;
    const cam = vp.getCamera();
    let focal: Vec3;
    let normal: Vec3;
    let up: Vec3;
    if (slot === 'probe') {
      normal = scale(u, -1);
      up = e0;
      // Keep the depth the user scrolled to when the needle only moved a little.
      const prev = cam.focalPoint as unknown as Vec3 | undefined;
      const depth = !recentre && prev ? Math.max(-20, Math.min(length + 40, dot(sub(prev, axis.entry), u))) : length;
      focal = add(axis.entry, scale(u, depth));
    } else {
      normal = slot === 'inplane0' ? e1 : e0;
      up = scale(u, -1);
      focal = add(axis.entry, scale(u, length / 2));
    }
    vp.setCamera({
      focalPoint: focal as unknown as Types.Point3,
      position: add(focal, scale(normal, 500)) as unknown as Types.Point3,
      viewPlaneNormal: normal as unknown as Types.Point3,
      viewUp: up as unknown as Types.Point3,
      parallelScale: slot === 'probe' ? 50 : Math.max(60, length * 0.65),
    });
    vp.render();
    this.markDirty(slot);
  }

  // ---- overlay info ------------------------------------------------------------------

  private markDirty(slot: ViewportSlot): void {
    if (this.destroyed) return;
    this.dirtySlots.add(slot);
    if (this.infoFrame) return;
    this.infoFrame = requestAnimationFrame(() => {
      this.infoFrame = 0;
      const info = { ...this.snapshot.info };
      for (const s of this.dirtySlots) {
        const i = this.computeInfo(s);
        if (i) info[s] = i;
      }
      this.dirtySlots.clear();
      this.set({ info });
    });
  }

  private computeInfo(slot: ViewportSlot): ViewportInfo | undefined {
    if (!this.enabled.has(slot) || slot === 'volume3d') return undefined;
    const vp = this.engine.getViewport(slot) as Types.IVolumeViewport | Types.IStackViewport | undefined;
    const element = this.elements.get(slot);
    if (!vp || !element) return undefined;
    const camera = vp.getCamera();
    const vpn = (camera.viewPlaneNormal ?? [0, 0, 1]) as unknown as Vec3;
    const up = (camera.viewUp ?? [0, 1, 0]) as unknown as Vec3;
    const focal = (camera.focalPoint ?? [0, 0, 0]) as unknown as Vec3;
    const axis = [0, 1, 2].reduce((best, a) => (Math.abs(vpn[a] ?? 0) > Math.abs(vpn[best] ?? 0) ? a : best), 0);
    // Before its data is set a viewport has no properties yet.
    const props = vp.getProperties() as { voiRange?: { lower: number; upper: number } } | undefined;
    const voi = props?.voiRange;
    let sliceNumber: number | undefined;
    let sliceCount: number | undefined;
    try {
      sliceNumber = vp.getSliceIndex() + 1;
      sliceCount = vp.getNumberOfSlices();
    } catch {
      // Not every viewport state can answer before its data is set.
    }
    // A stack image without orientation or pixel spacing (ultrasound, secondary capture) gets
    // no patient-direction letters and no scale bar: Cornerstone's defaults would be made up.
    let placed = true;
    if (slot === 'stack') {
      const imageId = (vp as Types.IStackViewport).getCurrentImageId?.();
      const plane = imageId ? (metaData.get('imagePlaneModule', imageId) as { usingDefaultValues?: boolean } | undefined) : undefined;
      placed = !plane?.usingDefaultValues;
    }
    return {
      slot,
      sliceNumber,
      sliceCount,
      slicePositionMm: focal[axis],
      windowWidth: voi ? voi.upper - voi.lower : undefined,
      windowCenter: voi ? (voi.upper + voi.lower) / 2 : undefined,
      zoom: vp.getZoom(),
      mmPerPixel: placed && camera.parallelScale && element.clientHeight ? (2 * camera.parallelScale) / element.clientHeight : undefined,
      orientation: placed ? orientationLabels(up, vpn) : undefined,
    };
  }

  private probeAt(slot: ViewportSlot, element: HTMLDivElement, e: MouseEvent): void {
    if (!this.enabled.has(slot) || slot === 'volume3d') return;
    const vp = this.engine.getViewport(slot);
    if (!vp) return;
    const rect = element.getBoundingClientRect();
    const world = vp.canvasToWorld([e.clientX - rect.left, e.clientY - rect.top]) as unknown as Vec3;
    this.set({ probe: { slot, world, hu: this.huAt(slot, world) } });
  }

  /** The HU stored at a world point of the loaded data, or undefined outside it. */
  huAt(slot: ViewportSlot, world: Vec3): number | undefined {
    if (slot === 'stack') {
      const vp = this.engine.getViewport('stack') as Types.IStackViewport | undefined;
      const imageId = vp?.getCurrentImageId();
      const image = imageId ? cache.getImage(imageId) : undefined;
      if (!imageId || !image) return undefined;
      const ij = csUtils.worldToImageCoords(imageId, world as unknown as Types.Point3);
      if (!ij) return undefined;
      const [c, r] = [Math.floor(ij[0]), Math.floor(ij[1])];
      if (c < 0 || r < 0 || c >= image.columns || r >= image.rows) return undefined;
      return image.getPixelData()[r * image.columns + c];
    }
    const volume = this.volumeId ? cache.getVolume(this.volumeId) : undefined;
    if (!volume) return undefined;
    const ijk = csUtils.transformWorldToIndex(volume.imageData, world as unknown as Types.Point3);
    const [i, j, k] = ijk.map(Math.round) as [number, number, number];
    const [di, dj, dk] = volume.dimensions;
    if (i < 0 || j < 0 || k < 0 || i >= di || j >= dj || k >= dk) return undefined;
    return volume.voxelManager?.getAtIJK(i, j, k) as number | undefined;
  }

  // ---- commands ----------------------------------------------------------------------

  setTool(tool: ViewerTool): void {
    const g = this.toolGroup2d;
    if (!g) return;
    if (tool === 'crosshairs' && !g.hasTool(CrosshairsTool.toolName)) return;
    const prev = this.snapshot.tool;
    const prevName = TOOL_NAMES[prev];
    if (prev === 'pan') g.setToolActive(PanTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Auxiliary }] });
    else if (prev === 'zoom') g.setToolActive(ZoomTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Secondary }] });
    else g.setToolPassive(prevName);
    const bindings = [{ mouseButton: ToolEnums.MouseBindings.Primary }];
    if (tool === 'pan') bindings.push({ mouseButton: ToolEnums.MouseBindings.Auxiliary });
    if (tool === 'zoom') bindings.push({ mouseButton: ToolEnums.MouseBindings.Secondary });
    g.setToolActive(TOOL_NAMES[tool], { bindings });
    this.set({ tool });
  }

  applyWindow(preset: Pick<WindowPreset, 'widthHu' | 'centerHu'>): void {
    for (const slot of this.enabled) {
      if (slot === 'volume3d') continue;
      const vp = this.engine.getViewport(slot) as Types.IVolumeViewport | Types.IStackViewport;
      vp.setProperties({ voiRange: windowRange(preset) });
      vp.render();
      this.markDirty(slot);
    }
  }

  /** Scrolls a 2D viewport by `delta` slices. */
  scroll(slot: ViewportSlot, delta: number): void {
    if (!this.enabled.has(slot) || slot === 'volume3d') return;
    const vp = this.engine.getViewport(slot);
    if (!vp) return;
    csUtils.scroll(vp as unknown as Types.IViewport, { delta });
  }

  resetViews(): void {
    for (const slot of this.enabled) {
      const vp = this.engine.getViewport(slot) as Types.IVolumeViewport | Types.IStackViewport;
      vp.resetCamera();
      vp.resetProperties?.();
      if (slot === 'volume3d') (vp as Types.IVolumeViewport).setProperties({ preset: 'CT-Bones' });
      if (NEEDLE_SLOTS.has(slot)) this.aimNeedleView(slot);
      vp.render();
      this.markDirty(slot);
    }
  }

  /** Moves every 2D view's slice through a world point (keeping each view's pan). */
  jumpTo(world: Vec3): void {
    for (const slot of ['axial', 'sagittal', 'coronal', 'stack', 'probe'] as const) {
      if (!this.enabled.has(slot)) continue;
      this.moveSliceTo(slot, world);
      this.engine.getViewport(slot)?.render();
      this.markDirty(slot);
    }
  }

  /** Moves a 2D view along its normal so its slice passes through a world point. */
  private moveSliceTo(slot: ViewportSlot, world: Vec3): void {
    const vp = this.engine.getViewport(slot);
    if (!vp) return;
    const cam = vp.getCamera();
    const n = cam.viewPlaneNormal as unknown as Vec3;
    const f = cam.focalPoint as unknown as Vec3;
    const p = cam.position as unknown as Vec3;
    const shift = scale(n, dot(sub(world, f), n));
    vp.setCamera({ focalPoint: add(f, shift) as unknown as Types.Point3, position: add(p, shift) as unknown as Types.Point3 });
  }

  /** Page coordinates of a world point in a viewport (for tests and overlays). */
  worldToPage(slot: ViewportSlot, world: Vec3): [number, number] | undefined {
    const vp = this.enabled.has(slot) ? this.engine.getViewport(slot) : undefined;
    const element = this.elements.get(slot);
    if (!vp || !element) return undefined;
    const [x, y] = vp.worldToCanvas(world as unknown as Types.Point3);
    const rect = element.getBoundingClientRect();
    return [rect.left + x, rect.top + y];
  }

  clearMeasurements(): void {
    annotation.state.removeAllAnnotations();
    this.engine.render();
    this.set({ measurements: [] });
    this.enableCrosshairsAgain();
  }

  private enableCrosshairsAgain(): void {
    const g = this.toolGroup2d;
    if (g?.hasTool(CrosshairsTool.toolName)) {
      if (this.snapshot.tool === 'crosshairs') g.setToolActive(CrosshairsTool.toolName, { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] });
      else g.setToolPassive(CrosshairsTool.toolName);
    }
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const c of this.cleanups) c();
    if (this.infoFrame) cancelAnimationFrame(this.infoFrame);
    if (this.overlayFrame) cancelAnimationFrame(this.overlayFrame);
    for (const c of this.overlays.values()) c.remove();
    this.overlays.clear();
    ToolGroupManager.destroyToolGroup(`percuplan-2d-${this.id}`);
    ToolGroupManager.destroyToolGroup(`percuplan-3d-${this.id}`);
    ToolGroupManager.destroyToolGroup(`percuplan-needle-${this.id}`);
    this.engine.destroy();
    if (this.volumeId) cache.removeVolumeLoadObject(this.volumeId);
    this.listeners.clear();
  }
}

const sameAxis = (a: NeedleAxis, b: NeedleAxis): boolean =>
  [0, 1, 2].every((q) => Math.abs(a.entry[q]! - b.entry[q]!) < 1e-6 && Math.abs(a.target[q]! - b.target[q]!) < 1e-6);

/**
 * Unit vectors of a needle's views: along it (entry → tip), `e0` the patient's anterior made
 * perpendicular to it (superior when the needle runs antero-posteriorly), and `e1` = u × e0.
 */
export function needleFrame(axis: NeedleAxis): { u: Vec3; e0: Vec3; e1: Vec3; length: number } | undefined {
  const d = sub(axis.target, axis.entry);
  const length = Math.hypot(d[0], d[1], d[2]);
  if (!(length > 1e-6)) return undefined;
  const u = scale(d, 1 / length);
  const anterior: Vec3 = [0, -1, 0];
  let r = sub(anterior, scale(u, dot(anterior, u)));
  if (Math.hypot(r[0], r[1], r[2]) < 0.2) {
    const superior: Vec3 = [0, 0, 1];
    r = sub(superior, scale(u, dot(superior, u)));
  }
  const e0 = normalize(r);
  return { u, e0, e1: normalize(cross(u, e0)), length };
}

/**
 * Loads a streaming volume from its middle slice outwards instead of from one end, and
 * without Cornerstone's re-render after every 2 % of the frames (the session renders on its
 * own cadence): the views open on the middle slice, which is then the first to arrive.
 */
function streamCentreFirst(volume: unknown): void {
  const v = volume as { autoRenderOnLoad?: boolean; getImageLoadRequests?: (priority: number) => unknown[] };
  v.autoRenderOnLoad = false;
  const original = v.getImageLoadRequests?.bind(volume);
  if (!original) return;
  v.getImageLoadRequests = (priority: number) => {
    const requests = original(priority);
    // Cornerstone queues the list reversed (see BaseStreamingImageVolume.loadImages).
    return centreOutOrder(requests.length)
      .map((i) => requests[i])
      .reverse();
  };
}
