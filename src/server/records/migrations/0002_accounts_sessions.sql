-- Accounts, their sessions and failed sign-ins. Sessions and failures live in the database (not
-- in memory) so that several PercuPlan processes on one PostgreSQL share them.

-- An account: local (password_hash set) or from the hospital's sign-on (source 'oidc').
-- User names are stored lower-case. Accounts are disabled, never deleted, so the audit trail's
-- names keep meaning someone.
CREATE TABLE accounts (
  username text PRIMARY KEY CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{0,63}$'),
  name text NOT NULL DEFAULT '',
  password_hash text,
  roles text[] NOT NULL DEFAULT '{}',
  disabled boolean NOT NULL DEFAULT false,
  source text NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'oidc')),
  oidc_subject text UNIQUE,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A signed-in browser. The cookie holds 32 random bytes; only their sha256 (hex) is stored, so a
-- copy of the database does not hold usable cookies.
CREATE TABLE sessions (
  session_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES accounts (username),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  revoked_at timestamptz,
  address text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT ''
);

CREATE INDEX sessions_username ON sessions (username);

-- One row per failed sign-in and scope: scope 'account' keyed by the user name given, scope
-- 'address' keyed by the client's address. A success removes the account's rows only.
CREATE TABLE login_failures (
  scope text NOT NULL CHECK (scope IN ('account', 'address')),
  key text NOT NULL,
  at timestamptz NOT NULL
);

CREATE INDEX login_failures_scope_key_at ON login_failures (scope, key, at);
