import type { PlanDocument } from '../../records';
import type { ContentHash } from '../../planning/report/contentHash';
import { whenText } from './reportFormat';

/** Who planned and approved the plan and when, the software, the plan version and its content hash. */
export function ReportSignOff({ plan, softwareVersion, hash }: { plan: PlanDocument; softwareVersion: string | null; hash: ContentHash | { error: string } }) {
  return (
    <section className="report-section report-keep" data-testid="report-signoff">
      <h2>Plan record</h2>
      <table className="report-kv">
        <tbody>
          <tr><th>Status</th><td data-testid="report-status">{plan.status}</td></tr>
          <tr><th>Planned by</th><td>{plan.createdBy}, {whenText(plan.createdAt)}</td></tr>
          <tr><th>Last saved by</th><td>{plan.updatedBy}, {whenText(plan.updatedAt)}</td></tr>
          <tr><th>Approved by</th><td data-testid="report-approved">{plan.approvedBy ? `${plan.approvedBy}, ${whenText(plan.approvedAt)}` : 'not approved'}</td></tr>
          <tr><th>Plan version</th><td data-testid="report-version">{plan.version} (plan {plan.id})</td></tr>
          <tr>
            <th>Content hash</th>
            <td>
              {'error' in hash ? <span className="report-problem">not computed: {hash.error}</span> : <><code data-testid="report-hash" title={hash.hex}>{hash.short}</code> <span className="small">SHA-256, first 12 of 64 hex characters</span></>}
              <div className="small muted">
                The SHA-256 of the plan content (lesions, structures, needles and their stored metrics) written as canonical JSON (keys sorted, no spaces, RFC 8785):
                the same plan gives the same hash in any version, and any change to a point or a metric changes it. Compare it with the plan open on the workstation.
              </div>
            </td>
          </tr>
          <tr><th>Software</th><td data-testid="report-software">PercuPlan {softwareVersion ?? '(version not answered by the server)'}</td></tr>
          <tr><th>Printed</th><td>{whenText(new Date().toISOString())}</td></tr>
        </tbody>
      </table>
    </section>
  );
}
