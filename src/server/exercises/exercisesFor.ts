import type { FastifyInstance } from 'fastify';
import type { AuditTrail } from '../auth/auditTrail';
import type { SqlClient } from '../records/sqlClient';
import { createTeachingRepository } from '../teaching/teachingRepository';
import type { MakeTeachingCase } from '../teaching/teachingParts';
import { createExercisesRepository } from './exercisesRepository';
import { exercisesRoutes } from './exercisesRoutes';
import { startReferenceExercises, type ReferenceRun } from './referenceExercises';
import type { ScoringParts } from './scoreAttempt';

/** What the server has that the exercises use. */
export interface ExercisesParts {
  readonly db: SqlClient;
  /** The device catalogue and the CT of a series (the server's plan context). */
  readonly planContext: ScoringParts;
  readonly audit?: AuditTrail;
  /** Makes the reference exercises once the server listens; absent: none are made. */
  readonly makeTeachingCase?: MakeTeachingCase;
  /** PERCUPLAN_REFERENCE_EXERCISES=0 turns the reference exercises off. */
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (message: string) => void;
}

/** How long closing the server waits for the step of the reference exercises under way (then its claim is released, and the next start makes it). */
const CLOSE_WAIT_MS = 5000;

/**
 * The exercise routes as the server runs them (AppParts.exercises), over the teaching cases in
 * the same database; and, once the server listens, the reference exercises made in the
 * background (never delaying or failing the start).
 */
export function exercisesFor(parts: ExercisesParts): (app: FastifyInstance) => Promise<void> {
  const repo = createExercisesRepository(parts.db);
  const teaching = createTeachingRepository(parts.db);
  const routes = exercisesRoutes({ repo, teaching, scoring: parts.planContext, audit: parts.audit });
  return async (app) => {
    await routes(app);
    const { makeTeachingCase } = parts;
    if (!makeTeachingCase) return;
    let run: ReferenceRun | null | undefined;
    app.addHook('onListen', async () => {
      // Once per process, whatever the number of addresses it listens on.
      run ??= startReferenceExercises(parts.env ?? process.env, { db: parts.db, teaching, exercises: repo, makeTeachingCase, log: parts.log ?? console.log });
    });
    app.addHook('onClose', async () => {
      await run?.stop(CLOSE_WAIT_MS);
    });
  };
}
