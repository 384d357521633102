import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { exerciseSchema, exerciseViewSchema, submissionAnswerSchema, type TeachingCase } from '../../records';
import { buildApp } from '../app';
import { createAccountsRepository } from '../auth/accountsRepository';
import { createCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import type { SqlClient } from '../records/sqlClient';
import { securityParts, type SecurityParts } from '../securityParts';
import { createTeachingRepository } from '../teaching/teachingRepository';
import { expertContent, FIXTURE, fixtureContent, storeFixture, straightNeedle } from './exerciseFixture';
import { exercisesFor } from './exercisesFor';
import { exerciseCountOf } from './exerciseCount';
import { hiddenByOpenUnknownExercise } from './hiddenTeachingCase';

/*
 * The exercise API on the whole app over embedded PGlite, in accounts mode (an attending, two
 * trainees and a board member) and in single-user mode. The teaching case is stored directly, with
 * a hand-made expert plan on a synthetic 1 mm grid the server does not hold as images: the
 * scorer measures on the grid of the expert's masks. Expected scores are worked by hand below.
 */

const PASSWORD = 'correct horse battery';
const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-exercises-'));
let db: SqlClient;
let security: SecurityParts;
let app: FastifyInstance;
let single: FastifyInstance;
const sessions: Record<string, { cookie: string; csrf: string }> = {};
let teaching: TeachingCase;
let noNeedle: TeachingCase;
let notCt: TeachingCase;

async function appWith(accounts: boolean): Promise<FastifyInstance> {
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir: temp, distDir: path.join(temp, 'no-dist'), version: 'test' };
  const planContext = { catalogue: defaultCatalogue(), volumeFor: async () => undefined };
  const a = await buildApp(config, {
    catalogue: createCatalogue([], studyListings),
    ...(accounts ? { plugins: security.plugins, audit: security.audit } : {}),
    exercises: exercisesFor({ db, planContext, audit: accounts ? security.audit : undefined }),
  });
  await a.ready();
  return a;
}

beforeAll(async () => {
  db = await openPglite();
  await migrateSchema(db);
  const accounts = createAccountsRepository(db, () => new Date());
  for (const [username, role] of [['att', 'attending'], ['trn', 'trainee'], ['trn2', 'trainee'], ['trn3', 'trainee'], ['brd', 'board']] as const) {
    await accounts.create({ username, name: username.toUpperCase(), roles: [role], password: PASSWORD });
  }
  security = await securityParts({ HOST: '127.0.0.1' }, db);
  const repo = createTeachingRepository(db);
  teaching = await storeFixture(repo);
  noNeedle = await storeFixture(repo, { withNeedle: false });
  notCt = await storeFixture(repo, { modality: 'MR' });
  app = await appWith(true);
  single = await appWith(false);
  for (const u of ['att', 'trn', 'trn2', 'trn3', 'brd']) {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    sessions[u] = { cookie: `percuplan_session=${res.cookies.find((c) => c.name === 'percuplan_session')?.value ?? ''}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await single?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

type Method = 'GET' | 'POST' | 'PATCH';
const call = async (who: string, method: Method, url: string, payload?: object) => {
  const s = sessions[who];
  const res = await app.inject({ method, url, headers: { cookie: s?.cookie ?? '', 'x-csrf-token': s?.csrf ?? '' }, ...(payload ? { payload } : {}) });
  return { status: res.statusCode, body: res.json() as Record<string, unknown>, text: res.body };
};
const submit = (who: string, id: string, ...needles: ReturnType<typeof straightNeedle>[]) =>
  call(who, 'POST', `/api/exercises/${id}/submissions`, { content: fixtureContent({ trajectories: needles }), effort: { planningTimeS: 277, edits: 3 } });

describe('exercises API, accounts mode', () => {
  let unknownId = '';

  it('publishing needs teaching.manage, a known teaching case, an expert plan with a needle and a CT series', async () => {
    expect((await call('trn', 'POST', '/api/exercises', { teachingCaseId: teaching.id, mode: 'unknown' })).status).toBe(403);
    const missing = await call('att', 'POST', '/api/exercises', { teachingCaseId: '00000000-0000-4000-8000-000000000000', mode: 'unknown' });
    expect([missing.status, missing.body.code]).toEqual([404, 'not-found']);
    const needleless = await call('att', 'POST', '/api/exercises', { teachingCaseId: noNeedle.id, mode: 'unknown' });
    expect([needleless.status, needleless.body.code]).toEqual([422, 'no-expert-plan']);
    // Naming the plan without a needle explicitly is refused too.
    const lesionOnly = await call('att', 'POST', '/api/exercises', { teachingCaseId: teaching.id, mode: 'unknown', expertPlanId: teaching.plans[0]!.id });
    expect([lesionOnly.status, lesionOnly.body.code]).toEqual([422, 'no-expert-plan']);
    const mr = await call('att', 'POST', '/api/exercises', { teachingCaseId: notCt.id, mode: 'known' });
    expect([mr.status, mr.body.code]).toEqual([422, 'no-ct-series']);
    expect((await call('att', 'POST', '/api/exercises', { teachingCaseId: teaching.id, mode: 'guess' })).status).toBe(400);

    const made = await call('att', 'POST', '/api/exercises', { teachingCaseId: teaching.id, mode: 'unknown' });
    expect(made.status).toBe(201);
    const exercise = exerciseSchema.parse(made.body);
    // The expert plan defaults to the first plan with a needle: the second.
    expect([exercise.expertPlanId, exercise.heading, exercise.status, exercise.createdBy]).toEqual([teaching.plans[1]!.id, 'Unknown case · intermediate', 'open', 'att']);
    unknownId = exercise.id;
  });

  it('before submitting, nothing a trainee gets holds the diagnosis, the expert plan or the source case; the expert plan is 403', async () => {
    const list = await call('trn', 'GET', '/api/exercises');
    expect(list.status).toBe(200);
    expect(list.body.exercises).toEqual([expect.objectContaining({ id: unknownId, heading: 'Unknown case · intermediate', tags: [], submitted: false, attempts: 0 })]);
    const view = await call('trn', 'GET', `/api/exercises/${unknownId}`);
    expect(view.status).toBe(200);
    const v = exerciseViewSchema.parse(view.body);
    expect([v.studyInstanceUID, v.seriesInstanceUID, v.frameOfReferenceUID]).toEqual([FIXTURE.study, FIXTURE.series, FIXTURE.frameOfReference]);
    expect(Object.keys(v.givenContent).sort()).toEqual(['lesionContentVersion', 'lesions', 'structuresAtRisk']);
    for (const text of [list.text, view.text]) {
      for (const secret of [FIXTURE.title, FIXTURE.primaryDetail, FIXTURE.histology, 'prostate', FIXTURE.sourceCaseId, teaching.id, FIXTURE.expertNeedle.id, FIXTURE.expertNeedle.label, 'Pain 2/10']) {
        expect(text, secret).not.toContain(secret);
      }
    }
    const expert = await call('trn', 'GET', `/api/exercises/${unknownId}/expert`);
    expect([expert.status, expert.body.code]).toEqual([403, 'not-submitted']);
    expect(await hiddenByOpenUnknownExercise(db)(teaching.id, { username: 'trn', roles: ['trainee'] })).toBe(true);
    expect(await hiddenByOpenUnknownExercise(db)(teaching.id, { username: 'att', roles: ['attending'] })).toBe(false);
    expect(await hiddenByOpenUnknownExercise(db)(teaching.id, { username: 'trn3', roles: ['trainee'] })).toBe(true);
    // A board account has no teaching.read.
    expect((await call('brd', 'GET', `/api/exercises/${unknownId}`)).status).toBe(403);
    expect((await call('trn', 'GET', `/api/teaching/${teaching.id}/exercises`)).status).toBe(403);
  });

  it('a needle parallel to the expert’s, 5 mm to the side, scores 5 mm target and entry error and 0°; then the expert plan is revealed', async () => {
    const res = await submit('trn', unknownId, straightNeedle('T1', -5));
    expect(res.status).toBe(201);
    const a = submissionAnswerSchema.parse(res.body);
    expect([a.targetErrorMm, a.entryErrorMm, a.angleDeg, a.safe, a.violations, a.attempt]).toEqual([5, 5, 0, true, 0, 1]);
    expect([a.applicators, a.expertApplicators, a.planningTimeS, a.edits]).toEqual([1, 1, 277, 3]);
    // The axis at x = −5 to the nerve's nearest voxel face at x = 6.5, less the 0.36 mm radius.
    expect(a.closest).toEqual({ trajectoryId: 'T1', structureId: 'nerve', label: 'T10 root', distanceMm: 11.14 });
    const expert = await call('trn', 'GET', `/api/exercises/${unknownId}/expert`);
    expect(expert.status).toBe(200);
    expect(expert.body.diagnosis).toBe(FIXTURE.title);
    expect(expert.text).toContain(FIXTURE.expertNeedle.id);
    expect(expert.text).not.toContain(FIXTURE.sourceCaseId);
    expect((await call('trn', 'GET', `/api/exercises/${unknownId}`)).body).toMatchObject({ submitted: true, attempts: 1 });
    expect(await hiddenByOpenUnknownExercise(db)(teaching.id, { username: 'trn', roles: ['trainee'] })).toBe(false);
  });

  it('a needle through a structure at risk is unsafe; attempts are numbered per trainee', async () => {
    // The axis at x = 10 runs through the nerve's centre.
    const through = await submit('trn2', unknownId, straightNeedle('T1', 10));
    expect(through.status).toBe(201);
    expect(through.body).toMatchObject({ safe: false, attempt: 1, targetErrorMm: 10 });
    expect(through.body.violations as number).toBeGreaterThanOrEqual(1);
    const again = await submit('trn', unknownId, straightNeedle('T1', -2));
    expect(again.body).toMatchObject({ attempt: 2, targetErrorMm: 2, entryErrorMm: 2, angleDeg: 0 });
  });

  it('a content the scorer refuses is 422 naming the field', async () => {
    const res = await submit('trn', unknownId, straightNeedle('T1', 0, 'T1', 'no-such-device'));
    expect([res.status, res.body.code]).toEqual([422, 'invalid-content']);
    expect(res.body.issues).toEqual([{ path: 'trainee.content.trajectories[0].deviceId', message: 'no device "no-such-device" in the catalogue' }]);
  });

  it('a teacher sees every attempt, a trainee only their own', async () => {
    const all = await call('att', 'GET', `/api/exercises/${unknownId}/submissions`);
    const rows = all.body.submissions as { account: string; attempt: number; id: string; score: { targetErrorMm: number } }[];
    expect(rows.map((s) => [s.account, s.attempt, s.score.targetErrorMm])).toEqual([['trn', 1, 5], ['trn2', 1, 10], ['trn', 2, 2]]);
    const own = await call('trn', 'GET', `/api/exercises/${unknownId}/submissions`);
    expect((own.body.submissions as { account: string; attempt: number }[]).map((s) => [s.account, s.attempt])).toEqual([['trn', 1], ['trn', 2]]);
    const other = rows.find((s) => s.account === 'trn2')!;
    expect((await call('trn', 'GET', `/api/exercises/${unknownId}/submissions/${other.id}`)).status).toBe(404);
    const detail = await call('att', 'GET', `/api/exercises/${unknownId}/submissions/${other.id}`);
    expect(detail.status).toBe(200);
    expect((detail.body.content as { trajectories: { id: string }[] }).trajectories[0]?.id).toBe('T1');
    const teacher = await call('att', 'GET', `/api/teaching/${teaching.id}/exercises`);
    expect(teacher.body.exercises).toEqual([expect.objectContaining({ id: unknownId, submissions: 3, trainees: 2 })]);
    expect([await exerciseCountOf(db)(teaching.id), await exerciseCountOf(db)(noNeedle.id)]).toEqual([1, 0]);
  });

  it('a closed exercise refuses submissions and leaves the trainees’ list; every step was audited', async () => {
    const closed = await call('att', 'PATCH', `/api/exercises/${unknownId}`, { status: 'closed' });
    expect([closed.status, closed.body.status]).toEqual([200, 'closed']);
    expect((await call('trn', 'PATCH', `/api/exercises/${unknownId}`, { status: 'open' })).status).toBe(403);
    const refused = await submit('trn', unknownId, straightNeedle('T1', 0));
    expect([refused.status, refused.body.code]).toEqual([409, 'exercise-closed']);
    expect((await call('trn', 'GET', '/api/exercises')).body.exercises).toEqual([]);
    // trn3 never submitted: the open unknown exercise kept the teaching case from them; closed, it no longer does.
    expect(await hiddenByOpenUnknownExercise(db)(teaching.id, { username: 'trn3', roles: ['trainee'] })).toBe(false);
    const events = await db.query<{ event: string; account: string }>("SELECT event, account FROM audit_events WHERE event LIKE 'exercise.%' ORDER BY seq");
    const count = (event: string, account: string) => events.filter((e) => e.event === event && e.account === account).length;
    expect(count('exercise.create', 'att')).toBe(1);
    expect(count('exercise.submit', 'trn')).toBe(3); // two scored, one refused (422)
    expect(count('exercise.update', 'att')).toBe(1);
    expect(count('exercise.read', 'trn')).toBeGreaterThanOrEqual(4);
  });

  it('submissions cannot be changed or removed in the database', async () => {
    await expect(db.query("UPDATE exercise_submissions SET account = 'x'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM exercise_submissions')).rejects.toThrow(/append-only/);
  });
});

describe('exercises API without a session', () => {
  it('answers 401 on every route and method', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const open: string[] = [];
    for (const [method, url] of [
      ['GET', '/api/exercises'], ['POST', '/api/exercises'], ['GET', `/api/exercises/${id}`], ['PATCH', `/api/exercises/${id}`], ['DELETE', `/api/exercises/${id}`],
      ['GET', `/api/exercises/${id}/submissions`], ['POST', `/api/exercises/${id}/submissions`], ['GET', `/api/exercises/${id}/submissions/${id}`],
      ['GET', `/api/exercises/${id}/expert`], ['GET', `/api/teaching/${id}/exercises`],
    ] as const) {
      const res = await app.inject({ method, url, payload: method === 'GET' || method === 'DELETE' ? undefined : {} });
      if (res.statusCode !== 401) open.push(`${method} ${url} → ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });
});

describe('exercises API, single-user mode', () => {
  it('the local user publishes, reads, submits and sees the expert plan at once', async () => {
    const made = await single.inject({ method: 'POST', url: '/api/exercises', payload: { teachingCaseId: teaching.id, mode: 'known', heading: 'T10 practice' } });
    expect(made.statusCode).toBe(201);
    const id = (made.json() as { id: string }).id;
    const view = exerciseViewSchema.parse((await single.inject({ method: 'GET', url: `/api/exercises/${id}` })).json());
    expect([view.heading, view.diagnosis]).toEqual(['T10 practice', FIXTURE.title]);
    expect((await single.inject({ method: 'GET', url: `/api/exercises/${id}/expert` })).statusCode).toBe(200);
    const res = await single.inject({ method: 'POST', url: `/api/exercises/${id}/submissions`, payload: { content: fixtureContent({ trajectories: [straightNeedle('T1', 0)] }) } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ targetErrorMm: 0, entryErrorMm: 0, angleDeg: 0, attempt: 1, planningTimeS: null });
    expect(expertContent().trajectories).toHaveLength(1);
  });
});
