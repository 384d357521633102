import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { openPostgres } from '../records/postgresClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createAccountsRepository } from './accountsRepository';
import type { AuditInput } from './auditTrail';
import { authPlugin } from './authPlugin';
import { DEFAULT_THROTTLE_LIMITS } from './loginThrottle';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));
const postgres = backends.find((b) => b.name === 'postgres');
const skip = postgres?.skip ?? (postgres ? undefined : 'no PostgreSQL backend');
if (skip) console.warn(`[auth tests] skipping the shared-sessions suite: ${skip}`);

const PASSWORD = 'a long enough password';

/** One PercuPlan process's auth: its own connection pool to the shared database. */
async function processOn(url: string): Promise<{ app: FastifyInstance; db: SqlClient }> {
  const db = await openPostgres(url);
  const app = Fastify();
  const audit = { events: [] as AuditInput[], record: async (e: AuditInput) => void audit.events.push(e) };
  await app.register(authPlugin, {
    db,
    clock: () => new Date(),
    audit,
    config: { host: '0.0.0.0', publicUrl: null, oidc: false, session: { idleMinutes: 30, maxHours: 12 }, throttle: DEFAULT_THROTTLE_LIMITS, localUser: 'nobody' },
  });
  app.get('/api/cases', async (request) => ({ user: request.actor.username }));
  await app.ready();
  return { app, db };
}

describe.skipIf(!!skip)('two processes on one PostgreSQL share sessions and throttling', () => {
  let a: { app: FastifyInstance; db: SqlClient };
  let b: { app: FastifyInstance; db: SqlClient };
  beforeAll(async () => {
    const { env } = await postgres!.freshEnv();
    const url = env.DATABASE_URL ?? '';
    a = await processOn(url);
    b = await processOn(url);
    await migrateSchema(a.db);
    const accounts = createAccountsRepository(a.db);
    await accounts.create({ username: 'alice', roles: ['attending'], password: PASSWORD });
    await accounts.create({ username: 'root', roles: ['admin'], password: PASSWORD });
  });
  afterAll(async () => {
    for (const p of [a, b]) {
      await p?.app.close();
      await p?.db.close();
    }
  });

  const cookieOf = (res: { cookies: { name: string; value: string }[] }): string => res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? '';
  const signIn = async (app: FastifyInstance, username: string) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    return { cookie: cookieOf(res), csrf: (res.json() as { csrfToken: string }).csrfToken };
  };

  it('a session started on one process is used on the other, and a logout on the other ends it on both', async () => {
    const s = await signIn(a.app, 'alice');
    const onB = await b.app.inject({ method: 'GET', url: '/api/cases', cookies: { percuplan_session: s.cookie } });
    expect([onB.statusCode, onB.json()]).toEqual([200, { user: 'alice' }]);
    const out = await b.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { percuplan_session: s.cookie }, headers: { 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    const onA = await a.app.inject({ method: 'GET', url: '/api/cases', cookies: { percuplan_session: s.cookie } });
    expect([onA.statusCode, onA.json().code]).toEqual([401, 'session-expired']);
  });

  it('an account disabled through one process is signed out on the other', async () => {
    const alice = await signIn(a.app, 'alice');
    const root = await signIn(b.app, 'root');
    const put = await b.app.inject({
      method: 'PUT',
      url: '/api/admin/accounts/alice',
      payload: { disabled: true },
      cookies: { percuplan_session: root.cookie },
      headers: { 'x-csrf-token': root.csrf },
    });
    expect(put.statusCode).toBe(200);
    expect((await a.app.inject({ method: 'GET', url: '/api/cases', cookies: { percuplan_session: alice.cookie } })).statusCode).toBe(401);
  });

  it('failed sign-ins on both processes count together', async () => {
    for (let i = 0; i < 5; i++) {
      const app = i % 2 ? a.app : b.app;
      expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: `wrong password ${i}` } })).statusCode).toBe(401);
    }
    const blocked = await a.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'root', password: PASSWORD } });
    expect([blocked.statusCode, blocked.json().code]).toEqual([429, 'too-many-attempts']);
  });
});
