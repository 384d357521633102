/**
 * The server rows of `npm run bench` (issue 17): the case list of 1,000 cases with plans, and a
 * bounded loopback load (study lists, case lists, instance downloads, case saves) on PGlite and
 * on PostgreSQL: requests, p50/p95 per kind, errors, and a check that no save was lost.
 *
 * Each backend gets its OWN server (the product's startServer, a temporary DATA_DIR, a sample
 * dir holding a few files of the bench CT), seeded before it starts through the product's
 * repository (one import transaction), so the bench's main server is left alone.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { CASE_PAGE_SIZE } from '../src/api/cases';
import { openRecordsRepository } from '../src/server/records/openRecordStore';
import { freshPgliteDir } from '../tests/support/pgliteTemplate';
import { startTestPostgres, type TestPostgres } from '../tests/support/postgres';
import type { BenchContext } from './browser';
import { median, percentile } from './results';
import { seedExport, type SeedSeries } from './serverSeed';

type Backend = 'pglite' | 'postgres';
const KINDS = ['studies', 'cases', 'instance', 'save'] as const;
type Kind = (typeof KINDS)[number];

/** The sizes of one bench mode. */
interface LoadSize {
  cases: number;
  clients: Record<Backend, number>;
  /** Longest load phase (ms); each client also stops after `rounds` rounds of the four requests. */
  maxMs: number;
  rounds: number;
  /** GETs of the whole list whose median is caseList1000Ms. */
  listRepeats: number;
}

const FULL: LoadSize = { cases: 1000, clients: { pglite: 40, postgres: 100 }, maxMs: 15_000, rounds: 25, listRepeats: 7 };
const QUICK: LoadSize = { cases: 200, clients: { pglite: 10, postgres: 10 }, maxMs: 3_000, rounds: 8, listRepeats: 3 };


/** One timed request; throws on a status other than `ok`, after reading the whole body. */
async function timed(url: string, init: RequestInit, ok: number): Promise<{ ms: number; body: unknown }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = res.headers.get('content-type')?.includes('json') ? await res.text() : await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (res.status !== ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${typeof text === 'string' ? text.slice(0, 200) : ''}`);
  return { ms, body: typeof text === 'string' ? (JSON.parse(text) as unknown) : undefined };
}

/** What one load phase measured. */
interface LoadResult {
  times: Record<Kind, number[]>;
  errors: number;
  firstError?: string;
  saves: Map<string, number>;
  elapsedMs: number;
}

/**
 * `clients` loops, each on its own case: study list, first page of the case list (as the case
 * list page asks for it), one instance download, one case save (PUT with If-Match), until
 * `rounds` rounds or `maxMs` have passed. The clients run in a worker thread (bench/loadClients.mjs),
 * not on the server's event loop, as clients on other machines would.
 */
async function runLoad(base: string, clients: number, caseIds: readonly string[], sops: readonly string[], size: LoadSize): Promise<LoadResult> {
  const worker = new Worker(new URL('./loadClients.mjs', import.meta.url), {
    workerData: { base, clients, caseIds, sops, maxMs: size.maxMs, rounds: size.rounds, pageSize: CASE_PAGE_SIZE },
  });
  try {
    const r = await new Promise<Omit<LoadResult, 'saves'> & { saves: [string, number][] }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the load clients' worker exited with ${code} before reporting`)));
    });
    return { ...r, saves: new Map(r.saves) };
  } finally {
    await worker.terminate();
  }
}

/** Records the rows of one backend's load. */
function recordLoad(ctx: BenchContext, backend: Backend, r: LoadResult, clients: number): void {
  const rec = (id: string, unit: string, v: number | null) => ctx.results.record(`server.load.${backend}.${id}`, unit, 'ours', v);
  const all: number[] = [];
  for (const kind of KINDS) {
    all.push(...r.times[kind]);
    rec(`${kind}.p50Ms`, 'ms', percentile(r.times[kind], 50));
    rec(`${kind}.p95Ms`, 'ms', percentile(r.times[kind], 95));
  }
  rec('p50Ms', 'ms', percentile(all, 50));
  rec('p95Ms', 'ms', percentile(all, 95));
  rec('requests', 'count', all.length + r.errors);
  rec('errors', 'count', r.errors);
  ctx.log(
    `server load ${backend}: ${clients} clients, ${all.length + r.errors} requests in ${(r.elapsedMs / 1000).toFixed(1)} s, ${r.errors} errors` +
      `${r.firstError ? ` (first: ${r.firstError})` : ''}; p50/p95 ${KINDS.map((k) => `${k} ${percentile(r.times[k], 50)?.toFixed(0)}/${percentile(r.times[k], 95)?.toFixed(0)}`).join(', ')} ms`,
  );
}

/** One backend: seed, start the server, time the whole list, run the load, check every save landed. */
async function runBackend(ctx: BenchContext, backend: Backend, size: LoadSize, sampleDir: string, series: SeedSeries, databaseUrl?: string): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `percuplan-bench-server-${backend}-`));
  // An initialised PGlite directory is copied from a template: its initdb alone takes seconds.
  if (backend === 'pglite') await freshPgliteDir(dataDir);
  const { DATABASE_URL: _db, DICOMWEB_URL: _pacs, ...inherited } = process.env;
  const env = { ...inherited, PORT: '0', HOST: '127.0.0.1', SAMPLE_DIR: sampleDir, DATA_DIR: dataDir, PERCUPLAN_DEMO: '0', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  try {
    const t0 = performance.now();
    const repo = await openRecordsRepository(env, dataDir, () => undefined);
    const seeded = await repo.importAll(seedExport(size.cases, series));
    await repo.close();
    if (seeded.kind !== 'imported') throw new Error(`seeding refused: ${seeded.problems.slice(0, 3).join('; ')}`);
    ctx.log(`server ${backend}: seeded ${seeded.cases} cases with ${seeded.plans} plans in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const { startServer } = await import('../src/server/main');
    const server = await startServer(env);
    try {
      const list = async (): Promise<{ ms: number; ids: string[] }> => {
        const r = await timed(`${server.url}/api/cases?limit=${size.cases}`, {}, 200);
        return { ms: r.ms, ids: (r.body as { cases: { id: string }[] }).cases.map((c) => c.id) };
      };
      const first = await list(); // warms the server's code paths and the database's cache
      if (first.ids.length !== size.cases) throw new Error(`the list has ${first.ids.length} cases, expected ${size.cases}`);
      const listMs: number[] = [];
      for (let i = 0; i < size.listRepeats; i++) listMs.push((await list()).ms);
      ctx.results.record(`server.caseList.${backend}Ms`, 'ms', 'ours', median(listMs));
      if (backend === 'pglite') ctx.results.record('server.caseList1000Ms', 'ms', 'ours', median(listMs));

      const { instances } = (await timed(`${server.url}/api/studies/${series.studyInstanceUID}/series/${series.seriesInstanceUID}/instances`, {}, 200)).body as { instances: { sopInstanceUID: string }[] };
      const clients = size.clients[backend];
      const result = await runLoad(server.url, clients, first.ids.slice(0, clients), instances.map((i) => i.sopInstanceUID), size);
      recordLoad(ctx, backend, result, clients);

      // No lost update: each client's case is at version 1 + the saves acknowledged for it.
      let lost = 0;
      for (const [id, n] of result.saves) {
        const doc = (await timed(`${server.url}/api/cases/${id}`, {}, 200)).body as { version: number };
        if (doc.version !== 1 + n) lost++;
      }
      ctx.results.record(`server.load.${backend}.lostSaves`, 'count', 'ours', lost);
    } finally {
      await server.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The server rows (run once, not per browser run). */
export async function serverLoadRun(ctx: BenchContext): Promise<void> {
  const size = ctx.quick ? QUICK : FULL;
  const sampleDir = mkdtempSync(path.join(os.tmpdir(), 'percuplan-bench-samples-'));
  let pg: TestPostgres | { skip: string } | undefined;
  try {
    // A few real files of the bench CT: the instance downloads serve them.
    mkdirSync(sampleDir, { recursive: true });
    ctx.ct.raw.files.slice(0, 8).forEach((f, i) => copyFileSync(f, path.join(sampleDir, `${i}.dcm`)));
    const series: SeedSeries = { studyInstanceUID: ctx.ct.raw.studyInstanceUID, seriesInstanceUID: ctx.ct.raw.seriesInstanceUID, frameOfReferenceUID: '1.2.826.0.1.3680043.8.498.17' };
    await runBackend(ctx, 'pglite', size, sampleDir, series);
    pg = await startTestPostgres().catch((e: unknown) => ({ skip: e instanceof Error ? e.message.split('\n')[0] ?? '' : String(e) }));
    if ('skip' in pg) {
      for (const id of ['server.load.postgres.p95Ms', 'server.load.postgres.errors']) ctx.results.note(id, id.endsWith('errors') ? 'count' : 'ms', `skipped: ${pg.skip}`);
    } else {
      await runBackend(ctx, 'postgres', size, sampleDir, series, await pg.createDatabase(`bench_${process.pid}`));
    }
  } finally {
    if (pg && !('skip' in pg)) pg.stop();
    rmSync(sampleDir, { recursive: true, force: true });
  }
}

/** Declares the server rows with their goals, and says what each measures. */
export function serverLoadRows(ctx: BenchContext): void {
  const r = ctx.results;
  const size = ctx.quick ? QUICK : FULL;
  const mode = ctx.quick ? 'quick mode (small): ' : '';
  r.row('server.caseList1000Ms', 'ms', { text: 'a list of 1,000 cases with plans answers in < 200 ms', max: 200 });
  r.note(
    'server.caseList1000Ms',
    'ms',
    `${mode}median of ${size.listRepeats} GET /api/cases?limit=${size.cases} on PGlite, all ${size.cases} cases (one plan each with encoded masks) in one answer, body read; ` +
      `stricter than the case list page, which asks for its first ${CASE_PAGE_SIZE}; server.caseList.postgresMs is the same on PostgreSQL`,
  );
  for (const backend of ['pglite', 'postgres'] as const) {
    r.note(
      `server.load.${backend}.p95Ms`,
      'ms',
      `${mode}${size.clients[backend]} loopback clients on ${backend === 'pglite' ? 'PGlite' : 'PostgreSQL'}, ${size.cases} cases, each client ≤ ${size.rounds} rounds or ${size.maxMs / 1000} s of: ` +
        `GET /api/studies, GET /api/cases?limit=${CASE_PAGE_SIZE}, GET /api/files/<sop> (a 512×512 CT file), PUT /api/cases/<its own case> with If-Match; p50/p95 over all requests and per kind; the clients run in a worker thread beside the server's (on this 2-core machine they share the CPU with the server and the database)`,
    );
  }
  r.row('server.load.postgres.p95Ms', 'ms', { text: '100 clients on PostgreSQL: p95 < 250 ms', max: 250 });
  r.row('server.load.postgres.errors', 'count', { text: '0 errors', max: 0 });
  r.row('server.load.postgres.lostSaves', 'count', { text: 'no save lost (final version = 1 + acknowledged saves)', max: 0 });
}
