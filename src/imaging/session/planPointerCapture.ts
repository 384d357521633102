import type { PlanPointerEvent } from '../types';
import type { ListenerBag } from './listenerBag';

type GestureType = PlanPointerEvent['type'];

/** What to do with one mouse event while a plan tool is on. */
export interface GateDecision {
  /** Hand it to the plan's pointer handler. */
  readonly forward: boolean;
  /** Keep it from Cornerstone's tools (stop propagation, prevent default). */
  readonly capture: boolean;
}

const IGNORE: GateDecision = { forward: false, capture: false };

/**
 * The left-button gesture of one view: a press starts a drag, moves while dragging belong
 * to the plan, a release ends it. Moves with no button held pass through to the plan too
 * (hover: the brush cursor) but are not captured, so the viewer's own hover tools still
 * work; moves with another button held (pan, zoom) and releases that end no plan drag
 * are left alone.
 */
export class PlanPointerGate {
  private dragging = false;

  decide(type: GestureType, button: number, buttons: number): GateDecision {
    if (type === 'down') {
      if (button !== 0) return IGNORE;
      this.dragging = true;
      return { forward: true, capture: true };
    }
    if (type === 'up') {
      if (!this.dragging) return IGNORE;
      this.dragging = false;
      return { forward: true, capture: true };
    }
    if (this.dragging) return { forward: true, capture: true };
    return buttons === 0 ? { forward: true, capture: false } : IGNORE;
  }
}

/**
 * Listens for plan gestures on one view's element and hands them to `handle` while
 * `active()` says a plan tool owns the left button. The capture listeners on the element
 * run before Cornerstone's tools see the event on the canvas inside it; the release is
 * watched on `window` so a drag that leaves the view still ends. Every listener goes into
 * `bag`, which the viewport lifecycle empties when the view goes.
 */
export function capturePlanPointer(
  bag: ListenerBag,
  element: HTMLElement,
  active: () => boolean,
  make: (type: GestureType, e: MouseEvent) => PlanPointerEvent | undefined,
  handle: (e: PlanPointerEvent) => void,
): void {
  const gate = new PlanPointerGate();
  const on = (type: GestureType) => (e: MouseEvent): void => {
    if (!active()) return;
    const d = gate.decide(type, e.button, e.buttons);
    if (!d.forward) return;
    const ev = make(type, e);
    if (!ev) return;
    if (d.capture) {
      e.stopImmediatePropagation();
      e.preventDefault();
    }
    handle(ev);
  };
  bag.on(element, 'mousedown', on('down'), true);
  bag.on(element, 'mousemove', on('move'), true);
  bag.on(window, 'mouseup', on('up'), true);
}
