import type { SqlClient, SqlExecutor } from '../records/sqlClient';
import { hashPassword, passwordProblem, spendVerification, verifyPassword } from './passwords';
import { isRole, ROLES, type Role } from './roles';
import { revokeSessionsOf } from './sessionStore';

/** An account as callers see it: never its password hash. */
export interface Account {
  username: string;
  name: string;
  roles: Role[];
  disabled: boolean;
  source: 'local' | 'oidc';
  oidcSubject: string | null;
  /** Whether a password is set (local accounts). */
  hasPassword: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** Why a change to the accounts was refused. */
export type AccountProblemCode = 'invalid-username' | 'invalid-password' | 'invalid-roles' | 'invalid-name' | 'exists' | 'not-found' | 'conflict';

/** A refused change, with a sentence for the person who asked (CLI or admin page). */
export class AccountProblem extends Error {
  readonly code: AccountProblemCode;
  constructor(code: AccountProblemCode, message: string) {
    super(message);
    this.name = 'AccountProblem';
    this.code = code;
  }
}

/** A new local account. */
export interface NewAccount {
  username: string;
  name?: string;
  roles: readonly string[];
  password: string;
}

/** A change to an account; absent fields stay as they are. */
export interface AccountChange {
  name?: string;
  roles?: readonly string[];
  disabled?: boolean;
  password?: string;
}

/** The outcome of checking a user name and password. Callers answer every refusal alike. */
export type CredentialCheck =
  | { kind: 'ok'; account: Account }
  | { kind: 'refused'; reason: 'unknown-account' | 'wrong-password' | 'disabled' | 'no-password'; account: Account | null };

/** An account from the hospital's sign-on, as its claims describe it at this login. */
export interface OidcAccountClaims {
  subject: string;
  username: string;
  name: string;
  roles: readonly Role[];
}

/** The accounts table. */
export interface AccountsRepository {
  /** How many accounts exist, disabled ones included (any account means login applies). */
  count(): Promise<number>;
  list(): Promise<Account[]>;
  get(username: string): Promise<Account | undefined>;
  /** Creates a local account; throws AccountProblem. */
  create(input: NewAccount): Promise<Account>;
  /** Changes an account; disabling it or setting a password ends its sessions. Throws AccountProblem. */
  update(username: string, change: AccountChange): Promise<Account>;
  /** Checks a local sign-in, spending the same time whether or not the account exists. */
  checkCredentials(username: string, password: string): Promise<CredentialCheck>;
  findByOidcSubject(subject: string): Promise<Account | undefined>;
  /**
   * Creates or refreshes the account of a sign-on user (name and roles follow the claims at
   * every login). Throws AccountProblem 'conflict' when the user name belongs to a local account
   * or to another subject: taking it over would let the provider sign in as someone else.
   */
  upsertOidc(claims: OidcAccountClaims): Promise<Account>;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

/**
 * The stored form of a user name: trimmed and lower-case (so 'Alice' and 'alice' are one
 * account, and the throttle cannot be dodged by changing case); null when it is not one.
 */
export function normaliseUsername(raw: string): string | null {
  const name = raw.trim().toLowerCase();
  return USERNAME.test(name) ? name : null;
}

const usernameOrThrow = (raw: string): string => {
  const name = normaliseUsername(raw);
  if (!name) {
    throw new AccountProblem(
      'invalid-username',
      'A user name is 1–64 characters: letters, digits, and . _ @ - (not first); it is stored in lower case.',
    );
  }
  return name;
};

const rolesOrThrow = (roles: readonly string[]): Role[] => {
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length) throw new AccountProblem('invalid-roles', `Unknown role ${unknown.map((r) => `"${r}"`).join(', ')}: the roles are ${ROLES.join(', ')}.`);
  const distinct = ROLES.filter((r) => roles.includes(r));
  if (!distinct.length) throw new AccountProblem('invalid-roles', `An account needs at least one role (${ROLES.join(', ')}).`);
  return distinct;
};

const nameOrThrow = (name: string): string => {
  const trimmed = name.trim();
  // eslint-disable-next-line no-control-regex
  if (trimmed.length > 200 || /[\u0000-\u001f\u007f]/.test(trimmed)) throw new AccountProblem('invalid-name', 'A full name is at most 200 printable characters.');
  return trimmed;
};

const passwordOrThrow = (password: string): void => {
  const problem = passwordProblem(password);
  if (problem) throw new AccountProblem('invalid-password', problem);
};

interface AccountRow {
  username: string;
  name: string;
  password_hash: string | null;
  roles: string[];
  disabled: boolean;
  source: string;
  oidc_subject: string | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'username, name, password_hash, roles, disabled, source, oidc_subject, created_at, updated_at';

const toAccount = (row: AccountRow): Account => ({
  username: row.username,
  name: row.name,
  // A role removed from the product since would grant nothing; drop it rather than fail the read.
  roles: row.roles.filter(isRole),
  disabled: row.disabled,
  source: row.source === 'oidc' ? 'oidc' : 'local',
  oidcSubject: row.oidc_subject,
  hasPassword: row.password_hash !== null,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});

const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '23505';

/** The accounts table on PGlite or PostgreSQL; `now` is the clock for created/updated times. */
export function createAccountsRepository(db: SqlClient, now: () => Date = () => new Date()): AccountsRepository {
  const read = async (q: SqlExecutor, username: string): Promise<AccountRow | undefined> =>
    (await q.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE username = $1`, [username]))[0];

  return {
    async count() {
      const [row] = await db.query<{ n: number | string }>('SELECT count(*)::int AS n FROM accounts');
      return Number(row?.n ?? 0);
    },

    async list() {
      return (await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts ORDER BY username`)).map(toAccount);
    },

    async get(username) {
      const name = normaliseUsername(username);
      if (!name) return undefined;
      const row = await read(db, name);
      return row && toAccount(row);
    },

    async create(input) {
      const username = usernameOrThrow(input.username);
      const roles = rolesOrThrow(input.roles);
      const name = nameOrThrow(input.name ?? '');
      passwordOrThrow(input.password);
      const passwordHash = await hashPassword(input.password);
      const at = now();
      try {
        const [row] = await db.transaction((tx) =>
          tx.query<AccountRow>(
            `INSERT INTO accounts (username, name, password_hash, roles, disabled, source, created_at, updated_at)
             VALUES ($1, $2, $3, $4, false, 'local', $5, $5) RETURNING ${COLUMNS}`,
            [username, name, passwordHash, roles, at],
          ),
        );
        if (!row) throw new Error('INSERT returned no row');
        return toAccount(row);
      } catch (e) {
        if (isUniqueViolation(e)) throw new AccountProblem('exists', `The account "${username}" already exists.`);
        throw e;
      }
    },

    async update(username, change) {
      const name = usernameOrThrow(username);
      const roles = change.roles === undefined ? undefined : rolesOrThrow(change.roles);
      const fullName = change.name === undefined ? undefined : nameOrThrow(change.name);
      if (change.password !== undefined) passwordOrThrow(change.password);
      const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
      const at = now();
      const row = await db.transaction(async (tx) => {
        const current = await read(tx, name);
        if (!current) return undefined;
        const [updated] = await tx.query<AccountRow>(
          `UPDATE accounts SET name = $2, roles = $3, disabled = $4, password_hash = $5, updated_at = $6
           WHERE username = $1 RETURNING ${COLUMNS}`,
          [name, fullName ?? current.name, roles ?? current.roles, change.disabled ?? current.disabled, passwordHash ?? current.password_hash, at],
        );
        // A disabled account, or one whose password was changed (perhaps because it leaked),
        // keeps no signed-in browser.
        if (change.disabled === true || passwordHash !== undefined) await revokeSessionsOf(tx, name, at);
        return updated;
      });
      if (!row) throw new AccountProblem('not-found', `There is no account "${name}".`);
      return toAccount(row);
    },

    async checkCredentials(username, password) {
      const name = normaliseUsername(username);
      const row = name ? await read(db, name) : undefined;
      if (!row?.password_hash) {
        await spendVerification(password);
        return { kind: 'refused', reason: row ? 'no-password' : 'unknown-account', account: row ? toAccount(row) : null };
      }
      const matches = await verifyPassword(row.password_hash, password);
      const account = toAccount(row);
      if (!matches) return { kind: 'refused', reason: 'wrong-password', account };
      // Checked after the password, so a disabled account is told apart only by someone who knows it.
      if (row.disabled) return { kind: 'refused', reason: 'disabled', account };
      return { kind: 'ok', account };
    },

    async findByOidcSubject(subject) {
      const [row] = await db.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE oidc_subject = $1`, [subject]);
      return row && toAccount(row);
    },

    async upsertOidc(claims) {
      const username = usernameOrThrow(claims.username);
      const name = nameOrThrow(claims.name);
      const roles = ROLES.filter((r) => claims.roles.includes(r));
      const at = now();
      const row = await db.transaction(async (tx) => {
        const [bySubject] = await tx.query<AccountRow>(`SELECT ${COLUMNS} FROM accounts WHERE oidc_subject = $1`, [claims.subject]);
        if (bySubject) {
          const [updated] = await tx.query<AccountRow>(
            `UPDATE accounts SET name = $2, roles = $3, updated_at = $4 WHERE username = $1 RETURNING ${COLUMNS}`,
            [bySubject.username, name, roles, at],
          );
          return updated;
        }
        const taken = await read(tx, username);
        if (taken) throw new AccountProblem('conflict', `The user name "${username}" already belongs to another account.`);
        const [inserted] = await tx.query<AccountRow>(
          `INSERT INTO accounts (username, name, password_hash, roles, disabled, source, oidc_subject, created_at, updated_at)
           VALUES ($1, $2, NULL, $3, false, 'oidc', $4, $5, $5) RETURNING ${COLUMNS}`,
          [username, name, roles, claims.subject, at],
        );
        return inserted;
      });
      if (!row) throw new Error('account upsert returned no row');
      return toAccount(row);
    },
  };
}
