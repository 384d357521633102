import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseContentSchema, deriveCase, planContentSchema } from '../../records';
import { repoRoot } from '../../../tests/support/paths';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { openRecordsRepository } from './openRecordStore';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));
const [pglite, postgres] = backends as [(typeof backends)[number], (typeof backends)[number]];

/** What `npm run export` and `npm run import` run (package.json). */
const CLI = { export: 'src/server/records/exportCli.ts', import: 'src/server/records/importCli.ts' } as const;

/**
 * Runs `npm run <script> -- <file>` as a user would, with the given environment. With
 * `via: 'tsx'` the script's own command (`tsx <CLI>`) runs without npm's start-up (most of a
 * second each), for the calls after `npm run` itself has been seen to work for that script.
 */
function npmRun(script: 'export' | 'import', file: string, env: Record<string, string>, via: 'npm' | 'tsx' = 'tsx'): { status: number | null; stderr: string } {
  const options = { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf8' as const };
  const r =
    via === 'npm'
      ? spawnSync('npm', ['run', '--silent', script, '--', file], options)
      : spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), [CLI[script], file], options);
  return { status: r.status, stderr: r.stderr };
}

const quiet = (): void => undefined;

describe('npm run export / npm run import', () => {
  it('move every case, plan and version from an embedded installation to another (PostgreSQL when available) without loss', async () => {
    const source = await pglite.freshEnv();
    const repo = await openRecordsRepository(source.env, source.dataDir, quiet);
    let before;
    try {
      const id = () => crypto.randomUUID();
      const c = await repo.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Émile Ünal' }, notes: 'v1 😀' }), id), 'dr-a');
      await repo.updateCase(c.id, 1, deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Émile Ünal' }, notes: 'v2', followUps: [{ date: '2024-02-01' }] }), id), 'dr-b');
      const plan = await repo.createPlan(c.id, planContentSchema.parse({ seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', content: { z: 1, a: [0.1, -0] } }), 'dr-a');
      if (plan.kind !== 'saved') throw new Error(plan.kind);
      await repo.setCaseArchived(c.id, true, undefined, 'dr-c');
      await repo.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Second' } }), id), 'dr-a');

      // With the embedded database open here, a CLI must refuse rather than open it twice.
      const busy = npmRun('export', path.join(source.dataDir, 'busy.json'), source.env);
      expect(busy.status).not.toBe(0);
      expect(busy.stderr).toMatch(/in use by process/);
      before = await repo.exportAll();
    } finally {
      await repo.close();
    }

    const file = path.join(mkdtempSync(path.join(tmpdir(), 'percuplan-export-')), 'records.json');
    const exported = npmRun('export', file, source.env, 'npm');
    expect([exported.status, exported.stderr]).toEqual([0, expect.stringMatching(/exported 2 cases and 1 plans \(6 versions\)/)]);
    const written = JSON.parse(readFileSync(file, 'utf8')) as typeof before;
    expect({ ...written, exportedAt: '' }).toEqual({ ...before, exportedAt: '' });

    const target = postgres.skip ? await pglite.freshEnv() : await postgres.freshEnv();
    const imported = npmRun('import', file, target.env, 'npm');
    expect([imported.status, imported.stderr]).toEqual([0, expect.stringMatching(/imported 2 cases and 1 plans \(6 versions\)/)]);
    expect(npmRun('import', file, target.env).stderr).toMatch(/3 already here with the same history were skipped/);

    const broken = path.join(path.dirname(file), 'broken.json');
    writeFileSync(broken, JSON.stringify({ ...written, cases: [{ ...written.cases[0], versions: [] }] }));
    const refused = npmRun('import', broken, target.env);
    expect([refused.status, refused.stderr]).toEqual([1, expect.stringMatching(/cases\[0\]\.versions/)]);

    const after = await openRecordsRepository(target.env, target.dataDir, quiet);
    try {
      const round = await after.exportAll();
      expect({ ...round, exportedAt: '' }).toEqual({ ...before, exportedAt: '' });
    } finally {
      await after.close();
      rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
