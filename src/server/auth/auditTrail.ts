import type { AuditDetail } from './auditDetail';
import type { AuditAction, AuditEventName } from './auditEvents';

export type { AuditDetail } from './auditDetail';
export { AUDIT_EVENT_CODES, AUDIT_EVENT_NAMES, isAuditEventName, type AuditAction, type AuditEventName } from './auditEvents';

/** DICOM's EventOutcomeIndicator: 0 success, 4 minor failure (refused, wrong password), 8 serious failure. */
export type AuditOutcome = 0 | 4 | 8;

/**
 * Who did it, as the audit trail needs it. `Actor` of actor.ts has these fields (and more), so
 * a request's actor can be passed as it is.
 */
export interface AuditActor {
  username: string;
  roles: readonly string[];
  sessionHash: string | null;
  address: string;
}

/** One event to record. Identifiers only: no names, no free text (see auditDetail.ts). */
export interface AuditInput {
  event: AuditEventName;
  /** Default 0 (success). */
  outcome?: AuditOutcome;
  /** Who did it; null or absent for an anonymous request. */
  actor?: AuditActor | null;
  /** The account concerned when there is no actor yet (the user name a failed login gave). */
  account?: string;
  /** The client's address when there is no actor. */
  address?: string;
  caseId?: string;
  planId?: string;
  planVersion?: number;
  studyUids?: readonly string[];
  requestId?: string;
  detail?: AuditDetail;
}

/** One stored row of the trail. */
export interface AuditRecord {
  seq: number;
  /** ISO 8601, UTC, millisecond precision. */
  at: string;
  event: AuditEventName;
  dicomCode: string | null;
  action: AuditAction;
  outcome: AuditOutcome;
  account: string | null;
  roles: string[];
  sessionHash: string | null;
  address: string | null;
  caseId: string | null;
  planId: string | null;
  planVersion: number | null;
  studyUids: string[];
  requestId: string | null;
  detail: AuditDetail | null;
  prevHash: string;
  hash: string;
}

/** What the audit trail's readers may filter on. Times are inclusive. */
export interface AuditQuery {
  account?: string;
  caseId?: string;
  event?: AuditEventName;
  from?: Date;
  to?: Date;
  /** 1-based. Default 1. */
  page?: number;
  /** Default 50, at most 500. */
  pageSize?: number;
}

/** One page of events, newest first. */
export interface AuditPage {
  events: AuditRecord[];
  total: number;
  page: number;
  pageSize: number;
}

/** The outcome of recomputing the hash chain. */
export interface AuditVerification {
  ok: boolean;
  /** How many rows were checked. */
  checked: number;
  /** The seq of the first row whose hash or link does not match. */
  firstBad?: number;
}

/** What the rest of the server needs: a place to append events. */
export interface AuditTrail {
  record(e: AuditInput): Promise<void>;
}

/** The trail with its readers, for the audit routes. */
export interface AuditLog extends AuditTrail {
  query(filters?: AuditQuery): Promise<AuditPage>;
  verify(): Promise<AuditVerification>;
}
