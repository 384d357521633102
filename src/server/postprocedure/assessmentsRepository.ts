import { randomUUID } from 'node:crypto';
import { postProcedureAssessmentSchema, type PostProcedureAssessment, type PostProcedureResult } from '../../records/postProcedure';
import type { SqlClient } from '../records/sqlClient';

/** What the server stores when a person accepts an assessment (the result the server computed itself). */
export interface NewAssessment {
  planId: string;
  /** The plan's version the result was computed on. */
  planVersion: number;
  caseId: string;
  acceptedBy: string;
  manuallyAdjusted: boolean;
  result: PostProcedureResult;
}

/** A stored row that no longer restores: listed by id with why, never dropped silently, never rewritten. */
export interface UnreadableAssessment {
  kind: 'post-procedure-assessment';
  id: string;
  error: string;
}

/** A list of assessments, newest first, and the rows that did not restore. */
export interface AssessmentList {
  assessments: PostProcedureAssessment[];
  problems: UnreadableAssessment[];
}

/**
 * Accepted post-procedure assessments: versioned per plan (1, 2, …), append-only (the table's
 * trigger refuses UPDATE, DELETE and TRUNCATE).
 */
export interface AssessmentsRepository {
  /** Appends the plan's next version; resolves once committed. */
  create(input: NewAssessment): Promise<PostProcedureAssessment>;
  /** The plan's assessments, newest (highest version) first. */
  listForPlan(planId: string): Promise<AssessmentList>;
  /** The assessments of every plan of the case, newest accepted first. */
  listForCase(caseId: string): Promise<AssessmentList>;
}

interface Row {
  id: string;
  plan_id: string;
  case_id: string;
  version: number;
  accepted_by: string;
  accepted_at: unknown;
  manually_adjusted: boolean;
  result: unknown;
}

const COLUMNS = 'id::text AS id, plan_id::text AS plan_id, case_id::text AS case_id, version, accepted_by, accepted_at, manually_adjusted, result';
const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
// node-postgres gives json columns parsed; PGlite too, but a text value is tolerated as well.
const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
/** PostgreSQL's unique_violation, as both drivers report it. */
const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === '23505';

/** A row as the API shows it, or why it does not restore (the first few schema issues, with their paths). */
export function readAssessmentRow(r: Row): { ok: true; value: PostProcedureAssessment } | { ok: false; problem: UnreadableAssessment } {
  let result: unknown;
  try {
    result = jsonOf(r.result);
  } catch (e) {
    return { ok: false, problem: { kind: 'post-procedure-assessment', id: r.id, error: `result is not JSON (${e instanceof Error ? e.message : String(e)})` } };
  }
  const parsed = postProcedureAssessmentSchema.safeParse({
    id: r.id,
    planId: r.plan_id,
    caseId: r.case_id,
    version: r.version,
    acceptedBy: r.accepted_by,
    acceptedAt: isoOf(r.accepted_at),
    manuallyAdjusted: r.manually_adjusted,
    result,
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const why = parsed.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, problem: { kind: 'post-procedure-assessment', id: r.id, error: `stored assessment does not restore: ${why}` } };
}

function listOf(rows: Row[]): AssessmentList {
  const out: AssessmentList = { assessments: [], problems: [] };
  for (const r of rows) {
    const read = readAssessmentRow(r);
    if (read.ok) out.assessments.push(read.value);
    else out.problems.push(read.problem);
  }
  return out;
}

/** The repository over the records database (PGlite or PostgreSQL). */
export function createAssessmentsRepository(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): AssessmentsRepository {
  return {
    async create(input) {
      // The version is taken in the insert itself; two accepts racing for one number collide on
      // the unique key, and the loser takes the next one.
      for (let tries = 0; ; tries += 1) {
        const id = newId();
        try {
          const rows = await db.query<Row>(
            `INSERT INTO post_procedure_assessments (id, plan_id, case_id, version, plan_version, accepted_by, accepted_at, manually_adjusted, result)
             SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, $5, $6, $7, $8::json
               FROM post_procedure_assessments WHERE plan_id = $2
             RETURNING ${COLUMNS}`,
            [id, input.planId, input.caseId, input.planVersion, input.acceptedBy, clock().toISOString(), input.manuallyAdjusted, JSON.stringify(input.result)],
          );
          const read = readAssessmentRow(rows[0]!);
          if (!read.ok) throw new Error(`assessment ${id} was stored but does not restore: ${read.problem.error}`);
          return read.value;
        } catch (e) {
          if (!isUniqueViolation(e) || tries >= 5) throw e;
        }
      }
    },

    async listForPlan(planId) {
      return listOf(await db.query<Row>(`SELECT ${COLUMNS} FROM post_procedure_assessments WHERE plan_id = $1 ORDER BY version DESC, id`, [planId]));
    },

    async listForCase(caseId) {
      return listOf(await db.query<Row>(`SELECT ${COLUMNS} FROM post_procedure_assessments WHERE case_id = $1 ORDER BY accepted_at DESC, version DESC, id`, [caseId]));
    },
  };
}
