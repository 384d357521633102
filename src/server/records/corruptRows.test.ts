import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openPglite } from './pgliteClient';
import { createRecordsHandler } from './recordsRoutes';
import { migrateSchema } from './schemaMigrations';
import type { SqlClient } from './sqlClient';
import { createSqlRecordsRepository } from './sqlRecordsRepository';

const problemsSchema = z.array(z.strictObject({ kind: z.enum(['case', 'plan']), id: z.string(), error: z.string().min(1) }));
const caseListSchema = z.object({ cases: z.array(z.object({ id: z.string(), plans: z.array(z.object({ id: z.string() })) })), problems: problemsSchema });
const planListSchema = z.object({ caseId: z.string(), plans: z.array(z.object({ id: z.string() })), problems: problemsSchema });

describe('a stored row that no longer restores (PGlite)', () => {
  let db: SqlClient;
  let server: Server | undefined;
  let base = '';
  const call = async (method: string, p: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(base + p, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const raw = async (table: 'cases' | 'plans', id: string): Promise<string> =>
    (await db.query<{ t: string }>(`SELECT document::text AS t FROM ${table} WHERE id = $1`, [id]))[0]!.t;
  const versions = async (): Promise<number> => Number((await db.query<{ n: string }>('SELECT (SELECT count(*) FROM case_versions) + (SELECT count(*) FROM plan_versions) AS n'))[0]!.n);

  beforeAll(async () => {
    db = await openPglite();
    await migrateSchema(db);
    const handle = createRecordsHandler(createSqlRecordsRepository(db), { defaultActor: 'os-user' });
    server = createServer((req, res) => void handle(req, res, new URL(req.url ?? '/', 'http://localhost')).catch(() => (res.writeHead(500), res.end())));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await db?.close();
  });

  it('lists every good case and plan, names the bad ones with why, and never rewrites them', async () => {
    const newCase = async (name: string) => ((await call('POST', '/api/cases', { patient: { pseudonym: name } })).body as { id: string }).id;
    const newPlan = async (caseId: string, title: string) =>
      ((await call('POST', `/api/cases/${caseId}/plans`, { title, seriesInstanceUID: '1.2.3', frameOfReferenceUID: '1.2.4', content: {} })).body as { id: string }).id;
    const good = await newCase('Good');
    const bad = await newCase('Bad');
    const goodPlan = await newPlan(good, 'kept');
    const badPlan = await newPlan(good, 'broken');
    await newPlan(bad, 'of the bad case');

    // Corrupt the rows behind the API's back: an envelope field of the wrong type, and a plan that is barely a document.
    const badCaseDoc = (await raw('cases', bad)).replace(/"version":\s*1/, '"version":"one"');
    expect(badCaseDoc).toContain('"version":"one"');
    await db.query('UPDATE cases SET document = $1::json WHERE id = $2', [badCaseDoc, bad]);
    await db.query('UPDATE plans SET document = $1::json WHERE id = $2', [`{"id": "${badPlan}", "content": 7}`, badPlan]);
    const before = { caseRow: await raw('cases', bad), planRow: await raw('plans', badPlan), versions: await versions() };

    const list = await call('GET', '/api/cases');
    expect(list.status).toBe(200);
    const cases = caseListSchema.parse(list.body);
    expect(cases.cases.map((c) => c.id)).toEqual([good]);
    expect(cases.cases[0]!.plans.map((p) => p.id)).toEqual([goodPlan]);
    expect(cases.problems.map(({ kind, id }) => ({ kind, id }))).toEqual([{ kind: 'case', id: bad }, { kind: 'plan', id: badPlan }]);
    expect(cases.problems[0]!.error).toMatch(/version/);

    const plans = await call('GET', `/api/cases/${good}/plans?include=content`);
    expect(plans.status).toBe(200);
    const planList = planListSchema.parse(plans.body);
    expect(planList.plans.map((p) => p.id)).toEqual([goodPlan]);
    expect(planList.problems.map(({ kind, id }) => ({ kind, id }))).toEqual([{ kind: 'plan', id: badPlan }]);

    // Listing read them, and wrote nothing: the bad rows are byte for byte what they were, no version was added.
    expect(await raw('cases', bad)).toBe(before.caseRow);
    expect(await raw('plans', badPlan)).toBe(before.planRow);
    expect(await versions()).toBe(before.versions);
  });
});
