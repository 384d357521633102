/**
 * What the parts of `npm run bench` share: the context of one run (browser, servers, the
 * bench CT, the results), the floor and peer pages bundled and served under /bench/, heap
 * samples through the DevTools protocol, the app's performance marks, and page helpers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Orthanc } from '../tests/support/orthanc';
import type { BenchCt } from './generate';
import type { Results } from './results';

export const benchDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(benchDir, '..');

export type BenchPages = Map<string, { body: Buffer; type: string }>;

/** One run of the bench, as every part sees it. */
export interface BenchContext {
  browser: Browser;
  /** Our server's base URL (production build, empty sample dir, PERCUPLAN_DEMO=0). */
  base: string;
  pages: BenchPages;
  ct: BenchCt;
  /** Absent when Orthanc cannot run here (the reason is in orthancSkip). */
  orthanc?: Orthanc;
  orthancSkip?: string;
  results: Results;
  quick: boolean;
  /** Runs of each browser measurement (3 full, 1 quick). */
  runs: number;
  scrollSteps: number;
  /** Longest wait for one load (ms). */
  loadTimeout: number;
  /** Where the bench keeps generated series between runs (bench/cache). */
  cacheRoot: string;
  /** Decode/parse workers the floor uses (and the product may use). */
  workers: number;
  log(s: string): void;
}

// ---- bench pages (floor and peer), bundled in memory and served under /bench/ -----------

export async function bundlePages(): Promise<BenchPages> {
  const files = new Map<string, { body: Buffer; type: string }>();
  const js = 'text/javascript; charset=utf-8';
  // fs and path: Emscripten glue (the JPEG-LS codec) names them on its Node branch only.
  const bundle = async (entry: string, format: 'esm' | 'iife'): Promise<Buffer> => {
    const r = await esbuild({ entryPoints: [path.join(benchDir, 'pages', entry)], bundle: true, format, platform: 'browser', target: 'chrome120', minify: true, write: false, logLevel: 'error', external: ['fs', 'path'] });
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
  // The DICOMweb floor (bench/dicomweb.ts) and its JPEG-LS decode workers, with the product's codec.
  files.set('/bench/dicomwebFloor.html', { body: html('DICOMweb floor', '/bench/dicomwebFloor.js'), type: 'text/html' });
  files.set('/bench/dicomwebFloor.js', { body: await bundle('dicomwebFloor.ts', 'esm'), type: js });
  files.set('/bench/dicomwebFloorWorker.js', { body: await bundle('dicomwebFloorWorker.ts', 'iife'), type: js });
  files.set('/bench/charlswasm_decode.wasm', { body: readFileSync(path.join(repoRoot, 'node_modules/@cornerstonejs/codec-charls/dist/charlswasm_decode.wasm')), type: 'application/wasm' });
  return files;
}

export async function serveBenchPages(context: BrowserContext, base: string, pages: BenchPages): Promise<void> {
  await context.route(`${base}/bench/**`, async (route) => {
    const f = pages.get(new URL(route.request().url()).pathname);
    if (f) await route.fulfill({ status: 200, body: f.body, contentType: f.type });
    else await route.fulfill({ status: 404, body: 'not found' });
  });
}

// ---- memory through the DevTools protocol ----------------------------------------------

export interface HeapSample {
  /** JS heap in use plus ArrayBuffer backing stores, after a full GC. */
  bytes: number;
  backing: boolean;
}

export async function heap(cdp: CDPSession): Promise<HeapSample> {
  await cdp.send('HeapProfiler.collectGarbage');
  const u = (await cdp.send('Runtime.getHeapUsage')) as unknown as Record<string, number | undefined>;
  const backing = typeof u['backingStorageSize'] === 'number';
  return { bytes: (u['usedSize'] ?? 0) + (u['backingStorageSize'] ?? 0) + (u['embedderHeapUsedSize'] ?? 0), backing };
}

// ---- the app's marks and page helpers ---------------------------------------------------

export const MARK_FIRST = 'percuplan:first-image';
export const MARK_READY = 'percuplan:volume-ready';

export interface ReadyDetail {
  voxels: number;
  cacheBytes: number;
  dataType: string | null;
}

export interface Marks {
  first?: number;
  ready?: number;
  detail?: ReadyDetail;
}

export function readMarks(page: Page): Promise<Marks> {
  return page.evaluate(
    ([first, ready]) => {
      const f = performance.getEntriesByName(first, 'mark')[0];
      const r = performance.getEntriesByName(ready, 'mark')[0] as PerformanceMark | undefined;
      return { first: f?.startTime, ready: r?.startTime, detail: r?.detail as ReadyDetail | undefined };
    },
    [MARK_FIRST, MARK_READY] as const,
  );
}

export async function newPage(browser: Browser, base: string, pages: BenchPages, log: (s: string) => void = console.log): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await serveBenchPages(context, base, pages);
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`  page error: ${e.message}`));
  page.on('crash', () => log('  the page crashed'));
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp };
}

/** Scrolls one MPR view `steps` times with wheel events; ms from each event to the next IMAGE_RENDERED. */
export function scrollSteps(page: Page, slot: string, steps: number): Promise<number[]> {
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
export async function waitLoaded(page: Page, timeout: number): Promise<void> {
  const h = await page.waitForFunction(
    () => {
      if (document.querySelector('[data-testid="load-ready"]')) return 'ready';
      const p = document.querySelector('[data-testid="load-progress"].error');
      return p ? `viewer error: ${p.textContent ?? ''}` : '';
    },
    undefined,
    { timeout, polling: 100 },
  );
  const state = (await h.jsonValue()) as string;
  if (state !== 'ready') throw new Error(state);
}

