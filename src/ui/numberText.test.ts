import { describe, expect, it } from 'vitest';
import { numberTextOf, readNumberText } from './numberText';

describe('reading a number field', () => {
  it('an emptied required field is refused with a message, never read as 0', () => {
    const r = readNumberText('', { required: true, label: 'Leak limit' });
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.message).toMatch(/^Leak limit: enter a number/);
    expect(readNumberText('   ', { required: true }).ok).toBe(false);
  });
  it('an emptied optional field is "not set" (null), not 0', () => {
    expect(readNumberText('', { required: false })).toEqual({ ok: true, value: null });
  });
  it('reads numbers, and refuses what is out of range, not whole, or not a number', () => {
    expect(readNumberText('2.5', { required: true })).toEqual({ ok: true, value: 2.5 });
    expect(readNumberText('0', { required: true, min: 0 })).toEqual({ ok: true, value: 0 });
    expect(readNumberText('0', { required: true, min: 1 })).toEqual({ ok: false, message: 'at least 1' });
    expect(readNumberText('101', { required: false, max: 100 })).toEqual({ ok: false, message: 'at most 100' });
    expect(readNumberText('1.5', { required: true, integer: true })).toEqual({ ok: false, message: 'a whole number' });
    expect(readNumberText('1e', { required: true }).ok).toBe(false);
    expect(readNumberText('-', { required: true }).ok).toBe(false);
  });
  it('shows nothing for a value that is not set', () => {
    expect(numberTextOf(null)).toBe('');
    expect(numberTextOf(undefined)).toBe('');
    expect(numberTextOf(0)).toBe('0');
  });
});
