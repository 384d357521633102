import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { exerciseCreateSchema, issuesOf, type TeachingCase } from '../../records';
import { exerciseListEntry, exerciseTarget, exerciseView, expertPlanOf, hasNeedle } from '../../records/exerciseView';
import { resourceRoutes } from '../resourceRoutes';
import { sendProblem, sendReply } from '../fastifyBase';
import { accountOf, auditExercise, exerciseIdOf, exerciseParams, loadExercise, teacherView, teaches, type ExerciseRouteParts } from './exerciseContext';
import { submissionRoutes } from './submissionRoutes';

const teachingParams = z.object({ id: z.uuid().describe('A teaching case id') });
const patchSchema = z.strictObject({ status: z.enum(['open', 'closed']) });

const isObjectBody = (b: unknown): b is Record<string, unknown> => typeof b === 'object' && b !== null && !Array.isArray(b);

/**
 * The planning exercise API (`src/api/exercises.ts` is its client, `records/exercise.ts` its
 * bodies): attendings publish a teaching case as an exercise and close or reopen it
 * (`teaching.manage`); trainees and attendings list the open ones and read what a trainee may
 * see (`teaching.read`: see records/exerciseView.ts for what is hidden). Submissions and the
 * reveal are in submissionRoutes.ts. Every read and write of an exercise is audited.
 */
export function exercisesRoutes(parts: ExerciseRouteParts): (app: FastifyInstance) => Promise<void> {
  const { repo } = parts;
  return async (app) => {
    resourceRoutes(app, '/api/exercises', 'exercise', z.object({}), {
      POST: {
        action: 'teaching.manage',
        summary: 'Publishes a teaching case as a planning exercise (known or unknown mode); answers the teacher’s view with its id',
        body: exerciseCreateSchema,
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          if (!isObjectBody(request.body)) return sendProblem(reply, 400, 'invalid-json', 'The body must be a JSON object ({teachingCaseId, mode, expertPlanId?, heading?})');
          const parsed = exerciseCreateSchema.safeParse(request.body);
          if (!parsed.success) return sendProblem(reply, 400, 'invalid-fields', 'Invalid exercise', { issues: issuesOf(parsed.error) });
          const input = parsed.data;
          const teaching = await parts.teaching.get(input.teachingCaseId.toLowerCase());
          if (!teaching) return sendProblem(reply, 404, 'not-found', `No teaching case ${input.teachingCaseId}`);
          const expert = expertPlanOf(teaching, input.expertPlanId?.toLowerCase());
          if (!expert) {
            const issue = input.expertPlanId
              ? { path: 'expertPlanId', message: `${input.expertPlanId} is not a plan of teaching case ${teaching.id}` }
              : { path: 'teachingCaseId', message: 'the teaching case has no plan with a needle to be the expert plan' };
            return sendProblem(reply, 422, 'no-expert-plan', 'The exercise needs an expert plan with a needle', { issues: [issue] });
          }
          if (!hasNeedle(expert.plan.content)) {
            return sendProblem(reply, 422, 'no-expert-plan', 'The expert plan has no needle', { issues: [{ path: 'expertPlanId', message: `plan ${expert.id} has no needle` }] });
          }
          if (!exerciseTarget(teaching, expert.plan)) {
            return sendProblem(reply, 422, 'no-ct-series', 'The teaching case has no CT series to plan on', {
              issues: [{ path: 'teachingCaseId', message: `the expert plan's series ${expert.plan.seriesInstanceUID} is not a CT series the teaching case keeps` }],
            });
          }
          const stored = await repo.create({ teachingCaseId: teaching.id, mode: input.mode, expertPlanId: expert.id, heading: input.heading?.trim() || null }, who.account);
          await auditExercise(parts, request, 'exercise.create', `/api/exercises/${stored.id}`);
          return sendReply(reply, { status: 201, body: teacherView(stored, teaching, undefined), headers: { location: `/api/exercises/${stored.id}` } });
        },
      },
      GET: {
        action: 'teaching.read',
        summary: 'The open exercises, with the caller’s own attempts counted',
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const [exercises, attempts] = await Promise.all([repo.list({ openOnly: true }), repo.attemptsOf(who.account)]);
          const teachingOf = new Map<string, TeachingCase | undefined>();
          const rows = [];
          for (const e of exercises) {
            if (!teachingOf.has(e.teachingCaseId)) teachingOf.set(e.teachingCaseId, await parts.teaching.get(e.teachingCaseId));
            const teaching = teachingOf.get(e.teachingCaseId);
            // A withdrawn teaching case takes its exercises out of the trainees' list.
            if (!teaching || (teaching.status === 'hidden' && !teaches(request))) continue;
            const n = attempts.get(e.id) ?? 0;
            rows.push(exerciseListEntry(teacherView(e, teaching, undefined), teaching.fields, { submitted: n > 0, attempts: n }));
          }
          await auditExercise(parts, request, 'exercise.read', '/api/exercises', { count: rows.length });
          return sendReply(reply, { status: 200, body: { exercises: rows } });
        },
      },
    });

    resourceRoutes(app, '/api/teaching/:id/exercises', 'teaching case', teachingParams, {
      GET: {
        action: 'teaching.manage',
        summary: 'The exercises of one teaching case, teacher’s view (open and closed), oldest first',
        handler: async (request, reply) => {
          const id = exerciseIdOf(request);
          const teaching = await parts.teaching.get(id);
          if (!teaching) return sendProblem(reply, 404, 'not-found', `No teaching case ${id}`);
          const [exercises, counts] = await Promise.all([repo.list({ teachingCaseId: id }), repo.counts()]);
          await auditExercise(parts, request, 'exercise.read', `/api/teaching/${id}/exercises`, { count: exercises.length });
          return sendReply(reply, { status: 200, body: { exercises: exercises.map((e) => teacherView(e, teaching, counts.get(e.id))) } });
        },
      },
    });

    resourceRoutes(app, '/api/exercises/:id', 'exercise', exerciseParams, {
      GET: {
        action: 'teaching.read',
        summary: 'What a trainee may see of an exercise: the images to plan on, the lesions and structures given, the case redacted by mode',
        handler: async (request, reply) => {
          const who = accountOf(request, reply);
          if (!('account' in who)) return who;
          const loaded = await loadExercise(parts, request, reply);
          if (!('stored' in loaded)) return loaded;
          const n = (await repo.attemptsOf(who.account)).get(loaded.stored.id) ?? 0;
          const view = exerciseView(teacherView(loaded.stored, loaded.teaching, undefined), loaded.teaching, loaded.plan, loaded.target, { submitted: n > 0, attempts: n });
          await auditExercise(parts, request, 'exercise.read', `/api/exercises/${loaded.stored.id}`);
          return sendReply(reply, { status: 200, body: view });
        },
      },
      PATCH: {
        action: 'teaching.manage',
        summary: 'Closes an exercise to new submissions, or reopens it',
        body: patchSchema,
        handler: async (request, reply) => {
          const id = exerciseIdOf(request);
          if (!isObjectBody(request.body)) return sendProblem(reply, 400, 'invalid-json', "The body must be a JSON object ({status: 'open' | 'closed'})");
          const parsed = patchSchema.safeParse(request.body);
          if (!parsed.success) return sendProblem(reply, 400, 'invalid-fields', 'Invalid exercise change', { issues: issuesOf(parsed.error) });
          const changed = await repo.setStatus(id, parsed.data.status);
          const teaching = changed ? await parts.teaching.get(changed.teachingCaseId) : undefined;
          if (!changed || !teaching) return sendProblem(reply, 404, 'not-found', `No exercise ${id}`);
          await auditExercise(parts, request, 'exercise.update', `/api/exercises/${id}`, { changes: ['status'] });
          const counts = await repo.counts();
          return sendReply(reply, { status: 200, body: teacherView(changed, teaching, counts.get(id)) });
        },
      },
    });

    await submissionRoutes(parts)(app);
  };
}
