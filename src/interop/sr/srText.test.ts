import { describe, expect, it } from 'vitest';
import { longString, personName, specificCharacterSet, srSeriesDescription } from './srText';

describe('SR text values', () => {
  it('keeps a short title whole in the series description', () => {
    expect(srSeriesDescription('L2 cementoplasty')).toBe('PercuPlan plan: L2 cementoplasty (SR)');
    expect(srSeriesDescription('  ')).toBe('PercuPlan plan: untitled (SR)');
  });

  it('shortens a long title so the LO holds 64 characters, and drops backslashes', () => {
    const d = srSeriesDescription(`${'x'.repeat(100)}`);
    expect(d).toHaveLength(64);
    // 64 − "PercuPlan plan: " (16) − " (SR)" (5) = 43 characters of title, the last 3 "...".
    expect(d).toBe(`PercuPlan plan: ${'x'.repeat(40)}... (SR)`);
    expect(srSeriesDescription('a\\b')).toBe('PercuPlan plan: a b (SR)');
  });

  it('writes names and long strings without value separators or control characters', () => {
    expect(personName('Dr\\Who\n')).toBe('Dr Who');
    expect(personName('y'.repeat(80))).toHaveLength(64);
    expect(longString('1.2.3\t(beta)')).toBe('1.2.3 (beta)');
  });

  it('declares UTF-8 only when some text is not ASCII, nested values included', () => {
    expect(specificCharacterSet({ PatientName: 'Doe^John', ContentSequence: [{ TextValue: 'ok' }] })).toEqual({});
    expect(specificCharacterSet({ ContentSequence: [{ ContentSequence: [{ TextValue: '11 G × 100 mm' }] }] })).toEqual({ SpecificCharacterSet: 'ISO_IR 192' });
    expect(specificCharacterSet({ PatientName: [{ Alphabetic: 'Zoë' }] })).toEqual({ SpecificCharacterSet: 'ISO_IR 192' });
  });
});
