import type { ViewerSession } from './viewerSession';
import type { PlanPointerEvent, PlanTool, ViewPlaneInfo, ViewportSlot } from './types';
import { trajectoryOnPlane } from './overlay/trajectoryOnPlane';
import {
  applyBrush,
  createMask,
  cropMask,
  growLesion,
  lesionMeasurementsOf,
  measureMask,
  planLesionSchema,
  rasterizeTube,
  STRUCTURE_DEFAULTS,
  thresholdInBox,
  type GrowOptions,
  type PlanningVolume,
  type StructureKind,
  type VoxelMask,
} from '../planning/lesions';
import type { PlanStore } from '../planning/plan/planStore';
import type { PlanDraft, StructureDraft } from '../planning/plan/planDraft';
import { addLesion, addStructure, addTrajectory, moveTrajectory, nextLabel, setLesionMask, setStructureMask, setStructureTube } from '../planning/plan/planCommands';
import { growRegion } from '../planning/structures/growRegion';
import { maskCentroid } from '../planning/plan/metricsInputs';
import { planMetrics } from '../planning/plan/planMetrics';
import type { TrajectoryContent } from '../planning/trajectory/trajectoryContent';
import type { StoredTrajectoryMetrics, Trajectory } from '../planning/trajectory/trajectorySchema';
import { deviceById, zoneSetOf } from '../planning/devices/deviceById';
import type { DeviceCatalogue } from '../planning/devices/deviceSchema';
import { placeZones } from '../planning/zones/placeZones';
import { nextTrajectoryLabel } from '../planning/plan/trajectoryTags';
import { lps, sub, add, dot, scale, type Vec3 } from '../shared/vec3';
import { maskSurfaceActor, needleActor, zoneActor, type PlanActor } from './plan3d';
import { PlanPainter } from './planPainter';

/** Options of the plan tools, set from the plan panel. */
export interface PlanToolOptions {
  readonly grow: Partial<GrowOptions>;
  readonly brushRadiusMm: number;
  /** Spherical (3D) brush instead of a disc in the view's plane. */
  readonly brushSphere: boolean;
  readonly deviceId: string;
  /** HU range the box tool keeps, inclusive. */
  readonly boxHu: readonly [number, number];
  /** Fill opacity of masks, 0–1; outlines are always drawn. */
  readonly opacity: number;
  readonly fill: boolean;
  /** Radius of a tube structure drawn along points (mm). */
  readonly tubeRadiusMm: number;
}

/** What the plan panel shows besides the plan itself. */
export interface BridgeSnapshot {
  readonly tool: PlanTool | null;
  readonly options: PlanToolOptions;
  /** A line for the status bar: what the last action did, or why it could not. */
  readonly status: { readonly text: string; readonly kind: 'info' | 'error' } | null;
  readonly busy: boolean;
  /** Live metrics of every trajectory, by id, and the plan's zone metrics (null before the first computation). */
  readonly metrics: { readonly trajectories: ReadonlyMap<string, StoredTrajectoryMetrics>; readonly zones: TrajectoryContent['zoneMetrics']; readonly ms: number; readonly problems: readonly string[] } | null;
  /** The entry (or target) placed by a first click, waiting for the second. */
  readonly pending: { readonly first: Vec3; readonly firstIs: 'entry' | 'target' } | null;
}

/** The series the plan is drawn on. */
export interface BridgeSeries {
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
  readonly patientPosition: string | null;
}

const DEFAULT_OPTIONS: PlanToolOptions = {
  grow: {},
  brushRadiusMm: 4,
  brushSphere: false,
  deviceId: 'generic-cryoprobe-13g',
  boxHu: [-1024, -400],
  opacity: 0.35,
  fill: true,
  tubeRadiusMm: 4,
};

const HANDLE_PX = 9;

let idCounter = 0;
const newId = (prefix: string): string => `${prefix}-${Date.now().toString(36)}-${(++idCounter).toString(36)}`;

/**
 * The bridge between the viewer and the plan (architecture: imaging/ bridge → planning/):
 * paints the plan over every 2D view, turns left-button gestures of the plan tools into plan
 * commands, and keeps the live metrics of the plan as it changes. The plan store stays the
 * single source of truth; nothing drawn here is kept anywhere else.
 */
export class PlanBridge {
  private snapshot: BridgeSnapshot = { tool: null, options: DEFAULT_OPTIONS, status: null, busy: false, metrics: null, pending: null };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private hover: { slot: ViewportSlot; world: Vec3; canvas: readonly [number, number] } | null = null;
  private drag:
    | { kind: 'end'; id: string; which: 'entry' | 'target'; startWorld: Vec3; startEntry: Vec3; startTarget: Vec3 }
    | { kind: 'line'; id: string; startWorld: Vec3; startEntry: Vec3; startTarget: Vec3 }
    | { kind: 'brush'; targetKind: 'lesion' | 'structure'; id: string }
    | { kind: 'box'; slot: ViewportSlot; startWorld: Vec3; startCanvas: readonly [number, number]; plane: ViewPlaneInfo }
    | null = null;
  private metricsFrame = 0;
  private lastDraft: PlanDraft | null = null;
  private lastHidden: ReadonlySet<string> | null = null;
  private readonly surfaces = new WeakMap<VoxelMask, { colour: string; actor: PlanActor | undefined }>();

  constructor(
    private readonly session: ViewerSession,
    private readonly store: PlanStore,
    private readonly catalogue: DeviceCatalogue,
    private readonly series: BridgeSeries,
  ) {
    this.painter = new PlanPainter(catalogue);
    session.setOverlayPainter(this.paint);
    session.setPlanActorsProvider(this.actors3d);
    session.setPointerHandler(this.onPointer);
    this.unsubscribe = store.subscribe(() => {
      session.repaintOverlays();
      this.followSelectedNeedle();
      const snap = store.getSnapshot();
      if (snap.draft !== this.lastDraft) {
        // A brush stroke changes the mask at every dab; its metrics (which prepare the new
        // mask) follow when the stroke ends, not at every dab.
        if (!(snap.inGesture && this.drag?.kind === 'brush')) this.scheduleMetrics();
        // The 3D view renders slowly without a GPU: rebuild it when a gesture is over.
        if (!snap.inGesture) session.refreshPlanActors();
      } else if (snap.hidden !== this.lastHidden && !snap.inGesture) {
        session.refreshPlanActors();
      }
      this.lastHidden = snap.hidden;
    });
    this.scheduleMetrics();
    this.followSelectedNeedle();
  }

  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  getSnapshot = (): BridgeSnapshot => this.snapshot;

  private set(patch: Partial<BridgeSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const l of this.listeners) l();
  }

  destroy(): void {
    this.unsubscribe();
    if (this.metricsFrame) cancelAnimationFrame(this.metricsFrame);
    this.session.setOverlayPainter(undefined);
    this.session.setPlanActorsProvider(undefined);
    this.session.setPointerHandler(undefined);
    this.session.setPlanTool(null);
    this.listeners.clear();
  }

  // ---- tools -------------------------------------------------------------------------

  setTool(tool: PlanTool | null): void {
    this.store.endGesture();
    this.drag = null;
    this.session.setPlanTool(tool);
    this.set({ tool, pending: null, status: tool ? { kind: 'info', text: TOOL_HINTS[tool] } : null });
    this.session.repaintOverlays();
  }

  setOptions(patch: Partial<PlanToolOptions>): void {
    this.set({ options: { ...this.snapshot.options, ...patch } });
    this.session.repaintOverlays();
  }

  private volume(): PlanningVolume | undefined {
    const v = this.session.planningVolume();
    if (!v) this.set({ status: { kind: 'error', text: 'The volume is still loading: planning starts when it is complete.' } });
    return v;
  }

  private onPointer = (e: PlanPointerEvent): void => {
    this.hover = { slot: e.slot, world: e.world, canvas: e.canvas };
    const tool = this.snapshot.tool;
    if (!tool) return;
    if (e.type === 'move' && !this.drag) {
      if (tool === 'trajectory' || tool === 'brush' || tool === 'erase') this.session.repaintOverlays();
      return;
    }
    switch (tool) {
      case 'grow':
        if (e.type === 'down') this.grow(e.world, e.shiftKey);
        return;
      case 'brush':
      case 'erase':
        this.brush(e, tool === 'brush' ? 'paint' : 'erase');
        return;
      case 'trajectory':
        this.trajectoryGesture(e);
        return;
      case 'box':
        this.boxGesture(e);
        return;
      case 'tube':
        if (e.type === 'down') this.addTubePoint(e.world);
        return;
    }
  };

  /** Grows a lesion from a seed: a new lesion, or with Shift the selected one regrown; with a structure selected, grows that structure. */
  grow(seed: Vec3, replaceSelected = false): void {
    const volume = this.volume();
    if (!volume) return;
    const selected = this.store.getSnapshot().selection;
    if (selected?.kind === 'structure') {
      this.growStructure(volume, selected.id, seed);
      return;
    }
    this.set({ busy: true });
    const started = performance.now();
    const r = growLesion(volume, lps(seed[0], seed[1], seed[2]), this.snapshot.options.grow);
    const ms = performance.now() - started;
    this.set({ busy: false });
    if (!r.ok) {
      this.set({ status: { kind: 'error', text: `No lesion grown: ${r.error}` } });
      return;
    }
    const { mask, stats } = r.value;
    const measurements = lesionMeasurementsOf(measureMask(volume, mask));
    const grow = {
      seedLps: [seed[0], seed[1], seed[2]] as [number, number, number],
      huRange: [stats.huRange[0], stats.huRange[1]] as [number, number],
      maxVolumeMl: this.snapshot.options.grow.maxVolumeMl ?? 300,
      maxDistanceMm: this.snapshot.options.grow.maxDistanceMm ?? 60,
      leaked: stats.leaked,
      editedAfterGrow: false,
    };
    const sel = this.store.getSnapshot().selection;
    const draft = this.store.draft;
    if (replaceSelected && sel?.kind === 'lesion' && draft.lesions.some((l) => l.record.id === sel.id)) {
      this.store.apply('regrow lesion', setLesionMask(sel.id, mask, { measurements, grow }));
    } else {
      const id = newId('lesion');
      const label = nextLabel('L', draft.lesions.map((l) => l.record.label));
      const record = planLesionSchema.parse({ id, label, type: 'lytic', measurements, grow });
      this.store.apply('grow lesion', addLesion({ record, mask, stored: null }));
      this.store.select({ kind: 'lesion', id });
    }
    const leak = stats.leaked ? ` — stopped by the leak limit (${stats.leakReason}); check the outline and correct it` : '';
    this.set({
      status: { kind: stats.leaked ? 'error' : 'info', text: `Grown ${stats.volumeMl.toFixed(1)} mL in ${Math.round(ms)} ms, HU ${stats.huRange[0]}…${stats.huRange[1]}${leak}` },
    });
  }

  private growStructure(volume: PlanningVolume, id: string, seed: Vec3): void {
    const s = this.store.draft.structures.find((x) => x.record.id === id);
    if (!s) return;
    const r = growRegion(volume, lps(seed[0], seed[1], seed[2]), { maxDistanceMm: this.snapshot.options.grow.maxDistanceMm ?? 60, maxVolumeMl: this.snapshot.options.grow.maxVolumeMl ?? 500 });
    if (!r.ok) {
      this.set({ status: { kind: 'error', text: `${s.record.name} not grown: ${r.error}` } });
      return;
    }
    this.store.apply('grow structure', setStructureMask(id, r.value.mask));
    const leak = r.value.leaked ? ' — stopped by the volume limit; check it' : '';
    this.set({ status: { kind: r.value.leaked ? 'error' : 'info', text: `${s.record.name}: ${r.value.volumeMl.toFixed(1)} mL grown, HU ${r.value.huRange[0]}…${r.value.huRange[1]}${leak}` } });
  }

  /** Adds a point to the selected structure's tube (a structure with no voxels yet becomes a tube). */
  private addTubePoint(p: Vec3): void {
    const sel = this.store.getSnapshot().selection;
    const s = sel?.kind === 'structure' ? this.store.draft.structures.find((x) => x.record.id === sel.id) : undefined;
    const geometry = this.session.volumeGeometry();
    if (!s || !geometry) {
      this.set({ status: { kind: 'error', text: 'Add or select a structure at risk first; clicks then lay its tube point by point' } });
      return;
    }
    if (s.shape.kind === 'mask' && s.mask) {
      this.set({ status: { kind: 'error', text: `${s.record.name} already has painted voxels: add a new structure for a tube` } });
      return;
    }
    const points = [...(s.shape.kind === 'tube' ? s.shape.pointsLps : []), [p[0], p[1], p[2]] as [number, number, number]];
    const radius = s.shape.kind === 'tube' ? s.shape.radiusMm : this.snapshot.options.tubeRadiusMm;
    const mask = rasterizeTube(geometry, points.map((q) => lps(q[0], q[1], q[2])), radius);
    this.store.apply('tube point', setStructureTube(s.record.id, points, radius, this.series.frameOfReferenceUID, mask));
    this.set({ status: { kind: 'info', text: `${s.record.name}: ${points.length} point${points.length > 1 ? 's' : ''}, radius ${radius} mm — keep clicking along it; Esc ends` } });
  }

  private brush(e: PlanPointerEvent, mode: 'paint' | 'erase'): void {
    const volume = this.volume();
    if (!volume) return;
    if (e.type === 'down') {
      const target = this.brushTarget(mode);
      if (!target) return;
      this.store.beginGesture(mode === 'paint' ? 'brush' : 'eraser');
      this.drag = { kind: 'brush', targetKind: target.kind, id: target.id };
    }
    const d = this.drag;
    if (!d || d.kind !== 'brush') return;
    if (e.type === 'down' || e.type === 'move') {
      const { brushRadiusMm, brushSphere } = this.snapshot.options;
      const centre = lps(e.world[0], e.world[1], e.world[2]);
      const shape = brushSphere ? { kind: 'sphere' as const, centre, radiusMm: brushRadiusMm } : { kind: 'disc' as const, centre, radiusMm: brushRadiusMm, normal: e.plane.normal };
      const current = this.maskOf(d.targetKind, d.id) ?? createMask(volume.dimensions);
      const { mask } = applyBrush(current, volume, shape, mode);
      if (mask === current) return;
      this.store.apply('brush', d.targetKind === 'lesion' ? setLesionMask(d.id, mask) : setStructureMask(d.id, mask));
    } else {
      // Stroke over: crop, measure, and record it all as one step.
      const m = this.maskOf(d.targetKind, d.id);
      if (m && d.targetKind === 'lesion') {
        const cropped = cropMask(m);
        const lesion = this.store.draft.lesions.find((l) => l.record.id === d.id);
        const started = performance.now();
        const measurements = lesionMeasurementsOf(measureMask(volume, cropped));
        performance.mark('percuplan:measure', { detail: { ms: performance.now() - started } });
        this.store.apply('measure', setLesionMask(d.id, cropped, { measurements, grow: lesion?.record.grow ? { ...lesion.record.grow, editedAfterGrow: true } : null }));
      } else if (m) {
        this.store.apply('crop', setStructureMask(d.id, cropMask(m)));
      }
      this.store.endGesture();
      this.drag = null;
    }
  }

  /** What a brush stroke edits: the selected lesion or mask structure, or a new lesion. */
  private brushTarget(mode: 'paint' | 'erase'): { kind: 'lesion' | 'structure'; id: string } | undefined {
    const sel = this.store.getSnapshot().selection;
    const draft = this.store.draft;
    if (sel?.kind === 'lesion') return { kind: 'lesion', id: sel.id };
    if (sel?.kind === 'structure') {
      const s = draft.structures.find((x) => x.record.id === sel.id);
      if (s?.shape.kind === 'tube') {
        this.set({ status: { kind: 'error', text: `${s.record.name} is a tube along points: move its points, or make a mask structure to paint` } });
        return undefined;
      }
      return { kind: 'structure', id: sel.id };
    }
    if (mode === 'erase') {
      this.set({ status: { kind: 'error', text: 'Select the lesion or structure to erase from' } });
      return undefined;
    }
    const id = newId('lesion');
    const record = planLesionSchema.parse({ id, label: nextLabel('L', draft.lesions.map((l) => l.record.label)), type: 'lytic' });
    this.store.apply('new lesion', addLesion({ record, mask: null, stored: null }));
    this.store.select({ kind: 'lesion', id });
    return { kind: 'lesion', id };
  }

  private maskOf(kind: 'lesion' | 'structure', id: string): VoxelMask | null {
    const d = this.store.draft;
    return kind === 'lesion' ? (d.lesions.find((l) => l.record.id === id)?.mask ?? null) : (d.structures.find((s) => s.record.id === id)?.mask ?? null);
  }

  /** Adds a structure at risk of a kind with its default name, colour and safety distance, selected. */
  addStructure(kind: StructureKind): string {
    const def = STRUCTURE_DEFAULTS[kind];
    const id = newId('structure');
    const used = this.store.draft.structures.map((s) => s.record.name);
    const name = used.includes(def.name) ? nextLabel(`${def.name} `, used) : def.name;
    const s: StructureDraft = { record: { id, kind, name, colour: def.colour, safetyDistanceMm: def.safetyDistanceMm }, shape: { kind: 'mask', stored: null }, mask: null };
    this.store.apply('add structure', addStructure(s));
    this.store.select({ kind: 'structure', id });
    return id;
  }

  private boxGesture(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      this.drag = { kind: 'box', slot: e.slot, startWorld: e.world, startCanvas: e.canvas, plane: e.plane };
      return;
    }
    const d = this.drag;
    if (!d || d.kind !== 'box') return;
    if (e.type === 'move') {
      this.session.repaintOverlays();
      return;
    }
    this.drag = null;
    const volume = this.volume();
    if (!volume) return;
    const sel = this.store.getSnapshot().selection;
    const structure = sel?.kind === 'structure' ? this.store.draft.structures.find((s) => s.record.id === sel.id) : undefined;
    if (!structure) {
      this.set({ status: { kind: 'error', text: 'Add or select a structure at risk first; the box fills it' } });
      return;
    }
    // The box is drawn on one plane; it reaches as deep as it is wide on each side of it.
    const a = d.startWorld, b = e.world;
    const diag = sub(b, a);
    const inPlane = sub(diag, scale(d.plane.normal, dot(diag, d.plane.normal)));
    const depth = Math.max(Math.hypot(inPlane[0], inPlane[1], inPlane[2]) / 2, 2);
    const c1 = add(a, scale(d.plane.normal, -depth)), c2 = add(b, scale(d.plane.normal, depth));
    const [lo, hi] = this.snapshot.options.boxHu;
    const mask = cropMask(thresholdInBox(volume, lps(c1[0], c1[1], c1[2]), lps(c2[0], c2[1], c2[2]), lo, hi));
    let n = 0;
    for (const v of mask.data) n += v;
    this.store.apply('threshold in box', setStructureMask(structure.record.id, mask));
    this.set({ status: { kind: 'info', text: `${structure.record.name}: ${n} voxels between ${lo} and ${hi} HU in the box` } });
  }

  // ---- trajectories ------------------------------------------------------------------

  private trajectoryGesture(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      const hit = this.hitTrajectory(e);
      if (hit) {
        const t = this.store.draft.trajectories.find((x) => x.id === hit.id)!;
        this.store.select({ kind: 'trajectory', id: t.id });
        this.store.beginGesture(hit.which === 'line' ? 'move trajectory' : `move ${hit.which}`);
        const base = { id: t.id, startWorld: e.world, startEntry: t.entry as unknown as Vec3, startTarget: t.target as unknown as Vec3 };
        this.drag = hit.which === 'line' ? { kind: 'line', ...base } : { kind: 'end', which: hit.which, ...base };
        return;
      }
      const pending = this.snapshot.pending;
      if (!pending) {
        this.set({ pending: { first: e.world, firstIs: e.shiftKey ? 'target' : 'entry' }, status: { kind: 'info', text: e.shiftKey ? 'Target placed: click the entry' : 'Entry placed: click the target' } });
        return;
      }
      const entry = pending.firstIs === 'entry' ? pending.first : e.world;
      const target = pending.firstIs === 'entry' ? e.world : pending.first;
      this.set({ pending: null });
      this.createTrajectory(entry, target);
      return;
    }
    const d = this.drag;
    if (!d || (d.kind !== 'end' && d.kind !== 'line')) return;
    if (e.type === 'move') {
      const delta = sub(e.world, d.startWorld);
      const entry = d.kind === 'line' || d.which === 'entry' ? add(d.startEntry, delta) : d.startEntry;
      const target = d.kind === 'line' || d.which === 'target' ? add(d.startTarget, delta) : d.startTarget;
      this.store.apply('move trajectory', moveTrajectory(d.id, entry, target));
      return;
    }
    this.store.endGesture();
    this.drag = null;
  }

  /** Adds a trajectory of the current device from entry to target, selected. */
  createTrajectory(entry: Vec3, target: Vec3): string | undefined {
    const device = deviceById(this.catalogue, this.snapshot.options.deviceId);
    if (!device) {
      this.set({ status: { kind: 'error', text: `No device "${this.snapshot.options.deviceId}" in the catalogue` } });
      return undefined;
    }
    const id = newId('trajectory');
    const sel = this.store.getSnapshot().selection;
    const t: Trajectory = {
      id,
      label: nextTrajectoryLabel(this.store.draft.trajectories, this.catalogue, device.kind),
      deviceId: device.id,
      zoneSetId: null,
      entry: [entry[0], entry[1], entry[2]],
      target: [target[0], target[1], target[2]],
      frameOfReferenceUID: this.series.frameOfReferenceUID,
      accessRoute: null,
      lesionId: sel?.kind === 'lesion' ? sel.id : (this.store.draft.lesions[0]?.record.id ?? null),
      metrics: null,
    };
    this.store.apply('add trajectory', addTrajectory(t));
    this.store.select({ kind: 'trajectory', id });
    this.set({ status: { kind: 'info', text: `${t.label} placed: drag its ends or its shaft to adjust` } });
    return id;
  }

  private hitTrajectory(e: PlanPointerEvent): { id: string; which: 'entry' | 'target' | 'line' } | undefined {
    const snap = this.store.getSnapshot();
    const order = [...snap.draft.trajectories].sort((a, b) => (a.id === snap.selection?.id ? -1 : b.id === snap.selection?.id ? 1 : 0));
    let best: { id: string; which: 'entry' | 'target' | 'line'; d: number } | undefined;
    for (const t of order) {
      if (snap.hidden.has(t.id)) continue;
      const p = trajectoryOnPlane(t.entry as unknown as Vec3, t.target as unknown as Vec3, e.plane, 1);
      const [x, y] = e.canvas;
      const de = Math.hypot(p.entry.x - x, p.entry.y - y), dt = Math.hypot(p.target.x - x, p.target.y - y);
      if (dt <= HANDLE_PX && (!best || dt < best.d)) best = { id: t.id, which: 'target', d: dt };
      if (de <= HANDLE_PX && (!best || de < best.d)) best = { id: t.id, which: 'entry', d: de };
      const dl = distanceToSegment(x, y, p.entry.x, p.entry.y, p.target.x, p.target.y);
      if (dl <= HANDLE_PX / 2 && (!best || dl + HANDLE_PX < best.d)) best = { id: t.id, which: 'line', d: dl + HANDLE_PX };
    }
    return best && { id: best.id, which: best.which };
  }

  /** Moves the selected trajectory's entry to the skin along its own line. */
  snapSelectedEntryToSkin(snap: (ct: PlanningVolume, entry: Vec3, target: Vec3) => Vec3 | null): void {
    const sel = this.store.getSnapshot().selection;
    const t = sel?.kind === 'trajectory' ? this.store.draft.trajectories.find((x) => x.id === sel.id) : undefined;
    const volume = this.volume();
    if (!t || !volume) return;
    const skin = snap(volume, t.entry as unknown as Vec3, t.target as unknown as Vec3);
    if (!skin) {
      this.set({ status: { kind: 'error', text: `${t.label}: no skin surface found on its line` } });
      return;
    }
    this.store.apply('snap entry to skin', moveTrajectory(t.id, skin, t.target));
    this.set({ status: { kind: 'info', text: `${t.label}: entry moved to the skin` } });
  }

  private followSelectedNeedle(): void {
    const snap = this.store.getSnapshot();
    const t = snap.selection?.kind === 'trajectory' ? snap.draft.trajectories.find((x) => x.id === snap.selection?.id) : undefined;
    if (t) this.session.setNeedle({ entry: t.entry as unknown as Vec3, target: t.target as unknown as Vec3 }, !snap.inGesture);
  }

  // ---- metrics -----------------------------------------------------------------------

  private scheduleMetrics(): void {
    if (this.metricsFrame) return;
    this.metricsFrame = requestAnimationFrame(() => {
      this.metricsFrame = 0;
      this.computeMetrics();
    });
  }

  /** Recomputes every trajectory metric and the zone metrics with the server's own code. */
  computeMetrics(): void {
    const draft = this.store.draft;
    this.lastDraft = draft;
    if (draft.trajectories.length === 0) {
      // Nothing to measure: no CT copy, no mask preparation.
      this.set({ metrics: { trajectories: new Map(), zones: null, ms: 0, problems: [] } });
      return;
    }
    const geometry = this.session.volumeGeometry();
    const started = performance.now();
    const ct = geometry ? this.session.planningVolume() : undefined;
    // The server's own builder on the typed draft: same rules, same numbers, no schema parse per frame.
    const r = planMetrics(draft, {
      frameOfReferenceUID: this.series.frameOfReferenceUID,
      catalogue: this.catalogue,
      patientPosition: this.series.patientPosition,
      ct: ct ?? null,
      geometry: geometry ?? null,
    });
    const ms = performance.now() - started;
    performance.mark('percuplan:plan-metrics', { detail: { ms, trajectories: draft.trajectories.length } });
    if (!r.ok) {
      this.set({ metrics: { trajectories: new Map(), zones: null, ms, problems: r.error } });
      return;
    }
    this.set({
      metrics: {
        trajectories: new Map(r.value.trajectories.flatMap((t) => (t.metrics ? [[t.id, t.metrics] as const] : []))),
        zones: r.value.zoneMetrics,
        ms,
        problems: r.value.notes,
      },
    });
  }

  // ---- 3D ----------------------------------------------------------------------------

  private actors3d = (): PlanActor[] => {
    const snap = this.store.getSnapshot();
    const geometry = this.session.volumeGeometry();
    const out: PlanActor[] = [];
    const surface = (mask: VoxelMask, colour: string, opacity: number, uid: string): void => {
      if (!geometry) return;
      let cached = this.surfaces.get(mask);
      if (!cached || cached.colour !== colour) {
        cached = { colour, actor: maskSurfaceActor(uid, mask, geometry, colour, opacity) };
        this.surfaces.set(mask, cached);
      }
      if (cached.actor) out.push(cached.actor);
    };
    snap.draft.lesions.forEach((l, i) => l.mask && !snap.hidden.has(l.record.id) && surface(l.mask, l.record.colour, 0.85, `plan-lesion-${i}-${l.record.id}`));
    snap.draft.structures.forEach((s, i) => s.mask && !snap.hidden.has(s.record.id) && surface(s.mask, s.record.colour, 0.45, `plan-structure-${i}-${s.record.id}`));
    for (const t of snap.draft.trajectories) {
      if (snap.hidden.has(t.id)) continue;
      const device = deviceById(this.catalogue, t.deviceId);
      const needle = needleActor(`plan-needle-${t.id}`, t.entry as unknown as Vec3, t.target as unknown as Vec3, (device?.outerDiameterMm ?? 2) / 2, snap.selection?.id === t.id ? '#ffe066' : '#63e6be');
      if (needle) out.push(needle);
      const set = device ? zoneSetOf(device, t.zoneSetId) : undefined;
      if (!set) continue;
      for (const z of placeZones(lps(...t.entry), lps(...t.target), set)) {
        if (!z.zone.lethal && z.zone.isothermC !== 0) continue;
        out.push(zoneActor(`plan-zone-${t.id}-${z.zone.id}`, z, z.zone.lethal ? '#ff6b6b' : '#e6f7ff', z.zone.lethal ? 0.3 : 0.15));
      }
    }
    return out;
  };

  // ---- painting ----------------------------------------------------------------------

  private readonly painter: PlanPainter;

  private paint = (slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlaneInfo): void => {
    const d = this.drag;
    this.painter.paint(slot, ctx, plane, {
      plan: this.store.getSnapshot(),
      geometry: this.session.volumeGeometry(),
      options: this.snapshot.options,
      tool: this.snapshot.tool,
      pending: this.snapshot.pending,
      hover: this.hover,
      box: d?.kind === 'box' ? { slot: d.slot, startCanvas: d.startCanvas } : null,
    });
  };

  /**
   * Selects a lesion, structure or trajectory and brings every 2D view to it: a trajectory's
   * tip, a mask's centre. The needle views follow a selected trajectory.
   */
  focus(kind: 'lesion' | 'structure' | 'trajectory', id: string): void {
    this.store.select({ kind, id });
    const d = this.store.draft;
    const geometry = this.session.volumeGeometry();
    let point: Vec3 | null = null;
    if (kind === 'trajectory') {
      const t = d.trajectories.find((x) => x.id === id);
      if (t) point = [t.target[0], t.target[1], t.target[2]];
    } else {
      const mask = kind === 'lesion' ? d.lesions.find((l) => l.record.id === id)?.mask : d.structures.find((s) => s.record.id === id)?.mask;
      const c = mask && geometry ? maskCentroid(mask, geometry) : null;
      if (c) point = [c[0], c[1], c[2]];
    }
    if (point) this.session.jumpTo(point);
  }

}

const TOOL_HINTS: Record<PlanTool, string> = {
  grow: 'Click inside a lytic lesion to grow it (Shift-click regrows the selected lesion); with a structure selected, click inside it to grow the structure',
  tube: 'Click along the selected structure (a nerve root, a vessel) to lay a tube through the points',
  brush: 'Drag to paint into the selected lesion or structure ([ and ] change the size)',
  erase: 'Drag to erase from the selected lesion or structure',
  trajectory: 'Click the entry, then the target (Shift-click the target first); drag an end or the shaft to move it',
  box: 'Drag a box over the structure: the voxels in the HU range inside it become the selected structure',
};

function distanceToSegment(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
}
