import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { trajectoryAngles } from './trajectoryAngles';
import { trajectoryMetrics } from './trajectoryMetrics';

const O = lps(0, 0, 0);

describe('trajectoryAngles (hand-worked, LPS: +x left, +y posterior, +z superior)', () => {
  it('straight posterior-to-anterior: axial 0°, craniocaudal 0°, in plane', () => {
    // d = (0, −1, 0): no x and no z component.
    expect(trajectoryAngles(lps(0, 100, 0), O)).toEqual({
      depthMm: 100,
      craniocaudalAngleDeg: 0,
      craniocaudalDirection: 'none',
      axialAngleDeg: 0,
      axialDirection: 'none',
      inPlane: true,
      tableVerticalAngleDeg: null,
      tableVerticalDirection: null,
    });
  });

  it('from (−50, 0, 50): depth 50√2, 45° caudal, axial 90° toward the left', () => {
    // d = (50, 0, −50)/70.71 = (0.7071, 0, −0.7071): asin(0.7071) = 45°, going down;
    // its axial projection (0.7071, 0) is perpendicular to the AP axis, pointing to +x (left).
    const a = trajectoryAngles(lps(-50, 0, 50), O);
    expect(a.depthMm).toBeCloseTo(70.7107, 4);
    expect(a.craniocaudalAngleDeg).toBeCloseTo(45, 10);
    expect(a.craniocaudalDirection).toBe('caudal');
    expect(a.axialAngleDeg).toBeCloseTo(90, 10);
    expect(a.axialDirection).toBe('left');
    expect(a.inPlane).toBe(false);
  });

  it('a 3-4-5 oblique in the axial plane: atan(3/4) = 36.87° toward the left', () => {
    const a = trajectoryAngles(lps(-30, 40, 0), O);
    expect(a.depthMm).toBe(50);
    expect(a.axialAngleDeg).toBeCloseTo(36.8699, 4);
    expect(a.axialDirection).toBe('left');
    expect(a.inPlane).toBe(true);
  });

  it('toward the right when x decreases', () => {
    const a = trajectoryAngles(lps(30, 40, 0), O);
    expect(a.axialAngleDeg).toBeCloseTo(36.8699, 4);
    expect(a.axialDirection).toBe('right');
  });

  it('cranial tilt: rising 10 mm over 100 mm of AP travel is asin(10/√10100) = 5.711°', () => {
    const a = trajectoryAngles(lps(0, 100, -10), O);
    expect(a.craniocaudalAngleDeg).toBeCloseTo(5.7106, 4);
    expect(a.craniocaudalDirection).toBe('cranial');
    expect(a.axialAngleDeg).toBe(0);
  });

  it('in plane up to and including 1°', () => {
    const rise = (deg: number) => 100 * Math.tan((deg * Math.PI) / 180);
    expect(trajectoryAngles(lps(0, 100, -rise(0.999)), O).inPlane).toBe(true);
    expect(trajectoryAngles(lps(0, 100, -rise(1.01)), O).inPlane).toBe(false);
  });

  it('a purely craniocaudal needle has no axial angle', () => {
    const a = trajectoryAngles(lps(0, 0, 80), O);
    expect([a.craniocaudalAngleDeg, a.craniocaudalDirection, a.axialAngleDeg, a.axialDirection]).toEqual([90, 'caudal', null, 'none']);
  });

  it('a zero-length trajectory has no angles and is not in plane', () => {
    const a = trajectoryAngles(O, O);
    expect([a.depthMm, a.craniocaudalAngleDeg, a.axialAngleDeg, a.inPlane]).toEqual([0, null, null, false]);
  });

  it('decubitus right (right side down): angle from the table vertical, the patient-left axis', () => {
    // Entry on the up side (patient left), 20° off vertical toward anterior: d ∝ (−100, −36.397, 0).
    const a = trajectoryAngles(lps(100, 100 * Math.tan((20 * Math.PI) / 180), 0), O, 'HFDR');
    expect(a.tableVerticalAngleDeg).toBeCloseTo(20, 8);
    expect(a.tableVerticalDirection).toBe('anterior');
    expect(a.axialAngleDeg).toBeCloseTo(70, 8);
    expect(a.axialDirection).toBe('right');
    expect(trajectoryAngles(lps(-100, -10, 0), O, 'FFDL').tableVerticalDirection).toBe('posterior');
  });

  it('supine and prone add no table-vertical angle', () => {
    expect(trajectoryAngles(lps(10, 100, 0), O, 'HFS').tableVerticalAngleDeg).toBeNull();
    expect(trajectoryAngles(lps(10, 100, 0), O, 'FFP').tableVerticalDirection).toBeNull();
  });
});

describe('trajectoryMetrics', () => {
  it('needle margin is working length minus depth', () => {
    const m = trajectoryMetrics(lps(-30, 40, 0), O, { workingLengthMm: 100 });
    expect(m.needleMarginMm).toBe(50);
    expect(m.warnings).toEqual([]);
  });

  it('warns when the needle is too short', () => {
    const m = trajectoryMetrics(lps(0, 120, 0), O, { workingLengthMm: 100 });
    expect(m.needleMarginMm).toBe(-20);
    expect(m.warnings).toEqual(['needle-too-short']);
  });
});
