import { afterEach, describe, expect, it, vi } from 'vitest';
import { authApi, auditQuery } from './auth';
import { plansApi } from './plans';
import { casesApi } from './cases';
import { ApiError, isSessionEnded } from './apiProblem';
import { onSessionSignal, setCsrfToken, type SessionSignal } from './sessionState';

// The session rules every call of the app follows, through the one request function: the CSRF
// token from login on every state-changing call and on no other, and a 401 that says the
// session ended raising one app-wide signal (a wrong password does not).

interface Seen {
  method: string;
  url: string;
  csrf: string | null;
}

/** A fake server answering each call with `answer(url, method)`; records what was sent. */
function fakeFetch(answer: (url: string, method: string) => Response): Seen[] {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    seen.push({ method, url, csrf: new Headers(init?.headers).get('x-csrf-token') });
    return answer(url, method);
  });
  return seen;
}

const jsonAnswer = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const session = { user: { username: 'ana', name: 'Ana Ruiz', roles: ['trainee'] }, csrfToken: 'tok-123', mode: 'accounts' };

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken('');
});

describe('CSRF token', () => {
  it('is kept from login and sent on POST/PUT, never on GET', async () => {
    const seen = fakeFetch((url) => (url === '/api/auth/login' ? jsonAnswer(200, session) : jsonAnswer(404, { error: 'nope', code: 'not-found' })));
    const r = await authApi.login('ana', 'correct horse battery');
    expect(r.ok).toBe(true);
    // The login itself went before any token was held.
    expect(seen[0]!.csrf).toBeNull();
    await casesApi.create({ title: 'x' });
    await plansApi.save('p1', {} as never, 3);
    await casesApi.get('c1').catch(() => undefined);
    expect(seen.slice(1).map((s) => [s.method, s.csrf])).toEqual([
      ['POST', 'tok-123'],
      ['PUT', 'tok-123'],
      ['GET', null],
    ]);
  });

  it('comes from me, and is forgotten at logout', async () => {
    const seen = fakeFetch((url) => (url === '/api/auth/me' ? jsonAnswer(200, { ...session, csrfToken: 'from-me' }) : new Response(null, { status: 204 })));
    expect((await authApi.me())?.user.username).toBe('ana');
    await authApi.logout();
    // The logout carried the token; the next POST has none.
    expect(seen[1]).toMatchObject({ method: 'POST', csrf: 'from-me' });
    await casesApi.create({});
    expect(seen[2]!.csrf).toBeNull();
  });

  it('is not sent in single-user mode (the server gives an empty token)', async () => {
    const seen = fakeFetch((url) => (url === '/api/auth/me' ? jsonAnswer(200, { ...session, csrfToken: '', mode: 'single-user' }) : jsonAnswer(201, {})));
    await authApi.me();
    await casesApi.create({});
    expect(seen[1]!.csrf).toBeNull();
  });
});

describe('a 401 during use', () => {
  const listen = () => {
    const signals: SessionSignal[] = [];
    const stop = onSessionSignal((s) => signals.push(s));
    return { signals, stop };
  };

  it('with code session-expired raises one "expired" signal, and the save still gets its refusal', async () => {
    fakeFetch(() => jsonAnswer(401, { error: 'Your session has expired', code: 'session-expired' }));
    const { signals, stop } = listen();
    const r = await plansApi.save('p1', {} as never, 3);
    stop();
    expect(signals).toEqual(['expired']);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.status, r.problem.code]).toEqual([401, 'session-expired']);
  });

  it('with code no-session on a GET raises the signal and throws an error recognised as "session ended"', async () => {
    fakeFetch(() => jsonAnswer(401, { error: 'Sign in first', code: 'no-session' }));
    const { signals, stop } = listen();
    const e: unknown = await casesApi.get('c1').catch((x: unknown) => x);
    stop();
    expect(signals).toEqual(['expired']);
    expect(e).toBeInstanceOf(ApiError);
    expect(isSessionEnded(e)).toBe(true);
  });

  it('from a wrong password, from me without a session, or another 401 code, raises nothing', async () => {
    fakeFetch((url) =>
      url === '/api/auth/login'
        ? jsonAnswer(401, { error: 'Wrong user name or password', code: 'invalid-credentials' })
        : url === '/api/auth/me'
          ? jsonAnswer(401, { error: 'Sign in first', code: 'no-session' })
          : jsonAnswer(401, { error: 'other', code: 'something-else' }),
    );
    const { signals, stop } = listen();
    const login = await authApi.login('ana', 'wrong password!');
    expect(await authApi.me()).toBeNull();
    await casesApi.get('c1').catch(() => undefined);
    stop();
    expect(signals).toEqual([]);
    expect(login.ok ? '' : login.problem.error).toBe('Wrong user name or password');
  });
});

describe('auditQuery', () => {
  it('leaves out empty filters and keeps the given ones', () => {
    expect(auditQuery({ account: 'ana', event: '', case: undefined, from: '2026-12-01T00:00:00Z', page: 2, pageSize: 50 })).toBe(
      'account=ana&from=2026-12-01T00%3A00%3A00Z&page=2&pageSize=50',
    );
  });
});
