import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultCatalogue } from '../planning/devices/defaultCatalogue';
import { EMPTY_DRAFT } from '../planning/plan/planDraft';
import { PlanStore } from '../planning/plan/planStore';
import type { PlanPointerEvent } from './types';
import { ProbeDepthControl } from './session/probeDepthControl';
import { PlanBridge, type PlanBridgeSession } from './planBridge';
import { pointer, uniformVolume } from './tools/toolTestContext';

/*
 * The bridge's wiring, with a stand-in session: the tools get the session's pointer events,
 * the metrics wait for a brush stroke's end, the 3D view is rebuilt when a gesture is over,
 * and picking another tool abandons the gesture under way.
 */

const volume = uniformVolume();
let frames: (() => void)[] = [];
const tick = (): void => {
  const due = frames;
  frames = [];
  for (const f of due) f();
};

beforeEach(() => {
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
});
afterEach(() => void vi.unstubAllGlobals());

function setup() {
  const calls = { refresh3d: 0, repaint: 0, needles: [] as unknown[], tools: [] as unknown[] };
  let handler: ((e: PlanPointerEvent) => void) | undefined;
  const session: PlanBridgeSession = {
    setOverlayPainter: () => undefined,
    setPlanActorsProvider: () => undefined,
    setPointerHandler: (h) => void (handler = h),
    setPlanTool: (t) => void calls.tools.push(t),
    repaintOverlays: () => void calls.repaint++,
    refreshPlanActors: () => void calls.refresh3d++,
    planningVolume: () => volume,
    volumeGeometry: () => volume,
    setNeedle: (axis) => void calls.needles.push(axis),
    jumpTo: () => undefined,
    probe: new ProbeDepthControl({ viewport: () => undefined, needle: () => undefined, changed: () => undefined }),
  };
  const store = new PlanStore(EMPTY_DRAFT);
  const bridge = new PlanBridge(session, store, defaultCatalogue(), { seriesInstanceUID: '1', frameOfReferenceUID: '1.2.3.4', patientPosition: 'HFS' });
  const send = (e: PlanPointerEvent): void => handler?.(e);
  return { bridge, store, calls, send, hooked: () => handler !== undefined };
}

describe('PlanBridge wiring', () => {
  it('a brush stroke: metrics and the 3D view follow its end, not every dab', () => {
    const { bridge, store, calls, send } = setup();
    tick();
    const first = bridge.getSnapshot().metrics;
    expect(first).not.toBeNull();
    bridge.setTool('brush');
    const refreshed = calls.refresh3d;
    send(pointer('down', [10, 10, 10]));
    send(pointer('move', [12, 10, 10]));
    tick();
    expect(store.draft.lesions).toHaveLength(1);
    expect(bridge.getSnapshot().metrics).toBe(first);
    expect(calls.refresh3d).toBe(refreshed);
    send(pointer('up', [12, 10, 10]));
    tick();
    expect(bridge.getSnapshot().metrics).not.toBe(first);
    expect(calls.refresh3d).toBeGreaterThan(refreshed);
  });

  it('two clicks place a needle: pending between them, the needle views follow it, live depth', () => {
    const { bridge, store, calls, send } = setup();
    bridge.setTool('trajectory');
    expect(calls.tools.at(-1)).toBe('trajectory');
    send(pointer('down', [4, 8, 10]));
    send(pointer('up', [4, 8, 10]));
    expect(bridge.getSnapshot().pending).toEqual({ first: [4, 8, 10], firstIs: 'entry' });
    send(pointer('down', [7, 12, 10]));
    send(pointer('up', [7, 12, 10]));
    expect(bridge.getSnapshot().pending).toBeNull();
    const t = store.draft.trajectories[0]!;
    expect(calls.needles.at(-1)).toEqual({ entry: [4, 8, 10], target: [7, 12, 10] });
    tick();
    expect(bridge.getSnapshot().metrics?.trajectories.get(t.id)?.depthMm).toBeCloseTo(5, 9);
  });

  it('picking another tool mid-drag abandons the drag: the plan is as before, with no undo step', () => {
    const { bridge, store, send } = setup();
    bridge.setTool('trajectory');
    for (const at of [[4, 4, 10], [4, 24, 10]] as const) {
      send(pointer('down', at));
      send(pointer('up', at));
    }
    const before = store.draft;
    const undoLabel = store.getSnapshot().undoLabel;
    send(pointer('down', [4, 24, 10]));
    send(pointer('move', [10, 28, 10]));
    expect(store.draft).not.toBe(before);
    bridge.setTool(null);
    expect(store.draft).toBe(before);
    expect(store.getSnapshot().inGesture).toBe(false);
    expect(store.getSnapshot().undoLabel).toBe(undoLabel);
    expect(bridge.getSnapshot().status).toBeNull();
  });

  it('picking a tool shows its hint; destroy unhooks the session', () => {
    const { bridge, calls, hooked } = setup();
    bridge.setTool('box');
    expect(bridge.getSnapshot().status?.text).toMatch(/^Drag a box/);
    expect(hooked()).toBe(true);
    bridge.destroy();
    expect(hooked()).toBe(false);
    expect(calls.tools.at(-1)).toBeNull();
  });
});
