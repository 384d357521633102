/** Where a page of the case list stands among all matching cases. */
export interface CasePageState {
  /** Offset of the page's first case. */
  offset: number;
  /** Cases on this page. */
  shown: number;
  /** Matching cases in all pages (undefined from a server without paging). */
  total: number | undefined;
  /** Offset of the next page, null on the last. */
  next: number | null | undefined;
}

/**
 * The pager's words, e.g. "Cases 51–100 of 1,234" ("Case 7 of 7" for one): numbers counted from 1, the total with the
 * locale's grouping; "No cases" for an empty list, and without "of" when the server gave no total.
 */
export function casePageLabel(p: CasePageState, locale?: string): string {
  const n = (v: number): string => v.toLocaleString(locale);
  if (p.shown === 0) return p.total ? `No cases from ${n(p.offset + 1)} (${n(p.total)} in all)` : 'No cases';
  const range = p.shown === 1 ? n(p.offset + 1) : `${n(p.offset + 1)}–${n(p.offset + p.shown)}`;
  if (p.shown === 1) return p.total === undefined ? `Case ${range}` : `Case ${range} of ${n(p.total)}`;
  return p.total === undefined ? `Cases ${range}` : `Cases ${range} of ${n(p.total)}`;
}

/** The offset of the previous page (null on the first). */
export const previousOffset = (offset: number, pageSize: number): number | null => (offset > 0 ? Math.max(0, offset - pageSize) : null);
