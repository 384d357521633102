import { err, ok, type Result } from '../../shared/result';

/** The most characters a DS (Decimal String) value may have (PS3.5 Table 6.2-1). */
export const DS_MAX_LENGTH = 16;

const trimZeros = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/**
 * A number as a DS value: the most precise fixed-point form that fits 16 characters, never
 * an exponent (some readers refuse "1e-7"), trailing zeros dropped, and −0 written "0".
 * An infinite or NaN value, or one too large to write without an exponent, is an error.
 */
export function formatDs(value: number): Result<string> {
  if (!Number.isFinite(value)) return err(`${value} is not a finite number`);
  if (Math.abs(value) >= 1e15) return err(`${value} is too large for a decimal string`);
  if (value === 0) return ok('0');
  const plain = String(value);
  if (!/e/i.test(plain) && plain.length <= DS_MAX_LENGTH) return ok(plain);
  for (let decimals = 15; decimals >= 0; decimals--) {
    const fixed = value.toFixed(decimals);
    if (fixed.length <= DS_MAX_LENGTH) {
      const s = trimZeros(fixed);
      return ok(s === '-0' || s === '' ? '0' : s);
    }
  }
  return err(`${value} does not fit a decimal string`);
}
