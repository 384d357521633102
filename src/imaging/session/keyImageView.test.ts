import { describe, expect, it } from 'vitest';
import { nearestSliceIndex, viewCommandsOf, windowOfRange } from './keyImageView';
import type { Vec3 } from '../../shared/vec3';

// An axial series of 5 slices, 2.5 mm apart, from z = -10 mm (first) to z = 0 mm (last).
const axial: Vec3[] = [0, 1, 2, 3, 4].map((k) => [-100, -120, -10 + 2.5 * k] as const);

describe('nearestSliceIndex', () => {
  it('an axial view on the plane z = -5 mm shows slice 2 (−10 + 2 × 2.5 = −5)', () => {
    expect(nearestSliceIndex(axial, [12, 34, -5])).toBe(2);
  });

  it('between two slices it takes the nearer: z = −3.6 is 1.1 mm from slice 3 (−2.5) and 1.4 mm from slice 2 (−5)', () => {
    expect(nearestSliceIndex(axial, [0, 0, -3.6])).toBe(3);
  });

  it('an oblique or sagittal view refers to the slice through its focal point, clamped to the ends of the series', () => {
    expect(nearestSliceIndex(axial, [40, -60, 7])).toBe(4);
    expect(nearestSliceIndex(axial, [40, -60, -30])).toBe(0);
  });

  it('a series listed from head to feet (z decreasing) gives the same slice by position, not by order', () => {
    const reversed = [...axial].reverse(); // slice at z = −5 is now index 2 still; z = −7.5 is index 3
    expect(nearestSliceIndex(reversed, [0, 0, -7.4])).toBe(3);
  });

  it('a tilted (gantry) series is measured along its own stacking direction', () => {
    // Slices 5 mm apart along (0, 3/5, 4/5): positions k × (0, 3, 4).
    const tilted: Vec3[] = [0, 1, 2].map((k) => [0, 3 * k, 4 * k] as const);
    // The focal point (0, 6, 2) projects to (6·3 + 2·4) / 5 = 5.2 mm along the axis: slice 1 (5 mm).
    expect(nearestSliceIndex(tilted, [0, 6, 2])).toBe(1);
  });

  it('skips slices without a position and answers undefined when none has one', () => {
    expect(nearestSliceIndex([undefined, axial[1], axial[2]], [0, 0, -10])).toBe(1);
    expect(nearestSliceIndex([undefined, undefined], [0, 0, 0])).toBeUndefined();
    expect(nearestSliceIndex([axial[3]], [0, 0, 500])).toBe(0);
  });
});

describe('viewCommandsOf', () => {
  it('the soft-tissue window W 400 / L 40 is the VOI range −160 … 240 HU', () => {
    const c = viewCommandsOf({ camera: null, stackIndex: 7, window: { width: 400, center: 40 } });
    expect(c.voiRange).toEqual({ lower: -160, upper: 240 });
    expect(c.stackIndex).toBe(7);
    expect(c.camera).toBeUndefined();
  });

  it('a volume view gets its camera back as saved (a copy: Cornerstone mutates what it is given)', () => {
    const camera = { focalPoint: [1, 2, 3] as const, position: [1, 2, 503] as const, viewUp: [0, -1, 0] as const, parallelScale: 87.5 };
    const c = viewCommandsOf({ camera, stackIndex: null, window: { width: 2000, center: 500 } });
    expect(c.camera).toEqual(camera);
    expect(c.camera?.focalPoint).not.toBe(camera.focalPoint);
    expect(c.voiRange).toEqual({ lower: -500, upper: 1500 });
    expect(c.stackIndex).toBeUndefined();
  });

  it('windowOfRange inverts it: −600 ± 750 is W 1500 / L −600', () => {
    expect(windowOfRange({ lower: -1350, upper: 150 })).toEqual({ width: 1500, center: -600 });
  });
});
