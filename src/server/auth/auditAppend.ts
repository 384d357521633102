import type { SqlClient } from '../records/sqlClient';
import { chainHash, GENESIS_HASH } from './auditChain';
import type { AuditRecord } from './auditTrail';

/** An event checked and ready to store: every field but the ones its place in the chain gives. */
export type AuditEntry = Omit<AuditRecord, 'seq' | 'prevHash' | 'hash'>;

/** The columns of audit_events in the order the INSERT below fills them. */
export const AUDIT_COLUMNS =
  'seq, at, event, dicom_code, action, outcome, account, roles, session_hash, address, case_id, plan_id, plan_version, study_uids, request_id, detail, prev_hash, hash';
const COLUMN_COUNT = 18;

/** The fields a row's hash covers: all of them but `hash`. */
export function hashedFields(r: Omit<AuditRecord, 'hash'>): Record<string, unknown> {
  return { ...r };
}

/**
 * Appends `entries`, in order, to the chain in one transaction: the table lock taken once, the
 * last hash and one sequence value per entry read in one statement, all rows in one INSERT. The exclusive lock is what keeps several server processes on one PostgreSQL from
 * forking the chain (two rows naming the same previous row): the next process's batch reads
 * the last hash only after this one has committed. Resolves once the commit is durable.
 */
export async function appendAuditBatch(db: SqlClient, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.query('LOCK TABLE audit_events IN EXCLUSIVE MODE');
    // The last hash (read once: an uncorrelated subquery) beside each new sequence value, in one round trip.
    const next = await tx.query<{ seq: string | number; last: string | null }>(
      "SELECT (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS last, nextval(pg_get_serial_sequence('audit_events', 'seq')) AS seq FROM generate_series(1, $1::integer)",
      [entries.length],
    );
    // Sorted, so that seq order is the entries' order whatever order the rows came back in.
    const seqs = next.map((r) => Number(r.seq)).sort((a, b) => a - b);
    if (seqs.length !== entries.length || seqs.some((s) => !Number.isSafeInteger(s))) {
      throw new Error(`audit: asked for ${entries.length} sequence values, got ${seqs.length}`);
    }
    let prevHash = next[0]?.last ?? GENESIS_HASH;
    const params: unknown[] = [];
    const rows: string[] = [];
    entries.forEach((entry, i) => {
      const fields: Omit<AuditRecord, 'hash'> = { seq: seqs[i] as number, ...entry, prevHash };
      const hash = chainHash(prevHash, hashedFields(fields));
      const base = params.length;
      params.push(...rowParams({ ...fields, hash }));
      rows.push(`(${Array.from({ length: COLUMN_COUNT }, (_, k) => `$${base + k + 1}`).join(', ')})`);
      prevHash = hash;
    });
    await tx.query(`INSERT INTO audit_events (${AUDIT_COLUMNS}) VALUES ${rows.join(', ')}`, params);
  });
}

/** One row's values in AUDIT_COLUMNS order. */
function rowParams(r: AuditRecord): unknown[] {
  return [
    r.seq,
    r.at,
    r.event,
    r.dicomCode,
    r.action,
    r.outcome,
    r.account,
    r.roles,
    r.sessionHash,
    r.address,
    r.caseId,
    r.planId,
    r.planVersion,
    r.studyUids,
    r.requestId,
    r.detail === null ? null : JSON.stringify(r.detail),
    r.prevHash,
    r.hash,
  ];
}
