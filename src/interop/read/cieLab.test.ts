import { describe, expect, it } from 'vitest';
import { dicomLabToHex, dicomLabToLab, labToRgb, paletteColour } from './cieLab';

describe('DICOM CIELab to display colour', () => {
  it('unscales the 16-bit triple: 0xFFFF is L* 100; a*, b* 0 is 128·65535/255 = 32896 exactly', () => {
    // 32896 · 255 = 8 388 480 = 128 · 65535, so a* = 8 388 480 / 65535 − 128 = 0.
    expect(dicomLabToLab([0xffff, 32896, 32896])).toEqual([100, 0, 0]);
    expect(dicomLabToLab([0, 0, 0xffff])).toEqual([0, -128, 127]);
  });

  it('white and black', () => {
    expect(dicomLabToHex([0xffff, 32896, 32896])).toBe('#ffffff');
    expect(dicomLabToHex([0, 32896, 32896])).toBe('#000000');
  });

  it('mid grey L* 50 worked by hand: Y = (66/116)³ = 0.184187, sRGB 1.055·Y^(1/2.4) − 0.055 = 0.46634 → 119', () => {
    expect(labToRgb([50, 0, 0])).toEqual([119, 119, 119]);
  });

  it('pure sRGB red, whose published D65 CIELab is (53.2408, 80.0925, 67.2032)', () => {
    expect(labToRgb([53.2408, 80.0925, 67.2032])).toEqual([255, 0, 0]);
  });

  it('colours out of the sRGB gamut are clamped, not wrapped', () => {
    const rgb = labToRgb([50, 127, -128]);
    expect(rgb.every((c) => c >= 0 && c <= 255)).toBe(true);
  });

  it('segments without a recommended colour get a palette colour by number, the same each time', () => {
    expect(paletteColour(1)).toBe(paletteColour(11));
    expect(paletteColour(1)).not.toBe(paletteColour(2));
    expect(paletteColour(0)).toMatch(/^#[0-9a-f]{6}$/);
  });
});
