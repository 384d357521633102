import type { PlanContent, PlanDocument, PlanStatus } from './plan';
import type { FieldIssue } from './validationIssues';
import { jsonEqual } from './jsonEqual';
import { err, ok, type Result } from '../shared/result';

const APPROVED: readonly PlanStatus[] = ['approved', 'performed'];

/**
 * Applies the approval rules to a plan being saved. An approved (or performed) plan records
 * who approved it and when: given values are kept, otherwise the saving user and `now`.
 * A draft or proposed plan carries no approval. And the geometry of an approved plan cannot
 * change while it stays approved: what the board approved must be what is stored under that
 * approval, so an edit has to take the plan back to draft or proposed.
 */
export function applyPlanRules(
  previous: PlanDocument | undefined,
  next: PlanContent,
  actor: string,
  now: string,
): Result<PlanContent, FieldIssue[]> {
  if (!APPROVED.includes(next.status)) return ok({ ...next, approvedBy: null, approvedAt: null });
  if (previous && APPROVED.includes(previous.status)) {
    const moved =
      !jsonEqual(previous.content, next.content) ||
      previous.seriesInstanceUID !== next.seriesInstanceUID ||
      previous.frameOfReferenceUID !== next.frameOfReferenceUID ||
      previous.studyInstanceUID !== next.studyInstanceUID;
    if (moved) {
      return err([
        {
          path: 'status',
          message: `The plan is ${previous.status}: to change its content or series, set status to "draft" or "proposed" in the same save`,
        },
      ]);
    }
  }
  const wasApproved = previous !== undefined && APPROVED.includes(previous.status);
  return ok({
    ...next,
    approvedBy: next.approvedBy ?? (wasApproved ? previous.approvedBy : null) ?? actor,
    approvedAt: next.approvedAt ?? (wasApproved ? previous.approvedAt : null) ?? now,
  });
}
