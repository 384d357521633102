import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../records/sqlClient';
import { createAccountsRepository } from './accountsRepository';
import type { AuditInput, AuditTrail } from './auditTrail';
import type { AuthConfig } from './authConfig';
import { authPlugin } from './authPlugin';
import { DEFAULT_THROTTLE_LIMITS } from './loginThrottle';
import { freshPgliteDb, testClock, type TestClock } from './testDatabases';

const MINUTE = 60_000;
const PASSWORD = 'a long enough password';

/** The audit trail's stand-in: keeps what the plugin records. */
function collectingAudit(): AuditTrail & { events: AuditInput[] } {
  const events: AuditInput[] = [];
  return {
    events,
    async record(e) {
      events.push(e);
    },
  };
}

interface TestApp {
  app: FastifyInstance;
  db: SqlClient;
  clock: TestClock;
  audit: ReturnType<typeof collectingAudit>;
  close(): Promise<void>;
}

/** The plugin on a bare Fastify with stand-in routes: a protected API route, the proxy, the built app. */
async function startApp(config: Partial<AuthConfig> = {}): Promise<TestApp> {
  const db = await freshPgliteDb();
  const clock = testClock();
  const audit = collectingAudit();
  const app = Fastify();
  await app.register(authPlugin, {
    db,
    clock: clock.now,
    audit,
    config: {
      host: '127.0.0.1',
      publicUrl: null,
      oidc: false,
      session: { idleMinutes: 30, maxHours: 12 },
      throttle: DEFAULT_THROTTLE_LIMITS,
      localUser: 'local-person',
      ...config,
    },
  });
  const actorOf = (request: { actor: unknown }) => ({ actor: request.actor });
  app.get('/api/cases', async (request) => actorOf(request));
  app.post('/api/cases', async (request) => actorOf(request));
  app.get('/api/health', async () => ({ status: 'ok' }));
  app.get('/dicomweb/*', async () => ({ proxied: true }));
  app.get('/*', async () => 'the built app');
  await app.ready();
  return {
    app,
    db,
    clock,
    audit,
    async close() {
      await app.close();
      await db.close();
    },
  };
}

/** Adds an account as the CLI would (straight into the database). */
async function addAccount(t: TestApp, username: string, roles: string[], password = PASSWORD): Promise<void> {
  await createAccountsRepository(t.db, t.clock.now).create({ username, name: `Name of ${username}`, roles, password });
  t.clock.advance(1001); // past the mode cache (≤ 1 s)
}

const sessionCookie = (res: LightMyRequestResponse, name = 'percuplan_session'): string => {
  const cookie = res.cookies.find((c) => c.name === name);
  if (!cookie) throw new Error(`no ${name} cookie in ${JSON.stringify(res.headers['set-cookie'])}`);
  return cookie.value;
};

async function login(t: TestApp, username: string, password = PASSWORD, extra: { cookie?: string; remoteAddress?: string } = {}) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
    ...(extra.cookie ? { cookies: { percuplan_session: extra.cookie } } : {}),
  });
  return res;
}

async function signIn(t: TestApp, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await login(t, username);
  expect(res.statusCode).toBe(200);
  return { cookie: sessionCookie(res), csrf: (res.json() as { csrfToken: string }).csrfToken };
}

const getCases = (t: TestApp, cookie?: string) => t.app.inject({ method: 'GET', url: '/api/cases', ...(cookie ? { cookies: { percuplan_session: cookie } } : {}) });

describe('auth plugin in single-user mode (no account, no OIDC, loopback)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  it('makes every request the local user with roles attending and admin, no session and no CSRF token needed', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/cases', payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      actor: { username: 'local-person', name: 'local-person', roles: ['attending', 'admin'], mode: 'single-user', sessionHash: null, address: '127.0.0.1', csrfToken: null },
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({
      user: { username: 'local-person', name: 'local-person', roles: ['attending', 'admin'] },
      csrfToken: '',
      mode: 'single-user',
    });
  });

  it('still refuses a cross-site Origin or Sec-Fetch-Site, and a page of another host name (DNS rebinding)', async () => {
    const crossOrigin = await t.app.inject({ method: 'POST', url: '/api/cases', payload: {}, headers: { origin: 'https://evil.example' } });
    expect([crossOrigin.statusCode, crossOrigin.json().code]).toEqual([403, 'cross-site']);
    const fetchSite = await t.app.inject({ method: 'GET', url: '/api/cases', headers: { 'sec-fetch-site': 'cross-site' } });
    expect([fetchSite.statusCode, fetchSite.json().code]).toEqual([403, 'cross-site']);
    const rebound = await t.app.inject({ method: 'GET', url: '/api/cases', headers: { host: 'evil.example:8080' } });
    expect([rebound.statusCode, rebound.json().code]).toEqual([403, 'cross-site']);
    // The server's own origin passes.
    const own = await t.app.inject({ method: 'POST', url: '/api/cases', payload: {}, headers: { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080', 'sec-fetch-site': 'same-origin' } });
    expect(own.statusCode).toBe(200);
    // A link from another site to a page of the app is a navigation: it passes.
    const link = await t.app.inject({ method: 'GET', url: '/cases', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(link.statusCode).toBe(200);
  });

  it('switches to accounts mode when an account is added through the admin API', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/admin/accounts', payload: { username: 'first', name: 'First', roles: ['admin'], password: PASSWORD } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ account: { username: 'first', roles: ['admin'], disabled: false, source: 'local', hasPassword: true } });
    expect(JSON.stringify(res.json())).not.toContain('argon2');
    // No clock move: this process invalidated its cached mode itself.
    const after = await getCases(t);
    expect([after.statusCode, after.json()]).toEqual([401, { error: 'Sign in to use PercuPlan', code: 'no-session' }]);
  });
});

describe('auth plugin: a server whose accounts are added by the CLI', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(() => t?.close());

  it('switches to accounts mode within a second of an account appearing in the database', async () => {
    expect((await getCases(t)).statusCode).toBe(200);
    await addAccount(t, 'alice', ['attending']);
    expect((await getCases(t)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({ error: 'Not signed in', code: 'no-session' });
  });
});

describe('auth plugin in accounts mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await addAccount(t, 'alice', ['attending']);
    await addAccount(t, 'root', ['admin']);
    await addAccount(t, 'trainee1', ['trainee']);
  });
  afterAll(() => t?.close());

  it('signs in: 200 with the user and a CSRF token, and an HttpOnly SameSite=Lax cookie on path /', async () => {
    const res = await login(t, 'Alice');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { user: unknown; csrfToken: string };
    expect(body).toEqual({ user: { username: 'alice', name: 'Name of alice', roles: ['attending'] }, csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^percuplan_session=[A-Za-z0-9_-]{43}; /);
    expect(header).toMatch(/; HttpOnly(;|$)/);
    expect(header).toMatch(/; SameSite=Lax(;|$)/);
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).not.toMatch(/Secure/);
    expect(t.audit.events.at(-1)).toMatchObject({ event: 'auth.login', actor: { username: 'alice', roles: ['attending'] } });
  });

  it('answers an unknown user and a wrong password with the same 401', async () => {
    const unknown = await login(t, 'nobody-here', PASSWORD, { remoteAddress: '10.0.0.1' });
    const wrong = await login(t, 'alice', 'not the password!', { remoteAddress: '10.0.0.1' });
    expect([unknown.statusCode, wrong.statusCode]).toEqual([401, 401]);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.json()).toEqual({ error: 'Wrong user name or password', code: 'invalid-credentials' });
    expect(unknown.headers['set-cookie']).toBeUndefined();
    const failed = t.audit.events.filter((e) => e.event === 'auth.login-failed').slice(-2);
    expect(failed).toMatchObject([
      { outcome: 4, account: undefined, address: '10.0.0.1' },
      { outcome: 4, account: 'alice', address: '10.0.0.1' },
    ]);
  });

  it('refuses a missing or malformed body with 400 and the field paths', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice' } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid-fields', issues: [{ path: 'password' }] });
  });

  it('gives GET /api/auth/me the login body with mode accounts, and 401 without a session', async () => {
    const { cookie, csrf } = await signIn(t, 'alice');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { percuplan_session: cookie } });
    expect(me.json()).toEqual({ user: { username: 'alice', name: 'Name of alice', roles: ['attending'] }, csrfToken: csrf, mode: 'accounts' });
    const none = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect([none.statusCode, none.json().code]).toEqual([401, 'no-session']);
  });

  it('needs a session for every /api and /dicomweb path outside the public list, however the path is spelled', async () => {
    for (const url of ['/api/cases', '/dicomweb/studies', '/api/not-a-route', '/%61pi/cases', '/api//cases']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect([url, res.statusCode, res.json().code]).toEqual([url, 401, 'no-session']);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/studies/1.2.3' })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/login' })).body).toBe('the built app');
  });

  it('lets a signed-in request through with its actor', async () => {
    const { cookie } = await signIn(t, 'alice');
    const res = await getCases(t, cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ actor: { username: 'alice', roles: ['attending'], mode: 'accounts', sessionHash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('refuses a state-changing request without the session’s X-CSRF-Token, or with a wrong one', async () => {
    const { cookie, csrf } = await signIn(t, 'alice');
    const post = (headers: Record<string, string>) => t.app.inject({ method: 'POST', url: '/api/cases', payload: {}, cookies: { percuplan_session: cookie }, headers });
    const missing = await post({});
    expect([missing.statusCode, missing.json().code]).toEqual([403, 'csrf']);
    const wrong = await post({ 'x-csrf-token': `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` });
    expect([wrong.statusCode, wrong.json().code]).toEqual([403, 'csrf']);
    expect((await post({ 'x-csrf-token': csrf })).statusCode).toBe(200);
  });

  it('refuses a cross-site Origin even with a valid cookie and token', async () => {
    const { cookie, csrf } = await signIn(t, 'alice');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      payload: {},
      cookies: { percuplan_session: cookie },
      headers: { 'x-csrf-token': csrf, origin: 'http://evil.example' },
    });
    expect([res.statusCode, res.json().code]).toEqual([403, 'cross-site']);
  });

  it('logs out: 204, the cookie cleared, and the old cookie refused afterwards', async () => {
    const { cookie, csrf } = await signIn(t, 'alice');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { percuplan_session: cookie }, headers: { 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^percuplan_session=;/);
    expect(t.audit.events.at(-1)).toMatchObject({ event: 'auth.logout', actor: { username: 'alice' } });
    const after = await getCases(t, cookie);
    expect([after.statusCode, after.json().code]).toEqual([401, 'session-expired']);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', cookies: { percuplan_session: cookie } });
    expect([me.statusCode, me.json().code]).toEqual([401, 'session-expired']);
    // Again, without a session: still 204.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
  });

  it('gives a new session id at sign-in and refuses the one the browser came with (fixation)', async () => {
    const first = await signIn(t, 'alice');
    const again = await login(t, 'alice', PASSWORD, { cookie: first.cookie });
    const second = sessionCookie(again);
    expect(second).not.toBe(first.cookie);
    expect((await getCases(t, first.cookie)).statusCode).toBe(401);
    expect((await getCases(t, second)).statusCode).toBe(200);
  });

  it('ends a session after 30 idle minutes and 12 hours after sign-in', async () => {
    const idle = await signIn(t, 'alice');
    t.clock.advance(29 * MINUTE);
    expect((await getCases(t, idle.cookie)).statusCode).toBe(200);
    t.clock.advance(30 * MINUTE);
    const idled = await getCases(t, idle.cookie);
    expect([idled.statusCode, idled.json().code]).toEqual([401, 'session-expired']);

    const long = await signIn(t, 'alice');
    for (let i = 0; i < 35; i++) {
      t.clock.advance(20 * MINUTE); // used every 20 minutes: never idle; 35 × 20 min = 11 h 40 min
      expect((await getCases(t, long.cookie)).statusCode).toBe(200);
    }
    t.clock.advance(20 * MINUTE); // 12 h
    const ended = await getCases(t, long.cookie);
    expect([ended.statusCode, ended.json().code]).toEqual([401, 'session-expired']);
  });

  it('lets only accounts.manage use the admin API (403 forbidden otherwise)', async () => {
    const { cookie } = await signIn(t, 'alice');
    const res = await t.app.inject({ method: 'GET', url: '/api/admin/accounts', cookies: { percuplan_session: cookie } });
    expect([res.statusCode, res.json().code]).toEqual([403, 'forbidden']);
  });

  it('lets an admin list, add and change accounts; disabling one ends its sessions; each change is audited', async () => {
    const admin = await signIn(t, 'root');
    const asAdmin = { cookies: { percuplan_session: admin.cookie }, headers: { 'x-csrf-token': admin.csrf } };
    const list = await t.app.inject({ method: 'GET', url: '/api/admin/accounts', ...asAdmin });
    expect((list.json() as { accounts: { username: string }[] }).accounts.map((a) => a.username)).toEqual(['alice', 'root', 'trainee1']);

    const added = await t.app.inject({ method: 'POST', url: '/api/admin/accounts', ...asAdmin, payload: { username: 'bob', name: 'Bob', roles: ['board'], password: PASSWORD } });
    expect(added.statusCode).toBe(201);
    const short = await t.app.inject({ method: 'POST', url: '/api/admin/accounts', ...asAdmin, payload: { username: 'carl', roles: ['board'], password: 'short' } });
    expect([short.statusCode, short.json().issues?.[0]?.path]).toEqual([400, 'password']);
    const twice = await t.app.inject({ method: 'POST', url: '/api/admin/accounts', ...asAdmin, payload: { username: 'bob', roles: ['board'], password: PASSWORD } });
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'account-exists']);

    const trainee = await signIn(t, 'trainee1');
    const disabled = await t.app.inject({ method: 'PUT', url: '/api/admin/accounts/trainee1', ...asAdmin, payload: { disabled: true } });
    expect([disabled.statusCode, disabled.json().account.disabled]).toEqual([200, true]);
    const gone = await getCases(t, trainee.cookie);
    expect([gone.statusCode, gone.json().code]).toEqual([401, 'session-expired']);
    expect((await login(t, 'trainee1')).statusCode).toBe(401);

    const roles = await t.app.inject({ method: 'PUT', url: '/api/admin/accounts/bob', ...asAdmin, payload: { roles: ['attending', 'board'] } });
    expect(roles.json().account.roles).toEqual(['attending', 'board']);
    const missing = await t.app.inject({ method: 'PUT', url: '/api/admin/accounts/nobody', ...asAdmin, payload: { disabled: true } });
    expect(missing.statusCode).toBe(404);
    const self = await t.app.inject({ method: 'PUT', url: '/api/admin/accounts/root', ...asAdmin, payload: { disabled: true } });
    expect([self.statusCode, self.json().code]).toEqual([409, 'own-account']);

    const changes = t.audit.events.filter((e) => e.event === 'account.change');
    expect(changes.map((e) => [e.actor?.username, e.detail?.targetAccount, e.detail?.changes])).toEqual([
      ['root', 'bob', ['created']],
      ['root', 'trainee1', ['disabled']],
      ['root', 'bob', ['roles']],
    ]);
    expect(JSON.stringify(t.audit.events)).not.toContain(PASSWORD);
  });
});

describe('auth plugin: brute-force throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
    await addAccount(t, 'alice', ['attending']);
  });
  afterAll(() => t?.close());

  it('answers 429 after 5 failures for one account, even with the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) expect((await login(t, 'alice', `wrong password ${i}`, { remoteAddress: `10.1.0.${i}` })).statusCode).toBe(401);
    const blocked = await login(t, 'ALICE', PASSWORD, { remoteAddress: '10.1.1.1' });
    expect([blocked.statusCode, blocked.json().code, blocked.headers['retry-after']]).toEqual([429, 'too-many-attempts', '900']);
    t.clock.advance(15 * MINUTE);
    expect((await login(t, 'alice', PASSWORD, { remoteAddress: '10.1.1.1' })).statusCode).toBe(200);
  });

  it('answers 429 after 20 failures from one address, whatever the user names, and not to another address', async () => {
    for (let i = 0; i < 20; i++) expect((await login(t, `guess${i}`, 'wrong password!', { remoteAddress: '10.2.0.1' })).statusCode).toBe(401);
    const blocked = await login(t, 'alice', PASSWORD, { remoteAddress: '10.2.0.1' });
    expect([blocked.statusCode, blocked.json().code]).toEqual([429, 'too-many-attempts']);
    expect((await login(t, 'alice', PASSWORD, { remoteAddress: '10.2.0.2' })).statusCode).toBe(200);
  });
});

describe('auth plugin behind https (PUBLIC_URL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ publicUrl: 'https://percuplan.hospital.example', host: '0.0.0.0' });
    await addAccount(t, 'alice', ['attending']);
  });
  afterAll(() => t?.close());

  it('sets a Secure cookie named __Host-percuplan_session and reads it back', async () => {
    const res = await login(t, 'alice');
    const header = String(res.headers['set-cookie']);
    expect(header).toMatch(/^__Host-percuplan_session=[A-Za-z0-9_-]{43}; /);
    expect(header).toMatch(/; Secure(;|$)/);
    expect(header).toMatch(/; HttpOnly(;|$)/);
    const cookie = sessionCookie(res, '__Host-percuplan_session');
    expect((await t.app.inject({ method: 'GET', url: '/api/cases', cookies: { '__Host-percuplan_session': cookie } })).statusCode).toBe(200);
    // The plain name is not read behind https.
    expect((await getCases(t, cookie)).statusCode).toBe(401);
  });

  it('compares Origin with PUBLIC_URL’s origin', async () => {
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: PASSWORD }, headers: { origin: 'https://percuplan.hospital.example' } });
    expect(ok.statusCode).toBe(200);
    const other = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'alice', password: PASSWORD }, headers: { origin: 'http://percuplan.hospital.example' } });
    expect([other.statusCode, other.json().code]).toEqual([403, 'cross-site']);
  });

  it('is in accounts mode on a non-loopback HOST even without accounts (closed, not open)', async () => {
    const bare = await startApp({ host: '0.0.0.0' });
    try {
      expect((await getCases(bare)).statusCode).toBe(401);
    } finally {
      await bare.close();
    }
  });
});
