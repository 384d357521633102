import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { repoRoot } from '../../../tests/support/paths';
import { openPglite } from '../records/pgliteClient';
import type { SqlClient } from '../records/sqlClient';
import { createAccountsRepository } from './accountsRepository';
import { createAuditTrail } from './auditTrail';
import { createSessionStore } from './sessionStore';

const dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-users-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Runs `npm run users -- …` as an administrator would, with `stdin` piped in. `npm run users` is
 * `tsx src/server/auth/usersCli.ts` (package.json): with `via: 'tsx'` the same command runs
 * without npm's own start-up (most of a second each), once `npm run users` itself has been seen to work.
 */
function users(args: string[], env: Record<string, string>, stdin = '', via: 'npm' | 'tsx' = 'tsx'): { status: number | null; stdout: string; stderr: string } {
  const options = { cwd: repoRoot, env: { ...process.env, ...env }, input: stdin, encoding: 'utf8' as const };
  const r =
    via === 'npm'
      ? spawnSync('npm', ['run', '--silent', 'users', '--', ...args], options)
      : spawnSync(path.join(repoRoot, 'node_modules/.bin/tsx'), ['src/server/auth/usersCli.ts', ...args], options);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Opens the CLI's embedded database in this process for a moment (the CLI cannot run meanwhile). */
async function withDb<T>(dataDir: string, fn: (db: SqlClient) => Promise<T>): Promise<T> {
  const db = await openPglite(path.join(dataDir, 'db'));
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

// Each run starts tsx and opens the database (seconds each on a busy machine); refusals that
// the unit suites cover (unknown role, duplicate, missing account) are not repeated here.
describe('npm run users', () => {
  it('adds, lists, changes roles, disables (ending sessions), enables and resets the password of accounts in DATA_DIR', async () => {
    await freshPgliteDir(dataDir);
    // HOST is not the CLI's business: it works whatever the server will listen on.
    const cliEnv = { PERCUPLAN_DEMO: '0', DATA_DIR: dataDir, HOST: '0.0.0.0' };

    const added = users(['add', 'Alice', '--role', 'attending', '--role', 'admin', '--name', 'Alice Example'], cliEnv, 'first password 1\n', 'npm');
    expect([added.status, added.stderr]).toEqual([0, expect.stringMatching(/added alice \(attending, admin\)/)]);
    expect(added.stderr + added.stdout).not.toContain('first password 1');

    const short = users(['add', 'bob', '--role', 'board'], cliEnv, 'elevenchars\n');
    expect([short.status, short.stderr]).toEqual([1, expect.stringMatching(/at least 12 characters \(it has 11\)/)]);
    const empty = users(['add', 'bob', '--role', 'board'], cliEnv, '');
    expect([empty.status, empty.stderr]).toEqual([1, expect.stringMatching(/no password on standard input/)]);
    const usage = users(['delete', 'alice'], cliEnv);
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringMatching(/unknown command "delete"[\s\S]*usage: npm run users/)]);
    expect(users(['add', 'bob', '--role', 'board', '--name', 'Bob B'], cliEnv, 'bob password 12\r\n').status).toBe(0);

    const list = users(['list'], cliEnv);
    expect(list.status).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]?.split(/\s+/)).toEqual(['alice', 'attending,admin', 'enabled', 'local', 'Alice', 'Example']);
    expect(lines[2]?.split(/\s+/)).toEqual(['bob', 'board', 'enabled', 'local', 'Bob', 'B']);

    const roles = users(['roles', 'bob', '--role', 'trainee', '--role', 'board'], cliEnv);
    expect([roles.status, roles.stderr]).toEqual([0, expect.stringMatching(/bob now has the roles trainee, board/)]);

    // A signed-in browser of bob's, then the CLI disables bob.
    const cookie = await withDb(dataDir, async (db) => (await createSessionStore(db, () => new Date()).create('bob', { address: '10.0.0.1', userAgent: 't' })).cookie);
    const disabled = users(['disable', 'BOB'], cliEnv);
    expect([disabled.status, disabled.stderr]).toEqual([0, expect.stringMatching(/disabled bob; their sessions are ended/)]);
    await withDb(dataDir, async (db) => {
      expect(await createSessionStore(db, () => new Date()).load(cookie)).toMatchObject({ kind: 'expired', reason: 'revoked' });
      expect(await createAccountsRepository(db).checkCredentials('bob', 'bob password 12')).toMatchObject({ kind: 'refused', reason: 'disabled' });
    });

    expect(users(['enable', 'bob'], cliEnv).status).toBe(0);
    const reset = users(['reset-password', 'bob'], cliEnv, 'bob password 13\n');
    expect([reset.status, reset.stderr]).toEqual([0, expect.stringMatching(/new password set for bob/)]);

    await withDb(dataDir, async (db) => {
      const accounts = createAccountsRepository(db);
      expect(await accounts.checkCredentials('bob', 'bob password 12')).toMatchObject({ kind: 'refused', reason: 'wrong-password' });
      expect(await accounts.checkCredentials('bob', 'bob password 13')).toMatchObject({ kind: 'ok', account: { roles: ['trainee', 'board'] } });
      // Every change is in the audit trail, made from the command line, with no password in it.
      const trail = await createAuditTrail(db).query({ event: 'account.change' });
      expect(trail.events.map((e) => [e.detail?.targetAccount, e.detail?.changes, e.address]).reverse()).toEqual([
        ['alice', ['created'], 'cli'],
        ['bob', ['created'], 'cli'],
        ['bob', ['roles'], 'cli'],
        ['bob', ['disabled'], 'cli'],
        ['bob', ['disabled'], 'cli'],
        ['bob', ['password'], 'cli'],
      ]);
      expect(JSON.stringify(trail)).not.toMatch(/password 1[23]/);

      // With the embedded database open here (as by a running server), the CLI refuses.
      const busy = users(['list'], cliEnv);
      expect([busy.status, busy.stderr]).toEqual([1, expect.stringMatching(/in use by process/)]);
    });
  }, 600_000);
});
