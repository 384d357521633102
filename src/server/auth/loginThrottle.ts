import type { SqlClient } from '../records/sqlClient';

/** How many failed sign-ins are allowed, and over how long. */
export interface ThrottleLimits {
  /** Failures per user name within the window before sign-in is refused (default 5). */
  perAccount: number;
  /** Failures per client address within the window (default 20). */
  perAddress: number;
  /** The window, in milliseconds (default 15 minutes). */
  windowMs: number;
}

/** The defaults of {@link ThrottleLimits}. */
export const DEFAULT_THROTTLE_LIMITS: ThrottleLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Whether a sign-in may be tried now. */
export type ThrottleVerdict = { allowed: true } | { allowed: false; scope: 'account' | 'address'; retryAfterSeconds: number };

/**
 * Brute-force throttling of sign-in, per account and per address, kept in the database so that
 * every server process counts the same failures.
 */
export interface LoginThrottle {
  /** Asked before checking a password: refused once the limit of failures in the window is reached. */
  check(username: string, address: string): Promise<ThrottleVerdict>;
  recordFailure(username: string, address: string): Promise<void>;
  /**
   * A successful sign-in clears the account's failures, not the address's: otherwise one
   * known account would let an address reset its counter between guesses at others.
   */
  recordSuccess(username: string): Promise<void>;
}

/** The throttle on PGlite or PostgreSQL; `now` is its clock. `username` is expected normalised (lower-case). */
export function createLoginThrottle(db: SqlClient, now: () => Date, limits: ThrottleLimits = DEFAULT_THROTTLE_LIMITS): LoginThrottle {
  /**
   * When the count of failures of `key` in the window will drop below `limit`, or null if it
   * already is: the limit-th newest failure leaving the window is that moment.
   */
  const blockedUntil = async (scope: 'account' | 'address', key: string, limit: number, at: Date): Promise<number | null> => {
    const since = new Date(at.getTime() - limits.windowMs);
    const rows = await db.query<{ at: Date | string }>(
      'SELECT at FROM login_failures WHERE scope = $1 AND key = $2 AND at > $3 ORDER BY at DESC OFFSET $4 LIMIT 1',
      [scope, key, since, limit - 1],
    );
    const row = rows[0];
    return row ? new Date(row.at).getTime() + limits.windowMs : null;
  };

  return {
    async check(username, address) {
      const at = now();
      for (const [scope, key, limit] of [
        ['account', username, limits.perAccount],
        ['address', address, limits.perAddress],
      ] as const) {
        const until = await blockedUntil(scope, key, limit, at);
        if (until !== null) return { allowed: false, scope, retryAfterSeconds: Math.max(1, Math.ceil((until - at.getTime()) / 1000)) };
      }
      return { allowed: true };
    },

    async recordFailure(username, address) {
      const at = now();
      await db.transaction(async (tx) => {
        // Rows that left the window count for nothing any more.
        await tx.query('DELETE FROM login_failures WHERE at <= $1', [new Date(at.getTime() - limits.windowMs)]);
        await tx.query("INSERT INTO login_failures (scope, key, at) VALUES ('account', $1, $3), ('address', $2, $3)", [username, address, at]);
      });
    },

    async recordSuccess(username) {
      await db.transaction((tx) => tx.query("DELETE FROM login_failures WHERE scope = 'account' AND key = $1", [username]));
    },
  };
}
