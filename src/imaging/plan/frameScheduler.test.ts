import { describe, expect, it } from 'vitest';
import { FrameScheduler } from './frameScheduler';

/** A hand-cranked animation frame. */
function frames() {
  const queued = new Map<number, () => void>();
  let next = 1;
  return {
    request: (cb: () => void) => (queued.set(next, cb), next++),
    cancel: (h: number) => void queued.delete(h),
    tick: () => {
      const cbs = [...queued.values()];
      queued.clear();
      for (const cb of cbs) cb();
    },
  };
}

describe('FrameScheduler', () => {
  it('runs the task once per frame however often it is asked for', () => {
    const f = frames();
    let runs = 0;
    const s = new FrameScheduler(() => runs++, f.request, f.cancel);
    s.schedule();
    s.schedule();
    s.schedule();
    expect(runs).toBe(0);
    f.tick();
    expect(runs).toBe(1);
    f.tick();
    expect(runs).toBe(1);
    s.schedule();
    f.tick();
    expect(runs).toBe(2);
  });

  it('a cancelled run does not happen, and a later request still does', () => {
    const f = frames();
    let runs = 0;
    const s = new FrameScheduler(() => runs++, f.request, f.cancel);
    s.schedule();
    s.cancel();
    f.tick();
    expect(runs).toBe(0);
    s.schedule();
    f.tick();
    expect(runs).toBe(1);
  });
});
