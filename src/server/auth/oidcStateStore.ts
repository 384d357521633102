import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient } from '../records/sqlClient';

/** What a started sign-in must remember until the provider sends the browser back. */
export interface PendingOidcLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A same-origin path to land on after signing in. */
  returnTo: string;
}

/** Started sign-ins, each readable once. */
export interface OidcStateStore {
  /** Stores a pending sign-in; returns the random id for the browser's cookie. */
  put(pending: PendingOidcLogin): Promise<string>;
  /** Removes and returns the pending sign-in the id names, or null when unknown, used or expired. */
  take(id: string): Promise<PendingOidcLogin | null>;
}

/** How long a user may take at the provider's sign-in page. */
export const OIDC_LOGIN_TTL_MS = 10 * 60_000;

const ID_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

interface StateRow {
  state: string;
  nonce: string;
  code_verifier: string;
  return_to: string;
}

/** Pending sign-ins in the `oidc_login_states` table; `now` decides expiry. */
export function createOidcStateStore(db: SqlClient, now: () => Date = () => new Date()): OidcStateStore {
  return {
    async put(pending) {
      const id = randomBytes(32).toString('base64url');
      const at = now();
      await db.transaction(async (tx) => {
        // Abandoned sign-ins are cleared here, so the table stays as small as the last ten minutes.
        await tx.query('DELETE FROM oidc_login_states WHERE expires_at <= $1', [at]);
        await tx.query(
          `INSERT INTO oidc_login_states (id_hash, state, nonce, code_verifier, return_to, created_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [hashId(id), pending.state, pending.nonce, pending.codeVerifier, pending.returnTo, at, new Date(at.getTime() + OIDC_LOGIN_TTL_MS)],
        );
      });
      return id;
    },

    async take(id) {
      if (!ID_SHAPE.test(id)) return null;
      // DELETE … RETURNING reads and removes in one statement: of two requests with the same
      // id (a replay racing the original), only one gets the row.
      const [row] = await db.transaction((tx) =>
        tx.query<StateRow>('DELETE FROM oidc_login_states WHERE id_hash = $1 AND expires_at > $2 RETURNING state, nonce, code_verifier, return_to', [hashId(id), now()]),
      );
      return row ? { state: row.state, nonce: row.nonce, codeVerifier: row.code_verifier, returnTo: row.return_to } : null;
    },
  };
}
