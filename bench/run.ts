/**
 * `npm run bench [-- --quick] [-- --runs N] [-- --slices N] [-- --only local|dicomweb|plan|layout|large|server|registration]`:
 * how fast a big CT opens, scrolls and plans in the production build, side by side with a floor
 * and a peer viewer in the same headless Chromium and the same run, and how fast the planning
 * code grows, measures and recomputes in Node (bench/planning.ts), and how long the post-procedure
 * CT–CBCT registration takes (bench/registration.ts). Writes bench/results.json and
 * prints a table. Never asserts a timing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM, launchBrowser } from '../tests/support/browser';
import { orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../tests/support/orthanc';
import { benchDir, bundlePages, repoRoot, type BenchContext } from './browser';
import { dicomwebRows, dicomwebRun } from './dicomweb';
import { ensureBenchCt } from './generate';
import { localRows, localRun, step } from './local';
import { planNodeRows, planRows } from './planning';
import { largeRows, largeRun } from './large';
import { layoutRows, layoutRun } from './layout';
import { registrationBench, registrationRows, REGISTRATION_ID } from './registration';
import { printTable, Results } from './results';
import { serverLoadRows, serverLoadRun } from './serverLoad';

// ---- options -------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const value = (name: string): number | undefined => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : undefined;
};
const quick = flag('quick');
/** `--only local|dicomweb|plan|layout|large|server|registration` (plan: the Node rows and our local run with the drag): part of the bench (for diagnosis). */
const onlyArg = argv.indexOf('--only');
const ONLY = onlyArg >= 0 ? argv[onlyArg + 1] : undefined;
const RUNS = value('runs') ?? (quick ? 1 : 3);
const SLICES = value('slices') ?? (quick ? 128 : 400);
const SCROLL_STEPS = quick ? 20 : 60;
const outArg = argv.indexOf('--out');
/** Quick runs write their own file so they never overwrite the figures of a full run. */
const OUT = outArg >= 0 && argv[outArg + 1] ? path.resolve(argv[outArg + 1] as string) : path.join(benchDir, quick ? 'results.quick.json' : 'results.json');
const LOAD_TIMEOUT = value("timeout") ?? (quick ? 150_000 : 600_000);

const log = (s: string): void => console.log(`[bench] ${s}`);

function machine(browserVersion: string): Record<string, string | number> {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: os.availableParallelism(),
    cpu: model,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    chromium: browserVersion,
    gpu: 'none (ANGLE on SwiftShader)',
  };
}

/** `--only` parts: which parts of the bench run. */
const runs = (part: 'local' | 'dicomweb' | 'plan' | 'server' | 'layout' | 'large' | 'registration'): boolean => ONLY === undefined || ONLY === part;

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const results = new Results();
  const cacheRoot = path.join(benchDir, 'cache');
  mkdirSync(cacheRoot, { recursive: true });
  const ct = await ensureBenchCt(cacheRoot, SLICES, log);
  if (!existsSync(path.join(repoRoot, 'dist/index.html'))) {
    log('building the app (dist/ is absent) …');
    const { build } = await import('vite');
    await build({ root: repoRoot, logLevel: 'error' });
  }
  const pages = await bundlePages();
  const stepCtx = { log, results };
  // The Node planning rows first, before Orthanc, the server and the browser share the machine.
  if (runs('plan')) await step(stepCtx, 'plan rows in Node (grow, measure, zone metrics)', 'plan.growMs', async () => planNodeRows(results, quick, log));
  if (runs('registration')) await step(stepCtx, 'post-procedure registration in Node (case 2 CT ↔ CBCT, 20 cm)', REGISTRATION_ID, () => registrationBench(results, quick ? 1 : RUNS, log));

  const orthancSkip = orthancSkipReason();
  let orthanc: Orthanc | undefined;
  if (!orthancSkip && runs('dicomweb')) {
    orthanc = await startOrthanc();
    for (const s of [ct.raw, ct.jpls]) {
      const r = await stowFiles(orthanc, s.files, 25);
      if (r.stored !== s.files.length) throw new Error(`Orthanc stored ${r.stored} of ${s.files.length} (${s.transferSyntax}); rejected ${r.rejected.length}`);
    }
    log(`Orthanc on ${orthanc.url} holds both series`);
  }
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'percuplan-bench-'));
  mkdirSync(path.join(tmp, 'empty'));
  const { startServer } = await import('../src/server/main');
  const server = await startServer({
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    SAMPLE_DIR: path.join(tmp, 'empty'),
    DATA_DIR: path.join(tmp, 'data'),
    PERCUPLAN_DEMO: '0',
    ...(orthanc ? { DICOMWEB_URL: orthanc.dicomweb } : {}),
  });
  const browser = await launchBrowser();
  const browserVersion = browser.version();
  const workers = Math.max(1, Math.min(4, os.availableParallelism()));
  const ctx: BenchContext = {
    browser,
    base: server.url,
    pages,
    ct,
    orthanc,
    orthancSkip: orthancSkip ?? (runs('dicomweb') ? undefined : `--only ${ONLY ?? ''}`),
    results,
    quick,
    runs: RUNS,
    scrollSteps: SCROLL_STEPS,
    loadTimeout: LOAD_TIMEOUT,
    cacheRoot,
    workers,
    log,
  };
  log(`server ${server.url}; ${SLICES} slices, ${RUNS} run(s); Chromium ${browser.version()}; decode/parse workers ${workers}`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      log(`run ${run}/${RUNS}`);
      if (runs('local') || runs('plan')) await localRun(ctx, ONLY === 'plan');
      if (runs('dicomweb')) await dicomwebRun(ctx);
      if (runs('layout')) await step(stepCtx, 'ours, layout 2×2 with 3D', 'layout.twoByTwo3dMs', () => layoutRun(ctx));
    }
    if (runs('large')) await step(stepCtx, 'ours, 512×512×1000 local files', 'large.opensAsVolume', () => largeRun(ctx), 'yes=1');
    if (runs('server')) await step(stepCtx, 'server: case list and load', 'server.caseList1000Ms', () => serverLoadRun(ctx));
  } finally {
    await browser.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    await orthanc?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }

  // Rows whose shape must stay stable even when a side is not measured.
  localRows(ctx);
  dicomwebRows(ctx);
  largeRows(ctx);
  layoutRows(ctx);
  serverLoadRows(ctx);
  planRows(results, ONLY);
  registrationRows(results);
  if (!results.has(REGISTRATION_ID)) results.note(REGISTRATION_ID, 'ms', `not run (--only ${ONLY ?? ''})`);

  const ms = results.metrics();
  const out = {
    date: new Date().toISOString(),
    machine: machine(browserVersion),
    runs: RUNS,
    quick,
    slices: SLICES,
    volume: { rows: ct.rows, columns: ct.columns, slices: ct.slices, bitsAllocated: 16 },
    seconds: Math.round((Date.now() - started) / 100) / 10,
    metrics: ms,
  };
  writeFileSync(OUT, `${JSON.stringify(out, null, 2)}\n`);
  printTable(ms, console.log);
  log(`wrote ${path.relative(repoRoot, OUT)} in ${out.seconds} s`);
}

main()
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
