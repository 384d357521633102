import { isRole, ROLES, type Role } from './roles';

/** Hospital single sign-on settings (OpenID Connect, authorization code + PKCE, confidential client). */
export interface OidcConfig {
  /** The provider's issuer identifier exactly as configured; discovery must report this same string. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** PUBLIC_URL without a trailing slash: where browsers reach PercuPlan. */
  publicUrl: string;
  /** `PUBLIC_URL/auth/callback`, registered at the provider. */
  redirectUri: string;
  /** The claim (in the ID token or userinfo) that lists the user's groups or roles. */
  rolesClaim: string;
  /** Claim value → the PercuPlan roles it gives. */
  roleMap: ReadonlyMap<string, readonly Role[]>;
  /** Scopes to request, when OIDC_SCOPES overrides the default (openid profile, plus the roles claim's scope when the provider offers one). */
  scopes: readonly string[] | null;
}

const VARIABLES = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ROLES_CLAIM', 'OIDC_ROLE_MAP', 'OIDC_SCOPES'] as const;

/**
 * Reads the OIDC settings: null when none of the OIDC_* variables is set (sign-on off). Throws
 * with a message naming the variable when the settings are incomplete or unusable, so a
 * half-configured sign-on stops the server at start instead of failing at the first login.
 */
export function readOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | null {
  const value = (name: string): string => env[name]?.trim() ?? '';
  const set = VARIABLES.filter((name) => value(name) !== '');
  if (set.length === 0) return null;
  const missing = (['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'OIDC_ROLE_MAP'] as const).filter((name) => value(name) === '');
  if (missing.length) {
    throw new Error(
      `Hospital sign-on is half configured (${set.join(', ')} set): ${missing.join(', ')} must be set too. ` +
        'OIDC_ROLE_MAP says which values of the roles claim give which PercuPlan role, e.g. ir-staff=attending,ir-residents=trainee.',
    );
  }
  const issuer = value('OIDC_ISSUER');
  checkHttpUrl('OIDC_ISSUER', issuer);
  if (new URL(issuer).protocol === 'http:' && !isLoopbackHostname(new URL(issuer).hostname)) {
    // Tokens and the client secret would cross the network in clear text.
    throw new Error(`OIDC_ISSUER must be an https URL (http only on a loopback address, for tests), got "${issuer}"`);
  }
  const publicUrl = value('PUBLIC_URL').replace(/\/+$/, '');
  checkHttpUrl('PUBLIC_URL', publicUrl);
  const scopesText = value('OIDC_SCOPES');
  const scopes = scopesText ? scopesText.split(/\s+/) : null;
  if (scopes && !scopes.includes('openid')) throw new Error(`OIDC_SCOPES must include openid, got "${scopesText}"`);
  return {
    issuer,
    clientId: value('OIDC_CLIENT_ID'),
    clientSecret: value('OIDC_CLIENT_SECRET'),
    publicUrl,
    redirectUri: `${publicUrl}/auth/callback`,
    rolesClaim: value('OIDC_ROLES_CLAIM') || 'roles',
    roleMap: parseRoleMap(value('OIDC_ROLE_MAP')),
    scopes,
  };
}

/** Whether a URL's hostname (as `URL.hostname` gives it) is this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function checkHttpUrl(name: string, text: string): void {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${name} must be an absolute http(s) URL, got "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL, got "${text}"`);
  if (url.search || url.hash) throw new Error(`${name} must not have a query or fragment, got "${text}"`);
}

/**
 * Parses `value=role,value=role` (a value may appear several times to give several roles).
 * A role that PercuPlan does not know is an error naming it: a typo must not silently give
 * nobody access, or worse, be mistaken for another role.
 */
export function parseRoleMap(text: string): ReadonlyMap<string, readonly Role[]> {
  const map = new Map<string, Role[]>();
  for (const entry of text.split(',').map((e) => e.trim()).filter(Boolean)) {
    const eq = entry.lastIndexOf('=');
    const claimValue = eq > 0 ? entry.slice(0, eq).trim() : '';
    const role = eq > 0 ? entry.slice(eq + 1).trim() : '';
    if (!claimValue || !role) throw new Error(`OIDC_ROLE_MAP entry "${entry}" must read claim-value=role`);
    if (!isRole(role)) throw new Error(`OIDC_ROLE_MAP maps "${claimValue}" to "${role}", which is not a PercuPlan role (${ROLES.join(', ')})`);
    const roles = map.get(claimValue) ?? [];
    if (!roles.includes(role)) roles.push(role);
    map.set(claimValue, roles);
  }
  if (map.size === 0) throw new Error('OIDC_ROLE_MAP names no claim value, e.g. ir-staff=attending,ir-residents=trainee');
  return map;
}
