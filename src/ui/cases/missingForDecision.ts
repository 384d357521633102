import { fieldLabelOf, type CaseContent } from '../../records';

/** One field the meeting needs for its decision that the case leaves empty. */
export interface MissingField {
  /** The field's path, as the form's `data-path`. */
  readonly path: string;
  readonly label: string;
}

const blank = (v: unknown): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * What the multidisciplinary meeting weighs (shared/docs/domain.md, "Case selection"), as the
 * fields that hold it, with the test of "not recorded" for each. Comorbidities are left out:
 * an empty list may truly mean "none", so it is not evidence of a gap.
 */
const DECISION_FIELDS: readonly { path: string; missing: (c: CaseContent) => boolean }[] = [
  { path: 'tumour.primary', missing: (c) => blank(c.tumour.primary) },
  { path: 'extentOfDisease.boneMetastases', missing: (c) => blank(c.extentOfDisease.boneMetastases) },
  { path: 'prognosis.lifeExpectancy', missing: (c) => blank(c.prognosis.lifeExpectancy) },
  { path: 'involvement.bone', missing: (c) => blank(c.involvement.bone) },
  { path: 'involvement.softTissue', missing: (c) => blank(c.involvement.softTissue) },
  { path: 'decision.accessRoute', missing: (c) => blank(c.decision.accessRoute) },
  { path: 'functionAndGoals.dailyActivities', missing: (c) => blank(c.functionAndGoals.dailyActivities) },
  { path: 'pain.atRest', missing: (c) => blank(c.pain.atRest) },
  { path: 'pain.onWeightBearing', missing: (c) => blank(c.pain.onWeightBearing) },
  { path: 'functionAndGoals.patientGoals', missing: (c) => blank(c.functionAndGoals.patientGoals) },
  { path: 'pain.maximalPainSite', missing: (c) => blank(c.pain.maximalPainSite) },
  { path: 'pain.imagingCorrelation', missing: (c) => c.pain.imagingCorrelation === 'not-assessed' },
];

/** The decision fields this case leaves empty, in the order of the domain's list. */
export function missingForDecision(content: CaseContent): MissingField[] {
  return DECISION_FIELDS.filter((f) => f.missing(content)).map((f) => ({ path: f.path, label: fieldLabelOf(f.path).label }));
}
