import { boardSummaryLine, NO_PLAN_LABELS, versionText } from '../../../records/postProcedureView';
import { whenText } from '../../report/reportFormat';
import type { CaseAssessments } from '../../cases/postProcedure/loadCaseAssessments';

/** One plan's line in the board's summary card and meeting report. */
export interface PostProcedureLine {
  readonly planId: string;
  readonly version: number;
  /** "Post-procedure: cement 12.3 mL, …"; the plan's title comes first when the case has several assessed plans. */
  readonly text: string;
  /** The same without the leading "Post-procedure: " (for a table row that says it). */
  readonly body: string;
  /** "version 2 of 2, accepted by dr.ir at 2031-05-05 14:05 UTC, manually adjusted" */
  readonly detail: string;
}

/** The board's lines for a case: one per plan with an accepted assessment, from its latest version. */
export function postProcedureLines(data: CaseAssessments): PostProcedureLine[] {
  const several = data.groups.length > 1;
  return data.groups.map((g) => {
    const labels = data.plans.get(g.planId)?.labels;
    const line = boardSummaryLine(g.latest, labels ?? NO_PLAN_LABELS).replace(/^Post-procedure: /, '');
    const title = labels?.title ?? `plan ${g.planId.slice(0, 8)}`;
    const body = several ? `${title} — ${line}` : line;
    return {
      planId: g.planId,
      version: g.latest.version,
      text: `Post-procedure: ${body}`,
      body,
      detail: `${versionText(g.latest, g)}, accepted by ${g.latest.acceptedBy} at ${whenText(g.latest.acceptedAt)}${g.latest.manuallyAdjusted ? ', manually adjusted' : ''}`,
    };
  });
}
