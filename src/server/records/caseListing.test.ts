import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { caseContentSchema, caseDocumentSchema, deriveCase, planContentSchema, planDocumentSchema, restoreCase, type CaseInput } from '../../records';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { caseHandlers } from './caseHandlers';
import { caseListEntry } from './caseSummary';
import { openPglite } from './pgliteClient';
import { openPostgres } from './postgresClient';
import type { RouteInput } from './routeInput';
import { loadSqlMigrations, migrateSchema } from './schemaMigrations';
import type { SqlClient } from './sqlClient';
import { createSqlRecordsRepository } from './sqlRecordsRepository';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

const content = (input: Partial<CaseInput> = {}) => deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Listed' }, ...input }), randomUUID);
const planContent = (input: object = {}) => planContentSchema.parse({ seriesInstanceUID: '1.2.826.0.1.1', frameOfReferenceUID: '1.2.826.0.1.2', ...input });

/** How the repository wrote a case or plan row before migration 0010 (no summary column): current row and version row, same text. */
async function writeOldRow(db: SqlClient, table: 'cases' | 'plans', doc: Record<string, unknown>, versionText = JSON.stringify(doc)): Promise<void> {
  const text = JSON.stringify(doc);
  if (table === 'cases') {
    await db.query(
      `INSERT INTO cases (id, version, status, tumour_type, procedures, study_uids, pseudonym, title, created_at, created_by, updated_at, updated_by, archived_at, document)
       VALUES ($1, $2, 'referred', NULL, '{}', '{}', 'x', '', $3, 'old', $3, 'old', NULL, $4::json)`,
      [doc.id, typeof doc.version === 'number' ? doc.version : 1, '2025-06-01T10:00:00.000Z', text],
    );
    await db.query(`INSERT INTO case_versions VALUES ($1, $2, 'create', $3, 'old', '{"paths":[],"truncated":false}', $4::json)`, [doc.id, 1, '2025-06-01T10:00:00.000Z', versionText]);
  } else {
    await db.query(
      `INSERT INTO plans (id, case_id, version, status, title, series_uid, frame_uid, created_at, created_by, updated_at, updated_by, archived_at, document)
       VALUES ($1, $2, 1, 'draft', '', '1.2', '1.3', $3, 'old', $3, 'old', NULL, $4::json)`,
      [doc.id, doc.caseId, '2025-06-01T10:00:00.000Z', text],
    );
    await db.query(`INSERT INTO plan_versions VALUES ($1, 1, 'create', $2, 'old', '{"paths":[],"truncated":false}', $3::json)`, [doc.id, '2025-06-01T10:00:00.000Z', versionText]);
  }
}

const envelope = (id: string) => ({ id, version: 1, createdAt: '2025-06-01T10:00:00.000Z', createdBy: 'old', updatedAt: '2025-06-01T10:00:00.000Z', updatedBy: 'old', archivedAt: null, archivedBy: null });

describe.each(backends)('the case list on $name', (backend) => {
  const open = async (): Promise<SqlClient> => {
    const { env, dataDir } = await backend.freshEnv();
    return env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openPglite(`${dataDir}/db`);
  };

  it.skipIf(!!backend.skip)('migration 0010 lists rows written before it exactly as before, and changes no document', async () => {
    const db = await open();
    try {
      await migrateSchema(db, (await loadSqlMigrations()).filter((m) => m.id < 10));
      // 1: as the app wrote it (current schema, version row identical). Follow-ups out of order.
      const written = caseDocumentSchema.parse({
        ...envelope(randomUUID()),
        schemaVersion: 2,
        status: 'board',
        title: 'Right femur',
        patient: { pseudonym: 'Old A', sex: 'female', ageYears: 67 },
        tumour: { primary: 'breast', histology: 'ductal' },
        pain: { atRest: 2, onWeightBearing: 7, maximalPainSite: 'Right hip' },
        decision: { outcome: 'accepted', procedures: ['cryoablation'], date: '2025-05-30' },
        followUps: [{ date: '2025-09-01' }, { date: '2025-07-15' }, { date: '2025-12-24' }],
        linkedStudies: [{ studyInstanceUID: '1.2.3.4' }, { studyInstanceUID: '1.2.3.5' }],
      }) as unknown as Record<string, unknown>;
      // 2: schema version 1 (no board decisions yet): migrated when read, so left to the restore.
      const { boardDecisions: _none, ...v1Body } = caseDocumentSchema.parse({ ...envelope(randomUUID()), schemaVersion: 2, patient: { pseudonym: 'Old B' } });
      const v1 = { ...v1Body, schemaVersion: 1 };
      // 3: edited by hand after it was written (its version row holds the original title).
      const edited = caseDocumentSchema.parse({ ...envelope(randomUUID()), schemaVersion: 2, title: 'Edited by hand', patient: { pseudonym: 'Old C' } }) as unknown as Record<string, unknown>;
      // 4: corrupt (an envelope field of the wrong type), even in its version row.
      const corrupt = { ...written, id: randomUUID(), version: 'one' };
      const plan = planDocumentSchema.parse({ ...envelope(randomUUID()), schemaVersion: 1, caseId: written.id, ...planContent({ title: 'Old plan', content: { lesions: [{ id: 'L1', runs: 'A'.repeat(5000) }] } }) });
      await writeOldRow(db, 'cases', written);
      await writeOldRow(db, 'cases', v1);
      await writeOldRow(db, 'cases', edited, JSON.stringify({ ...edited, title: 'Original' }));
      await writeOldRow(db, 'cases', corrupt);
      await writeOldRow(db, 'plans', plan as unknown as Record<string, unknown>);
      const documents = async () => db.query<{ id: string; t: string }>('SELECT id, document::text AS t FROM cases UNION ALL SELECT id, document::text FROM plans ORDER BY id');
      const before = await documents();

      // 0010 and the migrations after it (0011 post-procedure assessments, …) apply.
      expect((await migrateSchema(db))[0]).toBe('0010_list_summaries');
      const filled = await db.query<{ id: string }>('SELECT id FROM cases WHERE summary IS NOT NULL UNION ALL SELECT id FROM plans WHERE summary IS NOT NULL ORDER BY id');
      expect(filled.map((r) => r.id)).toEqual([written.id as string, plan.id].sort());
      expect(await documents()).toEqual(before);

      const listed = await createSqlRecordsRepository(db).listCases({ limit: 1000 });
      const byId = new Map(listed.cases.map((c) => [c.id, c]));
      // The SQL-filled entry, checked by hand: the latest follow-up by date, counts, studies in order.
      expect(byId.get(written.id as string)).toEqual({
        id: written.id,
        version: 1,
        status: 'board',
        title: 'Right femur',
        patient: { pseudonym: 'Old A', pseudonymous: true, sex: 'female', ageYears: 67 },
        tumour: { primary: 'breast', histology: 'ductal' },
        decision: { outcome: 'accepted', procedures: ['cryoablation'], date: '2025-05-30' },
        maximalPainSite: 'Right hip',
        painOnWeightBearing: 7,
        lesionCount: 0,
        followUpCount: 3,
        lastFollowUpDate: '2025-12-24',
        studyInstanceUIDs: ['1.2.3.4', '1.2.3.5'],
        plans: [{ id: plan.id, version: 1, status: 'draft', title: 'Old plan', seriesInstanceUID: '1.2.826.0.1.1', archivedAt: null }],
        createdAt: '2025-06-01T10:00:00.000Z',
        updatedAt: '2025-06-01T10:00:00.000Z',
        updatedBy: 'old',
        archivedAt: null,
      });
      // The rows left to the restore list what the restore gives, as before the migration.
      for (const doc of [v1, edited]) {
        const restored = restoreCase(doc);
        if (!restored.ok) throw new Error(restored.error);
        expect(byId.get(doc.id as string)).toEqual({ ...caseListEntry(restored.value.document), plans: [] });
      }
      expect(byId.get(edited.id as string)?.title).toBe('Edited by hand');
      expect(listed.cases).toHaveLength(3);
      expect(listed.problems.map((p) => [p.kind, p.id])).toEqual([['case', corrupt.id]]);
      expect(listed.total).toBe(4);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!!backend.skip)('keeps the summaries up to date on every write, and lists from them, not from the documents', async () => {
    const db = await open();
    try {
      await migrateSchema(db);
      const repo = createSqlRecordsRepository(db);
      const created = await repo.createCase(content({ title: 'First' }), 'dr-a');
      const plan = await repo.createPlan(created.id, planContent({ title: 'Plan A' }), 'dr-a');
      if (plan.kind !== 'saved') throw new Error(plan.kind);
      const saved = await repo.updateCase(created.id, 1, content({ title: 'Second', followUps: [{ date: '2026-02-01' }] }), 'dr-b');
      expect(saved.kind).toBe('saved');
      await repo.setPlanArchived(plan.value.id, true, 1, 'dr-b');
      const stored = async () => (await db.query<{ summary: Record<string, unknown> }>('SELECT summary FROM cases WHERE id = $1', [created.id]))[0]?.summary;
      const storedPlan = async () => (await db.query<{ summary: Record<string, unknown> }>('SELECT summary FROM plans WHERE id = $1', [plan.value.id]))[0]?.summary;
      expect(await stored()).toMatchObject({ version: 2, title: 'Second', followUpCount: 1, lastFollowUpDate: '2026-02-01', updatedBy: 'dr-b' });
      expect(await storedPlan()).toMatchObject({ version: 2, title: 'Plan A', archivedAt: expect.any(String) as string });
      await repo.setCaseArchived(created.id, true, 2, 'dr-c');
      expect(await stored()).toMatchObject({ version: 3, archivedAt: expect.any(String) as string, updatedBy: 'dr-c' });
      await repo.setCaseArchived(created.id, false, 3, 'dr-c');
      const current = await repo.getCase(created.id);
      expect(await stored()).toEqual(caseListEntry(current!.document));

      // The list shows the summary column (a marker put there by hand), not the document.
      await db.query(`UPDATE cases SET summary = json_build_object('id', id, 'title', 'from the summary column') WHERE id = $1`, [created.id]);
      expect((await repo.listCases({})).cases.find((c) => c.id === created.id)?.title).toBe('from the summary column');
      // A document changed beside the repository drops its summary: listed from the document again.
      await db.query(`UPDATE cases SET document = json_build_object('id', id) WHERE id = $1`, [created.id]);
      expect(await stored()).toBeNull();
      const after = await repo.listCases({});
      expect(after.cases.map((c) => c.id)).not.toContain(created.id);
      expect(after.problems.map((p) => p.id)).toEqual([created.id]);
    } finally {
      await db.close();
    }
  });

  it.skipIf(!!backend.skip)('answers a page with the total and the next offset, newest change first', async () => {
    const db = await open();
    try {
      await migrateSchema(db);
      const repo = createSqlRecordsRepository(db);
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await repo.createCase(content({ title: `Paged ${i}` }), 'dr-a')).id);
        await new Promise((r) => setTimeout(r, 3)); // distinct update times, so the order is by time alone
      }
      const list = caseHandlers(repo).list;
      const page = async (q: string) => (await list({ url: new URL(`http://x/api/cases?${q}`) } as RouteInput)).body as { cases: { id: string }[]; total: number; next: number | null; limit: number; offset: number };
      const first = await page('limit=2');
      // Created one after the other, so the newest (the last created) comes first.
      expect(first).toMatchObject({ total: 5, next: 2, limit: 2, offset: 0 });
      expect(first.cases.map((c) => c.id)).toEqual([ids[4], ids[3]]);
      expect((await page('limit=2&offset=2')).cases.map((c) => c.id)).toEqual([ids[2], ids[1]]);
      const last = await page('limit=2&offset=4');
      expect(last).toMatchObject({ total: 5, next: null });
      expect(last.cases.map((c) => c.id)).toEqual([ids[0]]);
      expect(await page('limit=2&offset=10')).toMatchObject({ cases: [], total: 5, next: null });
      expect(await page('')).toMatchObject({ total: 5, next: null, limit: 200, offset: 0 });
      expect(await page('q=Paged%203')).toMatchObject({ cases: [{ id: ids[3] }], total: 1 });
    } finally {
      await db.close();
    }
  });
});
