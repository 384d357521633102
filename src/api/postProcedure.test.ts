import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sampleDir } from '../../tests/support/paths';
import type { StudyTruth } from '../../sample-dicom/truth';
import { studyListings } from '../dicom/studyListingFromGroups';
import { caseContentSchema, deriveCase } from '../records';
import { buildApp } from '../server/app';
import { createCatalogue } from '../server/catalogue';
import { indexFolder } from '../server/embeddedSource';
import { createSeriesVolumes } from '../server/planning/seriesVolumes';
import { postProcedureFor } from '../server/postprocedure/postProcedureFor';
import { freshPgliteDb } from '../server/auth/testDatabases';
import type { SqlClient } from '../server/records/sqlClient';
import { createSqlRecordsRepository } from '../server/records/sqlRecordsRepository';
import { ApiError } from './apiProblem';
import { postProcedureApi } from './postProcedure';

// The post-procedure client against the real server routes (single-user, embedded PGlite, the
// generated case 2 cone-beam CT): the volume with its progress and geometry, the lists, a refusal.

const temp = mkdtempSync(path.join(tmpdir(), 'percuplan-postprocedure-client-'));
const realFetch = globalThis.fetch;
let app: FastifyInstance;
let db: SqlClient;
let caseId = '';
let cbct: StudyTruth;

beforeAll(async () => {
  const { ensureSampleStudies } = await import('../../sample-dicom/ensureSampleStudies');
  await ensureSampleStudies();
  cbct = JSON.parse(readFileSync(path.join(sampleDir, 'case2-cbct', 'truth.json'), 'utf8')) as StudyTruth;
  const catalogue = createCatalogue((await indexFolder(sampleDir)).instances, studyListings);
  // A copy of a template database (an in-memory PGlite runs initdb: ~15 s here), migrated, removed on close.
  db = await freshPgliteDb();
  const records = createSqlRecordsRepository(db);
  caseId = (await records.createCase(deriveCase(caseContentSchema.parse({ patient: { pseudonym: 'Client' } }), randomUUID), 'dr-test')).id;
  const volumeFor = createSeriesVolumes(catalogue, { capacity: 3 });
  app = await buildApp(
    { host: '127.0.0.1', port: 0, dataDir: temp, sampleDir, distDir: path.join(temp, 'no-dist'), version: 'test' },
    { catalogue, postProcedure: postProcedureFor({ db, records, volumeFor, catalogue }) },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The client calls relative URLs, as in the browser.
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => realFetch(base + url, init));
}, 600_000);

afterAll(async () => {
  vi.unstubAllGlobals();
  await app?.close();
  await db?.close();
  rmSync(temp, { recursive: true, force: true });
});

describe('postProcedureApi', () => {
  it("downloads every 4th voxel of a series with its progress and the stepped grid's geometry", async () => {
    const fractions: number[] = [];
    const g = cbct.geometry;
    const v = await postProcedureApi.seriesVolume(cbct.studyInstanceUID, cbct.seriesInstanceUID, 4, (f) => fractions.push(f));
    expect(v.dimensions).toEqual([Math.ceil(g.columns / 4), Math.ceil(g.rows / 4), Math.ceil(g.sliceCount / 4)]);
    expect(v.spacing).toEqual([g.pixelSpacing[1] * 4, g.pixelSpacing[0] * 4, g.sliceSpacing * 4]);
    expect(v.scalars).toBeInstanceOf(Int16Array);
    expect(v.scalars.length).toBe(v.dimensions[0] * v.dimensions[1] * v.dimensions[2]);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
  });

  it('lists a case without assessments as empty, and names the endpoint and the reason of a refusal', async () => {
    expect(await postProcedureApi.listForCase(caseId)).toEqual([]);
    const plan = randomUUID();
    const missing = await postProcedureApi.run(plan, { studyInstanceUID: cbct.studyInstanceUID, seriesInstanceUID: cbct.seriesInstanceUID }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).status).toBe(404);
    expect((missing as ApiError).message).toBe(`POST /api/plans/:id/post-procedure: No plan ${plan}`);
    const unknownSeries = await postProcedureApi.seriesVolume(cbct.studyInstanceUID, '1.2.3.999').catch((e: unknown) => e);
    expect((unknownSeries as ApiError).status).toBe(404);
    expect((unknownSeries as ApiError).message).toMatch(/no series 1\.2\.3\.999/);
  });
});
