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

  it('carries no point normals, so the renderer shades its faces from their geometry (the unit cylinder\'s normals drew it black)', () => {
    const a = needleActor('n', [0, 0, 0], [100, 0, 0], 1.2, '#63e6be')!;
    const poly = polyOf(a);
    expect(poly.getPointData().getNormals()).toBeFalsy();
    // Still a closed cylinder: 16 side quads and two caps.
    expect(poly.getPolys().getNumberOfCells()).toBe(18);
  });

  it('is drawn just under opaque (0.99), in the translucent pass where surfaces keep their colour on software WebGL', () => {
    const a = needleActor('n', [0, 0, 0], [0, 0, 50], 0.36, '#ffe066')!;
    expect(a.actor.getProperty().getOpacity()).toBe(0.99);
    expect(a.actor.getProperty().getColor()).toEqual([255 / 255, 224 / 255, 102 / 255]);
  });
});
