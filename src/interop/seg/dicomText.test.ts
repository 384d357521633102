import { describe, expect, it } from 'vitest';
import { framedValue, personName, shortValue } from './dicomText';

describe('DICOM text values', () => {
  it('drops backslashes and control characters and cuts to the VR length', () => {
    expect(shortValue('a\\b\tc\n d')).toBe('a/b c d');
    expect(shortValue('x'.repeat(70))).toHaveLength(64);
  });

  it('shortens the middle of a framed value so the suffix survives', () => {
    const v = framedValue('PercuPlan plan: ', 'y'.repeat(80), ' (SEG)');
    expect(v).toHaveLength(64);
    expect(v.endsWith('… (SEG)')).toBe(true);
    expect(framedValue('P: ', 'short', ' (SEG)')).toBe('P: short (SEG)');
  });

  it('writes a display name as a PN family name followed by a caret', () => {
    expect(personName('Dr Test')).toBe('Dr Test^');
    expect(personName('a^b=c')).toBe('a b c^');
    expect(personName('')).toBe('');
  });
});
