import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient, SqlExecutor } from '../records/sqlClient';
import { isRole, type Role } from './roles';

/** How long a session lives. */
export interface SessionTimeouts {
  /** Ends after this many minutes without a request (SESSION_IDLE_MINUTES, default 30). */
  idleMinutes: number;
  /** Ends this many hours after sign-in whatever happens (SESSION_MAX_HOURS, default 12). */
  maxHours: number;
}

/** The defaults of {@link SessionTimeouts}. */
export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMinutes: 30, maxHours: 12 };

/** A live session with what the request needs of its account. */
export interface Session {
  /** sha256 hex of the cookie value: what the database and the audit trail hold. */
  hash: string;
  username: string;
  name: string;
  roles: Role[];
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  address: string;
  userAgent: string;
}

/** What a cookie value turned out to name. `expired` covers ended sessions of every kind. */
export type SessionLookup =
  | { kind: 'valid'; session: Session }
  | { kind: 'expired'; reason: 'idle' | 'absolute' | 'revoked' | 'disabled'; hash: string }
  | { kind: 'unknown' };

/** Where the client signing in is. */
export interface SessionOrigin {
  address: string;
  userAgent: string;
}

/** Sessions in the database, shared by every server process on it. */
export interface SessionStore {
  readonly timeouts: SessionTimeouts;
  /**
   * Starts a session for `username` with a new random id (never one the client offered: that
   * would allow session fixation). `replacing`, the cookie the client came with, is revoked.
   */
  create(username: string, origin: SessionOrigin & { replacing?: string | null }): Promise<{ cookie: string; session: Session }>;
  /** Finds the session a cookie names and records that it was used. */
  load(cookie: string): Promise<SessionLookup>;
  /** Ends the session a cookie names (idempotent). */
  revoke(cookie: string): Promise<void>;
  /** Ends every session of an account; returns how many were live. */
  revokeAllFor(username: string): Promise<number>;
}

/** The shape of a cookie value: 32 random bytes, base64url without padding. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;

/** A new unguessable token: 32 random bytes, base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a session cookie: its sha256, hex. */
export const sessionHash = (cookie: string): string => createHash('sha256').update(cookie).digest('hex');

/** Reads SESSION_IDLE_MINUTES and SESSION_MAX_HOURS; throws naming the variable when one is unusable. */
export function readSessionTimeouts(env: NodeJS.ProcessEnv): SessionTimeouts {
  const positive = (name: string, fallback: number): number => {
    const text = env[name]?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${text}"`);
    return value;
  };
  return { idleMinutes: positive('SESSION_IDLE_MINUTES', DEFAULT_SESSION_TIMEOUTS.idleMinutes), maxHours: positive('SESSION_MAX_HOURS', DEFAULT_SESSION_TIMEOUTS.maxHours) };
}

/** Revokes every live session of `username` inside a caller's transaction; returns how many. */
export async function revokeSessionsOf(q: SqlExecutor, username: string, at: Date): Promise<number> {
  const rows = await q.query('UPDATE sessions SET revoked_at = $2 WHERE username = $1 AND revoked_at IS NULL RETURNING session_hash', [username, at]);
  return rows.length;
}

interface SessionRow {
  session_hash: string;
  username: string;
  csrf_token: string;
  created_at: Date | string;
  last_seen_at: Date | string;
  revoked_at: Date | string | null;
  address: string;
  user_agent: string;
  name: string;
  roles: string[];
  disabled: boolean;
}

/**
 * `last_seen_at` is written at most this often: every image of a series is a request, and the
 * idle timeout (minutes) does not need a write per image. The idle timeout errs by at most this.
 */
const TOUCH_EVERY_MS = 10_000;

/** Sessions older than this past their absolute end are deleted when a new session starts. */
const KEEP_ENDED_MS = 7 * 24 * 3600_000;

const MAX_USER_AGENT = 512;

/** The session store on PGlite or PostgreSQL; `now` is the clock for every timeout. */
export function createSessionStore(db: SqlClient, now: () => Date, timeouts: SessionTimeouts = DEFAULT_SESSION_TIMEOUTS): SessionStore {
  const idleMs = timeouts.idleMinutes * 60_000;
  const maxMs = timeouts.maxHours * 3600_000;
  const select = async (q: SqlExecutor, hash: string): Promise<SessionRow | undefined> =>
    (
      await q.query<SessionRow>(
        `SELECT s.session_hash, s.username, s.csrf_token, s.created_at, s.last_seen_at, s.revoked_at, s.address, s.user_agent,
                a.name, a.roles, a.disabled
         FROM sessions s JOIN accounts a ON a.username = s.username WHERE s.session_hash = $1`,
        [hash],
      )
    )[0];
  const toSession = (row: SessionRow): Session => ({
    hash: row.session_hash,
    username: row.username,
    name: row.name,
    roles: row.roles.filter(isRole),
    csrfToken: row.csrf_token,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
    address: row.address,
    userAgent: row.user_agent,
  });

  return {
    timeouts,

    async create(username, origin) {
      const cookie = newToken();
      const hash = sessionHash(cookie);
      const at = now();
      const row = await db.transaction(async (tx) => {
        if (origin.replacing && COOKIE_VALUE.test(origin.replacing)) {
          await tx.query('UPDATE sessions SET revoked_at = $2 WHERE session_hash = $1 AND revoked_at IS NULL', [sessionHash(origin.replacing), at]);
        }
        await tx.query('DELETE FROM sessions WHERE created_at < $1', [new Date(at.getTime() - maxMs - KEEP_ENDED_MS)]);
        await tx.query(
          `INSERT INTO sessions (session_hash, username, csrf_token, created_at, last_seen_at, address, user_agent)
           VALUES ($1, $2, $3, $4, $4, $5, $6)`,
          [hash, username, newToken(), at, origin.address, origin.userAgent.slice(0, MAX_USER_AGENT)],
        );
        return select(tx, hash);
      });
      if (!row) throw new Error('the new session could not be read back');
      return { cookie, session: toSession(row) };
    },

    async load(cookie) {
      if (!COOKIE_VALUE.test(cookie)) return { kind: 'unknown' };
      const hash = sessionHash(cookie);
      const row = await select(db, hash);
      if (!row) return { kind: 'unknown' };
      const at = now().getTime();
      const lastSeen = new Date(row.last_seen_at).getTime();
      if (row.revoked_at !== null) return { kind: 'expired', reason: 'revoked', hash };
      if (row.disabled) return { kind: 'expired', reason: 'disabled', hash };
      if (at - new Date(row.created_at).getTime() >= maxMs) return { kind: 'expired', reason: 'absolute', hash };
      if (at - lastSeen >= idleMs) return { kind: 'expired', reason: 'idle', hash };
      const session = toSession(row);
      if (at - lastSeen >= TOUCH_EVERY_MS) {
        // Guarded by the old value: of two processes touching at once, one write is enough.
        await db.query('UPDATE sessions SET last_seen_at = $2 WHERE session_hash = $1 AND last_seen_at < $2 AND revoked_at IS NULL', [hash, new Date(at)]);
        session.lastSeenAt = new Date(at);
      }
      return { kind: 'valid', session };
    },

    async revoke(cookie) {
      if (!COOKIE_VALUE.test(cookie)) return;
      await db.transaction((tx) => tx.query('UPDATE sessions SET revoked_at = $2 WHERE session_hash = $1 AND revoked_at IS NULL', [sessionHash(cookie), now()]));
    },

    revokeAllFor(username) {
      return db.transaction((tx) => revokeSessionsOf(tx, username, now()));
    },
  };
}
