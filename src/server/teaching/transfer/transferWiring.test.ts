import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyListings } from '../../../dicom/studyListingFromGroups';
import { FIXTURE_UIDS, plantedCtBytes } from '../../../interop/deidentify/plantedFixture';
import { caseContentSchema, planContentSchema, teachingCaseSchema } from '../../../records';
import { buildApp } from '../../app';
import { createCatalogue } from '../../catalogue';
import type { ServerConfig } from '../../config';
import { indexFolder } from '../../embeddedSource';
import { openPglite } from '../../records/pgliteClient';
import { migrateSchema } from '../../records/schemaMigrations';
import type { SqlClient } from '../../records/sqlClient';
import { createSqlRecordsRepository } from '../../records/sqlRecordsRepository';
import { teachingServer } from '../teachingFor';

/*
 * The transfer routes as the server composes them (teachingServer, single-user mode): a case on
 * the planted study with a plan is made a teaching case by POST /api/cases/:id/teaching, exported,
 * and imported into a second server with its own database and DATA_DIR, where the moved plan's
 * study and series are served by /api/studies. Importing into the first server is a 409.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-wiring-'));
const dbs: SqlClient[] = [];
const apps: FastifyInstance[] = [];
let first: FastifyInstance;
let second: FastifyInstance;
let caseId = '';

async function serverWith(name: string, sampleDir: string): Promise<FastifyInstance> {
  const db = await openPglite();
  dbs.push(db);
  await migrateSchema(db);
  const records = createSqlRecordsRepository(db);
  const catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  const dataDir = path.join(temp, name);
  const teaching = teachingServer({ db, dataDir, catalogue, cases: records, softwareVersion: 'test' });
  await teaching.files.indexAll();
  if (name === 'first') {
    caseId = (await records.createCase(caseContentSchema.parse({ patient: { pseudonym: 'W-1' }, linkedStudies: [{ studyInstanceUID: FIXTURE_UIDS.study }] }), 'seed')).id;
    const plan = planContentSchema.parse({ title: 'Expert', studyInstanceUID: FIXTURE_UIDS.study, seriesInstanceUID: FIXTURE_UIDS.series, frameOfReferenceUID: FIXTURE_UIDS.frame });
    const made = await records.createPlan(caseId, plan, 'seed');
    if (made.kind !== 'saved') throw new Error(`plan not created: ${made.kind}`);
  }
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const app = await buildApp(config, { catalogue, teaching: teaching.routes });
  await app.ready();
  apps.push(app);
  return app;
}

beforeAll(async () => {
  const planted = path.join(temp, 'planted');
  const empty = path.join(temp, 'empty');
  mkdirSync(planted, { recursive: true });
  mkdirSync(empty, { recursive: true });
  for (const n of [1, 2, 3]) writeFileSync(path.join(planted, `p${n}.dcm`), plantedCtBytes(n));
  first = await serverWith('first', planted);
  second = await serverWith('second', empty);
}, 120_000);

afterAll(async () => {
  for (const a of apps) await a.close();
  for (const db of dbs) await db.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('teaching transfer through teachingServer', () => {
  it('exports a made teaching case and imports it into another server, where its plan series is served', async () => {
    const made = await first.inject({ method: 'POST', url: `/api/cases/${caseId}/teaching`, payload: { fields: { title: 'Planted' } } });
    expect(made.statusCode, made.body).toBe(201);
    const tc = teachingCaseSchema.parse(made.json());
    expect(tc.plans).toHaveLength(1);
    const zip = await first.inject({ method: 'GET', url: `/api/teaching/${tc.id}/export` });
    expect([zip.statusCode, zip.headers['content-disposition']]).toEqual([200, 'attachment; filename="PercuPlan-teaching-Planted.zip"']);
    const post = (on: FastifyInstance) => on.inject({ method: 'POST', url: '/api/teaching/import', headers: { 'content-type': 'application/zip' }, payload: Buffer.from(zip.rawPayload) });
    const again = await post(first);
    expect([again.statusCode, (again.json() as { error: string }).error]).toEqual([409, expect.stringContaining(tc.id) as unknown]);
    const imported = await post(second);
    expect(imported.statusCode, imported.body).toBe(201);
    const copy = teachingCaseSchema.parse(imported.json());
    expect(copy).toMatchObject({ source: null, status: 'draft', plans: tc.plans, studies: tc.studies });
    const plan = copy.plans[0]!.plan;
    expect(plan.seriesInstanceUID).not.toBe(FIXTURE_UIDS.series);
    const studies = (await second.inject({ method: 'GET', url: '/api/studies' })).json() as { studyInstanceUID: string; series: { seriesInstanceUID: string; instances?: number }[] }[];
    expect(studies.map((s) => s.studyInstanceUID)).toEqual([plan.studyInstanceUID]);
    expect(studies[0]!.series.map((s) => s.seriesInstanceUID)).toContain(plan.seriesInstanceUID);
    const instances = await second.inject({ method: 'GET', url: `/api/studies/${plan.studyInstanceUID}/series/${plan.seriesInstanceUID}/instances` });
    expect(instances.statusCode, instances.body).toBe(200);
  });
});
