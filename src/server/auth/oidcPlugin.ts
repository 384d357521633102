import type {} from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import type { SqlClient } from '../records/sqlClient';
import { AccountProblem, normaliseUsername, type AccountsRepository } from './accountsRepository';
import type { AuditInput, AuditTrail } from './auditTrail';
import { securedCookies, sessionCookieName } from './authConfig';
import type { OidcConfig } from './oidcConfig';
import { renderOidcPage, type OidcPage } from './oidcPage';
import { safeReturnTo } from './oidcReturnTo';
import { mapRoles } from './oidcRoles';
import { createOidcStateStore, OIDC_LOGIN_TTL_MS, type OidcStateStore } from './oidcStateStore';
import type { SessionStore } from './sessionStore';

/** What the sign-on routes need. */
export interface OidcPluginOptions {
  config: OidcConfig;
  /** Holds the started sign-ins (table oidc_login_states), so any process may receive the callback. */
  db: SqlClient;
  sessions: SessionStore;
  accounts: AccountsRepository;
  audit: AuditTrail;
  /** The clock for started sign-ins' expiry (sessions have their own). */
  clock?: () => Date;
}

/** The session cookie exactly as the password login sets it (authPlugin through @fastify/cookie). */
function sessionCookie(config: OidcConfig, value: string): string {
  return `${sessionCookieName(config)}=${value}; Path=/; HttpOnly; SameSite=Lax${securedCookies(config) ? '; Secure' : ''}`;
}

/**
 * The started sign-in's cookie: Lax so that the provider's redirect back (a top-level GET from
 * another site) carries it; `__Host-` and Secure behind https, like the session's.
 */
const pendingCookieName = (config: OidcConfig): string => `${securedCookies(config) ? '__Host-' : ''}percuplan_oidc`;
function pendingCookie(config: OidcConfig, value: string, maxAgeSeconds: number): string {
  return `${pendingCookieName(config)}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${securedCookies(config) ? '; Secure' : ''}`;
}

/** One cookie of the request, parsed by hand so the plugin does not depend on @fastify/cookie's registration order. */
function requestCookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/**
 * Each started sign-in writes a row: a client may start at most this many a minute (where the
 * app registers @fastify/rate-limit). Generous, since a whole ward may come through one proxy.
 */
const SIGN_ON_RATE_LIMIT = { max: 120, timeWindow: '1 minute' };

/** A reason as the audit trail's `detail.reason` accepts it (a code); the provider's error text is not trusted to be one. */
const auditCode = (text: string): string => text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '').slice(0, 64) || 'unknown';

/**
 * Hospital single sign-on: `GET /auth/login` starts an authorization-code flow with PKCE (S256),
 * state and nonce, remembered server-side for ten minutes under a random id in an HttpOnly
 * cookie; `GET /auth/callback` exchanges the code (client_secret_basic: no token ever reaches
 * the browser), lets openid-client check issuer, state, nonce and the PKCE verifier, maps the
 * roles claim through OIDC_ROLE_MAP, and signs the browser in exactly as the password login
 * does. Every refusal is a page that says why (the user arrives here by navigation, not fetch).
 */
export async function oidcPlugin(app: FastifyInstance, opts: OidcPluginOptions): Promise<void> {
  const { config, sessions, accounts, audit } = opts;
  const states: OidcStateStore = createOidcStateStore(opts.db, opts.clock);
  let discovered: Promise<client.Configuration> | null = null;

  /** The provider's metadata, fetched at the first sign-in and kept; a failure is retried at the next. */
  const provider = (): Promise<client.Configuration> => {
    if (!discovered) {
      const insecure = new URL(config.issuer).protocol === 'http:'; // readOidcConfig allows http on loopback only
      discovered = client
        .discovery(new URL(config.issuer), config.clientId, { redirect_uris: [config.redirectUri] }, client.ClientSecretBasic(config.clientSecret), {
          execute: insecure ? [client.allowInsecureRequests] : [],
          timeout: 10,
        })
        .catch((e: unknown) => {
          discovered = null;
          throw e;
        });
    }
    return discovered;
  };

  const page = (reply: FastifyReply, status: number, content: OidcPage): FastifyReply =>
    reply.code(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(renderOidcPage(content));

  const startAgain = { href: '/auth/login', text: 'Sign in again' };
  const backHome = { href: '/', text: 'Back to PercuPlan' };

  const fail = async (request: FastifyRequest, reason: string, account?: string): Promise<void> => {
    const input: AuditInput = { event: 'auth.login-failed', outcome: 4, address: request.ip, detail: { reason: auditCode(reason), source: 'oidc' } };
    if (account) input.account = account;
    await audit.record(input);
  };

  app.get('/auth/login', { config: { rateLimit: SIGN_ON_RATE_LIMIT } }, async (request, reply) => {
    let configuration: client.Configuration;
    try {
      configuration = await provider();
    } catch (e) {
      request.log.error({ err: e }, 'OIDC discovery failed');
      return page(reply, 502, {
        title: 'Hospital sign-in unavailable',
        paragraphs: [
          'PercuPlan could not reach the hospital sign-in service, or the service did not identify itself as the one configured (OIDC_ISSUER).',
          'Try again in a moment; if it persists, tell the administrator.',
        ],
        link: startAgain,
      });
    }
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const query = request.query as Record<string, unknown>;
    const id = await states.put({ state, nonce, codeVerifier, returnTo: safeReturnTo(query.returnTo) });
    const offered = configuration.serverMetadata().scopes_supported ?? [];
    // The roles usually come with a scope of the claim's name (Keycloak's and the test provider's
    // `roles`); ask for it when the provider offers it, unless OIDC_SCOPES says exactly what to ask.
    const scope = config.scopes ?? ['openid', 'profile', ...(offered.includes(config.rolesClaim) ? [config.rolesClaim] : [])];
    const target = client.buildAuthorizationUrl(configuration, {
      redirect_uri: config.redirectUri,
      scope: scope.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return reply
      .header('set-cookie', pendingCookie(config, id, OIDC_LOGIN_TTL_MS / 1000))
      .header('cache-control', 'no-store')
      .redirect(target.href, 303);
  });

  app.get('/auth/callback', { config: { rateLimit: SIGN_ON_RATE_LIMIT } }, async (request, reply) => {
    // Whatever happens next, the started sign-in is used up.
    reply.header('set-cookie', pendingCookie(config, '', 0));
    const id = requestCookie(request, pendingCookieName(config));
    const pending = id ? await states.take(id) : null;
    if (!pending) {
      await fail(request, 'unknown-state');
      return page(reply, 400, {
        title: 'Sign-in expired',
        paragraphs: ['This sign-in was already used, took longer than ten minutes, or was started in another browser.'],
        link: startAgain,
      });
    }
    // The URL the provider sent the browser to, rebuilt from PUBLIC_URL rather than the Host header.
    const current = new URL(config.redirectUri);
    current.search = new URL(request.url, 'http://callback.invalid').search;

    let claims: Record<string, unknown>;
    try {
      const configuration = await provider();
      const tokens = await client.authorizationCodeGrant(configuration, current, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new Error('no ID token');
      claims = { ...idClaims };
      if (!mapRoles(claims, config.rolesClaim, config.roleMap).present) {
        // Providers that follow the spec to the letter put scope-requested claims in userinfo only.
        const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
        claims = { ...userinfo, ...idClaims };
      }
    } catch (e) {
      const refusedByProvider = e instanceof client.AuthorizationResponseError;
      const code = refusedByProvider ? e.error : e instanceof client.ResponseBodyError ? e.error : e instanceof Error && 'code' in e ? String(e.code) : 'error';
      request.log.warn({ reason: code, message: e instanceof Error ? e.message : String(e) }, 'OIDC callback refused');
      await fail(request, `callback-${code}`);
      return page(reply, refusedByProvider ? 403 : 400, {
        title: 'Sign-in not completed',
        paragraphs: refusedByProvider
          ? [`The hospital sign-in service did not sign you in (${code}).`]
          : ['The answer from the hospital sign-in service did not pass PercuPlan’s checks (issuer, state, nonce or code), so you are not signed in.'],
        link: startAgain,
      });
    }

    const subject = String(claims.sub);
    const mapped = mapRoles(claims, config.rolesClaim, config.roleMap);
    const preferred = typeof claims.preferred_username === 'string' ? normaliseUsername(claims.preferred_username) : null;
    const username = preferred ?? normaliseUsername(subject);
    const name = typeof claims.name === 'string' ? claims.name : (username ?? subject);
    if (mapped.roles.length === 0) {
      await fail(request, 'no-role', username ?? undefined);
      const values = mapped.present ? (mapped.values.length ? mapped.values.join(', ') : 'none') : 'not sent';
      return page(reply, 403, {
        title: 'No PercuPlan role',
        paragraphs: [
          `Your hospital account has no PercuPlan role (claim ${config.rolesClaim}: ${values}).`,
          `Ask the administrator to add you to a group that gives one: ${[...config.roleMap.keys()].join(', ')}.`,
        ],
        link: backHome,
      });
    }
    if (!username) {
      await fail(request, 'invalid-username');
      return page(reply, 403, {
        title: 'User name not usable',
        paragraphs: ['The user name the hospital sign-in service sent cannot be a PercuPlan user name (letters, digits, . _ @ -, at most 64).'],
        link: backHome,
      });
    }
    let account;
    try {
      account = await accounts.upsertOidc({ subject, username, name, roles: mapped.roles });
    } catch (e) {
      if (!(e instanceof AccountProblem)) throw e;
      await fail(request, `account-${e.code}`, username);
      return page(reply, 403, { title: 'Account not usable', paragraphs: [e.message, 'Ask the administrator.'], link: backHome });
    }
    if (account.disabled) {
      await fail(request, 'disabled', account.username);
      return page(reply, 403, { title: 'Account disabled', paragraphs: ['Your PercuPlan account is disabled. Ask the administrator.'], link: backHome });
    }
    const { cookie, session } = await sessions.create(account.username, {
      address: request.ip,
      userAgent: String(request.headers['user-agent'] ?? ''),
      replacing: requestCookie(request, sessionCookieName(config)),
    });
    await audit.record({
      event: 'auth.login',
      actor: { username: account.username, roles: account.roles, sessionHash: session.hash, address: request.ip },
      detail: { source: 'oidc' },
    });
    return reply.header('set-cookie', sessionCookie(config, cookie)).header('cache-control', 'no-store').redirect(pending.returnTo, 303);
  });
}
