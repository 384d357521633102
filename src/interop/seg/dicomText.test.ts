import { describe, expect, it } from 'vitest';
import { framedValue, longText, personName, shortValue } from './dicomText';

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

describe('DICOM text values', () => {
  it('drops backslashes and control characters and cuts to the VR length', () => {
    expect(shortValue('a\\b\tc\n d')).toBe('a/b c d');
    expect(shortValue('x'.repeat(70))).toHaveLength(64);
  });

  it('counts the length limit in UTF-8 bytes, never cutting a character in two', () => {
    // 30 × "é" (2 bytes) + "–" (3 bytes) + 10 × "x" = 73 bytes in 41 characters: LO keeps 64 bytes.
    const label = `${'é'.repeat(30)}–${'x'.repeat(10)}`;
    const v = shortValue(label);
    expect(utf8Length(v)).toBe(64);
    expect(v).toBe(`${'é'.repeat(30)}–${'x'.repeat(1)}`);
    expect(utf8Length(shortValue('é'.repeat(40)))).toBe(64);
    expect(utf8Length(longText('–'.repeat(400)))).toBe(1023);
  });

  it('shortens the middle of a framed value so the suffix survives', () => {
    const v = framedValue('PercuPlan plan: ', 'y'.repeat(80), ' (SEG)');
    expect(v).toHaveLength(64);
    expect(v.endsWith('... (SEG)')).toBe(true);
    expect(framedValue('P: ', 'short', ' (SEG)')).toBe('P: short (SEG)');
    const accented = framedValue('PercuPlan plan: ', `Right iliac – ${'é'.repeat(40)}`, ' (SEG)');
    expect(utf8Length(accented)).toBeLessThanOrEqual(64);
    expect(accented.endsWith('... (SEG)')).toBe(true);
  });

  it('writes a display name as a PN family name followed by a caret', () => {
    expect(personName('Dr Test')).toBe('Dr Test^');
    expect(personName('a^b=c')).toBe('a b c^');
    expect(personName('')).toBe('');
  });
});
