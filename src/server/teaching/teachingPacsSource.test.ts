import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pydicom } from '../../../tests/support/dicomValidate';
import { orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../../../tests/support/orthanc';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { bytesContain, FIXTURE_UIDS, PLANTED, plantedCtBytes } from '../../interop/deidentify/plantedFixture';
import { caseContentSchema, teachingCaseSchema, type TeachingCase } from '../../records';
import { buildApp } from '../app';
import { createCatalogue, type MutableCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { createPacs } from '../dicomweb/pacs';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts } from '../securityParts';
import { teachingServer } from './teachingFor';

/*
 * Teaching cases in single-user mode (the local user is attending and admin), with every route
 * audited, and made from a study that only the PACS (a real Orthanc) holds.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-pacs-'));
const dataDir = path.join(temp, 'data');
const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
let db: SqlClient;
let caseId = '';
const apps: FastifyInstance[] = [];

beforeAll(async () => {
  db = await openPglite();
  await migrateSchema(db);
  const records = createSqlRecordsRepository(db);
  caseId = (
    await records.createCase(
      caseContentSchema.parse({ patient: { pseudonym: 'Janet Plantedsurname', pseudonymous: false, identifiers: [{ system: 'MRN', value: PLANTED.patientId }] }, linkedStudies: [{ studyInstanceUID: FIXTURE_UIDS.study, source: 'dicomweb' }] }),
      'seed',
    )
  ).id;
}, 120_000);

afterAll(async () => {
  for (const a of apps) await a.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

async function singleUserApp(catalogue: MutableCatalogue, pacs?: ReturnType<typeof createPacs>): Promise<FastifyInstance> {
  const security = await securityParts({ HOST: '127.0.0.1' }, db);
  const teaching = teachingServer({ db, dataDir, catalogue, cases: createSqlRecordsRepository(db), pacs, audit: security.audit, softwareVersion: 'test' });
  await teaching.files.indexAll();
  const app = await buildApp(config, { catalogue, pacs, plugins: security.plugins, audit: security.audit, teaching: teaching.routes });
  await app.ready();
  apps.push(app);
  return app;
}

describe('single-user mode', () => {
  it('a study neither source holds is refused by name: 422, nothing to copy; the list and preview answer the local user', async () => {
    const app = await singleUserApp(createCatalogue([], studyListings));
    const res = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/teaching`, payload: {} });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; issues: { message: string }[] };
    expect(body.code).toBe('nothing-to-copy');
    expect(body.issues[0]!.message).toContain(FIXTURE_UIDS.study);
    expect((await app.inject({ method: 'GET', url: '/api/teaching' })).json()).toEqual({ teachingCases: [] });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/teaching/preview`, payload: {} })).statusCode).toBe(422);
    const rows = await db.query<{ event: string; case_id: string | null }>("SELECT event, case_id::text AS case_id FROM audit_events WHERE detail::text LIKE '%/api/teaching%'");
    expect(rows.map((r) => r.event)).toContain('case.read');
  });
});

describe.skipIf(!!orthancSkipReason())('a study on the PACS (Orthanc)', () => {
  let orthanc: Orthanc;
  let made: TeachingCase;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    const folder = path.join(temp, 'planted');
    mkdirSync(folder, { recursive: true });
    const files = [1, 2, 3].map((n) => {
      const f = path.join(folder, `p${n}.dcm`);
      writeFileSync(f, plantedCtBytes(n));
      return f;
    });
    expect((await stowFiles(orthanc, files)).stored).toBe(3);
  }, 120_000);
  afterAll(async () => orthanc?.stop());

  it('copies it de-identified, serves it like the embedded source, and audits the making as an export', async () => {
    const catalogue = createCatalogue([], studyListings);
    const app = await singleUserApp(catalogue, createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Test PACS', authorization: () => undefined }));
    const res = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/teaching`, payload: { fields: { title: 'Planted' } } });
    expect(res.statusCode, res.body).toBe(201);
    made = teachingCaseSchema.parse(res.json());
    expect(made.deidentification.files).toBe(3);
    const study = made.studies[0]!;
    expect(study.series[0]!.instances).toBe(3);
    expect((await app.inject({ method: 'GET', url: `/api/studies/${study.studyInstanceUID}` })).statusCode).toBe(200);
    const folder = path.join(dataDir, 'teaching', made.id);
    const stored = readdirSync(folder).map((f) => path.join(folder, f));
    for (const f of stored) {
      const bytes = new Uint8Array(readFileSync(f));
      for (const [k, v] of Object.entries(PLANTED)) expect(bytesContain(bytes, v), `${path.basename(f)} holds ${k}`).toBe(false);
      expect(bytesContain(bytes, FIXTURE_UIDS.study)).toBe(false);
      expect((await app.inject({ method: 'GET', url: `/api/files/${path.basename(f, '.dcm')}` })).statusCode).toBe(200);
    }
    const py = "import sys, pydicom\nfor f in sys.argv[1:]:\n d = pydicom.dcmread(f)\n print(d.PatientIdentityRemoved, ','.join(i.CodeValue for i in d.DeidentificationMethodCodeSequence))";
    for (const line of (await pydicom(py, stored)).trim().split('\n')) expect(line).toBe('YES 113100,113107,113108,113105,113104');
    expect(made.case.linkedStudies).toEqual([expect.objectContaining({ studyInstanceUID: study.studyInstanceUID, source: 'embedded' })]);
    const audit = await db.query<{ event: string }>("SELECT event FROM audit_events WHERE case_id = $1 AND event = 'export'", [caseId]);
    expect(audit).toHaveLength(1);
  }, 120_000);
});
