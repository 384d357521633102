import { describe, expect, it } from 'vitest';
import { isoMinute, localToday } from './isoText';

describe('ISO-style times on the board pages', () => {
  it('writes a timestamp as local YYYY-MM-DD HH:MM, zero-padded', () => {
    // Built in local time, so the expected text holds in any time zone.
    expect(isoMinute(new Date(2026, 0, 5, 7, 3, 59).toISOString())).toBe('2026-01-05 07:03');
  });
  it('writes a dash for no time and leaves unreadable text as it is', () => {
    expect(isoMinute(null)).toBe('—');
    expect(isoMinute('soon')).toBe('soon');
  });
  it("gives today's local date the way a date input does", () => {
    expect(localToday(new Date(2026, 11, 31, 23, 59))).toBe('2026-12-31');
  });
});
