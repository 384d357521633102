import type { PlanDocument } from '../../records';

/**
 * "Report" for the saved plan: opens its print-ready report (of the saved version, which is what
 * prints) in a new tab, so the planner stays as it is.
 */
export function PlanReportLink({ doc }: { doc: PlanDocument | undefined | null }) {
  if (!doc) return null;
  return (
    <a className="small plan-report-link" data-testid="plan-report-link" href={`/plans/${encodeURIComponent(doc.id)}/report?version=${doc.version}`} target="_blank" rel="noopener" title={`Print-ready report of the saved version v${doc.version}`}>
      Report (v{doc.version})
    </a>
  );
}
