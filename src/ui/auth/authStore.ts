import { useSyncExternalStore } from 'react';
import { authApi, type AuthUser, type Refusable, type AuthSession } from '../../api/auth';
import { api } from '../../api/client';
import { emitSessionSignal, onSessionSignal } from '../../api/sessionState';

/** Where the browser stands with the server's sign-in. */
export type AuthState =
  | { readonly status: 'loading' }
  | { readonly status: 'signed-out'; readonly oidc: boolean }
  | {
      readonly status: 'signed-in';
      readonly mode: 'single-user' | 'accounts';
      readonly user: AuthUser;
      readonly oidc: boolean;
      /** The session ended during use: a sign-in dialog covers the page, which stays as it is. */
      readonly expired: boolean;
    };

/**
 * The workstation as it was before accounts: used when the server says single-user, and when it
 * has no sign-in at all (an older server; its pages then show their own errors if it is down).
 */
const SINGLE_USER: AuthUser = { username: '', name: '', roles: ['attending', 'admin'] };

let state: AuthState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: AuthState): void {
  state = next;
  for (const l of listeners) l();
}

const oidcOf = (s: AuthState): boolean => (s.status === 'loading' ? false : s.oidc);

// A call refused because the session ended: the dialog, over whatever page is open.
onSessionSignal((signal) => {
  if (signal === 'expired' && state.status === 'signed-in' && !state.expired) set({ ...state, mode: 'accounts', expired: true });
});

/** Asks the server who is signed in (and how sign-in works); run once at start. */
export async function startAuth(): Promise<void> {
  const config = await api.config().catch(() => undefined);
  const oidc = config?.auth?.oidc ?? false;
  let me: AuthSession | null;
  try {
    me = await authApi.me();
  } catch {
    // No sign-in on this server (or no answer): the single-user workstation as it always was.
    set({ status: 'signed-in', mode: 'single-user', user: SINGLE_USER, oidc, expired: false });
    return;
  }
  if (!me) {
    set({ status: 'signed-out', oidc });
    return;
  }
  set({ status: 'signed-in', mode: me.mode ?? config?.auth?.mode ?? 'accounts', user: me.user, oidc, expired: false });
}

/** Signs in; after an expired session, the work waiting for it (a pending save) goes on. */
export async function signIn(username: string, password: string): Promise<Refusable<AuthSession>> {
  const r = await authApi.login(username, password);
  if (r.ok) {
    const wasExpired = state.status === 'signed-in' && state.expired;
    set({ status: 'signed-in', mode: 'accounts', user: r.value.user, oidc: oidcOf(state), expired: false });
    if (wasExpired) emitSessionSignal('restored');
  }
  return r;
}

/** After signing in elsewhere (the hospital account in another tab): true when a session now exists. */
export async function recheckSession(): Promise<boolean> {
  const me = await authApi.me().catch(() => null);
  if (!me) return false;
  const wasExpired = state.status === 'signed-in' && state.expired;
  set({ status: 'signed-in', mode: me.mode ?? 'accounts', user: me.user, oidc: oidcOf(state), expired: false });
  if (wasExpired) emitSessionSignal('restored');
  return true;
}

/** Ends the session; the sign-in page follows. */
export async function signOut(): Promise<void> {
  await authApi.logout().catch(() => undefined);
  set({ status: 'signed-out', oidc: oidcOf(state) });
}

const subscribe = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The sign-in state now (for code outside React, and tests). */
export const authState = (): AuthState => state;

/** The sign-in state, re-rendering when it changes. */
export function useAuth(): AuthState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The signed-in user's roles (none while loading or signed out). */
export function useRoles(): AuthUser['roles'] {
  const s = useAuth();
  return s.status === 'signed-in' ? s.user.roles : NO_ROLES;
}
const NO_ROLES: AuthUser['roles'] = [];
