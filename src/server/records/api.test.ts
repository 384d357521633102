import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordsBackends } from '../../../tests/support/recordsBackends';
import { createRecordsHandler } from './recordsRoutes';
import type { RecordsRepository } from './recordsRepository';

const backends = await recordsBackends();
afterAll(() => backends.forEach((b) => b.stop()));

const LIMIT = 64 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** Serves the records API alone (as the app mounts it) and records every 5xx. */
async function serve(repo: RecordsRepository): Promise<{ base: string; server: Server; faults: string[] }> {
  const handle = createRecordsHandler(repo, { defaultActor: 'os-user', bodyLimit: LIMIT });
  const faults: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    handle(req, res, url)
      .then((done) => {
        if (!done) {
          res.writeHead(404);
          res.end();
        }
      })
      .catch((e: unknown) => {
        faults.push(`${req.method} ${req.url}: ${String(e)}`);
        res.writeHead(500);
        res.end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, faults };
}

describe.each(backends)('records API on $name', (backend) => {
  let repo: RecordsRepository;
  let base = '';
  let server: Server | undefined;
  let faults: string[] = [];
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      parsed = { text };
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  const newCase = async (extra: object = {}): Promise<Record<string, unknown>> => {
    const r = await call('POST', '/api/cases', { patient: { pseudonym: 'API patient' }, ...extra });
    expect(r.status).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    if (backend.skip) return;
    repo = await backend.freshRepository();
    ({ base, server, faults } = await serve(repo));
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await repo?.close();
  });

  it.skipIf(!!backend.skip)('creates, reads and saves a case with ETag / If-Match, attributing each change', async () => {
    const created = await call('POST', '/api/cases', { patient: { pseudonym: 'Case A' }, pain: { onWeightBearing: 9 } }, { 'x-percuplan-user': 'Dr%20B%C3%A9atrice' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('location')).toBe(`/api/cases/${id}`);
    expect(created.body).toMatchObject({ version: 1, createdBy: 'Dr Béatrice', status: 'referred' });

    const read = await call('GET', `/api/cases/${id}`);
    expect(read.body).toEqual(created.body);
    const edited = { ...read.body, notes: 'Board on Tuesday', lesions: [{ spinalLevel: 'T10', scores: { genant: { components: { heightLossPercent: 50 } } } }] };
    const saved = await call('PUT', `/api/cases/${id}`, { ...edited, version: undefined }, { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('x-percuplan-change')).toBe('saved');
    expect(saved.body).toMatchObject({ version: 2, updatedBy: 'os-user', notes: 'Board on Tuesday' });
    expect((saved.body.lesions as { scores: { genant: { result: unknown } } }[])[0]?.scores.genant.result).toEqual({ total: 3, category: '3', missing: [] });

    const again = await call('PUT', `/api/cases/${id}`, saved.body);
    expect([again.status, again.headers.get('x-percuplan-change'), again.body.version]).toEqual([200, 'unchanged', 2]);

    const history = await call('GET', `/api/cases/${id}/history`);
    expect(history.body.entries).toMatchObject([
      { version: 1, action: 'create', by: 'Dr Béatrice' },
      { version: 2, action: 'update', by: 'os-user', changes: { paths: ['lesions[0]', 'notes'] } },
    ]);
    expect((await call('GET', `/api/cases/${id}/versions/1`)).body).toEqual(created.body);
  });

  it.skipIf(!!backend.skip)('answers a stale save with 409 and the current document', async () => {
    const c = await newCase();
    const id = c.id as string;
    expect((await call('PUT', `/api/cases/${id}`, { ...c, notes: 'first tab' })).status).toBe(200);
    const stale = await call('PUT', `/api/cases/${id}`, { ...c, notes: 'second tab' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'version-conflict', current: { version: 2, notes: 'first tab' } });
    expect(stale.headers.get('etag')).toBe('"2"');
    const viaHeader = await call('PUT', `/api/cases/${id}`, { patient: { pseudonym: 'x' } }, { 'if-match': 'W/"1"' });
    expect(viaHeader.status).toBe(409);
    const noBase = await call('PUT', `/api/cases/${id}`, { patient: { pseudonym: 'x' } });
    expect([noBase.status, noBase.body.code]).toEqual([428, 'version-required']);
    const disagree = await call('PUT', `/api/cases/${id}`, { ...c, version: 2 }, { 'if-match': '"1"' });
    expect(disagree.status).toBe(400);
  });

  it.skipIf(!!backend.skip)('refuses malformed JSON and invalid fields with 400 and the failing paths', async () => {
    const c = await newCase();
    const bad = await call('POST', '/api/cases', '{"patient": {"pseudonym": "x"');
    expect([bad.status, bad.body.code]).toEqual([400, 'invalid-json']);
    const invalid = await call('POST', '/api/cases', {
      patient: { pseudonym: 'x', sex: 'robot' },
      performance: { karnofsky: 55 },
      analgesics: { entries: [{ name: 'Fentanyl', opioid: 'fentanyl-transdermal', dailyDose: 25 }] },
      surprise: 1,
    });
    expect(invalid.status).toBe(400);
    expect((invalid.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(
      ['analgesics.entries[0].unit', 'patient.sex', 'performance.karnofsky', 'surprise'].sort(),
    );
    expect((await call('POST', '/api/cases', [])).status).toBe(400);
    expect((await call('POST', '/api/cases', '')).status).toBe(400);
    expect((await call('POST', '/api/cases', 'null')).status).toBe(400);
    const nul = await call('POST', '/api/cases', { patient: { pseudonym: 'a\u0000b' } });
    expect(nul.body.issues).toEqual([{ path: 'patient.pseudonym', message: 'Text may not contain NUL characters' }]);
    expect((await call('POST', '/api/cases', '{"patient":{"pseudonym":"x"},"notes":1e400}')).status).toBe(400);
    const wrongId = await call('PUT', `/api/cases/${c.id as string}`, { ...c, id: '00000000-0000-4000-8000-000000000000' });
    expect(wrongId.body.issues).toEqual([{ path: 'id', message: `Expected ${c.id as string}` }]);
    const newer = await call('POST', '/api/cases', { patient: { pseudonym: 'x' }, schemaVersion: 99 });
    expect([newer.status, (newer.body.issues as { path: string }[])[0]?.path]).toEqual([400, 'schemaVersion']);
    const latin = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: Buffer.from([0x7b, 0xff, 0x7d]) });
    expect(latin.status).toBe(400);
    expect((await call('POST', '/api/cases', 'x', { 'content-type': 'text/plain' })).status).toBe(415);
    const user = await call('POST', '/api/cases', { patient: { pseudonym: 'x' } }, { 'x-percuplan-user': '%E0%A4%A' });
    expect([user.status, user.body.code]).toEqual([400, 'invalid-header']);
    const query = await call('GET', '/api/cases?status=board,nonsense&colour=red');
    expect((query.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['query.colour', 'query.status[1]']);
  });

  it.skipIf(!!backend.skip)('refuses oversized bodies with 413, declared or streamed', async () => {
    const big = JSON.stringify({ patient: { pseudonym: 'x' }, notes: 'n'.repeat(LIMIT) });
    const declared = await call('POST', '/api/cases', big);
    expect([declared.status, declared.body.code]).toEqual([413, 'body-too-large']);
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < LIMIT * 4) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expect(streamed).toBe(413);
    expect((await call('GET', '/api/cases')).status).toBe(200);
  });

  it.skipIf(!!backend.skip)('answers unknown ids, versions and routes with 404 and wrong methods with 405', async () => {
    const c = await newCase();
    const unknown = '7d3c8f7e-2f0a-4c9e-9d61-0c1b2a3d4e5f';
    for (const path of [`/api/cases/${unknown}`, '/api/cases/not-a-uuid', `/api/cases/${unknown}/history`, `/api/cases/${c.id as string}/versions/2`, `/api/cases/${unknown}/fhir`, `/api/cases/${unknown}/plans`, `/api/plans/${unknown}`, `/api/plans/${unknown}/history`, '/api/cases/x/y/z', `/api/cases/${c.id as string}/versions/0`]) {
      const r = await call('GET', path);
      expect([path, r.status, r.body.code]).toEqual([path, 404, 'not-found']);
    }
    expect((await call('PUT', `/api/cases/${unknown}`, { patient: { pseudonym: 'x' }, version: 1 })).status).toBe(404);
    expect((await call('POST', `/api/cases/${unknown}/archive`)).status).toBe(404);
    const del = await call('DELETE', `/api/cases/${c.id as string}`);
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET, PUT']);
  });

  it.skipIf(!!backend.skip)('archives and restores through the API, with the case list filters', async () => {
    const c = await newCase({ title: 'archive me' });
    const id = c.id as string;
    const plan = await call('POST', `/api/cases/${id}/plans`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4' });
    expect(plan.status).toBe(201);
    const archived = await call('POST', `/api/cases/${id}/archive`, undefined, { 'if-match': '"1"' });
    expect(archived.body).toMatchObject({ version: 2, archivedBy: 'os-user' });
    expect((await call('POST', `/api/cases/${id}/archive`, { version: 1 })).status).toBe(409);
    const listed = async (q: string) => ((await call('GET', `/api/cases${q}`)).body.cases as { id: string }[]).map((x) => x.id);
    expect(await listed('')).not.toContain(id);
    expect(await listed('?archived=only')).toContain(id);
    const edit = await call('PUT', `/api/cases/${id}`, { ...archived.body, notes: 'x' });
    expect([edit.status, edit.body.code]).toEqual([409, 'archived']);
    const restored = await call('POST', `/api/cases/${id}/archive`, { archived: false });
    expect(restored.body).toMatchObject({ version: 3, archivedAt: null });
    expect((await call('GET', `/api/plans/${plan.body.id as string}`)).body).toMatchObject({ version: 3, archivedAt: null });
    expect((await call('GET', `/api/cases/${id}/history`)).body.entries).toHaveLength(3);
  });

  it.skipIf(!!backend.skip)('serves plans with versions, history, approval and conflicts', async () => {
    const c = await newCase();
    const id = c.id as string;
    const created = await call('POST', `/api/cases/${id}/plans`, { seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', content: { a: 1 } });
    const planId = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/api/plans/${planId}`);
    expect(created.body).toMatchObject({ caseId: id, version: 1, status: 'draft', approvedBy: null });
    const approved = await call('PUT', `/api/plans/${planId}`, { ...created.body, status: 'approved' }, { 'x-percuplan-user': 'board' });
    expect(approved.body).toMatchObject({ version: 2, status: 'approved', approvedBy: 'board' });
    const moved = await call('PUT', `/api/plans/${planId}`, { ...approved.body, content: { a: 2 } });
    expect([moved.status, (moved.body.issues as { path: string }[])[0]?.path]).toEqual([400, 'status']);
    const stale = await call('PUT', `/api/plans/${planId}`, { ...created.body, title: 'x' });
    expect([stale.status, (stale.body.current as { version: number }).version]).toEqual([409, 2]);
    const otherCase = await call('PUT', `/api/plans/${planId}`, { ...approved.body, caseId: '7d3c8f7e-2f0a-4c9e-9d61-0c1b2a3d4e5f' });
    expect(otherCase.status).toBe(400);
    const list = await call('GET', `/api/cases/${id}/plans`);
    expect((list.body.plans as object[])[0]).not.toHaveProperty('content');
    expect(((await call('GET', `/api/cases/${id}/plans?include=content`)).body.plans as object[])[0]).toHaveProperty('content', { a: 1 });
    expect(((await call('GET', `/api/plans/${planId}/history`)).body.entries as object[]).length).toBe(2);
    expect((await call('GET', `/api/plans/${planId}/versions/1`)).body).toMatchObject({ status: 'draft' });
    const summary = ((await call('GET', `/api/cases?q=API`)).body.cases as { id: string; plans: { id: string }[] }[]).find((s) => s.id === id);
    expect(summary?.plans.map((p) => p.id)).toEqual([planId]);
  });

  it.skipIf(!!backend.skip)('exports a case as a FHIR R4 Bundle with LOINC pain, ECOG and Karnofsky and local score codes', async () => {
    const c = await newCase({
      patient: { pseudonym: 'FHIR', sex: 'male', birthYear: 1943 },
      pain: { atRest: 4, onWeightBearing: 10, maximalPainSite: 'T10', assessedOn: '2024-09-01' },
      performance: { ecog: 2, karnofsky: 60 },
      lesions: [
        {
          spinalLevel: 'T10',
          scores: {
            sins: { components: { location: 'semi-rigid', pain: 'mechanical', boneLesion: 'lytic', alignment: 'normal', collapse: 'over-50-percent', posterolateral: 'unilateral' } },
            bilsky: { components: { epiduralExtension: 'thecal-sac-deformed' } },
          },
        },
      ],
      followUps: [{ date: '2024-09-20', pain: { onWeightBearing: 2 } }],
    });
    const r = await call('GET', `/api/cases/${c.id as string}/fhir`);
    expect(r.headers.get('content-type')).toMatch(/application\/fhir\+json/);
    const bundle = r.body as { resourceType: string; type: string; entry: { fullUrl: string; resource: Record<string, unknown> }[] };
    expect([bundle.resourceType, bundle.type]).toEqual(['Bundle', 'collection']);
    const resources = bundle.entry.map((e) => e.resource);
    expect(resources.find((x) => x.resourceType === 'Patient')).toMatchObject({ gender: 'male', birthDate: '1943', name: [{ use: 'anonymous', text: 'FHIR' }] });
    const codeOf = (x: Record<string, unknown>) => (x.code as { coding: { code: string }[] } | undefined)?.coding[0]?.code;
    const obs = resources.filter((x) => x.resourceType === 'Observation');
    expect(obs.filter((o) => codeOf(o) === '72514-3').map((o) => [o.effectiveDateTime, o.valueInteger])).toEqual([
      ['2024-09-01', 4],
      ['2024-09-01', 10],
      ['2024-09-20', 2],
    ]);
    expect(obs.find((o) => codeOf(o) === '89247-1')?.valueInteger).toBe(2);
    expect(obs.find((o) => codeOf(o) === '89243-0')?.valueInteger).toBe(60);
    expect(obs.find((o) => codeOf(o) === 'sins')).toMatchObject({ valueInteger: 10, interpretation: [{ text: 'potentially-unstable' }] });
    expect(obs.find((o) => codeOf(o) === 'bilsky')).toMatchObject({ valueCodeableConcept: { text: '1b' } });
    expect(resources.find((x) => x.resourceType === 'CodeSystem')).toMatchObject({ url: 'urn:percuplan:fhir:CodeSystem:bone-metastasis', content: 'complete' });
    expect(new Set(bundle.entry.map((e) => e.fullUrl)).size).toBe(bundle.entry.length);
  });

  it.skipIf(!!backend.skip)('documents every route in /api/openapi.json', async () => {
    const r = await call('GET', '/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths as object)).toHaveLength(11);
  });

  it.skipIf(!!backend.skip)('answers no fuzzed input with a 5xx', async () => {
    const c = await newCase();
    const id = c.id as string;
    let seed = 42;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const atoms = [null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53, '', 'x', '😀', '\ud83d', 'a'.repeat(600), '2024-13-45', '1.2.3', 'T10', [], {}];
    const value = (depth: number): unknown => {
      const r = rnd();
      if (depth > 4 || r < 0.5) return pickOf(atoms);
      if (r < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => value(depth + 1));
      const keys = ['patient', 'pseudonym', 'pain', 'atRest', 'lesions', 'scores', 'sins', 'components', 'followUps', 'date', 'version', 'id', 'status', 'content', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 5) }, () => [pickOf(keys), value(depth + 1)]));
    };
    const mutate = (doc: unknown): unknown => {
      if (doc === null || typeof doc !== 'object') return rnd() < 0.08 ? value(3) : doc;
      if (Array.isArray(doc)) return doc.map((d) => mutate(d));
      return Object.fromEntries(Object.entries(doc).map(([k, v]) => [k, rnd() < 0.04 ? value(2) : mutate(v)]));
    };
    const caseBody = {
      patient: { pseudonym: 'fuzz', ageYears: 70 },
      pain: { atRest: 3, maximalPainSite: 'hip' },
      lesions: [{ spinalLevel: 'T10', scores: { sins: { components: { pain: 'mechanical' } } } }],
      followUps: [{ date: '2024-01-01', pain: { atRest: 1 } }],
      notes: 'n',
    };
    const planBody = { seriesInstanceUID: '1.2', frameOfReferenceUID: '1.3', content: { points: [[1, 2, 3]], label: 'x' } };
    const statuses = new Map<number, number>();
    for (let i = 0; i < 150; i++) {
      const target = i % 4;
      const current = target === 1 ? (await call('GET', `/api/cases/${id}`)).body : undefined;
      const [method, path, base] =
        target === 0
          ? (['POST', '/api/cases', caseBody] as const)
          : target === 1
            ? (['PUT', `/api/cases/${id}`, current] as const)
            : target === 2
              ? (['POST', `/api/cases/${id}/plans`, planBody] as const)
              : (['POST', `/api/cases/${id}/archive`, { archived: false }] as const);
      const body = i % 3 === 0 ? value(0) : rnd() < 0.3 ? base : mutate(base);
      const text = i % 7 === 0 ? JSON.stringify(body).slice(0, Math.floor(rnd() * 40)) : JSON.stringify(body);
      const r = await call(method, path, text ?? 'undefined', i % 5 === 0 ? { 'if-match': pickOf(['"1"', '*', 'W/"x"', '"0"', '"99999999999"', '1, 2']) } : {});
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      expect([method, path, r.status < 500]).toEqual([method, path, true]);
    }
    const odd = ['/api/cases/%ZZ', '/api/cases/..%2F..%2Fetc', `/api/cases/${id}/versions/99999999999`, `/api/cases/${id}/versions/-1`, `/api/plans/${'a'.repeat(5000)}`, '/api/cases?limit=-4', '/api/cases?limit=1e9', '/api/cases?offset=abc', '/api/cases?study=%00', '/api/cases?q=' + encodeURIComponent("'; DROP TABLE cases; --")];
    for (const path of odd) expect([path, (await call('GET', path)).status < 500]).toEqual([path, true]);
    expect(faults).toEqual([]);
    // The fuzz must reach the database too, not only the validators.
    expect([...statuses].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(20);
  });
});
