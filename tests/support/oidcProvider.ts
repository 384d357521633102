import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type OidcAccount } from 'oidc-provider';

/** A user the test provider knows: the login name typed at its sign-in page is the account id. */
export interface TestOidcUser {
  name: string;
  /** The value of the `roles` claim; absent: the claim is left out. */
  roles?: string[];
  preferredUsername?: string;
}

/** The provider's users by login: alice is IR staff, bob a resident, carol in no group that PercuPlan maps. */
export const TEST_OIDC_USERS: Readonly<Record<string, TestOidcUser>> = {
  alice: { name: 'Alice Attending', roles: ['ir-staff'] },
  bob: { name: 'Bob Resident', roles: ['ir-residents'] },
  carol: { name: 'Carol Cardiology', roles: [] },
};

/** The client PercuPlan is registered as. */
export const TEST_OIDC_CLIENT = { clientId: 'percuplan', clientSecret: 'percuplan-test-secret-1234567890' } as const;

export interface TestOidcProviderOptions {
  /** PercuPlan's callback URL(s), registered for the client. */
  redirectUris: string[];
  /** The issuer the provider announces, given its port (default `http://127.0.0.1:<port>`). */
  issuer?: (port: number) => string;
  /** A port to listen on (default: any free one). */
  port?: number;
  /** Put the roles claim in the ID token too (default false: only userinfo has it, as the spec wants). */
  rolesInIdToken?: boolean;
  users?: Readonly<Record<string, TestOidcUser>>;
}

/** A running provider. */
export interface TestOidcProvider {
  /** What discovery reports as `issuer`. */
  issuer: string;
  /** Where it listens, `http://127.0.0.1:<port>`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts a real OpenID provider (the certified `oidc-provider` package) on 127.0.0.1: one
 * confidential client (client_secret_basic, code flow, PKCE required), users with a `roles`
 * claim offered under the `roles` scope, and the package's development sign-in page, which
 * accepts any login and password (the login is the account id).
 */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const users = options.users ?? TEST_OIDC_USERS;
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const issuer = options.issuer?.(port) ?? url;
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_OIDC_CLIENT.clientId,
        client_secret: TEST_OIDC_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], roles: ['roles'] },
    conformIdTokenClaims: !options.rolesInIdToken,
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes (seconds) keep the provider from printing a notice per default used.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256', kid: 'test' }] },
    findAccount(_ctx: unknown, sub: string): OidcAccount {
      const user = users[sub];
      return {
        accountId: sub,
        claims: () => ({
          sub,
          name: user?.name ?? sub,
          preferred_username: user?.preferredUsername ?? sub,
          ...(user?.roles ? { roles: user.roles } : {}),
        }),
      };
    },
  });
  // The provider answers errors itself; keep its stack traces out of the test output.
  provider.on('server_error', () => {});
  server.on('request', provider.callback());
  return {
    issuer,
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
