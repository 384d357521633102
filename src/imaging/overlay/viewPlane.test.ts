import { describe, expect, it } from 'vitest';
import { canvasToWorld, mmPerPixel, planeDistanceMm, shaftHalfWidthPx, viewPlaneFromCorners, worldToCanvas } from './viewPlane';

describe('view plane', () => {
  // A coronal view 400×300 px at 0.5 mm/px: right is patient left (+x), down is inferior (−z),
  // the viewer stands anterior (normal −y). Canvas (0, 0) is at (−100, 20, 80).
  const plane = viewPlaneFromCorners([-100, 20, 80], [100, 20, 80], [-100, 20, -70], 400, 300, [0, -2, 0]);

  it('takes pixel vectors from the corners and normalises the normal', () => {
    expect(plane.right).toEqual([0.5, 0, 0]);
    expect(plane.down).toEqual([0, 0, -0.5]);
    expect(plane.normal).toEqual([0, -1, 0]);
    expect(mmPerPixel(plane)).toBe(0.5);
    expect(shaftHalfWidthPx(0.75, plane)).toBe(1.5);
  });

  it('maps canvas to world and back', () => {
    expect(canvasToWorld(plane, 200, 100)).toEqual([0, 20, 30]);
    expect(worldToCanvas(plane, [0, 20, 30])).toEqual({ x: 200, y: 100 });
    // Points off the plane project along the normal.
    expect(worldToCanvas(plane, [0, -15, 30])).toEqual({ x: 200, y: 100 });
    expect(planeDistanceMm(plane, [0, -15, 30])).toBe(35);
    expect(planeDistanceMm(plane, [0, 25, 30])).toBe(-5);
  });

  it('rejects a degenerate canvas', () => {
    expect(() => viewPlaneFromCorners([0, 0, 0], [1, 0, 0], [2, 0, 0], 10, 10, [0, 0, 1])).toThrow(/collinear/);
    expect(() => viewPlaneFromCorners([0, 0, 0], [1, 0, 0], [0, 1, 0], 0, 10, [0, 0, 1])).toThrow(/positive/);
  });
});
