import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseContentSchema, deriveCase, planContentSchema, type CaseInput } from '../../records';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { migrateSchema } from './schemaMigrations';
import { openPglite } from './pgliteClient';
import type { RecordsRepository } from './recordsRepository';
import { seedDemoCases } from './seedDemoCases';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

const content = (input: Partial<CaseInput> = {}) =>
  deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Test patient' }, ...input }), randomUUID);
const planContent = (input: object = {}) =>
  planContentSchema.parse({ seriesInstanceUID: '1.2.826.0.1.1', frameOfReferenceUID: '1.2.826.0.1.2', ...input });

describe.each(backends)('records repository on $name', (backend) => {
  let repo: RecordsRepository;
  beforeAll(async () => {
    if (!backend.skip) repo = await backend.freshRepository();
  });
  afterAll(async () => {
    await repo?.close();
  });

  it.skipIf(!!backend.skip)('creates version 1 and makes a version with a history entry for each accepted change', async () => {
    const created = await repo.createCase(content({ notes: 'first' }), 'dr-a');
    expect(created).toMatchObject({ version: 1, schemaVersion: 2, createdBy: 'dr-a', updatedBy: 'dr-a', archivedAt: null });
    const saved = await repo.updateCase(created.id, 1, content({ notes: 'second', pain: { atRest: 3 } }), 'dr-b');
    expect(saved).toMatchObject({ kind: 'saved', value: { version: 2, notes: 'second', createdBy: 'dr-a', updatedBy: 'dr-b' } });
    const history = await repo.caseHistory(created.id);
    expect(history?.map((h) => [h.version, h.action, h.by, h.changes.paths])).toEqual([
      [1, 'create', 'dr-a', []],
      [2, 'update', 'dr-b', ['pain.atRest', 'notes']],
    ]);
    expect((await repo.caseVersion(created.id, 1))?.document.notes).toBe('first');
    expect((await repo.getCase(created.id))?.document.notes).toBe('second');
    expect(await repo.caseVersion(created.id, 3)).toBeUndefined();
  });

  it.skipIf(!!backend.skip)('refuses a stale save with the current document and never merges it', async () => {
    const c = await repo.createCase(content(), 'a');
    await repo.updateCase(c.id, 1, content({ notes: 'tab one' }), 'a');
    const stale = await repo.updateCase(c.id, 1, content({ title: 'tab two' }), 'b');
    expect(stale).toMatchObject({ kind: 'conflict', current: { version: 2, notes: 'tab one', title: '' } });
    expect((await repo.getCase(c.id))?.document).toMatchObject({ version: 2, notes: 'tab one', title: '' });
  });

  it.skipIf(!!backend.skip)('lets exactly one of several simultaneous saves on one base version through', async () => {
    const c = await repo.createCase(content(), 'a');
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => repo.updateCase(c.id, 1, content({ notes: `writer ${i}` }), `w${i}`)));
    expect(outcomes.filter((o) => o.kind === 'saved')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'conflict')).toHaveLength(4);
    expect((await repo.caseHistory(c.id))?.length).toBe(2);
  });

  it.skipIf(!!backend.skip)('writes no version for a save that changes nothing', async () => {
    const c = await repo.createCase(content({ notes: 'same' }), 'a');
    expect(await repo.updateCase(c.id, 1, content({ notes: 'same' }), 'b')).toMatchObject({ kind: 'unchanged', value: { version: 1 } });
    expect((await repo.caseHistory(c.id))?.length).toBe(1);
  });

  it.skipIf(!!backend.skip)('archives a case with its plans instead of deleting, and restores both', async () => {
    const c = await repo.createCase(content({ title: 'to archive' }), 'a');
    const plan = await repo.createPlan(c.id, planContent(), 'a');
    expect(plan.kind).toBe('saved');
    const archived = await repo.setCaseArchived(c.id, true, 1, 'b');
    expect(archived).toMatchObject({ kind: 'saved', value: { version: 2, archivedBy: 'b' } });
    expect((await repo.listCases({})).cases.some((s) => s.id === c.id)).toBe(false);
    expect((await repo.listCases({ archived: 'only' })).cases.map((s) => s.id)).toContain(c.id);
    expect(await repo.updateCase(c.id, 2, content(), 'b')).toMatchObject({ kind: 'archived' });
    const plans = await repo.listPlans(c.id, false);
    expect(plans?.plans[0]).toMatchObject({ archivedBy: 'b', version: 2 });
    expect(await repo.createPlan(c.id, planContent(), 'b')).toMatchObject({ kind: 'archived' });
    expect(await repo.setCaseArchived(c.id, false, undefined, 'c')).toMatchObject({ kind: 'saved', value: { version: 3, archivedAt: null } });
    expect((await repo.listPlans(c.id, false))?.plans[0]).toMatchObject({ archivedAt: null, version: 3 });
    expect((await repo.caseHistory(c.id))?.map((h) => h.action)).toEqual(['create', 'archive', 'unarchive']);
    expect(await repo.getCase(c.id)).toBeDefined();
  });

  it.skipIf(!!backend.skip)('versions plans, applies the approval rules and refuses stale plan saves', async () => {
    const c = await repo.createCase(content(), 'a');
    const created = await repo.createPlan(c.id, planContent({ title: 'Vertebroplasty T10', content: { trajectories: [] } }), 'a');
    if (created.kind !== 'saved') throw new Error(created.kind);
    const id = created.value.id;
    const approved = await repo.updatePlan(id, 1, planContent({ title: 'Vertebroplasty T10', status: 'approved', content: { trajectories: [] } }), 'board');
    expect(approved).toMatchObject({ kind: 'saved', value: { version: 2, status: 'approved', approvedBy: 'board' } });
    const edit = await repo.updatePlan(id, 2, planContent({ status: 'approved', content: { trajectories: [1] } }), 'x');
    expect(edit).toMatchObject({ kind: 'invalid', issues: [{ path: 'status' }] });
    expect(await repo.updatePlan(id, 1, planContent(), 'x')).toMatchObject({ kind: 'conflict', current: { version: 2 } });
    expect((await repo.planHistory(id))?.map((h) => h.changes.paths)).toEqual([[], ['status', 'approvedBy', 'approvedAt']]);
    expect((await repo.planVersion(id, 1))?.document.status).toBe('draft');
    expect((await repo.listPlans(c.id, true))?.plans[0]).toMatchObject({ content: { trajectories: [] } });
    expect(await repo.createPlan(randomUUID(), planContent(), 'a')).toMatchObject({ kind: 'not-found' });
  });

  it.skipIf(!!backend.skip)('filters the case list by status, procedure, tumour type, study and text', async () => {
    const tag = randomUUID().slice(0, 8);
    const study = `1.2.3.${Date.now()}`;
    await repo.createCase(
      content({
        status: 'board',
        title: `spine ${tag}`,
        tumour: { primary: 'prostate' },
        decision: { procedures: ['vertebroplasty'] },
        linkedStudies: [{ studyInstanceUID: study }],
      }),
      'a',
    );
    await repo.createCase(content({ status: 'accepted', title: `pelvis ${tag}`, tumour: { primary: 'breast' }, decision: { procedures: ['acetabuloplasty'] } }), 'a');
    const titles = async (f: Parameters<RecordsRepository['listCases']>[0]) => (await repo.listCases({ ...f, q: tag })).cases.map((s) => s.title).sort();
    expect(await titles({})).toEqual([`pelvis ${tag}`, `spine ${tag}`]);
    expect(await titles({ status: ['board'] })).toEqual([`spine ${tag}`]);
    expect(await titles({ procedure: ['acetabuloplasty', 'cryoablation'] })).toEqual([`pelvis ${tag}`]);
    expect(await titles({ tumourType: ['prostate'] })).toEqual([`spine ${tag}`]);
    expect(await titles({ study })).toEqual([`spine ${tag}`]);
    expect(await repo.listCases({ q: '%_' })).toEqual({ cases: [], problems: [], total: 0 });
  });

  it.skipIf(!!backend.skip)('exports everything with its history and imports it elsewhere unchanged, all or nothing', async () => {
    const source = await backend.freshRepository();
    const target = await backend.freshRepository();
    try {
      const c = await source.createCase(content({ notes: 'v1' }), 'a');
      await source.updateCase(c.id, 1, content({ notes: 'v2', followUps: [{ date: '2024-01-08', pain: { atRest: 2 } }] }), 'b');
      const p = await source.createPlan(c.id, planContent({ content: { nested: { list: [1, 'two', null] } } }), 'a');
      if (p.kind !== 'saved') throw new Error(p.kind);
      await source.updatePlan(p.value.id, 1, planContent({ status: 'proposed', content: { nested: { list: [1, 'two', null] } } }), 'b');
      await source.setCaseArchived(c.id, true, undefined, 'c');
      await source.createCase(content({ title: 'second' }), 'a');

      const exported = await source.exportAll();
      expect(await target.importAll(exported)).toEqual({ kind: 'imported', cases: 2, plans: 1, versions: 7, skipped: 0 });
      const again = await target.exportAll();
      expect({ ...again, exportedAt: 'x' }).toEqual({ ...exported, exportedAt: 'x' });
      expect(await target.importAll(exported)).toEqual({ kind: 'imported', cases: 0, plans: 0, versions: 0, skipped: 3 });
      expect((await target.getCase(c.id))?.document).toEqual((await source.getCase(c.id))?.document);

      // A different history for an existing case refuses the whole import, new cases included.
      const tampered = structuredClone(exported);
      const first = tampered.cases[0];
      if (!first?.versions[0]) throw new Error('no versions');
      first.versions[0].by = 'someone else';
      tampered.cases.push({ ...structuredClone(exported.cases[1]!), id: randomUUID(), versions: [], plans: [] });
      const refused = await target.importAll({ ...tampered, cases: [first] });
      expect(refused).toMatchObject({ kind: 'refused', problems: [expect.stringMatching(/different history/)] });
      const broken = structuredClone(exported);
      broken.cases[0]!.versions[1]!.version = 5;
      expect(await target.importAll(broken)).toMatchObject({ kind: 'refused' });
      expect((await target.exportAll()).cases.length).toBe(2);
    } finally {
      await source.close();
      await target.close();
    }
  });

  it.skipIf(!!backend.skip)('creates the three reference cases once, linked to the sample studies it finds', async () => {
    const fresh = await backend.freshRepository();
    let sampleDir = '';
    try {
      sampleDir = mkdtempSync(path.join(tmpdir(), 'percuplan-samples-'));
      const uids = { 'case1-pelvis-ct': '1.2.9.1', 'case2-pelvis-ct': '1.2.9.2', 'case2-cbct': '1.2.9.3' };
      for (const [key, uid] of Object.entries(uids)) {
        mkdirSync(path.join(sampleDir, key));
        writeFileSync(path.join(sampleDir, key, 'truth.json'), JSON.stringify({ studyInstanceUID: uid }));
      }
      const logs: string[] = [];
      expect(await seedDemoCases(fresh, sampleDir, (m) => logs.push(m))).toBe(3);
      expect(await seedDemoCases(fresh, sampleDir, (m) => logs.push(m))).toBe(0);
      const { cases } = await fresh.listCases({});
      expect(cases.map((c) => c.patient.pseudonym).sort()).toEqual(['Reference case 1', 'Reference case 2', 'Reference case 3']);
      const byName = new Map(cases.map((c) => [c.patient.pseudonym, c]));
      expect(byName.get('Reference case 2')?.studyInstanceUIDs).toEqual(['1.2.9.2', '1.2.9.3']);
      expect(byName.get('Reference case 3')?.studyInstanceUIDs).toEqual([]);
      expect(logs.some((l) => l.includes('case3-spine-ct'))).toBe(true);
      const case3 = await fresh.getCase(byName.get('Reference case 3')!.id);
      expect(case3?.document.lesions[0]?.scores.genant?.result?.category).toBe('3');
      expect(case3?.document.followUps[0]).toMatchObject({ label: '2 weeks', pain: { onWeightBearing: 2 } });
      const case1 = await fresh.getCase(byName.get('Reference case 1')!.id);
      expect([case1?.document.analgesics.mme?.totalMmePerDay, case1?.document.followUps[0]?.analgesics.mme?.totalMmePerDay]).toEqual([90, 30]);
    } finally {
      await fresh.close();
      if (sampleDir) rmSync(sampleDir, { recursive: true, force: true });
    }
  });
});

describe('schema migrations', () => {
  it('apply once and are skipped when already applied', async () => {
    const dir = await freshPgliteDir();
    const db = await openPglite(dir);
    try {
      // Later migrations (accounts, audit) add to the list; these must be among them.
      expect(await migrateSchema(db)).toEqual(expect.arrayContaining(['0001_records', '0002_accounts_sessions']));
      expect(await migrateSchema(db)).toEqual([]);
    } finally {
      await db.close();
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
