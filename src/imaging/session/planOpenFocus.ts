import type { VolumeGeometry } from '../../planning/volume/volumeGeometry';
import type { PlanStoreSnapshot } from '../../planning/plan/planStore';
import type { Vec3 } from '../../shared/vec3';
import { planFocusTarget } from '../plan/focusPoint';

/** The part of the session this needs. */
export interface FocusableSession {
  /** The session's changes (the volume becoming ready); absent in stand-ins, which are ready from the start. */
  subscribe?(listener: () => void): () => void;
  volumeGeometry(): VolumeGeometry | undefined;
  jumpTo(world: Vec3, keepVisible?: readonly Vec3[]): void;
}

/** The part of the plan store this needs. */
export interface OpenedPlans {
  subscribe(listener: () => void): () => void;
  getSnapshot(): PlanStoreSnapshot;
}

/**
 * Brings the views to a plan when it opens (its lesion, its needles on screen): once per plan
 * opened, as soon as both the plan and the volume are there, whichever comes first. A plan
 * counts as opened when its draft is replaced with no history (the store's `load`); edits and
 * saves keep their undo history and move nothing.
 */
export class PlanOpenFocus {
  private pending?: PlanStoreSnapshot['draft'];
  private lastDraft?: PlanStoreSnapshot['draft'];
  private readonly offs: (() => void)[];

  constructor(private readonly session: FocusableSession, private readonly plans: OpenedPlans) {
    this.note();
    this.offs = [plans.subscribe(() => this.note())];
    if (session.subscribe) this.offs.push(session.subscribe(() => this.tryFocus()));
  }

  private note(): void {
    const s = this.plans.getSnapshot();
    if (s.draft === this.lastDraft) return;
    this.lastDraft = s.draft;
    if (!s.canUndo && !s.canRedo && s.revision === s.savedRevision && !s.inGesture) this.pending = s.draft;
    this.tryFocus();
  }

  private tryFocus(): void {
    const draft = this.pending;
    const geometry = draft ? this.session.volumeGeometry() : undefined;
    if (!draft || !geometry) return;
    this.pending = undefined;
    const target = planFocusTarget(draft, geometry);
    if (target) this.session.jumpTo(target.point, target.keepVisible);
  }

  /** Stops listening. */
  dispose(): void {
    for (const off of this.offs) off();
  }
}
