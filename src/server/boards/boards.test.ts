import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { caseContentSchema, type BoardDocument } from '../../records';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { freshPgliteDb } from '../auth/testDatabases';
import { createCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { createRecordsHandler } from '../records/recordsRoutes';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { securityParts } from '../securityParts';
import { boardsRoutes } from './boardsRoutes';
import { createBoardsRepository } from './boardsRepository';

/*
 * The tumour board API on the whole app in accounts mode (embedded PGlite): an attending
 * creates, lists, reads, saves and closes meetings; a board account reads but cannot edit.
 */

const PASSWORD = 'correct horse battery';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-boards-'));
let db: SqlClient;
let app: FastifyInstance;
const caseIds: string[] = [];

interface Session {
  cookie: string;
  csrf: string;
}
const sessions: Record<'att' | 'brd', Session> = {} as never;

beforeAll(async () => {
  db = await freshPgliteDb();
  const accounts = createAccountsRepository(db, () => new Date());
  await accounts.create({ username: 'att', name: 'Attending', roles: ['attending'], password: PASSWORD });
  await accounts.create({ username: 'brd', name: 'Board', roles: ['board'], password: PASSWORD });
  const security = await securityParts({ HOST: '127.0.0.1' }, db);
  const records = createSqlRecordsRepository(db);
  for (const pseudonym of ['BM-001', 'BM-002', 'BM-003']) {
    caseIds.push((await records.createCase(caseContentSchema.parse({ patient: { pseudonym } }), 'seed')).id);
  }
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir: temp, distDir: path.join(temp, 'no-dist'), version: 'test' };
  app = await buildApp(config, {
    catalogue: createCatalogue([], studyListings),
    records: createRecordsHandler(records, { defaultActor: 'os-user', audit: security.audit }),
    plugins: security.plugins,
    audit: security.audit,
    boards: boardsRoutes(createBoardsRepository(db), { audit: security.audit, cases: records }),
  });
  await app.ready();
  for (const who of ['att', 'brd'] as const) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: who, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'percuplan_session');
    sessions[who] = { cookie: `percuplan_session=${cookie?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }
}, 60_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

async function call(who: 'att' | 'brd', method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) {
  const s = sessions[who];
  const res = await app.inject({ method, url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, headers: res.headers, body: res.json() as Record<string, unknown> };
}

const meeting = (date: string, title = 'Bone metastasis board') => ({
  title,
  date,
  attendees: [
    { name: 'Dr A', specialty: 'Interventional radiology' },
    { name: 'Dr B', specialty: 'Radiation oncology' },
  ],
  items: caseIds.map((caseId, k) => ({ caseId, reason: `Reason ${k + 1}`, question: `Question ${k + 1}` })),
});

describe('board meetings API', () => {
  let board: BoardDocument;

  it('creates a meeting with its id, defaults filled (attendees absent, items pending, empty checklist)', async () => {
    const res = await call('att', 'POST', '/api/boards', meeting('2026-12-10'));
    expect(res.status).toBe(201);
    board = res.body as unknown as BoardDocument;
    expect(board.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.location).toBe(`/api/boards/${board.id}`);
    expect(board.version).toBe(1);
    expect(board.status).toBe('open');
    expect(board.attendees.map((a) => a.present)).toEqual([false, false]);
    expect(board.items.map((i) => [i.caseId, i.status, i.preparation.imagesReviewed, i.preparation.planAttached])).toEqual(
      caseIds.map((id) => [id, 'pending', false, null]),
    );
  });

  it('refuses an unknown case with 422 naming the item, and a missing question with its path', async () => {
    const body = meeting('2026-12-10');
    body.items[1] = { caseId: '00000000-0000-4000-8000-000000000000', reason: 'r', question: 'q' };
    const res = await call('att', 'POST', '/api/boards', body);
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('invalid-fields');
    expect(res.body.issues).toEqual([{ path: 'items[1].caseId', message: 'No case 00000000-0000-4000-8000-000000000000' }]);
    const noQuestion = meeting('2026-12-10');
    noQuestion.items[2] = { caseId: caseIds[2] ?? '', reason: 'r', question: '  ' };
    const bad = await call('att', 'POST', '/api/boards', noQuestion);
    expect(bad.status).toBe(400);
    expect((bad.body.issues as { path: string }[]).map((i) => i.path)).toEqual(['items[2].question']);
    const twice = meeting('2026-12-10');
    twice.items[2] = { caseId: caseIds[0] ?? '', reason: 'r', question: 'q' };
    const dup = await call('att', 'POST', '/api/boards', twice);
    expect(dup.status).toBe(400);
    expect(dup.body.issues).toEqual([{ path: 'items[2].caseId', message: 'This case is already on the agenda' }]);
  });

  it('lists meetings newest first, paged, with case and ready counts', async () => {
    await call('att', 'POST', '/api/boards', meeting('2026-11-26', 'Spine board'));
    await call('att', 'POST', '/api/boards', { title: 'Spine board', date: '2027-01-07', items: [] });
    const all = await call('brd', 'GET', '/api/boards');
    expect(all.status).toBe(200);
    const rows = all.body.boards as { date: string; title: string; cases: number; ready: number }[];
    expect(rows.map((r) => r.date)).toEqual(['2027-01-07', '2026-12-10', '2026-11-26']);
    expect(rows.map((r) => [r.cases, r.ready])).toEqual([[0, 0], [3, 0], [3, 0]]);
    expect(all.body.total).toBe(3);
    const page = await call('att', 'GET', '/api/boards?limit=1&offset=1');
    expect((page.body.boards as { date: string }[]).map((r) => r.date)).toEqual(['2026-12-10']);
    expect((await call('att', 'GET', '/api/boards?limit=x')).status).toBe(400);
  });

  it('saves with If-Match, answers 409 with the current meeting on a stale version, and keeps the history', async () => {
    const edited = structuredClone(board);
    edited.attendees[0] = { name: 'Dr A', specialty: 'Interventional radiology', present: true };
    const item = edited.items[0];
    if (!item) throw new Error('no item');
    item.preparation = { imagesReviewed: true, keyImagesChosen: true, planAttached: null, preparedBy: 'att', preparedAt: '2026-12-09T10:00:00.000Z' };
    edited.items = [edited.items[2], edited.items[0], edited.items[1]].filter((i) => i !== undefined);
    const saved = await call('att', 'PUT', `/api/boards/${board.id}`, edited, { 'if-match': '"1"' });
    expect(saved.status).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    const got = await call('brd', 'GET', `/api/boards/${board.id}`);
    const doc = got.body as unknown as BoardDocument;
    expect(doc.version).toBe(2);
    expect(doc.items.map((i) => i.caseId)).toEqual([caseIds[2], caseIds[0], caseIds[1]]);
    expect(doc.attendees[0]?.present).toBe(true);
    const list = await call('att', 'GET', '/api/boards?limit=10');
    expect((list.body.boards as { id: string; ready: number }[]).find((b) => b.id === board.id)?.ready).toBe(1);

    const stale = await call('att', 'PUT', `/api/boards/${board.id}`, { ...edited, title: 'Other' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version-conflict');
    expect((stale.body.current as BoardDocument).version).toBe(2);
    expect((await call('att', 'PUT', `/api/boards/${board.id}`, { ...edited, version: undefined })).status).toBe(428);

    const history = await call('att', 'GET', `/api/boards/${board.id}/history`);
    const entries = history.body.entries as { version: number; action: string; by: string; changes: { paths: string[] } }[];
    expect(entries.map((e) => [e.version, e.action, e.by])).toEqual([[1, 'create', 'att'], [2, 'update', 'att']]);
    expect(entries[1]?.changes.paths.some((p) => p.startsWith('items'))).toBe(true);
    board = doc;
  });

  it('documents the routes in the OpenAPI description', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json', headers: { cookie: sessions.att.cookie } });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys((res.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/boards', '/api/boards/{id}', '/api/boards/{id}/close', '/api/boards/{id}/history']));
  });

  it('refuses a board account that edits, creates or closes a meeting (403), and lets it read', async () => {
    expect((await call('brd', 'GET', `/api/boards/${board.id}`)).status).toBe(200);
    const put = await call('brd', 'PUT', `/api/boards/${board.id}`, { ...board, title: 'Changed' }, { 'if-match': `"${board.version}"` });
    expect(put.status).toBe(403);
    expect(put.body.code).toBe('forbidden');
    expect((await call('brd', 'POST', '/api/boards', meeting('2026-12-17'))).status).toBe(403);
    expect((await call('brd', 'POST', `/api/boards/${board.id}/close`, {})).status).toBe(403);
    expect((await call('att', 'GET', `/api/boards/${board.id}`)).body.title).toBe('Bone metastasis board');
  });

  it('closing moves every item not discussed, with its preparation, to a new meeting one week later', async () => {
    const edited = structuredClone(board);
    // Agenda now: case 3, case 1 (prepared), case 2. Case 3 discussed, case 1 deferred, case 2 pending.
    edited.items = edited.items.map((i, k) => ({ ...i, status: k === 0 ? 'discussed' : k === 1 ? 'deferred' : 'pending' }));
    const saved = await call('att', 'PUT', `/api/boards/${board.id}`, edited, { 'if-match': `"${board.version}"` });
    expect(saved.status).toBe(200);
    const closed = await call('att', 'POST', `/api/boards/${board.id}/close`, { version: board.version + 1 });
    expect(closed.status).toBe(200);
    expect((closed.body.board as BoardDocument).status).toBe('closed');
    expect(closed.body.moved).toEqual([caseIds[0], caseIds[1]]);
    const next = closed.body.next as { id: string; date: string };
    // 2026-12-10 + 7 days.
    expect(next.date).toBe('2026-12-17');
    const carried = (await call('att', 'GET', `/api/boards/${next.id}`)).body as unknown as BoardDocument;
    expect(carried.title).toBe('Bone metastasis board');
    expect(carried.items.map((i) => [i.caseId, i.status, i.reason, i.question])).toEqual([
      [caseIds[0], 'pending', 'Reason 1', 'Question 1'],
      [caseIds[1], 'pending', 'Reason 2', 'Question 2'],
    ]);
    expect(carried.items[0]?.preparation).toEqual({ imagesReviewed: true, keyImagesChosen: true, planAttached: null, preparedBy: 'att', preparedAt: '2026-12-09T10:00:00.000Z' });
    // Closing again changes nothing and moves nothing.
    const again = await call('att', 'POST', `/api/boards/${board.id}/close`, {});
    expect(again.body.moved).toEqual([]);
  });

  it('audits reads and changes of meetings under the account that made them, naming the meeting by its path', async () => {
    const rows = await db.query<{ event: string; account: string; detail: { path?: string } | null }>(
      "SELECT event, account, detail FROM audit_events WHERE event LIKE 'board.%' ORDER BY seq",
    );
    const forBoard = rows.filter((r) => r.detail?.path === `/api/boards/${board.id}`);
    expect(forBoard.map((r) => r.event)).toEqual(expect.arrayContaining(['board.create', 'board.read', 'board.update']));
    expect(new Set(rows.filter((r) => r.event !== 'board.read').map((r) => r.account))).toEqual(new Set(['att']));
  });

  it('closing by PUT status closed carries items to the existing next meeting of the same board, not another board', async () => {
    // Spine board 2026-11-26 (3 pending cases); the next Spine board exists on 2027-01-07.
    const list = (await call('att', 'GET', '/api/boards')).body.boards as { id: string; title: string; date: string }[];
    const spine = list.find((b) => b.date === '2026-11-26');
    const target = list.find((b) => b.date === '2027-01-07');
    if (!spine || !target) throw new Error('missing fixtures');
    const doc = (await call('att', 'GET', `/api/boards/${spine.id}`)).body as unknown as BoardDocument;
    const res = await call('att', 'PUT', `/api/boards/${spine.id}`, { ...doc, status: 'closed' }, { 'if-match': `"${doc.version}"` });
    expect(res.status).toBe(200);
    expect((res.body.next as { id: string }).id).toBe(target.id);
    const after = (await call('att', 'GET', `/api/boards/${target.id}`)).body as unknown as BoardDocument;
    expect(after.items.map((i) => i.caseId)).toEqual(caseIds);
    expect(after.version).toBe(2);
    const total = (await call('att', 'GET', '/api/boards')).body.total;
    // Four meetings: the three created and the Bone metastasis board's carry-over; none added here.
    expect(total).toBe(4);
  });
});
