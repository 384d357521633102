import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { caseContentSchema, planContentSchema, type TeachingCase } from '../../records';
import type { SubmissionScore } from '../../planning/exercise/submissionScore';
import type { Actor } from '../auth/actor';
import { buildApp } from '../app';
import { createCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { loadDemoPlan } from '../demo/loadDemoPlan';
import { indexFolder } from '../embeddedSource';
import { processPlanContent } from '../planning/processPlanContent';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { DEMO_CASES } from '../records/demoCases';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import { DEMO_ACTOR } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { teachingServer, type TeachingServer } from '../teaching/teachingFor';
import { fixtureActor } from './exerciseFixture';
import { createExercisesRepository } from './exercisesRepository';
import { studyGuardFor, type StudyGuard } from './studyGuard';
import { hiddenByOpenUnknownExercise } from './hiddenTeachingCase';

/*
 * An unknown exercise must not leak its answer through the images: a teaching case of case 3's
 * spine CT plus a second study (case 2's cone-beam CT standing in for a post-procedure scan) is
 * published as an unknown exercise; a trainee who has not submitted sees only the CT to plan on
 * in every study route, and fetching a file of the other series answers 404; after submitting,
 * or as a teacher, everything is there.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-study-guard-'));
const trainee: Actor = { ...fixtureActor, username: 'trn', name: 'Trainee', roles: ['trainee'] };
let db: SqlClient;
let app: FastifyInstance;
let server: TeachingServer;
let teaching: TeachingCase;
let guard: StudyGuard;
let exerciseId = '';

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  const catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  const planContext = { catalogue: defaultCatalogue(), volumeFor: createSeriesVolumes(catalogue) };
  db = await openPglite();
  await migrateSchema(db);
  const records = createSqlRecordsRepository(db);
  const study = async (folder: string) => (JSON.parse(await readFile(path.join(sampleDir, folder, 'truth.json'), 'utf8')) as { studyInstanceUID: string }).studyInstanceUID;
  const linked = [{ studyInstanceUID: await study('case3-spine-ct'), role: 'planning' }, { studyInstanceUID: await study('case2-cbct'), role: 'post-procedure' }];
  const caseId = (await records.createCase(caseContentSchema.parse({ ...DEMO_CASES[2]!.record, linkedStudies: linked }), DEMO_ACTOR)).id;
  const built = await loadDemoPlan(sampleDir, 'case3-spine-ct', planContext.catalogue);
  if (!built.ok) throw new Error(built.error);
  const processed = await processPlanContent(planContentSchema.parse(built.value), planContext);
  if (!processed.ok) throw new Error(JSON.stringify(processed.error));
  await records.createPlan(caseId, processed.value, DEMO_ACTOR);
  server = teachingServer({ db, dataDir: temp, catalogue, cases: records, softwareVersion: 'test', hidden: hiddenByOpenUnknownExercise(db) });
  const made = await server.maker.make(caseId, { fields: { title: 'Guarded' } }, fixtureActor);
  if (!made.ok) throw new Error(JSON.stringify(made.problem));
  teaching = made.value;
  const published = await server.repo.patch(teaching.id, teaching.version, { status: 'published' }, fixtureActor);
  if (!published.ok) throw new Error('not published');
  const exercises = createExercisesRepository(db);
  exerciseId = (await exercises.create({ teachingCaseId: teaching.id, mode: 'unknown', expertPlanId: teaching.plans[0]!.id, heading: 'Unknown case' }, 'att')).id;
  guard = studyGuardFor(db, server.repo, server.files);
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  app = await buildApp(config, { catalogue, studyGuard: guard, teaching: server.routes });
  // Every request acts as the trainee (the local user would be a teacher, who sees everything).
  app.addHook('onRequest', async (request) => {
    request.actor = trainee;
  });
  await app.ready();
}, 600_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('an unknown exercise hides the teaching case’s other series from a trainee who has not submitted', () => {
  it('only the planning CT is listed; the other study’s series and files answer 404', async () => {
    expect(teaching.studies.length).toBe(2);
    const planSeries = teaching.plans[0]!.plan.seriesInstanceUID;
    const other = teaching.studies.flatMap((s) => s.series).find((x) => x.seriesInstanceUID !== planSeries)!;
    const otherStudy = teaching.studies.find((s) => s.series.some((x) => x.seriesInstanceUID === other.seriesInstanceUID))!;
    const list = (await app.inject({ method: 'GET', url: '/api/studies' })).json() as { studyInstanceUID: string; series: { seriesInstanceUID: string }[]; imageCount: number }[];
    const listed = list.flatMap((s) => s.series.map((x) => x.seriesInstanceUID));
    expect(listed).toContain(planSeries);
    expect(listed).not.toContain(other.seriesInstanceUID);
    const one = await app.inject({ method: 'GET', url: `/api/studies/${otherStudy.studyInstanceUID}` });
    expect(one.statusCode).toBe(200);
    expect((one.json() as { series: unknown[]; imageCount: number })).toMatchObject({ series: [], imageCount: 0 });
    const instances = await app.inject({ method: 'GET', url: `/api/studies/${otherStudy.studyInstanceUID}/series/${other.seriesInstanceUID}/instances` });
    expect(instances.statusCode).toBe(404);
    const hiddenFile = (await server.files.files(teaching.id)).find((f) => f.seriesInstanceUID === other.seriesInstanceUID)!;
    expect((await app.inject({ method: 'GET', url: `/api/files/${hiddenFile.sopInstanceUID}` })).statusCode).toBe(404);
    const planFile = (await server.files.files(teaching.id)).find((f) => f.seriesInstanceUID === planSeries)!;
    expect((await app.inject({ method: 'GET', url: `/api/files/${planFile.sopInstanceUID}` })).statusCode).toBe(200);
  });

  it('the published teaching case itself is a 404 and left out of the list for that trainee', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/teaching/${teaching.id}` })).statusCode).toBe(404);
    const list = (await app.inject({ method: 'GET', url: '/api/teaching' })).json() as { teachingCases: { id: string }[] };
    expect(list.teachingCases.map((t) => t.id)).not.toContain(teaching.id);
  });

  it('a teacher sees every series; after the trainee’s first submission so does the trainee', async () => {
    const all = teaching.studies.flatMap((s) => s.series.map((x) => x.seriesInstanceUID));
    expect((await guard.hiddenSeries({ username: 'att', roles: ['attending'] })).size).toBe(0);
    expect((await guard.hiddenSeries(trainee)).size).toBe(all.length - 1);
    const score: SubmissionScore = {
      targetErrorMm: null, entryErrorMm: null, angleDeg: null, axialDifferenceDeg: null, craniocaudalDifferenceDeg: null,
      safe: true, violations: 0, closest: null, zoneOverlaps: [], coveragePct: null, minMarginMm: null, expertCoveragePct: null,
      expertMinMarginMm: null, applicators: 0, expertApplicators: 1, needles: [], unmatchedExpertTrajectoryIds: [], planningTimeS: null, edits: null, notes: [],
    };
    await createExercisesRepository(db).submit({ exerciseId, account: 'trn', displayName: 'Trainee', content: {}, effort: { planningTimeS: null, edits: null }, score });
    expect((await guard.hiddenSeries(trainee)).size).toBe(0);
    expect((await app.inject({ method: 'GET', url: `/api/teaching/${teaching.id}` })).statusCode).toBe(200);
    expect((await guard.hiddenSeries({ username: 'trn2', roles: ['trainee'] })).size).toBe(all.length - 1);
  });
});
