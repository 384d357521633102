import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize, summaryLines, type VitestReport } from '../../scripts/testSummary.mjs';
import { repoRoot } from '../support/paths';

// Hand-built reports in the shape Vitest 4's JSON reporter writes (checked against a real run with a
// suite that threw while collecting and one whose beforeAll threw: both have status 'failed', the
// first with no assertion results, the second with its tests marked 'skipped').
const collectFailed = { name: '/r/src/a.test.ts', status: 'failed', message: "ENOENT: no such file or directory, open '/x'\n    at …", assertionResults: [] };
const hookFailed = { name: '/r/src/b.test.ts', status: 'failed', message: '', assertionResults: [{ status: 'skipped' }, { status: 'passed' }] };
const testFailed = { name: '/r/src/c.test.ts', status: 'failed', message: '', assertionResults: [{ status: 'failed' }, { status: 'passed' }] };
const passed = { name: '/r/src/d.test.ts', status: 'passed', message: '', assertionResults: [{ status: 'passed' }] };

describe('the closing test count of npm test', () => {
  it('counts two suites that failed to load as 2 failed although no test failed', () => {
    const report: VitestReport = {
      numPassedTests: 569, numFailedTests: 0, numPendingTests: 27, numTodoTests: 0,
      testResults: [passed, collectFailed, { ...collectFailed, name: '/r/src/e.test.ts' }],
    };
    expect(summaryLines(summarize(report))[0]).toBe('tests: 569 passed, 2 failed, 27 skipped');
  });

  it('adds a hook failure to the failed tests, but a suite with a failed test only once (as its test)', () => {
    // 3 failed tests + hookFailed (no failing test of its own) = 4; testFailed is already in the 3.
    const s = summarize({ numPassedTests: 10, numFailedTests: 3, numPendingTests: 1, numTodoTests: 2, testResults: [hookFailed, testFailed, passed] });
    expect(s).toMatchObject({ passed: 10, failed: 4, skipped: 3 });
    expect(s.failedSuites.map((f) => f.name)).toEqual(['/r/src/b.test.ts']);
  });

  it('prints the plain count line first, then which suites failed and the first line of why', () => {
    const lines = summaryLines(summarize({ numPassedTests: 1, numFailedTests: 0, testResults: [collectFailed] }));
    expect(lines).toEqual([
      'tests: 1 passed, 1 failed, 0 skipped',
      '(of which 1 suite failed to load or in a hook)',
      "  failed suite: /r/src/a.test.ts: ENOENT: no such file or directory, open '/x'",
    ]);
    expect(lines[0]).toMatch(/^tests: \d+ passed, \d+ failed, \d+ skipped$/);
  });

  it('prints one line for a green run', () => {
    expect(summaryLines(summarize({ numPassedTests: 5, numFailedTests: 0, numPendingTests: 0, testResults: [passed] }))).toEqual([
      'tests: 5 passed, 0 failed, 0 skipped',
    ]);
  });

  it('exits 1 from the command line when a suite failed, 0 when all passed, 1 when there is no report', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'summary-'));
    const run = (report: VitestReport | undefined) => {
      const file = path.join(dir, `${Math.random()}.json`);
      if (report) writeFileSync(file, JSON.stringify(report));
      return spawnSync(process.execPath, [path.join(repoRoot, 'scripts/testSummary.mjs'), file], { encoding: 'utf8' });
    };
    const red = run({ numPassedTests: 1, numFailedTests: 0, testResults: [collectFailed] });
    expect(red.status).toBe(1);
    expect(red.stdout.split('\n')[0]).toBe('tests: 1 passed, 1 failed, 0 skipped');
    expect(run({ numPassedTests: 1, numFailedTests: 0, testResults: [passed] }).status).toBe(0);
    const missing = run(undefined);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/^tests: no readable Vitest report at /);
  });

  it('adds up the reports of both runs of npm test on one line; a missing second report fails the run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'summary-'));
    const write = (name: string, report: VitestReport): string => {
      const file = path.join(dir, name);
      writeFileSync(file, JSON.stringify(report));
      return file;
    };
    const browser = write('browser.json', { numPassedTests: 7, numFailedTests: 0, numPendingTests: 1, testResults: [passed] });
    const unit = write('unit.json', { numPassedTests: 30, numFailedTests: 2, numPendingTests: 3, testResults: [collectFailed] });
    const both = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/testSummary.mjs'), browser, unit], { encoding: 'utf8' });
    // 7 + 30 passed; 0 + 2 failed tests plus the suite that failed to load; 1 + 3 skipped.
    expect(both.stdout.split('\n')[0]).toBe('tests: 37 passed, 3 failed, 4 skipped');
    expect(both.status).toBe(1);
    const green = write('green.json', { numPassedTests: 2, numFailedTests: 0, testResults: [passed] });
    expect(spawnSync(process.execPath, [path.join(repoRoot, 'scripts/testSummary.mjs'), browser, green], { encoding: 'utf8' }).status).toBe(0);
    const oneMissing = spawnSync(process.execPath, [path.join(repoRoot, 'scripts/testSummary.mjs'), browser, path.join(dir, 'absent.json')], { encoding: 'utf8' });
    expect(oneMissing.status).toBe(1);
    expect(oneMissing.stdout).toMatch(/no readable Vitest report at .*absent\.json/);
  });
});

