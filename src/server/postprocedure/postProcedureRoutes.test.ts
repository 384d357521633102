import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { caseContentSchema, deriveCase, planContentSchema } from '../../records';
import { postProcedureAssessmentSchema, postProcedureResultSchema, type PostProcedureResult } from '../../records/postProcedure';
import { rmsDistanceMm, rotationDifferenceDeg } from '../../planning/postprocedure/rigid';
import type { StudyTruth } from '../../../sample-dicom/truth';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue, type Catalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { loadDemoPlan } from '../demo/loadDemoPlan';
import { indexFolder } from '../embeddedSource';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { processPlanContent } from '../planning/processPlanContent';
import { freshPgliteDb } from '../auth/testDatabases';
import { catalogueOnlyContext } from '../records/planHandlers';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts } from '../securityParts';
import { createAnalysisPool } from './analysisPool';
import { postProcedureFor } from './postProcedureFor';

/*
 * The post-procedure API on the whole app (embedded PGlite, the generated sample studies): case
 * 2's demo plan on its planning CT against case 2's cone-beam CT. The plumbing (refusals, access,
 * the volume download) always runs; the analysis itself once the registration and the analysis
 * of issue 18 are in (before that it is skipped with the reason printed).
 */

const PASSWORD = 'correct horse battery';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-postprocedure-'));
let db: SqlClient;
let catalogue: Catalogue;
let single: FastifyInstance;
let accounts: FastifyInstance;
let base = '';
let planId = '';
let caseId = '';
const truth = (key: string): StudyTruth => JSON.parse(readFileSync(path.join(sampleDir, key, 'truth.json'), 'utf8')) as StudyTruth;
let cbct: StudyTruth;
let ct: StudyTruth;
const sessions: Record<string, { cookie: string; csrf: string }> = {};
const pool = createAnalysisPool();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const post = async (url: string, body: unknown, user = 'dr-test'): Promise<{ status: number; body: Record<string, unknown>; ms: number }> => {
  const t0 = performance.now();
  const res = await fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-percuplan-user': user }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, ms: performance.now() - t0 };
};
const as = (who: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  accounts.inject({ method, url, headers: { cookie: sessions[who]!.cookie, 'x-csrf-token': sessions[who]!.csrf, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

/** Why the analysis cannot run here yet (a contract stub, or a generator without the pose), or null. */
async function analysisMissing(): Promise<string | null> {
  const assess = await import('../../planning/postprocedure/assess');
  const register = await import('../../planning/postprocedure/registerRigid');
  if (assess.runAssessment.toString().includes('not implemented yet')) return 'runAssessment is still the contract stub';
  if (register.registerRigid.toString().includes('not implemented yet')) return 'registerRigid is still the contract stub';
  if (!cbct.pose) return 'case2-cbct/truth.json has no pose (generator of issue 18 not landed)';
  return null;
}

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  ct = truth('case2-pelvis-ct');
  cbct = truth('case2-cbct');
  catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  // A copy of a template database (an in-memory PGlite runs initdb: ~15 s here), migrated, removed on close.
  db = await freshPgliteDb();
  const records = createSqlRecordsRepository(db);
  const c = await records.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Case 2' } }), randomUUID), 'dr-test');
  caseId = c.id;
  const built = await loadDemoPlan(sampleDir, 'case2-pelvis-ct', defaultCatalogue());
  if (!built.ok) throw new Error(built.error);
  const processed = await processPlanContent(planContentSchema.parse(built.value), catalogueOnlyContext());
  if (!processed.ok) throw new Error(JSON.stringify(processed.error));
  const saved = await records.createPlan(caseId, processed.value, 'dr-test');
  if (saved.kind !== 'saved') throw new Error(saved.kind);
  planId = saved.value.id;

  const volumeFor = createSeriesVolumes(catalogue, { capacity: 3 });
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  single = await buildApp(config, { catalogue, postProcedure: postProcedureFor({ db, records, volumeFor, catalogue, analysisPool: pool }) });
  await single.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(single.server.address() as AddressInfo).port}`;

  const people = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['brd', 'board'], ['adm', 'admin']] as const) await people.create({ username, name: username, roles: [role], password: PASSWORD });
  const security = await securityParts({ HOST: '127.0.0.1' }, db);
  accounts = await buildApp(config, { catalogue, plugins: security.plugins, audit: security.audit, postProcedure: postProcedureFor({ db, records, volumeFor, catalogue, audit: security.audit }) });
  await accounts.ready();
  for (const who of ['att', 'brd', 'adm']) {
    const res = await accounts.inject({ method: 'POST', url: '/api/auth/login', payload: { username: who, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    sessions[who] = { cookie: `percuplan_session=${res.cookies.find((k) => k.name === 'percuplan_session')?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }
}, 600_000);

afterAll(async () => {
  await single?.close();
  await accounts?.close();
  await pool.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('post-procedure routes: refusals', () => {
  const cbctIds = () => ({ studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID });

  it('an unknown plan is a 404 naming it', async () => {
    const other = randomUUID();
    const r = await post(`/api/plans/${other}/post-procedure`, cbctIds());
    expect(r.status).toBe(404);
    expect(r.body.error).toBe(`No plan ${other}`);
  });

  it('a body without seriesInstanceUID, or with a matrix that is not rigid, is a 400 naming the field', async () => {
    const missing = await post(`/api/plans/${planId}/post-procedure`, { studyInstanceUID: cbct.studyInstanceUID });
    expect(missing.status).toBe(400);
    expect((missing.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['seriesInstanceUID']);
    const scaled = await post(`/api/plans/${planId}/post-procedure`, { ...cbctIds(), matrix: [1.2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] });
    expect(scaled.status).toBe(400);
    expect(scaled.body.error).toMatch(/matrix is not a rigid transform/);
    const accept = await post(`/api/plans/${planId}/post-procedure/assessments`, cbctIds());
    expect(accept.status).toBe(400);
    expect((accept.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['matrix']);
  });

  it('an unknown series, or a series of another study, is a 404 that says which', async () => {
    const unknown = await post(`/api/plans/${planId}/post-procedure`, { studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: '1.2.3.999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe(`the cone-beam CT: no series 1.2.3.999 in study ${cbct.studyInstanceUID} on this server or its PACS`);
    const elsewhere = await post(`/api/plans/${planId}/post-procedure`, { studyInstanceUID: ct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.error).toBe(`the cone-beam CT: series ${cbct.seriesInstanceUID} is not in study ${ct.studyInstanceUID}`);
  });

  it('a plan without a segmented lesion, run without a region, is a 422 that says what to give', async () => {
    const records = createSqlRecordsRepository(db);
    const empty = await records.createPlan(caseId, planContentSchema.parse({ studyInstanceUID: ct.studyInstanceUID, seriesInstanceUID: ct.seriesInstanceUID, frameOfReferenceUID: ct.frameOfReferenceUID }), 'dr-test');
    if (empty.kind !== 'saved') throw new Error(empty.kind);
    const r = await post(`/api/plans/${empty.value.id}/post-procedure`, cbctIds());
    expect(r.status).toBe(422);
    expect(r.body).toEqual({
      error: 'The analysis cannot use this input: the plan has no lesion segmented on its CT, so there is no default registration region: give `region`',
      code: 'analysis-failed',
    });
  });

  it('accounts mode: the board reads assessments but cannot accept one, an administrator reads none', async () => {
    expect((await as('brd', 'GET', `/api/plans/${planId}/post-procedure/assessments`)).statusCode).toBe(200);
    expect((await as('brd', 'GET', `/api/cases/${caseId}/post-procedure/assessments`)).statusCode).toBe(200);
    const accept = await as('brd', 'POST', `/api/plans/${planId}/post-procedure/assessments`, { ...cbctIds(), matrix: cbct.pose?.planningToThisLps ?? [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] });
    expect(accept.statusCode).toBe(403);
    expect(accept.json()).toMatchObject({ code: 'forbidden' });
    expect((await as('adm', 'GET', `/api/plans/${planId}/post-procedure/assessments`)).statusCode).toBe(403);
    expect((await as('adm', 'GET', `/api/series/${cbct.seriesInstanceUID}/volume?studyInstanceUID=${cbct.studyInstanceUID}`)).statusCode).toBe(403);
    expect((await as('att', 'GET', `/api/cases/${randomUUID()}/post-procedure/assessments`)).statusCode).toBe(404);
    // Without a session every one of these routes fails closed.
    for (const [method, url] of [
      ['POST', `/api/plans/${planId}/post-procedure`],
      ['POST', `/api/plans/${planId}/post-procedure/assessments`],
      ['GET', `/api/plans/${planId}/post-procedure/assessments`],
      ['GET', `/api/cases/${caseId}/post-procedure/assessments`],
      ['GET', `/api/series/${cbct.seriesInstanceUID}/volume?studyInstanceUID=${cbct.studyInstanceUID}`],
    ] as const) {
      expect((await accounts.inject({ method, url, ...(method === 'POST' ? { payload: cbctIds() } : {}) })).statusCode, url).toBe(401);
    }
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await single.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths['/api/plans/{id}/post-procedure'] ?? {})).toContain('post');
    expect(Object.keys(doc.paths['/api/plans/{id}/post-procedure/assessments'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/series/{seriesUID}/volume'] ?? {})).toContain('get');
  });
});

describe('GET /api/series/:uid/volume', () => {
  it("answers every 2nd voxel of the cone-beam CT as Int16 with the stepped grid's geometry, recorded as a study access", async () => {
    const g = cbct.geometry;
    const res = await as('att', 'GET', `/api/series/${cbct.seriesInstanceUID}/volume?studyInstanceUID=${cbct.studyInstanceUID}&step=2`);
    expect(res.statusCode).toBe(200);
    const header = JSON.parse(String(res.headers['x-percuplan-volume'])) as { dimensions: number[]; spacing: number[]; origin: number[] };
    // 340 columns → 0, 2, … 338: 170; 220 slices → 110.
    expect(header.dimensions).toEqual([Math.ceil(g.columns / 2), Math.ceil(g.rows / 2), Math.ceil(g.sliceCount / 2)]);
    expect(header.spacing).toEqual([g.pixelSpacing[1] * 2, g.pixelSpacing[0] * 2, g.sliceSpacing * 2]);
    // The grid starts at one end slice of the series, whichever way the reader stacked them.
    expect([g.firstPosition, g.lastPosition].map((p) => JSON.stringify(p))).toContain(JSON.stringify(header.origin));
    expect(res.rawPayload.byteLength).toBe(header.dimensions.reduce((a, b) => a * b, 1) * 2);
    const rows = await db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE event = 'study.accessed' AND $1 = ANY(study_uids)", [cbct.studyInstanceUID]);
    expect(Number(rows[0]!.n)).toBeGreaterThanOrEqual(1);
    const bad = await as('att', 'GET', `/api/series/${cbct.seriesInstanceUID}/volume?step=9`);
    expect(bad.statusCode).toBe(400);
  });
});

describe('the analysis end to end on case 2', () => {
  let skip: string | null = null;
  let run: { status: number; body: Record<string, unknown>; ms: number };
  const latencies: number[] = [];
  beforeAll(async () => {
    skip = await analysisMissing();
    if (skip) {
      console.warn(`[post-procedure routes] skipping the analysis tests: ${skip}`);
      return;
    }
    // While the analysis runs in the worker, the event loop answers other requests.
    let running = true;
    const probe = (async () => {
      await new Promise((r) => setTimeout(r, 500));
      while (running) {
        const t0 = performance.now();
        await fetch(`${base}/api/health`);
        latencies.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    run = await post(`/api/plans/${planId}/post-procedure`, { studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID });
    running = false;
    await probe;
    console.log(`[post-procedure routes] one analysis with registration through the API: ${Math.round(run.ms)} ms; /api/health meanwhile: ${latencies.map((l) => Math.round(l)).join(', ')} ms`);
  }, 600_000);

  it('answers 200 with a valid result whose matrix is within 1 mm (RMS within 50 mm of the lesion) and 0.5° of the truth, while the event loop keeps answering', (ctx) => {
    if (skip) ctx.skip();
    expect(run.status, JSON.stringify(run.body).slice(0, 400)).toBe(200);
    const result = postProcedureResultSchema.parse(run.body);
    expect(result.registration.source).toBe('automatic');
    const want = cbct.pose!.planningToThisLps;
    const lesion = ct.lesions[0]!.centerLps;
    const points: [number, number, number][] = [];
    for (const dx of [-30, 0, 30]) for (const dy of [-30, 0, 30]) for (const dz of [-30, 0, 30]) if (Math.hypot(dx, dy, dz) <= 50) points.push([lesion[0] + dx, lesion[1] + dy, lesion[2] + dz]);
    expect(rmsDistanceMm(result.registration.matrix, want, points)).toBeLessThan(1);
    expect(rotationDifferenceDeg(result.registration.matrix, want)).toBeLessThan(0.5);
    expect(latencies.length).toBeGreaterThan(0);
    const sorted = [...latencies].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(200);
  });

  it('accepting with the matrix re-analyses without registering (source given, faster), stores version 1, then 2 when adjusted by hand; both listed newest first for the plan and the case', async (ctx) => {
    if (skip) ctx.skip();
    const matrix = (run.body as unknown as PostProcedureResult).registration.matrix;
    const ids = { studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID };
    const first = await post(`/api/plans/${planId}/post-procedure/assessments`, { ...ids, matrix }, 'dr-one');
    expect(first.status, JSON.stringify(first.body).slice(0, 400)).toBe(201);
    const a1 = postProcedureAssessmentSchema.parse(first.body);
    expect(a1).toMatchObject({ planId, caseId, version: 1, acceptedBy: 'dr-one', manuallyAdjusted: false });
    expect(a1.result.registration.source).toBe('given');
    expect(a1.result.registration.matrix).toEqual(matrix);
    expect(first.ms).toBeLessThan(run.ms);
    console.log(`[post-procedure routes] accept with a given matrix: ${Math.round(first.ms)} ms`);
    const nudged = [...matrix];
    nudged[3] = nudged[3]! + 0.5;
    // The second by a signed-in attending (accounts mode): attributed to the account, and audited.
    const second = await as('att', 'POST', `/api/plans/${planId}/post-procedure/assessments`, { ...ids, matrix: nudged, manuallyAdjusted: true });
    expect(second.statusCode, second.body.slice(0, 400)).toBe(201);
    const a2 = postProcedureAssessmentSchema.parse(second.json());
    expect(a2).toMatchObject({ version: 2, acceptedBy: 'att', manuallyAdjusted: true });
    const audited = await db.query<{ account: string; plan_version: number }>("SELECT account, plan_version FROM audit_events WHERE event = 'postProcedure.accept' AND plan_id = $1", [planId]);
    expect(audited).toEqual([{ account: 'att', plan_version: 1 }]);
    expect(a2.result.registration.source).toBe('manual');
    for (const url of [`/api/plans/${planId}/post-procedure/assessments`, `/api/cases/${caseId}/post-procedure/assessments`]) {
      const list = (await (await fetch(base + url)).json()) as { assessments: { id: string; version: number }[]; problems: unknown[] };
      expect(list.assessments.map((a) => [a.id, a.version])).toEqual([[a2.id, 2], [a1.id, 1]]);
      expect(list.problems).toEqual([]);
    }
  });

  it('a client that goes away stops its running analysis', async (ctx) => {
    if (skip) ctx.skip();
    const abort = new AbortController();
    const body = JSON.stringify({ studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID });
    const request = fetch(`${base}/api/plans/${planId}/post-procedure`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: abort.signal }).catch(() => undefined);
    for (let i = 0; i < 100 && pool.pending() === 0; i++) await sleep(50);
    expect(pool.pending()).toBe(1);
    await sleep(1000);
    abort.abort();
    const t0 = performance.now();
    while (pool.pending() > 0 && performance.now() - t0 < 30_000) await sleep(25);
    const stoppedMs = performance.now() - t0;
    await request;
    console.log(`[post-procedure routes] analysis stopped ${Math.round(stoppedMs)} ms after its client went away (a whole one took ${Math.round(run.ms)} ms)`);
    expect(pool.pending()).toBe(0);
    expect(stoppedMs).toBeLessThan(3000);
  });
});
