import { deviceById } from '../../planning/devices/deviceById';
import { addTrajectory, moveTrajectory } from '../../planning/plan/planCommands';
import type { PlanDraft } from '../../planning/plan/planDraft';
import { nextTrajectoryLabel } from '../../planning/plan/trajectoryTags';
import { defaultAccessRoute } from '../../planning/plan/defaults/defaultAccessRoute';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { add, sub, type LpsPoint, type Vec3 } from '../../shared/vec3';
import { hitTestNeedles, type NeedleHit } from '../plan/hitTest';
import type { PlanPointerEvent } from '../types';
import { abandonGesture, type PlanToolContext, type PlanToolMachine, type ToolPhase, type ToolPreview } from './planToolMachine';

/** Adds a trajectory of the options' device from entry to target, selected; its id, or undefined (reported) when the device is unknown. */
export function placeTrajectory(ctx: PlanToolContext, entry: Vec3, target: Vec3): string | undefined {
  const { store } = ctx;
  const deviceId = ctx.options().deviceId;
  const device = deviceById(ctx.catalogue, deviceId);
  if (!device) {
    ctx.report({ kind: 'error', text: `No device "${deviceId}" in the catalogue` });
    return undefined;
  }
  const id = ctx.newId('trajectory');
  const sel = store.getSnapshot().selection;
  const lesionId = sel?.kind === 'lesion' ? sel.id : (store.draft.lesions[0]?.record.id ?? null);
  const t: Trajectory = {
    id,
    label: nextTrajectoryLabel(store.draft.trajectories, ctx.catalogue, device.kind),
    deviceId: device.id,
    zoneSetId: null,
    entry: [entry[0], entry[1], entry[2]],
    target: [target[0], target[1], target[2]],
    frameOfReferenceUID: ctx.frameOfReferenceUID,
    // The usual route to the lesion's site, from its side (issue 16); none without a lesion.
    accessRoute: defaultAccessRoute(store.draft.lesions.find((l) => l.record.id === lesionId)?.record),
    lesionId,
    metrics: null,
  };
  store.apply('add trajectory', addTrajectory(t));
  store.select({ kind: 'trajectory', id });
  ctx.report({ kind: 'info', text: `${t.label} placed: drag its ends or its shaft to adjust` });
  return id;
}

interface NeedleDrag extends NeedleHit {
  readonly startWorld: Vec3;
  readonly startEntry: Vec3;
  readonly startTarget: Vec3;
  readonly before: PlanDraft;
}

/**
 * The needle tool. Two clicks place a needle, entry then target (Shift on the first click:
 * target first); between them the first end is pending. A press on a needle's end or shaft
 * instead drags that end, or the whole needle, as one undo step.
 * idle → pointing (an end placed, or a needle grabbed) → dragging → idle.
 */
export class TrajectoryTool implements PlanToolMachine {
  readonly tool = 'trajectory';
  readonly defersMetrics = false;
  phase: ToolPhase = 'idle';
  private pending: { readonly first: LpsPoint; readonly firstIs: 'entry' | 'target' } | null = null;
  private drag: NeedleDrag | null = null;

  constructor(private readonly ctx: PlanToolContext) {}

  get preview(): ToolPreview | null {
    return this.pending && { kind: 'pending', ...this.pending };
  }

  onPointer(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      if (this.drag) this.endDrag();
      this.phase = 'pointing';
      if (!this.grab(e)) this.place(e);
    } else if (e.type === 'move') {
      if (!this.drag) return;
      // An undo during the drag ended the store's gesture: the drag is over.
      if (!this.ctx.store.getSnapshot().inGesture) {
        this.drag = null;
        return;
      }
      this.phase = 'dragging';
      this.moveTo(this.drag, e.world);
    } else {
      if (this.drag) this.endDrag();
      this.phase = 'idle';
    }
  }

  cancel(): void {
    if (this.drag) abandonGesture(this.ctx.store, this.drag.before);
    this.drag = null;
    this.pending = null;
    this.phase = 'idle';
  }

  /** Grabs the needle part under the pointer, if any. */
  private grab(e: PlanPointerEvent): boolean {
    const { store } = this.ctx;
    const snap = store.getSnapshot();
    const visible = snap.draft.trajectories.filter((t) => !snap.hidden.has(t.id));
    const hit = hitTestNeedles(visible, e.plane, e.canvas, snap.selection?.id);
    const t = hit && visible.find((x) => x.id === hit.id);
    if (!hit || !t) return false;
    store.select({ kind: 'trajectory', id: t.id });
    store.beginGesture(hit.which === 'line' ? 'move trajectory' : `move ${hit.which}`);
    this.drag = { ...hit, startWorld: e.world, startEntry: t.entry, startTarget: t.target, before: store.draft };
    return true;
  }

  /** Places the first end, or with one pending the second, which makes the needle. */
  private place(e: PlanPointerEvent): void {
    const pending = this.pending;
    if (!pending) {
      this.pending = { first: e.world, firstIs: e.shiftKey ? 'target' : 'entry' };
      this.ctx.report({ kind: 'info', text: e.shiftKey ? 'Target placed: click the entry' : 'Entry placed: click the target' });
      this.ctx.repaint();
      return;
    }
    this.pending = null;
    const [entry, target] = pending.firstIs === 'entry' ? [pending.first, e.world] : [e.world, pending.first];
    placeTrajectory(this.ctx, entry, target);
  }

  private moveTo(d: NeedleDrag, world: Vec3): void {
    const delta = sub(world, d.startWorld);
    const entry = d.which === 'target' ? d.startEntry : add(d.startEntry, delta);
    const target = d.which === 'entry' ? d.startTarget : add(d.startTarget, delta);
    this.ctx.store.apply('move trajectory', moveTrajectory(d.id, entry, target));
  }

  private endDrag(): void {
    this.ctx.store.endGesture();
    this.drag = null;
  }
}
