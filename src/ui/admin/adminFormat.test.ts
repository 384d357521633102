import { describe, expect, it } from 'vitest';
import { outcomeLabel, pageCount, passwordProblem, utcFromInput, utcTime } from './adminFormat';

describe('passwordProblem', () => {
  it('refuses fewer than 12 characters and accepts 12', () => {
    expect(passwordProblem('abcdefghijk')).toBe('At least 12 characters (11 now)');
    expect(passwordProblem('abcdefghijkl')).toBeUndefined();
    expect(passwordProblem('')).toBe('At least 12 characters (0 now)');
  });
  it('counts what a person typed: 11 emoji are 11 characters, not 22', () => {
    expect(passwordProblem('🔒'.repeat(11))).toBe('At least 12 characters (11 now)');
  });
});

describe('audit formatting', () => {
  it('names the DICOM outcomes', () => {
    expect([0, 4, 8, 12].map(outcomeLabel)).toEqual(['success', 'minor failure', 'serious failure', 'outcome 12']);
  });
  it('shows time in UTC whatever the offset it came with', () => {
    expect(utcTime('2026-12-06T19:16:19+01:00')).toBe('2026-12-06 18:16:19 UTC');
    expect(utcTime('not a date')).toBe('not a date');
  });
  it('reads a datetime-local value as UTC', () => {
    expect(utcFromInput('2026-12-06T18:00')).toBe('2026-12-06T18:00:00.000Z');
    expect(utcFromInput('')).toBeUndefined();
    expect(utcFromInput('garbage')).toBeUndefined();
  });
  it('counts pages', () => {
    expect([pageCount(0, 50), pageCount(50, 50), pageCount(51, 50), pageCount(10, 0)]).toEqual([1, 1, 2, 10]);
  });
});
