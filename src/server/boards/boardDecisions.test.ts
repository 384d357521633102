import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planContentSchema, type BoardDocument, type CaseDocument, type OpenDecision } from '../../records';
import { authBackends } from '../auth/testDatabases';
import type { SqlClient } from '../records/sqlClient';
import { boardsTestApp, type BoardsTestApp } from './boardsTestApp';

/*
 * Comments, discussion times, decisions and their follow-through in accounts mode, on both
 * databases: an attending (att) decides, a board account (brd) comments but cannot change a
 * decision, a case or a plan, a trainee (trn) edits meetings but cannot forge a decision.
 */

const { backends, stop } = await authBackends();
afterAll(() => stop());

const decisionBody = {
  recommendations: ['microwave-ablation', 'vertebroplasty'],
  rationale: 'Painful L2 lesion, SINS 9, no epidural disease',
  consensus: 'dissent',
  dissenters: [{ name: 'Dr B', reason: 'Would irradiate first' }],
  trial: { eligible: 'no' },
  actionBy: 'IR team',
  dueDate: '2026-12-24',
};

describe.each(backends)('board decisions and comments on $name (accounts mode)', (backend) => {
  let db: SqlClient;
  let t: BoardsTestApp;
  let board: BoardDocument;
  let c1: string, c2: string, c3: string;
  let planId: string;
  const item = (doc: BoardDocument, caseId: string) => doc.items.find((i) => i.caseId === caseId);
  const getCase = async (id: string) => (await t.call('att', 'GET', `/api/cases/${id}`)).body as unknown as CaseDocument;
  const itemUrl = (caseId: string, tail: string) => `/api/boards/${board.id}/items/${caseId}/${tail}`;

  beforeAll(async () => {
    if (backend.skip) return;
    db = await backend.freshDb();
    t = await boardsTestApp(db, { att: ['attending'], brd: ['board'], trn: ['trainee'] });
    [c1, c2, c3] = t.caseIds as [string, string, string];
    const plan = await t.records.createPlan(c1, planContentSchema.parse({ seriesInstanceUID: '1.2.826.0.1.1', frameOfReferenceUID: '1.2.826.0.1.2' }), 'att');
    if (plan.kind !== 'saved') throw new Error('no plan');
    planId = plan.value.id;
    const items = t.caseIds.map((caseId, k) => ({ caseId, reason: `Reason ${k + 1}`, question: `Question ${k + 1}` }));
    board = (await t.call('att', 'POST', '/api/boards', { title: 'Bone metastasis board', date: '2026-12-10', items })).body as unknown as BoardDocument;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.close();
  });

  it.skipIf(!!backend.skip)('a board account comments (201, signed, oldest first); unknown meeting or case off the agenda is 404', async () => {
    t.setTime('2026-12-10T09:01:00.000Z');
    const first = await t.call('brd', 'POST', itemUrl(c1, 'comments'), { text: 'Fracture risk looks low' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ boardId: board.id, caseId: c1, text: 'Fracture risk looks low', by: 'brd (Brd)', at: '2026-12-10T09:01:00.000Z' });
    t.setTime('2026-12-10T09:02:30.000Z');
    expect((await t.call('att', 'POST', itemUrl(c2, 'comments'), { text: 'Second' })).status).toBe(201);
    const list = await t.call('brd', 'GET', `/api/boards/${board.id}/comments`);
    expect((list.body.comments as { text: string; by: string }[]).map((c) => [c.text, c.by])).toEqual([['Fracture risk looks low', 'brd (Brd)'], ['Second', 'att (Att)']]);
    expect((await t.call('brd', 'POST', `/api/boards/00000000-0000-4000-8000-000000000000/items/${c1}/comments`, { text: 'x' })).status).toBe(404);
    expect((await t.call('brd', 'POST', itemUrl('00000000-0000-4000-8000-000000000001', 'comments'), { text: 'x' })).status).toBe(404);
    const empty = await t.call('brd', 'POST', itemUrl(c1, 'comments'), { text: '  ' });
    expect([empty.status, (empty.body.issues as { path: string }[]).map((i) => i.path)]).toEqual([400, ['text']]);
    // A trainee has no board.comment.
    expect((await t.call('trn', 'POST', itemUrl(c1, 'comments'), { text: 'x' })).status).toBe(403);
  });

  it.skipIf(!!backend.skip)('refuses a board account that records a decision, saves a case or a plan (403)', async () => {
    const decide = await t.call('brd', 'PUT', itemUrl(c1, 'decision'), decisionBody);
    expect([decide.status, decide.body.code]).toEqual([403, 'forbidden']);
    expect((await t.call('brd', 'PUT', itemUrl(c1, 'decision/follow-through'), { state: 'implemented' })).status).toBe(403);
    expect((await t.call('trn', 'PUT', itemUrl(c1, 'decision'), decisionBody)).status).toBe(403);
    const kase = await getCase(c1);
    expect((await t.call('brd', 'PUT', `/api/cases/${c1}`, { ...kase, notes: 'changed' }, { 'if-match': `"${kase.version}"` })).status).toBe(403);
    const plan = (await t.call('att', 'GET', `/api/plans/${planId}`)).body;
    expect((await t.call('brd', 'PUT', `/api/plans/${planId}`, { ...plan, title: 'changed' }, { 'if-match': `"${String(plan.version)}"` })).status).toBe(403);
    expect((await getCase(c1)).version).toBe(kase.version);
  });

  it.skipIf(!!backend.skip)('records discussion spans: start, start again (unchanged), switch to another case, stop', async () => {
    t.setTime('2026-12-10T09:05:00.000Z');
    const started = await t.call('att', 'POST', itemUrl(c1, 'discussion'), { event: 'start' });
    expect(started.status).toBe(200);
    const v = (started.body as unknown as BoardDocument).version;
    expect(item(started.body as unknown as BoardDocument, c1)?.discussion).toEqual([{ startedAt: '2026-12-10T09:05:00.000Z', stoppedAt: null }]);
    t.setTime('2026-12-10T09:06:00.000Z');
    const again = await t.call('att', 'POST', itemUrl(c1, 'discussion'), { event: 'start' });
    expect([(again.body as unknown as BoardDocument).version, again.headers['x-percuplan-change']]).toEqual([v, 'unchanged']);
    t.setTime('2026-12-10T09:12:00.000Z');
    const switched = (await t.call('att', 'POST', itemUrl(c2, 'discussion'), { event: 'start' })).body as unknown as BoardDocument;
    expect(item(switched, c1)?.discussion).toEqual([{ startedAt: '2026-12-10T09:05:00.000Z', stoppedAt: '2026-12-10T09:12:00.000Z' }]);
    expect(item(switched, c2)?.discussion).toEqual([{ startedAt: '2026-12-10T09:12:00.000Z', stoppedAt: null }]);
    t.setTime('2026-12-10T09:15:30.000Z');
    const stopped = (await t.call('att', 'POST', itemUrl(c2, 'discussion'), { event: 'stop' })).body as unknown as BoardDocument;
    expect(item(stopped, c2)?.discussion).toEqual([{ startedAt: '2026-12-10T09:12:00.000Z', stoppedAt: '2026-12-10T09:15:30.000Z' }]);
    expect(stopped.version).toBe(v + 2);
    expect((await t.call('brd', 'POST', itemUrl(c2, 'discussion'), { event: 'start' })).status).toBe(403);
    expect((await t.call('att', 'POST', itemUrl(c2, 'discussion'), { event: 'pause' })).status).toBe(400);
    board = stopped;
  });

  it.skipIf(!!backend.skip)('an attending decision: signed on the item, a new case version by the attending with the decision section mapped', async () => {
    const before = await getCase(c1);
    t.setTime('2026-12-10T09:20:00.000Z');
    await t.call('att', 'POST', itemUrl(c1, 'discussion'), { event: 'start' });
    t.setTime('2026-12-10T09:25:00.000Z');
    const res = await t.call('att', 'PUT', itemUrl(c1, 'decision'), decisionBody);
    expect(res.status).toBe(200);
    const answered = res.body as { board: BoardDocument; case: { id: string; version: number } };
    expect(answered.case).toEqual({ id: c1, version: before.version + 1 });
    const it1 = item(answered.board, c1);
    expect(it1?.status).toBe('discussed');
    expect(it1?.discussion.at(-1)).toEqual({ startedAt: '2026-12-10T09:20:00.000Z', stoppedAt: '2026-12-10T09:25:00.000Z' });
    expect(it1?.decision).toMatchObject({ recordedBy: 'att (Att)', recordedAt: '2026-12-10T09:25:00.000Z', followThrough: null, dueDate: '2026-12-24' });
    const after = await getCase(c1);
    expect(after.decision).toEqual({
      outcome: 'accepted',
      procedures: ['microwave-ablation', 'vertebroplasty'],
      accessRoute: '',
      rationale: 'Painful L2 lesion, SINS 9, no epidural disease',
      date: '2026-12-10',
      decidedBy: 'Bone metastasis board, 2026-12-10',
    });
    expect(after.boardDecisions).toHaveLength(1);
    expect(after.boardDecisions[0]).toMatchObject({ id: it1?.decision?.id, boardId: board.id, boardTitle: 'Bone metastasis board', meetingDate: '2026-12-10', recordedBy: 'att (Att)' });
    const history = (await t.call('att', 'GET', `/api/cases/${c1}/history`)).body.entries as { version: number; by: string; changes: { paths: string[] } }[];
    expect(history.at(-1)).toMatchObject({ version: before.version + 1, by: 'att' });
    expect(history.at(-1)?.changes.paths).toEqual(expect.arrayContaining(['decision.outcome', 'boardDecisions[0]']));
    const bad = await t.call('att', 'PUT', itemUrl(c1, 'decision'), { recommendations: [], rationale: ' ', consensus: 'dissent', actionBy: 'x' });
    expect(bad.status).toBe(400);
    // No recommendation, a blank rationale, and dissent without naming who dissented.
    expect((bad.body.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['dissenters', 'rationale', 'recommendations']);
  });

  it.skipIf(!!backend.skip)('replacing a decision keeps its id and the one case entry; a case save cannot change board decisions', async () => {
    const first = item((await t.call('att', 'GET', `/api/boards/${board.id}`)).body as unknown as BoardDocument, c1)?.decision;
    t.setTime('2026-12-10T09:30:00.000Z');
    const res = await t.call('att', 'PUT', itemUrl(c1, 'decision'), { recommendations: ['no-intervention'], rationale: 'Too frail', consensus: 'consensus', actionBy: 'Oncology' });
    expect(res.status).toBe(200);
    const replaced = item((res.body as { board: BoardDocument }).board, c1)?.decision;
    expect([replaced?.id, replaced?.recordedAt]).toEqual([first?.id, '2026-12-10T09:30:00.000Z']);
    const kase = await getCase(c1);
    expect(kase.boardDecisions.map((d) => [d.id, d.recommendations])).toEqual([[first?.id, ['no-intervention']]]);
    expect(kase.decision).toMatchObject({ outcome: 'declined', procedures: [], rationale: 'Too frail' });
    // An attending's case save with a forged copy: stored decisions kept, the save note says so.
    const forged = { ...kase, notes: 'edited', boardDecisions: [{ ...kase.boardDecisions[0], rationale: 'Forged' }] };
    const saved = await t.call('att', 'PUT', `/api/cases/${c1}`, forged, { 'if-match': `"${kase.version}"` });
    expect(saved.status).toBe(200);
    expect(JSON.parse(decodeURIComponent(String(saved.headers['x-percuplan-save-notes'])))).toEqual([expect.stringMatching(/^boardDecisions: the stored board decisions \(1\) were kept/)]);
    const now = await getCase(c1);
    expect([now.notes, now.boardDecisions[0]?.rationale]).toEqual(['edited', 'Too frail']);
    // A save that leaves them as they are has no note.
    const plain = await t.call('att', 'PUT', `/api/cases/${c1}`, { ...now, notes: 'again' }, { 'if-match': `"${now.version}"` });
    expect([plain.status, plain.headers['x-percuplan-save-notes']]).toEqual([200, undefined]);
    // A new case cannot bring decisions either.
    const created = await t.call('att', 'POST', '/api/cases', { patient: { pseudonym: 'BM-009' }, boardDecisions: now.boardDecisions });
    expect([created.status, (created.body as unknown as CaseDocument).boardDecisions]).toEqual([201, []]);
  });

  it.skipIf(!!backend.skip)('open decisions shrink as follow-through is recorded; follow-through needs a decision and a reason', async () => {
    t.setTime('2026-12-10T09:40:00.000Z');
    expect((await t.call('att', 'PUT', itemUrl(c3, 'decision'), { recommendations: ['more-imaging'], rationale: 'MRI first', consensus: 'consensus', actionBy: 'Radiology' })).status).toBe(200);
    const open = async () => ((await t.call('brd', 'GET', '/api/board-decisions?open=true')).body.decisions as OpenDecision[]).filter((d) => d.boardId === board.id);
    expect((await open()).map((d) => [d.caseId, d.caseTitle, d.meetingDate])).toEqual([[c1, 'BM-001', '2026-12-10'], [c3, 'BM-003', '2026-12-10']]);
    expect((await t.call('att', 'PUT', itemUrl(c2, 'decision/follow-through'), { state: 'implemented' })).status).toBe(409);
    const noReason = await t.call('att', 'PUT', itemUrl(c1, 'decision/follow-through'), { state: 'not-implemented' });
    expect([noReason.status, (noReason.body.issues as { path: string }[]).map((i) => i.path)]).toEqual([400, ['reason']]);
    const before = await getCase(c1);
    t.setTime('2026-12-20T08:00:00.000Z');
    const done = await t.call('att', 'PUT', itemUrl(c1, 'decision/follow-through'), { state: 'not-implemented', reason: 'Patient declined' });
    expect(done.status).toBe(200);
    const expected = { state: 'not-implemented', reason: 'Patient declined', recordedBy: 'att (Att)', recordedAt: '2026-12-20T08:00:00.000Z' };
    expect(item((done.body as { board: BoardDocument }).board, c1)?.decision?.followThrough).toEqual(expected);
    const kase = await getCase(c1);
    expect([kase.version, kase.boardDecisions[0]?.followThrough, kase.decision]).toEqual([before.version + 1, expected, before.decision]);
    expect((await open()).map((d) => d.caseId)).toEqual([c3]);
    const again = await t.call('att', 'PUT', itemUrl(c1, 'decision'), decisionBody);
    expect([again.status, again.body.code]).toEqual([409, 'decision-followed-through']);
  });

  it.skipIf(!!backend.skip)('a saved meeting keeps the stored decisions and times; closing carries cases without them', async () => {
    const stored = (await t.call('att', 'GET', `/api/boards/${board.id}`)).body as unknown as BoardDocument;
    const forged = structuredClone(stored);
    forged.items = forged.items.map((i) => ({ ...i, discussion: [], decision: i.decision && { ...i.decision, rationale: 'Forged', followThrough: null } }));
    const c2Item = forged.items.find((i) => i.caseId === c2);
    if (c2Item) c2Item.decision = { ...(stored.items[0]?.decision ?? decisionBody), id: '00000000-0000-4000-8000-00000000000f' } as never;
    const save = await t.call('trn', 'PUT', `/api/boards/${board.id}`, { ...forged, title: 'Bone metastasis board' }, { 'if-match': `"${stored.version}"` });
    expect(save.status).toBe(200);
    const after = (await t.call('att', 'GET', `/api/boards/${board.id}`)).body as unknown as BoardDocument;
    expect(after.items.map((i) => [i.decision, i.discussion])).toEqual(stored.items.map((i) => [i.decision, i.discussion]));
    const closed = await t.call('att', 'POST', `/api/boards/${board.id}/close`, {});
    expect(closed.body.moved).toEqual([c2]);
    const next = (await t.call('att', 'GET', `/api/boards/${(closed.body.next as { id: string }).id}`)).body as unknown as BoardDocument;
    expect(next.items.map((i) => [i.caseId, i.discussion, i.decision])).toEqual([[c2, [], null]]);
    // Closed: no more discussion times, but a decision can still be recorded (minutes completed afterwards).
    expect(((await t.call('att', 'POST', itemUrl(c2, 'discussion'), { event: 'start' })).body.code)).toBe('meeting-closed');
    expect((await t.call('att', 'PUT', itemUrl(c2, 'decision'), decisionBody)).status).toBe(200);
  });

  it.skipIf(!!backend.skip)('answers 405 with Allow on the item routes, and audits comments, decisions and follow-through', async () => {
    const wrong = await t.call('att', 'GET', itemUrl(c1, 'decision'));
    expect([wrong.status, wrong.headers.allow]).toEqual([405, 'PUT']);
    const openapi = (await t.call('att', 'GET', '/api/openapi.json')).body.paths as Record<string, unknown>;
    expect(Object.keys(openapi)).toEqual(
      expect.arrayContaining(['/api/boards/{id}/comments', '/api/boards/{id}/items/{caseId}/comments', '/api/boards/{id}/items/{caseId}/discussion', '/api/boards/{id}/items/{caseId}/decision', '/api/boards/{id}/items/{caseId}/decision/follow-through', '/api/board-decisions']),
    );
    const rows = await db.query<{ event: string; account: string; case_id: string | null; detail: { path?: string } | null }>(
      "SELECT event, account, case_id::text AS case_id, detail FROM audit_events WHERE event IN ('board.comment', 'board.decide', 'board.follow-through') ORDER BY seq",
    );
    expect(rows.find((r) => r.event === 'board.comment')).toMatchObject({ account: 'brd', case_id: c1, detail: { path: itemUrl(c1, 'comments') } });
    expect(rows.filter((r) => r.event === 'board.decide').map((r) => r.account)).toEqual(['att', 'att', 'att', 'att']);
    expect(rows.find((r) => r.event === 'board.follow-through')).toMatchObject({ account: 'att', case_id: c1, detail: { path: itemUrl(c1, 'decision/follow-through') } });
  });
});
