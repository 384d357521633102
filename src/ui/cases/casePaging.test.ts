import { describe, expect, it } from 'vitest';
import { casePageLabel, previousOffset } from './casePaging';

describe('the case list pager', () => {
  it('counts from 1 and groups the total', () => {
    expect(casePageLabel({ offset: 0, shown: 50, total: 1234, next: 50 }, 'en-US')).toBe('Cases 1–50 of 1,234');
    // The last page of 1,234 at 50 a page starts at 1,201 and holds 34.
    expect(casePageLabel({ offset: 1200, shown: 34, total: 1234, next: null }, 'en-US')).toBe('Cases 1,201–1,234 of 1,234');
  });

  it('says so when nothing is listed, and leaves out "of" without a total', () => {
    expect(casePageLabel({ offset: 0, shown: 0, total: 0, next: null }, 'en-US')).toBe('No cases');
    expect(casePageLabel({ offset: 100, shown: 0, total: 60, next: null }, 'en-US')).toBe('No cases from 101 (60 in all)');
    expect(casePageLabel({ offset: 0, shown: 3, total: undefined, next: undefined }, 'en-US')).toBe('Cases 1–3');
    expect(casePageLabel({ offset: 6, shown: 1, total: 7, next: null }, 'en-US')).toBe('Case 7 of 7');
  });

  it('goes back one page, never before the first', () => {
    expect(previousOffset(100, 50)).toBe(50);
    expect(previousOffset(30, 50)).toBe(0);
    expect(previousOffset(0, 50)).toBeNull();
  });
});
