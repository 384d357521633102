import { cropMask, thresholdInBox } from '../../planning/lesions';
import { setStructureMask } from '../../planning/plan/planCommands';
import { add, dot, lps, scale, sub, type LpsPoint, type Vec3 } from '../../shared/vec3';
import type { CanvasPoint, ViewPlane } from '../overlay/viewPlane';
import type { PlanPointerEvent, ViewportSlot } from '../types';
import type { PlanToolContext, PlanToolMachine, ToolPhase, ToolPreview } from './planToolMachine';

interface BoxDrag {
  readonly slot: ViewportSlot;
  readonly startWorld: LpsPoint;
  readonly startCanvas: CanvasPoint;
  readonly plane: ViewPlane;
}

/**
 * The two opposite corners of the box a drag from `a` to `b` on a view spans: the drag's
 * rectangle, reaching as deep on each side of the view's plane as half its diagonal (at
 * least 2 mm), so a box drawn on one view holds a structure's whole section around it.
 */
export function boxCorners(a: Vec3, b: Vec3, normal: Vec3): [LpsPoint, LpsPoint] {
  const diag = sub(b, a);
  const inPlane = sub(diag, scale(normal, dot(diag, normal)));
  const depth = Math.max(Math.hypot(inPlane[0], inPlane[1], inPlane[2]) / 2, 2);
  const c1 = add(a, scale(normal, -depth)), c2 = add(b, scale(normal, depth));
  return [lps(c1[0], c1[1], c1[2]), lps(c2[0], c2[1], c2[2])];
}

/**
 * The threshold box: a drag over a view fills the selected structure with the voxels in the
 * options' HU range inside the box, as one undo step when the button comes up.
 * idle → pointing (corner set) → dragging (box drawn) → idle.
 */
export class BoxTool implements PlanToolMachine {
  readonly tool = 'box';
  readonly defersMetrics = false;
  phase: ToolPhase = 'idle';
  private drag: BoxDrag | null = null;

  constructor(private readonly ctx: PlanToolContext) {}

  get preview(): ToolPreview | null {
    return this.drag && { kind: 'box', slot: this.drag.slot, startCanvas: this.drag.startCanvas };
  }

  onPointer(e: PlanPointerEvent): void {
    if (e.type === 'down') {
      this.drag = { slot: e.slot, startWorld: e.world, startCanvas: e.canvas, plane: e.plane };
      this.phase = 'pointing';
      return;
    }
    const d = this.drag;
    if (!d) return;
    if (e.type === 'move') {
      this.phase = 'dragging';
      this.ctx.repaint();
      return;
    }
    this.drag = null;
    this.phase = 'idle';
    this.fill(d, e.world);
    this.ctx.repaint();
  }

  cancel(): void {
    // Nothing is written before the release: dropping the box is all.
    const had = this.drag !== null;
    this.drag = null;
    this.phase = 'idle';
    if (had) this.ctx.repaint();
  }

  private fill(d: BoxDrag, end: LpsPoint): void {
    const { ctx } = this;
    const volume = ctx.volume();
    if (!volume) return;
    const sel = ctx.store.getSnapshot().selection;
    const structure = sel?.kind === 'structure' ? ctx.store.draft.structures.find((s) => s.record.id === sel.id) : undefined;
    if (!structure) {
      ctx.report({ kind: 'error', text: 'Add or select a structure at risk first; the box fills it' });
      return;
    }
    const [c1, c2] = boxCorners(d.startWorld, end, d.plane.normal);
    const [lo, hi] = ctx.options().boxHu;
    const mask = cropMask(thresholdInBox(volume, c1, c2, lo, hi));
    let n = 0;
    for (const v of mask.data) n += v;
    ctx.store.apply('threshold in box', setStructureMask(structure.record.id, mask));
    ctx.report({ kind: 'info', text: `${structure.record.name}: ${n} voxels between ${lo} and ${hi} HU in the box` });
  }
}
