import { describe, expect, it } from 'vitest';
import { referenceNeedleMarks } from './expertMarks';
import type { ViewPlane } from '../overlay/viewPlane';

// An axial plane z = 0, 1 mm per pixel, canvas 100 × 100 px with (0, 0) at world (0, 0, 0).
const plane: ViewPlane = { origin: [0, 0, 0], right: [1, 0, 0], down: [0, 1, 0], normal: [0, 0, 1], width: 100, height: 100 };

describe('reference (expert) needle marks', () => {
  it('draws a needle lying in the plane solid from entry to tip, the tip on the slice', () => {
    const [m] = referenceNeedleMarks([{ id: 't1', label: 'A', entry: [10, 20, 0], target: [40, 20, 0] }], plane);
    expect(m!.solid).toEqual({ from: { x: 10, y: 20 }, to: { x: 40, y: 20 } });
    expect(m!.tip).toEqual({ x: 40, y: 20 });
    expect(m!.tipOnSlice).toBe(true);
    expect(m!.onCanvas).toBe(true);
  });
  it('draws only the part of a crossing needle within ±2.5 mm solid, and rings a tip 10 mm away', () => {
    // From z = −10 to z = +10 along x 0 → 20: |z| ≤ 2.5 for x in [7.5, 12.5].
    const [m] = referenceNeedleMarks([{ id: 't', label: '', entry: [0, 50, -10], target: [20, 50, 10] }], plane);
    expect(m!.solid!.from.x).toBeCloseTo(7.5, 9);
    expect(m!.solid!.to.x).toBeCloseTo(12.5, 9);
    expect(m!.tipOnSlice).toBe(false);
  });
  it('marks a needle projected wholly outside the canvas as off it', () => {
    const [m] = referenceNeedleMarks([{ id: 't', label: '', entry: [300, 300, 0], target: [320, 300, 0] }], plane);
    expect(m!.onCanvas).toBe(false);
  });
});
