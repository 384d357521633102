-- Post-procedure assessments (issue 18): a cone-beam CT registered to a plan's CT, its needles
-- and cement measured, accepted by a person. Versioned per plan (1, 2, …; two accepts racing for
-- one number: the second fails and is retried) and append-only: a trigger refuses every UPDATE,
-- DELETE and TRUNCATE, as for exercise submissions. The result is `json` (kept as the server
-- wrote it, keys in order); the plan version it was computed on is kept beside it.

CREATE TABLE post_procedure_assessments (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES plans (id),
  case_id uuid NOT NULL REFERENCES cases (id),
  version integer NOT NULL CHECK (version >= 1),
  plan_version integer NOT NULL CHECK (plan_version >= 1),
  accepted_by text NOT NULL,
  accepted_at timestamptz NOT NULL,
  manually_adjusted boolean NOT NULL,
  result json NOT NULL,
  UNIQUE (plan_id, version)
);

CREATE INDEX post_procedure_assessments_case ON post_procedure_assessments (case_id, accepted_at, id);

CREATE FUNCTION post_procedure_assessments_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'post_procedure_assessments is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER post_procedure_assessments_no_update_delete
  BEFORE UPDATE OR DELETE ON post_procedure_assessments
  FOR EACH ROW EXECUTE FUNCTION post_procedure_assessments_refuse_change();

CREATE TRIGGER post_procedure_assessments_no_truncate
  BEFORE TRUNCATE ON post_procedure_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION post_procedure_assessments_refuse_change();
