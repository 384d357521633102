import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshPgliteDir } from '../../tests/support/pgliteTemplate';
import { openRecordsRepository } from '../server/records/openRecordStore';
import { createRecordsHandler } from '../server/records/recordsRoutes';
import type { RecordsRepository } from '../server/records/recordsRepository';
import { ApiError } from './apiProblem';
import { casesApi } from './cases';
import { plansApi } from './plans';
import { api } from './client';

// The clients against the real records API: every answer they accept passes the shared schemas,
// refusals come back as the error envelope, and an answer that is not what the endpoint promises
// is an error naming the endpoint.

let server: Server;
let repo: RecordsRepository;
let dataDir = '';
let base = '';
const realFetch = globalThis.fetch;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'percuplan-clients-'));
  await freshPgliteDir(dataDir);
  repo = await openRecordsRepository({ PERCUPLAN_DEMO: '0', DATA_DIR: dataDir }, dataDir);
  const handle = createRecordsHandler(repo, { defaultActor: 'client-test', bodyLimit: 1 << 20 });
  server = createServer((req, res) => {
    void handle(req, res, new URL(req.url ?? '/', 'http://localhost')).then((done) => {
      if (!done) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The clients call relative URLs, as in the browser.
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(base + url, init));
}, 60_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await new Promise<void>((r) => server?.close(() => r()));
  await repo?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('API clients parse what the server answers', () => {
  it('create, list, get, save, history and a conflict of a case, and a plan on it', async () => {
    const made = await casesApi.create({ patient: { pseudonym: 'Client test', pseudonymous: true, sex: 'unknown', ageYears: null, birthYear: null, identifiers: [] } });
    if (!made.ok) throw new Error(made.problem.error);
    expect(made.document.version).toBe(1);
    const id = made.document.id;
    expect((await casesApi.list()).cases.map((c) => c.id)).toContain(id);
    const got = await casesApi.get(id);
    expect(got.patient.pseudonym).toBe('Client test');
    const saved = await casesApi.save(id, { ...got, notes: 'first' }, 1);
    expect(saved.ok && saved.document.version).toBe(2);
    // A save on the old base: 409 with the stored document, parsed.
    const stale = await casesApi.save(id, { ...got, notes: 'second' }, 1);
    expect(stale.ok).toBe(false);
    if (stale.ok) return;
    expect(stale.status).toBe(409);
    expect(stale.problem.code).toBe('version-conflict');
    expect(stale.problem.current?.version).toBe(2);
    expect(stale.problem.current?.notes).toBe('first');
    expect((await casesApi.history(id)).map((h) => h.version)).toEqual([1, 2]);

    const plan = await plansApi.create(id, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' });
    if (!plan.ok) throw new Error(plan.problem.error);
    expect(plan.document.caseId).toBe(id);
    expect((await plansApi.list(id)).plans.map((p) => p.id)).toEqual([plan.document.id]);
    const again = await plansApi.save(plan.document.id, { ...plan.document, title: 'Renamed' }, plan.document.version);
    expect(again.ok && again.document.title).toBe('Renamed');
  });

  it('a refusal carries the envelope: code and the field paths', async () => {
    const r = await casesApi.create({ patient: { pseudonym: '' } } as never);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.status).toBe(400);
    expect(r.problem.code).toBe('invalid-fields');
    expect(r.problem.issues?.some((i) => i.path.includes('pseudonym'))).toBe(true);
  });

  it('a missing document is an ApiError naming the endpoint with the server sentence', async () => {
    const e = await casesApi.get('00000000-0000-4000-8000-000000000000').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).status).toBe(404);
    expect((e as ApiError).message).toMatch(/^GET \/api\/cases\/:id: /);
    expect((e as ApiError).problem?.code).toBe('not-found');
  });

  it('a list names the stored rows that no longer restore, and an older answer without them has none', async () => {
    const row = { kind: 'case', id: 'c-1', error: 'patient: required' };
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ cases: [], problems: [row] }), { status: 200 }));
    try {
      expect(await casesApi.list()).toEqual({ cases: [], problems: [row] });
      vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ cases: [] }), { status: 200 }));
      expect(await casesApi.list()).toEqual({ cases: [], problems: [] });
    } finally {
      vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(base + url, init));
    }
  });

  it('an answer that is not what the endpoint promises is an error naming it, never a cast', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify([{ studyInstanceUID: 7 }]), { status: 200 }));
    try {
      await expect(api.studies()).rejects.toThrow(/^GET \/api\/studies: the answer is not what the endpoint promises/);
      // A non-JSON refusal (a proxy's page) still names the endpoint and the status.
      vi.stubGlobal('fetch', async () => new Response('<html>bad gateway</html>', { status: 502 }));
      await expect(api.studies()).rejects.toThrow(/^GET \/api\/studies: HTTP 502/);
      // No answer at all.
      vi.stubGlobal('fetch', async () => {
        throw new TypeError('Failed to fetch');
      });
      await expect(casesApi.list()).rejects.toThrow(/^GET \/api\/cases: no answer \(Failed to fetch\)/);
      const save = await plansApi.save('x', { title: '', studyInstanceUID: null, seriesInstanceUID: '1', frameOfReferenceUID: '1', status: 'draft', approvedBy: null, approvedAt: null, content: {} }, 1);
      expect(save).toMatchObject({ ok: false, status: 0, problem: { code: 'no-answer' } });
      expect(save.ok ? '' : save.problem.error).toMatch(/^PUT \/api\/plans\/:id: no answer/);
    } finally {
      vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(base + url, init));
    }
  });
});
