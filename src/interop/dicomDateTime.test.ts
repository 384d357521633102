import { describe, expect, it } from 'vitest';
import { dicomUtc } from './dicomDateTime';

describe('dicomUtc', () => {
  it('writes a stored UTC timestamp as DA, TM and DT', () => {
    expect(dicomUtc('2026-03-14T09:30:15.250Z')).toEqual({ ok: true, value: { date: '20260314', time: '093015.250', dateTime: '20260314093015.250+0000' } });
  });

  it('converts a timestamp with another offset to UTC, across midnight', () => {
    // 00:30 at +02:00 is 22:30 UTC the day before.
    expect(dicomUtc('2026-03-14T00:30:00+02:00')).toEqual({ ok: true, value: { date: '20260313', time: '223000.000', dateTime: '20260313223000.000+0000' } });
  });

  it('refuses text that is not a timestamp', () => {
    expect(dicomUtc('yesterday').ok).toBe(false);
  });
});
