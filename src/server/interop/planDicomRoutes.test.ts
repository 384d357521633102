import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../../../tests/support/orthanc';
import { sampleDir } from '../../../tests/support/paths';
import { dcentvfy, dciodvfy, validatorSkipReason } from '../../../tests/support/dicomValidate';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { COMPREHENSIVE_3D_SR_STORAGE, SEGMENTATION_STORAGE } from '../../interop/exportTypes';
import { exportPlanDicom } from '../../interop/exportPlan';
import { decodePart10 } from '../../interop/part10';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { err } from '../../shared/result';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue, type Catalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { createPacs, type Pacs } from '../dicomweb/pacs';
import { indexFolder } from '../embeddedSource';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { openPglite } from '../records/pgliteClient';
import { createRecordsHandler } from '../records/recordsRoutes';
import { migrateSchema } from '../records/schemaMigrations';
import { seedDemoCases } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts, type SecurityParts } from '../securityParts';
import type { PlanExporter } from './planDicomExport';
import { planDicomRoutes } from './planDicomRoutes';
import { createReferencedCtLookup } from './referencedCt';

/*
 * The plan DICOM routes on the whole app in accounts mode, over the embedded demo plans the
 * server seeds, with the real exporter and a real Orthanc as the PACS: zip, validators, STOW,
 * refusals, permissions, audit.
 */

const PASSWORD = 'correct horse battery';

/**
 * dcentvfy's findings less the one it prints for any CT + SR pair (AccessionNumber filed under
 * Series for a CT, Study for an SR; see interop/sr/writePlanSr.test.ts).
 */
const dcentvfyFindings = (lines: readonly string[]): string[] =>
  lines.filter((l) => !/^Warning - Different information entities for attribute - Element=<AccessionNumber> IE <Series> versus <Study>/.test(l));

let db: SqlClient;
let security: SecurityParts;
let catalogue: Catalogue;
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-plandicom-'));
const apps: FastifyInstance[] = [];
interface Session {
  cookie: string;
  csrf: string;
}
const sessions: Record<string, Session> = {};

async function appWith(pacs: Pacs | undefined, exportPlan: PlanExporter = exportPlanDicom): Promise<FastifyInstance> {
  const repo = createSqlRecordsRepository(db);
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const app = await buildApp(config, {
    catalogue,
    pacs,
    records: createRecordsHandler(repo, { defaultActor: 'os-user', audit: security.audit }),
    plugins: security.plugins,
    audit: security.audit,
    planDicom: planDicomRoutes({
      plans: repo,
      pacs,
      audit: security.audit,
      referencedCt: createReferencedCtLookup({ catalogue, pacs }),
      exportPlan,
      catalogue: defaultCatalogue(),
      softwareVersion: 'test',
    }),
  });
  await app.ready();
  apps.push(app);
  return app;
}

async function signIn(app: FastifyInstance, username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'percuplan_session');
  return { cookie: `percuplan_session=${cookie?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

let plain: FastifyInstance;
let demoPlans: { id: string; version: number; seriesInstanceUID: string; studyInstanceUID: string }[] = [];

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  const index = await indexFolder(sampleDir);
  catalogue = createCatalogue(index.instances, studyListings);
  db = await openPglite();
  await migrateSchema(db);
  const repo = createSqlRecordsRepository(db);
  await seedDemoCases(repo, sampleDir, () => {}, { catalogue: defaultCatalogue(), volumeFor: createSeriesVolumes(catalogue) });
  const accounts = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['brd', 'board'], ['trn', 'trainee']] as const) {
    await accounts.create({ username, name: username, roles: [role], password: PASSWORD });
  }
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  plain = await appWith(undefined);
  for (const u of ['att', 'brd', 'trn']) sessions[u] = await signIn(plain, u);
  const cases = (await plain.inject({ method: 'GET', url: '/api/cases', headers: { cookie: sessions.att!.cookie } })).json() as { cases: { id: string }[] };
  for (const c of cases.cases) {
    const listed = (await plain.inject({ method: 'GET', url: `/api/cases/${c.id}/plans`, headers: { cookie: sessions.att!.cookie } })).json() as { plans: typeof demoPlans };
    demoPlans.push(...listed.plans);
  }
  demoPlans = demoPlans.filter((p) => p.studyInstanceUID);
}, 300_000);

afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

const get = (app: FastifyInstance, url: string, who: string | Session = 'att') => {
  const s = typeof who === 'string' ? sessions[who] : who;
  return app.inject({ method: 'GET', url, headers: { cookie: s?.cookie ?? '' } });
};
const post = (app: FastifyInstance, url: string, who: string | Session = 'att', payload?: object) => {
  const s = typeof who === 'string' ? sessions[who] : who;
  return app.inject({ method: 'POST', url, headers: { cookie: s?.cookie ?? '', 'x-csrf-token': s?.csrf ?? '' }, ...(payload ? { payload } : {}) });
};

describe('GET /api/plans/:id/dicom', () => {
  it('the server seeded the three demo plans on the sample CTs', () => {
    expect(demoPlans).toHaveLength(3);
  });

  it('answers a zip holding exactly the exported files of the saved version, named, with the CT patient copied', async () => {
    const plan = demoPlans[0]!;
    const res = await get(plain, `/api/plans/${plan.id}/dicom`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="PercuPlan-plan-${plan.id.slice(0, 8)}-v${plan.version}-DICOM.zip"`);
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files).sort();
    expect(names).toHaveLength(2);
    const classes = names.map((n) => {
      const d = decodePart10(files[n]!, n);
      if (!d.ok) throw new Error(d.error);
      expect(d.value.dataset.StudyInstanceUID).toBe(plan.studyInstanceUID);
      return d.value.dataset.SOPClassUID;
    });
    expect(classes.sort()).toEqual([SEGMENTATION_STORAGE, COMPREHENSIVE_3D_SR_STORAGE].sort());
    // One version gives the same zip every time (same UIDs, same time stamps).
    const again = await get(plain, `/api/plans/${plan.id}/dicom?version=${plan.version}`);
    expect(Buffer.from(again.rawPayload).equals(Buffer.from(res.rawPayload))).toBe(true);
  });

  it.skipIf(!!validatorSkipReason())('gives, for each demo plan, a SEG and an SR that dciodvfy passes and dcentvfy finds consistent with the CT', async () => {
    for (const plan of demoPlans) {
      const res = await get(plain, `/api/plans/${plan.id}/dicom`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const files = unzipSync(new Uint8Array(res.rawPayload));
      const written: string[] = [];
      for (const [name, bytes] of Object.entries(files)) {
        const file = path.join(temp, `${plan.id}-${name}`);
        await writeFile(file, bytes);
        written.push(file);
        const iod = await dciodvfy(file);
        expect(iod.errors, `${name}\n${iod.output}`).toEqual([]);
      }
      const ct = (catalogue.seriesFiles(plan.seriesInstanceUID) ?? []).map((i) => i.file);
      expect(ct.length).toBeGreaterThan(0);
      const ent = await dcentvfy([...ct, ...written]);
      expect(dcentvfyFindings(ent.errors), ent.output).toEqual([]);
    }
  }, 240_000);

  it('records the export in the audit trail, as identifiable, with the plan and version', async () => {
    const plan = demoPlans[1]!;
    expect((await get(plain, `/api/plans/${plan.id}/dicom`)).statusCode).toBe(200);
    const events = (await security.audit.query({ event: 'export', pageSize: 500 })).events;
    const mine = events.find((e) => e.planId === plan.id);
    expect(mine).toMatchObject({ account: 'att', planVersion: plan.version, outcome: 0, studyUids: [plan.studyInstanceUID] });
    expect(mine?.detail).toMatchObject({ format: 'dicom-zip', deidentified: false, seriesUid: plan.seriesInstanceUID, count: 2 });
  });

  it('is refused to the board and to a trainee (403): the files carry patient identifiers', async () => {
    const plan = demoPlans[0]!;
    for (const who of ['brd', 'trn']) {
      const res = await get(plain, `/api/plans/${plan.id}/dicom`, who);
      expect([who, res.statusCode, (res.json() as { code: string }).code]).toEqual([who, 403, 'forbidden']);
      expect((await post(plain, `/api/plans/${plan.id}/dicom/store`, who)).statusCode).toBe(403);
    }
  });

  it('fails closed without a session (401), like every other API route in accounts mode', async () => {
    const plan = demoPlans[0]!;
    expect((await plain.inject({ method: 'GET', url: `/api/plans/${plan.id}/dicom` })).statusCode).toBe(401);
    expect((await plain.inject({ method: 'POST', url: `/api/plans/${plan.id}/dicom/store` })).statusCode).toBe(401);
  });

  it('answers 404 for an unknown plan or version and 400 for a version that is not a number', async () => {
    const unknown = await get(plain, '/api/plans/00000000-0000-4000-8000-000000000000/dicom');
    expect([unknown.statusCode, (unknown.json() as { code: string }).code]).toEqual([404, 'not-found']);
    const plan = demoPlans[0]!;
    expect((await get(plain, `/api/plans/${plan.id}/dicom?version=99`)).json()).toMatchObject({ code: 'not-found', error: `No version 99 of plan ${plan.id}` });
    expect((await get(plain, `/api/plans/${plan.id}/dicom?version=x`)).statusCode).toBe(400);
    expect((await get(plain, '/api/plans/not-a-uuid/dicom')).statusCode).toBe(404);
  });

  it("answers 422 with the exporter's messages when the plan cannot be written", async () => {
    const refusing = await appWith(undefined, () => err(['lesion L1: the mask is on another grid', 'trajectory T1: no device']));
    const res = await get(refusing, `/api/plans/${demoPlans[0]!.id}/dicom`, await signIn(refusing, 'att'));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'not-exportable',
      issues: [
        { path: 'content', message: 'lesion L1: the mask is on another grid' },
        { path: 'content', message: 'trajectory T1: no device' },
      ],
    });
    expect((res.json() as { error: string }).error).toMatch(/cannot be written as DICOM: lesion L1: the mask is on another grid; trajectory T1: no device/);
  });

  it('answers 409 naming the series when the server holds no CT for the plan', async () => {
    const created = await post(plain, '/api/cases', 'att', { patient: { pseudonym: 'Local files' } });
    const caseId = (created.json() as { id: string }).id;
    const plan = await post(plain, `/api/cases/${caseId}/plans`, 'att', { seriesInstanceUID: '1.2.3.99', frameOfReferenceUID: '1.2.3.98' });
    expect(plan.statusCode).toBe(201);
    const res = await get(plain, `/api/plans/${(plan.json() as { id: string }).id}/dicom`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'series-not-held' });
    expect((res.json() as { error: string }).error).toMatch(/does not hold series 1\.2\.3\.99/);
  });
});

describe('POST /api/plans/:id/dicom/store', () => {
  it('answers 404 not-configured without a PACS', async () => {
    const res = await post(plain, `/api/plans/${demoPlans[0]!.id}/dicom/store`);
    expect([res.statusCode, (res.json() as { code: string }).code]).toEqual([404, 'not-configured']);
  });

  describe.skipIf(!!orthancSkipReason())('to a real Orthanc', () => {
    let orthanc: Orthanc;
    let withPacs: FastifyInstance;
    beforeAll(async () => {
      orthanc = await startOrthanc();
      withPacs = await appWith(createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Test PACS', authorization: () => undefined }));
    }, 60_000);
    afterAll(async () => orthanc?.stop());

    it("stores the zip's files: both SOP Instance UIDs named as stored, and Orthanc serves back the zip's bytes", async () => {
      const plan = demoPlans[2]!;
      const zip = unzipSync(new Uint8Array((await get(withPacs, `/api/plans/${plan.id}/dicom`)).rawPayload));
      const res = await post(withPacs, `/api/plans/${plan.id}/dicom/store`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { pacs: string; stored: { sopClassUID: string; sopInstanceUID: string }[]; failed: unknown[] };
      expect(body.pacs).toBe('Test PACS');
      expect(body.failed).toEqual([]);
      expect(body.stored.map((s) => s.sopClassUID).sort()).toEqual([SEGMENTATION_STORAGE, COMPREHENSIVE_3D_SR_STORAGE].sort());
      for (const s of body.stored) {
        const name = Object.keys(zip).find((n) => n.includes(s.sopInstanceUID));
        expect(name).toBeDefined();
        // WADO-RS back from Orthanc, the instance as application/dicom.
        const decoded = decodePart10(zip[name!]!, name!);
        const series = decoded.ok ? String(decoded.value.dataset.SeriesInstanceUID) : '';
        const wado = await fetch(`${orthanc.dicomweb}/studies/${plan.studyInstanceUID}/series/${series}/instances/${s.sopInstanceUID}`, {
          headers: { accept: 'multipart/related; type="application/dicom"' },
        });
        expect(wado.status).toBe(200);
        const multipart = Buffer.from(await wado.arrayBuffer());
        const file = Buffer.from(zip[name!]!);
        // The one part of the multipart answer is the file itself, byte for byte.
        const start = multipart.indexOf(Buffer.from('\r\n\r\n')) + 4;
        expect(multipart.subarray(start, start + file.length).equals(file)).toBe(true);
        const rest = multipart.subarray(start + file.length).toString('latin1');
        expect(rest).toMatch(/^\r\n--\S+--\r?\n?$/);
      }
      const events = (await security.audit.query({ event: 'export', pageSize: 500 })).events;
      expect(events.find((e) => e.planId === plan.id && e.detail?.format === 'dicom-stow')).toMatchObject({ outcome: 0, detail: { count: 2 } });
    });

    it('sending the same version again names the same instances (Orthanc keeps its first copy: identical bytes, nothing lost)', async () => {
      const plan = demoPlans[2]!;
      const first = (await post(withPacs, `/api/plans/${plan.id}/dicom/store`)).json() as { stored: { sopInstanceUID: string }[] };
      const again = await post(withPacs, `/api/plans/${plan.id}/dicom/store`);
      expect(again.statusCode).toBe(200);
      expect((again.json() as { stored: { sopInstanceUID: string }[] }).stored.map((x) => x.sopInstanceUID)).toEqual(first.stored.map((x) => x.sopInstanceUID));
    });

    it('answers 207 with the same body when the PACS does not store one of the files, naming it and why', async () => {
      // The SR replaced by bytes no PACS can read: Orthanc stores the SEG and leaves the SR out of its answer.
      const spoilt: PlanExporter = (input) => {
        const out = exportPlanDicom(input);
        return out.ok ? { ok: true, value: out.value.map((o) => (o.kind === 'sr' ? { ...o, bytes: new Uint8Array(Buffer.from('not DICOM')) } : o)) } : out;
      };
      const app = await appWith(createPacs({ baseUrl: new URL(orthanc.dicomweb), label: 'Test PACS', authorization: () => undefined }), spoilt);
      const plan = demoPlans[1]!;
      const res = await post(app, `/api/plans/${plan.id}/dicom/store`, await signIn(app, 'att'));
      expect(res.statusCode).toBe(207);
      const body = res.json() as { stored: { sopClassUID: string }[]; failed: { sopClassUID: string; reason: string }[] };
      expect(body.stored.map((x) => x.sopClassUID)).toEqual([SEGMENTATION_STORAGE]);
      expect(body.failed.map((x) => [x.sopClassUID, x.reason])).toEqual([[COMPREHENSIVE_3D_SR_STORAGE, "not acknowledged: the PACS's answer lists it neither as stored nor as failed"]]);
      const events = (await security.audit.query({ event: 'export', pageSize: 500 })).events;
      expect(events.find((e) => e.planId === plan.id && e.detail?.format === 'dicom-stow')).toMatchObject({ outcome: 4, detail: { count: 1 } });
    });

    it('names an unreachable PACS (502 pacs-unavailable)', async () => {
      const gone = await startOrthanc();
      const app = await appWith(createPacs({ baseUrl: new URL(gone.dicomweb), label: 'Gone PACS', authorization: () => undefined }));
      const session = await signIn(app, 'att');
      await gone.stop();
      const res = await post(app, `/api/plans/${demoPlans[0]!.id}/dicom/store`, session);
      expect(res.statusCode).toBe(502);
      expect(res.json()).toMatchObject({ code: 'pacs-unavailable' });
      expect((res.json() as { error: string }).error).toMatch(/The PACS at http:\/\/127\.0\.0\.1:\d+\/dicom-web did not answer/);
    });
  });
});
