-- The case list reads summary columns, not documents (issue 17): `cases.summary` is a case's
-- list entry (what the case list and the worklist show) and `plans.summary` a plan's entry in
-- it. The repository writes both with every version, beside the document they are derived from.
-- A row whose summary is NULL is listed from its document, restored as before; so a summary is
-- filled here only where it is certain to equal what that restore would list.

ALTER TABLE cases ADD COLUMN summary json;
ALTER TABLE plans ADD COLUMN summary json;

-- Existing rows, in SQL from the JSON document. Only a document of the current schema version
-- (cases 2, plans 1: an older one is migrated when read) that is byte for byte the one its
-- version row holds (so the repository wrote it, after validating it: not edited by hand since),
-- whose envelope agrees with its row and that has every field the entry reads. Any other row keeps a NULL summary and is listed
-- from its document, exactly as before this migration.
UPDATE cases c SET summary = json_build_object(
    'id', c.document->'id',
    'version', c.document->'version',
    'status', c.document->'status',
    'title', c.document->'title',
    'patient', json_build_object(
      'pseudonym', c.document->'patient'->'pseudonym',
      'pseudonymous', c.document->'patient'->'pseudonymous',
      'sex', c.document->'patient'->'sex',
      'ageYears', c.document->'patient'->'ageYears'),
    'tumour', json_build_object('primary', c.document->'tumour'->'primary', 'histology', c.document->'tumour'->'histology'),
    'decision', json_build_object(
      'outcome', c.document->'decision'->'outcome',
      'procedures', c.document->'decision'->'procedures',
      'date', c.document->'decision'->'date'),
    'maximalPainSite', c.document->'pain'->'maximalPainSite',
    'painOnWeightBearing', c.document->'pain'->'onWeightBearing',
    'lesionCount', json_array_length(c.document->'lesions'),
    'followUpCount', json_array_length(c.document->'followUps'),
    -- ISO dates: the greatest in code-point order, as the list's string sort gives (null when none).
    'lastFollowUpDate', (SELECT max(f->>'date' COLLATE "C") FROM json_array_elements(c.document->'followUps') AS f),
    'studyInstanceUIDs', COALESCE(
      (SELECT json_agg(s.value->'studyInstanceUID' ORDER BY s.n) FROM json_array_elements(c.document->'linkedStudies') WITH ORDINALITY AS s(value, n)),
      '[]'::json),
    'createdAt', c.document->'createdAt',
    'updatedAt', c.document->'updatedAt',
    'updatedBy', c.document->'updatedBy',
    'archivedAt', c.document->'archivedAt')
  FROM case_versions v
  WHERE v.case_id = c.id AND v.version = c.version
    AND v.document::text = c.document::text
    AND json_typeof(c.document) = 'object'
    AND c.document->>'schemaVersion' = '2'
    AND c.document->>'id' = c.id::text AND c.document->>'version' = c.version::text
    AND json_typeof(c.document->'lesions') = 'array'
    AND json_typeof(c.document->'followUps') = 'array'
    AND json_typeof(c.document->'linkedStudies') = 'array'
    AND json_typeof(c.document->'decision'->'procedures') = 'array'
    AND c.document->'id' IS NOT NULL AND c.document->'version' IS NOT NULL AND c.document->'status' IS NOT NULL
    AND c.document->'title' IS NOT NULL AND c.document->'createdAt' IS NOT NULL AND c.document->'updatedAt' IS NOT NULL
    AND c.document->'updatedBy' IS NOT NULL AND c.document->'archivedAt' IS NOT NULL
    AND c.document->'patient'->'pseudonym' IS NOT NULL AND c.document->'patient'->'pseudonymous' IS NOT NULL
    AND c.document->'patient'->'sex' IS NOT NULL AND c.document->'patient'->'ageYears' IS NOT NULL
    AND c.document->'tumour'->'primary' IS NOT NULL AND c.document->'tumour'->'histology' IS NOT NULL
    AND c.document->'decision'->'outcome' IS NOT NULL AND c.document->'decision'->'date' IS NOT NULL
    AND c.document->'pain'->'maximalPainSite' IS NOT NULL AND c.document->'pain'->'onWeightBearing' IS NOT NULL;

UPDATE plans p SET summary = json_build_object(
    'id', p.document->'id',
    'version', p.document->'version',
    'status', p.document->'status',
    'title', p.document->'title',
    'seriesInstanceUID', p.document->'seriesInstanceUID',
    'archivedAt', p.document->'archivedAt')
  FROM plan_versions v
  WHERE v.plan_id = p.id AND v.version = p.version
    AND v.document::text = p.document::text
    AND json_typeof(p.document) = 'object'
    AND p.document->>'schemaVersion' = '1'
    AND p.document->>'id' = p.id::text AND p.document->>'version' = p.version::text AND p.document->>'caseId' = p.case_id::text
    AND p.document->'id' IS NOT NULL AND p.document->'version' IS NOT NULL AND p.document->'status' IS NOT NULL
    AND p.document->'title' IS NOT NULL AND p.document->'seriesInstanceUID' IS NOT NULL AND p.document->'archivedAt' IS NOT NULL;

-- A document written without its summary (by hand, by a tool beside the repository) makes the
-- summary stale: it is dropped, so the row is listed from its document (and, when that no longer
-- restores, named as unreadable) until the repository writes it again. Every repository write
-- changes the version, hence the summary, so it never trips this.
CREATE FUNCTION drop_stale_list_summary() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.summary::text IS NOT DISTINCT FROM OLD.summary::text THEN
    NEW.summary := NULL;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER cases_summary_follows_document BEFORE UPDATE OF document ON cases
  FOR EACH ROW WHEN (NEW.document::text IS DISTINCT FROM OLD.document::text) EXECUTE FUNCTION drop_stale_list_summary();

CREATE TRIGGER plans_summary_follows_document BEFORE UPDATE OF document ON plans
  FOR EACH ROW WHEN (NEW.document::text IS DISTINCT FROM OLD.document::text) EXECUTE FUNCTION drop_stale_list_summary();

-- The list's order (newest change first, then id), on the cases it lists by default; a plan
-- listing reads a case's plans in creation order.
CREATE INDEX cases_list_order ON cases (updated_at DESC, id) WHERE archived_at IS NULL;
CREATE INDEX plans_list_order ON plans (case_id, created_at, id);
