import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshPgliteDir } from '../../../tests/support/pgliteTemplate';
import { studyListings } from '../../dicom/studyListingFromGroups';
import { defaultCatalogue } from '../../planning/devices/defaultCatalogue';
import { caseContentSchema } from '../../records';
import { buildApp } from '../app';
import { createCatalogue } from '../catalogue';
import type { ServerConfig } from '../config';
import { openPglite } from '../records/pgliteClient';
import { migrateSchema } from '../records/schemaMigrations';
import { DEMO_ACTOR } from '../records/seedDemoCases';
import type { SqlClient } from '../records/sqlClient';
import { createSqlRecordsRepository } from '../records/sqlRecordsRepository';
import { createTeachingRepository } from '../teaching/teachingRepository';
import type { MakeTeachingCase } from '../teaching/teachingParts';
import { fixtureTeachingCase } from './exerciseFixture';
import { createExercisesRepository } from './exercisesRepository';
import { exercisesFor } from './exercisesFor';
import { makeReferenceExercises, startReferenceExercises, type ReferenceExerciseParts } from './referenceExercises';

/*
 * The reference exercises made at start: three teaching cases of the demo cases, published,
 * each with a known exercise, made once whatever the number of restarts or processes. Making a
 * teaching case is the teaching routes' work (de-identifying the CT); here a stand-in stores a
 * fixture teaching case (a draft) and counts its calls.
 */

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-reference-exercises-'));
let db: SqlClient;
let made: string[];
let failFor: Set<string>;
const logs: string[] = [];

const makeTeachingCase: MakeTeachingCase = async (caseId, input, actor) => {
  made.push(caseId);
  if (failFor.has(caseId)) return { ok: false, problem: { status: 422, code: 'refused', error: 'burned-in annotation' } };
  const value = await createTeachingRepository(db).create({ ...fixtureTeachingCase(), status: 'draft', fields: { ...fixtureTeachingCase().fields, title: input.fields?.title ?? '' } }, { salt: 's', dateShiftDays: 3 }, actor);
  return { ok: true, value };
};

const parts = (): ReferenceExerciseParts => ({ db, teaching: createTeachingRepository(db), exercises: createExercisesRepository(db), makeTeachingCase, log: (m) => logs.push(m) });

async function demoCases(n: number): Promise<string[]> {
  const records = createSqlRecordsRepository(db);
  const ids: string[] = [];
  for (let i = 1; i <= n; i += 1) ids.push((await records.createCase(caseContentSchema.parse({ patient: { pseudonym: `Reference case ${i}` } }), DEMO_ACTOR)).id);
  return ids;
}

const exerciseRows = () => db.query<{ mode: string; status: string; teaching_status: string; title: string }>(
  `SELECT e.mode, e.status, t.status AS teaching_status, t.document->'fields'->>'title' AS title FROM exercises e JOIN teaching_cases t ON t.id = e.teaching_case_id ORDER BY t.document->'fields'->>'title'`,
);

beforeEach(async () => {
  // A copy of an initialised data directory: PGlite's initdb per test would take seconds.
  db = await openPglite(await freshPgliteDir(mkdtempSync(path.join(temp, 'db-'))));
  await migrateSchema(db);
  made = [];
  failFor = new Set();
  logs.length = 0;
});
afterEach(async () => {
  await db.close();
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('reference exercises', () => {
  it('makes three published teaching cases with a known open exercise each, once: a second run makes none', async () => {
    await demoCases(3);
    expect(Object.values(await makeReferenceExercises(parts()))).toEqual(['made', 'made', 'made']);
    const rows = await exerciseRows();
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.mode === 'known' && r.status === 'open' && r.teaching_status === 'published')).toBe(true);
    // The titles are the diagnoses written for the reference cases.
    expect(rows.map((r) => r.title.split(':')[0])).toEqual(['Metastatic breast carcinoma', 'Metastatic prostate carcinoma', 'Metastatic small-cell carcinoma']);
    expect(logs.at(-1)).toMatch(/^\[exercises\] reference exercises: 3 made in \d+ ms$/);
    // A restart: still three, and no teaching case made again.
    expect(Object.values(await makeReferenceExercises(parts()))).toEqual(['present', 'present', 'present']);
    expect(await exerciseRows()).toHaveLength(3);
    expect(made).toHaveLength(3);
  });

  it('two processes starting together make each reference once', async () => {
    await demoCases(3);
    const [a, b] = await Promise.all([makeReferenceExercises(parts()), makeReferenceExercises(parts())]);
    const outcomes = [...Object.values(a), ...Object.values(b)];
    expect(outcomes.filter((o) => o === 'made')).toHaveLength(3);
    expect(await exerciseRows()).toHaveLength(3);
    expect(made).toHaveLength(3);
  });

  it('a reference without its demo case, or whose teaching case is refused, is made at a later start', async () => {
    const ids = await demoCases(2);
    failFor.add(ids[1]!);
    expect(await makeReferenceExercises(parts())).toEqual({ 'reference-case-1': 'made', 'reference-case-2': 'failed', 'reference-case-3': 'no-case' });
    expect(logs.some((l) => l.includes('reference-case-2 not made: refused: burned-in annotation'))).toBe(true);
    failFor.clear();
    await createSqlRecordsRepository(db).createCase(caseContentSchema.parse({ patient: { pseudonym: 'Reference case 3' } }), DEMO_ACTOR);
    expect(await makeReferenceExercises(parts())).toEqual({ 'reference-case-1': 'present', 'reference-case-2': 'made', 'reference-case-3': 'made' });
    expect(await exerciseRows()).toHaveLength(3);
  });

  it('a case of the same pseudonym made by someone else is not taken for the demo case', async () => {
    await createSqlRecordsRepository(db).createCase(caseContentSchema.parse({ patient: { pseudonym: 'Reference case 1' } }), 'att');
    expect((await makeReferenceExercises(parts()))['reference-case-1']).toBe('no-case');
    expect(made).toEqual([]);
  });

  it('stopped while a teaching case is being made (the server closing), the claim is released and the next start finishes it', async () => {
    await demoCases(3);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: MakeTeachingCase = async (...args) => {
      await gate;
      return makeTeachingCase(...args);
    };
    const run = startReferenceExercises({}, { ...parts(), makeTeachingCase: slow })!;
    // The first teaching case is under way (made counts the call once the gate opens): wait for the claim.
    for (let i = 0; i < 100 && (await db.query('SELECT 1 FROM reference_exercises')).length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await run.stop(50);
    const [claim] = await db.query<{ stale: boolean }>("SELECT claimed_at < '1971-01-01' AS stale FROM reference_exercises WHERE key = 'reference-case-1'");
    expect(claim?.stale).toBe(true);
    release();
    expect(await run.done).toEqual({ 'reference-case-1': 'stopped', 'reference-case-2': 'stopped', 'reference-case-3': 'stopped' });
    // The teaching case made as it stopped is reused, not made again.
    expect(Object.values(await makeReferenceExercises(parts()))).toEqual(['made', 'made', 'made']);
    expect(made).toHaveLength(3);
    expect(await exerciseRows()).toHaveLength(3);
  });

  it('PERCUPLAN_REFERENCE_EXERCISES=0 turns them off', async () => {
    await demoCases(3);
    expect(startReferenceExercises({ PERCUPLAN_REFERENCE_EXERCISES: '0' }, parts())).toBeNull();
    expect(await exerciseRows()).toHaveLength(0);
  });

  it('the server makes them in the background once it listens, and logs one line', async () => {
    await demoCases(3);
    const config: ServerConfig = { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir: temp, distDir: path.join(temp, 'no-dist'), version: 'test' };
    const app = await buildApp(config, {
      catalogue: createCatalogue([], studyListings),
      exercises: exercisesFor({ db, planContext: { catalogue: defaultCatalogue(), volumeFor: async () => undefined }, makeTeachingCase, env: {}, log: (m) => logs.push(m) }),
    });
    await app.ready();
    // Not before listening (ready alone, as the tests' inject, makes none).
    expect(made).toEqual([]);
    await app.listen({ port: 0, host: '127.0.0.1' });
    for (let i = 0; i < 100 && !logs.some((l) => l.startsWith('[exercises] reference exercises:')); i += 1) await new Promise((r) => setTimeout(r, 100));
    await app.close();
    expect(await exerciseRows()).toHaveLength(3);
    expect(logs.filter((l) => l.startsWith('[exercises] reference exercises:'))).toHaveLength(1);
  });
});
