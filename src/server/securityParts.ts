import type { AppPlugin } from './app';
import { authPlugin, createAuthServices } from './auth/authPlugin';
import { readAuthConfig } from './auth/authConfig';
import { loginApplies } from './auth/authMode';
import { auditPlugin } from './auth/auditPlugin';
import { createAuditTrail, type AuditLog } from './auth/auditTrail';
import { readOidcConfig } from './auth/oidcConfig';
import { oidcPlugin } from './auth/oidcPlugin';
import type { SqlClient } from './records/sqlClient';

/** Accounts, sessions, OIDC and the audit trail, as the app registers them. */
export interface SecurityParts {
  plugins: AppPlugin[];
  audit: AuditLog;
  oidc: boolean;
  /** Whether sign-in applies now (an account exists or OIDC is configured). */
  loginApplies: boolean;
}

/**
 * Builds the auth, audit and (when OIDC_ISSUER… is set) OIDC plugins over the records
 * database, in the order they must be registered: auth first, so `request.actor` is set
 * before anything else looks at it.
 */
export async function securityParts(env: NodeJS.ProcessEnv, db: SqlClient, clock: () => Date = () => new Date()): Promise<SecurityParts> {
  const config = readAuthConfig(env);
  const oidc = readOidcConfig(env);
  const audit = createAuditTrail(db, clock);
  const services = createAuthServices({ db, clock, config });
  const plugins: AppPlugin[] = [
    { plugin: authPlugin, options: { db, clock, config, audit } },
    { plugin: auditPlugin, options: { audit } },
  ];
  if (oidc) plugins.push({ plugin: oidcPlugin, options: { config: oidc, db, sessions: services.sessions, accounts: services.accounts, audit, clock } });
  return { plugins, audit, oidc: oidc !== null, loginApplies: loginApplies(await services.accounts.count(), oidc !== null) };
}
