import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { caseContentSchema, deriveCase, planContentSchema } from '../../records';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { openPglite } from '../records/pgliteClient';
import { openPostgres } from '../records/postgresClient';
import { loadSqlMigrations, migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { createAssessmentsRepository } from './assessmentsRepository';
import { testResult } from './testResult';

/*
 * The assessments table on both databases: migration 0011 on a fresh database and on one that
 * already holds records (migrated to 0010 first), versions 1, 2 … per plan, rows never changed,
 * a row that no longer restores named in the list.
 */

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

async function openDb(backend: (typeof backends)[number]): Promise<SqlClient> {
  const { env, dataDir } = await backend.freshEnv();
  return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(path.join(dataDir, 'db'));
}

describe.each(backends)('post-procedure assessments on $name', (backend) => {
  it.skipIf(!!backend.skip)('migration 0011 applies on a database that already holds a case and a plan, which stay as they were', async () => {
    const db = await openDb(backend);
    try {
      const all = await loadSqlMigrations();
      expect(all.at(-1)?.name).toBe('post_procedure');
      const before = await migrateSchema(db, all.slice(0, -1));
      expect(before).not.toContain('0011_post_procedure');
      const records = createSqlRecordsRepository(db);
      const c = await records.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Existing' } }), randomUUID), 'dr-a');
      const p = await records.createPlan(c.id, planContentSchema.parse({ seriesInstanceUID: '1.2.4.2', frameOfReferenceUID: '1.2.4.3' }), 'dr-a');
      if (p.kind !== 'saved') throw new Error(p.kind);
      expect(await migrateSchema(db)).toEqual(['0011_post_procedure']);
      expect((await records.getPlan(p.value.id))?.document.version).toBe(1);
      const repo = createAssessmentsRepository(db);
      const a = await repo.create({ planId: p.value.id, planVersion: 1, caseId: c.id, acceptedBy: 'dr-a', manuallyAdjusted: false, result: testResult() });
      expect(a.version).toBe(1);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!!backend.skip)('versions 1, 2 per plan, newest first; each plan counts its own; rows cannot be changed or deleted', async () => {
    const db = await openDb(backend);
    try {
      expect(await migrateSchema(db)).toContain('0011_post_procedure');
      const records = createSqlRecordsRepository(db);
      const c = await records.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Versions' } }), randomUUID), 'dr-a');
      const plan = async (): Promise<string> => {
        const p = await records.createPlan(c.id, planContentSchema.parse({ seriesInstanceUID: '1.2.4.2', frameOfReferenceUID: '1.2.4.3' }), 'dr-a');
        if (p.kind !== 'saved') throw new Error(p.kind);
        return p.value.id;
      };
      const [p1, p2] = [await plan(), await plan()];
      let t = Date.parse('2026-12-07T10:00:00.000Z');
      const repo = createAssessmentsRepository(db, randomUUID, () => new Date((t += 60_000)));
      const first = await repo.create({ planId: p1, planVersion: 1, caseId: c.id, acceptedBy: 'dr-a', manuallyAdjusted: false, result: testResult(0) });
      const second = await repo.create({ planId: p1, planVersion: 1, caseId: c.id, acceptedBy: 'dr-b', manuallyAdjusted: true, result: testResult(1.5) });
      const other = await repo.create({ planId: p2, planVersion: 1, caseId: c.id, acceptedBy: 'dr-a', manuallyAdjusted: false, result: testResult(3) });
      expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
      expect(second).toMatchObject({ planId: p1, caseId: c.id, acceptedBy: 'dr-b', acceptedAt: '2026-12-07T10:02:00.000Z', manuallyAdjusted: true });
      expect(second.result).toEqual(testResult(1.5));

      const forPlan = await repo.listForPlan(p1);
      expect(forPlan.assessments.map((a) => a.version)).toEqual([2, 1]);
      expect(forPlan.problems).toEqual([]);
      expect((await repo.listForCase(c.id)).assessments.map((a) => a.id)).toEqual([other.id, second.id, first.id]);

      // Append-only: the table's trigger refuses to change or remove a stored assessment.
      await expect(db.query('UPDATE post_procedure_assessments SET accepted_by = $1 WHERE id = $2', ['someone-else', first.id])).rejects.toThrow(/append-only/);
      await expect(db.query('DELETE FROM post_procedure_assessments WHERE id = $1', [first.id])).rejects.toThrow(/append-only/);
      expect((await repo.listForPlan(p1)).assessments.find((a) => a.id === first.id)).toEqual(first);

      // Two accepts at once still take distinct numbers.
      const racing = await Promise.all([0, 1, 2].map((i) => repo.create({ planId: p2, planVersion: 1, caseId: c.id, acceptedBy: `dr-${i}`, manuallyAdjusted: false, result: testResult(i) })));
      expect(racing.map((a) => a.version).sort()).toEqual([2, 3, 4]);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!!backend.skip)('a stored row that no longer restores is named with why, and the others are listed', async () => {
    const db = await openDb(backend);
    try {
      await migrateSchema(db);
      const records = createSqlRecordsRepository(db);
      const c = await records.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Corrupt' } }), randomUUID), 'dr-a');
      const p = await records.createPlan(c.id, planContentSchema.parse({ seriesInstanceUID: '1.2.4.2', frameOfReferenceUID: '1.2.4.3' }), 'dr-a');
      if (p.kind !== 'saved') throw new Error(p.kind);
      const repo = createAssessmentsRepository(db);
      const good = await repo.create({ planId: p.value.id, planVersion: 1, caseId: c.id, acceptedBy: 'dr-a', manuallyAdjusted: false, result: testResult() });
      const bad = randomUUID();
      const broken = { ...testResult(), cement: { ...testResult().cement, volumeMl: -1 } };
      await db.query(
        `INSERT INTO post_procedure_assessments (id, plan_id, case_id, version, plan_version, accepted_by, accepted_at, manually_adjusted, result)
         VALUES ($1, $2, $3, 2, 1, 'dr-x', now(), false, $4::json)`,
        [bad, p.value.id, c.id, JSON.stringify(broken)],
      );
      const list = await repo.listForPlan(p.value.id);
      expect(list.assessments.map((a) => a.id)).toEqual([good.id]);
      expect(list.problems).toHaveLength(1);
      expect(list.problems[0]).toMatchObject({ kind: 'post-procedure-assessment', id: bad });
      expect(list.problems[0]!.error).toMatch(/result\.cement\.volumeMl/);
      // The next accept takes the number after the bad row's: nothing is overwritten.
      expect((await repo.create({ planId: p.value.id, planVersion: 1, caseId: c.id, acceptedBy: 'dr-a', manuallyAdjusted: false, result: testResult() })).version).toBe(3);
    } finally {
      await db.close();
    }
  });
});
