import { LESION_CONTENT_KEYS } from '../planning/records/lesionContent';
import type { CaseContent } from './caseRecord';
import { decisionSchema } from './decision';
import type { Exercise, ExerciseListEntry, ExerciseMode, ExerciseReveal, ExerciseView } from './exercise';
import type { PlanContent } from './plan';
import type { TeachingCase, TeachingFields, TeachingPlan } from './teachingCase';

/**
 * What a trainee may see of a planning exercise (issue 15), made from the stored teaching case
 * and the exercise. Pure, so the one rule set is tested by hand:
 *
 * - both modes: never the teaching case id, never the source case (no id, no board meeting that
 *   lists it, no pseudonym that could be searched for among the cases), never the expert's
 *   needles: the trainee gets the expert plan's lesions and structures at risk only;
 * - unknown mode besides: no diagnosis (teaching title, findings, tags; the case's title,
 *   tumour, histology and the free text that names them), no outcome (decision, follow-ups,
 *   status), no notes, no linked studies.
 */

/** The pseudonym a trainee reads: the teaching case's own could match its source case's. */
export const EXERCISE_PSEUDONYM = 'Exercise patient';

/** The images an exercise is planned on: the expert plan's series, in a study the teaching case keeps. */
export interface ExerciseTarget {
  readonly studyInstanceUID: string;
  readonly seriesInstanceUID: string;
  readonly frameOfReferenceUID: string;
}

/** Whether a plan's content holds at least one needle (a trajectory). */
export function hasNeedle(content: Record<string, unknown>): boolean {
  const t = content.trajectories;
  return Array.isArray(t) && t.length > 0;
}

/** The teaching plan that answers an exercise: the one named, else the first with a needle. */
export function expertPlanOf(teaching: TeachingCase, expertPlanId?: string): TeachingPlan | undefined {
  if (expertPlanId !== undefined) return teaching.plans.find((p) => p.id === expertPlanId);
  return teaching.plans.find((p) => hasNeedle(p.plan.content));
}

/**
 * The series to plan on: the expert plan's, when the teaching case keeps it as a CT series (a
 * plan on images the case no longer holds cannot be an exercise). Null otherwise.
 */
export function exerciseTarget(teaching: TeachingCase, plan: PlanContent): ExerciseTarget | null {
  for (const study of teaching.studies) {
    const series = study.series.find((s) => s.seriesInstanceUID === plan.seriesInstanceUID);
    if (series && series.modality.toUpperCase() === 'CT') {
      return { studyInstanceUID: study.studyInstanceUID, seriesInstanceUID: series.seriesInstanceUID, frameOfReferenceUID: plan.frameOfReferenceUID };
    }
  }
  return null;
}

/**
 * What the trainee is given to plan on: the expert plan's lesions and structures at risk, and
 * nothing else of its content. A whitelist, not a blacklist: the needles, the zones and their
 * metrics, and any key a later version adds (which could name a needle) stay behind.
 */
export function givenContentOf(content: Record<string, unknown>): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const k of LESION_CONTENT_KEYS) if (Object.hasOwn(content, k)) given[k] = content[k];
  return given;
}

/** The neutral heading of an unknown exercise: the level only ("Unknown case · intermediate"). */
export function unknownHeading(level: TeachingFields['level']): string {
  return `Unknown case · ${level}`;
}

/**
 * The heading lists show: the one the teacher wrote, else the teaching title (known mode) or
 * the neutral heading (unknown mode). A teacher-written heading is shown in both modes: it is
 * theirs to word.
 */
export function headingOf(mode: ExerciseMode, heading: string | null, fields: TeachingFields): string {
  if (heading) return heading;
  return mode === 'known' && fields.title ? fields.title : unknownHeading(fields.level);
}

/** The case as every trainee may read it: pseudonymous and cut off from its source. */
function unlinkedCase(teaching: TeachingCase): CaseContent {
  const c = teaching.case;
  const kept = new Set(teaching.studies.map((s) => s.studyInstanceUID));
  return {
    ...c,
    patient: { ...c.patient, pseudonym: EXERCISE_PSEUDONYM, pseudonymous: true, identifiers: [], birthYear: null },
    // A board decision names the meeting, and the meeting lists the source case.
    boardDecisions: [],
    // Only the de-identified studies: any other UID is the source's.
    linkedStudies: c.linkedStudies.filter((s) => kept.has(s.studyInstanceUID)),
    lesions: c.lesions.map((l) => (l.studyInstanceUID && !kept.has(l.studyInstanceUID) ? { ...l, studyInstanceUID: null } : l)),
  };
}

/** The case as an unknown exercise shows it: no diagnosis, no outcome. */
function unknownCase(c: CaseContent): CaseContent {
  return {
    ...c,
    // "Treated, in follow-up" would give the outcome away.
    status: 'referred',
    title: '',
    tumour: { primary: null, primaryDetail: '', histology: '', diagnosisDate: null },
    // Free text that often names the primary ("Metastatic small-cell carcinoma").
    extentOfDisease: { ...c.extentOfDisease, description: '' },
    prognosis: { ...c.prognosis, notes: '' },
    decision: decisionSchema.parse({}),
    notes: '',
    followUps: [],
    linkedStudies: [],
  };
}

/** The case section of a trainee's view, by mode. */
export function exerciseCase(mode: ExerciseMode, teaching: TeachingCase): CaseContent {
  const c = unlinkedCase(teaching);
  return mode === 'unknown' ? unknownCase(c) : c;
}

/** What one caller has done on the exercise. */
export interface CallerAttempts {
  readonly submitted: boolean;
  readonly attempts: number;
}

/**
 * The trainee's view of an exercise (`GET /api/exercises/:id`). `plan` is the expert plan (its
 * needles are not copied), `target` where it is planned.
 */
export function exerciseView(exercise: Exercise, teaching: TeachingCase, plan: PlanContent, target: ExerciseTarget, caller: CallerAttempts): ExerciseView {
  const known = exercise.mode === 'known';
  const f = teaching.fields;
  return {
    id: exercise.id,
    mode: exercise.mode,
    status: exercise.status,
    heading: exercise.heading,
    presentation: f.presentation,
    level: f.level,
    tags: known ? [...f.tags] : [],
    diagnosis: known ? f.title : null,
    findings: known ? f.findings : null,
    studyInstanceUID: target.studyInstanceUID,
    seriesInstanceUID: target.seriesInstanceUID,
    frameOfReferenceUID: target.frameOfReferenceUID,
    case: exerciseCase(exercise.mode, teaching),
    givenContent: givenContentOf(plan.content),
    submitted: caller.submitted,
    attempts: caller.attempts,
  };
}

/** One row of the trainee's list (`GET /api/exercises`). */
export function exerciseListEntry(exercise: Exercise, fields: TeachingFields, caller: CallerAttempts): ExerciseListEntry {
  return {
    id: exercise.id,
    mode: exercise.mode,
    status: exercise.status,
    heading: exercise.heading,
    presentation: fields.presentation,
    level: fields.level,
    tags: exercise.mode === 'known' ? [...fields.tags] : [],
    submitted: caller.submitted,
    attempts: caller.attempts,
  };
}

/** The reveal after a submission (`GET /api/exercises/:id/expert`): the teaching text, the expert plan, the outcome. */
export function exerciseReveal(exercise: Exercise, teaching: TeachingCase, plan: PlanContent): ExerciseReveal {
  const f = teaching.fields;
  return {
    exerciseId: exercise.id,
    diagnosis: f.title,
    findings: f.findings,
    discussion: f.discussion,
    learningPoints: [...f.learningPoints],
    plan,
    case: exerciseCase('known', teaching),
  };
}
