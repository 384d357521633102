-- Comments board members make on a case during a tumour board meeting. Append-only: a comment
-- said in a meeting is part of its minutes, so the application never edits or removes one, and
-- the trigger refuses it whoever asks. `seq` keeps the order comments were made in when two
-- share a timestamp.

CREATE TABLE board_comments (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  board_id uuid NOT NULL REFERENCES boards (id),
  case_id uuid NOT NULL,
  text text NOT NULL,
  by text NOT NULL,
  at timestamptz NOT NULL
);

CREATE INDEX board_comments_board ON board_comments (board_id, at, seq);

CREATE FUNCTION board_comments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'board_comments is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER board_comments_no_update_delete
  BEFORE UPDATE OR DELETE ON board_comments
  FOR EACH ROW EXECUTE FUNCTION board_comments_refuse_change();

CREATE TRIGGER board_comments_no_truncate
  BEFORE TRUNCATE ON board_comments
  FOR EACH STATEMENT EXECUTE FUNCTION board_comments_refuse_change();
