import { randomUUID } from 'node:crypto';
import { submissionScoreSchema, type SubmissionScore } from '../../planning/exercise/submissionScore';
import type { ExerciseMode, SubmissionDetail, SubmissionSummary } from '../../records';
import type { SqlClient } from '../records/sqlClient';

/** An exercise as stored: the heading null when the default applies. */
export interface StoredExercise {
  readonly id: string;
  readonly teachingCaseId: string;
  readonly mode: ExerciseMode;
  readonly expertPlanId: string;
  readonly heading: string | null;
  readonly status: 'open' | 'closed';
  readonly createdAt: string;
  readonly createdBy: string;
}

/** A new exercise (the repository assigns id and time). */
export type NewExercise = Pick<StoredExercise, 'teachingCaseId' | 'mode' | 'expertPlanId' | 'heading'>;

/** A scored submission to append. */
export interface NewSubmission {
  readonly exerciseId: string;
  readonly account: string;
  readonly displayName: string;
  readonly content: Record<string, unknown>;
  readonly effort: { readonly planningTimeS: number | null; readonly edits: number | null };
  readonly score: SubmissionScore;
}

/** How many submissions an exercise has, and from how many accounts. */
export interface ExerciseCounts {
  readonly submissions: number;
  readonly trainees: number;
}

/** Exercises and their submissions in the records database; submissions are append-only. */
export interface ExercisesRepository {
  create(input: NewExercise, actor: string): Promise<StoredExercise>;
  get(id: string): Promise<StoredExercise | undefined>;
  /** Oldest first; only open ones, or only those of one teaching case, when asked. */
  list(filter?: { readonly openOnly?: boolean; readonly teachingCaseId?: string }): Promise<StoredExercise[]>;
  setStatus(id: string, status: 'open' | 'closed'): Promise<StoredExercise | undefined>;
  /** Per exercise id; an exercise without submissions is absent. */
  counts(): Promise<Map<string, ExerciseCounts>>;
  /** The attempts `account` made, per exercise id. */
  attemptsOf(account: string): Promise<Map<string, number>>;
  /** Appends a submission as the account's next attempt on the exercise (1, 2, …). */
  submit(input: NewSubmission): Promise<SubmissionSummary>;
  /** Oldest first; only `account`'s when given. */
  submissions(exerciseId: string, account?: string): Promise<SubmissionSummary[]>;
  submission(exerciseId: string, submissionId: string): Promise<SubmissionDetail | undefined>;
}

interface ExerciseRow {
  id: string;
  teaching_case_id: string;
  mode: ExerciseMode;
  expert_plan_id: string;
  heading: string | null;
  status: 'open' | 'closed';
  created_at: unknown;
  created_by: string;
}

interface SubmissionRow {
  id: string;
  exercise_id: string;
  account: string;
  display_name: string;
  attempt: number;
  submitted_at: unknown;
  score: unknown;
  content?: unknown;
}

const EXERCISE_COLUMNS = 'id::text AS id, teaching_case_id::text AS teaching_case_id, mode, expert_plan_id::text AS expert_plan_id, heading, status, created_at, created_by';
const SUBMISSION_COLUMNS = 'id::text AS id, exercise_id::text AS exercise_id, account, display_name, attempt, submitted_at, score';
const isoOf = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const jsonOf = (v: unknown): unknown => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readExercise(r: ExerciseRow): StoredExercise {
  return {
    id: r.id,
    teachingCaseId: r.teaching_case_id,
    mode: r.mode,
    expertPlanId: r.expert_plan_id,
    heading: r.heading,
    status: r.status,
    createdAt: isoOf(r.created_at),
    createdBy: r.created_by,
  };
}

/** A stored row that no longer parses is a fault of the server, not of the request. */
function readSubmission(r: SubmissionRow): SubmissionSummary {
  const score = submissionScoreSchema.safeParse(jsonOf(r.score));
  if (!score.success) throw new Error(`stored submission ${r.id} does not restore`);
  return { id: r.id, exerciseId: r.exercise_id, account: r.account, displayName: r.display_name, attempt: r.attempt, submittedAt: isoOf(r.submitted_at), score: score.data };
}

/** PostgreSQL's unique_violation, as both drivers report it. */
const isUniqueViolation = (e: unknown): boolean => isObject(e) && e.code === '23505';

/** The repository over the records database (PGlite or PostgreSQL). */
export function createExercisesRepository(db: SqlClient, newId: () => string = randomUUID, clock: () => Date = () => new Date()): ExercisesRepository {
  const get = async (id: string): Promise<StoredExercise | undefined> => {
    const [row] = await db.query<ExerciseRow>(`SELECT ${EXERCISE_COLUMNS} FROM exercises WHERE id = $1`, [id]);
    return row ? readExercise(row) : undefined;
  };
  const getSubmission = async (id: string): Promise<SubmissionSummary> => {
    const [row] = await db.query<SubmissionRow>(`SELECT ${SUBMISSION_COLUMNS} FROM exercise_submissions WHERE id = $1`, [id]);
    if (!row) throw new Error(`submission ${id} was not stored`);
    return readSubmission(row);
  };
  return {
    async create(input, actor) {
      const id = newId();
      await db.query(
        `INSERT INTO exercises (id, teaching_case_id, mode, expert_plan_id, heading, status, created_by, created_at) VALUES ($1, $2, $3, $4, $5, 'open', $6, $7)`,
        [id, input.teachingCaseId, input.mode, input.expertPlanId, input.heading, actor, clock().toISOString()],
      );
      const stored = await get(id);
      if (!stored) throw new Error(`exercise ${id} was not stored`);
      return stored;
    },

    get,

    async list(filter = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.openOnly) where.push("status = 'open'");
      if (filter.teachingCaseId) {
        params.push(filter.teachingCaseId);
        where.push(`teaching_case_id = $${params.length}`);
      }
      const rows = await db.query<ExerciseRow>(`SELECT ${EXERCISE_COLUMNS} FROM exercises ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id`, params);
      return rows.map(readExercise);
    },

    async setStatus(id, status) {
      const rows = await db.query<{ id: string }>('UPDATE exercises SET status = $2 WHERE id = $1 RETURNING id::text AS id', [id, status]);
      return rows.length ? get(id) : undefined;
    },

    async counts() {
      const rows = await db.query<{ exercise_id: string; submissions: number | string; trainees: number | string }>(
        'SELECT exercise_id::text AS exercise_id, count(*) AS submissions, count(DISTINCT account) AS trainees FROM exercise_submissions GROUP BY exercise_id',
      );
      return new Map(rows.map((r) => [r.exercise_id, { submissions: Number(r.submissions), trainees: Number(r.trainees) }]));
    },

    async attemptsOf(account) {
      const rows = await db.query<{ exercise_id: string; n: number | string }>(
        'SELECT exercise_id::text AS exercise_id, count(*) AS n FROM exercise_submissions WHERE account = $1 GROUP BY exercise_id',
        [account],
      );
      return new Map(rows.map((r) => [r.exercise_id, Number(r.n)]));
    },

    async submit(input) {
      // The attempt number is taken in the insert itself; two racing submissions of one
      // account collide on the unique key, and the loser takes the next number.
      for (let tries = 0; ; tries += 1) {
        const id = newId();
        try {
          await db.query(
            `INSERT INTO exercise_submissions (id, exercise_id, account, display_name, attempt, content, effort, score, submitted_at)
             SELECT $1, $2, $3, $4, COALESCE(MAX(attempt), 0) + 1, $5::jsonb, $6::jsonb, $7::jsonb, $8
               FROM exercise_submissions WHERE exercise_id = $2 AND account = $3`,
            [id, input.exerciseId, input.account, input.displayName, JSON.stringify(input.content), JSON.stringify(input.effort), JSON.stringify(input.score), clock().toISOString()],
          );
          return await getSubmission(id);
        } catch (e) {
          if (!isUniqueViolation(e) || tries >= 5) throw e;
        }
      }
    },

    async submissions(exerciseId, account) {
      const rows = await db.query<SubmissionRow>(
        `SELECT ${SUBMISSION_COLUMNS} FROM exercise_submissions WHERE exercise_id = $1 AND ($2::text IS NULL OR account = $2) ORDER BY submitted_at, attempt, id`,
        [exerciseId, account ?? null],
      );
      return rows.map(readSubmission);
    },

    async submission(exerciseId, submissionId) {
      const [row] = await db.query<SubmissionRow>(`SELECT ${SUBMISSION_COLUMNS}, content FROM exercise_submissions WHERE id = $1 AND exercise_id = $2`, [submissionId, exerciseId]);
      if (!row) return undefined;
      const content = jsonOf(row.content);
      return { ...readSubmission(row), content: isObject(content) ? content : {} };
    },
  };
}
