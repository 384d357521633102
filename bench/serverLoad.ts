/**
 * The server rows of `npm run bench` (issue 17): the case list of 1,000 cases with plans, and a
 * bounded loopback load (study lists, case lists, instance downloads, case saves) on PGlite and
 * on PostgreSQL: requests, p50/p95 per kind, errors.
 */
import type { BenchContext } from './browser';

/** The server rows (run once, not per browser run). */
export async function serverLoadRun(ctx: BenchContext): Promise<void> {
  // Filled by the server work of issue 17.
  await Promise.resolve(ctx);
}

/** Declares the server rows with their goals. */
export function serverLoadRows(ctx: BenchContext): void {
  const r = ctx.results;
  r.row('server.caseList1000Ms', 'ms', { text: 'a list of 1,000 cases with plans answers in < 200 ms', max: 200 });
  r.row('server.load.postgres.p95Ms', 'ms', { text: '100 clients on PostgreSQL: p95 < 250 ms', max: 250 });
  r.row('server.load.postgres.errors', 'count', { text: '0 errors', max: 0 });
}
