import {
  applyBrush,
  createMask,
  cropMask,
  lesionMeasurementsOf,
  measureMask,
  planLesionSchema,
  type BrushShape,
  type PlanningVolume,
  type VoxelMask,
} from '../../planning/lesions';
import { addLesion, nextLabel, setLesionMask, setStructureMask } from '../../planning/plan/planCommands';
import type { PlanDraft } from '../../planning/plan/planDraft';
import type { PlanPointerEvent } from '../types';
import { abandonGesture, type PlanToolContext, type PlanToolMachine, type ToolPhase } from './planToolMachine';

type MaskOwner = { readonly kind: 'lesion' | 'structure'; readonly id: string };

interface Stroke {
  readonly owner: MaskOwner;
  readonly volume: PlanningVolume;
  /** The plan before the stroke, for cancel. */
  readonly before: PlanDraft;
}

const maskOf = (d: PlanDraft, o: MaskOwner): VoxelMask | null =>
  (o.kind === 'lesion' ? d.lesions.find((l) => l.record.id === o.id)?.mask : d.structures.find((s) => s.record.id === o.id)?.mask) ?? null;

/**
 * The brush and the eraser: a stroke paints (or erases) a dab at the press and at every move,
 * into the selected lesion or mask structure; painting with nothing selected starts a new
 * lesion. The whole stroke, the new lesion included, is one undo step; when it ends the mask
 * is cropped and a lesion re-measured. idle → pointing (first dab) → dragging → idle.
 */
export class BrushTool implements PlanToolMachine {
  readonly preview = null;
  phase: ToolPhase = 'idle';
  private stroke: Stroke | null = null;

  constructor(private readonly ctx: PlanToolContext, readonly tool: 'brush' | 'erase') {}

  get defersMetrics(): boolean {
    return this.phase !== 'idle';
  }

  onPointer(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      // A press without the release of the last stroke (lost outside the view) ends that one first.
      if (this.stroke) this.finish();
      this.start(e);
    } else if (this.stroke && e.type === 'move') {
      // An undo during the stroke ended the store's gesture: the stroke is over.
      if (!this.ctx.store.getSnapshot().inGesture) {
        this.stroke = null;
        this.phase = 'idle';
        return;
      }
      this.phase = 'dragging';
      this.dab(this.stroke, e);
    } else if (this.stroke) {
      this.finish();
    }
  }

  cancel(): void {
    if (this.stroke) abandonGesture(this.ctx.store, this.stroke.before);
    this.stroke = null;
    this.phase = 'idle';
  }

  private start(e: PlanPointerEvent): void {
    const { ctx } = this;
    const volume = ctx.volume();
    if (!volume) return;
    const owner = this.owner();
    if (owner === null) return;
    // Pointing from here on: the new lesion below is already part of the stroke.
    this.phase = 'pointing';
    ctx.store.beginGesture(this.tool === 'brush' ? 'brush' : 'eraser');
    const before = ctx.store.draft;
    this.stroke = { owner: owner === 'new lesion' ? this.newLesion() : owner, volume, before };
    this.dab(this.stroke, e);
  }

  /** What the stroke edits: the selected lesion or mask structure, a new lesion, or null (reported) for none. */
  private owner(): MaskOwner | 'new lesion' | null {
    const sel = this.ctx.store.getSnapshot().selection;
    if (sel?.kind === 'lesion') return { kind: 'lesion', id: sel.id };
    if (sel?.kind === 'structure') {
      const s = this.ctx.store.draft.structures.find((x) => x.record.id === sel.id);
      if (s?.shape.kind === 'tube') {
        this.ctx.report({ kind: 'error', text: `${s.record.name} is a tube along points: move its points, or make a mask structure to paint` });
        return null;
      }
      return { kind: 'structure', id: sel.id };
    }
    if (this.tool === 'erase') {
      this.ctx.report({ kind: 'error', text: 'Select the lesion or structure to erase from' });
      return null;
    }
    return 'new lesion';
  }

  private newLesion(): MaskOwner {
    const { store } = this.ctx;
    const id = this.ctx.newId('lesion');
    const record = planLesionSchema.parse({ id, label: nextLabel('L', store.draft.lesions.map((l) => l.record.label)), type: 'lytic' });
    store.apply('new lesion', addLesion({ record, mask: null, stored: null }));
    store.select({ kind: 'lesion', id });
    return { kind: 'lesion', id };
  }

  private dab(stroke: Stroke, e: PlanPointerEvent): void {
    const { brushRadiusMm, brushSphere } = this.ctx.options();
    const centre = e.world;
    const shape: BrushShape = brushSphere ? { kind: 'sphere', centre, radiusMm: brushRadiusMm } : { kind: 'disc', centre, radiusMm: brushRadiusMm, normal: e.plane.normal };
    const current = maskOf(this.ctx.store.draft, stroke.owner);
    // applyBrush edits the mask it is given; the drafts before this dab (kept for undo and
    // drawn from cached layers) must not change, so it edits a copy.
    const working = current ? { ...current, data: current.data.slice() } : createMask(stroke.volume.dimensions);
    const { mask, diff } = applyBrush(working, stroke.volume, shape, this.tool === 'brush' ? 'paint' : 'erase');
    if (diff.voxelCount === 0) return;
    this.ctx.store.apply('brush', stroke.owner.kind === 'lesion' ? setLesionMask(stroke.owner.id, mask) : setStructureMask(stroke.owner.id, mask));
  }

  /** Stroke over: crop, re-measure a lesion, and record it all as one step. */
  private finish(): void {
    const stroke = this.stroke!;
    const { store } = this.ctx;
    const { owner, volume } = stroke;
    const m = maskOf(store.draft, owner);
    // A stroke that changed no voxel leaves the mask and its measurements as they were.
    const changed = m !== null && m !== maskOf(stroke.before, owner);
    if (changed && owner.kind === 'lesion') {
      const cropped = cropMask(m);
      const lesion = store.draft.lesions.find((l) => l.record.id === owner.id);
      const started = performance.now();
      const measurements = lesionMeasurementsOf(measureMask(volume, cropped));
      performance.mark('percuplan:measure', { detail: { ms: performance.now() - started } });
      store.apply('measure', setLesionMask(owner.id, cropped, { measurements, grow: lesion?.record.grow ? { ...lesion.record.grow, editedAfterGrow: true } : null }));
    } else if (changed) {
      store.apply('crop', setStructureMask(owner.id, cropMask(m)));
    }
    store.endGesture();
    this.stroke = null;
    this.phase = 'idle';
  }
}
