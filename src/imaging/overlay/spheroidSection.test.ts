import { describe, expect, it } from 'vitest';
import { spheroidQuadric, type Spheroid } from '../../planning/zones/spheroid';
import { add, cross, normalize, scale, sub, type Vec3 } from '../../shared/vec3';
import { spheroidSection } from './spheroidSection';
import { canvasToWorld, type ViewPlane } from './viewPlane';

/** A plane with canvas point (x0, y0) at `at`, unit axes u (right) and v (down). */
function plane(at: Vec3, u: Vec3, v: Vec3, pixelMm: number, x0 = 100, y0 = 100): ViewPlane {
  const right = scale(normalize(u), pixelMm), down = scale(normalize(v), pixelMm);
  return { origin: sub(sub(at, scale(right, x0)), scale(down, y0)), right, down, normal: scale(normalize(cross(u, v)), -1), width: 200, height: 200 };
}

describe('spheroidSection', () => {
  it('a sphere cut 6 mm off centre is a circle of radius √(R² − d²) = 8', () => {
    const s: Spheroid = { centre: [5, -3, 20], axis: [0, 0, 1], radialSemiMm: 10, axialSemiMm: 10 };
    const e = spheroidSection(s, plane([5, -3, 26], [1, 0, 0], [0, 1, 0], 0.5))!;
    expect(e.cx).toBeCloseTo(100, 10);
    expect(e.cy).toBeCloseTo(100, 10);
    expect(e.rx).toBeCloseTo(16, 10);
    expect(e.ry).toBeCloseTo(16, 10);
  });

  it('a prolate spheroid cut along its axis shows the radial and axial semi-axes', () => {
    // Coronal: right +x, down −z. Axis z, so the long semi-axis runs along canvas y.
    const s: Spheroid = { centre: [0, 0, 0], axis: [0, 0, 1], radialSemiMm: 5, axialSemiMm: 12 };
    const e = spheroidSection(s, plane([0, 0, 0], [1, 0, 0], [0, 0, -1], 0.5, 60, 80))!;
    expect(e.cx).toBeCloseTo(60, 10);
    expect(e.cy).toBeCloseTo(80, 10);
    expect(e.rx).toBeCloseTo(24, 10);
    expect(e.ry).toBeCloseTo(10, 10);
    expect(Math.abs(e.rotation)).toBeCloseTo(Math.PI / 2, 10);
  });

  it('a 45° cut, through the centre and 5 mm off it', () => {
    // a = 5, b = 10, axis z. Plane spanned by x and u = (0, 1, 1)/√2, offset h along
    // n = (0, 1, −1)/√2: p = s·x + t·u + h·n gives y = (t + h)/√2, z = (t − h)/√2 and
    // q = s²/25 + (t + h)²/50 + (t − h)²/200 = s²/25 + (t + 0.6h)²/40 + 0.016h².
    const s: Spheroid = { centre: [1, 2, 3], axis: [0, 0, 1], radialSemiMm: 5, axialSemiMm: 10 };
    const u: Vec3 = [0, Math.SQRT1_2, Math.SQRT1_2], n: Vec3 = [0, Math.SQRT1_2, -Math.SQRT1_2];
    // h = 0: semi-axes 5 (along x) and √40 (along u, canvas y).
    const e0 = spheroidSection(s, plane(s.centre, [1, 0, 0], u, 0.5))!;
    expect([e0.cx, e0.cy]).toEqual([expect.closeTo(100, 10), expect.closeTo(100, 10)]);
    expect(e0.rx).toBeCloseTo(2 * Math.sqrt(40), 10);
    expect(e0.ry).toBeCloseTo(10, 10);
    expect(Math.abs(e0.rotation)).toBeCloseTo(Math.PI / 2, 10);
    // h = 5: q = s²/25 + (t + 3)²/40 + 0.4, so centre at t = −3 mm (6 px up) and semi-axes
    // √(40·0.6) = √24 and √(25·0.6) = √15.
    const e5 = spheroidSection(s, plane(add(s.centre, scale(n, 5)), [1, 0, 0], u, 0.5))!;
    expect(e5.cx).toBeCloseTo(100, 10);
    expect(e5.cy).toBeCloseTo(94, 10);
    expect(e5.rx).toBeCloseTo(Math.sqrt(24) / 0.5, 10);
    expect(e5.ry).toBeCloseTo(Math.sqrt(15) / 0.5, 10);
    // Misses beyond h = 1/√0.016 ≈ 7.906 mm (the support function √((25 + 100)/2)).
    expect(spheroidSection(s, plane(add(s.centre, scale(n, 7.9)), [1, 0, 0], u, 0.5))).not.toBeNull();
    expect(spheroidSection(s, plane(add(s.centre, scale(n, 7.92)), [1, 0, 0], u, 0.5))).toBeNull();
  });

  it('a plane past a sphere misses', () => {
    const s: Spheroid = { centre: [0, 0, 0], axis: [1, 0, 0], radialSemiMm: 10, axialSemiMm: 10 };
    expect(spheroidSection(s, plane([0, 0, 10.01], [1, 0, 0], [0, 1, 0], 1))).toBeNull();
    expect(spheroidSection(s, plane([0, 0, 10], [1, 0, 0], [0, 1, 0], 1))).toBeNull(); // tangent
  });

  it('puts the ellipse on the spheroid surface for oblique spheroids and planes', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (let trial = 0; trial < 50; trial++) {
      const s: Spheroid = {
        centre: [rnd() * 20, rnd() * 20, rnd() * 20], axis: normalize([rnd(), rnd(), rnd()]),
        radialSemiMm: 3 + 5 * Math.abs(rnd()), axialSemiMm: 3 + 15 * Math.abs(rnd()),
      };
      const u = normalize([rnd(), rnd(), rnd()]), v = normalize(cross(u, [rnd(), rnd(), rnd()]));
      const p = plane(add(s.centre, scale(normalize(cross(u, v)), rnd() * 2.5)), u, v, 0.4);
      const e = spheroidSection(s, p)!;
      const m = spheroidQuadric(s);
      for (let k = 0; k < 12; k++) {
        const t = (k * Math.PI) / 6, c = Math.cos(e.rotation), sn = Math.sin(e.rotation);
        const ex = e.rx * Math.cos(t), ey = e.ry * Math.sin(t);
        const w = sub(canvasToWorld(p, e.cx + c * ex - sn * ey, e.cy + sn * ex + c * ey), s.centre);
        const q = w[0] * (m[0]! * w[0] + m[1]! * w[1] + m[2]! * w[2]) + w[1] * (m[3]! * w[0] + m[4]! * w[1] + m[5]! * w[2]) + w[2] * (m[6]! * w[0] + m[7]! * w[1] + m[8]! * w[2]);
        expect(q).toBeCloseTo(1, 9);
      }
      expect(e.rx).toBeGreaterThanOrEqual(e.ry);
    }
  });
});
