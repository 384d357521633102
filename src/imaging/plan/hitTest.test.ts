import { describe, expect, it } from 'vitest';
import type { ViewPlane } from '../overlay/viewPlane';
import { distanceToSegment, HANDLE_PX, hitTestNeedles, type HitNeedle } from './hitTest';

// An axial view at 0.5 mm per CSS pixel with canvas (0, 0) at the world origin: canvas point
// (x, y) is world (x / 2, y / 2, z) for any z.
const plane: ViewPlane = { origin: [0, 0, 0], right: [0.5, 0, 0], down: [0, 0.5, 0], normal: [0, 0, 1], width: 200, height: 200 };
// Needle A: entry world (10, 10) → canvas (20, 20); tip (10, 40) → canvas (20, 80).
const A: HitNeedle = { id: 'A', entry: [10, 10, 0], target: [10, 40, 0] };
// Needle B 5 mm to the left: canvas (30, 20) → (30, 80).
const B: HitNeedle = { id: 'B', entry: [15, 10, 0], target: [15, 40, 0] };

describe('distanceToSegment', () => {
  it('measures to the nearest point of the segment, its ends included', () => {
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(4);
    expect(distanceToSegment({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5);
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });
});

describe('hitTestNeedles', () => {
  it('finds an end within HANDLE_PX and the shaft within half of it', () => {
    expect(HANDLE_PX).toBe(9);
    // √(2² + 5²) = 5.4 px from the entry.
    expect(hitTestNeedles([A], plane, { x: 22, y: 25 })).toEqual({ id: 'A', which: 'entry' });
    expect(hitTestNeedles([A], plane, { x: 20, y: 75 })).toEqual({ id: 'A', which: 'target' });
    // 3 px beside the shaft, 30 px from either end.
    expect(hitTestNeedles([A], plane, { x: 23, y: 50 })).toEqual({ id: 'A', which: 'line' });
    // 6 px beside it: more than 4.5 px.
    expect(hitTestNeedles([A], plane, { x: 26, y: 50 })).toBeUndefined();
    // 9 px from the tip is still on it, 9.1 px is not (and the shaft ends at the tip).
    expect(hitTestNeedles([A], plane, { x: 20, y: 89 })).toEqual({ id: 'A', which: 'target' });
    expect(hitTestNeedles([A], plane, { x: 20, y: 89.1 })).toBeUndefined();
  });

  it('prefers an end over the shaft it lies on', () => {
    expect(hitTestNeedles([A], plane, { x: 20, y: 20 })).toEqual({ id: 'A', which: 'entry' });
  });

  it('takes the nearest end of a short needle, the tip on a tie', () => {
    // Canvas (20, 20) → (20, 26).
    const short: HitNeedle = { id: 'S', entry: [10, 10, 0], target: [10, 13, 0] };
    expect(hitTestNeedles([short], plane, { x: 20, y: 24 })).toEqual({ id: 'S', which: 'target' });
    expect(hitTestNeedles([short], plane, { x: 20, y: 22 })).toEqual({ id: 'S', which: 'entry' });
    expect(hitTestNeedles([short], plane, { x: 20, y: 23 })).toEqual({ id: 'S', which: 'target' });
  });

  it('takes the nearer of two needles, the selected one on a tie', () => {
    // 4 px from A's entry, 6 px from B's.
    expect(hitTestNeedles([A, B], plane, { x: 24, y: 20 })).toEqual({ id: 'A', which: 'entry' });
    expect(hitTestNeedles([A, B], plane, { x: 24, y: 20 }, 'B')).toEqual({ id: 'A', which: 'entry' });
    // 5 px from both.
    expect(hitTestNeedles([A, B], plane, { x: 25, y: 20 })).toEqual({ id: 'A', which: 'entry' });
    expect(hitTestNeedles([A, B], plane, { x: 25, y: 20 }, 'B')).toEqual({ id: 'B', which: 'entry' });
  });

  it('grabs a needle by its projection wherever it lies in depth', () => {
    const deep: HitNeedle = { id: 'D', entry: [10, 10, -30], target: [10, 40, 25] };
    expect(hitTestNeedles([deep], plane, { x: 21, y: 19 })).toEqual({ id: 'D', which: 'entry' });
  });
});
