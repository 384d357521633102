import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../shared/vec3';
import {
  applyMatrix,
  applyToDirection,
  IDENTITY4,
  invertRigid,
  matrixFromParams,
  multiply,
  paramsFromMatrix,
  rmsDistanceMm,
  rotationDifferenceDeg,
  type Matrix4,
} from './rigid';

const O: Vec3 = [0, 0, 0];
const rot = (x: number, y: number, z: number, centre: Vec3 = O, t: Vec3 = O): Matrix4 => matrixFromParams({ rotationDeg: [x, y, z], translationMm: t }, centre);
const close = (a: readonly number[], b: readonly number[], eps = 1e-9) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, -Math.log10(eps)));
const translate = (x: number, y: number, z: number): Matrix4 => [1, 0, 0, x, 0, 1, 0, y, 0, 0, 1, z, 0, 0, 0, 1];

describe('rigid matrices (planning LPS → CBCT LPS, row-major)', () => {
  it('90° about each axis turns the axes as the right-hand rule says', () => {
    // About z: +x → +y, +y → −x.
    close(applyMatrix(rot(0, 0, 90), [1, 0, 0]), [0, 1, 0]);
    close(applyMatrix(rot(0, 0, 90), [0, 1, 0]), [-1, 0, 0]);
    // About x: +y → +z; about y: +z → +x.
    close(applyMatrix(rot(90, 0, 0), [0, 1, 0]), [0, 0, 1]);
    close(applyMatrix(rot(0, 90, 0), [0, 0, 1]), [1, 0, 0]);
    // x is applied first, then y: +y → (x) +z → (y) +x.
    close(applyMatrix(rot(90, 90, 0), [0, 1, 0]), [1, 0, 0]);
    // The last row stays 0 0 0 1.
    close(rot(30, 40, 50, [1, 2, 3], [4, 5, 6]).slice(12), [0, 0, 0, 1]);
  });

  it('rotates about the centre and then translates', () => {
    // (11, 0, 0) is 1 mm along +x from the centre (10, 0, 0): 90° about z puts it 1 mm along +y, then + (1, 2, 3).
    const m = rot(0, 0, 90, [10, 0, 0], [1, 2, 3]);
    close(applyMatrix(m, [11, 0, 0]), [11, 3, 3]);
    // The centre moves by the translation only.
    close(applyMatrix(m, [10, 0, 0]), [11, 2, 3]);
    // Directions ignore the translation.
    close(applyToDirection(m, [1, 0, 0]), [0, 1, 0]);
  });

  it('multiply applies the right matrix first', () => {
    close(applyMatrix(multiply(translate(1, 0, 0), rot(0, 0, 90)), [1, 0, 0]), [1, 1, 0]);
    close(applyMatrix(multiply(rot(0, 0, 90), translate(1, 0, 0)), [1, 0, 0]), [0, 2, 0]);
  });

  it('invertRigid undoes the transform', () => {
    const m = rot(12, -25, 33, [-86, -3, -346], [7, -12, 20]);
    close(multiply(m, invertRigid(m)), IDENTITY4);
    close(applyMatrix(invertRigid(m), applyMatrix(m, [5, 6, 7])), [5, 6, 7]);
    close(invertRigid(translate(1, 2, 3)), translate(-1, -2, -3));
  });

  it('paramsFromMatrix inverts matrixFromParams (|y rotation| < 90°) about any centre', () => {
    const centre: Vec3 = [-86, -3, -346.5];
    for (const [rx, ry, rz, tx, ty, tz] of [[10, -20, 30, 1, 2, 3], [-170, 80, 170, -30, 0, 30], [0, 0, 0, 5, 5, 5], [45, -45, -90, 0, -12.5, 8]] as const) {
      const p = paramsFromMatrix(rot(rx, ry, rz, centre, [tx, ty, tz]), centre);
      close(p.rotationDeg, [rx, ry, rz], 1e-8);
      close(p.translationMm, [tx, ty, tz], 1e-8);
    }
    // About another centre the rotation is the same and the translation is where that centre goes.
    const m = rot(0, 0, 90, [10, 0, 0]);
    const p = paramsFromMatrix(m, O);
    close(p.rotationDeg, [0, 0, 90]);
    close(p.translationMm, [10, -10, 0]);
  });

  it('rotationDifferenceDeg is the angle between the two rotations, translations aside', () => {
    expect(rotationDifferenceDeg(IDENTITY4, rot(0, 0, 90))).toBeCloseTo(90, 9);
    expect(rotationDifferenceDeg(rot(0, 0, 30), multiply(rot(0, 0, 30), rot(40, 0, 0)))).toBeCloseTo(40, 9);
    expect(rotationDifferenceDeg(translate(5, 0, 0), rot(0, 0, 0, O, [0, 9, 0]))).toBeCloseTo(0, 6);
    expect(rotationDifferenceDeg(IDENTITY4, rot(0, 0, 180))).toBeCloseTo(180, 6);
  });

  it('rmsDistanceMm: a 3-4-5 translation is 5 mm everywhere; a rotation grows with the radius', () => {
    expect(rmsDistanceMm(IDENTITY4, translate(3, 4, 0), [[0, 0, 0], [100, -50, 7]])).toBeCloseTo(5, 12);
    expect(rmsDistanceMm(IDENTITY4, translate(3, 4, 0), [])).toBe(0);
    // 90° about z through the origin moves (r, 0, 0) to (0, r, 0): r·√2; points at r = 1 and 2 → √((2 + 8)/2).
    expect(rmsDistanceMm(IDENTITY4, rot(0, 0, 90), [[1, 0, 0], [2, 0, 0]])).toBeCloseTo(Math.sqrt(5), 12);
  });
});
