import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDir } from '../../../tests/support/paths';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import type { Trajectory } from '../../planning/trajectory/trajectorySchema';
import { caseContentSchema, exerciseViewSchema, planContentSchema, submissionAnswerSchema, type TeachingCase } from '../../records';
import { buildApp } from '../app';
import { createCatalogue, type MutableCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { loadDemoPlan } from '../demo/loadDemoPlan';
import { indexFolder } from '../embeddedSource';
import { createSeriesVolumes } from '../planning/seriesVolumes';
import { processPlanContent } from '../planning/processPlanContent';
import { DEMO_CASES } from '../records/demoCases';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import { DEMO_ACTOR } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { teachingServer } from '../teaching/teachingFor';
import { exercisesFor } from './exercisesFor';
import { fixtureActor } from './exerciseFixture';
import { REFERENCE_EXERCISES } from './referenceTeachingFields';

/*
 * Reference case 3 end to end on the server: its demo plan on the sample spine CT, made a
 * teaching case by the teaching server (de-identified files joining the catalogue), published as
 * an unknown exercise; the trainee's view holds nothing of the diagnosis, the source case or the
 * expert needle, and submissions are scored on the de-identified CT (read through the catalogue).
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-exercise-case3-'));
let db: SqlClient;
let app: FastifyInstance;
let teaching: TeachingCase;
let sourceCaseId = '';
const volumeCalls: { series: string; held: boolean }[] = [];

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  const catalogue: MutableCatalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  const volumes = createSeriesVolumes(catalogue);
  const planContext = {
    catalogue: defaultCatalogue(),
    volumeFor: async (series: string, request?: Parameters<typeof volumes>[1]) => {
      const v = await volumes(series, request);
      volumeCalls.push({ series, held: v !== undefined });
      return v;
    },
  };
  db = await openPglite();
  await migrateSchema(db);
  const records = createSqlRecordsRepository(db);
  const truth = JSON.parse(await readFile(path.join(sampleDir, 'case3-spine-ct', 'truth.json'), 'utf8')) as { studyInstanceUID: string };
  const demo = DEMO_CASES[2]!;
  sourceCaseId = (await records.createCase(caseContentSchema.parse({ ...demo.record, linkedStudies: [{ studyInstanceUID: truth.studyInstanceUID, role: 'planning' }] }), DEMO_ACTOR)).id;
  const built = await loadDemoPlan(sampleDir, 'case3-spine-ct', planContext.catalogue);
  if (!built.ok) throw new Error(built.error);
  const processed = await processPlanContent(planContentSchema.parse(built.value), planContext);
  if (!processed.ok) throw new Error(JSON.stringify(processed.error));
  expect((await records.createPlan(sourceCaseId, processed.value, DEMO_ACTOR)).kind).toBe('saved');

  const server = teachingServer({ db, dataDir: temp, catalogue, cases: records, softwareVersion: 'test' });
  const made = await server.maker.make(sourceCaseId, { fields: REFERENCE_EXERCISES[2]!.fields }, fixtureActor);
  if (!made.ok) throw new Error(JSON.stringify(made.problem));
  teaching = made.value;
  const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' };
  app = await buildApp(config, { catalogue, exercises: exercisesFor({ db, planContext }) });
  await app.ready();
}, 600_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

const expertNeedles = (): Trajectory[] => teaching.plans.flatMap((p) => (p.plan.content.trajectories as Trajectory[] | undefined) ?? []);

describe('reference case 3 as an unknown exercise', () => {
  let id = '';

  it('the trainee view holds none of the title, tumour, source case, teaching case id or expert needle', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/exercises', payload: { teachingCaseId: teaching.id, mode: 'unknown' } });
    expect(res.statusCode).toBe(201);
    id = (res.json() as { id: string }).id;
    const view = await app.inject({ method: 'GET', url: `/api/exercises/${id}` });
    const v = exerciseViewSchema.parse(view.json());
    expect(v.heading).toBe('Unknown case · intermediate');
    expect(v.seriesInstanceUID).toBe(teaching.plans[0]!.plan.seriesInstanceUID);
    const needles = expertNeedles();
    expect(needles.length).toBeGreaterThan(0);
    const secrets = [REFERENCE_EXERCISES[2]!.fields.title, 'prostate', 'Prostate', sourceCaseId, teaching.id, 'Reference case 3', ...needles.flatMap((n) => [n.id, n.label].filter((s) => s.length > 2))];
    for (const s of secrets) expect(view.body, s).not.toContain(s);
    // The lesion and the structures at risk are given to plan on.
    expect((v.givenContent.lesions as unknown[]).length).toBeGreaterThan(0);
    expect((v.givenContent.structuresAtRisk as unknown[]).length).toBeGreaterThan(0);
  });

  it('scores on the de-identified CT: the expert needle itself scores 0, one moved 5 mm cranially, parallel, 5 mm and 0°', async () => {
    const expert = expertNeedles()[0]!;
    const submit = async (t: Trajectory) => {
      const res = await app.inject({ method: 'POST', url: `/api/exercises/${id}/submissions`, payload: { content: { trajectoryContentVersion: 1, trajectories: [t] } } });
      expect(res.statusCode, res.body).toBe(201);
      return submissionAnswerSchema.parse(res.json());
    };
    const same = await submit({ ...expert, id: 'T1', label: 'Mine', metrics: null });
    expect([same.targetErrorMm, same.entryErrorMm, same.angleDeg, same.expertApplicators]).toEqual([0, 0, 0, expertNeedles().length]);
    // Shifted 5 mm along z (cranial): parallel, 5 mm away at both ends.
    const shift = (p: readonly [number, number, number]): [number, number, number] => [p[0], p[1], p[2] + 5];
    const moved = await submit({ ...expert, id: 'T2', label: 'Mine', entry: shift(expert.entry), target: shift(expert.target), metrics: null });
    expect([moved.targetErrorMm, moved.entryErrorMm, moved.angleDeg, moved.attempt]).toEqual([5, 5, 0, 2]);
    // The CT was read (the teaching series through the catalogue), so nothing went unmeasured for want of a grid.
    const reads = volumeCalls.filter((c) => c.series === teaching.plans[0]!.plan.seriesInstanceUID);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((c) => c.held)).toBe(true);
    expect(moved.notes.filter((n) => n.includes('no image grid'))).toEqual([]);
  });
});
