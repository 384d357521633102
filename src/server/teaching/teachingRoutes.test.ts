import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dciodvfy, pydicom, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { bytesContain, FIXTURE_UIDS, PLANTED, plantedCt, plantedCtBytes } from '../../interop/deidentify/plantedFixture';
import { encodePart10 } from '../../interop/part10';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { caseContentSchema, teachingCaseSchema, teachingPreviewSchema, type TeachingCase } from '../../records';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue, type MutableCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { indexFolder } from '../embeddedSource';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import { seedDemoCases } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository, } from '../records/sqlRecordsRepository';
import type { RecordsRepository } from '../records/recordsRepository';
import { securityParts, type SecurityParts } from '../securityParts';
import { teachingServer } from './teachingFor';

/*
 * Teaching cases on the whole app (accounts mode, embedded PGlite): reference case 3 (embedded
 * sample CT and its demo plan) made into a teaching case, checked with pydicom and dciodvfy, not
 * only with our own decoder; a case on a planted-identifier study with a burned-in file; the
 * preview writing nothing; what a trainee may and may not do.
 */

const PASSWORD = 'correct horse battery';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-routes-'));
const dataDir = path.join(temp, 'data');
const plantedDir = path.join(temp, 'planted');
let db: SqlClient;
let security: SecurityParts;
let catalogue: MutableCatalogue;
let records: RecordsRepository;
let app: FastifyInstance;
const sessions: Record<string, { cookie: string; csrf: string }> = {};
let case3 = '';
let plantedCase = '';
let case3Study = '';

async function signIn(a: FastifyInstance, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return { cookie: `percuplan_session=${res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  // The planted study (every kind of identifying value, private tags) and one burned-in file beside it.
  mkdirSync(plantedDir, { recursive: true });
  for (const n of [1, 2, 3]) writeFileSync(path.join(plantedDir, `p${n}.dcm`), plantedCtBytes(n));
  writeFileSync(path.join(plantedDir, 'burned.dcm'), encodePart10({ ...plantedCt(4), BurnedInAnnotation: 'YES' }));
  catalogue = createCatalogue([...(await indexFolder(sampleDir)).instances, ...(await indexFolder(plantedDir)).instances], studyListings);
  db = await openPglite();
  await migrateSchema(db);
  records = createSqlRecordsRepository(db);
  await seedDemoCases(records, sampleDir, () => {}, { catalogue: defaultCatalogue(), volumeFor: createSeriesVolumes(catalogue) });
  const listed = await records.listCases({ q: 'Reference case 3' });
  case3 = listed.cases[0]!.id;
  case3Study = (await records.getCase(case3))!.document.linkedStudies[0]!.studyInstanceUID;
  plantedCase = (
    await records.createCase(
      caseContentSchema.parse({
        patient: { pseudonym: 'Janet Plantedsurname', pseudonymous: false, ageYears: 72, birthYear: 1951, identifiers: [{ system: 'MRN', value: PLANTED.patientId }] },
        pain: { assessedOn: '2024-02-29' },
        linkedStudies: [{ studyInstanceUID: FIXTURE_UIDS.study }],
      }),
      'seed',
    )
  ).id;
  const accounts = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['trn', 'trainee']] as const) await accounts.create({ username, name: username, roles: [role], password: PASSWORD });
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  const teaching = teachingServer({ db, dataDir, catalogue, cases: records, audit: security.audit, softwareVersion: 'test' });
  await teaching.files.indexAll();
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  app = await buildApp(config, { catalogue, plugins: security.plugins, audit: security.audit, teaching: teaching.routes });
  await app.ready();
  for (const u of ['att', 'trn']) sessions[u] = await signIn(app, u);
}, 600_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

type Method = 'GET' | 'POST' | 'PATCH';
const call = (who: string, method: Method, url: string, payload?: object) => {
  const s = sessions[who];
  return app.inject({ method, url, headers: { cookie: s?.cookie ?? '', 'x-csrf-token': s?.csrf ?? '' }, ...(payload ? { payload } : {}) });
};
const storedFiles = (id: string): string[] => readdirSync(path.join(dataDir, 'teaching', id)).map((f) => path.join(dataDir, 'teaching', id, f));

const PY_MARKERS = `
import sys, pydicom
for f in sys.argv[1:]:
    d = pydicom.dcmread(f)
    codes = ','.join(i.CodeValue for i in d.get('DeidentificationMethodCodeSequence', []))
    print('|'.join([str(d.get('PatientName', '')), str(d.get('PatientID', '')), str(d.get('PatientIdentityRemoved', '')), codes, str(d.get('LongitudinalTemporalInformationModified', '')), str(d.get('StudyDate', '')), d.StudyInstanceUID]))
`;

describe('reference case 3 made into a teaching case', () => {
  let made: TeachingCase;
  let sourceSlice = '';
  let sourceIdentity: { name: string; id: string; date: string };
  let previewShift = 0;
  /** YYYYMMDD moved by whole days, by the calendar (independent of the code under test). */
  const moved = (da: string, days: number): string => {
    const t = new Date(Date.UTC(Number(da.slice(0, 4)), Number(da.slice(4, 6)) - 1, Number(da.slice(6, 8)) + days));
    return `${t.getUTCFullYear()}${String(t.getUTCMonth() + 1).padStart(2, '0')}${String(t.getUTCDate()).padStart(2, '0')}`;
  };

  beforeAll(async () => {
    const files = catalogue.seriesFiles(catalogue.study(case3Study)!.series[0]!.seriesInstanceUID)!;
    sourceSlice = files[Math.floor(files.length / 2)]!.file;
    const [name, id, , , , date] = (await pydicom(PY_MARKERS, [sourceSlice])).trim().split('|');
    sourceIdentity = { name: name!, id: id!, date: date! };
  }, 60_000);

  it('preview answers what would change and writes nothing', async () => {
    const before = catalogue.studies().length;
    const res = await call('att', 'POST', `/api/cases/${case3}/teaching/preview`, {});
    expect(res.statusCode).toBe(200);
    const preview = teachingPreviewSchema.parse(res.json());
    expect(preview.files.length).toBeGreaterThan(100);
    expect(preview.files[0]!.counts.U).toBeGreaterThan(0);
    expect(preview.dateShiftDays).toBeLessThanOrEqual(-30);
    expect(preview.dateShiftDays).toBeGreaterThanOrEqual(-365);
    previewShift = preview.dateShiftDays;
    expect(preview.plans).toHaveLength(1);
    expect(catalogue.studies().length).toBe(before);
    expect(readdirSync(dataDir).includes('teaching') ? readdirSync(path.join(dataDir, 'teaching')) : []).toEqual([]);
  }, 300_000);

  it('a trainee may neither make nor preview one', async () => {
    expect((await call('trn', 'POST', `/api/cases/${case3}/teaching`, {})).statusCode).toBe(403);
    expect((await call('trn', 'POST', `/api/cases/${case3}/teaching/preview`, {})).statusCode).toBe(403);
    expect((await call('att', 'POST', '/api/cases/00000000-0000-4000-8000-000000000000/teaching', {})).statusCode).toBe(404);
  });

  it('makes it: files on new UIDs served by /api/files, no source identity in any byte, markers present (pydicom)', async () => {
    const res = await call('att', 'POST', `/api/cases/${case3}/teaching`, { fields: { title: 'Vertebral metastasis' } });
    expect(res.statusCode).toBe(201);
    made = teachingCaseSchema.parse(res.json());
    expect(made.status).toBe('draft');
    expect(made.source?.caseId).toBe(case3);
    const study = made.studies[0]!;
    expect(study.studyInstanceUID).not.toBe(case3Study);
    expect(study.studyInstanceUID.startsWith('2.25.')).toBe(true);
    const series = study.series.find((s) => s.modality === 'CT')!;
    const listed = await call('att', 'GET', `/api/studies/${study.studyInstanceUID}/series/${series.seriesInstanceUID}/instances`);
    expect(listed.statusCode).toBe(200);
    const instances = (listed.json() as { instances: { sopInstanceUID: string }[] }).instances;
    expect(instances.length).toBe(series.instances);
    const file = await call('att', 'GET', `/api/files/${instances[0]!.sopInstanceUID}`);
    expect(file.statusCode).toBe(200);

    const stored = storedFiles(made.id);
    expect(stored.length).toBe(made.deidentification.files);
    for (const f of stored) {
      const bytes = new Uint8Array(readFileSync(f));
      for (const v of [sourceIdentity.name, sourceIdentity.id, case3Study]) expect(bytesContain(bytes, v), `${f} holds ${v}`).toBe(false);
    }
    // Every stored file: the case links its spine CT and its post-procedure cone-beam CT, a
    // later study; the dates below are checked on the CT's files, whose source date is known.
    const lines = (await pydicom(PY_MARKERS, stored)).trim().split('\n');
    const madeStudies = made.studies.map((s) => s.studyInstanceUID);
    let ctLines = 0;
    for (const line of lines) {
      const [name, id, removed, codes, longitudinal, date, studyUid] = line.split('|');
      expect(madeStudies).toContain(studyUid);
      expect(name).toBe(made.case.patient.pseudonym);
      expect(removed).toBe('YES');
      if (studyUid !== study.studyInstanceUID) continue;
      ctLines++;
      expect(name).toBe(made.case.patient.pseudonym);
      expect(id).toBe(made.case.patient.pseudonym);
      expect(removed).toBe('YES');
      expect(codes!.split(',')).toEqual(expect.arrayContaining(['113100', '113107', '113108', '113105', '113104']));
      expect(longitudinal).toBe('MODIFIED');
      expect(date).not.toBe(sourceIdentity.date);
      // The shift the preview showed is the one the teaching case got.
      expect(date).toBe(moved(sourceIdentity.date, previewShift));
      expect(studyUid).toBe(study.studyInstanceUID);
    }
    expect(ctLines).toBe(series.instances);
  }, 300_000);

  it('the case is pseudonymous with one shift and the plan is on the stored series', async () => {
    expect(made.case.patient).toMatchObject({ pseudonymous: true, identifiers: [], birthYear: null, ageYears: 81 });
    expect(made.case.patient.pseudonym).toMatch(/^TEACH-[0-9a-f]{4}$/);
    // Case 3 links its planning CT and its post-procedure cone-beam CT: both stored anew.
    expect(made.case.linkedStudies.map((s) => s.studyInstanceUID)).toEqual(made.studies.map((s) => s.studyInstanceUID));
    const plan = made.plans[0]!.plan;
    const files = catalogue.seriesFiles(plan.seriesInstanceUID);
    expect(files?.length).toBeGreaterThan(100);
    expect(files![0]!.header.frameOfReferenceUID).toBe(plan.frameOfReferenceUID);
    expect(plan.studyInstanceUID).toBe(made.studies[0]!.studyInstanceUID);
    expect(files![0]!.file.startsWith(path.join(dataDir, 'teaching', made.id))).toBe(true);
  });

  it('dciodvfy reports no Error on a stored CT slice that the source slice did not have', async (ctx) => {
    const skip = validatorSkipReason();
    if (skip) {
      console.warn(`skipped: ${skip}`);
      ctx.skip();
    }
    const stored = catalogue.seriesFiles(made.plans[0]!.plan.seriesInstanceUID)!;
    const errorsOf = async (f: string) => (await dciodvfy(f)).errors.map((e) => e.replace(/[0-9.]{10,}/g, '<n>'));
    const before = new Set(await errorsOf(sourceSlice));
    const after = await errorsOf(stored[Math.floor(stored.length / 2)]!.file);
    expect(after.filter((e) => !before.has(e))).toEqual([]);
  }, 60_000);

  it('a trainee gets 404 on the draft and reads it once published, without its source', async () => {
    expect((await call('trn', 'GET', `/api/teaching/${made.id}`)).statusCode).toBe(404);
    expect((await call('trn', 'GET', '/api/teaching')).json()).toEqual({ teachingCases: [] });
    expect((await call('trn', 'PATCH', `/api/teaching/${made.id}`, { version: 1, status: 'published' })).statusCode).toBe(403);
    const published = await call('att', 'PATCH', `/api/teaching/${made.id}`, { version: 1, status: 'published' });
    expect(published.statusCode).toBe(200);
    const stale = await call('att', 'PATCH', `/api/teaching/${made.id}`, { version: 1, fields: { title: 'x' } });
    expect(stale.statusCode).toBe(409);
    expect((stale.json() as { current: { version: number } }).current.version).toBe(2);
    const read = await call('trn', 'GET', `/api/teaching/${made.id}`);
    expect(read.statusCode).toBe(200);
    expect((read.json() as TeachingCase).source).toBeNull();
    expect(JSON.stringify(read.json())).not.toContain(case3);
    const list = (await call('trn', 'GET', '/api/teaching')).json() as { teachingCases: { id: string; files: number; plans: number }[] };
    expect(list.teachingCases).toEqual([expect.objectContaining({ id: made.id, files: made.deidentification.files, plans: 1 })]);
  });
});

describe('a case on the planted-identifier study', () => {
  it('refuses the burned-in file by name, copies the rest, and leaves no planted value in any stored file', async () => {
    const res = await call('att', 'POST', `/api/cases/${plantedCase}/teaching`, {});
    expect(res.statusCode).toBe(201);
    const made = teachingCaseSchema.parse(res.json());
    expect(made.deidentification.files).toBe(3);
    expect(made.deidentification.refused).toEqual([expect.objectContaining({ name: 'CT 3/0004.dcm' })]);
    expect(made.deidentification.refused[0]!.reason).toMatch(/burn/i);
    const stored = storedFiles(made.id);
    expect(stored).toHaveLength(3);
    for (const f of stored) {
      const bytes = new Uint8Array(readFileSync(f));
      for (const [k, v] of Object.entries(PLANTED)) expect(bytesContain(bytes, v), `${path.basename(f)} holds ${k}`).toBe(false);
      for (const uid of [FIXTURE_UIDS.study, FIXTURE_UIDS.series, FIXTURE_UIDS.frame]) expect(bytesContain(bytes, uid)).toBe(false);
    }
    // One shift for the record and the images: 2024-02-29 moved by the same days as StudyDate 20240229.
    const [, , , , , date] = (await pydicom(PY_MARKERS, [stored[0]!])).trim().split('|');
    expect(made.case.pain.assessedOn!.replaceAll('-', '')).toBe(date);
    expect(JSON.stringify(made.case)).not.toContain(PLANTED.patientId);
  }, 120_000);
});
