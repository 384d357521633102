import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM } from '../support/browser';
import { orthancSkipReason } from '../support/orthanc';
import { repoRoot } from '../support/paths';

/** The ids issue 7 promises in every results.json. */
const REQUIRED = [
  'local.firstImageMs',
  'local.volumeReadyMs',
  'dicomweb.volumeReadyMs',
  'dicomweb.jpegls.volumeReadyMs',
  'memory.bytesPerVoxel',
  'mpr.scrollStepMs',
  'plan.dragUpdateMs',
  // Issues 5 and 6: the planning rows.
  'plan.growMs',
  'plan.measureMs',
  'plan.metricsNodeMs',
  'plan.dragFrameMs',
  // Issue 17: every goal in one run.
  'dicomweb.firstImageMs',
  'dicomweb.jpegls.firstImageMs',
  'sample.firstImageMs',
  'memory.peakBytesPerVoxel',
  'large.opensAsVolume',
  'layout.twoByTwo3dMs',
  'render.emptyFrameMs',
  'server.caseList1000Ms',
  'server.load.postgres.p95Ms',
  'server.load.postgres.errors',
  // Issue 18: the post-procedure registration.
  'postprocedure.registrationMs',
];

/** Rows that carry an issue-17 goal and so a pass/miss mark. */
const GOAL_ROWS = ['local.firstImageMs', 'local.volumeReadyMs', 'dicomweb.volumeReadyMs', 'memory.bytesPerVoxel', 'memory.peakBytesPerVoxel', 'large.opensAsVolume', 'layout.twoByTwo3dMs', 'server.caseList1000Ms', 'plan.growMs', 'plan.dragUpdateMs', 'postprocedure.registrationMs'];

function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) {
    const reason = `skipped the quick bench: Chromium not found at ${CHROMIUM}`;
    console.warn(reason);
    return reason;
  }
  if (!existsSync('/usr/bin/dcmcjpls')) {
    const reason = 'skipped the quick bench: dcmtk (dcmcjpls) is absent (scripts/install-system-deps.sh)';
    console.warn(reason);
    return reason;
  }
  return orthancSkipReason();
}

const skip = skipReason();

type Nullable = number | null;

describe.skipIf(!!skip)('npm run bench -- --quick', () => {
  // A timing is never asserted: only that every metric is produced and the output is well formed.
  it('produces every metric, as numbers or as null with a note', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'percuplan-bench-test-'));
    const out = path.join(dir, 'results.json');
    const r = spawnSync('npm', ['run', 'bench', '--', '--quick', '--out', out], { cwd: repoRoot, encoding: 'utf8', timeout: 280_000 });
    expect(r.status, `${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`).toBe(0);
    const text = readFileSync(out, 'utf8');
    rmSync(dir, { recursive: true, force: true });
    const json = JSON.parse(text) as {
      date: string;
      machine: Record<string, unknown>;
      runs: number;
      metrics: { id: string; unit: string; ours: Nullable; floor: Nullable; peer: Nullable; ratioToFloor: Nullable; ratioToPeer: Nullable; goal?: string; mark?: string; note?: string }[];
    };
    expect(Number.isNaN(Date.parse(json.date))).toBe(false);
    expect(typeof json.machine.cpu).toBe('string');
    expect(json.runs).toBe(1);
    const ids = json.metrics.map((m) => m.id);
    for (const id of REQUIRED) expect(ids, id).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of json.metrics) {
      expect(typeof m.unit, m.id).toBe('string');
      for (const k of ['ours', 'floor', 'peer', 'ratioToFloor', 'ratioToPeer'] as const) {
        const v = m[k];
        expect(v === null || (typeof v === 'number' && Number.isFinite(v)), `${m.id}.${k} = ${String(v)}`).toBe(true);
      }
      if (m.ours === null) expect(m.note, `${m.id}: ours is null without a note`).toMatch(/\S/);
      // A goal always comes with its mark, and a mark only with a goal.
      expect(m.goal === undefined, `${m.id}: goal and mark go together`).toBe(m.mark === undefined);
      if (m.mark !== undefined) expect(['pass', 'miss', 'not measured'], m.id).toContain(m.mark);
    }
    for (const id of GOAL_ROWS) expect(json.metrics.find((m) => m.id === id)?.goal, `${id} has a goal`).toMatch(/\S/);
    // The printed table ends its rows with the count of goals met and missed.
    expect(r.stdout).toMatch(/goals: \d+ pass, \d+ miss, \d+ not measured/);
  }, 300_000);
});

if (skip) describe.skip(skip, () => undefined);
