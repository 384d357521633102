import { Enums } from '@cornerstonejs/core';
import type { ViewportSlot } from '../types';
import type { ListenerBag } from './listenerBag';

/** What a viewport's own events drive in the session. */
export interface ViewportEventHooks {
  /** The view's camera, window or image changed: its overlay text is stale. */
  markDirty(slot: ViewportSlot): void;
  /** The view was drawn: repaint the plan over it, and mark the benchmark's first image if due. */
  rendered(slot: ViewportSlot): void;
  /** The mouse moved over the view (the HU probe). */
  hover(slot: ViewportSlot, e: MouseEvent): void;
}

const DIRTY_EVENTS = [Enums.Events.CAMERA_MODIFIED, Enums.Events.VOI_MODIFIED, Enums.Events.VOLUME_NEW_IMAGE, Enums.Events.STACK_NEW_IMAGE, Enums.Events.IMAGE_RENDERED];

/** Listens to one viewport element's Cornerstone and mouse events; the listeners go into `bag`. */
export function listenToViewport(bag: ListenerBag, slot: ViewportSlot, element: HTMLElement, hooks: ViewportEventHooks): void {
  for (const ev of DIRTY_EVENTS) bag.on(element, ev, () => hooks.markDirty(slot));
  bag.on(element, Enums.Events.IMAGE_RENDERED, () => hooks.rendered(slot));
  bag.on<MouseEvent>(element, 'mousemove', (e) => hooks.hover(slot, e));
}
