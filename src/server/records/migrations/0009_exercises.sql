-- Planning exercises (issue 15): a teaching case published for trainees to plan on, and the
-- trainees' submissions with their scores. Submissions are append-only (a trigger refuses every
-- UPDATE, DELETE and TRUNCATE): an attempt is a record of what a trainee did, never rewritten.
-- The submitted content, the effort and the score are `jsonb`: they are read whole, never
-- exported byte for byte. The heading is null when the default applies (computed on reading,
-- so it follows the teaching title and level).

CREATE TABLE exercises (
  id uuid PRIMARY KEY,
  teaching_case_id uuid NOT NULL REFERENCES teaching_cases (id),
  mode text NOT NULL CHECK (mode IN ('known', 'unknown')),
  expert_plan_id uuid NOT NULL,
  heading text,
  status text NOT NULL CHECK (status IN ('open', 'closed')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE INDEX exercises_teaching_case ON exercises (teaching_case_id, created_at, id);

CREATE TABLE exercise_submissions (
  id uuid PRIMARY KEY,
  exercise_id uuid NOT NULL REFERENCES exercises (id),
  account text NOT NULL,
  display_name text NOT NULL,
  attempt integer NOT NULL CHECK (attempt >= 1),
  content jsonb NOT NULL,
  effort jsonb NOT NULL,
  score jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  -- Two submissions racing for one attempt number: the second fails and is retried.
  UNIQUE (exercise_id, account, attempt)
);

CREATE INDEX exercise_submissions_exercise ON exercise_submissions (exercise_id, submitted_at, id);

CREATE FUNCTION exercise_submissions_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'exercise_submissions is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER exercise_submissions_no_update_delete
  BEFORE UPDATE OR DELETE ON exercise_submissions
  FOR EACH ROW EXECUTE FUNCTION exercise_submissions_refuse_change();

CREATE TRIGGER exercise_submissions_no_truncate
  BEFORE TRUNCATE ON exercise_submissions
  FOR EACH STATEMENT EXECUTE FUNCTION exercise_submissions_refuse_change();

-- The reference exercises made at server start, one row per reference case: claimed first (so a
-- second process starting at the same time leaves it alone), then completed with the exercise.
-- A claim never completed (the process died) is taken over once stale.
CREATE TABLE reference_exercises (
  key text PRIMARY KEY,
  claimed_at timestamptz NOT NULL,
  teaching_case_id uuid REFERENCES teaching_cases (id),
  exercise_id uuid REFERENCES exercises (id)
);
