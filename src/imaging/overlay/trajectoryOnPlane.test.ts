import { describe, expect, it } from 'vitest';
import { trajectoryOnPlane } from './trajectoryOnPlane';
import type { ViewPlane } from './viewPlane';

// Axial plane z = 100 seen from the feet (normal −z: points below z = 100 are in front),
// 0.5 mm/px, canvas (0, 0) at (−50, −50, 100).
const axial: ViewPlane = { origin: [-50, -50, 100], right: [0.5, 0, 0], down: [0, 0.5, 0], normal: [0, 0, -1], width: 512, height: 512 };

describe('trajectoryOnPlane', () => {
  it('a needle perpendicular to the plane projects to its crossing point', () => {
    const t = trajectoryOnPlane([10, 20, 90], [10, 20, 110], axial, 5);
    expect(t.entry).toEqual({ x: 120, y: 140 });
    expect(t.target).toEqual({ x: 120, y: 140 });
    expect([t.entryDistanceMm, t.targetDistanceMm]).toEqual([10, -10]);
    expect(t.crossing).toEqual({ x: 120, y: 140 });
    expect([t.entryInSlab, t.targetInSlab]).toEqual([false, false]);
    expect(t.inSlab).toEqual({ from: { x: 120, y: 140 }, to: { x: 120, y: 140 } });
  });

  it('splits an oblique needle at the plane into a solid front and a dashed back', () => {
    // Entry 4 mm in front, target 4 mm behind: crossing at the midpoint (10, 0, 100).
    const t = trajectoryOnPlane([0, 0, 96], [20, 0, 104], axial, 2);
    expect(t.entry).toEqual({ x: 100, y: 100 });
    expect(t.target).toEqual({ x: 140, y: 100 });
    expect(t.crossing).toEqual({ x: 120, y: 100 });
    expect(t.front).toEqual({ from: { x: 100, y: 100 }, to: { x: 120, y: 100 } });
    expect(t.behind).toEqual({ from: { x: 120, y: 100 }, to: { x: 140, y: 100 } });
    // |d| ≤ 2 mm for the middle half of the needle.
    expect(t.inSlab).toEqual({ from: { x: 110, y: 100 }, to: { x: 130, y: 100 } });
    expect([t.entryInSlab, t.targetInSlab]).toEqual([false, false]);
  });

  it('keeps a needle wholly on one side unsplit', () => {
    const front = trajectoryOnPlane([0, 0, 97], [20, 0, 99], axial, 2);
    expect(front.crossing).toBeNull();
    expect(front.behind).toBeNull();
    expect(front.front).toEqual({ from: { x: 100, y: 100 }, to: { x: 140, y: 100 } });
    expect([front.entryInSlab, front.targetInSlab]).toEqual([false, true]);
    const back = trajectoryOnPlane([0, 0, 103], [20, 0, 109], axial, 2);
    expect(back.front).toBeNull();
    expect(back.behind).toEqual({ from: { x: 100, y: 100 }, to: { x: 140, y: 100 } });
    expect(back.inSlab).toBeNull();
  });

  it('a needle in the plane is all front, with no single crossing', () => {
    const t = trajectoryOnPlane([0, 0, 100], [20, 10, 100], axial, 1);
    expect(t.crossing).toBeNull();
    expect(t.front).toEqual({ from: { x: 100, y: 100 }, to: { x: 140, y: 120 } });
    expect(t.inSlab).toEqual(t.front);
  });
});
