import { describe, expect, it } from 'vitest';
import { formatDecimalString, formatIntegerString } from './decimalString';

describe('formatDecimalString', () => {
  it('keeps short values exact', () => {
    expect(formatDecimalString(0.78125)).toBe('0.78125');
    expect(formatDecimalString(-199.609375)).toBe('-199.609375');
    expect(formatDecimalString(2)).toBe('2');
    expect(formatDecimalString(-1024)).toBe('-1024');
    expect(formatDecimalString(-0)).toBe('0');
  });

  it('fits long values into 16 characters with the most precision that fits', () => {
    const third = formatDecimalString(1 / 3);
    expect(third).toBe('0.33333333333333');
    expect(third.length).toBe(16);
    const bigValue = 1.2345678901234e17;
    const big = formatDecimalString(bigValue);
    expect(big.length).toBeLessThanOrEqual(16);
    expect(Math.abs(Number(big) - bigValue) / bigValue).toBeLessThan(1e-9);
    const smallValue = -0.00012345678901234;
    const negSmall = formatDecimalString(smallValue);
    expect(negSmall.length).toBeLessThanOrEqual(16);
    expect(Math.abs(Number(negSmall) / smallValue - 1)).toBeLessThan(1e-10);
    expect(formatDecimalString(1e-20)).toBe('1e-20');
  });

  it('refuses what DS cannot hold', () => {
    expect(() => formatDecimalString(Number.POSITIVE_INFINITY)).toThrow();
  });

  it('formats IS within the 32-bit range only', () => {
    expect(formatIntegerString(-5)).toBe('-5');
    expect(() => formatIntegerString(2 ** 31)).toThrow();
  });
});
