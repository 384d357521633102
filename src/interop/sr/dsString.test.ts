import { describe, expect, it } from 'vitest';
import { formatDs } from './dsString';

const v = (x: number): string => {
  const r = formatDs(x);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('formatDs', () => {
  it('keeps short values as JavaScript writes them', () => {
    expect(v(12.5)).toBe('12.5');
    expect(v(-3)).toBe('-3');
    expect(v(0)).toBe('0');
  });

  it('writes −0 as 0, not "-0"', () => {
    expect(v(-0)).toBe('0');
    // −1e-20 rounds to zero at 14 decimals: the sign must go too.
    expect(v(-1e-20)).toBe('0');
  });

  it('never writes an exponent', () => {
    // String(1e-7) is "1e-7"; 16 characters hold "0.00000010000000", zeros trimmed.
    expect(v(1e-7)).toBe('0.0000001');
    expect(v(1.5e-5)).toBe('0.000015');
  });

  it('rounds to the most decimals 16 characters allow', () => {
    // "123." leaves 12 decimals: 123.456789012345|678 rounds up to …346.
    expect(v(123.45678901234568)).toBe('123.456789012346');
    // "-1234567." (9) leaves 7 decimals: 1234567.1234567|89 rounds up to …568.
    expect(v(-1234567.123456789)).toBe('-1234567.1234568');
    // 1/3: "0." leaves 14 decimals.
    expect(v(1 / 3)).toBe('0.33333333333333');
    for (const x of [1 / 3, 123.45678901234568, -1234567.123456789, 1e-7, 98765.4321]) expect(v(x).length).toBeLessThanOrEqual(16);
  });

  it('refuses what no DS can hold', () => {
    expect(formatDs(Number.NaN).ok).toBe(false);
    expect(formatDs(Number.POSITIVE_INFINITY).ok).toBe(false);
    expect(formatDs(1e16).ok).toBe(false);
  });
});
