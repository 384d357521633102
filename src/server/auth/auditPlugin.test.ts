import { rmSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { createBaseApp } from '../fastifyBase';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import type { Actor } from './actor';
import { auditPlugin } from './auditPlugin';
import { createAuditTrail, type AuditLog, type AuditPage, type AuditVerification } from './auditTrail';
import type { Role } from './roles';

/*
 * The audit routes and the 403 hook on a Fastify app with PercuPlan's conventions (error
 * envelope), with a stand-in for the auth plugin: the test's onRequest hook sets request.actor
 * from an `x-test-roles` header.
 */

let db: SqlClient;
let dbDir: string;
let audit: AuditLog;
let app: FastifyInstance;

const actor = (username: string, roles: Role[]): Actor => ({
  username,
  name: username,
  roles,
  mode: 'accounts',
  sessionHash: 'f'.repeat(64),
  address: '192.0.2.7',
  csrfToken: 'token',
});

beforeAll(async () => {
  dbDir = await freshPgliteDir();
  db = await openPglite(dbDir);
  await migrateSchema(db);
  audit = createAuditTrail(db);
  app = await createBaseApp({ defaultActor: 'nobody' });
  app.addHook('onRequest', async (request) => {
    const header = request.headers['x-test-user'];
    const [username, ...roles] = typeof header === 'string' ? header.split(',') : ['anon'];
    request.actor = actor(username ?? 'anon', roles as Role[]);
  });
  // A route registered before the plugin and one with a wildcard: the hook covers both.
  app.post('/api/cases/:id', { config: { action: 'case.write' } }, async () => ({ ok: true }));
  await app.register(auditPlugin, { audit });
  app.get('/api/files/*', { config: { action: 'study.read' } }, async () => ({ ok: true }));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  if (dbDir) rmSync(path.dirname(dbDir), { recursive: true, force: true });
});

const ADMIN = 'root-admin,admin';
const get = (url: string, user = ADMIN) => app.inject({ method: 'GET', url, headers: { 'x-test-user': user } });
/** The newest rows straight from the trail (not through the routes, which add rows of their own). */
const newest = async (n = 1) => (await audit.query({ pageSize: n })).events;

describe('audit routes', () => {
  it('lists the trail newest first, paged, and records the read itself as audit.read (110101) with its filters', async () => {
    await audit.record({ event: 'auth.login', actor: actor('dr-a', ['attending']) });
    await audit.record({ event: 'case.read', actor: actor('dr-a', ['attending']), caseId: 'case-1' });
    await audit.record({ event: 'case.read', actor: actor('trainee-b', ['trainee']), caseId: 'case-2' });
    const res = await get('/api/audit?account=dr-a&pageSize=1&page=2');
    expect(res.statusCode).toBe(200);
    const body = res.json<AuditPage>();
    expect(body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(body.events.map((e) => e.event)).toEqual(['auth.login']);
    const [read] = await newest();
    expect(read).toMatchObject({
      event: 'audit.read',
      dicomCode: '110101',
      action: 'R',
      account: 'root-admin',
      roles: ['admin'],
      detail: { filter: { account: 'dr-a', page: 2, pageSize: 1, format: 'json' } },
    });
    const byCase = (await get('/api/audit?case=case-2')).json<AuditPage>();
    expect(byCase.events.map((e) => [e.account, e.caseId])).toEqual([['trainee-b', 'case-2']]);
    const byEvent = (await get('/api/audit?event=audit.read')).json<AuditPage>();
    expect(byEvent.total).toBe(2);
  });

  it('refuses filters that are not valid with 400 invalid-query and the offending field', async () => {
    const res = await get('/api/audit?event=case.delete&from=yesterday');
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; issues: { path: string }[] }>();
    expect(body.code).toBe('invalid-query');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['query:event', 'query:from']);
  });

  it('answers the FHIR bundle with the FHIR media type', async () => {
    const res = await get('/api/audit/fhir?event=case.read');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    const bundle = res.json<{ resourceType: string; type: string; total: number; entry: { resource: { type: { code: string }; agent: { who: { identifier: { value: string } } }[] } }[] }>();
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(bundle.entry.map((e) => [e.resource.type.code, e.resource.agent[0]?.who.identifier.value])).toEqual([
      ['110110', 'trainee-b'],
      ['110110', 'dr-a'],
    ]);
    expect((await newest())[0]?.detail).toEqual({ filter: { event: 'case.read', format: 'fhir' } });
  });

  it('verifies the chain', async () => {
    const res = await get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    const { total } = await audit.query();
    // The verify read is recorded after the check, so the check saw one row fewer than there are now.
    expect(res.json<AuditVerification>()).toEqual({ ok: true, checked: total - 1 });
  });
});

describe('every 403 is a security alert', () => {
  it('refuses the trail to a non-admin and records that refusal (110113) with actor, method and path without query', async () => {
    for (const url of ['/api/audit?account=dr-a', '/api/audit/fhir', '/api/audit/verify']) {
      const res = await get(url, 'trainee-b,trainee');
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'forbidden' });
      // Recorded before the answer left: the row is there now.
      const [row] = await newest();
      expect(row).toMatchObject({
        event: 'security.forbidden',
        dicomCode: '110113',
        action: 'E',
        outcome: 4,
        account: 'trainee-b',
        roles: ['trainee'],
        sessionHash: 'f'.repeat(64),
        address: '192.0.2.7',
        detail: { method: 'GET', path: url.split('?')[0], status: 403, code: 'forbidden' },
      });
    }
    // No audit.read row for the refused reads.
    expect((await audit.query({ event: 'audit.read', account: 'trainee-b' })).total).toBe(0);
  });

  it('records a 403 of another route, and keeps only the route pattern for a wildcard path', async () => {
    const post = await app.inject({ method: 'POST', url: '/api/cases/abc-123?x=DOE', headers: { 'x-test-user': 'board-c,board', 'content-type': 'application/json' }, payload: '{}' });
    expect(post.statusCode).toBe(403);
    expect((await newest())[0]).toMatchObject({ account: 'board-c', detail: { method: 'POST', path: '/api/cases/abc-123', route: '/api/cases/:id', code: 'forbidden' } });
    const file = await get('/api/files/DOE_JOHN/IM0001.dcm', 'root-admin,admin');
    expect(file.statusCode).toBe(403);
    const [row] = await newest();
    expect(row?.detail).toEqual({ method: 'GET', route: '/api/files/*', status: 403, code: 'forbidden' });
    expect(JSON.stringify(row)).not.toContain('DOE');
  });

  it('does not record answers other than 403', async () => {
    const before = (await audit.query({ event: 'security.forbidden' })).total;
    expect((await get('/api/files/x', 'dr-a,attending')).statusCode).toBe(200);
    expect((await get('/api/nothing-here', 'dr-a,attending')).statusCode).toBe(404);
    expect((await audit.query({ event: 'security.forbidden' })).total).toBe(before);
  });
});
