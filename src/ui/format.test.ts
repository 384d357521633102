import { describe, expect, it } from 'vitest';
import { formatAge, formatDicomDate, formatPersonName, withUnit } from './format';

describe('formatting DICOM values for display', () => {
  it('formats person names, dates, ages and units', () => {
    expect(formatPersonName('DOE^JANE')).toBe('DOE, JANE');
    expect(formatPersonName('SMITH')).toBe('SMITH');
    expect(formatDicomDate('20260314')).toBe('2026-03-14');
    expect(formatAge('062Y')).toBe('62 y');
    expect(withUnit(12.345, 'mm')).toBe('12.3 mm');
    expect(withUnit(undefined, 'mm')).toBe('—');
  });
});
