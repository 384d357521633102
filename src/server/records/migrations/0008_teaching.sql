-- Teaching cases (issue 15): a de-identified copy of a case, its images and its plans, versioned
-- like the other documents (the current row and one row per accepted change). The document is
-- `json` (keys kept in order). The salt (keys the UID mapping) and the date shift are kept beside
-- it, never inside it, so no answer to a client can carry them.

CREATE TABLE teaching_cases (
  id uuid PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'published', 'hidden')),
  source_case_id uuid,
  salt text NOT NULL,
  date_shift_days integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  document json NOT NULL
);

CREATE INDEX teaching_cases_created ON teaching_cases (created_at DESC, id);

CREATE TABLE teaching_case_versions (
  teaching_case_id uuid NOT NULL REFERENCES teaching_cases (id),
  version integer NOT NULL CHECK (version >= 1),
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  changes json NOT NULL,
  document json NOT NULL,
  PRIMARY KEY (teaching_case_id, version)
);
