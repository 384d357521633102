import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyListings } from '../dicom/studyListingFromGroups';
import { buildApp } from './app';
import { createAccountsRepository } from './auth/accountsRepository';
import { PUBLIC_ROUTES } from './auth/authPlugin';
import { createCatalogue } from './catalogue';
import type { ServerConfig } from './config';
import { createPacs } from './dicomweb/pacs';
import { openPglite } from './records/pgliteClient';
import { createRecordsHandler } from './records/recordsRoutes';
import { migrateSchema } from './records/schemaMigrations';
import type { SqlClient } from './records/sqlClient';
import { createSqlRecordsRepository } from './records/sqlRecordsRepository';
import { routesOf } from './routeTable';
import { securityParts, type SecurityParts } from './securityParts';

/*
 * Accounts mode on the whole app: every /api and /dicomweb route found in Fastify's route
 * table fails closed without a session, and each role may do exactly what the policy says on
 * the records routes (a trainee cannot approve, the board cannot write, an admin reads no case).
 */

const PASSWORD = 'correct horse battery';
let db: SqlClient;
let app: FastifyInstance;
let security: SecurityParts;
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-access-'));
/** A loopback PACS answering every DICOMweb query with an empty list. */
let pacsServer: Server | undefined;

beforeAll(async () => {
  db = await openPglite();
  await migrateSchema(db);
  const accounts = createAccountsRepository(db, () => new Date());
  await accounts.create({ username: 'att', name: 'Attending', roles: ['attending'], password: PASSWORD });
  await accounts.create({ username: 'trn', name: 'Trainee', roles: ['trainee'], password: PASSWORD });
  await accounts.create({ username: 'brd', name: 'Board', roles: ['board'], password: PASSWORD });
  await accounts.create({ username: 'adm', name: 'Admin', roles: ['admin'], password: PASSWORD });
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir: temp, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const records = createRecordsHandler(createSqlRecordsRepository(db), { defaultActor: 'os-user', audit: security.audit });
  pacsServer = createServer((_req, res) => (res.writeHead(200, { 'content-type': 'application/dicom+json' }), res.end('[]')));
  await new Promise<void>((r) => pacsServer?.listen(0, '127.0.0.1', r));
  const pacsUrl = `http://127.0.0.1:${(pacsServer.address() as AddressInfo).port}/dicom-web`;
  app = await buildApp(config, {
    catalogue: createCatalogue([], studyListings),
    pacs: createPacs({ baseUrl: new URL(pacsUrl), label: 'Test PACS', authorization: () => undefined }),
    records,
    plugins: security.plugins,
    audit: security.audit,
  });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await new Promise((r) => (pacsServer ? pacsServer.close(r) : r(undefined)));
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

/** A concrete path for a route pattern: each parameter gets a value its schema accepts. */
function concrete(url: string): string {
  return url
    .replace(/:id\b/g, '00000000-0000-4000-8000-000000000000')
    .replace(/:n\b/g, '1')
    .replace(/:(study|series|sop)\b/g, '1.2.3')
    .replace(/:username\b/g, 'someone')
    .replace(/\*$/, 'studies');
}

describe('every /api and /dicomweb route fails closed without a session (accounts mode)', () => {
  it('answers 401 no-session on each route of the route table but the public allowlist', async () => {
    const routes = routesOf(app).filter((r) => /^\/(api|dicomweb)(\/|$)/.test(r.url) && r.method !== 'HEAD');
    // The table must really be the app's: the records, study, proxy, audit and admin routes are all there.
    const patterns = new Set(routes.map((r) => r.url));
    for (const expected of ['/api/cases', '/api/plans/:id', '/api/studies/:study', '/api/files/:sop', '/dicomweb/*', '/api/audit', '/api/admin/accounts', '/api/openapi.json']) {
      expect(patterns).toContain(expected);
    }
    expect(routes.length).toBeGreaterThan(40);
    const open: string[] = [];
    for (const route of routes) {
      if (PUBLIC_ROUTES.has(`${route.method} ${route.url}`)) continue;
      const res = await app.inject({ method: route.method, url: concrete(route.url) });
      const code = res.statusCode === 401 ? (res.json() as { code?: string }).code : undefined;
      if (res.statusCode !== 401 || code !== 'no-session') open.push(`${route.method} ${route.url} → ${res.statusCode} ${code ?? ''}`);
    }
    expect(open).toEqual([]);
  });

  it('lets the public allowlist through without a session', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    const config = await app.inject({ method: 'GET', url: '/api/config' });
    expect(config.json()).toMatchObject({ auth: { mode: 'accounts', oidc: false }, embedded: { folder: '' } });
    // Signed in, the folder is named again (the worklist says which folder could not be read).
    const att = await signIn('att');
    const signedIn = await app.inject({ method: 'GET', url: '/api/config', headers: { cookie: att.cookie } });
    expect(signedIn.json()).toMatchObject({ embedded: { folder: temp } });
  });

  it('declares an action on every /api and /dicomweb route that is not public, auth-owned or a 405', () => {
    const undeclared = routesOf(app)
      .filter((r) => /^\/(api|dicomweb)(\/|$)/.test(r.url) && r.method !== 'HEAD' && !PUBLIC_ROUTES.has(`${r.method} ${r.url}`))
      .filter((r) => r.action === undefined && !r.url.startsWith('/api/auth/') && r.url !== '/api/openapi.json')
      .map((r) => `${r.method} ${r.url}`);
    // What is left are the 405 answers of the records paths (no action: they refuse every caller).
    const recordsPaths = /^\/api\/(cases|plans)(\/|$)/;
    expect(undeclared.filter((r) => !recordsPaths.test(r.split(' ')[1] ?? ''))).toEqual([]);
  });
});

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(username: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'percuplan_session');
  return { cookie: `percuplan_session=${cookie?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

async function call(who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const res = await app.inject({ method, url, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe('roles × actions on the records routes', () => {
  const s: Record<'att' | 'trn' | 'brd' | 'adm', Session> = {} as never;
  let caseId = '';
  let plan: Record<string, unknown> = {};

  beforeAll(async () => {
    for (const u of ['att', 'trn', 'brd', 'adm'] as const) s[u] = await signIn(u);
  });

  it('a trainee creates a case and a draft plan, proposes it, and cannot approve it (403)', async () => {
    const created = await call(s.trn, 'POST', '/api/cases', { patient: { pseudonym: 'Teaching case' } });
    expect(created.status).toBe(201);
    caseId = created.body.id as string;
    const draft = await call(s.trn, 'POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' });
    expect(draft.status).toBe(201);
    const proposed = await call(s.trn, 'PUT', `/api/plans/${draft.body.id as string}`, { ...draft.body, status: 'proposed' });
    expect([proposed.status, proposed.body.status]).toEqual([200, 'proposed']);
    plan = proposed.body;
    const approve = await call(s.trn, 'PUT', `/api/plans/${plan.id as string}`, { ...plan, status: 'approved' });
    expect([approve.status, approve.body.code]).toEqual([403, 'forbidden']);
    expect(await call(s.trn, 'POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', status: 'approved' })).toMatchObject({ status: 403 });
  });

  it('an attending approves; the approval names the signed-in account, not a name sent by the client', async () => {
    const approved = await call(s.att, 'PUT', `/api/plans/${plan.id as string}`, { ...plan, status: 'approved', approvedBy: 'someone else' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'att' });
    plan = approved.body;
    const events = await security.audit.query({ event: 'plan.approve' });
    expect(events.events.map((e) => [e.account, e.planId, e.planVersion])).toContainEqual(['att', plan.id, plan.version]);
  });

  it('a trainee cannot edit the approved plan, not even by taking it back to draft (403)', async () => {
    const edit = await call(s.trn, 'PUT', `/api/plans/${plan.id as string}`, { ...plan, status: 'draft', title: 'changed' });
    expect([edit.status, edit.body.code]).toEqual([403, 'forbidden']);
    expect(await call(s.trn, 'GET', `/api/plans/${plan.id as string}`)).toMatchObject({ status: 200, body: { status: 'approved', version: plan.version } });
  });

  it('the board reads cases and plans but writes nothing (403)', async () => {
    expect((await call(s.brd, 'GET', `/api/cases/${caseId}`)).status).toBe(200);
    expect((await call(s.brd, 'GET', `/api/plans/${plan.id as string}`)).status).toBe(200);
    expect(await call(s.brd, 'POST', '/api/cases', { patient: { pseudonym: 'x' } })).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call(s.brd, 'POST', `/api/cases/${caseId}/plans`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' })).status).toBe(403);
    expect((await call(s.brd, 'PUT', `/api/plans/${plan.id as string}`, { ...plan, status: 'draft' })).status).toBe(403);
  });

  it('an admin reads no case (403) but manages accounts', async () => {
    expect(await call(s.adm, 'GET', `/api/cases/${caseId}`)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call(s.adm, 'GET', '/api/cases')).status).toBe(403);
    expect((await call(s.adm, 'GET', '/api/studies')).status).toBe(403);
    expect((await call(s.adm, 'GET', '/api/admin/accounts')).status).toBe(200);
  });

  it('identifiable export (FHIR) is for attendings only, and is audited', async () => {
    expect((await call(s.trn, 'GET', `/api/cases/${caseId}/fhir`)).status).toBe(403);
    expect((await call(s.att, 'GET', `/api/cases/${caseId}/fhir`)).status).toBe(200);
    const exports = await security.audit.query({ event: 'export' });
    expect(exports.events.map((e) => [e.account, e.caseId])).toContainEqual(['att', caseId]);
  });

  it('an attending may do all of it: edit the approved plan back to draft, archive, read history', async () => {
    const back = await call(s.att, 'PUT', `/api/plans/${plan.id as string}`, { ...plan, status: 'draft', title: 'revised' });
    expect([back.status, back.body.status, back.body.approvedBy]).toEqual([200, 'draft', null]);
    expect((await call(s.att, 'GET', `/api/plans/${plan.id as string}/history`)).status).toBe(200);
    const c = await call(s.att, 'GET', `/api/cases/${caseId}`);
    expect((await call(s.att, 'POST', `/api/cases/${caseId}/archive`, { archived: true, version: c.body.version as number })).status).toBe(200);
  });

  it('every 403 above is in the audit trail as security.forbidden', async () => {
    const forbidden = await security.audit.query({ event: 'security.forbidden', pageSize: 500 });
    const accounts = new Set(forbidden.events.map((e) => e.account));
    expect([...accounts].sort()).toEqual(['adm', 'brd', 'trn']);
  });
});

describe('studies through the proxy', () => {
  it('needs study.read (board yes, admin no) and records the first access per session per study only', async () => {
    const att = await signIn('att');
    const brd = await signIn('brd');
    const adm = await signIn('adm');
    const study = '1.2.826.0.1.3680043.99.1';
    const before = (await security.audit.query({ event: 'study.accessed', pageSize: 500 })).events.length;
    for (let i = 0; i < 3; i++) expect((await call(att, 'GET', `/dicomweb/studies/${study}/series`)).status).toBe(200);
    expect((await call(brd, 'GET', `/dicomweb/studies/${study}/series`)).status).toBe(200);
    expect(await call(adm, 'GET', `/dicomweb/studies/${study}/series`)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    const events = (await security.audit.query({ event: 'study.accessed', pageSize: 500 })).events;
    expect(events.length - before).toBe(2);
    expect(events.slice(0, 2).map((e) => [e.account, e.studyUids]).sort()).toEqual([
      ['att', [study]],
      ['brd', [study]],
    ]);
  });
});

describe('the OpenAPI document', () => {
  it('is generated from the routes and names every API route but its own and the 405 answers', async () => {
    const att = await signIn('att');
    const doc = await call(att, 'GET', '/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths as object);
    const declared = new Set(
      routesOf(app)
        .filter((r) => r.url.startsWith('/api/') && r.url !== '/api/openapi.json' && (r.method === 'GET' || r.action !== undefined || r.url.startsWith('/api/auth/')))
        .map((r) => r.url.replace(/:([A-Za-z]+)/g, '{$1}')),
    );
    expect(declared.size).toBeGreaterThan(15);
    expect([...declared].filter((p) => !paths.includes(p))).toEqual([]);
    const post = (doc.body.paths as Record<string, Record<string, { requestBody?: unknown }>>)['/api/cases']?.post;
    expect(post?.requestBody).toBeDefined();
  });
});

