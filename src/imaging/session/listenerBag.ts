/** Something a listener can be added to and removed from (a DOM element, `window`, Cornerstone's event target). */
export interface ListenerTarget {
  addEventListener(type: string, listener: EventListener, options?: boolean | AddEventListenerOptions): void;
  removeEventListener(type: string, listener: EventListener, options?: boolean | EventListenerOptions): void;
}

/**
 * The listeners and other teardown of one owner (a viewport, a session), removed together.
 * A viewport's listeners close over its element; if they outlived the viewport (a layout
 * change), `window`'s listeners would keep the detached element and its canvases alive.
 */
export class ListenerBag {
  private disposers: (() => void)[] = [];

  /** Adds a listener now and remembers how to remove it (with the same capture flag). */
  on<E extends Event>(target: ListenerTarget, type: string, listener: (e: E) => void, options?: boolean | AddEventListenerOptions): void {
    const l = listener as EventListener;
    target.addEventListener(type, l, options);
    const capture = typeof options === 'boolean' ? options : options?.capture;
    this.disposers.push(() => target.removeEventListener(type, l, capture));
  }

  /** Adds any other teardown (cancel a frame, remove a canvas). */
  add(disposer: () => void): void {
    this.disposers.push(disposer);
  }

  /** How many teardowns are pending. */
  get size(): number {
    return this.disposers.length;
  }

  /** Runs every teardown once, newest first, and empties the bag; the bag can be reused. */
  dispose(): void {
    const ds = this.disposers;
    this.disposers = [];
    for (let i = ds.length - 1; i >= 0; i--) ds[i]!();
  }
}
