import { z } from 'zod';

/**
 * Where a case stands in the pathway: referred to the IR service, on the tumour board's
 * agenda, accepted or declined for a percutaneous procedure, treated (in follow-up), closed.
 * Archiving is separate (`archivedAt`), so an archived case keeps the status it had.
 */
export const CASE_STATUSES = {
  referred: 'Referred',
  board: 'For tumour board',
  accepted: 'Accepted for procedure',
  declined: 'Declined',
  treated: 'Treated, in follow-up',
  closed: 'Closed',
} as const;

/** A case status key. */
export type CaseStatus = keyof typeof CASE_STATUSES;

/** Validates a case status. */
export const caseStatusSchema = z.enum(Object.keys(CASE_STATUSES) as [CaseStatus, ...CaseStatus[]]);
