import { localUser } from '../records/requestActor';
import { readOidcConfig } from './oidcConfig';
import { DEFAULT_THROTTLE_LIMITS, type ThrottleLimits } from './loginThrottle';
import { readSessionTimeouts, type SessionTimeouts } from './sessionStore';

/** What the auth plugin needs to know about the deployment. */
export interface AuthConfig {
  /** The address the server listens on (HOST): single-user mode only on loopback. */
  host: string;
  /** PUBLIC_URL without a trailing slash (where browsers reach PercuPlan), or null. */
  publicUrl: string | null;
  /** Whether hospital sign-on (OIDC) is configured. */
  oidc: boolean;
  session: SessionTimeouts;
  throttle: ThrottleLimits;
  /** The operating-system user: who every request is in single-user mode. */
  localUser: string;
}

/**
 * Reads the auth settings from the environment: HOST, PUBLIC_URL, the OIDC_* variables,
 * SESSION_IDLE_MINUTES, SESSION_MAX_HOURS. Throws naming the variable when one is unusable.
 */
export function readAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const publicText = env.PUBLIC_URL?.trim().replace(/\/+$/, '') || null;
  if (publicText !== null) {
    let url: URL;
    try {
      url = new URL(publicText);
    } catch {
      throw new Error(`PUBLIC_URL must be an absolute http(s) URL, got "${publicText}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must be an http(s) URL, got "${publicText}"`);
  }
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    publicUrl: publicText,
    oidc: readOidcConfig(env) !== null,
    session: readSessionTimeouts(env),
    throttle: DEFAULT_THROTTLE_LIMITS,
    localUser: localUser(env),
  };
}

/** The origin browsers use for PercuPlan (PUBLIC_URL's), or null to use each request's Host. */
export const publicOrigin = (config: Pick<AuthConfig, 'publicUrl'>): string | null => (config.publicUrl ? new URL(config.publicUrl).origin : null);

/** Whether cookies are Secure and `__Host-` prefixed: PercuPlan is reached over https. */
export const securedCookies = (config: Pick<AuthConfig, 'publicUrl'>): boolean => config.publicUrl?.startsWith('https:') ?? false;

/** The session cookie's name (the `__Host-` prefix pins it to this host, path / and Secure). */
export const sessionCookieName = (config: Pick<AuthConfig, 'publicUrl'>): string => (securedCookies(config) ? '__Host-percuplan_session' : 'percuplan_session');
