import { Enums, type Types } from '@cornerstonejs/core';
import type { ViewportSlot } from '../types';
import type { ListenerBag } from './listenerBag';

/** The views whose window follows the others' while the link is on: the three MPR planes. */
export const LINKED_WINDOW_SLOTS: readonly ViewportSlot[] = ['axial', 'sagittal', 'coronal'];

/**
 * Window/level linked across the MPR views: a window drag (or any window change) on one of
 * them is copied to the other live ones, and to those whose pane is away (`remember`), so a
 * view that comes back after a maximise shows the same window. On by default: the three
 * planes show one volume, and the presets already set one window on all of them.
 */
export class WindowLink {
  private on = true;
  /** Set while this link itself writes windows: their VOI events are not copied again. */
  private copying = false;

  constructor(
    private readonly live: (slot: ViewportSlot) => Types.IViewport | undefined,
    private readonly remember: (slot: ViewportSlot, range: Types.VOIRange) => void,
    private readonly changed: (linked: boolean) => void,
  ) {}

  get linked(): boolean {
    return this.on;
  }

  /** Turns the link on or off; turning it on copies the window of `from` (the active view) to the others. */
  setLinked(linked: boolean, from?: ViewportSlot): void {
    this.on = linked;
    this.changed(linked);
    const vp = linked && from ? this.live(from) : undefined;
    const range = vp ? ((vp as Types.IVolumeViewport).getProperties?.() as { voiRange?: Types.VOIRange } | undefined)?.voiRange : undefined;
    if (from && range) this.copy(from, range);
  }

  /** Listens to a linked view's window changes (the listener goes with the viewport's bag). */
  watch(bag: ListenerBag, slot: ViewportSlot, element: HTMLElement): void {
    if (!LINKED_WINDOW_SLOTS.includes(slot)) return;
    bag.on<CustomEvent<{ range?: Types.VOIRange }>>(element, Enums.Events.VOI_MODIFIED, (e) => {
      const range = e.detail?.range;
      if (this.on && !this.copying && range) this.copy(slot, range);
    });
  }

  private copy(from: ViewportSlot, range: Types.VOIRange): void {
    this.copying = true;
    try {
      for (const slot of LINKED_WINDOW_SLOTS) {
        if (slot === from) continue;
        const vp = this.live(slot) as Types.IVolumeViewport | undefined;
        const voiRange = { lower: range.lower, upper: range.upper };
        if (!vp) {
          this.remember(slot, voiRange);
          continue;
        }
        vp.setProperties({ voiRange });
        vp.render();
      }
    } finally {
      this.copying = false;
    }
  }
}
