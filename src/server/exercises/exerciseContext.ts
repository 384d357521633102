import { actorOf } from '../resourceRoutes';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Exercise, PlanContent, TeachingCase } from '../../records';
import { exerciseTarget, headingOf, type ExerciseTarget } from '../../records/exerciseView';
import { can } from '../auth/policy';
import type { AuditEventName, AuditTrail } from '../auth/auditTrail';
import { sendProblem } from '../fastifyBase';
import type { TeachingRepository } from '../teaching/teachingParts';
import type { ExerciseCounts, ExercisesRepository, StoredExercise } from './exercisesRepository';
import type { ScoringParts } from './scoreAttempt';

/** What the exercise routes are built from. */
export interface ExerciseRouteParts {
  readonly repo: ExercisesRepository;
  readonly teaching: Pick<TeachingRepository, 'get'>;
  readonly scoring: ScoringParts;
  readonly audit?: AuditTrail;
}

/** An exercise with what it is made of: its teaching case, the expert plan and the images to plan on. */
export interface LoadedExercise {
  readonly stored: StoredExercise;
  readonly teaching: TeachingCase;
  readonly plan: PlanContent;
  readonly target: ExerciseTarget;
}

/** The teacher's view of a stored exercise. */
export function teacherView(stored: StoredExercise, teaching: TeachingCase, counts: ExerciseCounts | undefined): Exercise {
  return {
    id: stored.id,
    teachingCaseId: stored.teachingCaseId,
    mode: stored.mode,
    expertPlanId: stored.expertPlanId,
    heading: headingOf(stored.mode, stored.heading, teaching.fields),
    status: stored.status,
    createdAt: stored.createdAt,
    createdBy: stored.createdBy,
    submissions: counts?.submissions ?? 0,
    trainees: counts?.trainees ?? 0,
  };
}

/** Whether the caller teaches (sees every attempt, the expert plan at any time, withdrawn cases). */
export const teaches = (request: FastifyRequest): boolean => can(request.actor.roles, 'teaching.manage');

/** The exercise id of the path (a UUID: the schema refused anything else). */
export const exerciseIdOf = (request: FastifyRequest): string => (request.params as { id: string }).id.toLowerCase();

/** Answers 404 for an exercise the caller may not see. */
export const noExercise = (reply: FastifyReply, id: string): FastifyReply => sendProblem(reply, 404, 'not-found', `No exercise ${id}`);

/**
 * Loads an exercise whole, or answers why not: 404 when unknown, or when its teaching case was
 * withdrawn (hidden) and the caller does not teach; 409 when the teaching case no longer holds
 * the expert plan or its series (an exercise cannot be answered then).
 */
export async function loadExercise(parts: ExerciseRouteParts, request: FastifyRequest, reply: FastifyReply): Promise<LoadedExercise | FastifyReply> {
  const id = exerciseIdOf(request);
  const stored = await parts.repo.get(id);
  const teaching = stored ? await parts.teaching.get(stored.teachingCaseId) : undefined;
  if (!stored || !teaching || (teaching.status === 'hidden' && !teaches(request))) return noExercise(reply, id);
  const plan = teaching.plans.find((p) => p.id === stored.expertPlanId)?.plan;
  const target = plan ? exerciseTarget(teaching, plan) : null;
  if (!plan || !target) return sendProblem(reply, 409, 'teaching-case-changed', `The teaching case of exercise ${id} no longer holds its expert plan or the CT series it is planned on`);
  return { stored, teaching, plan, target };
}

/** Records an exercise event (identifiers only: the path names the exercise). */
export async function auditExercise(parts: ExerciseRouteParts, request: FastifyRequest, event: AuditEventName, path: string, extra: { changes?: string[]; count?: number; status?: number } = {}): Promise<void> {
  await parts.audit?.record({
    event,
    actor: request.actor,
    detail: { method: request.method as 'GET' | 'POST' | 'PATCH', path, ...extra },
  });
}

/** Path parameters: an exercise id (a UUID; anything else is a 404). */
export const exerciseParams = z.object({ id: z.uuid().describe('An exercise id') });

/** Who an attempt or a change is attributed to; single-user mode trusts X-PercuPlan-User, as the case routes do. */
export function accountOf(request: FastifyRequest, reply: FastifyReply): { account: string; displayName: string } | FastifyReply {
  const who = actorOf(request, reply);
  if (!('username' in who)) return who;
  // A single-user name from the header is all there is to show; an account has its display name.
  return { account: who.username, displayName: request.actor.mode === 'single-user' ? who.username : who.name };
}
