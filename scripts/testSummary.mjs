// The closing line of `npm test`: counts from Vitest's JSON report, where a suite that failed
// without a failing test (an error while collecting it, or in a hook) counts as a failure too.
// Vitest's own numFailedTests leaves those out, so the line used to read "0 failed" over a red run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Counts a Vitest JSON report.
 * @param {{ numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number,
 *   testResults?: { name?: string, status?: string, message?: string, assertionResults?: { status?: string }[] }[] }} report
 * @returns {{ passed: number, failed: number, skipped: number, failedSuites: { name: string, message: string }[] }}
 *   failed includes failedSuites.length: each suite that failed with none of its tests failing.
 */
export function summarize(report) {
  const failedSuites = (report.testResults ?? [])
    .filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((t) => t.status === 'failed'))
    .map((s) => ({ name: s.name ?? '(unnamed suite)', message: firstLine(s.message) }));
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + failedSuites.length,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    failedSuites,
  };
}

/**
 * The lines `npm test` prints: `tests: N passed, N failed, N skipped` first, then one line per
 * suite that failed without a failing test.
 * @param {ReturnType<typeof summarize>} s
 * @returns {string[]}
 */
export function summaryLines(s) {
  const lines = [`tests: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`];
  if (s.failedSuites.length > 0) {
    lines.push(`(of which ${s.failedSuites.length} ${s.failedSuites.length === 1 ? 'suite' : 'suites'} failed to load or in a hook)`);
    for (const f of s.failedSuites) lines.push(`  failed suite: ${f.name}${f.message ? `: ${f.message}` : ''}`);
  }
  return lines;
}

/** @param {string | undefined} message */
function firstLine(message) {
  return (message ?? '').split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
}

/**
 * Adds up the counts of several reports (the runs of one `npm test`).
 * @param {ReturnType<typeof summarize>[]} parts
 * @returns {ReturnType<typeof summarize>}
 */
export function combine(parts) {
  return {
    passed: parts.reduce((n, p) => n + p.passed, 0),
    failed: parts.reduce((n, p) => n + p.failed, 0),
    skipped: parts.reduce((n, p) => n + p.skipped, 0),
    failedSuites: parts.flatMap((p) => p.failedSuites),
  };
}

// CLI: node scripts/testSummary.mjs <vitest.json>...; one line over all the reports; exits 1 when
// anything failed or any report is unreadable (a run that died before writing one failed).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = process.argv.slice(2);
  const parts = [];
  for (const file of files.length ? files : ['']) {
    try {
      parts.push(summarize(JSON.parse(readFileSync(file, 'utf8'))));
    } catch (e) {
      console.log(`tests: no readable Vitest report at ${file}: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    }
  }
  const s = combine(parts);
  for (const line of summaryLines(s)) console.log(line);
  process.exit(s.failed > 0 ? 1 : 0);
}
