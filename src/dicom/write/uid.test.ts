import { describe, expect, it } from 'vitest';
import { isValidUid } from './uid';

describe('isValidUid', () => {
  it('accepts numeric dotted UIDs up to 64 characters', () => {
    expect(isValidUid('1.2.840.10008.5.1.4.1.1.2')).toBe(true);
    expect(isValidUid('2.25.0.1')).toBe(true);
    expect(isValidUid(`1.${'9'.repeat(62)}`)).toBe(true);
  });
  it('rejects leading zeros, empty components, letters and length over 64', () => {
    expect(isValidUid('1.02')).toBe(false);
    expect(isValidUid('1..2')).toBe(false);
    expect(isValidUid('1.2.')).toBe(false);
    expect(isValidUid('1.2a')).toBe(false);
    expect(isValidUid('')).toBe(false);
    expect(isValidUid(`1.${'9'.repeat(63)}`)).toBe(false);
  });
});
