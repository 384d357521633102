import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issuesOf, submissionInputSchema, type SubmissionAnswer } from '../../records';
import { exerciseReveal } from '../../records/exerciseView';
import { resourceRoutes } from '../resourceRoutes';
import { sendProblem, sendReply } from '../fastifyBase';
import { accountOf, auditExercise, exerciseParams, loadExercise, teaches, type ExerciseRouteParts } from './exerciseContext';
import { scoreAttempt } from './scoreAttempt';

const submissionParams = z.object({ id: z.uuid().describe('An exercise id'), sid: z.uuid().describe('A submission id') });
/** A plan's content with its masks is at most a few MB (run-length encoded), as a plan save. */
const SUBMISSION_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Submissions to an exercise and the reveal: a trainee submits plan content and gets it scored
 * against the expert plan (scoreSubmission, on the exercise's CT); every attempt is kept and
 * numbered per account. Teachers see every attempt, others their own. The expert plan is
 * revealed to an account after its first submission, and to teachers at any time.
 */
export function submissionRoutes(parts: ExerciseRouteParts): (app: FastifyInstance) => Promise<void> {
  const { repo } = parts;
  return async (app) => {
    resourceRoutes(app, '/api/exercises/:id/submissions', 'exercise', exerciseParams, {
      POST: {
        action: 'exercise.submit',
        summary: 'Submits a plan’s content (the shape of a saved plan’s content) and answers its score against the expert plan',
        body: submissionInputSchema,
        bodyLimit: SUBMISSION_BODY_LIMIT,
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const loaded = await loadExercise(parts, request, reply);
          if (!('stored' in loaded)) return loaded;
          const path = `/api/exercises/${loaded.stored.id}/submissions`;
          if (loaded.stored.status === 'closed') return sendProblem(reply, 409, 'exercise-closed', `Exercise ${loaded.stored.id} is closed to new submissions`);
          const parsed = submissionInputSchema.safeParse(request.body);
          if (!parsed.success) return sendProblem(reply, 400, 'invalid-fields', 'Invalid submission', { issues: issuesOf(parsed.error) });
          const scored = await scoreAttempt(parts.scoring, loaded.target, loaded.plan, parsed.data);
          if (!scored.ok) {
            await auditExercise(parts, request, 'exercise.submit', path, { status: 422 });
            return sendProblem(reply, 422, 'invalid-content', 'The plan cannot be scored', { issues: scored.error });
          }
          const stored = await repo.submit({ exerciseId: loaded.stored.id, ...who, content: parsed.data.content, effort: parsed.data.effort, score: scored.value });
          await auditExercise(parts, request, 'exercise.submit', path, { status: 201 });
          const answer: SubmissionAnswer = { ...stored.score, submissionId: stored.id, attempt: stored.attempt, submittedAt: stored.submittedAt };
          return sendReply(reply, { status: 201, body: answer, headers: { location: `${path}/${stored.id}` } });
        },
      },
      GET: {
        action: 'teaching.read',
        summary: 'Attempts on the exercise, oldest first: every trainee’s for a teacher, the caller’s own otherwise',
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const loaded = await loadExercise(parts, request, reply);
          if (!('stored' in loaded)) return loaded;
          const submissions = await repo.submissions(loaded.stored.id, teaches(request) ? undefined : who.account);
          await auditExercise(parts, request, 'exercise.read', `/api/exercises/${loaded.stored.id}/submissions`, { count: submissions.length });
          return sendReply(reply, { status: 200, body: { submissions } });
        },
      },
    });

    resourceRoutes(app, '/api/exercises/:id/submissions/:sid', 'submission', submissionParams, {
      GET: {
        action: 'teaching.read',
        summary: 'One attempt with the plan content submitted (the caller’s own, or any for a teacher)',
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const { id, sid } = request.params as { id: string; sid: string };
          const found = await repo.submission(id.toLowerCase(), sid.toLowerCase());
          // Another trainee's attempt is answered as unknown: its existence is not theirs to learn.
          if (!found || (!teaches(request) && found.account !== who.account)) return sendProblem(reply, 404, 'not-found', `No submission ${sid} to exercise ${id}`);
          await auditExercise(parts, request, 'exercise.read', `/api/exercises/${found.exerciseId}/submissions/${found.id}`);
          return sendReply(reply, { status: 200, body: found });
        },
      },
    });

    resourceRoutes(app, '/api/exercises/:id/expert', 'exercise', exerciseParams, {
      GET: {
        action: 'teaching.read',
        summary: 'The expert plan and the teaching text; 403 not-submitted before the caller’s first submission (teachers: at any time)',
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const loaded = await loadExercise(parts, request, reply);
          if (!('stored' in loaded)) return loaded;
          const path = `/api/exercises/${loaded.stored.id}/expert`;
          if (!teaches(request) && !((await repo.attemptsOf(who.account)).get(loaded.stored.id) ?? 0)) {
            await auditExercise(parts, request, 'exercise.read', path, { status: 403 });
            return sendProblem(reply, 403, 'not-submitted', 'Submit a plan first: the expert plan is shown after your first submission');
          }
          await auditExercise(parts, request, 'exercise.read', path);
          const reveal = exerciseReveal({ ...loaded.stored, heading: '', submissions: 0, trainees: 0 }, loaded.teaching, loaded.plan);
          return sendReply(reply, { status: 200, body: reveal });
        },
      },
    });
  };
}
