import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardDocument, CaseDocument, OpenDecision } from '../../records';
import { freshPgliteDb } from '../auth/testDatabases';
import type { SqlClient } from '../records/sqlClient';
import { boardsTestApp, type BoardsTestApp } from './boardsTestApp';

/*
 * Single-user mode (no account: the local user is attending and admin): the meeting routes work
 * without sign-in, and X-PercuPlan-User names who recorded a decision, as on the case routes.
 */

let db: SqlClient;
let t: BoardsTestApp;
let board: BoardDocument;
let local: string;

beforeAll(async () => {
  db = await freshPgliteDb();
  t = await boardsTestApp(db, {});
  local = ((await t.call('', 'GET', '/api/auth/me')).body.user as { username: string }).username;
  const items = t.caseIds.map((caseId) => ({ caseId, reason: 'r', question: 'q' }));
  board = (await t.call('', 'POST', '/api/boards', { title: 'Spine board', date: '2027-01-07', items })).body as unknown as BoardDocument;
}, 60_000);

afterAll(async () => {
  await t?.close();
  await db?.close();
});

describe('board meeting routes in single-user mode', () => {
  it('comments, times and decides as the local user; the case history names who recorded it', async () => {
    const [c1, c2] = t.caseIds as [string, string];
    t.setTime('2027-01-07T16:00:00.000Z');
    const comment = await t.call('', 'POST', `/api/boards/${board.id}/items/${c1}/comments`, { text: 'Looks fine' });
    expect([comment.status, comment.body.by]).toEqual([201, local]);
    const started = await t.call('', 'POST', `/api/boards/${board.id}/items/${c1}/discussion`, { event: 'start' });
    expect((started.body as unknown as BoardDocument).items[0]?.discussion).toEqual([{ startedAt: '2027-01-07T16:00:00.000Z', stoppedAt: null }]);
    t.setTime('2027-01-07T16:04:00.000Z');
    const decided = await t.call('', 'PUT', `/api/boards/${board.id}/items/${c1}/decision`, { recommendations: ['sacroplasty'], rationale: 'Sacral insufficiency', consensus: 'consensus', actionBy: 'IR' }, { 'x-percuplan-user': 'dr-x' });
    expect(decided.status).toBe(200);
    const stored = (decided.body as { board: BoardDocument }).board.items[0];
    expect([stored?.decision?.recordedBy, stored?.discussion[0]?.stoppedAt]).toEqual(['dr-x', '2027-01-07T16:04:00.000Z']);
    const kase = (await t.call('', 'GET', `/api/cases/${c1}`)).body as unknown as CaseDocument;
    expect([kase.version, kase.decision.outcome, kase.decision.procedures, kase.decision.decidedBy]).toEqual([2, 'accepted', ['sacroplasty'], 'Spine board, 2027-01-07']);
    const history = (await t.call('', 'GET', `/api/cases/${c1}/history`)).body.entries as { by: string }[];
    expect(history.map((h) => h.by)).toEqual(['seed', 'dr-x']);
    // The local user decides for a second case; both are open until followed through.
    await t.call('', 'PUT', `/api/boards/${board.id}/items/${c2}/decision`, { recommendations: ['radiotherapy'], rationale: 'SBRT', consensus: 'consensus', actionBy: 'RT' });
    const open = (await t.call('', 'GET', '/api/board-decisions?open=true')).body.decisions as OpenDecision[];
    expect(open.map((d) => [d.caseTitle, d.decision.recordedBy])).toEqual([['BM-001', 'dr-x'], ['BM-002', local]]);
    expect((await t.call('', 'GET', '/api/board-decisions?open=false')).status).toBe(400);
  });
});
