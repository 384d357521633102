import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { studyListings } from '../dicom/studyListingFromGroups';
import { createApp } from './app';
import { createCatalogue } from './catalogue';
import type { ServerConfig } from './config';
import { createPacs } from './dicomweb/pacs';
import { indexFolder } from './embeddedSource';
import { openPglite } from './records/pgliteClient';
import { createRecordsHandler } from './records/recordsRoutes';
import { migrateSchema } from './records/schemaMigrations';
import type { SqlClient } from './records/sqlClient';
import { createSqlRecordsRepository } from './records/sqlRecordsRepository';

/** The one error envelope (contract: `{ error, code, issues?, current? }`, current only on 409), checked strictly. */
const envelope = z.strictObject({
  error: z.string().min(1),
  code: z.enum([
    'invalid-json', 'invalid-fields', 'invalid-query', 'invalid-header', 'unsupported-media-type', 'body-too-large', 'not-found',
    'method-not-allowed', 'version-required', 'version-conflict', 'archived', 'invalid-path', 'not-configured', 'pacs-unavailable', 'internal-error',
  ]),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
  current: z.unknown().optional(),
});

const temp: string[] = [];
const tempDir = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), 'percuplan-app-'));
  temp.push(d);
  return d;
};
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  temp.forEach((d) => rmSync(d, { recursive: true, force: true }));
});

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const configOf = (sampleDir: string, dicomweb?: ServerConfig['dicomweb']): ServerConfig => ({
  host: '127.0.0.1', port: 0, dataDir: tempDir(), sampleDir, distDir: path.join(tempDir(), 'no-dist'), version: 'test', dicomweb,
});

async function answer(base: string, method: string, p: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + p, { method, body: init.body, headers: init.headers });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as unknown };
}

describe('the embedded folder', () => {
  it('names a missing folder and why instead of giving an empty index with no reason', async () => {
    const missing = path.join(tempDir(), 'not-there');
    const index = await indexFolder(missing);
    expect(index.instances).toEqual([]);
    expect(index.problem).toBe(`The embedded sample folder ${missing} could not be read: ENOENT: no such file or directory, scandir '${missing}'`);
  });

  it('names an unreadable folder (a link to itself) and why', async () => {
    const loop = path.join(tempDir(), 'loop');
    symlinkSync(loop, loop);
    const index = await indexFolder(loop);
    expect(index.problem).toMatch(new RegExp(`^The embedded sample folder ${loop} could not be read: ELOOP`));
  });

  it('reads an empty folder without a problem', async () => {
    expect((await indexFolder(tempDir())).problem).toBeNull();
  });

  it('tells the browser (GET /api/config) which folder could not be read and why; the study list stays a list', async () => {
    const missing = path.join(tempDir(), 'gone');
    const index = await indexFolder(missing);
    const base = await listen(createApp(configOf(missing), createCatalogue(index.instances, studyListings, index.problem)));
    const config = await answer(base, 'GET', '/api/config');
    expect(config.body).toEqual({
      dicomweb: { enabled: false },
      embedded: { folder: missing, problem: index.problem },
      auth: { mode: 'single-user', oidc: false },
    });
    expect(await answer(base, 'GET', '/api/studies')).toEqual({ status: 200, body: [] });
  });
});

describe('every API route answers a refusal with the one error envelope', () => {
  let db: SqlClient;
  let base = '';
  let failing = '';
  const ID = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    db = await openPglite();
    await migrateSchema(db);
    const records = createRecordsHandler(createSqlRecordsRepository(db), { defaultActor: 'os-user', bodyLimit: 16 * 1024 });
    const samples = tempDir();
    base = await listen(createApp(configOf(samples), createCatalogue([], studyListings), undefined, records));
    // A PACS that fails every request: the API must answer 502 with the envelope, naming it.
    const pacsUrl = await listen((_req, res) => (res.writeHead(500, { 'content-type': 'text/plain' }), res.end('boom')));
    const dicomweb = { baseUrl: new URL(`${pacsUrl}/dicom-web`), label: 'Broken PACS', authorization: () => undefined };
    failing = await listen(createApp(configOf(samples, dicomweb), createCatalogue([], studyListings), createPacs(dicomweb)));
  });
  afterAll(async () => {
    await db?.close();
  });

  const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

  it.each([
    ['GET', '/api/studies/1.2.3', 404, 'not-found'],
    ['GET', '/api/studies/1.2.3/series/1.2.4/instances', 404, 'not-found'],
    ['GET', '/api/files/1.2.3', 404, 'not-found'],
    ['GET', '/api/no-such-route', 404, 'not-found'],
    ['GET', `/api/cases/${ID}`, 404, 'not-found'],
    ['GET', `/api/plans/${ID}/history`, 404, 'not-found'],
    ['DELETE', '/api/cases', 405, 'method-not-allowed'],
    ['POST', '/some/page', 405, 'method-not-allowed'],
    ['GET', '/api/cases?status=bogus', 400, 'invalid-query'],
    ['GET', '/api/pacs/studies', 404, 'not-configured'],
    ['GET', '/dicomweb/studies', 404, 'not-configured'],
    ['PUT', '/dicomweb/studies', 405, 'method-not-allowed'],
  ] as const)('%s %s → %i %s', async (method, p, status, code) => {
    const r = await answer(base, method, p);
    expect(r.status).toBe(status);
    expect(envelope.parse(r.body).code).toBe(code);
  });

  it('413, 415, 400, 428 and 409 on the records routes', async () => {
    const tooLarge = await answer(base, 'POST', '/api/cases', json({ patient: { pseudonym: 'x'.repeat(20_000) } }));
    expect([tooLarge.status, envelope.parse(tooLarge.body).code]).toEqual([413, 'body-too-large']);
    const notJson = await answer(base, 'POST', '/api/cases', { body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect([notJson.status, envelope.parse(notJson.body).code]).toEqual([415, 'unsupported-media-type']);
    const badJson = await answer(base, 'POST', '/api/cases', { body: '{', headers: { 'content-type': 'application/json' } });
    expect([badJson.status, envelope.parse(badJson.body).code]).toEqual([400, 'invalid-json']);
    const badField = await answer(base, 'POST', '/api/cases', json({ patient: { pseudonym: 7 } }));
    expect([badField.status, envelope.parse(badField.body).code]).toEqual([400, 'invalid-fields']);
    expect(envelope.parse(badField.body).issues?.map((i) => i.path)).toEqual(['patient.pseudonym']);

    const created = await answer(base, 'POST', '/api/cases', json({ patient: { pseudonym: 'Envelope' } }));
    expect(created.status).toBe(201);
    const doc = created.body as { id: string; version: number };
    const noVersion = await answer(base, 'PUT', `/api/cases/${doc.id}`, json({ patient: { pseudonym: 'Envelope 2' } }));
    expect([noVersion.status, envelope.parse(noVersion.body).code]).toEqual([428, 'version-required']);
    const saved = await answer(base, 'PUT', `/api/cases/${doc.id}`, json({ ...doc, patient: { pseudonym: 'Envelope 2' } }));
    expect(saved.status).toBe(200);
    const stale = await answer(base, 'PUT', `/api/cases/${doc.id}`, json({ ...doc, patient: { pseudonym: 'Envelope 3' } }));
    expect(stale.status).toBe(409);
    const conflict = envelope.parse(stale.body);
    expect(conflict.code).toBe('version-conflict');
    expect(conflict.current).toMatchObject({ id: doc.id, version: 2 });
  });

  it("413 that Node's own fetch can read, for a body far over the limit (declared, and streamed without a length)", async () => {
    // 4 MB against a 16 KB limit: the kernel's buffers cannot hide a connection reset any more.
    const big = JSON.stringify({ patient: { pseudonym: 'x' }, notes: 'n'.repeat(4 * 1024 * 1024) });
    const declared = await answer(base, 'POST', '/api/cases', { body: big, headers: { 'content-type': 'application/json' } });
    expect([declared.status, envelope.parse(declared.body).code]).toEqual([413, 'body-too-large']);
    const chunk = new TextEncoder().encode('n'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 4 * 1024 * 1024) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await fetch(`${base}/api/cases`, { method: 'POST', body: stream, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit);
    expect([res.status, envelope.parse(await res.json()).code]).toEqual([413, 'body-too-large']);
    // The next request on a fresh connection still works: the server is fine.
    expect((await answer(base, 'GET', '/api/health')).status).toBe(200);
  });

  it('sends the security headers: a CSP without inline scripts, no framing, nosniff, a referrer policy', async () => {
    const res = await fetch(`${base}/api/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directive = (name: string): string[] => (csp.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name) ?? []).slice(1);
    expect(directive('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(directive('frame-ancestors')).toEqual(["'none'"]);
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('500 with the envelope (no details) when a stored case cannot be restored', async () => {
    const created = (await answer(base, 'POST', '/api/cases', json({ patient: { pseudonym: 'Corrupt' } }))).body as { id: string };
    await db.query('UPDATE cases SET document = $1::json WHERE id = $2', ['{"id": 1}', created.id]);
    const r = await answer(base, 'GET', `/api/cases/${created.id}`);
    expect(r.status).toBe(500);
    expect(envelope.parse(r.body)).toEqual({ error: 'Internal error; see the server log', code: 'internal-error' });
  });

  it.each([
    ['GET', '/api/pacs/studies?patientName=DOE'],
    ['GET', '/api/studies/1.2.3'],
    ['GET', '/dicomweb/studies'],
  ] as const)('502 when the PACS fails: %s %s', async (method, p) => {
    const r = await answer(failing, method, p);
    expect(r.status).toBe(502);
    const e = envelope.parse(r.body);
    expect(e.code).toBe('pacs-unavailable');
    expect(e.error).toMatch(/The PACS at .* failed \(HTTP 500\)/);
  });

  it('400 for a path that is not a DICOMweb resource', async () => {
    const r = await answer(failing, 'GET', '/dicomweb/studies/a;b');
    expect([r.status, envelope.parse(r.body).code]).toEqual([400, 'invalid-path']);
  });
});

describe('the DICOMweb proxy and the client\'s credentials', () => {
  it("never forwards the browser's Cookie or Authorization header to the PACS; sends the PACS's own credentials", async () => {
    // A loopback PACS that answers with the headers it received.
    const seen: Record<string, string | string[] | undefined>[] = [];
    const pacsUrl = await listen((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/dicom+json' });
      res.end('[]');
    });
    const dicomweb = { baseUrl: new URL(`${pacsUrl}/dicom-web`), label: 'Echo PACS', authorization: () => 'Basic cGFjczpzZWNyZXQ=' };
    const base = await listen(createApp(configOf(tempDir(), dicomweb), createCatalogue([], studyListings), createPacs(dicomweb)));
    const res = await fetch(`${base}/dicomweb/studies?PatientID=1`, {
      headers: { cookie: 'percuplan_session=browser-secret', authorization: 'Bearer browser-token', accept: 'application/dicom+json' },
    });
    expect(res.status).toBe(200);
    expect(seen).toHaveLength(1);
    const headers = seen[0] ?? {};
    expect(headers.cookie).toBeUndefined();
    expect(headers.authorization).toBe('Basic cGFjczpzZWNyZXQ=');
    expect(JSON.stringify(headers)).not.toMatch(/browser-secret|browser-token/);
  });
});

describe('the built app', () => {
  it('serves its files, answers client routes with index.html, and keeps /api and non-GET refusals as envelopes', async () => {
    const dist = tempDir();
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>PercuPlan</title>');
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    const base = await listen(createApp({ ...configOf(tempDir()), distDir: dist }, createCatalogue([], studyListings)));
    const page = await fetch(`${base}/studies/1.2.3`);
    expect([page.status, page.headers.get('cache-control'), await page.text()]).toEqual([200, 'no-cache', '<!doctype html><title>PercuPlan</title>']);
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect([asset.status, asset.headers.get('cache-control'), await asset.text()]).toEqual([200, 'public, max-age=31536000, immutable', 'console.log(1)']);
    expect((await fetch(`${base}/`)).status).toBe(200);
    const api = await answer(base, 'GET', '/api/nothing/here');
    expect([api.status, envelope.parse(api.body).code]).toEqual([404, 'not-found']);
    const post = await answer(base, 'POST', '/studies/1.2.3');
    expect([post.status, envelope.parse(post.body).code]).toEqual([405, 'method-not-allowed']);
  });
});

