import { afterEach, describe, expect, it, vi } from 'vitest';
import { emitSessionSignal, onSessionSignal, type SessionSignal } from '../../api/sessionState';
import { authState, signIn, signOut, startAuth } from './authStore';

// The app's sign-in state through start, an ended session, signing in again and out, against a
// fake server. One module-level state: the steps run in order.

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ada = { username: 'ada', name: 'Ada Attending', roles: ['attending'] };

function serve(routes: Record<string, () => Response>): void {
  vi.stubGlobal('fetch', async (url: string) => (routes[url] ?? (() => json(404, { error: 'no route', code: 'not-found' })))());
}

afterEach(() => vi.unstubAllGlobals());

describe('authStore', () => {
  it('starts signed out in accounts mode without a session, with the hospital sign-on offered when configured', async () => {
    serve({
      '/api/config': () => json(200, { dicomweb: { enabled: false }, auth: { mode: 'accounts', oidc: true } }),
      '/api/auth/me': () => json(401, { error: 'Not signed in', code: 'no-session' }),
    });
    await startAuth();
    expect(authState()).toEqual({ status: 'signed-out', oidc: true });
    // An "expired" signal while signed out changes nothing (the sign-in page is already shown).
    emitSessionSignal('expired');
    expect(authState().status).toBe('signed-out');
  });

  it('a session ending during use marks it expired (the dialog), and signing in again clears it and says "restored" once', async () => {
    serve({ '/api/auth/login': () => json(200, { user: ada, csrfToken: 't1' }) });
    expect((await signIn('ada', 'a long password')).ok).toBe(true);
    expect(authState()).toMatchObject({ status: 'signed-in', mode: 'accounts', user: ada, expired: false, oidc: true });
    const signals: SessionSignal[] = [];
    const stop = onSessionSignal((s) => signals.push(s));
    emitSessionSignal('expired');
    emitSessionSignal('expired'); // a second refused call: still one dialog
    expect(authState()).toMatchObject({ status: 'signed-in', expired: true });
    expect((await signIn('ada', 'a long password')).ok).toBe(true);
    expect(authState()).toMatchObject({ status: 'signed-in', expired: false });
    expect(signals).toEqual(['expired', 'expired', 'restored']);
    // Signing in when nothing had expired says nothing more.
    await signIn('ada', 'a long password');
    expect(signals).toEqual(['expired', 'expired', 'restored']);
    stop();
  });

  it('a refused sign-in in the dialog keeps the page under it (still expired)', async () => {
    serve({ '/api/auth/login': () => json(401, { error: 'Wrong user name or password', code: 'invalid-credentials' }) });
    emitSessionSignal('expired');
    const r = await signIn('ada', 'wrong password!!');
    expect(r.ok ? '' : r.problem.error).toBe('Wrong user name or password');
    expect(authState()).toMatchObject({ status: 'signed-in', expired: true });
  });

  it('signs out', async () => {
    serve({ '/api/auth/logout': () => new Response(null, { status: 204 }) });
    await signOut();
    expect(authState()).toEqual({ status: 'signed-out', oidc: true });
  });

  it('a server without sign-in (no /api/auth/me) is the single-user workstation, as before accounts', async () => {
    serve({ '/api/config': () => json(200, { dicomweb: { enabled: false } }), '/api/auth/me': () => new Response('<html>', { status: 404 }) });
    await startAuth();
    expect(authState()).toMatchObject({ status: 'signed-in', mode: 'single-user', oidc: false, expired: false });
    const s = authState();
    expect(s.status === 'signed-in' ? s.user.roles : []).toEqual(['attending', 'admin']);
  });

  it('single-user mode as the server reports it: the OS user, who may do everything', async () => {
    serve({
      '/api/config': () => json(200, { dicomweb: { enabled: false }, auth: { mode: 'single-user', oidc: false } }),
      '/api/auth/me': () => json(200, { user: { username: 'radiology', name: 'radiology', roles: ['attending', 'admin'] }, csrfToken: '', mode: 'single-user' }),
    });
    await startAuth();
    expect(authState()).toMatchObject({ status: 'signed-in', mode: 'single-user', user: { username: 'radiology' } });
  });
});
