import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../../tests/support/postgres';
import { repoRoot } from '../../../tests/support/paths';
import { startServerProcess, type ServerProcess } from '../../../tests/support/serverProcess';

// Two PercuPlan processes on one PostgreSQL, as behind a load balancer: a session made by one is
// honoured by the other, and ending it on one ends it on both.

let pg: TestPostgres | undefined;
let skip: string | undefined;
let databaseUrl = '';
const servers: ServerProcess[] = [];

beforeAll(async () => {
  const started = await startTestPostgres();
  if ('skip' in started) {
    skip = started.skip;
    console.warn(`skipped the two-process session test: ${skip}`);
    return;
  }
  pg = started;
  databaseUrl = await pg.createDatabase('two_processes');
  // The first account, made by the CLI as an administrator would (password on standard input).
  const add = spawnSync(process.execPath, [path.join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), 'src/server/auth/usersCli.ts', 'add', 'dr.two', '--role', 'attending', '--name', 'Dr Two'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    input: 'two-processes-password\n',
    encoding: 'utf8',
  });
  if (add.status !== 0) throw new Error(`users add failed (${add.status}): ${add.stdout}${add.stderr}`);
  for (let i = 0; i < 2; i++) servers.push(await startServerProcess({ DATABASE_URL: databaseUrl, PERCUPLAN_DEMO: '0' }));
}, 240_000);

afterAll(async () => {
  for (const s of servers) await s.kill('SIGTERM');
  pg?.stop();
});

describe('sessions shared by two server processes on one PostgreSQL', () => {
  it('signs in on one process, works on the other with the same cookie, and a sign-out on either ends it on both', async (ctx) => {
    if (skip) ctx.skip();
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect(a.child.pid).not.toBe(b.child.pid);
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: a.url },
      body: JSON.stringify({ username: 'dr.two', password: 'two-processes-password' }),
    });
    expect(login.status).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(cookie).toMatch(/^percuplan_session=/);

    // Without the cookie both refuse; with it both answer, as the same account.
    for (const s of [a, b]) expect((await fetch(`${s.url}/api/cases`)).status).toBe(401);
    for (const s of [a, b]) {
      const me = await fetch(`${s.url}/api/auth/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { username: string; roles: string[] } }).user).toMatchObject({ username: 'dr.two', roles: ['attending'] });
    }
    // A change made through B with the token A issued.
    const made = await fetch(`${b.url}/api/cases`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', origin: b.url },
      body: JSON.stringify({ patient: { pseudonym: 'Two processes' } }),
    });
    expect(made.status).toBe(201);
    const id = ((await made.json()) as { id: string }).id;
    expect((await fetch(`${a.url}/api/cases/${id}`, { headers: { cookie } })).status).toBe(200);

    // Signing out on B ends the session on A too.
    const out = await fetch(`${b.url}/api/auth/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, origin: b.url } });
    expect(out.status).toBe(204);
    const after = await fetch(`${a.url}/api/cases`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('session-expired');
  }, 120_000);
});
