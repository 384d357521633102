import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import { compareNeedles } from './needleComparison';

// LPS: +x left, +y posterior, +z superior. The expert's needle goes in from the back, straight
// anterior: entry 25 mm posterior of the target.
const expert = { entry: [0, 25, 0] as Vec3, target: [0, 0, 0] as Vec3 };
const rad = (d: number): number => (d * Math.PI) / 180;

describe('compareNeedles', () => {
  it('a parallel needle 5 mm to the left: both errors 5 mm, no angle', () => {
    const c = compareNeedles({ entry: [5, 25, 0], target: [5, 0, 0] }, expert);
    expect(c.targetErrorMm).toBeCloseTo(5, 9);
    expect(c.entryErrorMm).toBeCloseTo(5, 9);
    expect(c.angleDeg).toBeCloseTo(0, 9);
    expect(c.axialDifferenceDeg).toBeCloseTo(0, 9);
    expect(c.craniocaudalDifferenceDeg).toBeCloseTo(0, 9);
  });

  it('a parallel needle off by 3 mm left and 4 mm cranial: √(9 + 16) = 5 mm', () => {
    const c = compareNeedles({ entry: [3, 25, 4], target: [3, 0, 4] }, expert);
    expect(c.targetErrorMm).toBeCloseTo(5, 9);
    expect(c.entryErrorMm).toBeCloseTo(5, 9);
    expect(c.angleDeg).toBeCloseTo(0, 9);
  });

  it('rotated 10° about the target in the axial plane: target error 0, angle 10°, all of it axial', () => {
    const e: Vec3 = [25 * Math.sin(rad(10)), 25 * Math.cos(rad(10)), 0];
    const c = compareNeedles({ entry: e, target: [0, 0, 0] }, expert);
    expect(c.targetErrorMm).toBeCloseTo(0, 9);
    // The chord between the two entries: 2 · 25 · sin 5° = 4.3578 mm.
    expect(c.entryErrorMm).toBeCloseTo(4.3578, 3);
    expect(c.angleDeg).toBeCloseTo(10, 9);
    expect(c.axialDifferenceDeg).toBeCloseTo(10, 9);
    expect(c.craniocaudalDifferenceDeg).toBeCloseTo(0, 9);
  });

  it('tilted 10° cranially: all of it craniocaudal; 10° cranial against 10° caudal is 20°', () => {
    // The entry lies below the target, so the needle climbs: cranial.
    const cranial = { entry: [0, 25 * Math.cos(rad(10)), -25 * Math.sin(rad(10))] as Vec3, target: [0, 0, 0] as Vec3 };
    const c = compareNeedles(cranial, expert);
    expect(c.angleDeg).toBeCloseTo(10, 9);
    expect(c.craniocaudalDifferenceDeg).toBeCloseTo(10, 9);
    expect(c.axialDifferenceDeg).toBeCloseTo(0, 9);
    const caudal = { entry: [0, 25 * Math.cos(rad(10)), 25 * Math.sin(rad(10))] as Vec3, target: [0, 0, 0] as Vec3 };
    expect(compareNeedles(cranial, caudal).craniocaudalDifferenceDeg).toBeCloseTo(20, 9);
    expect(compareNeedles(cranial, caudal).angleDeg).toBeCloseTo(20, 9);
  });

  it('measures the axial difference between the projections, not the folded 0–90° readings', () => {
    // Both read "80° left" on the page (angle from the AP axis), but one goes anterior and the
    // other posterior: the projections are 20° apart.
    const a = { entry: [-Math.sin(rad(80)), Math.cos(rad(80)), 0] as Vec3, target: [0, 0, 0] as Vec3 };
    const b = { entry: [-Math.sin(rad(80)), -Math.cos(rad(80)), 0] as Vec3, target: [0, 0, 0] as Vec3 };
    expect(compareNeedles(a, b).axialDifferenceDeg).toBeCloseTo(20, 9);
  });

  it('a needle pointing the other way is 180° off; a zero-length needle has no angles', () => {
    expect(compareNeedles({ entry: [0, -25, 0], target: [0, 0, 0] }, expert).angleDeg).toBeCloseTo(180, 9);
    const c = compareNeedles({ entry: [0, 0, 0], target: [0, 0, 0] }, expert);
    expect(c).toEqual({ targetErrorMm: 0, entryErrorMm: 25, angleDeg: null, axialDifferenceDeg: null, craniocaudalDifferenceDeg: null });
  });

  it('a purely craniocaudal needle has no axial projection to compare', () => {
    const c = compareNeedles({ entry: [0, 0, 25], target: [0, 0, 0] }, expert);
    expect(c.axialDifferenceDeg).toBeNull();
    expect(c.angleDeg).toBeCloseTo(90, 9);
    expect(c.craniocaudalDifferenceDeg).toBeCloseTo(90, 9);
  });
});
