import type { Actor } from '../auth/actor';
import type { SqlClient } from '../records/sqlClient';
import { DEMO_ACTOR } from '../records/seedDemoCases';
import type { MakeTeachingCase, TeachingRepository } from '../teaching/teachingParts';
import type { ExercisesRepository } from './exercisesRepository';
import { REFERENCE_EXERCISES, type ReferenceExercise } from './referenceTeachingFields';

/** What making the reference exercises needs. */
export interface ReferenceExerciseParts {
  readonly db: SqlClient;
  readonly teaching: Pick<TeachingRepository, 'get' | 'patch'>;
  readonly exercises: Pick<ExercisesRepository, 'create'>;
  readonly makeTeachingCase: MakeTeachingCase;
  readonly log?: (message: string) => void;
  readonly clock?: () => Date;
  /** The reference cases to make (default all three). */
  readonly references?: readonly ReferenceExercise[];
  /** Asked between steps: true once the server closes (the reference being made is released). */
  readonly stopped?: () => boolean;
  /** The keys this run holds a claim on, while it holds it. */
  readonly claims?: Set<string>;
}

/** A claim not completed within this long is taken to belong to a process that died. */
const STALE_CLAIM_MS = 15 * 60 * 1000;

/** The attending the reference content is attributed to. */
const seedActor: Actor = { username: DEMO_ACTOR, name: 'PercuPlan demo', roles: ['attending'], mode: 'accounts', sessionHash: null, address: '127.0.0.1', csrfToken: null };

/** What one run did, per reference key. */
export type ReferenceOutcome = 'made' | 'present' | 'busy' | 'no-case' | 'failed' | 'stopped';

/** Thrown between steps once the run is stopped. */
class Stopped extends Error {}

/** Claims a key: new, or left unfinished and stale. Answers the teaching case a stale claim had made, if any. */
async function claim(db: SqlClient, key: string, now: Date): Promise<{ teachingCaseId: string | null } | null> {
  const [row] = await db.query<{ teaching_case_id: string | null }>(
    `INSERT INTO reference_exercises (key, claimed_at) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
       WHERE reference_exercises.exercise_id IS NULL AND reference_exercises.claimed_at < $3
     RETURNING teaching_case_id::text AS teaching_case_id`,
    [key, now.toISOString(), new Date(now.getTime() - STALE_CLAIM_MS).toISOString()],
  );
  return row ? { teachingCaseId: row.teaching_case_id } : null;
}

/** Why there is no row to claim: made already, or another process is at it. */
async function whyNotClaimed(db: SqlClient, key: string): Promise<ReferenceOutcome> {
  const [row] = await db.query<{ exercise_id: string | null }>('SELECT exercise_id::text AS exercise_id FROM reference_exercises WHERE key = $1', [key]);
  return row?.exercise_id ? 'present' : 'busy';
}

async function makeOne(parts: ReferenceExerciseParts, ref: ReferenceExercise, now: Date): Promise<ReferenceOutcome> {
  const { db } = parts;
  const claimed = await claim(db, ref.key, now);
  if (!claimed) return whyNotClaimed(db, ref.key);
  parts.claims?.add(ref.key);
  const step = (): void => {
    if (parts.stopped?.()) throw new Stopped('stopped');
  };
  try {
    step();
    let teachingCaseId = claimed.teachingCaseId;
    if (!teachingCaseId) {
      const [source] = await db.query<{ id: string }>(
        'SELECT id::text AS id FROM cases WHERE pseudonym = $1 AND created_by = $2 AND archived_at IS NULL ORDER BY created_at LIMIT 1',
        [ref.pseudonym, DEMO_ACTOR],
      );
      if (!source) {
        await db.query('DELETE FROM reference_exercises WHERE key = $1 AND exercise_id IS NULL', [ref.key]);
        return 'no-case';
      }
      step();
      const made = await parts.makeTeachingCase(source.id, { fields: ref.fields }, seedActor);
      if (!made.ok) throw new Error(`${made.problem.code}: ${made.problem.error}${made.problem.issues?.length ? ` (${made.problem.issues.join('; ')})` : ''}`);
      teachingCaseId = made.value.id;
      await db.query('UPDATE reference_exercises SET teaching_case_id = $2 WHERE key = $1', [ref.key, teachingCaseId]);
    }
    step();
    const teaching = await parts.teaching.get(teachingCaseId);
    if (!teaching) throw new Error(`teaching case ${teachingCaseId} is gone`);
    if (teaching.status !== 'published') {
      const published = await parts.teaching.patch(teaching.id, teaching.version, { status: 'published' }, seedActor);
      if (!published.ok) throw new Error(`teaching case ${teaching.id} not published (${published.reason})`);
    }
    const expert = teaching.plans.find((p) => Array.isArray(p.plan.content.trajectories) && p.plan.content.trajectories.length > 0);
    if (!expert) throw new Error(`teaching case ${teaching.id} has no plan with a needle`);
    const exercise = await parts.exercises.create({ teachingCaseId: teaching.id, mode: 'known', expertPlanId: expert.id, heading: null }, DEMO_ACTOR);
    await db.query('UPDATE reference_exercises SET exercise_id = $2 WHERE key = $1', [ref.key, exercise.id]);
    return 'made';
  } catch (e) {
    // Left claimable at once: the next start tries again (reusing a teaching case already made).
    await db.query("UPDATE reference_exercises SET claimed_at = 'epoch' WHERE key = $1 AND exercise_id IS NULL", [ref.key]).catch(() => undefined);
    if (e instanceof Stopped) return 'stopped';
    parts.log?.(`[exercises] reference exercise ${ref.key} not made: ${e instanceof Error ? e.message : String(e)}`);
    return 'failed';
  } finally {
    parts.claims?.delete(ref.key);
  }
}

/**
 * Makes the reference cases (the demo cases) into teaching cases, published, each with a known
 * exercise whose expert plan is its demo plan. Idempotent across restarts and processes: each
 * reference is claimed in `reference_exercises` before any work and marked with its exercise
 * when done, so a restart, or a second process starting beside the first, makes none twice. A
 * reference whose demo case is absent (PERCUPLAN_DEMO=0, or removed) is skipped and tried again
 * at the next start. Logs one line with what it did and the time taken.
 */
export async function makeReferenceExercises(parts: ReferenceExerciseParts): Promise<Record<string, ReferenceOutcome>> {
  const t0 = performance.now();
  const clock = parts.clock ?? (() => new Date());
  const outcomes: Record<string, ReferenceOutcome> = {};
  for (const ref of parts.references ?? REFERENCE_EXERCISES) outcomes[ref.key] = await makeOne(parts, ref, clock());
  const count = (o: ReferenceOutcome): number => Object.values(outcomes).filter((x) => x === o).length;
  const summary = (['made', 'present', 'busy', 'no-case', 'failed', 'stopped'] as const).filter((o) => count(o) > 0).map((o) => `${count(o)} ${o === 'busy' ? 'being made by another process' : o === 'no-case' ? 'without their demo case' : o}`);
  parts.log?.(`[exercises] reference exercises: ${summary.join(', ') || 'none to make'} in ${Math.round(performance.now() - t0)} ms`);
  return outcomes;
}

/** A run of {@link makeReferenceExercises} in the background. */
export interface ReferenceRun {
  /** What it did (never rejects). */
  readonly done: Promise<Record<string, ReferenceOutcome>>;
  /**
   * Stops it between steps and waits up to `waitMs` for it; a claim still held then (a step
   * still running as the database closes) is released, so the next start makes that reference
   * rather than waiting for the claim to go stale.
   */
  stop(waitMs: number): Promise<void>;
}

/**
 * Starts {@link makeReferenceExercises} in the background, unless PERCUPLAN_REFERENCE_EXERCISES=0:
 * never awaited by the start-up, never failing it.
 */
export function startReferenceExercises(env: NodeJS.ProcessEnv, parts: ReferenceExerciseParts): ReferenceRun | null {
  if (env.PERCUPLAN_REFERENCE_EXERCISES?.trim() === '0') return null;
  let stopped = false;
  const claims = new Set<string>();
  const done = makeReferenceExercises({ ...parts, stopped: () => stopped, claims }).catch((e: unknown) => {
    parts.log?.(`[exercises] reference exercises not made: ${e instanceof Error ? e.message : String(e)}`);
    return {};
  });
  return {
    done,
    async stop(waitMs) {
      stopped = true;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([done.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)))]);
      clearTimeout(timer);
      if (!finished && claims.size > 0) {
        await parts.db.query("UPDATE reference_exercises SET claimed_at = 'epoch' WHERE exercise_id IS NULL AND key = ANY($1::text[])", [[...claims]]).catch(() => undefined);
      }
    },
  };
}
