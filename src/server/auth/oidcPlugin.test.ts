import { rmSync } from 'node:fs';
import path from 'node:path';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchBrowser, type FetchBrowser, type FetchedPage } from '../../../tests/support/fetchBrowser';
import { startOidcProvider, TEST_OIDC_CLIENT, TEST_OIDC_USERS, type TestOidcProvider, type TestOidcUser } from '../../../tests/support/oidcProvider';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { freePort } from '../../../tests/support/postgres';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createAccountsRepository, type AccountsRepository } from './accountsRepository';
import type { AuthConfig } from './authConfig';
import { authPlugin } from './authPlugin';
import { DEFAULT_THROTTLE_LIMITS } from './loginThrottle';
import type { AuditInput } from './auditTrail';
import { parseRoleMap, type OidcConfig } from './oidcConfig';
import { oidcPlugin } from './oidcPlugin';
import { createSessionStore, DEFAULT_SESSION_TIMEOUTS, type SessionStore } from './sessionStore';
import { testClock, type TestClock } from './testDatabases';

/*
 * The sign-on routes on a bare Fastify against a REAL OpenID provider (oidc-provider) on
 * loopback, driven by a fetch "browser" that keeps cookies and posts the provider's forms.
 */

let db: SqlClient;
let dbDir: string;
let provider: TestOidcProvider;
let port: number;
let base: string;
/** The provider's users (read at every sign-in, so a test may change one): the standard three and two more. */
const users: Record<string, TestOidcUser> = {
  ...TEST_OIDC_USERS,
  dave: { name: 'Dave Nurse', roles: ['nurses', 'ct-techs'] },
  erin: { name: 'Erin Without Claim' },
};

beforeAll(async () => {
  dbDir = await freshPgliteDir();
  db = await openPglite(dbDir);
  await migrateSchema(db);
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({ redirectUris: [`${base}/auth/callback`], users });
});

afterAll(async () => {
  await provider?.close();
  await db?.close();
  if (dbDir) rmSync(path.dirname(dbDir), { recursive: true, force: true });
});

interface Running {
  app: FastifyInstance;
  accounts: AccountsRepository;
  sessions: SessionStore;
  audit: AuditInput[];
  clock: TestClock;
}

let running: Running | null = null;
afterEach(async () => {
  await running?.app.close();
  running = null;
  await db.exec('DELETE FROM sessions; DELETE FROM accounts; DELETE FROM oidc_login_states');
});

const configFor = (issuer: string): OidcConfig => ({
  issuer,
  clientId: TEST_OIDC_CLIENT.clientId,
  clientSecret: TEST_OIDC_CLIENT.clientSecret,
  publicUrl: base,
  redirectUri: `${base}/auth/callback`,
  rolesClaim: 'roles',
  roleMap: parseRoleMap('ir-staff=attending,ir-residents=trainee'),
  scopes: null,
});

/**
 * PercuPlan's sign-on routes, listening on the port the provider knows; with `withAuth`, behind
 * the real auth plugin (its hooks and /api/auth/me), as the server registers them.
 */
async function startPercuPlan(config: OidcConfig = configFor(provider.issuer), withAuth = false): Promise<Running> {
  const clock = testClock(new Date());
  const accounts = createAccountsRepository(db, clock.now);
  const sessions = createSessionStore(db, clock.now);
  const audit: AuditInput[] = [];
  const app = Fastify();
  if (withAuth) {
    const authConfig: AuthConfig = { host: '127.0.0.1', publicUrl: config.publicUrl, oidc: true, session: DEFAULT_SESSION_TIMEOUTS, throttle: DEFAULT_THROTTLE_LIMITS, localUser: 'nobody' };
    await app.register(authPlugin, { db, clock: clock.now, config: authConfig, audit: { record: async (e) => void audit.push(e) } });
  }
  await app.register(oidcPlugin, { config, db, sessions, accounts, audit: { record: async (e) => void audit.push(e) }, clock: clock.now });
  await app.listen({ port, host: '127.0.0.1' });
  running = { app, accounts, sessions, audit, clock };
  return running;
}

const isCallback = (u: URL): boolean => u.href.startsWith(`${base}/auth/callback`);

/** Starts a sign-in and signs in at the provider's page as `login`; stops at the provider's redirect to the callback. */
async function signInAtProvider(browser: FetchBrowser, login: string, returnTo?: string): Promise<FetchedPage> {
  const start = `${base}/auth/login${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
  let page = await browser.get(start, isCallback);
  expect(page.body).toContain('name="login"');
  page = await browser.submitForm(page, { login, password: 'anything' }, isCallback);
  // The provider asks for consent the first time a user meets the client.
  if (!page.location) page = await browser.submitForm(page, {}, isCallback);
  expect(page.location && isCallback(page.location)).toBe(true);
  return page;
}

/** Follows the provider's redirect into PercuPlan's callback (without following PercuPlan's own redirect). */
const callBack = (browser: FetchBrowser, toCallback: FetchedPage): Promise<FetchedPage> => browser.get(toCallback.location!.href, () => true);

const sessionCookieOf = (page: FetchedPage): string | undefined => page.setCookies.find((c) => c.startsWith('percuplan_session='));

describe('GET /auth/login', () => {
  it('redirects to the provider with PKCE S256, state, nonce, the roles scope, and no secret; remembers the flow in an HttpOnly cookie', async () => {
    await startPercuPlan();
    const res = await fetch(`${base}/auth/login`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(`${to.origin}`).toBe(provider.url);
    const q = to.searchParams;
    expect(q.get('client_id')).toBe('percuplan');
    expect(q.get('response_type')).toBe('code');
    expect(q.get('redirect_uri')).toBe(`${base}/auth/callback`);
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(q.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(q.get('state')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(q.get('scope')?.split(' ').sort()).toEqual(['openid', 'profile', 'roles']);
    expect(to.href).not.toContain(TEST_OIDC_CLIENT.clientSecret);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('percuplan_oidc='));
    expect(cookie).toMatch(/^percuplan_oidc=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax$/);
    // The state and verifier stay on the server: one row, and the cookie is not the state.
    const rows = await db.query<{ state: string }>('SELECT state FROM oidc_login_states');
    expect(rows.map((r) => r.state)).toEqual([q.get('state')]);
    expect(cookie).not.toContain(q.get('state')!);
  });
});

describe('the code flow against a real provider', () => {
  it('signs alice in as attending: account from the claims, a session cookie like the password login, audited, lands on returnTo', async () => {
    const pp = await startPercuPlan();
    const browser = fetchBrowser();
    const atCallback = await callBack(browser, await signInAtProvider(browser, 'alice', '/cases?status=open'));
    expect(atCallback.status).toBe(303);
    expect(atCallback.location?.href).toBe(`${base}/cases?status=open`);
    const cookie = sessionCookieOf(atCallback);
    expect(cookie).toMatch(/^percuplan_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    // The started sign-in's cookie is cleared.
    expect(atCallback.setCookies.some((c) => /^percuplan_oidc=; .*Max-Age=0/.test(c))).toBe(true);
    const value = cookie!.split(';')[0]!.split('=')[1]!;
    const lookup = await pp.sessions.load(value);
    expect(lookup.kind).toBe('valid');
    if (lookup.kind !== 'valid') return;
    expect(lookup.session.username).toBe('alice');
    expect(lookup.session.roles).toEqual(['attending']);
    expect(lookup.session.name).toBe('Alice Attending');
    const account = await pp.accounts.get('alice');
    expect(account).toMatchObject({ source: 'oidc', oidcSubject: 'alice', hasPassword: false, roles: ['attending'] });
    expect(pp.audit).toEqual([
      { event: 'auth.login', actor: { username: 'alice', roles: ['attending'], sessionHash: lookup.session.hash, address: '127.0.0.1' }, detail: { source: 'oidc' } },
    ]);
    // No token reached the browser: nothing PercuPlan sent it names one.
    expect(JSON.stringify(atCallback.headers) + atCallback.body).not.toMatch(/access_token|id_token|eyJ/);
    expect(await db.query('SELECT 1 FROM oidc_login_states')).toEqual([]);
  });

  it('behind the auth plugin: the OIDC session works for GET /api/auth/me like a password session (roles, CSRF token)', async () => {
    await startPercuPlan(undefined, true);
    const browser = fetchBrowser();
    // Accounts mode (OIDC configured): the API refuses without a session, the sign-on routes do not.
    expect((await fetch(`${base}/api/auth/me`)).status).toBe(401);
    const atCallback = await callBack(browser, await signInAtProvider(browser, 'alice'));
    expect(atCallback.status).toBe(303);
    const me = await browser.get(`${base}/api/auth/me`);
    expect(me.status).toBe(200);
    const body = JSON.parse(me.body) as { user: { username: string; name: string; roles: string[] }; csrfToken: string; mode: string };
    expect(body.user).toEqual({ username: 'alice', name: 'Alice Attending', roles: ['attending'] });
    expect(body.mode).toBe('accounts');
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('behind https PUBLIC_URL: __Host- prefixed, Secure cookies for the flow and the session', async () => {
    const publicUrl = 'https://percuplan.hospital.example';
    const second = await startOidcProvider({ redirectUris: [`${publicUrl}/auth/callback`] });
    try {
      await startPercuPlan({ ...configFor(second.issuer), publicUrl, redirectUri: `${publicUrl}/auth/callback` });
      const browser = fetchBrowser();
      const toProvider = await browser.get(`${base}/auth/login`, () => true);
      expect(toProvider.setCookies[0]).toMatch(/^__Host-percuplan_oidc=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=600; HttpOnly; SameSite=Lax; Secure$/);
      const isPublicCallback = (u: URL): boolean => u.href.startsWith(`${publicUrl}/auth/callback`);
      let page = await browser.get(toProvider.location!.href, isPublicCallback);
      page = await browser.submitForm(page, { login: 'alice', password: 'x' }, isPublicCallback);
      if (!page.location) page = await browser.submitForm(page, {}, isPublicCallback);
      // The TLS proxy in front would pass this on to PercuPlan: send it to the test server directly.
      const atCallback = await browser.get(`${base}/auth/callback${page.location!.search}`, () => true);
      expect(atCallback.status).toBe(303);
      expect(atCallback.setCookies.find((c) => c.startsWith('__Host-percuplan_session='))).toMatch(
        /^__Host-percuplan_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure$/,
      );
    } finally {
      await second.close();
    }
  });

  it('signs bob in as trainee, and follows the claims at the next sign-in (name and roles refreshed, same account)', async () => {
    const pp = await startPercuPlan();
    const b1 = fetchBrowser();
    expect((await callBack(b1, await signInAtProvider(b1, 'bob'))).location?.href).toBe(`${base}/`);
    expect((await pp.accounts.get('bob'))?.roles).toEqual(['trainee']);
    users.bob = { name: 'Bob Fellow', roles: ['ir-residents', 'ir-staff'] };
    const b2 = fetchBrowser();
    await callBack(b2, await signInAtProvider(b2, 'bob'));
    expect(await pp.accounts.get('bob')).toMatchObject({ name: 'Bob Fellow', roles: ['attending', 'trainee'] });
    expect(await pp.accounts.count()).toBe(1);
  });

  it('refuses carol, whose groups map to no role, with a page naming the claim and its values; no account, no session', async () => {
    const pp = await startPercuPlan();
    const browser = fetchBrowser();
    const page = await callBack(browser, await signInAtProvider(browser, 'carol'));
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('Your hospital account has no PercuPlan role (claim roles: none)');
    expect(page.body).toContain('ir-staff, ir-residents');
    expect(sessionCookieOf(page)).toBeUndefined();
    expect(await pp.accounts.count()).toBe(0);
    expect(pp.audit).toEqual([{ event: 'auth.login-failed', outcome: 4, address: '127.0.0.1', account: 'carol', detail: { reason: 'no-role', source: 'oidc' } }]);
  });

  it('names the values when the claim holds only unmapped groups, and says "not sent" when the claim is missing', async () => {
    await startPercuPlan();
    const b1 = fetchBrowser();
    expect((await callBack(b1, await signInAtProvider(b1, 'dave'))).body).toContain('(claim roles: nurses, ct-techs)');
    const b2 = fetchBrowser();
    expect((await callBack(b2, await signInAtProvider(b2, 'erin'))).body).toContain('(claim roles: not sent)');
  });

  it('refuses a replayed callback: the same URL again, even with the old flow cookie, and an old code and state under a new flow', async () => {
    const pp = await startPercuPlan();
    const browser = fetchBrowser();
    const toCallback = await signInAtProvider(browser, 'alice');
    const flowCookie = browser.cookies(base).get('percuplan_oidc')!;
    expect((await callBack(browser, toCallback)).status).toBe(303);
    // 1. The browser again (its flow cookie was cleared).
    const again = await callBack(browser, toCallback);
    expect(again.status).toBe(400);
    expect(again.body).toContain('Sign-in expired');
    // 2. An attacker who kept the flow cookie: the row is gone.
    const replay = await fetch(toCallback.location!.href, { headers: { cookie: `percuplan_oidc=${flowCookie}` }, redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('percuplan_session=') && !c.startsWith('percuplan_session=;'))).toBe(false);
    // 3. A new flow started, then the old code and state sent to it: the state does not match.
    await browser.get(`${base}/auth/login`, () => true);
    const mixed = await callBack(browser, toCallback);
    expect(mixed.status).toBe(400);
    expect(mixed.body).toContain('did not pass PercuPlan’s checks');
    expect(pp.audit.map((e) => [e.event, e.detail?.reason])).toEqual([
      ['auth.login', undefined],
      ['auth.login-failed', 'unknown-state'],
      ['auth.login-failed', 'unknown-state'],
      ['auth.login-failed', expect.stringMatching(/^callback-/)],
    ]);
  });

  it('refuses a callback whose state parameter was altered (the code, verifier and nonce alone would pass)', async () => {
    await startPercuPlan();
    const browser = fetchBrowser();
    const toCallback = await signInAtProvider(browser, 'alice');
    const forged = new URL(toCallback.location!);
    forged.searchParams.set('state', `${forged.searchParams.get('state')}x`);
    const page = await browser.get(forged.href, () => true);
    expect(page.status).toBe(400);
    expect(sessionCookieOf(page)).toBeUndefined();
  });

  it('refuses a callback whose iss parameter names another issuer (RFC 9207 mix-up defence)', async () => {
    await startPercuPlan();
    const browser = fetchBrowser();
    const toCallback = await signInAtProvider(browser, 'alice');
    const forged = new URL(toCallback.location!);
    expect(forged.searchParams.get('iss')).toBe(provider.issuer);
    forged.searchParams.set('iss', 'https://evil.example');
    const page = await browser.get(forged.href, () => true);
    expect(page.status).toBe(400);
    expect(sessionCookieOf(page)).toBeUndefined();
  });

  it('says the provider did not sign the user in when they cancel at its page (error=access_denied), with a link to start again', async () => {
    const pp = await startPercuPlan();
    const browser = fetchBrowser();
    const signInPage = await browser.get(`${base}/auth/login`, isCallback);
    const cancel = /<a href="([^"]*)">\[ Cancel \]<\/a>/.exec(signInPage.body)?.[1];
    expect(cancel).toBeDefined();
    const toCallback = await browser.get(new URL(cancel!.replace(/&amp;/g, '&'), signInPage.url).href, isCallback);
    expect(toCallback.location?.searchParams.get('error')).toBe('access_denied');
    const page = await callBack(browser, toCallback);
    expect(page.status).toBe(403);
    expect(page.body).toContain('The hospital sign-in service did not sign you in (access_denied).');
    expect(page.body).toContain('<a href="/auth/login">Sign in again</a>');
    expect(pp.audit.map((e) => e.detail?.reason)).toEqual(['callback-access_denied']);
  });

  it('completes a sign-in whose callback reaches another PercuPlan process on the same database', async () => {
    const pp = await startPercuPlan();
    const other = Fastify();
    const clock = testClock(new Date());
    await other.register(oidcPlugin, {
      config: configFor(provider.issuer),
      db,
      sessions: createSessionStore(db, clock.now),
      accounts: createAccountsRepository(db, clock.now),
      audit: { record: async () => undefined },
    });
    try {
      const browser = fetchBrowser();
      const toCallback = await signInAtProvider(browser, 'alice');
      const cookie = [...browser.cookies(base)].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await other.inject({ method: 'GET', url: `${toCallback.location!.pathname}${toCallback.location!.search}`, headers: { cookie } });
      expect(res.statusCode).toBe(303);
      const session = String(res.headers['set-cookie']).match(/percuplan_session=([A-Za-z0-9_-]{43})/)?.[1];
      expect((await pp.sessions.load(session ?? '')).kind).toBe('valid');
    } finally {
      await other.close();
    }
  });

  it('refuses a sign-in that took more than ten minutes', async () => {
    const pp = await startPercuPlan();
    const browser = fetchBrowser();
    const toCallback = await signInAtProvider(browser, 'alice');
    pp.clock.advance(10 * 60_000 + 1);
    const page = await callBack(browser, toCallback);
    expect(page.status).toBe(400);
    expect(page.body).toContain('took longer than ten minutes');
  });

  it('lands on / when returnTo leaves the origin', async () => {
    await startPercuPlan();
    const browser = fetchBrowser();
    const page = await callBack(browser, await signInAtProvider(browser, 'alice', '//evil.example/phish'));
    expect(page.location?.href).toBe(`${base}/`);
  });

  it('does not let the provider take over a local account of the same user name', async () => {
    const pp = await startPercuPlan();
    await pp.accounts.create({ username: 'alice', roles: ['admin'], password: 'a local password of 12+' });
    const browser = fetchBrowser();
    const page = await callBack(browser, await signInAtProvider(browser, 'alice'));
    expect(page.status).toBe(403);
    expect(page.body).toContain('already belongs to another account');
    expect(sessionCookieOf(page)).toBeUndefined();
    expect((await pp.accounts.get('alice'))?.source).toBe('local');
  });

  it('refuses a disabled sign-on account', async () => {
    const pp = await startPercuPlan();
    const b1 = fetchBrowser();
    await callBack(b1, await signInAtProvider(b1, 'alice'));
    await pp.accounts.update('alice', { disabled: true });
    const b2 = fetchBrowser();
    const page = await callBack(b2, await signInAtProvider(b2, 'alice'));
    expect(page.status).toBe(403);
    expect(page.body).toContain('Account disabled');
    expect(sessionCookieOf(page)).toBeUndefined();
  });
});

describe('flooding', () => {
  it('answers 429 after 120 sign-on requests a minute from one address where the app registers @fastify/rate-limit', async () => {
    const clock = testClock(new Date());
    const app = Fastify();
    await app.register(rateLimit, { global: false });
    await app.register(oidcPlugin, {
      config: configFor(provider.issuer),
      db,
      sessions: createSessionStore(db, clock.now),
      accounts: createAccountsRepository(db, clock.now),
      audit: { record: async () => undefined },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 121; i++) statuses.push((await app.inject({ method: 'GET', url: '/auth/callback' })).statusCode);
      expect(statuses.slice(0, 120).every((s) => s === 400)).toBe(true);
      expect(statuses[120]).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe('the issuer', () => {
  it('takes the roles from the ID token when the provider puts them there (no userinfo needed)', async () => {
    const second = await startOidcProvider({ redirectUris: [`${base}/auth/callback`], rolesInIdToken: true });
    try {
      const pp = await startPercuPlan(configFor(second.issuer));
      const browser = fetchBrowser();
      let page = await browser.get(`${base}/auth/login`, isCallback);
      page = await browser.submitForm(page, { login: 'alice', password: 'x' }, isCallback);
      if (!page.location) page = await browser.submitForm(page, {}, isCallback);
      expect((await callBack(browser, page)).status).toBe(303);
      expect((await pp.accounts.get('alice'))?.roles).toEqual(['attending']);
    } finally {
      await second.close();
    }
  });

  it('refuses a provider that does not identify itself as OIDC_ISSUER (discovery says another issuer)', async () => {
    // Listens at 127.0.0.1 but announces itself as localhost: a different issuer identifier.
    const impostor = await startOidcProvider({ redirectUris: [`${base}/auth/callback`], issuer: (p) => `http://localhost:${p}` });
    try {
      await startPercuPlan(configFor(impostor.url));
      const res = await fetch(`${base}/auth/login`, { redirect: 'manual' });
      expect(res.status).toBe(502);
      expect(await res.text()).toContain('did not identify itself as the one configured');
    } finally {
      await impostor.close();
    }
  });

  it('answers 502 when the provider cannot be reached, and recovers once it can', async () => {
    const later = await freePort();
    await startPercuPlan(configFor(`http://127.0.0.1:${later}`));
    expect((await fetch(`${base}/auth/login`, { redirect: 'manual' })).status).toBe(502);
    const late = await startOidcProvider({ port: later, redirectUris: [`${base}/auth/callback`] });
    try {
      expect((await fetch(`${base}/auth/login`, { redirect: 'manual' })).status).toBe(303);
    } finally {
      await late.close();
    }
  });
});
