import { describe, expect, it } from 'vitest';
import type vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper';
import type vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData';
import { needleActor } from './plan3d';

const polyOf = (a: NonNullable<ReturnType<typeof needleActor>>): vtkPolyData => (a.actor.getMapper() as vtkMapper).getInputData() as vtkPolyData;

describe('needleActor', () => {
  it('is a cylinder of the given radius from entry to target', () => {
    const a = needleActor('n', [0, 0, 0], [100, 0, 0], 1.2, '#63e6be')!;
    const pts = polyOf(a).getPoints().getData();
    let maxR = 0, minX = Infinity, maxX = -Infinity;
    for (let i = 0; i < pts.length; i += 3) {
      maxR = Math.max(maxR, Math.hypot(pts[i + 1]!, pts[i + 2]!));
      minX = Math.min(minX, pts[i]!);
      maxX = Math.max(maxX, pts[i]!);
    }
    expect(maxR).toBeCloseTo(1.2, 5);
    expect(minX).toBeCloseTo(0, 5);
    expect(maxX).toBeCloseTo(100, 5);
  });

  it('turns its normals with it: a needle along x has side normals across x and cap normals along x (it was lit as if along y, nearly black)', () => {
    const a = needleActor('n', [0, 0, 0], [100, 0, 0], 1.2, '#63e6be')!;
    const poly = polyOf(a);
    const pts = poly.getPoints().getData();
    const n = poly.getPointData().getNormals()!.getData();
    let side = 0, cap = 0;
    for (let i = 0; i < n.length; i += 3) {
      const len = Math.hypot(n[i]!, n[i + 1]!, n[i + 2]!);
      expect(len).toBeCloseTo(1, 5);
      if (Math.abs(n[i]!) < 1e-6) {
        // A side normal points away from the axis, through its own point.
        const r = Math.hypot(pts[i + 1]!, pts[i + 2]!);
        expect((n[i + 1]! * pts[i + 1]! + n[i + 2]! * pts[i + 2]!) / r).toBeCloseTo(1, 5);
        side++;
      } else {
        expect(Math.abs(n[i]!)).toBeCloseTo(1, 5);
        // The cap at x = 100 faces +x, the one at 0 faces −x.
        expect(Math.sign(n[i]!)).toBe(pts[i]! > 50 ? 1 : -1);
        cap++;
      }
    }
    expect(side).toBeGreaterThan(0);
    expect(cap).toBeGreaterThan(0);
  });
});
