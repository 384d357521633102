-- Key images (issue 14): a saved view of a case with its caption and its rendered PNG. Rows are
-- never deleted: removing one marks it (removed_at/by), so an export already sent to a PACS
-- keeps naming a key image the server still knows. The view and references are `json` (keys
-- kept in order, as the other documents); the PNG is kept as it was uploaded, byte for byte.

CREATE TABLE key_images (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id),
  caption text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('board', 'teaching')),
  view json NOT NULL,
  refs json NOT NULL,
  png bytea NOT NULL,
  width integer NOT NULL CHECK (width >= 1),
  height integer NOT NULL CHECK (height >= 1),
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  removed_at timestamptz,
  removed_by text
);

CREATE INDEX key_images_case ON key_images (case_id, created_at, id);
