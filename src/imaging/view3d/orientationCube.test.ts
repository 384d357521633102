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
    // One letter a side: R left, L right; top and bottom each a tie of two at 0.707 (S or P; I or A).
    const at = Object.fromEntries(d.edgeLabels.map((e) => [`${e.at[0]},${e.at[1]}`, e.label]));
    expect(d.edgeLabels).toHaveLength(4);
    expect(at['0.84,0']).toBe('L');
    expect(at['-0.84,0']).toBe('R');
    expect(['S', 'P']).toContain(at['0,-0.84']);
    expect(['I', 'A']).toContain(at['0,0.84']);
    const order = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0.2, -1, 0] }).faces.map((f) => f.label);
    expect(order).toEqual(['L', 'A']);
  });

  it('puts one letter per side when two directions lean the same way (seen from the left and a little behind)', () => {
    // Normal (0.9, 0.436, 0): right = up × normal = (−0.436, 0.9, 0); P projects 0.9 right, R 0.436 right.
    const n = Math.hypot(0.9, 0.436);
    const d = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0.9 / n, 0.436 / n, 0] });
    const labels = d.edgeLabels.map((e) => `${e.label}@${e.at[0].toFixed(2)},${e.at[1].toFixed(2)}`).sort();
    expect(labels).toEqual(['A@-0.84,0.00', 'I@0.00,0.84', 'P@0.84,0.00', 'S@0.00,-0.84']);
  });

  it('a face square to the viewer spans the cube edge (2 × 0.34) on screen', () => {
    const [f] = orientationCube({ viewUp: [0, 0, 1], viewPlaneNormal: [0, -1, 0] }).faces;
    const xs = f!.corners.map((c) => c[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(0.68, 6);
  });
});
