import { describe, expect, it } from 'vitest';
import { ProgressiveQuality, type ProgressiveHooks } from './progressiveQuality';

/** Records what the controller asked for, with a hand-driven timer. */
function fake(): { hooks: ProgressiveHooks; log: string[]; fire(): void; pending(): number } {
  const log: string[] = [];
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    log,
    hooks: {
      setStepMm: (mm) => log.push(`step ${mm}`),
      setResolutionDivisor: (d) => log.push(`divisor ${d}`),
      setQuality: (q) => log.push(q),
      render: () => log.push('render'),
      setTimer: (fn, ms) => {
        log.push(`timer ${ms}`);
        timers.set(next, fn);
        return next++;
      },
      clearTimer: (h) => void timers.delete(h),
    },
    fire: () => {
      const fns = [...timers.values()];
      timers.clear();
      for (const f of fns) f();
    },
    pending: () => timers.size,
  };
}

describe('ProgressiveQuality (the 3D view on software WebGL)', () => {
  it('draws previews at 4 × the step and half the pixels, then one full frame once idle', () => {
    const f = fake();
    const q = new ProgressiveQuality(2.4, f.hooks, 4, 150, 2);
    q.preview();
    // 2.4 mm × 4 = 9.6 mm; half the pixels on each axis.
    expect(f.log).toEqual(['step 9.6', 'divisor 2', 'preview']);
    expect(q.current).toBe('preview');
    f.log.length = 0;
    q.rendered();
    expect(f.log).toEqual(['timer 150']);
    f.log.length = 0;
    f.fire();
    expect(f.log).toEqual(['step 2.4', 'divisor 1', 'full', 'render']);
    expect(q.current).toBe('full');
    // The full frame's own render does not arm another one.
    f.log.length = 0;
    q.rendered();
    expect(f.log).toEqual([]);
    expect(f.pending()).toBe(0);
  });

  it('waits for the view to be idle: a new preview frame postpones the full one', () => {
    const f = fake();
    const q = new ProgressiveQuality(2.4, f.hooks, 4, 150, 2);
    q.preview();
    q.rendered();
    q.rendered();
    q.rendered();
    // Three frames, one pending timer (the earlier ones cleared).
    expect(f.pending()).toBe(1);
    // A camera move (a drag) before the timer: still a preview, the timer cancelled until the next frame.
    q.preview();
    expect(f.pending()).toBe(0);
    expect(q.current).toBe('preview');
  });

  it('answers a camera change after the full frame with previews again', () => {
    const f = fake();
    const q = new ProgressiveQuality(3, f.hooks, 4, 150, 2);
    q.preview();
    q.rendered();
    f.fire();
    f.log.length = 0;
    q.preview();
    expect(f.log).toEqual(['step 12', 'divisor 2', 'preview']);
  });

  it('a preview asked again re-applies the reduced resolution (a resize sets the full size back) without relabelling', () => {
    const f = fake();
    const q = new ProgressiveQuality(2.4, f.hooks, 4, 150, 2);
    q.preview();
    f.log.length = 0;
    q.preview();
    expect(f.log).toEqual(['divisor 2']);
  });

  it('draws nothing more once disposed (the view went with its pane)', () => {
    const f = fake();
    const q = new ProgressiveQuality(2.4, f.hooks, 4, 150, 2);
    q.preview();
    q.rendered();
    q.dispose();
    expect(f.pending()).toBe(0);
    f.log.length = 0;
    q.full();
    q.preview();
    q.rendered();
    expect(f.log).toEqual([]);
  });
});
