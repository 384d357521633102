import { describe, expect, it } from 'vitest';
import { orientationCube } from './orientationCube';

const near = (a: readonly number[], b: readonly number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 6));

describe('orientationCube', () => {
  it('coronal from the front (normal A, up S): only the A face, S above, I below, patient L on the right', () => {
    const d = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0, -1, 0] });
    expect(d.faces.map((f) => f.label)).toEqual(['A']);
    expect(d.faces[0]!.facing).toBeCloseTo(1, 9);
    const at = Object.fromEntries(d.edgeLabels.map((e) => [e.label, e.at]));
    expect(Object.keys(at).sort()).toEqual(['I', 'L', 'R', 'S']);
    // Canvas y grows downward: S at negative y.
    near(at['S']!, [0, -0.84]);
    near(at['I']!, [0, 0.84]);
    near(at['L']!, [0.84, 0]);
    near(at['R']!, [-0.84, 0]);
  });

  it('axial from the feet (normal I, up A): the I face, A on top, L on the right', () => {
    const d = orientationCube({ viewUp: [0, -1, 0], viewPlaneNormal: [0, 0, -1] });
    expect(d.faces.map((f) => f.label)).toEqual(['I']);
    const at = Object.fromEntries(d.edgeLabels.map((e) => [e.label, e.at]));
    expect(at['A']![1]).toBeLessThan(-0.8);
    expect(at['L']![0]).toBeGreaterThan(0.8);
  });

  it('turns with the view: from the front and above at 45°, the A and S faces show equally, the nearer drawn last', () => {
    const s = Math.SQRT1_2;
    const d = orientationCube({ viewUp: [0, s, s], viewPlaneNormal: [0, -s, s] });
    expect(d.faces.map((f) => f.label).sort()).toEqual(['A', 'S']);
    for (const f of d.faces) expect(f.facing).toBeCloseTo(s, 6);
    // S face centre is above the A face centre on screen.
    const c = Object.fromEntries(d.faces.map((f) => [f.label, f.centre]));
    expect(c['S']![1]).toBeLessThan(c['A']![1]);
    // Looking obliquely, A and S project to 0.707 of the radius, still labelled at the edge; P and I opposite.
    expect(d.edgeLabels.map((e) => e.label).sort()).toEqual(['A', 'I', 'L', 'P', 'R', 'S']);
    const order = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0.2, -1, 0] }).faces.map((f) => f.label);
    expect(order).toEqual(['L', 'A']);
  });

  it('a face square to the viewer spans the cube edge (2 × 0.34) on screen', () => {
    const [f] = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0, -1, 0] }).faces;
    const xs = f!.corners.map((c) => c[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(0.68, 6);
  });
});
