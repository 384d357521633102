import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dciodvfy, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../../../tests/support/orthanc';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { KEY_OBJECT_SELECTION_DOCUMENT_STORAGE, SECONDARY_CAPTURE_IMAGE_STORAGE } from '../../interop/keyImages/keyImageExportTypes';
import { decodePart10 } from '../../interop/part10';
import { caseContentSchema, keyImageSchema, type KeyImage } from '../../records';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue, type Catalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { createPacs, type Pacs } from '../dicomweb/pacs';
import { indexFolder } from '../embeddedSource';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts, type SecurityParts } from '../securityParts';
import { keyImagesFor } from './keyImagesFor';

/*
 * The key image API on the whole app in accounts mode (embedded PGlite) and in single-user mode,
 * on a CT of the embedded sample studies; its DICOM export as a zip, and sent to a real Orthanc.
 */

const PASSWORD = 'correct horse battery';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-keyimage-routes-'));
let db: SqlClient;
let security: SecurityParts;
let catalogue: Catalogue;
let app: FastifyInstance;
const apps: FastifyInstance[] = [];
const sessions: Record<string, { cookie: string; csrf: string }> = {};
let caseId = '';
let emptyCaseId = '';
let ct: { study: string; series: string; sops: { sopClassUid: string; sopInstanceUid: string }[] };

/** A 4×2 8-bit RGB PNG (filter 0), built here with node's zlib and CRC. */
function testPng(seed: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(4, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = [0, 1].flatMap((y) => [0, ...Array.from({ length: 12 }, (_, i) => (seed + 12 * y + i) & 0xff)]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

async function appWith(pacs: Pacs | undefined, accounts = true): Promise<FastifyInstance> {
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const a = await buildApp(config, {
    catalogue,
    pacs,
    ...(accounts ? { plugins: security.plugins, audit: security.audit } : {}),
    keyImages: keyImagesFor({ db, catalogue, pacs, audit: accounts ? security.audit : undefined, softwareVersion: 'test' }),
  });
  await a.ready();
  apps.push(a);
  return a;
}

async function signIn(a: FastifyInstance, username: string): Promise<{ cookie: string; csrf: string }> {
  const res = await a.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  return { cookie: `percuplan_session=${res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  const series = catalogue
    .studies()
    .flatMap((s) => s.series.map((x) => ({ study: s.studyInstanceUID, series: x.seriesInstanceUID, files: catalogue.seriesFiles(x.seriesInstanceUID) ?? [] })))
    .sort((a, b) => b.files.length - a.files.length)[0]!;
  ct = { study: series.study, series: series.series, sops: series.files.slice(0, 3).map((f) => ({ sopClassUid: f.header.sopClassUID, sopInstanceUid: f.header.sopInstanceUID })) };
  db = await openPglite();
  await migrateSchema(db);
  const records = createSqlRecordsRepository(db);
  caseId = (await records.createCase(caseContentSchema.parse({ patient: { pseudonym: 'KI-001' } }), 'seed')).id;
  emptyCaseId = (await records.createCase(caseContentSchema.parse({ patient: { pseudonym: 'KI-002' } }), 'seed')).id;
  const accounts = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['brd', 'board'], ['trn', 'trainee']] as const) await accounts.create({ username, name: username, roles: [role], password: PASSWORD });
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  app = await appWith(undefined);
  for (const u of ['att', 'brd', 'trn']) sessions[u] = await signIn(app, u);
}, 300_000);

afterAll(async () => {
  for (const a of apps) await a.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (who: string, method: Method, url: string, payload?: object, on: FastifyInstance = app) => {
  const s = sessions[who];
  return on.inject({ method, url, headers: { cookie: s?.cookie ?? '', 'x-csrf-token': s?.csrf ?? '' }, ...(payload ? { payload } : {}) });
};
const body = (caption: string, seed = 1, extra: object = {}) => ({
  caption,
  view: { studyInstanceUid: ct.study, seriesInstanceUid: ct.series, slot: 'axial', mode: 'mpr', window: { width: 1500, center: 300 } },
  references: ct.sops.slice(0, 2),
  png: testPng(seed).toString('base64'),
  ...extra,
});

describe('key image records API', () => {
  let first: KeyImage;

  it('saves a key image: 201, Location, the stored key image; its PNG comes back byte for byte', async () => {
    const res = await call('att', 'POST', `/api/cases/${caseId}/key-images`, body('Lytic lesion, right ilium'));
    expect(res.statusCode, res.body).toBe(201);
    first = keyImageSchema.parse(res.json());
    expect(res.headers.location).toBe(`/api/key-images/${first.id}`);
    expect(first).toMatchObject({ caseId, caption: 'Lytic lesion, right ilium', purpose: 'board', width: 4, height: 2, createdBy: 'att', references: ct.sops.slice(0, 2) });
    const png = await call('brd', 'GET', first.pngUrl);
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['cache-control']).toMatch(/^private/);
    expect(Buffer.from(png.rawPayload).equals(testPng(1))).toBe(true);
    const events = (await security.audit.query({ event: 'keyImage.create' })).events;
    expect(events[0]).toMatchObject({ account: 'att', caseId, detail: { path: `/api/key-images/${first.id}` } });
  });

  it('refuses a picture that is not a usable PNG with 400 naming png, and an unknown case with 404', async () => {
    const cases: [string, RegExp][] = [
      ['data:image/png;base64,AAAA', /not base64/],
      [Buffer.from('GIF89a, not a PNG at all').toString('base64'), /PNG signature/],
      [Buffer.concat([testPng(1).subarray(0, 24), Buffer.from([16]), testPng(1).subarray(25)]).toString('base64'), /CRC|bit depth/],
    ];
    for (const [png, message] of cases) {
      const res = await call('att', 'POST', `/api/cases/${caseId}/key-images`, body('Bad', 1, { png }));
      expect(res.statusCode).toBe(400);
      const problem = res.json() as { code: string; issues: { path: string; message: string }[] };
      expect(problem.code).toBe('invalid-fields');
      expect(problem.issues.map((i) => i.path)).toEqual(['png']);
      expect(problem.issues[0]!.message).toMatch(message);
    }
    expect((await call('att', 'POST', `/api/cases/${caseId}/key-images`, body('  '))).json()).toMatchObject({ issues: [{ path: 'caption' }] });
    const unknown = await call('att', 'POST', '/api/cases/00000000-0000-4000-8000-000000000000/key-images', body('x'));
    expect([unknown.statusCode, (unknown.json() as { code: string }).code]).toEqual([404, 'not-found']);
    expect((await call('att', 'GET', '/api/cases/not-a-case/key-images')).statusCode).toBe(404);
  });

  it('lists oldest first without removed ones; PATCH changes the caption; DELETE answers 204 and the image is gone', async () => {
    const second = keyImageSchema.parse((await call('att', 'POST', `/api/cases/${caseId}/key-images`, body('Second', 2))).json());
    const third = keyImageSchema.parse((await call('att', 'POST', `/api/cases/${caseId}/key-images`, body('Third', 3, { purpose: 'teaching' }))).json());
    const list = (await call('brd', 'GET', `/api/cases/${caseId}/key-images`)).json() as { keyImages: KeyImage[] };
    expect(list.keyImages.map((k) => k.id)).toEqual([first.id, second.id, third.id]);
    const patched = await call('att', 'PATCH', `/api/key-images/${second.id}`, { caption: 'Second, renamed' });
    expect([patched.statusCode, (patched.json() as KeyImage).caption]).toEqual([200, 'Second, renamed']);
    const removed = await call('att', 'DELETE', `/api/key-images/${second.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await call('att', 'GET', `/api/key-images/${second.id}`)).statusCode).toBe(404);
    expect((await call('att', 'GET', `/api/key-images/${second.id}/png`)).statusCode).toBe(404);
    expect((await call('att', 'DELETE', `/api/key-images/${second.id}`)).statusCode).toBe(404);
    const after = (await call('att', 'GET', `/api/cases/${caseId}/key-images`)).json() as { keyImages: KeyImage[] };
    expect(after.keyImages.map((k) => k.caption)).toEqual(['Lytic lesion, right ilium', 'Third']);
  });

  it('answers 405 with Allow for other methods', async () => {
    const res = await call('att', 'PUT', `/api/key-images/${first.id}`, { caption: 'x' });
    expect([res.statusCode, res.headers.allow, (res.json() as { code: string }).code]).toEqual([405, 'GET, PATCH, DELETE', 'method-not-allowed']);
    expect((await call('att', 'POST', `/api/cases/${caseId}/key-images/dicom`)).headers.allow).toBe('GET');
    const openapi = await call('att', 'GET', '/api/openapi.json');
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys((openapi.json() as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining(['/api/cases/{id}/key-images', '/api/key-images/{id}', '/api/key-images/{id}/png', '/api/cases/{id}/key-images/dicom', '/api/cases/{id}/key-images/dicom/store']),
    );
  });

  it('refuses a board account that saves, changes or exports (403) and lets it read; a trainee may not export', async () => {
    expect((await call('brd', 'POST', `/api/cases/${caseId}/key-images`, body('By the board'))).statusCode).toBe(403);
    expect((await call('brd', 'PATCH', `/api/key-images/${first.id}`, { caption: 'x' })).statusCode).toBe(403);
    expect((await call('brd', 'DELETE', `/api/key-images/${first.id}`)).statusCode).toBe(403);
    expect((await call('brd', 'GET', `/api/key-images/${first.id}`)).statusCode).toBe(200);
    for (const who of ['brd', 'trn']) {
      expect((await call(who, 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=board`)).statusCode).toBe(403);
      expect((await call(who, 'POST', `/api/cases/${caseId}/key-images/dicom/store?purpose=board`)).statusCode).toBe(403);
    }
  });

  it('single-user mode: saving works without an account, attributed to X-PercuPlan-User', async () => {
    const local = await appWith(undefined, false);
    const res = await local.inject({ method: 'POST', url: `/api/cases/${caseId}/key-images`, headers: { 'x-percuplan-user': 'dr.local' }, payload: body('Local', 7) });
    expect(res.statusCode, res.body).toBe(201);
    expect((res.json() as KeyImage).createdBy).toBe('dr.local');
    expect((await local.inject({ method: 'DELETE', url: `/api/key-images/${(res.json() as KeyImage).id}` })).statusCode).toBe(204);
  });
});

describe('key images as DICOM', () => {
  const unzip = (payload: Buffer) => Object.entries(unzipSync(new Uint8Array(payload))).map(([name, bytes]) => {
    const d = decodePart10(bytes, name);
    if (!d.ok) throw new Error(d.error);
    return { name, bytes, dataset: d.value.dataset };
  });

  it("zips one SC per key image of the purpose and one KOS in the CT's study that references them; the same zip again", async () => {
    const res = await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=board`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="PercuPlan-key-images-${caseId.slice(0, 8)}-board-DICOM.zip"`);
    const files = unzip(res.rawPayload);
    const classes = files.map((f) => f.dataset.SOPClassUID).sort();
    // The board purpose: the first key image only (the third is for teaching, the second removed).
    expect(classes).toEqual([SECONDARY_CAPTURE_IMAGE_STORAGE, KEY_OBJECT_SELECTION_DOCUMENT_STORAGE].sort());
    for (const f of files) expect(f.dataset.StudyInstanceUID).toBe(ct.study);
    const again = await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=board`);
    expect(Buffer.from(again.rawPayload).equals(Buffer.from(res.rawPayload))).toBe(true);
    const list = (await call('att', 'GET', `/api/cases/${caseId}/key-images`)).json() as { keyImages: KeyImage[] };
    const both = unzip((await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=teaching&ids=${list.keyImages.map((k) => k.id).join(',')}`)).rawPayload);
    expect(both.filter((f) => f.dataset.Modality === 'OT')).toHaveLength(2);
    const ko = both.find((f) => f.dataset.Modality === 'KO')!;
    expect((ko.dataset.ConceptNameCodeSequence as { CodeValue: string }[])[0]?.CodeValue).toBe('113004');
    const events = (await security.audit.query({ event: 'export', pageSize: 500 })).events;
    // Newest first: the teaching export, two SCs and a KOS.
    expect(events.find((e) => e.caseId === caseId && e.detail?.format === 'key-images-zip')).toMatchObject({ account: 'att', studyUids: [ct.study], detail: { deidentified: false, count: 3 } });
  });

  it.skipIf(!!validatorSkipReason())('the zipped SC and KOS on the sample CT pass dciodvfy without errors', async () => {
    const files = unzip((await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=board`)).rawPayload);
    for (const f of files) {
      const file = path.join(temp, f.name);
      await writeFile(file, f.bytes);
      const iod = await dciodvfy(file);
      expect(iod.errors, `${f.name}\n${iod.output}`).toEqual([]);
    }
  }, 60_000);

  it('answers 409 without key images or when the series is held nowhere, 400 for a bad query, 404 without a PACS', async () => {
    const none = await call('att', 'GET', `/api/cases/${emptyCaseId}/key-images/dicom?purpose=board`);
    expect([none.statusCode, (none.json() as { code: string }).code]).toEqual([409, 'no-key-images']);
    const elsewhere = body('Local files', 9, { view: { ...body('x').view, studyInstanceUid: '1.2.3.98', seriesInstanceUid: '1.2.3.99' } });
    expect((await call('att', 'POST', `/api/cases/${emptyCaseId}/key-images`, elsewhere)).statusCode).toBe(201);
    const notHeld = await call('att', 'GET', `/api/cases/${emptyCaseId}/key-images/dicom?purpose=board`);
    expect([notHeld.statusCode, (notHeld.json() as { code: string }).code]).toEqual([409, 'series-not-held']);
    expect((notHeld.json() as { error: string }).error).toMatch(/shows series 1\.2\.3\.99/);
    expect((await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?purpose=other`)).statusCode).toBe(400);
    expect((await call('att', 'GET', `/api/cases/${caseId}/key-images/dicom?ids=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(400);
    const store = await call('att', 'POST', `/api/cases/${caseId}/key-images/dicom/store?purpose=board`);
    expect([store.statusCode, (store.json() as { code: string }).code]).toEqual([404, 'not-configured']);
  });

  describe.skipIf(!!orthancSkipReason())('sent to a real Orthanc', () => {
    let orthanc: Orthanc;
    let withPacs: FastifyInstance;
    beforeAll(async () => {
      orthanc = await startOrthanc();
      withPacs = await appWith(createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Test PACS', authorization: () => undefined }));
      sessions.pacs = await signIn(withPacs, 'att');
    }, 60_000);
    afterAll(async () => orthanc?.stop());

    it('stores the KOS and the SCs; Orthanc holds both SOP classes and the KOS references each SC', async () => {
      const res = await call('pacs', 'POST', `/api/cases/${caseId}/key-images/dicom/store?purpose=teaching&ids=${(await keyImageIds()).join(',')}`, undefined, withPacs);
      expect(res.statusCode, res.body).toBe(200);
      const answer = res.json() as { pacs: string; caseId: string; purpose: string; stored: { sopClassUID: string; sopInstanceUID: string }[]; failed: unknown[] };
      expect([answer.pacs, answer.caseId, answer.purpose, answer.failed]).toEqual(['Test PACS', caseId, 'teaching', []]);
      expect(answer.stored.map((s) => s.sopClassUID).sort()).toEqual([SECONDARY_CAPTURE_IMAGE_STORAGE, SECONDARY_CAPTURE_IMAGE_STORAGE, KEY_OBJECT_SELECTION_DOCUMENT_STORAGE].sort());
      // Read back from Orthanc (QIDO-RS, then WADO-RS metadata of the KOS series).
      type Json = Record<string, { Value?: unknown[] } | undefined>;
      const instances = (await (await fetch(`${orthanc.dicomweb}/studies/${ct.study}/instances?includefield=00080016&includefield=0020000E`)).json()) as Json[];
      const byUid = new Map(instances.map((i) => [String(i['00080018']?.Value?.[0]), i]));
      for (const s of answer.stored) expect(byUid.get(s.sopInstanceUID)?.['00080016']?.Value?.[0]).toBe(s.sopClassUID);
      const ko = answer.stored.find((s) => s.sopClassUID === KEY_OBJECT_SELECTION_DOCUMENT_STORAGE)!;
      const koSeries = String(byUid.get(ko.sopInstanceUID)?.['0020000E']?.Value?.[0]);
      const metadata = (await (await fetch(`${orthanc.dicomweb}/studies/${ct.study}/series/${koSeries}/metadata`)).json()) as Json[];
      const content = (metadata[0]?.['0040A730']?.Value ?? []) as Json[];
      const referenced = content.flatMap((item) => ((item['00081199']?.Value ?? []) as Json[]).map((r) => String(r['00081155']?.Value?.[0])));
      for (const sc of answer.stored.filter((s) => s.sopClassUID === SECONDARY_CAPTURE_IMAGE_STORAGE)) expect(referenced).toContain(sc.sopInstanceUID);
      const again = await call('pacs', 'POST', `/api/cases/${caseId}/key-images/dicom/store?purpose=teaching&ids=${(await keyImageIds()).join(',')}`, undefined, withPacs);
      expect((again.json() as typeof answer).stored.map((s) => s.sopInstanceUID)).toEqual(answer.stored.map((s) => s.sopInstanceUID));
    }, 60_000);

    it('names an unreachable PACS (502 pacs-unavailable)', async () => {
      const gone = await startOrthanc();
      const a = await appWith(createPacs({ baseUrl: new URL(gone.dicomweb), label: 'Gone PACS', authorization: () => undefined }));
      sessions.gone = await signIn(a, 'att');
      await gone.stop();
      const res = await call('gone', 'POST', `/api/cases/${caseId}/key-images/dicom/store?purpose=board`, undefined, a);
      expect([res.statusCode, (res.json() as { code: string }).code]).toEqual([502, 'pacs-unavailable']);
    }, 60_000);
  });
});

async function keyImageIds(): Promise<string[]> {
  return ((await call('att', 'GET', `/api/cases/${caseId}/key-images`)).json() as { keyImages: KeyImage[] }).keyImages.map((k) => k.id);
}
