import type { PlanDocument } from '../../../records';
import { postProcedureApi } from '../../../api/postProcedure';
import { plansApi } from '../../../api/plans';
import { errorText } from '../../../api/apiProblem';
import { groupByPlan, NO_PLAN_LABELS, type PlanAssessments, type PlanLabels } from '../../../records/postProcedureView';
import { planLabels } from './planLabels';

/** What the views need of an assessed plan: its names, its study (to open it), or why it could not be read. */
export interface AssessedPlan {
  readonly labels: PlanLabels;
  readonly studyInstanceUID: string | null;
  /** Why the plan could not be read (the assessment is still shown, lesions and needles by their order). */
  readonly problem: string | null;
}

/** A case's accepted assessments grouped by plan, with each plan's names. */
export interface CaseAssessments {
  readonly groups: readonly PlanAssessments[];
  readonly plans: ReadonlyMap<string, AssessedPlan>;
  /** Stored assessments that no longer restore, each named with why (none is dropped silently). */
  readonly problems: readonly string[];
}

export const assessedPlan = (plan: PlanDocument): AssessedPlan => ({ labels: planLabels(plan), studyInstanceUID: plan.studyInstanceUID, problem: null });

/**
 * Reads a case's accepted post-procedure assessments (GET /api/cases/:id/post-procedure/assessments),
 * the stored ones that no longer restore, and the plans they belong to (those in `known` are not read again). The list failing throws;
 * a plan failing is named in its entry.
 */
export async function loadCaseAssessments(caseId: string, known: ReadonlyMap<string, PlanDocument> = new Map()): Promise<CaseAssessments> {
  const list = await postProcedureApi.listForCaseWithProblems(caseId);
  const groups = groupByPlan(list.assessments);
  const problems = list.problems.map((p) => `A stored assessment (${p.id.slice(0, 8)}) could not be read: ${p.error}`);
  const entries = await Promise.all(
    groups.map(async (g): Promise<[string, AssessedPlan]> => {
      const have = known.get(g.planId);
      if (have) return [g.planId, assessedPlan(have)];
      try {
        return [g.planId, assessedPlan(await plansApi.get(g.planId))];
      } catch (e) {
        return [g.planId, { labels: NO_PLAN_LABELS, studyInstanceUID: null, problem: `The plan ${g.planId.slice(0, 8)} could not be read (${errorText(e)}): lesions and needles are named by their order.` }];
      }
    }),
  );
  return { groups, plans: new Map(entries), problems };
}
