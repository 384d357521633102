import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { trajectoryAngles } from '../trajectory/trajectoryAngles';
import { axialWording, craniocaudalWording, tableVerticalWording } from './angleWording';

describe('angle wording', () => {
  it('prints one decimal and the direction, as the plan panel does, with the meaning in words', () => {
    expect(craniocaudalWording(12, 'caudal')).toEqual({ short: '12.0° caudal', meaning: 'tip toward the feet' });
    expect(craniocaudalWording(9.84, 'cranial')).toEqual({ short: '9.8° cranial', meaning: 'tip toward the head' });
    expect(axialWording(72.65, 'left')).toEqual({ short: '72.7° left', meaning: "tip toward the patient's left" });
    expect(axialWording(5, 'right').meaning).toBe("tip toward the patient's right");
  });

  it('says "in the axial plane" for no tilt and names degenerate needles', () => {
    expect(craniocaudalWording(0, 'none')).toEqual({ short: '0.0°', meaning: 'in the axial plane (no gantry tilt needed)' });
    expect(craniocaudalWording(null, 'none').short).toBe('—');
    expect(axialWording(null, 'none').meaning).toBe('no axial component (purely craniocaudal)');
    expect(axialWording(0, 'none').meaning).toBe('along the anterior–posterior axis');
  });

  it('words a hand-worked needle: entry (0,0,0) to target (3,4,−5) is 45.0° caudal and 36.9° left', () => {
    // |d| = √50; d_z = −5/√50 = −1/√2 → asin = 45°, toward −z (the feet); axial atan(3/4) = 36.87°, toward +x (left).
    const a = trajectoryAngles(lps(0, 0, 0), lps(3, 4, -5));
    expect(craniocaudalWording(a.craniocaudalAngleDeg, a.craniocaudalDirection).short).toBe('45.0° caudal');
    expect(axialWording(a.axialAngleDeg, a.axialDirection).short).toBe('36.9° left');
  });

  it('gives the table-vertical angle only for decubitus series', () => {
    expect(tableVerticalWording(null, null)).toBeNull();
    expect(tableVerticalWording(20, 'anterior')).toEqual({ short: '20.0° anterior', meaning: 'from the table vertical, tip toward anterior' });
  });
});
