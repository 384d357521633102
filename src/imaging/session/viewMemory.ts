import type { Types } from '@cornerstonejs/core';
import type { ViewportSlot } from '../types';
import { captureView, type ViewState } from './viewFraming';

/**
 * What each view showed when its pane went away (a maximise, a layout switch): camera, window
 * and pane shape, per slot, for the life of the session. Cornerstone's viewport goes with its
 * pane; without this a view that came back was a new one, on the middle slice and the
 * series' own window (the axial jumped from slice 90 to 75 after a maximise and restore).
 */
export class ViewMemory {
  private readonly states = new Map<ViewportSlot, ViewState>();

  /** Keeps a view's state as its pane goes. */
  keep(slot: ViewportSlot, vp: Types.IViewport): void {
    this.states.set(slot, captureView(vp));
  }

  /** The state a slot's view had, if it had one. */
  get(slot: ViewportSlot): ViewState | undefined {
    return this.states.get(slot);
  }

  /** A window set while the slot's pane was away (a preset, a linked window drag). */
  setWindow(slot: ViewportSlot, voiRange: Types.VOIRange): void {
    const s = this.states.get(slot);
    if (s) this.states.set(slot, { ...s, voiRange });
  }

  /** Sets the window of every remembered view. */
  setWindowAll(voiRange: Types.VOIRange): void {
    for (const slot of this.states.keys()) this.setWindow(slot, voiRange);
  }

  /** Forgets every view (a reset: each view comes back framed, in the series' window). */
  clear(): void {
    this.states.clear();
  }
}
