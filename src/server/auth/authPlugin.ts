import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import { z } from 'zod';
import type { SqlClient } from '../records/sqlClient';
import { createAccountsRepository, normaliseUsername, type AccountsRepository } from './accountsRepository';
import { registerAdminAccountRoutes } from './adminAccountsRoutes';
import { guarded, parseBody, problem, send } from './authReplies';
import type { Actor } from './actor';
import type { AuditInput, AuditTrail } from './auditTrail';
import { publicOrigin, securedCookies, sessionCookieName, type AuthConfig } from './authConfig';
import { createModeDecider, type AuthMode, type ModeDecider } from './authMode';
import { crossSiteReason, STATE_CHANGING, tokensEqual } from './csrf';
import { createLoginThrottle, type LoginThrottle } from './loginThrottle';
import { createSessionStore, type Session, type SessionStore } from './sessionStore';

export type { AuthConfig } from './authConfig';

/** What the auth plugin is built from. */
export interface AuthPluginOptions {
  db: SqlClient;
  /** The clock of sessions, the throttle and the mode cache (tests move it by hand). */
  clock: () => Date;
  config: AuthConfig;
  audit: AuditTrail;
}

/**
 * Routes anyone may call in accounts mode, as `METHOD route-pattern` (HEAD goes with GET).
 * Everything else under /api and /dicomweb needs a session; paths outside them (the built app,
 * its client routes) are public so that the sign-in page can load.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/config',
  'POST /api/auth/login',
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'GET /auth/login',
  'GET /auth/callback',
]);

/** Whether a path lies under the API or the DICOMweb proxy (compared after decoding, so `%61pi` is `api`). */
function underProtectedPrefix(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Undecodable: judged as sent.
  }
  const p = decoded.toLowerCase().replace(/\/{2,}/g, '/');
  return /^\/(api|dicomweb)(\/|$)/.test(p);
}

/** Whether a request needs a session in accounts mode. Unmatched paths under /api (404s) need one too. */
export function needsSession(method: string, routePattern: string | undefined, rawPath: string): boolean {
  const key = `${method === 'HEAD' ? 'GET' : method} ${routePattern ?? ''}`;
  if (routePattern !== undefined && PUBLIC_ROUTES.has(key)) return false;
  return underProtectedPrefix(rawPath) || (routePattern !== undefined && underProtectedPrefix(routePattern));
}

const loginBody = z.strictObject({ username: z.string().max(200), password: z.string().max(4096) });

/** The user part of the login and `me` bodies. */
const userBody = (u: { username: string; name: string; roles: readonly string[] }) => ({ username: u.username, name: u.name, roles: [...u.roles] });




/** How long until a throttled sign-in may be tried again, in words. */
const inMinutes = (seconds: number): string => (seconds <= 60 ? 'a minute' : `${Math.ceil(seconds / 60)} minutes`);

/** Who a request is in each mode, before or without a session. */
const singleUserActor = (config: AuthConfig, address: string): Actor => ({
  username: config.localUser,
  name: config.localUser,
  roles: ['attending', 'admin'],
  mode: 'single-user',
  sessionHash: null,
  address,
  csrfToken: null,
});
const anonymousActor = (address: string): Actor => ({ username: '', name: '', roles: [], mode: 'accounts', sessionHash: null, address, csrfToken: null });
const sessionActor = (session: Session, address: string): Actor => ({
  username: session.username,
  name: session.name,
  roles: session.roles,
  mode: 'accounts',
  sessionHash: session.hash,
  address,
  csrfToken: session.csrfToken,
});

/** Hosts a single-user server answers to: a page of another name that resolves here (DNS rebinding) is refused. */
function loopbackHostHeader(host: string | undefined): boolean {
  if (!host) return true;
  let hostname: string;
  try {
    hostname = new URL(`http://${host}`).hostname;
  } catch {
    return false;
  }
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** What the auth plugin makes, for the other plugins (OIDC) and tests. */
export interface AuthServices {
  accounts: AccountsRepository;
  sessions: SessionStore;
  throttle: LoginThrottle;
  mode: ModeDecider;
}

/** Builds the accounts, sessions, throttle and mode decider the plugin uses. */
export function createAuthServices(opts: Pick<AuthPluginOptions, 'db' | 'clock' | 'config'>): AuthServices {
  const accounts = createAccountsRepository(opts.db, opts.clock);
  return {
    accounts,
    sessions: createSessionStore(opts.db, opts.clock, opts.config.session),
    throttle: createLoginThrottle(opts.db, opts.clock, opts.config.throttle),
    mode: createModeDecider({ countAccounts: () => accounts.count(), oidc: opts.config.oidc, host: opts.config.host, now: opts.clock }),
  };
}

/**
 * Who may use the server: decides the mode per request, loads the session from its cookie,
 * refuses cross-site requests (both modes), a missing or wrong X-CSRF-Token on state-changing
 * requests and, in accounts mode, protected routes without a session; sets `request.actor` on
 * every request. Adds /api/auth/login|me|logout and /api/admin/accounts. Its hooks apply to the
 * whole app (registered without encapsulation).
 */
async function authPluginImpl(app: FastifyInstance, opts: AuthPluginOptions): Promise<void> {
  const { config, audit } = opts;
  const services = createAuthServices(opts);
  const { accounts, sessions, throttle, mode } = services;
  const cookieName = sessionCookieName(config);
  const secure = securedCookies(config);
  const ownOrigin = publicOrigin(config);

  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);

  const readCookie = (request: FastifyRequest): string | null => {
    const cookies = request.cookies ?? (request.headers.cookie ? app.parseCookie(request.headers.cookie) : {});
    return cookies[cookieName] ?? null;
  };
  const requestId = (request: FastifyRequest): string => String(request.id);
  const record = (input: AuditInput): Promise<void> => audit.record(input);

  app.addHook('onRequest', async (request, reply) => {
    const address = request.ip;
    const rawPath = request.url.split('?')[0] ?? '/';
    const pattern = request.routeOptions.url;
    const protectedPath = underProtectedPrefix(rawPath) || (pattern !== undefined && underProtectedPrefix(pattern));

    const current: AuthMode = await mode.mode();
    request.actor = current === 'single-user' ? singleUserActor(config, address) : anonymousActor(address);

    // Cross-site requests are refused in both modes for the API, the proxy and any state change;
    // a link from another site to a page of the app (or the sign-on callback) is a navigation and passes.
    if (protectedPath || STATE_CHANGING.has(request.method)) {
      const why = crossSiteReason(request.headers, ownOrigin);
      if (why) return problem(reply, 403, 'cross-site', `Refused: ${why}`);
    }

    if (current === 'single-user') {
      if (ownOrigin === null && !loopbackHostHeader(request.headers.host)) {
        return problem(reply, 403, 'cross-site', 'Refused: a single-user PercuPlan answers only to localhost, 127.0.0.1 or [::1]');
      }
      return;
    }

    const cookie = readCookie(request);
    let expired = false;
    if (cookie) {
      const found = await sessions.load(cookie);
      if (found.kind === 'valid') request.actor = sessionActor(found.session, address);
      else expired = found.kind === 'expired';
    }
    const signedIn = request.actor.sessionHash !== null;
    if (!signedIn && needsSession(request.method, pattern, rawPath)) {
      return expired
        ? problem(reply, 401, 'session-expired', 'Your session has ended; sign in again')
        : problem(reply, 401, 'no-session', 'Sign in to use PercuPlan');
    }
    // Signing in needs no token (there is no session yet; the origin check covers it).
    const isLogin = request.method === 'POST' && pattern === '/api/auth/login';
    if (signedIn && STATE_CHANGING.has(request.method) && !isLogin) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !tokensEqual(sent, request.actor.csrfToken ?? '')) {
        return problem(reply, 403, 'csrf', 'The request lacks this session’s X-CSRF-Token; reload the page');
      }
    }
    return;
  });

  const setSessionCookie = (reply: FastifyReply, value: string): void => {
    reply.setCookie(cookieName, value, { httpOnly: true, sameSite: 'lax', path: '/', secure });
  };

  app.post(
    '/api/auth/login',
    guarded(async (request, reply) => {
      const body = parseBody(loginBody, request.body);
      const address = request.actor?.address ?? request.ip;
      // The throttle's key: what was typed, normalised as far as it goes, so case changes do not reset it.
      const key = normaliseUsername(body.username) ?? body.username.trim().toLowerCase().slice(0, 128);
      const verdict = await throttle.check(key, address);
      if (!verdict.allowed) {
        const existing = await accounts.get(key);
        await record({ event: 'auth.login-failed', outcome: 4, account: existing?.username, address, requestId: requestId(request), detail: { reason: 'too-many-attempts' } });
        reply.header('retry-after', String(verdict.retryAfterSeconds));
        return problem(reply, 429, 'too-many-attempts', `Too many failed sign-ins; try again in ${inMinutes(verdict.retryAfterSeconds)}`);
      }
      const checked = await accounts.checkCredentials(body.username, body.password);
      if (checked.kind === 'refused') {
        await throttle.recordFailure(key, address);
        // The account is named only when it exists: a password typed into the user-name box must not reach the trail.
        await record({
          event: 'auth.login-failed',
          outcome: 4,
          account: checked.account?.username,
          address,
          requestId: requestId(request),
          detail: { reason: checked.reason },
        });
        return problem(reply, 401, 'invalid-credentials', 'Wrong user name or password');
      }
      await throttle.recordSuccess(checked.account.username);
      const { cookie, session } = await sessions.create(checked.account.username, {
        address,
        userAgent: String(request.headers['user-agent'] ?? ''),
        replacing: readCookie(request),
      });
      const actor = sessionActor(session, address);
      request.actor = actor;
      await record({ event: 'auth.login', actor, requestId: requestId(request), detail: { source: 'local' } });
      setSessionCookie(reply, cookie);
      return send(reply, 200, { user: userBody(session), csrfToken: session.csrfToken });
    }),
  );

  app.get(
    '/api/auth/me',
    guarded(async (request, reply) => {
      const actor = request.actor;
      if (actor.mode === 'single-user') return send(reply, 200, { user: userBody(actor), csrfToken: '', mode: 'single-user' });
      if (actor.sessionHash === null) {
        // The hook let this public route through; say whether the cookie named an ended session.
        const cookie = readCookie(request);
        const ended = cookie ? (await sessions.load(cookie)).kind === 'expired' : false;
        return ended
          ? problem(reply, 401, 'session-expired', 'Your session has ended; sign in again')
          : problem(reply, 401, 'no-session', 'Not signed in');
      }
      return send(reply, 200, { user: userBody(actor), csrfToken: actor.csrfToken ?? '', mode: 'accounts' });
    }),
  );

  app.post(
    '/api/auth/logout',
    guarded(async (request, reply) => {
      const actor = request.actor;
      const cookie = readCookie(request);
      if (cookie) await sessions.revoke(cookie);
      if (actor.sessionHash !== null) await record({ event: 'auth.logout', actor, requestId: requestId(request) });
      if (cookie) reply.clearCookie(cookieName, { httpOnly: true, sameSite: 'lax', path: '/', secure });
      return reply.code(204).header('cache-control', 'no-store').send();
    }),
  );

  registerAdminAccountRoutes(app, { accounts, mode, audit });
}

/**
 * The auth plugin, registered with `app.register(authPlugin, opts)`. Marked to skip Fastify's
 * encapsulation (what fastify-plugin does) so its hooks and routes apply to the whole app.
 */
export const authPlugin = Object.assign(authPluginImpl, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'percuplan-auth',
});
