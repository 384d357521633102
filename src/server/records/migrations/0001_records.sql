-- Case selection records and their plans. Every accepted change writes a new row in the
-- *_versions table (the history) and updates the current row, in one transaction.
-- Documents are stored as `json`, not `jsonb`, so that an export gives back exactly what was
-- saved (jsonb reorders keys); the columns beside them exist for filtering and sorting.

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL,
  tumour_type text,
  procedures text[] NOT NULL DEFAULT '{}',
  study_uids text[] NOT NULL DEFAULT '{}',
  pseudonym text NOT NULL,
  title text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  archived_at timestamptz,
  document json NOT NULL
);

CREATE INDEX cases_updated_at ON cases (updated_at DESC);

CREATE TABLE case_versions (
  case_id uuid NOT NULL REFERENCES cases (id),
  version integer NOT NULL CHECK (version >= 1),
  action text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  changes json NOT NULL,
  document json NOT NULL,
  PRIMARY KEY (case_id, version)
);

CREATE TABLE plans (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL,
  title text NOT NULL DEFAULT '',
  series_uid text NOT NULL,
  frame_uid text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  archived_at timestamptz,
  document json NOT NULL
);

CREATE INDEX plans_case_id ON plans (case_id);

CREATE TABLE plan_versions (
  plan_id uuid NOT NULL REFERENCES plans (id),
  version integer NOT NULL CHECK (version >= 1),
  action text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  changes json NOT NULL,
  document json NOT NULL,
  PRIMARY KEY (plan_id, version)
);
