import { describe, expect, it, vi } from 'vitest';
import type { ListenerTarget } from './listenerBag';

// What the fakes were asked, in order (hoisted: the mock factories run before the imports).
const calls = vi.hoisted(() => [] as string[]);

// A stand-in for Cornerstone's engine: the lifecycle only enables, looks up and disables
// viewports; no WebGL in a unit test.
vi.mock('@cornerstonejs/core', () => {
  class FakeViewport {
    setVolumes = (): Promise<void> => {
      calls.push('setVolumes');
      return Promise.resolve();
    };
    setStack = (): Promise<void> => Promise.resolve();
    resetCamera = (): void => void calls.push('resetCamera');
  }
  class RenderingEngine {
    readonly id: string;
    readonly live = new Map<string, FakeViewport>();
    constructor(id: string) {
      this.id = id;
    }
    enableElement({ viewportId }: { viewportId: string }): void {
      this.live.set(viewportId, new FakeViewport());
    }
    disableElement(viewportId: string): void {
      this.live.delete(viewportId);
    }
    getViewport(viewportId: string): FakeViewport | undefined {
      return this.live.get(viewportId);
    }
    destroy(): void {
      this.live.clear();
    }
  }
  return {
    RenderingEngine,
    Enums: { ViewportType: { STACK: 'stack', ORTHOGRAPHIC: 'orthographic', VOLUME_3D: 'volume3d' }, OrientationAxis: { AXIAL: 'axial', SAGITTAL: 'sagittal', CORONAL: 'coronal' } },
  };
});

// The 3D view's bone rendering and progressive quality need WebGL: stand-ins that say what was asked.
vi.mock('../view3d/boneRendering', () => ({ applyBoneRendering: () => (calls.push('bone'), { stepMm: 2.4, software: true }) }));
vi.mock('../view3d/progressive3d', () => ({
  startProgressive3d: () => (calls.push('progressive on'), () => void calls.push('progressive off')),
  markFullQuality: () => undefined,
}));

const { ViewportLifecycle } = await import('./viewportLifecycle');

/** Counts live listeners as a browser does: one per (type, listener, capture). */
class CountingTarget implements ListenerTarget {
  readonly live = new Set<EventListener>();
  addEventListener(_t: string, l: EventListener): void {
    this.live.add(l);
  }
  removeEventListener(_t: string, l: EventListener): void {
    this.live.delete(l);
  }
}

const element = (): HTMLDivElement => ({ oncontextmenu: null }) as unknown as HTMLDivElement;

describe('ViewportLifecycle', () => {
  it('a layout switched 20 times leaves the window listener count where one layout left it', () => {
    const win = new CountingTarget();
    let destroyed = false;
    const views = new ViewportLifecycle(1, {
      isDestroyed: () => destroyed,
      volumeId: () => 'vol',
      stackImageIds: () => undefined,
      addToToolGroup: () => undefined,
      // What the session adds per view: a release listener on window (the plan's drag end).
      onEnabled: (_slot, _el, bag) => bag.on(win, 'mouseup', () => undefined, true),
      onReady: () => undefined,
    });
    const layouts = [['axial', 'sagittal', 'coronal'], ['axial']] as const;
    const show = (slots: readonly ('axial' | 'sagittal' | 'coronal')[]): void => {
      // A layout change: the panes that go hand their elements back, the new ones attach.
      for (const s of ['axial', 'sagittal', 'coronal'] as const) if (!slots.includes(s)) views.detach(s);
      for (const s of slots) views.attach(s, element());
    };
    show(layouts[0]);
    expect(win.live.size).toBe(3);
    for (let i = 0; i < 20; i++) show(layouts[i % 2]!);
    // 20 switches end on layouts[0] again (i = 19 shows layouts[1]; one more to compare like with like).
    show(layouts[0]);
    expect(win.live.size).toBe(3);
    expect(views.slots.size).toBe(3);
    expect(views.pendingTeardowns).toBe(3);
    destroyed = true;
    views.destroy();
    expect(win.live.size).toBe(0);
  });

  it('a new element for the same slot replaces the old viewport and its listeners', () => {
    const win = new CountingTarget();
    const views = new ViewportLifecycle(2, {
      isDestroyed: () => false,
      volumeId: () => 'vol',
      stackImageIds: () => undefined,
      addToToolGroup: () => undefined,
      onEnabled: (_slot, _el, bag) => bag.on(win, 'mouseup', () => undefined, true),
      onReady: () => undefined,
    });
    for (let i = 0; i < 5; i++) views.attach('axial', element());
    expect(win.live.size).toBe(1);
  });

  it('waits for the data before creating a viewport', () => {
    const data: { volumeId?: string } = {};
    const enabled: string[] = [];
    const views = new ViewportLifecycle(3, {
      isDestroyed: () => false,
      volumeId: () => data.volumeId,
      stackImageIds: () => undefined,
      addToToolGroup: () => undefined,
      onEnabled: (slot) => enabled.push(slot),
      onReady: () => undefined,
    });
    views.attach('sagittal', element());
    expect(enabled).toEqual([]);
    data.volumeId = 'vol';
    views.ensureAll();
    expect(enabled).toEqual(['sagittal']);
  });

  it("puts the volume in a new 3D view after the page's resize queued as its pane mounted, so both are drawn in one frame", async () => {
    vi.useFakeTimers();
    try {
      calls.length = 0;
      const views = new ViewportLifecycle(4, {
        isDestroyed: () => false,
        volumeId: () => 'vol',
        stackImageIds: () => undefined,
        addToToolGroup: () => undefined,
        onEnabled: () => undefined,
        onReady: (slot) => void calls.push(`ready ${slot}`),
      });
      views.attach('volume3d', element());
      // The page's resize, queued by its layout effect after the pane's own effect (StudyPage).
      setTimeout(() => calls.push('page resize'), 0);
      expect(calls).toEqual([]);
      await vi.runAllTimersAsync();
      // Before: setVolumes at once and its first frame (seconds on SwiftShader) drawn before the resized MPR views.
      expect(calls).toEqual(['page resize', 'setVolumes', 'bone', 'progressive on', 'resetCamera', 'ready volume3d']);
      // The pane goes: its pending full-quality frame and listeners go with it.
      views.detach('volume3d');
      expect(calls.at(-1)).toBe('progressive off');
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not put the volume in a 3D view whose pane went before the resize ran', async () => {
    vi.useFakeTimers();
    try {
      calls.length = 0;
      const views = new ViewportLifecycle(5, {
        isDestroyed: () => false,
        volumeId: () => 'vol',
        stackImageIds: () => undefined,
        addToToolGroup: () => undefined,
        onEnabled: () => undefined,
        onReady: (slot) => void calls.push(`ready ${slot}`),
      });
      views.attach('volume3d', element());
      views.detach('volume3d');
      await vi.runAllTimersAsync();
      expect(calls).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
