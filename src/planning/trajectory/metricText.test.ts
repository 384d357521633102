import { describe, expect, it } from 'vitest';
import { lps } from '../../shared/vec3';
import { axialAngleText, craniocaudalAngleText, degText, mmText, tableVerticalText, unusedShaftText } from './metricText';
import { trajectoryAngles } from './trajectoryAngles';

/** Entry → target (tip) in LPS: +x patient left, +y posterior, +z superior. */
const text = (entry: [number, number, number], target: [number, number, number], position?: string) => {
  const a = trajectoryAngles(lps(...entry), lps(...target), position);
  return { axial: axialAngleText(a), cc: craniocaudalAngleText(a), vertical: tableVerticalText(a) };
};

describe('axial angle wording: from the AP axis, toward the side the tip leans (four quadrants, by hand)', () => {
  it('posterior entry, tip anterior and to the patient’s left: (30, −40) → atan(30/40) = 36.87°', () => {
    // Tip minus entry = (+30, −40, 0): +x is the patient's left.
    expect(text([-30, 40, 0], [0, 0, 0]).axial).toBe("36.9° from the AP axis, toward the patient's left");
  });
  it('posterior entry, tip anterior and to the patient’s right: (−10, −50) → atan(10/50) = 11.31°', () => {
    expect(text([10, 50, 0], [0, 0, 0]).axial).toBe("11.3° from the AP axis, toward the patient's right");
  });
  it('anterior entry, tip posterior and to the patient’s left: (20, 40) → atan(20/40) = 26.57°', () => {
    expect(text([-20, -40, 0], [0, 0, 0]).axial).toBe("26.6° from the AP axis, toward the patient's left");
  });
  it('anterior entry, tip posterior and to the patient’s right: (−30, 30) → 45°', () => {
    expect(text([30, -30, 0], [0, 0, 0]).axial).toBe("45.0° from the AP axis, toward the patient's right");
  });
  it('straight front to back is along the AP axis; straight head to feet has no axial angle', () => {
    expect(text([0, 50, 0], [0, 0, 0]).axial).toBe('0.0° (along the AP axis)');
    expect(text([0, 0, 50], [0, 0, 0]).axial).toBe('—');
  });
});

describe('craniocaudal angle wording: toward the head or the feet', () => {
  it('tip 10 mm higher (+z) than an entry 50 mm behind: asin(10/√2600) = 11.31° toward the head', () => {
    expect(text([0, 50, -10], [0, 0, 0]).cc).toBe('11.3° toward the head');
  });
  it('tip 30 mm lower over a 50 mm track: asin(30/50) = 36.87° toward the feet', () => {
    expect(text([0, 40, 30], [0, 0, 0]).cc).toBe('36.9° toward the feet');
  });
  it('a needle in the axial plane says so', () => {
    expect(text([0, 50, 0], [0, 0, 0]).cc).toBe('0.0° (in the axial plane)');
  });
});

describe('table vertical (decubitus only)', () => {
  it('left decubitus: tip 10 mm anterior over a 10 mm lateral run is 45° from the table vertical, toward anterior', () => {
    // Track (−10, −10, 0): angle from the x axis atan(10/10) = 45°, y negative = anterior.
    expect(text([10, 10, 0], [0, 0, 0], 'HFDL').vertical).toBe('45.0° from the table vertical, toward anterior');
  });
  it('supine or prone has none', () => {
    expect(text([10, 10, 0], [0, 0, 0], 'HFS').vertical).toBeNull();
  });
});

describe('one number format', () => {
  it('distances with 1 decimal and "mm", angles with 1 decimal and "°", nothing as "—", no negative zero', () => {
    expect([mmText(4.87), mmText(12), mmText(-0.04), mmText(null), mmText(Number.NaN)]).toEqual(['4.9 mm', '12.0 mm', '0.0 mm', '—', '—']);
    expect([degText(24.94), degText(null)]).toEqual(['24.9°', '—']);
  });
  it('unused shaft length: what is left, or how far the tip falls short', () => {
    expect([unusedShaftText(30), unusedShaftText(-12.34)]).toEqual(['30.0 mm', '12.3 mm short']);
  });
});
