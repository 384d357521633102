import type { DeviceCatalogue } from '../../planning/devices/deviceSchema';
import type { PlanningVolume, VolumeGeometry } from '../../planning/lesions';
import type { PlanDraft } from '../../planning/plan/planDraft';
import type { PlanStore } from '../../planning/plan/planStore';
import type { LpsPoint } from '../../shared/vec3';
import type { CanvasPoint } from '../overlay/viewPlane';
import type { PlanPointerEvent, PlanTool, ViewportSlot } from '../types';
import type { PlanToolOptions } from './planToolOptions';

/** A line for the status bar: what the last action did, or why it could not. */
export interface ToolStatus {
  readonly kind: 'info' | 'error';
  readonly text: string;
}

/** What a plan tool may use: the plan, the loaded volume, the options, and the status bar. */
export interface PlanToolContext {
  readonly store: PlanStore;
  readonly catalogue: DeviceCatalogue;
  /** Frame of reference of the series the plan is drawn on. */
  readonly frameOfReferenceUID: string;
  /** The loaded volume; undefined (with an error reported) while it is still loading. */
  volume(): PlanningVolume | undefined;
  /** The volume's grid, known before its voxels have all arrived. */
  geometry(): VolumeGeometry | undefined;
  options(): PlanToolOptions;
  report(status: ToolStatus): void;
  /** Marks a long computation (a grow) under way, for the panel. */
  setBusy(busy: boolean): void;
  /** Redraws the overlays (the tool's preview changed without a plan change). */
  repaint(): void;
  /** A fresh id for a new lesion, structure or trajectory. */
  newId(prefix: string): string;
}

/**
 * Where a tool's gesture stands: no button down, a button down that has not moved (or a
 * click whose action is done), or a drag under way. When the button comes up the gesture is
 * done and the tool is idle again.
 */
export type ToolPhase = 'idle' | 'pointing' | 'dragging';

/** What the overlays draw of a gesture under way. */
export type ToolPreview =
  /** The first end of a needle being placed, waiting for the other. */
  | { readonly kind: 'pending'; readonly first: LpsPoint; readonly firstIs: 'entry' | 'target' }
  /** A threshold box being dragged from a corner. */
  | { readonly kind: 'box'; readonly slot: ViewportSlot; readonly startCanvas: CanvasPoint };

/**
 * One plan tool as a small state machine fed with pointer events (architecture: the viewer
 * turns left-button gestures into {@link PlanPointerEvent}s; the tools turn them into plan
 * commands). Tools never touch Cornerstone, so they can be driven by synthetic events.
 */
export interface PlanToolMachine {
  readonly tool: PlanTool;
  readonly phase: ToolPhase;
  /** What the overlays show of the gesture, or null. */
  readonly preview: ToolPreview | null;
  /**
   * True while the store's changes are the dabs of a stroke: the live metrics wait for the
   * stroke's end instead of following every dab.
   */
  readonly defersMetrics: boolean;
  onPointer(e: PlanPointerEvent): void;
  /** Abandons the gesture under way: the plan is left as it was before it, with no undo step. */
  cancel(): void;
}

/**
 * Ends a store gesture leaving the plan as it was when it began: the store records nothing
 * for a gesture that changed nothing, so the undo history is untouched too.
 */
export function abandonGesture(store: PlanStore, before: PlanDraft): void {
  // A gesture the store already ended (an undo during a drag) is no longer the tool's to take back.
  if (!store.getSnapshot().inGesture) return;
  if (store.draft !== before) store.apply('cancel', () => before);
  store.endGesture();
}
