import type { PlanPointerEvent, PlanTool, ViewportSlot } from './types';
import type { CanvasPoint, ViewPlane } from './overlay/viewPlane';
import type { PlanStore } from '../planning/plan/planStore';
import type { PlanDraft } from '../planning/plan/planDraft';
import type { StructureKind } from '../planning/lesions';
import { addStructure } from '../planning/plan/planCommands';
import type { DeviceCatalogue } from '../planning/devices/deviceSchema';
import { lps, type LpsPoint, type Vec3 } from '../shared/vec3';
import { PlanPainter, type ViewDrawReport } from './planPainter';
import type { LabelBox } from './overlay/labelPlacement';
import { PlanActors } from './plan/planActors';
import { computeLiveMetrics } from './plan/liveMetrics';
import type { BridgeSeries, BridgeSnapshot, PlanBridgeSession } from './plan/bridgeTypes';
import { FrameScheduler } from './plan/frameScheduler';
import { focusTarget } from './plan/focusPoint';
import { PlanOpenFocus } from './session/planOpenFocus';
import { newStructure } from './plan/newStructure';
import { newPlanId } from './plan/planIds';
import { snapSelectedEntryToSkin, type SkinSnap } from './plan/snapSelectedEntry';
import { HOVER_TOOLS, TOOL_HINTS, VOLUME_LOADING } from './plan/toolHints';
import { createPlanTool } from './tools/createPlanTool';
import { growAt } from './tools/growTool';
import type { PlanToolContext, PlanToolMachine } from './tools/planToolMachine';
import { DEFAULT_TOOL_OPTIONS, type PlanToolOptions } from './tools/planToolOptions';
import { placeTrajectory } from './tools/trajectoryTool';

export type { PlanToolOptions } from './tools/planToolOptions';
export type { BridgeSeries, BridgeSnapshot, PlanBridgeSession } from './plan/bridgeTypes';

/**
 * The bridge between the viewer and the plan (architecture: imaging/ bridge → planning/): it
 * wires the session's overlays, 3D view and plan pointer events to the painter, the 3D actors
 * and the tool machines (src/imaging/tools/), and keeps the live metrics as the plan changes.
 * The plan store stays the single source of truth; nothing drawn here is kept anywhere else.
 */
export class PlanBridge {
  private snapshot: BridgeSnapshot = { tool: null, options: DEFAULT_TOOL_OPTIONS, status: null, busy: false, metrics: null, pending: null };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  /** Brings the views to a plan when one opens. */
  private readonly openFocus: PlanOpenFocus;
  private readonly ctx: PlanToolContext;
  private readonly painter: PlanPainter;
  private readonly actors: PlanActors;
  private readonly metricsFrame = new FrameScheduler(() => this.computeMetrics());
  private machine: PlanToolMachine | null = null;
  private hover: { slot: ViewportSlot; world: LpsPoint; canvas: CanvasPoint } | null = null;
  private lastDraft: PlanDraft | null = null;
  private lastHidden: ReadonlySet<string> | null = null;

  constructor(
    private readonly session: PlanBridgeSession,
    private readonly store: PlanStore,
    private readonly catalogue: DeviceCatalogue,
    private readonly series: BridgeSeries,
  ) {
    this.ctx = {
      store,
      catalogue,
      frameOfReferenceUID: series.frameOfReferenceUID,
      volume: () => {
        const v = session.planningVolume();
        if (!v) this.set({ status: { kind: 'error', text: VOLUME_LOADING } });
        return v;
      },
      geometry: () => session.volumeGeometry(),
      options: () => this.snapshot.options,
      report: (status) => this.set({ status }),
      setBusy: (busy) => this.set({ busy }),
      repaint: () => session.repaintOverlays(),
      newId: newPlanId,
    };
    this.painter = new PlanPainter(catalogue);
    this.actors = new PlanActors(catalogue);
    session.setOverlayPainter(this.paint);
    session.setPlanActorsProvider(() => this.actors.build(store.getSnapshot(), session.volumeGeometry()));
    session.setPointerHandler(this.onPointer);
    this.unsubscribe = store.subscribe(this.onPlanChange);
    this.openFocus = new PlanOpenFocus(session, store);
    this.metricsFrame.schedule();
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
    this.machine?.cancel();
    this.machine = null;
    this.unsubscribe();
    this.openFocus.dispose();
    this.metricsFrame.cancel();
    this.session.setOverlayPainter(undefined);
    this.session.setPlanActorsProvider(undefined);
    this.session.setPointerHandler(undefined);
    this.session.setPlanTool(null);
    this.listeners.clear();
  }

  /** Picks a plan tool (null for none); a gesture under way with the last one is abandoned. */
  setTool(tool: PlanTool | null): void {
    this.machine?.cancel();
    this.machine = tool ? createPlanTool(tool, this.ctx) : null;
    this.session.setPlanTool(tool);
    this.set({ tool, pending: null, status: tool ? { kind: 'info', text: TOOL_HINTS[tool] } : null });
    this.session.repaintOverlays();
  }

  setOptions(patch: Partial<PlanToolOptions>): void {
    this.set({ options: { ...this.snapshot.options, ...patch } });
    this.session.repaintOverlays();
  }

  /** Grows a lesion from a seed (see the grow tool). */
  grow(seed: Vec3, replaceSelected = false): void {
    growAt(this.ctx, lps(seed[0], seed[1], seed[2]), replaceSelected);
  }

  /** Adds a trajectory of the current device from entry to target, selected. */
  createTrajectory(entry: Vec3, target: Vec3): string | undefined {
    return placeTrajectory(this.ctx, entry, target);
  }

  /** Adds a structure at risk of a kind with its default name, colour and safety distance, selected. */
  addStructure(kind: StructureKind): string {
    const s = newStructure(kind, newPlanId('structure'), this.store.draft.structures.map((x) => x.record.name));
    this.store.apply('add structure', addStructure(s));
    this.store.select({ kind: 'structure', id: s.record.id });
    return s.record.id;
  }

  /** Moves the selected trajectory's entry to the skin along its own line. */
  snapSelectedEntryToSkin(snap: SkinSnap): void {
    snapSelectedEntryToSkin(this.ctx, snap);
  }

  /**
   * Selects a lesion, structure or trajectory and brings every 2D view to it: a trajectory's
   * tip, a mask's centre. The needle views follow a selected trajectory.
   */
  focus(kind: 'lesion' | 'structure' | 'trajectory', id: string): void {
    this.store.select({ kind, id });
    const target = focusTarget(this.store.draft, kind, id, this.session.volumeGeometry());
    if (target) this.session.jumpTo(target.point, target.keepVisible);
    // The probe's eye starts at the skin, where the needle goes in (the jump took it to the tip).
    if (kind === 'trajectory') this.session.probe.setDepth(0);
  }

  /** What the last paint of a 2D view drew: needles (stroke widths, fading), labels, isotherm legend. */
  drawReport(slot: ViewportSlot): ViewDrawReport | undefined {
    return this.painter.report(slot);
  }

  /** The needle label boxes placed in a 2D view at its last paint, CSS px from the view's top-left corner. */
  labelBoxes(slot: ViewportSlot): LabelBox[] {
    return (this.painter.report(slot)?.labels ?? []).map((l) => l.box);
  }

  /** Recomputes every trajectory metric and the zone metrics with the server's own code. */
  computeMetrics(): void {
    const draft = this.store.draft;
    this.lastDraft = draft;
    const geometry = this.session.volumeGeometry();
    const metrics = computeLiveMetrics(draft, {
      frameOfReferenceUID: this.series.frameOfReferenceUID,
      catalogue: this.catalogue,
      patientPosition: this.series.patientPosition,
      geometry,
      // Only asked for when there is something to measure: the CT copy is not free.
      ct: geometry && draft.trajectories.length ? this.session.planningVolume() : undefined,
    });
    this.set({ metrics });
  }

  private onPlanChange = (): void => {
    this.session.repaintOverlays();
    this.followSelectedNeedle();
    const snap = this.store.getSnapshot();
    if (snap.draft !== this.lastDraft) {
      // A brush stroke changes the mask at every dab; its metrics (which prepare the new
      // mask) follow when the stroke ends, not at every dab.
      if (!(snap.inGesture && this.machine?.defersMetrics)) this.metricsFrame.schedule();
      // The 3D view renders slowly without a GPU: rebuild it when a gesture is over.
      if (!snap.inGesture) this.session.refreshPlanActors();
    } else if (snap.hidden !== this.lastHidden && !snap.inGesture) {
      this.session.refreshPlanActors();
    }
    this.lastHidden = snap.hidden;
  };

  private onPointer = (e: PlanPointerEvent): void => {
    this.hover = { slot: e.slot, world: e.world, canvas: e.canvas };
    const machine = this.machine;
    if (!machine) return;
    machine.onPointer(e);
    // The brush's circle and a pending needle's rubber band follow the pointer.
    if (e.type === 'move' && HOVER_TOOLS.includes(machine.tool)) this.session.repaintOverlays();
    const preview = machine.preview;
    const pending = preview?.kind === 'pending' ? { first: preview.first, firstIs: preview.firstIs } : null;
    if (pending?.first !== this.snapshot.pending?.first) this.set({ pending });
  };

  private followSelectedNeedle(): void {
    const snap = this.store.getSnapshot();
    const t = snap.selection?.kind === 'trajectory' ? snap.draft.trajectories.find((x) => x.id === snap.selection?.id) : undefined;
    if (t) this.session.setNeedle({ entry: t.entry, target: t.target }, !snap.inGesture);
  }

  private paint = (slot: ViewportSlot, ctx: CanvasRenderingContext2D, plane: ViewPlane): void => {
    const preview = this.machine?.preview ?? null;
    this.painter.paint(slot, ctx, plane, {
      plan: this.store.getSnapshot(),
      geometry: this.session.volumeGeometry(),
      options: this.snapshot.options,
      tool: this.snapshot.tool,
      pending: this.snapshot.pending,
      hover: this.hover,
      box: preview?.kind === 'box' ? { slot: preview.slot, startCanvas: preview.startCanvas } : null,
    });
  };
}
