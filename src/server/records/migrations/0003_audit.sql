-- The audit trail: one row per security-relevant event, append-only. Each row carries the hash
-- of the row before it (prev_hash) and its own hash over its fields and prev_hash, so that an
-- edit made behind the application's back (triggers disabled by a superuser, a restored backup
-- with a row changed) is found by recomputing the chain. No column holds free text about a
-- patient: identifiers, codes and numbers only.

CREATE TABLE audit_events (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  event text NOT NULL,
  dicom_code text,
  action char(1) NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'E')),
  outcome integer NOT NULL CHECK (outcome IN (0, 4, 8)),
  account text,
  roles text[] NOT NULL DEFAULT '{}',
  session_hash text,
  address text,
  case_id text,
  plan_id text,
  plan_version integer,
  study_uids text[] NOT NULL DEFAULT '{}',
  request_id text,
  detail json,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL UNIQUE
);

CREATE INDEX audit_events_at ON audit_events (at DESC);
CREATE INDEX audit_events_account ON audit_events (account, seq DESC);
CREATE INDEX audit_events_case ON audit_events (case_id, seq DESC);

-- Rows are never changed or removed by the application: the trigger answers every UPDATE,
-- DELETE and TRUNCATE with an error, whoever asks.
CREATE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_events_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();

CREATE TRIGGER audit_events_no_truncate
  BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
