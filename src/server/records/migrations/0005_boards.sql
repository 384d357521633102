-- Tumour board meetings, versioned like cases: the current row and one row per accepted change.
-- The document is `json` (keys kept in order); the columns beside it are for listing and for
-- finding "the next meeting of the same board" (same title, later date).

CREATE TABLE boards (
  id uuid PRIMARY KEY,
  version integer NOT NULL CHECK (version >= 1),
  title text NOT NULL,
  meeting_date date NOT NULL,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  document json NOT NULL
);

CREATE INDEX boards_date ON boards (meeting_date DESC);
CREATE INDEX boards_title_date ON boards (title, meeting_date);

CREATE TABLE board_versions (
  board_id uuid NOT NULL REFERENCES boards (id),
  version integer NOT NULL CHECK (version >= 1),
  action text NOT NULL,
  changed_at timestamptz NOT NULL,
  changed_by text NOT NULL,
  changes json NOT NULL,
  document json NOT NULL,
  PRIMARY KEY (board_id, version)
);
