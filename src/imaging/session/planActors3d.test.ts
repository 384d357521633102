import { afterEach, describe, expect, it, vi } from 'vitest';

// The marker and the progressive quality need a browser and Cornerstone: stand-ins.
vi.mock('../view3d/orientationMarker', () => ({ OrientationMarker: class { attach(): void {} } }));
vi.mock('../view3d/progressive3d', () => ({ previewNext3d: () => undefined }));

const { PlanActors3d } = await import('./planActors3d');

/** A hand-driven requestIdleCallback. */
function idle(): { run(): void; pending(): number } {
  const queue = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => (queue.set(next, fn), next++));
  vi.stubGlobal('cancelIdleCallback', (h: number) => void queue.delete(h));
  return {
    run: () => {
      const fns = [...queue.values()];
      queue.clear();
      for (const f of fns) f();
    },
    pending: () => queue.size,
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('PlanActors3d without a 3D view', () => {
  it('prepares the actors once when idle after plan changes, not at once', () => {
    const clock = idle();
    const a = new PlanActors3d();
    let built = 0;
    a.setProvider(() => (built++, []));
    a.refresh(undefined);
    a.refresh(undefined);
    a.refresh(undefined);
    // Three plan changes in a row: nothing built yet, one preparation pending.
    expect(built).toBe(0);
    expect(clock.pending()).toBe(1);
    clock.run();
    expect(built).toBe(1);
  });

  it('drops a pending preparation when the provider goes (the plan closed)', () => {
    const clock = idle();
    const a = new PlanActors3d();
    let built = 0;
    a.setProvider(() => (built++, []));
    a.refresh(undefined);
    a.setProvider(undefined);
    expect(clock.pending()).toBe(0);
    clock.run();
    expect(built).toBe(0);
  });

  it('builds for a shown 3D view at once and cancels the idle preparation', () => {
    const clock = idle();
    const a = new PlanActors3d();
    let built = 0;
    a.setProvider(() => (built++, []));
    a.refresh(undefined);
    const rendered: number[] = [];
    const vp = { getDefaultActor: () => ({}), removeActors: () => undefined, addActors: () => undefined, render: () => void rendered.push(1) };
    a.refresh(vp as never);
    expect(built).toBe(1);
    expect(rendered).toHaveLength(1);
    expect(clock.pending()).toBe(0);
  });
});
