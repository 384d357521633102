import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PYTHON } from '../../../../tests/support/dicomValidate';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../../../../tests/support/orthanc';
import { studyListings } from '../../../dicom/studyListingFromGroups';
import { deidentifyPackage } from '../../../interop/deidentify/deidentifyPackage';
import { plantedCtBytes } from '../../../interop/deidentify/plantedFixture';
import { encodePart10 } from '../../../interop/part10';
import { caseContentSchema, planContentSchema, teachingCaseSchema, teachingFieldsSchema, type TeachingCase } from '../../../records';
import { buildApp } from '../../app';
import { createAccountsRepository } from '../../auth/accountsRepository';
import { createCatalogue } from '../../catalogue';
import { createPacs, type Pacs } from '../../dicomweb/pacs';
import type { ServerConfig } from '../../config';
import { openPglite } from '../../records/pgliteClient';
import { migrateSchema } from '../../records/schemaMigrations';
import type { SqlClient } from '../../records/sqlClient';
import { securityParts, type SecurityParts } from '../../securityParts';
import { createTeachingFileStore } from '../teachingFileStore';
import { createTeachingRepository } from '../teachingRepository';
import type { TeachingRepository } from '../teachingParts';
import { teachingTransferRoutes } from './transferRoutes';

/*
 * Export, import and the teaching PACS on the whole app: server A (accounts mode) holds a teaching
 * case of two de-identified planted CT slices and a plan on them; its zip is read by unzip and
 * Python's zipfile, then imported into server B (single-user mode, its own database and DATA_DIR),
 * where the plan's series resolves through /api/studies.
 */

const PASSWORD = 'correct horse battery';
const SOURCE_CASE = '0b0e5b8e-1c1d-4e55-9a39-5d6a0c6f0c01';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-transfer-'));
const dbs: SqlClient[] = [];
const apps: FastifyInstance[] = [];
let a: Server;
let b: Server;
const sessions: Record<string, { cookie: string; csrf: string }> = {};
let tc: TeachingCase;
let series = '';
let study = '';

interface Server {
  app: FastifyInstance;
  repo: TeachingRepository;
  security: SecurityParts;
  /** The teaching case made on it (servers a and c), else undefined. */
  made?: TeachingCase;
}

async function server(name: string, accounts: boolean, teachingPacs?: Pacs): Promise<Server> {
  const dataDir = path.join(temp, name);
  const db = await openPglite();
  dbs.push(db);
  await migrateSchema(db);
  const catalogue = createCatalogue([], studyListings);
  const repo = createTeachingRepository(db);
  const files = createTeachingFileStore(dataDir, catalogue);
  await files.indexAll();
  if (accounts) {
    const accountsRepo = createAccountsRepository(db, () => new Date());
    for (const [username, role] of [['att', 'attending'], ['trn', 'trainee']] as const) await accountsRepo.create({ username, name: username, roles: [role], password: PASSWORD });
  }
  const security = await securityParts({ HOST: '127.0.0.1' }, db);
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir, sampleDir: path.join(temp, 'no-samples'), distDir: path.join(temp, 'no-dist'), version: 'test' };
  const routes = teachingTransferRoutes({ repo, files, audit: security.audit, softwareVersion: 'test', ...(teachingPacs ? { teachingPacs } : {}) });
  const app = await buildApp(config, { catalogue, ...(accounts ? { plugins: security.plugins } : {}), audit: security.audit, teaching: async (x) => x.register(routes) });
  await app.ready();
  apps.push(app);
  if (accounts) {
    for (const u of ['att', 'trn']) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
      sessions[u] = { cookie: `percuplan_session=${res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
    }
  }
  let made: TeachingCase | undefined;
  if (name !== 'b') {
    // A teaching case as makeTeachingCase leaves one: de-identified files kept, a plan on their series.
    const pkg = deidentifyPackage(
      [1, 2].map((n) => ({ name: `ct${n}.dcm`, bytes: plantedCtBytes(n) })),
      { salt: 'transfer-test', dateShiftDays: -20, pseudonym: { name: 'TEACHING^9', id: 'T9' } },
    );
    const attending = { username: 'att', name: 'att', roles: ['attending' as const], mode: 'accounts' as const, sessionHash: null, address: '127.0.0.1', csrfToken: null };
    const tc = await repo.create(
      {
        status: 'draft',
        fields: teachingFieldsSchema.parse({ title: 'Métastase lytique, L2 / "sacrum"', level: 'advanced' }),
        case: caseContentSchema.parse({ patient: { pseudonym: 'TEACH-9', pseudonymous: true } }),
        plans: [],
        studies: [],
        deidentification: { methods: [{ code: '113100', meaning: 'Basic Application Confidentiality Profile' }], files: 2, refused: [] },
        source: { caseId: SOURCE_CASE, caseVersion: 3 },
        teachingPacs: null,
      },
      { salt: 'transfer-test', dateShiftDays: -20 },
      attending,
    );
    const kept = await files.write(tc.id, pkg.files.map((f) => ({ sopInstanceUID: f.sopInstanceUID, bytes: f.bytes })));
    series = kept[0]!.seriesInstanceUID;
    study = kept[0]!.studyInstanceUID;
    const plan = planContentSchema.parse({ title: 'Expert', studyInstanceUID: study, seriesInstanceUID: series, frameOfReferenceUID: '2.25.5' });
    // The plans and studies are written straight into the stored document (the repository has no plan setter).
    await db.query(`UPDATE teaching_cases SET document = $2::json WHERE id = $1`, [
      tc.id,
      JSON.stringify({ ...tc, plans: [{ id: '7d2c1f5e-8a3b-4c6d-9e0f-1a2b3c4d5e6f', plan }], studies: [{ studyInstanceUID: study, description: '', series: [{ seriesInstanceUID: series, modality: 'CT', description: '', frameOfReferenceUID: null, instances: 2 }] }] }),
    ]);
    made = (await repo.get(tc.id))!;
  }
  return { app, repo, security, ...(made ? { made } : {}) };
}

beforeAll(async () => {
  a = await server('a', true);
  tc = a.made!;
  b = await server('b', false);
}, 120_000);

afterAll(async () => {
  for (const x of apps) await x.close();
  for (const db of dbs) await db.close();
  rmSync(temp, { recursive: true, force: true });
});

const asUser = (who: string) => ({ cookie: sessions[who]?.cookie ?? '', 'x-csrf-token': sessions[who]?.csrf ?? '' });

describe('GET /api/teaching/:id/export', () => {
  let zip: Buffer;

  it('gives a zip of every file under dicom/<study>/<series>/<sop>.dcm and teaching-case.json, named from the title in ASCII', async () => {
    const res = await a.app.inject({ method: 'GET', url: `/api/teaching/${tc.id}/export`, headers: asUser('att') });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe('attachment; filename="PercuPlan-teaching-Metastase-lytique-L2-sacrum.zip"');
    zip = Buffer.from(res.rawPayload);
    const file = path.join(temp, 'export.zip');
    writeFileSync(file, zip);
    const listed = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
    expect(listed.status, listed.stderr).toBe(0);
    const names = listed.stdout.trim().split('\n').sort();
    expect(names).toHaveLength(3);
    expect(names[2]).toBe('teaching-case.json');
    for (const n of names.slice(0, 2)) expect(n).toMatch(new RegExp(`^dicom/${study.replace(/\./g, '\\.')}/${series.replace(/\./g, '\\.')}/[0-9.]+\\.dcm$`));
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(names);
  });

  it('holds valid JSON without the id, the source case or its id anywhere (Python zipfile reads every entry)', async () => {
    const file = path.join(temp, 'export.zip');
    const script = [
      'import json, sys, zipfile',
      'z = zipfile.ZipFile(sys.argv[1])',
      'assert z.testzip() is None',
      'doc = json.loads(z.read("teaching-case.json"))',
      'hits = [n for n in z.namelist() if sys.argv[2].encode() in z.read(n) or sys.argv[3].encode() in z.read(n)]',
      'print(json.dumps({"files": doc["files"], "keys": sorted(doc["teachingCase"].keys()), "format": doc["format"], "hits": hits}))',
    ].join('\n');
    const r = spawnSync(SYSTEM_PYTHON, ['-c', script, file, SOURCE_CASE, tc.id], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { files: string[]; keys: string[]; format: string; hits: string[] };
    expect(out.hits).toEqual([]);
    expect(out.format).toBe('percuplan-teaching-case');
    expect(out.files).toHaveLength(2);
    expect(out.keys).not.toContain('source');
    expect(out.keys).not.toContain('id');
    expect(out.keys).toContain('plans');
  });

  it('is refused to a trainee (403) and is audited as a de-identified export', async () => {
    expect((await a.app.inject({ method: 'GET', url: `/api/teaching/${tc.id}/export`, headers: asUser('trn') })).statusCode).toBe(403);
    const events = (await a.security.audit.query({ event: 'export' })).events;
    expect(events[0]).toMatchObject({ account: 'att', studyUids: [study], detail: { format: 'teaching-zip', deidentified: true, count: 2, path: `/api/teaching/${tc.id}/export` } });
    expect((await a.app.inject({ method: 'GET', url: '/api/teaching/00000000-0000-4000-8000-000000000000/export', headers: asUser('att') })).statusCode).toBe(404);
  });

  describe('POST /api/teaching/import', () => {
    const post = (body: Uint8Array | Buffer, on = b.app, headers: Record<string, string> = {}) =>
      on.inject({ method: 'POST', url: '/api/teaching/import', headers: { 'content-type': 'application/zip', ...headers }, payload: Buffer.from(body) });
    /** The export with one entry replaced or added. */
    const altered = (change: Record<string, Uint8Array>) => zipSync({ ...unzipSync(zip), ...change });

    it('makes a new draft case on the same UIDs with no source; its plan series resolves through /api/studies; a second import is a 409', async () => {
      const res = await post(zip);
      expect(res.statusCode, res.body).toBe(201);
      const imported = teachingCaseSchema.parse(res.json());
      expect(imported.id).not.toBe(tc.id);
      expect(res.headers.location).toBe(`/api/teaching/${imported.id}`);
      expect(imported).toMatchObject({ status: 'draft', source: null, teachingPacs: null, fields: tc.fields, plans: tc.plans, studies: tc.studies });
      const studies = (await b.app.inject({ method: 'GET', url: '/api/studies' })).json() as { studyInstanceUID: string; series: { seriesInstanceUID: string }[] }[];
      const held = studies.find((s) => s.studyInstanceUID === imported.plans[0]!.plan.studyInstanceUID);
      expect(held?.series.map((s) => s.seriesInstanceUID)).toContain(imported.plans[0]!.plan.seriesInstanceUID);
      const again = await post(zip);
      expect([again.statusCode, (again.json() as { code: string }).code]).toEqual([409, 'already-imported']);
      expect((again.json() as { error: string }).error).toContain(imported.id);
    });

    it('refuses a file without Patient Identity Removed YES, naming it', async () => {
      const entries = unzipSync(zip);
      const name = Object.keys(entries).find((n) => n.startsWith('dicom/'))!;
      const sop = name.split('/')[3]!.replace(/\.dcm$/, '');
      const identifiable = encodePart10({ SOPClassUID: '1.2.840.10008.5.1.4.1.1.2', SOPInstanceUID: sop, StudyInstanceUID: study, SeriesInstanceUID: series, Modality: 'CT', PatientName: 'Doe^Jane' });
      const res = await post(altered({ [name]: identifiable }), a.app, asUser('att'));
      expect(res.statusCode).toBe(422);
      expect((res.json() as { error: string }).error).toContain(`${name}: Patient Identity Removed (0012,0062) is absent`);
    });

    it('refuses a broken field naming it, a missing listed file naming it, and a body that is no zip', async () => {
      const doc = JSON.parse(new TextDecoder().decode(unzipSync(zip)['teaching-case.json'])) as { teachingCase: { fields: { level: string } }; files: string[] };
      doc.teachingCase.fields.level = 'expert';
      const bad = await post(altered({ 'teaching-case.json': strToU8(JSON.stringify(doc)) }), a.app, asUser('att'));
      expect(bad.statusCode).toBe(422);
      expect((bad.json() as { error: string }).error).toMatch(/teaching-case\.json: teachingCase\.fields\.level/);
      doc.teachingCase.fields.level = 'advanced';
      doc.files.push(`dicom/${study}/${series}/2.25.1.dcm`);
      const missing = await post(altered({ 'teaching-case.json': strToU8(JSON.stringify(doc)) }), a.app, asUser('att'));
      expect((missing.json() as { error: string }).error).toContain(`dicom/${study}/${series}/2.25.1.dcm: listed in teaching-case.json but not in the zip`);
      expect((await post(Buffer.from('not a zip'), a.app, asUser('att'))).statusCode).toBe(400);
      expect((await post(zip, a.app, asUser('trn'))).statusCode).toBe(403);
      const json = await a.app.inject({ method: 'POST', url: '/api/teaching/import', headers: { ...asUser('att'), 'content-type': 'application/json' }, payload: {} });
      expect(json.statusCode).toBe(415);
    });

    it('audits the import', async () => {
      const events = (await b.security.audit.query({ event: 'import' })).events;
      // Newest first: the refused second import (minor failure), then the first.
      expect(events.map((e) => [e.outcome, e.detail?.count, e.studyUids])).toEqual([
        [4, 0, [study]],
        [0, 2, [study]],
      ]);
    });
  });
});

describe('POST /api/teaching/:id/pacs without a teaching PACS', () => {
  it('answers 404 not-configured naming TEACHING_DICOMWEB_URL', async () => {
    const res = await a.app.inject({ method: 'POST', url: `/api/teaching/${tc.id}/pacs`, headers: asUser('att') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'not-configured', error: expect.stringContaining('TEACHING_DICOMWEB_URL') as unknown });
  });
});


describe.skipIf(!!orthancSkipReason())('POST /api/teaching/:id/pacs to a real Orthanc', () => {
  let orthanc: Orthanc;
  let c: Server;
  beforeAll(async () => {
    orthanc = await startOrthanc();
    c = await server('c', false, createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Teaching Orthanc', authorization: () => undefined }));
  }, 120_000);
  afterAll(async () => {
    await orthanc?.stop();
  });

  type Json = Record<string, { Value?: unknown[] }>;
  const held = async (): Promise<string[]> =>
    ((await (await fetch(`${orthanc.dicomweb}/studies/${study}/instances`)).json()) as Json[]).map((i) => String(i['00080018']?.Value?.[0])).sort();

  it('stores every instance, the TCE006 SR and the TCE001 manifest listing them; the case records the sending; a resend stores the same UIDs', async () => {
    const id = c.made!.id;
    const res = await c.app.inject({ method: 'POST', url: `/api/teaching/${id}/pacs` });
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json() as { pacs: string; teachingCaseId: string; manifestSopInstanceUID: string; stored: { sopClassUID: string; sopInstanceUID: string }[]; failed: unknown[] };
    expect(answer).toMatchObject({ pacs: 'Teaching Orthanc', teachingCaseId: id, failed: [] });
    // Two CT slices, the TCE006 SR of the teaching fields, the TCE001 manifest last.
    expect(answer.stored.map((s) => s.sopClassUID)).toEqual(['1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.2', '1.2.840.10008.5.1.4.1.1.88.11', '1.2.840.10008.5.1.4.1.1.88.59']);
    expect(answer.stored[3]!.sopInstanceUID).toBe(answer.manifestSopInstanceUID);
    const sent = answer.stored.map((s) => s.sopInstanceUID).sort();
    expect(await held()).toEqual(sent);
    // The manifest as Orthanc gives it back: its title and the two CT instances in its evidence.
    const ko = ((await (await fetch(`${orthanc.dicomweb}/studies/${study}/instances?00080018=${answer.manifestSopInstanceUID}&includefield=0020000E`)).json()) as Json[])[0]!;
    const koSeries = String(ko['0020000E']?.Value?.[0]);
    const meta = ((await (await fetch(`${orthanc.dicomweb}/studies/${study}/series/${koSeries}/metadata`)).json()) as Json[])[0]!;
    expect((meta['0040A043']?.Value?.[0] as Json)['00080100']?.Value).toEqual(['TCE001']);
    const evidence = meta['0040A375']?.Value?.[0] as Json;
    const refs = (evidence['00081115']?.Value as Json[]).flatMap((series) => (series['00081199']?.Value as Json[]).map((r) => String(r['00081155']?.Value?.[0]))).sort();
    expect(refs).toEqual(sent.filter((u) => u !== answer.manifestSopInstanceUID));
    expect((await c.repo.get(id))?.teachingPacs).toMatchObject({ pacs: 'Teaching Orthanc', stored: 4, failed: 0 });

    const again = await c.app.inject({ method: 'POST', url: `/api/teaching/${id}/pacs` });
    expect(again.statusCode, again.body).toBe(200);
    const second = again.json() as typeof answer;
    expect(second.manifestSopInstanceUID).toBe(answer.manifestSopInstanceUID);
    expect(second.stored.map((s) => s.sopInstanceUID).sort()).toEqual(sent);
    expect(await held()).toEqual(sent);
  });

  it('answers 502 naming the PACS when it cannot be reached, and audits the attempt as a serious failure', async () => {
    const gone = await startOrthanc();
    await gone.stop();
    const d = await server('d', false, createPacs({ baseUrl: new URL(gone.dicomweb), label: 'Gone', authorization: () => undefined }));
    const res = await d.app.inject({ method: 'POST', url: `/api/teaching/${d.made!.id}/pacs` });
    expect([res.statusCode, (res.json() as { code: string }).code]).toEqual([502, 'pacs-unavailable']);
    const events = (await d.security.audit.query({ event: 'export' })).events;
    expect(events[0]).toMatchObject({ outcome: 8, detail: { format: 'teaching-stow' } });
  });
});
