import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlClient } from '../records/sqlClient';
import { AccountProblem, createAccountsRepository, normaliseUsername, type AccountsRepository } from './accountsRepository';
import { createLoginThrottle } from './loginThrottle';
import { passwordProblem } from './passwords';
import { createSessionStore, sessionHash, type SessionStore } from './sessionStore';
import { authBackends, testClock } from './testDatabases';

const { backends, stop } = await authBackends();
afterAll(() => stop());

const MINUTE = 60_000;
const origin = { address: '10.0.0.7', userAgent: 'test-agent' };

describe('passwords and user names', () => {
  it('refuses a password under 12 characters with a sentence saying so, and accepts 12 of any kind', () => {
    expect(passwordProblem('elevenchars')).toMatch(/at least 12 characters \(it has 11\)/);
    expect(passwordProblem('aaaaaaaaaaaa')).toBeNull();
    // 12 code points, 13 UTF-16 units: counted as a person counts them.
    expect(passwordProblem('😀bcdefghijk')).toMatch(/it has 11/);
  });

  it('stores user names lower-case and refuses ones with spaces or a leading dot', () => {
    expect(normaliseUsername('  Dr.Alice ')).toBe('dr.alice');
    expect(normaliseUsername('a b')).toBeNull();
    expect(normaliseUsername('.alice')).toBeNull();
    expect(normaliseUsername('')).toBeNull();
  });
});

describe.each(backends)('accounts, sessions and the login throttle on $name', (backend) => {
  let db: SqlClient;
  const clock = testClock();
  let accounts: AccountsRepository;
  let sessions: SessionStore;
  beforeAll(async () => {
    if (backend.skip) return;
    db = await backend.freshDb();
    accounts = createAccountsRepository(db, clock.now);
    sessions = createSessionStore(db, clock.now, { idleMinutes: 30, maxHours: 12 });
    await accounts.create({ username: 'Alice', name: 'Alice Example', roles: ['attending'], password: 'correct horse battery' });
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(!!backend.skip)('stores an argon2id hash, never the password, and answers wrong password and unknown user alike', async () => {
    const [row] = await db.query<{ password_hash: string }>("SELECT password_hash FROM accounts WHERE username = 'alice'");
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain('correct horse');
    expect(await accounts.checkCredentials('ALICE', 'correct horse battery')).toMatchObject({ kind: 'ok', account: { username: 'alice', roles: ['attending'] } });
    const wrong = await accounts.checkCredentials('alice', 'wrong horse battery');
    const unknown = await accounts.checkCredentials('nobody', 'wrong horse battery');
    expect([wrong.kind, unknown.kind]).toEqual(['refused', 'refused']);
    expect(wrong).toMatchObject({ reason: 'wrong-password' });
    expect(unknown).toMatchObject({ reason: 'unknown-account', account: null });
  });

  it.skipIf(!!backend.skip)('refuses short passwords, unknown roles, duplicates and missing accounts with their codes', async () => {
    const code = (p: Promise<unknown>) => p.then(() => 'accepted', (e: unknown) => (e instanceof AccountProblem ? e.code : String(e)));
    expect(await code(accounts.create({ username: 'bob', roles: ['trainee'], password: 'short' }))).toBe('invalid-password');
    expect(await code(accounts.create({ username: 'bob', roles: ['surgeon'], password: 'long enough pass' }))).toBe('invalid-roles');
    expect(await code(accounts.create({ username: 'bob', roles: [], password: 'long enough pass' }))).toBe('invalid-roles');
    expect(await code(accounts.create({ username: 'ALICE', roles: ['board'], password: 'long enough pass' }))).toBe('exists');
    expect(await code(accounts.update('nobody', { disabled: true }))).toBe('not-found');
    expect(await code(accounts.update('alice', { password: 'x'.repeat(11) }))).toBe('invalid-password');
    expect(await accounts.get('bob')).toBeUndefined();
  });

  it.skipIf(!!backend.skip)('changes roles and name, and disables and enables an account', async () => {
    await accounts.create({ username: 'carol', roles: ['trainee'], password: 'carol password 1' });
    expect(await accounts.update('carol', { roles: ['board', 'trainee'], name: 'Carol C' })).toMatchObject({ roles: ['trainee', 'board'], name: 'Carol C' });
    await accounts.update('carol', { disabled: true });
    expect(await accounts.checkCredentials('carol', 'carol password 1')).toMatchObject({ kind: 'refused', reason: 'disabled' });
    await accounts.update('carol', { disabled: false });
    expect(await accounts.checkCredentials('carol', 'carol password 1')).toMatchObject({ kind: 'ok' });
    await accounts.update('carol', { password: 'carol password 2' });
    expect(await accounts.checkCredentials('carol', 'carol password 1')).toMatchObject({ kind: 'refused', reason: 'wrong-password' });
    expect(await accounts.checkCredentials('carol', 'carol password 2')).toMatchObject({ kind: 'ok' });
  });

  it.skipIf(!!backend.skip)('keeps only the sha256 of the cookie and a csrf token per session', async () => {
    const { cookie, session } = await sessions.create('alice', origin);
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.hash).toBe(sessionHash(cookie));
    expect(session.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.csrfToken).not.toBe(cookie);
    const stored = await db.query<{ session_hash: string }>('SELECT session_hash FROM sessions');
    expect(stored.map((r) => r.session_hash)).toContain(session.hash);
    expect(JSON.stringify(stored)).not.toContain(cookie);
    expect(await sessions.load(cookie)).toMatchObject({ kind: 'valid', session: { username: 'alice', name: 'Alice Example', roles: ['attending'] } });
    expect(await sessions.load('x'.repeat(43))).toEqual({ kind: 'unknown' });
    expect(await sessions.load('not a cookie')).toEqual({ kind: 'unknown' });
  });

  it.skipIf(!!backend.skip)('ends a session after 30 idle minutes, but not while it is used', async () => {
    const { cookie } = await sessions.create('alice', origin);
    clock.advance(29 * MINUTE);
    expect((await sessions.load(cookie)).kind).toBe('valid');
    clock.advance(29 * MINUTE); // 58 minutes after sign-in, 29 after the last request
    expect((await sessions.load(cookie)).kind).toBe('valid');
    clock.advance(30 * MINUTE);
    expect(await sessions.load(cookie)).toMatchObject({ kind: 'expired', reason: 'idle' });
  });

  it.skipIf(!!backend.skip)('ends a session 12 hours after sign-in even while it is used', async () => {
    const { cookie } = await sessions.create('alice', origin);
    // A request every 20 minutes keeps it from idling out: 35 × 20 min = 11 h 40 min.
    for (let i = 0; i < 35; i++) {
      clock.advance(20 * MINUTE);
      expect((await sessions.load(cookie)).kind).toBe('valid');
    }
    clock.advance(19 * MINUTE); // 11 h 59 min
    expect((await sessions.load(cookie)).kind).toBe('valid');
    clock.advance(MINUTE); // 12 h
    expect(await sessions.load(cookie)).toMatchObject({ kind: 'expired', reason: 'absolute' });
  });

  it.skipIf(!!backend.skip)('revokes one session and leaves the others', async () => {
    const a = await sessions.create('alice', origin);
    const b = await sessions.create('alice', origin);
    await sessions.revoke(a.cookie);
    await sessions.revoke(a.cookie); // idempotent
    expect(await sessions.load(a.cookie)).toMatchObject({ kind: 'expired', reason: 'revoked' });
    expect((await sessions.load(b.cookie)).kind).toBe('valid');
  });

  it.skipIf(!!backend.skip)('gives a new id at every sign-in and refuses the one the client came with (fixation)', async () => {
    const before = await sessions.create('alice', origin);
    const after = await sessions.create('alice', { ...origin, replacing: before.cookie });
    expect(after.cookie).not.toBe(before.cookie);
    expect(after.session.csrfToken).not.toBe(before.session.csrfToken);
    expect(await sessions.load(before.cookie)).toMatchObject({ kind: 'expired', reason: 'revoked' });
    expect((await sessions.load(after.cookie)).kind).toBe('valid');
  });

  it.skipIf(!!backend.skip)('disabling an account ends all its sessions, and enabling it does not bring them back', async () => {
    await accounts.create({ username: 'dave', roles: ['board'], password: 'dave password 1' });
    const one = await sessions.create('dave', origin);
    const two = await sessions.create('dave', origin);
    const other = await sessions.create('alice', origin);
    await accounts.update('dave', { disabled: true });
    expect(await sessions.load(one.cookie)).toMatchObject({ kind: 'expired', reason: 'revoked' });
    expect(await sessions.load(two.cookie)).toMatchObject({ kind: 'expired', reason: 'revoked' });
    expect((await sessions.load(other.cookie)).kind).toBe('valid');
    await accounts.update('dave', { disabled: false });
    expect((await sessions.load(one.cookie)).kind).toBe('expired');
    expect(await sessions.revokeAllFor('alice')).toBeGreaterThanOrEqual(1);
    expect((await sessions.load(other.cookie)).kind).toBe('expired');
  });

  it.skipIf(!!backend.skip)('a role change applies to live sessions at their next request', async () => {
    await accounts.create({ username: 'erin', roles: ['trainee'], password: 'erin password 1' });
    const { cookie } = await sessions.create('erin', origin);
    await accounts.update('erin', { roles: ['attending'] });
    expect(await sessions.load(cookie)).toMatchObject({ kind: 'valid', session: { roles: ['attending'] } });
  });

  it.skipIf(!!backend.skip)('throttles after 5 failures per account and 20 per address within 15 minutes', async () => {
    const throttle = createLoginThrottle(db, clock.now);
    for (let i = 0; i < 4; i++) await throttle.recordFailure('frank', '10.1.1.1');
    expect(await throttle.check('frank', '10.1.1.1')).toEqual({ allowed: true });
    await throttle.recordFailure('frank', '10.1.1.1');
    // 5 failures at one instant: the 6th try waits until they leave the 15-minute window.
    expect(await throttle.check('frank', '10.9.9.9')).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 900 });
    clock.advance(15 * MINUTE);
    expect(await throttle.check('frank', '10.9.9.9')).toEqual({ allowed: true });

    // A success clears the account's count but not the address's.
    for (let i = 0; i < 4; i++) await throttle.recordFailure('grace', '10.2.2.2');
    await throttle.recordSuccess('grace');
    await throttle.recordFailure('grace', '10.2.2.2');
    expect(await throttle.check('grace', '10.3.3.3')).toEqual({ allowed: true });
    const [{ n } = { n: 0 }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM login_failures WHERE scope = 'address' AND key = '10.2.2.2'");
    expect(n).toBe(5);

    // 20 failures from one address over different names, spread over 10 minutes.
    for (let i = 0; i < 20; i++) {
      await throttle.recordFailure(`user${i}`, '10.4.4.4');
      clock.advance(30_000);
    }
    // The first failure was 10 minutes ago: it leaves the window in 5 minutes.
    expect(await throttle.check('someone-else', '10.4.4.4')).toEqual({ allowed: false, scope: 'address', retryAfterSeconds: 300 });
    expect(await throttle.check('someone-else', '10.5.5.5')).toEqual({ allowed: true });
    clock.advance(5 * MINUTE);
    expect(await throttle.check('someone-else', '10.4.4.4')).toEqual({ allowed: true });
  });
});
