import { describe, expect, it } from 'vitest';
import { ListenerBag, type ListenerTarget } from './listenerBag';

/** A target that counts its listeners the way a browser does: one per (type, listener, capture). */
class CountingTarget implements ListenerTarget {
  readonly live = new Set<string>();
  private readonly ids = new Map<EventListener, number>();
  private key(type: string, l: EventListener, o?: boolean | EventListenerOptions): string {
    if (!this.ids.has(l)) this.ids.set(l, this.ids.size);
    const capture = typeof o === 'boolean' ? o : (o?.capture ?? false);
    return `${type}/${this.ids.get(l)}/${capture}`;
  }
  addEventListener(type: string, l: EventListener, o?: boolean | AddEventListenerOptions): void {
    this.live.add(this.key(type, l, o));
  }
  removeEventListener(type: string, l: EventListener, o?: boolean | EventListenerOptions): void {
    this.live.delete(this.key(type, l, o));
  }
}

describe('ListenerBag', () => {
  it('removes exactly the listeners it added, capture flag included', () => {
    const el = new CountingTarget();
    const win = new CountingTarget();
    const bag = new ListenerBag();
    bag.on(el, 'mousedown', () => undefined, true);
    bag.on(el, 'mousemove', () => undefined);
    bag.on(win, 'mouseup', () => undefined, { capture: true });
    expect(el.live.size).toBe(2);
    expect(win.live.size).toBe(1);
    bag.dispose();
    expect(el.live.size).toBe(0);
    expect(win.live.size).toBe(0);
    expect(bag.size).toBe(0);
  });

  it('a viewport recreated 20 times leaves the listener count where one creation left it', () => {
    const win = new CountingTarget();
    const bag = new ListenerBag();
    const create = (): void => {
      bag.dispose(); // what the lifecycle does before (re)creating the viewport
      bag.on(win, 'mouseup', () => undefined, true);
      bag.on(win, 'keydown', () => undefined);
    };
    create();
    const once = win.live.size;
    for (let i = 0; i < 20; i++) create();
    expect(once).toBe(2);
    expect(win.live.size).toBe(once);
  });

  it('runs other teardowns once, newest first', () => {
    const order: string[] = [];
    const bag = new ListenerBag();
    bag.add(() => order.push('a'));
    bag.add(() => order.push('b'));
    bag.dispose();
    bag.dispose();
    expect(order).toEqual(['b', 'a']);
  });
});
