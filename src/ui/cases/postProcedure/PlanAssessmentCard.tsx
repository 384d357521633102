import type { MouseEvent } from 'react';
import type { PostProcedureAssessment } from '../../../records';
import { NO_PLAN_LABELS, versionText, type PlanAssessments } from '../../../records/postProcedureView';
import { utcTime } from '../../admin/adminFormat';
import { AssessmentDetail } from './AssessmentDetail';
import type { AssessedPlan } from './loadCaseAssessments';

/** "accepted by dr.ir at 2031-05-04 09:30 UTC · manually adjusted" */
function AcceptedLine({ a }: { a: PostProcedureAssessment }) {
  return (
    <span className="ppa-accepted">
      accepted by <b>{a.acceptedBy}</b> at {utcTime(a.acceptedAt)}
      {a.manuallyAdjusted && <span className="ppa-manual" data-testid="pp-manual" title="The registration was nudged by hand before it was accepted"> · manually adjusted</span>}
    </span>
  );
}

/**
 * One plan's post-procedure assessment: the latest accepted version in full, "version N of M",
 * who accepted it and when, and the older versions folded below (each opens to its numbers).
 * The root carries `data-version` (the latest) for the end-to-end tests.
 */
export function PlanAssessmentCard({ group, plan, follow }: {
  group: PlanAssessments;
  plan: AssessedPlan | undefined;
  /** Follows an in-app link (the page's navigation). */
  follow: (e: MouseEvent<HTMLAnchorElement>, path: string) => void;
}) {
  const a = group.latest;
  const labels = plan?.labels ?? NO_PLAN_LABELS;
  const studyPath = plan?.studyInstanceUID ? `/studies/${plan.studyInstanceUID}` : null;
  const reportPath = `/plans/${encodeURIComponent(group.planId)}/report`;
  return (
    <article className="ppa-card" data-testid="post-procedure-assessment" data-version={a.version} data-plan-id={group.planId}>
      <header className="ppa-head">
        <h4>
          Plan: {labels.title ?? `plan ${group.planId.slice(0, 8)}`} · <span data-testid="pp-version">{versionText(a, group)}</span>
        </h4>
        <AcceptedLine a={a} />
        <span className="spacer" />
        <span className="ppa-links">
          {studyPath && <a href={studyPath} onClick={(e) => follow(e, studyPath)} data-testid="pp-open-plan" title="Open the planning study: the plan saved last on it opens">Open the plan</a>}
          <a href={reportPath} onClick={(e) => follow(e, reportPath)} title="The plan's printable report">Plan report</a>
        </span>
      </header>
      {plan?.problem && <div className="error-text small">{plan.problem}</div>}
      <AssessmentDetail result={a.result} labels={labels} />
      {group.older.length > 0 && (
        <details className="ppa-older" data-testid="pp-older">
          <summary>Older versions ({group.older.length})</summary>
          {group.older.map((o) => (
            <details key={o.id} className="ppa-older-version" data-version={o.version}>
              <summary>{versionText(o, group)} · <AcceptedLine a={o} /></summary>
              <AssessmentDetail result={o.result} labels={labels} />
            </details>
          ))}
        </details>
      )}
    </article>
  );
}
