-- Sign-ins with the hospital's OpenID provider that have started and not yet come back. The
-- browser holds a random id in a short-lived cookie; the row (found by the id's sha256) holds the
-- state, nonce and PKCE verifier to check the provider's answer against. A row is deleted when
-- the answer is read, so a replayed callback finds nothing. In the database rather than in
-- memory so that the callback may reach another PercuPlan process than the one that started it.

CREATE TABLE oidc_login_states (
  id_hash text PRIMARY KEY,
  state text NOT NULL,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE INDEX oidc_login_states_expires_at ON oidc_login_states (expires_at);
