import { describe, expect, it } from 'vitest';
import { shiftDa, shiftDt } from './shiftDates';

describe('date shift (hand-worked calendar arithmetic)', () => {
  it('crosses leap days, month and year ends in both directions', () => {
    expect(shiftDa('20240229', 10)).toBe('20240310'); // Feb 2024 has 29 days: +1 is Mar 1, +10 is Mar 10
    expect(shiftDa('20230228', 1)).toBe('20230301'); // 2023 is not a leap year
    expect(shiftDa('20231231', 1)).toBe('20240101');
    expect(shiftDa('20240301', -1)).toBe('20240229');
    // 2023 has 365 days: -365 from 2024-01-01 is 2023-01-01, one more is 2022-12-31.
    expect(shiftDa('20240101', -366)).toBe('20221231');
    expect(shiftDa('19000101', 0)).toBe('19000101');
  });

  it('refuses what is not a full, real date', () => {
    expect(shiftDa('20240230', 1)).toBeNull();
    expect(shiftDa('2024', 1)).toBeNull();
    expect(shiftDa('20240101-20240131', 1)).toBeNull();
  });

  it('moves a DT by its date and keeps time, fraction and offset', () => {
    expect(shiftDt('20240229093015.123456+0100', 10)).toBe('20240310093015.123456+0100');
    expect(shiftDt('20240229', 1)).toBe('20240301');
    expect(shiftDt('202402', 1)).toBeNull();
  });
});
