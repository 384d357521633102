import { z } from 'zod';
import { submissionScoreSchema } from '../planning/exercise/submissionScore';
import { caseContentSchema } from './caseRecord';
import { actorName, dicomUid, documentId, isoDateTime, shortText } from './fieldTypes';
import { planContentSchema } from './plan';
import { teachingLevelSchema } from './teachingCase';

/**
 * Planning exercises (issue 15): a teaching case published for trainees to plan on, in "known"
 * mode (the diagnosis shown) or "unknown" mode (the diagnosis, the expert plan and the outcome
 * hidden until the trainee submits). The expert plan is one of the teaching case's plans.
 */

/** Known: the diagnosis is shown; unknown: diagnosis, expert plan and outcome hidden until submitted. */
export const exerciseModeSchema = z.enum(['known', 'unknown']);
/** An exercise mode. */
export type ExerciseMode = z.infer<typeof exerciseModeSchema>;

/** `POST /api/exercises`. */
export const exerciseCreateSchema = z.strictObject({
  teachingCaseId: documentId,
  mode: exerciseModeSchema,
  /** The teaching plan that is the expert's answer; absent: the first plan with a needle. */
  expertPlanId: documentId.optional(),
  /** What trainees read in lists; absent: the teaching title (known) or "Unknown case" and the level (unknown). */
  heading: shortText.optional(),
});
/** An exercise request before defaults. */
export type ExerciseCreateInput = z.input<typeof exerciseCreateSchema>;

/** An exercise as its teachers see it (`teaching.manage`). */
export const exerciseSchema = z.object({
  id: documentId,
  teachingCaseId: documentId,
  mode: exerciseModeSchema,
  expertPlanId: documentId,
  heading: z.string(),
  status: z.enum(['open', 'closed']),
  createdAt: isoDateTime,
  createdBy: actorName,
  /** Submissions so far, and trainees who submitted. */
  submissions: z.int().min(0),
  trainees: z.int().min(0),
});
/** An exercise (teacher's view). */
export type Exercise = z.infer<typeof exerciseSchema>;

/**
 * `GET /api/exercises/:id` — what a trainee may see: no teaching case id, no source case, and in
 * unknown mode no diagnosis (title, tumour, histology, findings, discussion, tags), no outcome
 * (follow-ups, decisions) and no expert plan. The images to plan on are named by their UIDs.
 */
export const exerciseViewSchema = z.object({
  id: documentId,
  mode: exerciseModeSchema,
  status: z.enum(['open', 'closed']),
  heading: z.string(),
  presentation: z.string(),
  level: teachingLevelSchema,
  /** Known mode only (tags often name the diagnosis); empty in unknown mode. */
  tags: z.array(z.string()),
  /** Known mode only: the diagnosis and findings; null in unknown mode. */
  diagnosis: z.string().nullable(),
  findings: z.string().nullable(),
  studyInstanceUID: dicomUid,
  seriesInstanceUID: dicomUid,
  frameOfReferenceUID: dicomUid,
  /** The pseudonymous case, redacted by mode (see above). */
  case: caseContentSchema,
  /** The lesions and structures at risk the exercise gives (from the expert plan: the needles are for the trainee to plan). */
  givenContent: z.record(z.string(), z.unknown()),
  /** Whether the caller has submitted (then the expert plan may be asked for). */
  submitted: z.boolean(),
  attempts: z.int().min(0),
});
/** A trainee's view of an exercise. */
export type ExerciseView = z.infer<typeof exerciseViewSchema>;

/** One row of `GET /api/exercises`: the view's heading fields. */
export const exerciseListEntrySchema = exerciseViewSchema.pick({ id: true, mode: true, status: true, heading: true, presentation: true, level: true, tags: true, submitted: true, attempts: true });
/** An exercise list row. */
export type ExerciseListEntry = z.infer<typeof exerciseListEntrySchema>;

/** `POST /api/exercises/:id/submissions`: the trainee's plan content and the effort the client measured. */
export const submissionInputSchema = z.strictObject({
  /** The same shape as a saved plan's `content`. */
  content: z.record(z.string(), z.unknown()),
  effort: z
    .strictObject({ planningTimeS: z.number().min(0).max(86_400).nullable().default(null), edits: z.int().min(0).max(100_000).nullable().default(null) })
    .prefault({}),
});
/** A submission before defaults. */
export type SubmissionInput = z.input<typeof submissionInputSchema>;

/** The answer to a submission: the score (issue 15 names its top-level fields) and which attempt it was. */
export const submissionAnswerSchema = submissionScoreSchema.extend({
  submissionId: documentId,
  attempt: z.int().min(1),
  submittedAt: isoDateTime,
});
/** A submission's answer. */
export type SubmissionAnswer = z.infer<typeof submissionAnswerSchema>;

/** One attempt on the teacher's page (`GET /api/exercises/:id/submissions`: all for teachers, own for trainees). */
export const submissionSummarySchema = z.object({
  id: documentId,
  exerciseId: documentId,
  account: actorName,
  displayName: z.string(),
  attempt: z.int().min(1),
  submittedAt: isoDateTime,
  score: submissionScoreSchema,
});
/** An attempt. */
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;

/** `GET /api/exercises/:id/submissions/:sid`: one attempt with the plan content submitted. */
export const submissionDetailSchema = submissionSummarySchema.extend({ content: z.record(z.string(), z.unknown()) });
/** An attempt with its content. */
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;

/**
 * `GET /api/exercises/:id/expert`: the expert plan and the teaching text, revealed after the
 * caller's first submission (403 `not-submitted` before, for accounts without `teaching.manage`).
 */
export const exerciseRevealSchema = z.object({
  exerciseId: documentId,
  diagnosis: z.string(),
  findings: z.string(),
  discussion: z.string(),
  learningPoints: z.array(z.string()),
  plan: planContentSchema,
  /** The outcome recorded in the case (follow-ups), pseudonymous. */
  case: caseContentSchema,
});
/** The reveal. */
export type ExerciseReveal = z.infer<typeof exerciseRevealSchema>;
