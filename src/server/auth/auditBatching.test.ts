import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { openPglite } from '../records/pgliteClient';
import { openPostgres } from '../records/postgresClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { AUDIT_MAX_BATCH, createAuditTrail, type AuditActor, type AuditLog } from './auditTrail';

// Group commit of the audit trail (auditAppend.ts, groupCommit.ts): many concurrent events on one
// trail, two trails on one PostgreSQL, and a bad event among good ones.

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

const CASE = '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const actor: AuditActor = { username: 'dr-a', roles: ['attending'], sessionHash: 'b'.repeat(64), address: '10.1.2.3' };

/** `db` with its transactions counted and the row count of each audit INSERT kept. */
function counting(db: SqlClient): { db: SqlClient; transactions: () => number; insertRows: number[] } {
  let transactions = 0;
  const insertRows: number[] = [];
  const wrapped: SqlClient = {
    kind: db.kind,
    location: db.location,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: () => db.close(),
    transaction: (fn) => {
      transactions += 1;
      return db.transaction((tx) =>
        fn({
          query: (sql, params) => {
            // 18 parameters a row (auditAppend.ts's column list).
            if (sql.startsWith('INSERT INTO audit_events')) insertRows.push((params?.length ?? 0) / 18);
            return tx.query(sql, params);
          },
        }),
      );
    },
  };
  return { db: wrapped, transactions: () => transactions, insertRows };
}

/** The request ids of the trail, in seq order. */
async function requestIdsInSeqOrder(db: SqlClient): Promise<string[]> {
  const rows = await db.query<{ request_id: string }>('SELECT request_id FROM audit_events ORDER BY seq');
  return rows.map((r) => r.request_id);
}

describe.each(backends)('audit group commit on $name', (backend) => {
  let db: SqlClient;
  let url: string | undefined;
  beforeAll(async () => {
    if (backend.skip) return;
    const { env, dataDir } = await backend.freshEnv();
    url = env.DATABASE_URL;
    db = url ? await openPostgres(url) : await openPglite(`${dataDir}/db`);
    await migrateSchema(db);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.skipIf(!!backend.skip)('writes 300 concurrent events as one chain, each once, in call order, in 3 transactions (1 + 200 + 99)', async () => {
    expect(AUDIT_MAX_BATCH).toBe(200);
    const counted = counting(db);
    const audit: AuditLog = createAuditTrail(counted.db);
    const ids = Array.from({ length: 300 }, (_, i) => `batch-${i}`);
    await Promise.all(ids.map((requestId) => audit.record({ event: 'case.read', actor, caseId: CASE, requestId })));
    // The first event finds the writer idle and goes alone; the 299 called meanwhile follow in
    // batches of at most 200. One transaction per event (the old way) would be 300.
    expect(counted.transactions()).toBe(3);
    expect(counted.insertRows).toEqual([1, 200, 99]);
    expect(await requestIdsInSeqOrder(db)).toEqual(ids);
    expect(await audit.verify()).toEqual({ ok: true, checked: 300 });
  });

  it.skipIf(!!backend.skip)('rejects a bad event alone: its neighbours in the same batch are stored', async () => {
    const audit = createAuditTrail(db);
    const before = (await audit.query()).total;
    const calls = [
      audit.record({ event: 'case.read', actor, caseId: CASE, requestId: 'good-1' }),
      audit.record({ event: 'case.read', actor, caseId: 'John Doe', requestId: 'bad-1' }),
      audit.record({ event: 'case.read', actor, caseId: CASE, requestId: 'good-2' }),
      audit.record({ event: 'case.read', actor, detail: { code: 'John Doe' }, requestId: 'bad-2' }),
      audit.record({ event: 'case.read', actor, caseId: CASE, requestId: 'good-3' }),
      audit.record({ event: 'study.accessed', actor, studyUids: ['DOE JOHN'], requestId: 'bad-3' }),
      audit.record({ event: 'case.read', actor, caseId: CASE, requestId: 'good-4' }),
    ];
    const settled = await Promise.allSettled(calls);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[1]?.status === 'rejected' && String(settled[1].reason)).toMatch(/caseId/);
    expect(settled[5]?.status === 'rejected' && String(settled[5].reason)).toMatch(/UID/);
    expect((await audit.query()).total).toBe(before + 4);
    expect((await requestIdsInSeqOrder(db)).slice(before)).toEqual(['good-1', 'good-2', 'good-3', 'good-4']);
    expect(await audit.verify()).toEqual({ ok: true, checked: before + 4 });
  });

  it.skipIf(!!backend.skip || backend.name !== 'postgres')('never forks the chain when two processes\u2019 trails interleave their batches', async () => {
    // Two connection pools stand for two server processes on one database, each with its trail and its own writer.
    const pools = await Promise.all([1, 2].map(() => openPostgres(url ?? '')));
    try {
      const [a, b] = pools.map((p) => createAuditTrail(p)) as [AuditLog, AuditLog];
      const before = (await a.query()).total;
      // Three waves, so that batches of both trails follow one another on the lock several times.
      const waves = 3;
      const perTrail = 150;
      for (let w = 0; w < waves; w++) {
        await Promise.all(
          Array.from({ length: perTrail }, (_, i) => [
            a.record({ event: 'case.read', actor, caseId: CASE, requestId: `a-${w}-${i}` }),
            b.record({ event: 'case.update', actor, caseId: CASE, requestId: `b-${w}-${i}` }),
          ]).flat(),
        );
      }
      const added = waves * perTrail * 2;
      const rows = await db.query<{ prev_hash: string; request_id: string }>('SELECT prev_hash, request_id FROM audit_events ORDER BY seq');
      expect(rows).toHaveLength(before + added);
      // A fork would be two rows naming the same predecessor.
      expect(new Set(rows.map((r) => r.prev_hash)).size).toBe(rows.length);
      const fresh = rows.slice(before).map((r) => r.request_id);
      expect(new Set(fresh).size).toBe(added);
      // Each trail's events keep their call order in the chain, whatever the other did between them.
      const order = (prefix: string): string[] => fresh.filter((id) => id.startsWith(prefix));
      const expected = (prefix: string): string[] =>
        Array.from({ length: waves * perTrail }, (_, k) => `${prefix}${Math.floor(k / perTrail)}-${k % perTrail}`);
      expect(order('a-')).toEqual(expected('a-'));
      expect(order('b-')).toEqual(expected('b-'));
      expect(await a.verify()).toEqual({ ok: true, checked: before + added });
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
  });
});
