/**
 * `npm run bench [-- --quick] [-- --runs N] [-- --slices N] [-- --only local|dicomweb|plan]`:
 * how fast a big CT opens, scrolls and plans in the production build, side by side with a floor
 * and a peer viewer in the same headless Chromium and the same run, and how fast the planning
 * code grows, measures and recomputes in Node (bench/planning.ts). Writes bench/results.json and
 * prints a table. Never asserts a timing.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser } from '../tests/support/browser';
import { orthancSkipReason, startOrthanc, stowFiles, type Orthanc } from '../tests/support/orthanc';
import { ensureBenchCt, type BenchCt, type BenchSeries } from './generate';
import { FRAME_GOAL, GROW_GOAL, MEASURE_GOAL, planDrag, planNodeRows, type PlanRecorder } from './planning';
import type { BenchPageResult } from './pages/shared';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(benchDir, '..');

// ---- options -------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string): boolean => argv.includes(`--${name}`);
const value = (name: string): number | undefined => {
  const i = argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : undefined;
};
const quick = flag('quick');
/** `--only local`, `--only dicomweb` or `--only plan` (the Node rows and our local run with the drag): part of the bench (for diagnosis). */
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

// ---- results -------------------------------------------------------------------------

type Side = 'ours' | 'floor' | 'peer';

/** One metric row of results.json. */
export interface Metric {
  id: string;
  unit: string;
  ours: number | null;
  floor: number | null;
  peer: number | null;
  ratioToFloor: number | null;
  ratioToPeer: number | null;
  /** Every run's value, and min and max, per side. */
  runs: Record<Side, number[]>;
  min: Record<Side, number | null>;
  max: Record<Side, number | null>;
  /** Goal from issue 7, where there is one. */
  goal?: string;
  note?: string;
}

interface Row {
  unit: string;
  values: Record<Side, number[]>;
  goal?: string;
  notes: Set<string>;
}

const rows = new Map<string, Row>();
function row(id: string, unit: string, goal?: string): Row {
  let r = rows.get(id);
  if (!r) {
    r = { unit, values: { ours: [], floor: [], peer: [] }, goal, notes: new Set() };
    rows.set(id, r);
  }
  return r;
}
function record(id: string, unit: string, side: Side, v: number | null | undefined, goal?: string): void {
  const r = row(id, unit, goal);
  if (typeof v === 'number' && Number.isFinite(v)) r.values[side].push(v);
}
function note(id: string, unit: string, text: string): void {
  row(id, unit).notes.add(text);
}
const planRecorder: PlanRecorder = { record: (id, unit, v, goal) => record(id, unit, 'ours', v, goal), note };

const median = (xs: readonly number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const percentile = (xs: readonly number[], p: number): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] as number;
};
const round = (v: number | null, digits = 1): number | null => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const ratio = (a: number | null, b: number | null): number | null => (a === null || b === null || b === 0 ? null : round(a / b, 2));

function metrics(): Metric[] {
  // The planning rows last (the Node ones are measured first, before the browser starts).
  const ordered = [...rows].sort(([a], [b]) => Number(a.startsWith('plan.')) - Number(b.startsWith('plan.')));
  return ordered.map(([id, r]) => {
    const digits = r.unit === 'bytes/voxel' ? 3 : 1;
    const m = (s: Side): number | null => round(median(r.values[s]), digits);
    const ext = (s: Side, f: (...v: number[]) => number): number | null => (r.values[s].length ? round(f(...r.values[s]), digits) : null);
    const out: Metric = {
      id,
      unit: r.unit,
      ours: m('ours'),
      floor: m('floor'),
      peer: m('peer'),
      ratioToFloor: ratio(m('ours'), m('floor')),
      ratioToPeer: ratio(m('ours'), m('peer')),
      runs: { ours: r.values.ours.map((v) => round(v, digits) as number), floor: r.values.floor.map((v) => round(v, digits) as number), peer: r.values.peer.map((v) => round(v, digits) as number) },
      min: { ours: ext('ours', Math.min), floor: ext('floor', Math.min), peer: ext('peer', Math.min) },
      max: { ours: ext('ours', Math.max), floor: ext('floor', Math.max), peer: ext('peer', Math.max) },
    };
    if (r.goal) out.goal = r.goal;
    if (r.notes.size) out.note = [...r.notes].join('; ');
    return out;
  });
}

// ---- bench pages (floor and peer), bundled in memory and served under /bench/ -----------

async function bundlePages(): Promise<Map<string, { body: Buffer; type: string }>> {
  const files = new Map<string, { body: Buffer; type: string }>();
  const js = 'text/javascript; charset=utf-8';
  const bundle = async (entry: string, format: 'esm' | 'iife'): Promise<Buffer> => {
    const r = await esbuild({ entryPoints: [path.join(benchDir, 'pages', entry)], bundle: true, format, platform: 'browser', target: 'chrome120', minify: true, write: false, logLevel: 'error' });
    return Buffer.from(r.outputFiles[0]?.contents ?? new Uint8Array());
  };
  const html = (title: string, script: string): Buffer =>
    Buffer.from(
      `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
        `<input type="file" id="files" multiple><div id="layerGroup0" style="width:512px;height:512px"></div>` +
        `<script type="module" src="${script}"></script>`,
    );
  files.set('/bench/floor.html', { body: html('floor', '/bench/floor.js'), type: 'text/html' });
  files.set('/bench/floor.js', { body: await bundle('floor.ts', 'esm'), type: js });
  files.set('/bench/floorWorker.js', { body: await bundle('floorWorker.ts', 'iife'), type: js });
  files.set('/bench/peer.html', { body: html('dwv', '/bench/peer.js'), type: 'text/html' });
  files.set('/bench/peer.js', { body: await bundle('peer.ts', 'esm'), type: js });
  return files;
}

async function serveBenchPages(context: BrowserContext, base: string, pages: Map<string, { body: Buffer; type: string }>): Promise<void> {
  await context.route(`${base}/bench/**`, async (route) => {
    const f = pages.get(new URL(route.request().url()).pathname);
    if (f) await route.fulfill({ status: 200, body: f.body, contentType: f.type });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
}

// ---- memory through the DevTools protocol ----------------------------------------------

interface HeapSample {
  /** JS heap in use plus ArrayBuffer backing stores, after a full GC. */
  bytes: number;
  backing: boolean;
}

async function heap(cdp: CDPSession): Promise<HeapSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number | undefined>;
  const backing = typeof u['backingStorageSize'] === 'number';
  return { bytes: (u['usedSize'] ?? 0) + (u['backingStorageSize'] ?? 0) + (u['embedderHeapUsedSize'] ?? 0), backing };
}

// ---- one measurement each ------------------------------------------------------------

const MARK_FIRST = 'percuplan:first-image';
const MARK_READY = 'percuplan:volume-ready';

interface ReadyDetail {
  voxels: number;
  cacheBytes: number;
  dataType: string | null;
}

interface Marks {
  first?: number;
  ready?: number;
  detail?: ReadyDetail;
}

function readMarks(page: Page): Promise<Marks> {
  return page.evaluate(
    ([first, ready]) => {
      const f = performance.getEntriesByName(first, 'mark')[0];
      const r = performance.getEntriesByName(ready, 'mark')[0] as PerformanceMark | undefined;
      return { first: f?.startTime, ready: r?.startTime, detail: r?.detail as ReadyDetail | undefined };
    },
    [MARK_FIRST, MARK_READY] as const,
  );
}

async function newPage(browser: Browser, base: string, pages: Map<string, { body: Buffer; type: string }>): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await serveBenchPages(context, base, pages);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  page.on('crash', () => log('  the page crashed'));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Scrolls one MPR view `steps` times with wheel events; ms from each event to the next IMAGE_RENDERED. */
function scrollSteps(page: Page, slot: string, steps: number): Promise<number[]> {
  return page.evaluate(
    async ([s, n]) => {
      const el = document.querySelector(`[data-testid="viewport-${s}"]`) as HTMLElement | null;
      if (!el) throw new Error(`no viewport ${s}`);
      const target = (el.querySelector('.viewport-element') as HTMLElement | null) ?? (el.querySelector('canvas')?.parentElement as HTMLElement | null) ?? el;
      const rect = target.getBoundingClientRect();
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const dir = i < n / 2 ? 1 : -1;
        const rendered = new Promise<number>((resolve) => {
          const t = setTimeout(() => resolve(NaN), 2000);
          document.addEventListener(
            'CORNERSTONE_IMAGE_RENDERED',
            () => {
              clearTimeout(t);
              resolve(performance.now());
            },
            { once: true, capture: true },
          );
        });
        const t0 = performance.now();
        target.dispatchEvent(new WheelEvent('wheel', { deltaY: 100 * dir, deltaMode: 0, clientX: rect.left + rect.width / 2, clientY: rect.top + rect.height / 2, bubbles: true, cancelable: true }));
        const t1 = await rendered;
        out.push(t1 - t0);
        // The next step starts on a fresh frame, as a person's wheel would.
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      }
      return out;
    },
    [slot, steps] as const,
  );
}

/** Waits for the series to be ready, or fails at once with the viewer's own error message. */
async function waitLoaded(page: Page): Promise<void> {
  const h = await page.waitForFunction(
    () => {
      if (document.querySelector('[data-testid="load-ready"]')) return 'ready';
      const p = document.querySelector('[data-testid="load-progress"].error');
      return p ? `viewer error: ${p.textContent ?? ''}` : '';
    },
    undefined,
    { timeout: LOAD_TIMEOUT, polling: 100 },
  );
  const state = (await h.jsonValue()) as string;
  if (state !== 'ready') throw new Error(state);
}

async function oursLocal(browser: Browser, base: string, pages: Map<string, { body: Buffer; type: string }>, ct: BenchCt, withScroll: boolean): Promise<void> {
  const { context, page, cdp } = await newPage(browser, base, pages);
  try {
    await page.goto(base);
    await page.waitForSelector('[data-testid="drop-zone"]', { timeout: 60_000 });
    await page.evaluate(() => {
      const input = document.querySelector('[data-testid="file-input"]');
      input?.addEventListener('change', () => ((window as unknown as Record<string, number>)['__importT0'] = performance.now()), { capture: true });
      document.addEventListener('click', () => ((window as unknown as Record<string, number>)['__openT0'] = performance.now()), { capture: true });
    });
    const before = await heap(cdp);
    await page.setInputFiles('[data-testid="file-input"]', ct.raw.files);
    const n = ct.raw.files.length;
    const importEnd = await page.waitForFunction(
      (count) => (new RegExp(`Read ${count} of ${count} files`).test(document.querySelector('[data-testid="import-report"]')?.textContent ?? '') ? performance.now() : 0),
      n,
      { timeout: LOAD_TIMEOUT, polling: 'raf' },
    );
    const importMs = ((await importEnd.jsonValue()) as number) - (await page.evaluate(() => (window as unknown as Record<string, number>)['__importT0'] ?? NaN));
    record('local.importMs', 'ms', 'ours', importMs);
    await page.locator(`tr[data-study-uid="${ct.raw.studyInstanceUID}"]`).locator('button', { hasText: 'Open' }).click();
    await waitLoaded(page);
    const openT0 = await page.evaluate(() => (window as unknown as Record<string, number>)['__openT0'] ?? NaN);
    const marks = await readMarks(page);
    if (marks.first === undefined || marks.ready === undefined) note('local.firstImageMs', 'ms', 'performance marks absent: rebuild the app (npx vite build)');
    record('local.firstImageMs', 'ms', 'ours', (marks.first ?? NaN) - openT0);
    record('local.firstImageFromFilesMs', 'ms', 'ours', importMs + (marks.first ?? NaN) - openT0);
    record('local.volumeReadyMs', 'ms', 'ours', (marks.ready ?? NaN) - openT0);
    record('local.volumeReadyFromFilesMs', 'ms', 'ours', importMs + (marks.ready ?? NaN) - openT0);
    // Let the last renders settle, then weigh what the page holds for the volume.
    await page.waitForTimeout(500);
    const after = await heap(cdp);
    const voxels = marks.detail?.voxels ?? ct.rows * ct.columns * ct.slices;
    record('memory.bytesPerVoxel', 'bytes/voxel', 'ours', (after.bytes - before.bytes) / voxels);
    if (marks.detail) {
      record('memory.cacheBytesPerVoxel', 'bytes/voxel', 'ours', marks.detail.cacheBytes / voxels);
      note('memory.cacheBytesPerVoxel', 'bytes/voxel', `Cornerstone cache.getCacheSize() / voxels at volume-ready (volume dataType ${marks.detail.dataType ?? 'unknown'})`);
    }
    note(
      'memory.bytesPerVoxel',
      'bytes/voxel',
      `CDP Runtime.getHeapUsage (usedSize${after.backing ? ' + backingStorageSize' : ''} + embedderHeapUsedSize) after a forced GC, loaded minus before import, per voxel; includes the imported File blobs' JS side, excludes GPU textures (not measurable on SwiftShader)`,
    );
    if (withScroll) {
      const all: number[] = [];
      for (const slot of ['axial', 'sagittal', 'coronal']) {
        const steps = (await scrollSteps(page, slot, SCROLL_STEPS)).filter((v) => Number.isFinite(v));
        all.push(...steps);
        record(`mpr.scrollStepMs.${slot}`, 'ms', 'ours', median(steps));
        record(`mpr.scrollStepP95Ms.${slot}`, 'ms', 'ours', percentile(steps, 95));
      }
      record('mpr.scrollStepMs', 'ms', 'ours', median(all), '≤ 16.7 ms at the median (one 60 Hz frame)');
      record('mpr.scrollStepP95Ms', 'ms', 'ours', percentile(all, 95));
      // The plan drag in the same page, after the scroll (bench/planning.ts).
      try {
        await planDrag(page, planRecorder, log);
      } catch (e) {
        const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
        log(`  plan drag FAILED: ${msg}`);
        note('plan.dragUpdateMs', 'ms', `plan drag failed: ${msg}`);
      }
    }
  } finally {
    await context.close();
  }
}

/** A bench page (floor or peer) reading the same files from its file input. */
async function benchPage(browser: Browser, base: string, pages: Map<string, { body: Buffer; type: string }>, name: 'floor' | 'peer', files: readonly string[]): Promise<{ result: BenchPageResult; heapBytes: number }> {
  const { context, page, cdp } = await newPage(browser, base, pages);
  try {
    await page.goto(`${base}/bench/${name}.html`);
    await page.waitForSelector('#files', { state: 'attached' });
    const before = await heap(cdp);
    await page.setInputFiles('#files', [...files]);
    await page.waitForFunction(() => window.__bench?.allMs !== undefined || window.__bench?.error !== undefined, undefined, { timeout: LOAD_TIMEOUT, polling: 100 });
    const result = (await page.evaluate(() => window.__bench)) ?? {};
    await page.waitForTimeout(300);
    const after = await heap(cdp);
    return { result, heapBytes: after.bytes - before.bytes };
  } finally {
    await context.close();
  }
}

async function oursDicomweb(browser: Browser, base: string, pages: Map<string, { body: Buffer; type: string }>, series: BenchSeries, prefix: string): Promise<void> {
  const { context, page } = await newPage(browser, base, pages);
  try {
    await page.goto(`${base}/studies/${series.studyInstanceUID}`);
    try {
      await waitLoaded(page);
    } catch (e) {
      const shot = path.join(repoRoot, 'test-results', `bench-${prefix}.png`);
      mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot }).catch(() => undefined);
      const progress = await page.locator('[data-testid="load-progress"]').innerText({ timeout: 1000 }).catch(() => 'no progress bar');
      throw new Error(`not ready (${progress}; screenshot ${path.relative(repoRoot, shot)}): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
    const marks = await readMarks(page);
    record(`${prefix}.firstImageMs`, 'ms', 'ours', marks.first);
    record(`${prefix}.volumeReadyMs`, 'ms', 'ours', marks.ready, 'within 1.3× the floor; ≥ 2× faster than the peer');
  } finally {
    await context.close();
  }
}

/** The DICOMweb floor: in a page of Orthanc's own origin, list the series and fetch every frame, no decoding. */
async function dicomwebFloor(browser: Browser, orthanc: Orthanc, series: BenchSeries, concurrency: number): Promise<number> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${orthanc.url}/system`);
    return await page.evaluate(
      async ([study, ser, conc]) => {
        const t0 = performance.now();
        const root = `/dicom-web/studies/${study}/series/${ser}`;
        const list = (await (await fetch(`${root}/instances`, { headers: { accept: 'application/dicom+json' } })).json()) as Record<string, { Value?: string[] }>[];
        const uids = list.map((i) => i['00080018']?.Value?.[0] ?? '');
        let next = 0;
        let bytes = 0;
        // No named inner functions here: tsx would wrap them in a helper the page lacks.
        await Promise.all(
          Array.from({ length: conc }, async () => {
            while (next < uids.length) {
              const uid = uids[next++];
              const r = await fetch(`${root}/instances/${uid}/frames/1`, { headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' } });
              bytes += (await r.arrayBuffer()).byteLength;
            }
          }),
        );
        if (bytes === 0) throw new Error('no frame bytes');
        return performance.now() - t0;
      },
      [series.studyInstanceUID, series.seriesInstanceUID, concurrency] as const,
    );
  } finally {
    await context.close();
  }
}

// ---- main ----------------------------------------------------------------------------

/** Runs one measurement and logs its duration; a failure becomes a note on `id` and the bench goes on. */
async function step(label: string, id: string, unit: string, fn: () => Promise<void>): Promise<void> {
  const t0 = Date.now();
  try {
    await fn();
    log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    log(`  ${label} FAILED after ${((Date.now() - t0) / 1000).toFixed(1)} s: ${msg}`);
    note(id, unit, `${label} failed: ${msg}`);
  }
}

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

function printTable(ms: readonly Metric[]): void {
  const cell = (v: number | null): string => (v === null ? '—' : String(v));
  const lines = [['metric', 'unit', 'ours', 'floor', 'peer', '÷floor', '÷peer', 'ours min–max']];
  for (const m of ms) lines.push([m.id, m.unit, cell(m.ours), cell(m.floor), cell(m.peer), cell(m.ratioToFloor), cell(m.ratioToPeer), m.min.ours === null ? '—' : `${m.min.ours}–${m.max.ours}`]);
  const widths = (lines[0] ?? []).map((_, c) => Math.max(...lines.map((l) => (l[c] ?? '').length)));
  for (const l of lines) console.log(l.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  for (const m of ms) if (m.note) console.log(`  ${m.id}: ${m.note}`);
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  const cacheRoot = path.join(benchDir, 'cache');
  mkdirSync(cacheRoot, { recursive: true });
  const ct = await ensureBenchCt(cacheRoot, SLICES, log);
  if (!existsSync(path.join(repoRoot, 'dist/index.html'))) {
    log('building the app (dist/ is absent) …');
    const { build } = await import('vite');
    await build({ root: repoRoot, logLevel: 'error' });
  }
  const pages = await bundlePages();
  // The Node planning rows first, before Orthanc, the server and the browser share the machine.
  if (ONLY === undefined || ONLY === 'plan') await step('plan rows in Node (grow, measure, zone metrics)', 'plan.growMs', 'ms', async () => planNodeRows(planRecorder, quick, log));

  const orthancSkip = orthancSkipReason();
  let orthanc: Orthanc | undefined;
  if (!orthancSkip) {
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
  log(`server ${server.url}; ${SLICES} slices, ${RUNS} run(s); Chromium ${browser.version()}; decode/parse workers ${workers}`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      log(`run ${run}/${RUNS}`);
      if (ONLY !== 'dicomweb') await step('ours, local files', 'local.volumeReadyMs', 'ms', () => oursLocal(browser, server.url, pages, ct, true));

      if (ONLY !== 'dicomweb' && ONLY !== 'plan') {
        const t0 = Date.now();
        const floor = await benchPage(browser, server.url, pages, 'floor', ct.raw.files);
        log(`  floor, local files (dicom-parser in ${workers} workers → one Int16Array): ${((Date.now() - t0) / 1000).toFixed(1)} s`);
        if (floor.result.error) note('local.volumeReadyMs', 'ms', `floor error: ${floor.result.error}`);
        record('local.firstImageMs', 'ms', 'floor', floor.result.firstMs, 'within 1.5× the floor\'s first-file parse; ≥ 2× faster than the peer');
        record('local.firstImageFromFilesMs', 'ms', 'floor', floor.result.firstMs);
        record('local.volumeReadyMs', 'ms', 'floor', floor.result.allMs, 'within 1.3× the floor; ≥ 2× faster than the peer');
        record('local.volumeReadyFromFilesMs', 'ms', 'floor', floor.result.allMs);
        if (floor.result.volumeBytes && floor.result.voxels) record('memory.bytesPerVoxel', 'bytes/voxel', 'floor', floor.result.volumeBytes / floor.result.voxels, '≤ 2.0 bytes/voxel for 16-bit CT');

        try {
          const t1 = Date.now();
          const peer = await benchPage(browser, server.url, pages, 'peer', ct.raw.files);
          log(`  peer (dwv), local files: ${((Date.now() - t1) / 1000).toFixed(1)} s`);
          if (peer.result.error) note('local.volumeReadyMs', 'ms', `dwv error: ${peer.result.error}`);
          record('local.firstImageMs', 'ms', 'peer', peer.result.firstMs);
          record('local.firstImageFromFilesMs', 'ms', 'peer', peer.result.firstMs);
          record('local.volumeReadyMs', 'ms', 'peer', peer.result.allMs);
          record('local.volumeReadyFromFilesMs', 'ms', 'peer', peer.result.allMs);
          if (peer.result.allMs !== undefined) record('memory.bytesPerVoxel', 'bytes/voxel', 'peer', peer.heapBytes / (ct.rows * ct.columns * ct.slices));
        } catch (e) {
          note('local.volumeReadyMs', 'ms', `dwv failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
        }
      }
      if (orthanc && ONLY !== 'local' && ONLY !== 'plan') {
        for (const [series, prefix] of [[ct.raw, 'dicomweb'], [ct.jpls, 'dicomweb.jpegls']] as const) {
          const o = orthanc;
          await step(`ours, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, 'ms', () => oursDicomweb(browser, server.url, pages, series, prefix));
          await step(`floor, DICOMweb ${series.transferSyntax}`, `${prefix}.volumeReadyMs`, 'ms', async () => record(`${prefix}.volumeReadyMs`, 'ms', 'floor', await dicomwebFloor(browser, o, series, 6)));
        }
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.close().catch(() => undefined);
    await orthanc?.stop().catch(() => undefined);
    rmSync(tmp, { recursive: true, force: true });
  }

  // Rows whose shape must stay stable even when a side is not measured.
  const firstGoal = 'within 1.5× the floor\'s first-file parse; ≥ 2× faster than the peer';
  row('local.firstImageMs', 'ms', firstGoal);
  note('local.firstImageMs', 'ms', 'ours: from the Open click to the first frame rendered after the first slice arrived (import counted in local.importMs); floor: first file read, parsed and converted; peer: dwv first renderend');
  note('local.firstImageFromFilesMs', 'ms', 'ours: local.importMs + local.firstImageMs, i.e. from handing the files to the page');
  note('local.volumeReadyMs', 'ms', 'ours: from the Open click to the volume complete; floor: every file parsed and copied into one Int16Array; peer: dwv load event');
  row('local.importMs', 'ms');
  note('local.importMs', 'ms', 'reading every header in the worklist import (files handed to the page → import report); floor and peer have no separate import');
  for (const prefix of ['dicomweb', 'dicomweb.jpegls']) {
    row(`${prefix}.volumeReadyMs`, 'ms', 'within 1.3× the floor');
    if (!orthanc) note(`${prefix}.volumeReadyMs`, 'ms', `not measured: ${orthancSkip ?? 'Orthanc absent'}`);
    else {
      note(`${prefix}.volumeReadyMs`, 'ms', 'ours: from navigation to /studies/<uid> (through our server\'s DICOMweb proxy) to the volume complete; floor: QIDO the instances and fetch every frame (transfer-syntax=*, no decoding) from Orthanc\'s own origin, 6 at a time');
      note(`${prefix}.volumeReadyMs`, 'ms', 'peer: none (dwv has no WADO-RS loader)');
    }
  }
  row('memory.bytesPerVoxel', 'bytes/voxel', '≤ 2.0 bytes/voxel for 16-bit CT');
  note('memory.bytesPerVoxel', 'bytes/voxel', 'floor: the Int16Array alone; peer: dwv, same CDP heap delta as ours');
  row('mpr.scrollStepMs', 'ms', '≤ 16.7 ms at the median (one 60 Hz frame)');
  note('mpr.scrollStepMs', 'ms', `ours: synthetic wheel event on each MPR view to the next CORNERSTONE_IMAGE_RENDERED, ${SCROLL_STEPS} steps per view (axial, sagittal, coronal) after the volume is complete; floor and peer: none`);
  row('plan.growMs', 'ms', GROW_GOAL);
  row('plan.growColdMs', 'ms', GROW_GOAL);
  row('plan.measureMs', 'ms', MEASURE_GOAL);
  row('plan.metricsNodeMs', 'ms', FRAME_GOAL);
  row('plan.dragUpdateMs', 'ms', '≤ 16.7 ms at the median');
  row('plan.dragUpdateP95Ms', 'ms');
  row('plan.dragFrameMs', 'ms', FRAME_GOAL);
  for (const id of ['plan.growMs', 'plan.growColdMs', 'plan.measureMs', 'plan.metricsNodeMs', 'plan.dragUpdateMs', 'plan.dragUpdateP95Ms', 'plan.dragFrameMs']) {
    const r = row(id, 'ms');
    if (r.values.ours.length === 0 && r.notes.size === 0) note(id, 'ms', `not measured in this run${ONLY ? ` (--only ${ONLY})` : ''}`);
  }

  const ms = metrics();
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
  printTable(ms);
  log(`wrote ${path.relative(repoRoot, OUT)} in ${out.seconds} s`);
}

main()
  .then(() => process.exit(0))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
