import type { CaseDocument, PlanDocument } from '../../records';
import { caseListEntry, planListEntry } from './caseSummary';

/**
 * The columns of `cases` derived from a document, in the order the SQL below lists them; the
 * document comes last. `summary` is the case's list entry, so the case list never reads documents.
 */
export function caseColumns(d: CaseDocument): unknown[] {
  return [
    d.id,
    d.version,
    d.status,
    d.tumour.primary,
    d.decision.procedures,
    d.linkedStudies.map((s) => s.studyInstanceUID),
    d.patient.pseudonym,
    d.title,
    d.createdAt,
    d.createdBy,
    d.updatedAt,
    d.updatedBy,
    d.archivedAt,
    JSON.stringify(caseListEntry(d)),
    JSON.stringify(d),
  ];
}

/** Inserts or replaces the current row of a case. */
export const UPSERT_CASE = `
  INSERT INTO cases (id, version, status, tumour_type, procedures, study_uids, pseudonym, title,
                     created_at, created_by, updated_at, updated_by, archived_at, summary, document)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::json, $15::json)
  ON CONFLICT (id) DO UPDATE SET
    version = EXCLUDED.version, status = EXCLUDED.status, tumour_type = EXCLUDED.tumour_type,
    procedures = EXCLUDED.procedures, study_uids = EXCLUDED.study_uids, pseudonym = EXCLUDED.pseudonym,
    title = EXCLUDED.title, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by,
    archived_at = EXCLUDED.archived_at, summary = EXCLUDED.summary, document = EXCLUDED.document`;

/** The columns of `plans` derived from a document (the document last; `summary` is its entry in the case list). */
export function planColumns(d: PlanDocument): unknown[] {
  return [
    d.id,
    d.caseId,
    d.version,
    d.status,
    d.title,
    d.seriesInstanceUID,
    d.frameOfReferenceUID,
    d.createdAt,
    d.createdBy,
    d.updatedAt,
    d.updatedBy,
    d.archivedAt,
    JSON.stringify(planListEntry(d)),
    JSON.stringify(d),
  ];
}

/** Inserts or replaces the current row of a plan. */
export const UPSERT_PLAN = `
  INSERT INTO plans (id, case_id, version, status, title, series_uid, frame_uid,
                     created_at, created_by, updated_at, updated_by, archived_at, summary, document)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::json, $14::json)
  ON CONFLICT (id) DO UPDATE SET
    version = EXCLUDED.version, status = EXCLUDED.status, title = EXCLUDED.title,
    series_uid = EXCLUDED.series_uid, frame_uid = EXCLUDED.frame_uid, updated_at = EXCLUDED.updated_at,
    updated_by = EXCLUDED.updated_by, archived_at = EXCLUDED.archived_at, summary = EXCLUDED.summary,
    document = EXCLUDED.document`;

/** Timestamps come back as Date from both drivers; history entries carry ISO strings. */
export const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));
