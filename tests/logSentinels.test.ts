import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAccountsRepository } from '../src/server/auth/accountsRepository';
import { startServer } from '../src/server/main';
import { openPglite } from '../src/server/records/pgliteClient';
import { migrateSchema } from '../src/server/records/schemaMigrations';
import { freshPgliteDir } from './support/pgliteTemplate';

/*
 * Application logs never hold a patient's name or identifier, nor a password. The real server
 * runs in accounts mode in this process with every console method and both standard streams
 * captured; the test signs in (wrong and right), creates and reads a case whose patient is a
 * sentinel, saves a plan, exports, and provokes 400, 401, 403 and 404 answers. No captured line
 * may contain a sentinel; nor may the audit trail.
 */

const PATIENT_NAME = 'SENTINEL^PATIENT';
const PATIENT_ID = 'SENT-ID-91827';
const PASSWORD = 'sentinel-password-2718';
const SENTINELS = [PATIENT_NAME, PATIENT_ID, PASSWORD, 'SENTINEL%5EPATIENT', 'SENTINEL'];

const captured: string[] = [];
let server: { url: string; close: () => Promise<void> } | undefined;
let dir: string;

/** Captures what is written while still letting it through (so a failing run can be read). */
function capture(): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method].bind(console);
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      captured.push(format(...args));
      original(...args);
    });
  }
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
      return original(chunk, ...rest);
    }) as typeof stream.write);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'percuplan-sentinels-'));
  const dataDir = path.join(dir, 'data');
  const samples = mkdtempSync(path.join(dir, 'samples-'));
  // The first account, made before the server starts (as `npm run users -- add` would): accounts mode from the start.
  const dbDir = await freshPgliteDir(dataDir);
  const db = await openPglite(dbDir);
  await migrateSchema(db);
  await createAccountsRepository(db).create({ username: 'sentinel-admin', name: 'Admin', roles: ['admin'], password: PASSWORD });
  await db.close();
  capture();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, SAMPLE_DIR: samples, PERCUPLAN_DEMO: '0' };
  for (const k of ['DATABASE_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL', 'DICOMWEB_URL']) delete env[k];
  server = await startServer(env);
});

afterAll(async () => {
  await server?.close();
  vi.restoreAllMocks();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A signed-in client: its cookie and CSRF token. */
interface Session {
  cookie: string;
  csrf: string;
}

async function call(method: string, url: string, options: { session?: Session; body?: unknown; raw?: string; csrf?: boolean } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.session) headers.cookie = options.session.cookie;
  if (options.session && options.csrf !== false && method !== 'GET') headers['x-csrf-token'] = options.session.csrf;
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
  return fetch(`${server?.url}${url}`, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
}

async function login(username: string, password: string): Promise<Session | number> {
  const res = await call('POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) return res.status;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; ');
  return { cookie, csrf: csrfToken };
}

const sessionOf = (s: Session | number): Session => {
  if (typeof s === 'number') throw new Error(`sign-in failed with ${s}`);
  return s;
};

describe('logs hold no patient names, patient ids or passwords', () => {
  it('runs a working day with sentinel values and finds none of them in any log line', async () => {
    // Refused sign-ins: a wrong password, a password typed into the user-name box, a patient's name as user.
    expect(await login('sentinel-admin', `${PASSWORD}-wrong`)).toBe(401);
    expect(await login(PASSWORD, PASSWORD)).toBe(401);
    expect(await login(PATIENT_NAME, PASSWORD)).toBe(401);
    expect((await call('GET', `/api/cases?q=${encodeURIComponent(PATIENT_NAME)}`)).status).toBe(401);

    const admin = sessionOf(await login('sentinel-admin', PASSWORD));
    const created = await call('POST', '/api/admin/accounts', {
      session: admin,
      body: { username: 'sentinel-attending', name: 'Dr Attending', roles: ['attending'], password: `${PASSWORD}-att` },
    });
    expect(created.status).toBe(201);
    // An administrator sees no patient data: 403, audited.
    expect((await call('GET', `/api/cases?q=${encodeURIComponent(PATIENT_NAME)}`, { session: admin })).status).toBe(403);

    const dr = sessionOf(await login('sentinel-attending', `${PASSWORD}-att`));
    const patient = { pseudonym: PATIENT_NAME, pseudonymous: false, identifiers: [{ system: 'urn:oid:1.2.3.4.5', value: PATIENT_ID }] };
    const made = await call('POST', '/api/cases', { session: dr, body: { patient, title: `${PATIENT_NAME} ${PATIENT_ID}` } });
    expect(made.status).toBe(201);
    const caseDoc = (await made.json()) as { id: string; version: number };
    const read = await call('GET', `/api/cases/${caseDoc.id}`, { session: dr });
    expect(read.status).toBe(200);
    // The sentinels really are in the data the server handled.
    expect(await read.text()).toContain(PATIENT_ID);
    expect((await call('GET', `/api/cases?q=${encodeURIComponent(PATIENT_NAME)}`, { session: dr })).status).toBe(200);
    const plan = await call('POST', `/api/cases/${caseDoc.id}/plans`, {
      session: dr,
      body: { title: `Plan for ${PATIENT_NAME}`, seriesInstanceUID: '1.2.826.0.1.3680043.99.1', frameOfReferenceUID: '1.2.826.0.1.3680043.99.2' },
    });
    expect(plan.status).toBe(201);
    expect((await call('GET', `/api/cases/${caseDoc.id}/fhir`, { session: dr })).status).toBe(200);

    // Errors that echo what was sent: bad JSON, bad fields, a stale save, unknown ids, a missing CSRF token.
    expect((await call('POST', '/api/cases', { session: dr, raw: `{"patient":{"pseudonym":"${PATIENT_NAME}"` })).status).toBe(400);
    expect((await call('POST', '/api/cases', { session: dr, body: { patient: { ...patient, sex: PATIENT_ID }, [PATIENT_NAME]: PATIENT_ID } })).status).toBe(400);
    expect((await call('PUT', `/api/cases/${caseDoc.id}`, { session: dr, body: { version: caseDoc.version + 5, patient } })).status).toBe(409);
    expect((await call('GET', `/api/cases/${PATIENT_ID}`, { session: dr })).status).toBe(404);
    expect((await call('GET', `/api/cases/00000000-0000-4000-8000-000000000000`, { session: dr })).status).toBe(404);
    expect((await call('GET', `/api/${encodeURIComponent(PATIENT_NAME)}`, { session: dr })).status).toBe(404);
    expect((await call('POST', '/api/cases', { session: dr, body: { patient }, csrf: false })).status).toBe(403);
    expect((await call('POST', '/api/auth/logout', { session: dr })).status).toBe(204);

    // The audit trail holds identifiers only.
    const trail = await call('GET', '/api/audit?pageSize=500', { session: admin });
    expect(trail.status).toBe(200);
    const trailText = await trail.text();
    expect(trailText).toContain('security.forbidden');
    // The CSRF refusal of the auth plugin's hook is a 403 too, recorded with its code.
    expect(trailText).toContain('"code":"csrf"');
    expect(trailText).toContain(caseDoc.id);
    const fhir = await (await call('GET', '/api/audit/fhir?pageSize=500', { session: admin })).text();
    expect((await (await call('GET', '/api/audit/verify', { session: admin })).json()) as { ok: boolean }).toMatchObject({ ok: true });
    for (const s of SENTINELS) {
      expect(trailText, `the audit trail holds ${s}`).not.toContain(s);
      expect(fhir, `the FHIR audit export holds ${s}`).not.toContain(s);
    }

    await server?.close();
    server = undefined;
    // The capture works: the server's own start line went through it.
    expect(captured.some((line) => line.includes('PercuPlan') && line.includes('is running at'))).toBe(true);
    const leaks = captured.filter((line) => SENTINELS.some((s) => line.includes(s)));
    expect(leaks, `log lines with a sentinel:\n${leaks.join('\n')}`).toEqual([]);
  });
});
