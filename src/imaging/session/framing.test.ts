import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import type { WorldBox } from './bodyBounds';
import { carryFraming, containScale, fitScale, frameBox, halfExtentAlong } from './framing';

// A body 200 mm wide (x), 100 mm deep (y), 300 mm long (z), centred on (0, 0, 150).
const box: WorldBox = { min: [-100, -50, 0], max: [100, 50, 300] };
const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, -1, 0];
const Z: Vec3 = [0, 0, 1];

describe('framing maths', () => {
  it('half extents along the view axes, sign-free and for an oblique direction', () => {
    expect(halfExtentAlong(box, X)).toBe(100);
    expect(halfExtentAlong(box, Y)).toBe(50);
    // (1, 1, 0)/√2: (100 + 50)/√2.
    expect(halfExtentAlong(box, [Math.SQRT1_2, Math.SQRT1_2, 0])).toBeCloseTo(150 / Math.SQRT2, 9);
  });

  it('the fitted parallel scale is set by the height or the width, whichever is tighter, plus 2 × 4 %', () => {
    // Wide pane (2:1): half-height 50 vs half-width 100 / 2 = 50 → 50 × 1.08.
    expect(fitScale(100, 50, 2)).toBeCloseTo(54, 9);
    // Narrow pane (1:2): the width decides, 100 / 0.5 = 200 → 216.
    expect(fitScale(100, 50, 0.5)).toBeCloseTo(216, 9);
    expect(fitScale(100, 50, 2, 0)).toBe(50);
  });

  it('frames an axial, a coronal and a sagittal view on the body', () => {
    const axial = frameBox(box, { right: X, up: Y, aspect: 16 / 9 });
    expect(axial.centre).toEqual([0, 0, 150]);
    // max(50, 100 × 9/16 = 56.25) × 1.08 = 60.75.
    expect(axial.parallelScale).toBeCloseTo(60.75, 9);
    // Coronal, square pane: max(150, 100) × 1.08.
    expect(frameBox(box, { right: X, up: Z, aspect: 1 }).parallelScale).toBeCloseTo(162, 9);
    // Sagittal in a tall pane (1:2): max(150, 50 / 0.5 = 100) × 1.08.
    expect(frameBox(box, { right: [0, 1, 0], up: Z, aspect: 0.5 }).parallelScale).toBeCloseTo(162, 9);
  });

  it('zooms out to keep points on screen, never in', () => {
    const axes = { right: X, up: Y, aspect: 1 };
    // (30, 40) from the centre: half-height 40 decides, × 1.08.
    expect(containScale([0, 0, 0], [[30, 40, 0]], axes, 10)).toBeCloseTo(43.2, 9);
    expect(containScale([0, 0, 0], [[30, 40, 0]], axes, 100)).toBe(100);
    expect(containScale([0, 0, 0], [], axes, 10)).toBe(10);
  });

  it('carries zoom and pan relative to the framing into a new pane shape', () => {
    const axes = { right: X, up: Y, aspect: 2 };
    // Framed (54) in a 2:1 pane stays framed in a 1:2 pane (216).
    const framed = carryFraming(box, { axes, centre: [0, 0, 150], parallelScale: 54 }, 0.5);
    expect(framed.parallelScale).toBeCloseTo(216, 9);
    expect(framed.centre).toEqual([0, 0, 150]);
    // Zoomed 2× (27) and panned 20 mm right: still 2× (108), the pan in units of the scale
    // kept: 20 / 27 × 108 = 80 mm.
    const zoomed = carryFraming(box, { axes, centre: [20, 0, 150], parallelScale: 27 }, 0.5);
    expect(zoomed.parallelScale).toBeCloseTo(108, 9);
    expect(zoomed.centre[0]).toBeCloseTo(80, 9);
    expect(zoomed.centre[1]).toBeCloseTo(0, 9);
  });
});
