import { EMPTY_DRAFT, type PlanDraft, type PlanSelection } from './planDraft';
import type { PlanCommand } from './planCommands';

/** What observers of a plan store see; a new object on every change. */
export interface PlanStoreSnapshot {
  readonly draft: PlanDraft;
  readonly selection: PlanSelection;
  /** Ids of lesions, structures and trajectories hidden in the views. */
  readonly hidden: ReadonlySet<string>;
  /** Increases with every change of the draft; equal to `savedRevision` when nothing is unsaved. */
  readonly revision: number;
  readonly savedRevision: number;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** True while a gesture (a drag, a brush stroke) is under way. */
  readonly inGesture: boolean;
}

interface Step {
  readonly before: PlanDraft;
  readonly after: PlanDraft;
  readonly label: string;
}

/**
 * The plan being edited: the single source of truth the overlays and panels render from
 * (architecture principle 1). Every change is a {@link PlanCommand}; each becomes one undo
 * step, except during a gesture, whose many updates (drag moves, brush dabs) undo as one.
 * Drafts are immutable, so an undo step is just the draft before and after.
 */
export class PlanStore {
  private snapshot: PlanStoreSnapshot;
  private readonly undoStack: Step[] = [];
  private readonly redoStack: Step[] = [];
  private readonly listeners = new Set<() => void>();
  private gesture: { before: PlanDraft; label: string } | null = null;

  constructor(draft: PlanDraft = EMPTY_DRAFT, private readonly maxSteps = 300) {
    this.snapshot = this.make(draft, null, new Set(), 0, 0);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): PlanStoreSnapshot => this.snapshot;

  get draft(): PlanDraft {
    return this.snapshot.draft;
  }

  /** Replaces the whole plan (a load), forgetting the undo history and marking it saved. */
  load(draft: PlanDraft): void {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
    this.gesture = null;
    const rev = this.snapshot.revision + 1;
    this.publish(this.make(draft, null, new Set(), rev, rev));
  }

  /** Marks the draft as it stands as saved (or a given draft, the server's answer, replacing it without an undo step). */
  markSaved(serverDraft?: PlanDraft): void {
    const s = this.snapshot;
    const draft = serverDraft ?? s.draft;
    const rev = serverDraft ? s.revision + 1 : s.revision;
    this.publish(this.make(draft, s.selection, s.hidden, rev, rev));
  }

  /**
   * Marks saved exactly the revision a save sent. Edits made while the save was in flight keep
   * the plan dirty (their revision is higher); an older revision than the saved one (a plan
   * loaded meanwhile) changes nothing.
   */
  markRevisionSaved(revision: number): void {
    const s = this.snapshot;
    if (revision <= s.savedRevision || revision > s.revision) return;
    this.publish({ ...s, savedRevision: revision });
  }

  /** Applies a command as one undoable step (or as part of the gesture under way). */
  apply(label: string, command: PlanCommand): void {
    const before = this.snapshot.draft;
    const after = command(before);
    if (after === before) return;
    if (!this.gesture) this.push({ before, after, label });
    this.setDraft(after);
  }

  /** Starts a gesture: the commands until {@link endGesture} undo as one step called `label`. */
  beginGesture(label: string): void {
    this.endGesture();
    this.gesture = { before: this.snapshot.draft, label };
    this.publish({ ...this.snapshot, inGesture: true });
  }

  /** Ends the gesture; nothing is recorded when it changed nothing. */
  endGesture(): void {
    const g = this.gesture;
    if (!g) return;
    this.gesture = null;
    const after = this.snapshot.draft;
    if (after !== g.before) this.push({ before: g.before, after, label: g.label });
    this.publish({ ...this.snapshot, inGesture: false, ...this.history() });
  }

  undo(): boolean {
    this.endGesture();
    const step = this.undoStack.pop();
    if (!step) return false;
    this.redoStack.push(step);
    this.setDraft(step.before);
    return true;
  }

  redo(): boolean {
    this.endGesture();
    const step = this.redoStack.pop();
    if (!step) return false;
    this.undoStack.push(step);
    this.setDraft(step.after);
    return true;
  }

  select(selection: PlanSelection): void {
    this.publish({ ...this.snapshot, selection });
  }

  /** Shows or hides one object in the views (not an edit of the plan). */
  setHidden(id: string, hidden: boolean): void {
    const next = new Set(this.snapshot.hidden);
    if (hidden) next.add(id);
    else next.delete(id);
    this.publish({ ...this.snapshot, hidden: next });
  }

  private push(step: Step): void {
    this.undoStack.push(step);
    if (this.undoStack.length > this.maxSteps) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  private setDraft(draft: PlanDraft): void {
    const s = this.snapshot;
    const selection = s.selection && exists(draft, s.selection) ? s.selection : null;
    this.publish(this.make(draft, selection, s.hidden, s.revision + 1, s.savedRevision));
  }

  private history() {
    return {
      canUndo: this.undoStack.length > 0,
      canRedo: this.redoStack.length > 0,
      undoLabel: this.undoStack.at(-1)?.label ?? null,
      redoLabel: this.redoStack.at(-1)?.label ?? null,
    };
  }

  private make(draft: PlanDraft, selection: PlanSelection, hidden: ReadonlySet<string>, revision: number, savedRevision: number): PlanStoreSnapshot {
    return { draft, selection, hidden, revision, savedRevision, inGesture: this.gesture !== null, ...this.history() };
  }

  private publish(next: PlanStoreSnapshot): void {
    this.snapshot = next;
    for (const l of this.listeners) l();
  }
}

function exists(d: PlanDraft, s: NonNullable<PlanSelection>): boolean {
  if (s.kind === 'lesion') return d.lesions.some((l) => l.record.id === s.id);
  if (s.kind === 'structure') return d.structures.some((x) => x.record.id === s.id);
  return d.trajectories.some((t) => t.id === s.id);
}
