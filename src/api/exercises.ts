import { z } from 'zod';
import {
  exerciseListEntrySchema,
  exerciseRevealSchema,
  exerciseSchema,
  exerciseViewSchema,
  submissionAnswerSchema,
  submissionDetailSchema,
  submissionSummarySchema,
  type Exercise,
  type ExerciseCreateInput,
  type ExerciseListEntry,
  type ExerciseReveal,
  type ExerciseView,
  type SubmissionAnswer,
  type SubmissionDetail,
  type SubmissionInput,
  type SubmissionSummary,
} from '../records';
import { fetchParsed } from './apiProblem';

export type { Exercise, ExerciseListEntry, ExerciseReveal, ExerciseView, SubmissionAnswer, SubmissionDetail, SubmissionSummary };

const json = { 'content-type': 'application/json' };
const url = (id: string) => `/api/exercises/${encodeURIComponent(id)}`;
const listSchema = z.object({ exercises: z.array(exerciseListEntrySchema) });
const teacherListSchema = z.object({ exercises: z.array(exerciseSchema) });
const submissionsSchema = z.object({ submissions: z.array(submissionSummarySchema) });

/**
 * Typed client of the planning exercises API (issue 15): publish a teaching case as an exercise,
 * a trainee's view of it, submissions scored against the expert plan, the expert plan revealed
 * after the first submission, and every attempt for the teacher's page.
 */
export const exercisesApi = {
  /** Publishes a teaching case as an exercise (`teaching.manage`); answers the teacher's view with its `id`. */
  create: (input: ExerciseCreateInput): Promise<Exercise> =>
    fetchParsed('POST /api/exercises', '/api/exercises', exerciseSchema, { method: 'POST', headers: json, body: JSON.stringify(input) }),
  /** Open exercises as a trainee sees them, with the caller's own attempts counted. */
  async list(): Promise<ExerciseListEntry[]> {
    return (await fetchParsed('GET /api/exercises', '/api/exercises', listSchema)).exercises;
  },
  /** The exercises of one teaching case, teacher's view (`teaching.manage`). */
  async ofTeachingCase(teachingCaseId: string): Promise<Exercise[]> {
    return (await fetchParsed('GET /api/teaching/:id/exercises', `/api/teaching/${encodeURIComponent(teachingCaseId)}/exercises`, teacherListSchema)).exercises;
  },
  /** What a trainee may see of an exercise (no diagnosis in unknown mode, never the source case). */
  get: (id: string): Promise<ExerciseView> => fetchParsed('GET /api/exercises/:id', url(id), exerciseViewSchema),
  /** Closes or reopens an exercise (`teaching.manage`). */
  setStatus: (id: string, status: 'open' | 'closed'): Promise<Exercise> =>
    fetchParsed('PATCH /api/exercises/:id', url(id), exerciseSchema, { method: 'PATCH', headers: json, body: JSON.stringify({ status }) }),
  /** Submits a plan's content; answers the score. */
  submit: (id: string, input: SubmissionInput): Promise<SubmissionAnswer> =>
    fetchParsed('POST /api/exercises/:id/submissions', `${url(id)}/submissions`, submissionAnswerSchema, { method: 'POST', headers: json, body: JSON.stringify(input) }),
  /** Attempts: every trainee's for a teacher, the caller's own otherwise; oldest first. */
  async submissions(id: string): Promise<SubmissionSummary[]> {
    return (await fetchParsed('GET /api/exercises/:id/submissions', `${url(id)}/submissions`, submissionsSchema)).submissions;
  },
  submission: (id: string, submissionId: string): Promise<SubmissionDetail> =>
    fetchParsed('GET /api/exercises/:id/submissions/:sid', `${url(id)}/submissions/${encodeURIComponent(submissionId)}`, submissionDetailSchema),
  /** The expert plan and teaching text; a 403 ApiError (`not-submitted`) before the caller's first submission. */
  expert: (id: string): Promise<ExerciseReveal> => fetchParsed('GET /api/exercises/:id/expert', `${url(id)}/expert`, exerciseRevealSchema),
};
