import type { VoxelMask } from '../mask/voxelMask';
import type { VolumeGeometry } from '../volume/volumeGeometry';
import { applyBrush } from './applyBrush';
import type { BrushMode, BrushShape } from './brushShape';
import { applyDiff, DiffBuilder, diffMasks, type MaskDiff } from './maskDiff';

/** One undoable step: what it flipped and what the user would call it. */
interface Step {
  readonly diff: MaskDiff;
  readonly label: string;
}

/**
 * The mask being edited with its undo and redo stacks. Each step keeps only the run-length
 * diff it made ({@link MaskDiff}), and a diff flips voxels, so undo and redo replay the same
 * diff. A stroke of several dabs can be grouped into one step with `beginStroke`/`endStroke`.
 */
export class MaskEditor {
  private current: VoxelMask;
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  private stroke: { label: string; diffs: MaskDiff[] } | null = null;

  /** `maxSteps` bounds the undo history; the oldest steps are dropped first. */
  constructor(private readonly geometry: VolumeGeometry, initial: VoxelMask, private readonly maxSteps = 200) {
    this.current = initial;
  }

  /** The mask as it stands. Read it, do not write it: edits go through this editor. */
  get mask(): VoxelMask {
    return this.current;
  }

  /** True when there is a step to undo. */
  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  /** True when there is an undone step to redo. */
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Label of the step undo would revert, for a menu ("Undo brush"). */
  get undoLabel(): string | null {
    return this.undoStack.at(-1)?.label ?? null;
  }

  /** Starts a stroke: the dabs until {@link endStroke} undo as one step. */
  beginStroke(label: string): void {
    this.endStroke();
    this.stroke = { label, diffs: [] };
  }

  /** Ends the stroke begun with {@link beginStroke}, recording it as one step. */
  endStroke(): void {
    const s = this.stroke;
    this.stroke = null;
    if (!s || s.diffs.length === 0) return;
    this.push({ diff: mergeDiffs(s.diffs, this.geometry.dimensions[0], this.geometry.dimensions[1]), label: s.label });
  }

  /** Paints or erases one dab; outside a stroke it is a step of its own. Returns what changed. */
  brush(shape: BrushShape, mode: BrushMode): MaskDiff {
    const { mask, diff } = applyBrush(this.current, this.geometry, shape, mode);
    this.current = mask;
    if (diff.voxelCount === 0) return diff;
    if (this.stroke) this.stroke.diffs.push(diff);
    else this.push({ diff, label: mode === 'paint' ? 'brush' : 'eraser' });
    return diff;
  }

  /** Replaces the whole mask (a new grow, a threshold) as one undoable step. */
  replace(next: VoxelMask, label: string): MaskDiff {
    this.endStroke();
    const diff = diffMasks(this.current, next);
    this.current = applyDiff(this.current, diff);
    if (diff.voxelCount > 0) this.push({ diff, label });
    return diff;
  }

  /** Reverts the last step; false when there is none. */
  undo(): boolean {
    this.endStroke();
    const step = this.undoStack.pop();
    if (!step) return false;
    this.current = applyDiff(this.current, step.diff);
    this.redoStack.push(step);
    return true;
  }

  /** Re-applies the last undone step; false when there is none. */
  redo(): boolean {
    this.endStroke();
    const step = this.redoStack.pop();
    if (!step) return false;
    this.current = applyDiff(this.current, step.diff);
    this.undoStack.push(step);
    return true;
  }

  private push(step: Step): void {
    this.undoStack.push(step);
    if (this.undoStack.length > this.maxSteps) this.undoStack.shift();
    this.redoStack.length = 0;
  }
}

/**
 * One diff with the effect of applying several in turn. Flips compose by parity, so a voxel
 * flipped twice within a stroke (painted, then erased) drops out.
 */
function mergeDiffs(diffs: readonly MaskDiff[], nx: number, ny: number): MaskDiff {
  if (diffs.length === 1) return diffs[0]!;
  const parity = new Map<number, number>();
  for (const d of diffs) {
    for (let r = 0; r < d.runs.length; r += 2) {
      for (let q = 0; q < d.runs[r + 1]!; q++) {
        const v = d.runs[r]! + q;
        parity.set(v, (parity.get(v) ?? 0) ^ 1);
      }
    }
  }
  const flipped = [...parity.entries()].filter(([, p]) => p === 1).map(([v]) => v).sort((a, b) => a - b);
  const builder = new DiffBuilder(nx, ny);
  for (const v of flipped) {
    const k = Math.floor(v / (nx * ny));
    const j = Math.floor((v - k * nx * ny) / nx);
    builder.add(v - (k * ny + j) * nx, j, k);
  }
  return builder.build();
}
