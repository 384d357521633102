/** A Vitest JSON report, as far as the summary reads it. */
export interface VitestReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numPendingTests?: number;
  numTodoTests?: number;
  testResults?: { name?: string; status?: string; message?: string; assertionResults?: { status?: string }[] }[];
}

/** Counts of a run; `failed` includes every suite in `failedSuites`. */
export interface TestSummary {
  passed: number;
  failed: number;
  skipped: number;
  failedSuites: { name: string; message: string }[];
}

/** Counts a Vitest JSON report; a suite that failed with no failing test counts as one failure. */
export function summarize(report: VitestReport): TestSummary;
/** `tests: N passed, N failed, N skipped`, then a line per suite that failed without a failing test. */
export function summaryLines(s: TestSummary): string[];
