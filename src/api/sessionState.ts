/**
 * The browser's side of the session: the CSRF token the server gave at sign-in (kept in memory
 * only, never in storage a script on another page could read) and the app-wide "session
 * expired" / "signed in again" events. Free of React so the request function and the plan
 * saver can use it, and tests can drive it.
 */

/** Signals the app listens to: the session ended under the user, or it was restored. */
export type SessionSignal = 'expired' | 'restored';

let csrf = '';
const listeners = new Set<(signal: SessionSignal) => void>();

/** Keeps the token a login or `me` answered (empty in single-user mode, where none is needed). */
export function setCsrfToken(token: string): void {
  csrf = token;
}

/** The token state-changing requests carry as `X-CSRF-Token` (empty when there is none). */
export function csrfToken(): string {
  return csrf;
}

/** Listens to session signals; returns the function that stops listening. */
export function onSessionSignal(listener: (signal: SessionSignal) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Tells every listener; a listener that throws does not stop the others. */
export function emitSessionSignal(signal: SessionSignal): void {
  for (const l of [...listeners]) {
    try {
      l(signal);
    } catch (e) {
      console.error('session listener failed', e);
    }
  }
}

/** The 401 codes that mean "sign in again" (not a wrong password). */
export const SESSION_ENDED_CODES: readonly string[] = ['no-session', 'session-expired'];

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The request options with `X-CSRF-Token` added when the method changes state and a token is
 * held; other requests and headers are left as they are.
 */
export function withCsrf(init: RequestInit | undefined): RequestInit | undefined {
  const method = (init?.method ?? 'GET').toUpperCase();
  const token = csrf;
  if (!STATE_CHANGING.has(method) || !token) return init;
  const headers = new Headers(init?.headers);
  headers.set('X-CSRF-Token', token);
  return { ...init, headers };
}
