import type { SqlClient } from '../records/sqlClient';
import { appendAuditBatch, AUDIT_COLUMNS, hashedFields, type AuditEntry } from './auditAppend';
import { chainHash, GENESIS_HASH } from './auditChain';
import { auditDetailSchema, type AuditDetail } from './auditDetail';
import { createGroupCommit } from './groupCommit';
import { AUDIT_EVENT_CODES, isAuditEventName, type AuditAction, type AuditEventName } from './auditEvents';

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

/** Identifiers the trail accepts in its id columns: no spaces, so no names. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;
const ADDRESS = /^[A-Za-z0-9:.%_[\]-]{1,128}$/;
// As the routes accept a UID (digits and dots): a stricter check here would turn a request they let through into a 500.
const UID = /^[0-9.]{1,64}$/;
const MAX_PAGE_SIZE = 500;
/**
 * The most events one append transaction writes (18 parameters a row, far under PostgreSQL's
 * 65,535): bounds how long one batch holds the table lock.
 */
export const AUDIT_MAX_BATCH = 200;

/** The row as the database hands it back (bigint as text, timestamptz as Date, json parsed). */
interface AuditRow {
  seq: string | number;
  at: Date | string;
  event: string;
  dicom_code: string | null;
  action: string;
  outcome: number;
  account: string | null;
  roles: string[] | null;
  session_hash: string | null;
  address: string | null;
  case_id: string | null;
  plan_id: string | null;
  plan_version: number | null;
  study_uids: string[] | null;
  request_id: string | null;
  detail: AuditDetail | string | null;
  prev_hash: string;
  hash: string;
}


function fromRow(row: AuditRow): AuditRecord {
  const detail = typeof row.detail === 'string' ? (JSON.parse(row.detail) as AuditDetail) : row.detail;
  return {
    seq: Number(row.seq),
    at: (row.at instanceof Date ? row.at : new Date(row.at)).toISOString(),
    event: row.event as AuditEventName,
    dicomCode: row.dicom_code,
    action: row.action as AuditAction,
    outcome: row.outcome as AuditOutcome,
    account: row.account,
    roles: row.roles ?? [],
    sessionHash: row.session_hash,
    address: row.address,
    caseId: row.case_id,
    planId: row.plan_id,
    planVersion: row.plan_version,
    studyUids: row.study_uids ?? [],
    requestId: row.request_id,
    detail: detail ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** An identifier for an id column, or a TypeError: a caller passing free text is a bug to find in tests. */
function idOrNull(name: string, value: string | undefined | null, pattern = ID): string | null {
  if (value === undefined || value === null) return null;
  if (!pattern.test(value)) throw new TypeError(`audit: ${name} is not an identifier`);
  return value;
}

/**
 * The audit trail on the records database (table audit_events, migration 0003). `clock` gives
 * each row's time (taken when `record` is called, so rows are in call order in time as in seq).
 * Appends are group-committed (groupCommit.ts): each batch takes an exclusive lock on the table
 * inside its transaction, so that several server processes on one PostgreSQL append one after
 * another and the chain never forks (two rows naming the same previous row); see auditAppend.ts.
 */
export function createAuditTrail(db: SqlClient, clock: () => Date = () => new Date()): AuditLog {
  // One writer per trail: events recorded while a batch is being written go together in the next
  // one (one lock, one INSERT), instead of each taking the table lock in turn.
  const appends = createGroupCommit<AuditEntry>((entries) => appendAuditBatch(db, entries), AUDIT_MAX_BATCH);
  return {
    async record(e) {
      if (!isAuditEventName(e.event)) throw new TypeError(`audit: unknown event ${String(e.event)}`);
      const coding = AUDIT_EVENT_CODES[e.event];
      const detail = e.detail === undefined ? null : auditDetailSchema.parse(e.detail);
      const studyUids = [...(e.studyUids ?? [])];
      if (studyUids.some((u) => !UID.test(u))) throw new TypeError('audit: a study UID is not a DICOM UID');
      if (e.planVersion !== undefined && !(Number.isInteger(e.planVersion) && e.planVersion >= 0)) {
        throw new TypeError('audit: planVersion is not a version number');
      }
      // An account name that is not one (a failed login typed something else) is not kept:
      // it could be a password typed in the wrong box.
      const rawAccount = e.actor?.username ?? e.account ?? null;
      const account = rawAccount !== null && ID.test(rawAccount) ? rawAccount : null;
      const at = clock();
      if (Number.isNaN(at.getTime())) throw new TypeError('audit: the clock gave an invalid date');
      // Every field is checked here, before the event joins a batch: a bad event fails alone.
      const entry: AuditEntry = {
        at: at.toISOString(),
        event: e.event,
        dicomCode: coding.type.code,
        action: coding.action,
        outcome: e.outcome ?? 0,
        account,
        roles: [...(e.actor?.roles ?? [])],
        sessionHash: idOrNull('sessionHash', e.actor?.sessionHash),
        address: idOrNull('address', e.actor?.address ?? e.address, ADDRESS),
        caseId: idOrNull('caseId', e.caseId),
        planId: idOrNull('planId', e.planId),
        planVersion: e.planVersion ?? null,
        studyUids,
        requestId: idOrNull('requestId', e.requestId),
        detail,
      };
      // Resolves once the batch carrying it has committed: a reply that waits for its audit record
      // still waits for it to be durable.
      await appends.submit(entry);
    },

    async query(filters = {}) {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: string, value: unknown): void => {
        params.push(value);
        where.push(clause.replace('?', `$${params.length}`));
      };
      if (filters.account) add('account = ?', filters.account);
      if (filters.caseId) add('case_id = ?', filters.caseId);
      if (filters.event) add('event = ?', filters.event);
      if (filters.from) add('at >= ?', filters.from.toISOString());
      if (filters.to) add('at <= ?', filters.to.toISOString());
      const page = Math.max(1, Math.floor(filters.page ?? 1));
      const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(filters.pageSize ?? 50)));
      const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const counted = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM audit_events ${whereSql}`, params);
      const rows = await db.query<AuditRow>(
        `SELECT ${AUDIT_COLUMNS} FROM audit_events ${whereSql} ORDER BY seq DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
        params,
      );
      return { events: rows.map(fromRow), total: Number(counted[0]?.n ?? 0), page, pageSize };
    },

    async verify() {
      let expectedPrev = GENESIS_HASH;
      let checked = 0;
      let after = 0;
      const batch = 1000;
      for (;;) {
        const rows = await db.query<AuditRow>(`SELECT ${AUDIT_COLUMNS} FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT ${batch}`, [after]);
        for (const row of rows) {
          const { hash, ...fields } = fromRow(row);
          checked += 1;
          if (fields.prevHash !== expectedPrev || chainHash(fields.prevHash, hashedFields(fields)) !== hash) {
            return { ok: false, checked, firstBad: fields.seq };
          }
          expectedPrev = hash;
          after = fields.seq;
        }
        if (rows.length < batch) return { ok: true, checked };
      }
    },
  };
}
