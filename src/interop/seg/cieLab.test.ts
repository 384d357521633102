import { describe, expect, it } from 'vitest';
import { dicomLabToHex } from '../read/cieLab';
import { hexToDicomLab, labToDicom, rgbToLab } from './cieLab';

describe('sRGB to DICOM CIELab', () => {
  it('scales L* 0..100 and a*, b* −128..127 to 0..65535 (PS3.3 C.10.7.1.1)', () => {
    // White: L* 100 → 65535; a* = b* = 0 → 128 × 65535 / 255 = 128 × 257 = 32896.
    expect(labToDicom([100, 0, 0])).toEqual([65535, 32896, 32896]);
    expect(labToDicom([0, -128, 127])).toEqual([0, 0, 65535]);
  });

  it('converts white, pure red and pure green as the published D65 values say', () => {
    expect(hexToDicomLab('#ffffff')).toEqual([65535, 32896, 32896]);
    // sRGB red is L* 53.2408, a* 80.0925, b* 67.2032 (D65): 53.2408 × 655.35 = 34891,
    // (80.0925 + 128) × 257 = 53480, (67.2032 + 128) × 257 = 50167.
    const red = rgbToLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.2408, 2);
    expect(red[1]).toBeCloseTo(80.0925, 1);
    expect(red[2]).toBeCloseTo(67.2032, 1);
    hexToDicomLab('#ff0000')!.forEach((v, a) => expect(Math.abs(v - [34891, 53480, 50167][a]!)).toBeLessThanOrEqual(3));
    // sRGB green is L* 87.7347, a* −86.1827, b* 83.1793: 57497, 10747, 54273.
    hexToDicomLab('#00ff00')!.forEach((v, a) => expect(Math.abs(v - [57497, 10747, 54273][a]!)).toBeLessThanOrEqual(3));
    expect(hexToDicomLab('#000000')).toEqual([0, 32896, 32896]);
  });

  it('reads back as the same colour through the reader, and refuses what is not #rrggbb', () => {
    for (const hex of ['#e8590c', '#4dabf7', '#ff6b6b', '#868e96']) expect(dicomLabToHex(hexToDicomLab(hex)!)).toBe(hex);
    expect(hexToDicomLab('red')).toBeUndefined();
  });
});
