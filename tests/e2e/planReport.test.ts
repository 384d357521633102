import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { screenshotDir } from '../support/paths';

/** The plan report printed by Chromium and read back with poppler (pdftotext, pdfinfo, pdftoppm). */

const POPPLER = ['pdftotext', 'pdfinfo', 'pdftoppm'];
const missing = POPPLER.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const skip = missing.length ? `skipped the plan report PDF tests: ${missing.join(', ')} not installed (poppler-utils; scripts/install-system-deps.sh installs it)` : undefined;
if (skip) console.warn(skip);

interface Metrics {
  depthMm: number;
  craniocaudalAngleDeg: number | null;
  craniocaudalDirection: string;
  axialAngleDeg: number | null;
  axialDirection: string;
}
interface StoredPlan {
  id: string;
  version: number;
  caseId: string;
  studyInstanceUID: string;
  seriesInstanceUID: string;
  content: { trajectories: { id: string; label: string; entry: number[]; target: number[]; metrics: Metrics }[] };
}

/** An angle as the plan panel shows it: one decimal, the degree sign, the direction unless none. */
const shown = (deg: number | null, direction: string): string => (deg === null ? '—' : `${deg.toFixed(1)}°${direction === 'none' ? '' : ` ${direction}`}`);
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];
let plan: StoredPlan;
const out = path.join(path.dirname(screenshotDir), 'planReport');

beforeAll(async () => {
  if (skip) return;
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-report-e2e-')) });
  const cases = (await (await fetch(`${server.url}/api/cases`)).json()) as { cases: { title: string; plans: { id: string }[] }[] };
  const case1 = cases.cases.find((c) => c.title.startsWith('Right iliac bone and superior acetabulum'));
  expect(case1?.plans).toHaveLength(1);
  plan = (await (await fetch(`${server.url}/api/plans/${case1!.plans[0]!.id}`)).json()) as StoredPlan;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  errors = watchErrors(page);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe.skipIf(!!skip)('the plan report of case 1 printed to PDF (A4 and Letter)', () => {
  it('opens with the nine trajectories of the demo plan and the content hash', async () => {
    expect(plan.content.trajectories).toHaveLength(9);
    await page.goto(`${server.url}/plans/${plan.id}/report`);
    await page.waitForSelector('[data-testid="report-ready"] [data-testid="report-hash"]', { timeout: 60_000 });
    expect(await page.locator('[data-testid="report-geometry-row"]').count()).toBe(9);
    expect(await page.locator('[data-testid="report-hash"]').innerText()).toMatch(/^[0-9a-f]{12}$/);
    // The key images: three per needle, every one loaded and decoded before the page says it is ready.
    await page.waitForSelector('[data-testid="plan-report"][data-ready="true"]', { timeout: 120_000 });
    expect(await page.locator('[data-testid="report-keyimg-needle"]').count()).toBe(9);
    const imgs = await page.locator('[data-testid="report-key-images"] img').evaluateAll((els) =>
      els.map((e) => ({ complete: (e as HTMLImageElement).complete, w: (e as HTMLImageElement).naturalWidth, view: e.getAttribute('data-view') })),
    );
    expect(imgs).toHaveLength(27);
    expect(imgs.every((i) => i.complete && i.w === 512)).toBe(true);
    expect(imgs.filter((i) => i.view === 'probe')).toHaveLength(9);
    expect(await page.locator('[data-testid="report-key-images"] figcaption').first().innerText()).toMatch(/^Needle 1 .*axial at the target, slice \d+\/\d+/);
    expect(await page.locator('[data-testid="report-version"]').innerText()).toContain(`${plan.version} (plan ${plan.id})`);
    await snap(page, 'plan-report-screen');
    expect(errors).toEqual([]);
  }, 120_000);

  for (const format of ['A4', 'Letter'] as const) {
    it(`prints in ${format}: every depth and both angles as the API gives them, the statement, "Page x / y", nothing past the margins`, async () => {
      const pdfPath = path.join(out, `plan-report-${format}.pdf`);
      writeFileSync(pdfPath, await page.pdf({ format, printBackground: true }));
      const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      const [w, h] = [Number(size?.[1]), Number(size?.[2])];
      // A4 is 210 × 297 mm = 595.3 × 841.9 pt (Chromium rounds it to 8.27 × 11.71 in, 595.9 × 842.9 pt);
      // Letter 8.5 × 11 in = 612 × 792 pt.
      const [ew, eh] = format === 'A4' ? [595.3, 841.9] : [612, 792];
      expect(Math.abs(w - ew)).toBeLessThan(2);
      expect(Math.abs(h - eh)).toBeLessThan(2);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      expect(pages).toBeGreaterThan(1);

      const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
      const lines = text.split('\n');
      for (const t of plan.content.trajectories) {
        const m = t.metrics;
        // One row of the geometry table: depth, craniocaudal and axial angles side by side.
        const row = new RegExp(`${escape(m.depthMm.toFixed(1))} mm\\s+${escape(shown(m.craniocaudalAngleDeg, m.craniocaudalDirection))}\\s+${escape(shown(m.axialAngleDeg, m.axialDirection))}(\\s|$)`);
        expect(lines.some((l) => row.test(l)), `${t.id}: ${row}`).toBe(true);
        expect(text).toContain(t.entry.map((v) => v.toFixed(1)).join(', '));
        expect(text).toContain(t.target.map((v) => v.toFixed(1)).join(', '));
      }
      expect(text).toContain('Not a medical device.');
      // pdftotext separates pages with a form feed: each page carries its own "Page i / N".
      const sheets = text.split('\f').filter((s) => s.trim() !== '');
      expect(sheets).toHaveLength(pages);
      sheets.forEach((s, i) => expect(s).toContain(`Page ${i + 1} / ${pages}`));

      // Nothing runs past the right margin (12 mm = 34 pt): every word's box ends inside the sheet less it.
      const boxes = execFileSync('pdftotext', ['-bbox', pdfPath, '-'], { encoding: 'utf8' });
      const xMax = Math.max(...[...boxes.matchAll(/xMax="([\d.]+)"/g)].map((x) => Number(x[1])));
      expect(xMax).toBeLessThanOrEqual(w - 30);

      const prefix = path.join(screenshotDir, `plan-report-${format}`);
      mkdirSync(screenshotDir, { recursive: true });
      execFileSync('pdftoppm', ['-r', '50', '-png', pdfPath, prefix]);
      const pngs = readdirSync(screenshotDir).filter((f) => f.startsWith(`plan-report-${format}-`) && f.endsWith('.png'));
      expect(pngs.length).toBe(pages);
      // The sheet is white to its edge: the margins (where the footer is) do not take the app's dark background.
      execFileSync('pdftoppm', ['-r', '20', '-f', '1', '-l', '1', pdfPath, path.join(out, `corner-${format}`)]);
      const ppm = readFileSync(path.join(out, readdirSync(out).find((f) => f.startsWith(`corner-${format}`) && f.endsWith('.ppm'))!));
      // Binary PPM (P6): "P6\n<w> <h>\n255\n" then RGB bytes; the first pixel is the top-left corner.
      const header = /^P6\s+\d+\s+\d+\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
      expect(header).not.toBeNull();
      expect([...ppm.subarray(header![0].length, header![0].length + 3)]).toEqual([255, 255, 255]);
    }, 120_000);
  }

  it('prints the key images: the PDF pages rendered by pdftoppm show CT greys and overlay colours, not blanks', async () => {
    const pdfPath = path.join(out, 'plan-report-A4.pdf');
    expect(existsSync(pdfPath)).toBe(true);
    execFileSync('pdftoppm', ['-r', '72', pdfPath, path.join(out, 'keyimg')]);
    let pictureBlocks = 0;
    const hits = { needle: 0, zone: 0 };
    const near = (r: number, g: number, b: number, c: readonly number[]) => Math.abs(r - c[0]!) + Math.abs(g - c[1]!) + Math.abs(b - c[2]!) < 60;
    for (const f of readdirSync(out).filter((n) => n.startsWith('keyimg') && n.endsWith('.ppm'))) {
      const ppm = readFileSync(path.join(out, f));
      const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'))!;
      const [w, h, at] = [Number(header[1]), Number(header[2]), header[0].length];
      for (let i = at; i + 2 < ppm.length; i += 3) {
        if (near(ppm[i]!, ppm[i + 1]!, ppm[i + 2]!, [255, 212, 59])) hits.needle++;
        if (near(ppm[i]!, ppm[i + 1]!, ppm[i + 2]!, [34, 184, 207])) hits.zone++;
      }
      // An 8×8 block with no white pixel and at least 6 grey levels is a picture, not text (thin strokes on white).
      for (let by = 0; by + 8 <= h; by += 8) {
        for (let bx = 0; bx + 8 <= w; bx += 8) {
          const levels = new Set<number>();
          let white = false;
          for (let y = by; y < by + 8 && !white; y++) {
            for (let x = bx; x < bx + 8; x++) {
              const p = at + (y * w + x) * 3;
              if (ppm[p]! > 240 && ppm[p + 1]! > 240 && ppm[p + 2]! > 240) {
                white = true;
                break;
              }
              levels.add(ppm[p]!);
            }
          }
          if (!white && levels.size >= 6) pictureBlocks++;
        }
      }
    }
    // 27 pictures of ~60 mm at 72 dpi hold ~12 000 such blocks; text alone gives almost none.
    expect(pictureBlocks).toBeGreaterThan(2000);
    expect(hits.needle).toBeGreaterThan(50);
    expect(hits.zone).toBeGreaterThan(50);
  }, 120_000);

  it('reports the nearest slice of a needle point: cement-iliac-2 target at z −344 is slice 80 of the 150 (z −502 to −204 by 2 mm)', async () => {
    // The sample pelvis series (sample-dicom) has 150 axial slices from z = −502 to −204 mm, 2 mm apart,
    // listed in that order: z −344 is (−344 + 502)/2 = 79 steps from the first, slice 80.
    const row = page.locator('[data-testid="report-placement"] tbody tr', { hasText: 'lateral cortex fracture' });
    expect(await row.locator('td').nth(7).innerText()).toMatch(/^80 \/ 150\s+z -344\.0$/);
  });

  it('reports a given version with ?version=n, and says so for an unknown plan', async () => {
    await page.goto(`${server.url}/plans/${plan.id}/report?version=1`);
    await page.waitForSelector('[data-testid="report-ready"]');
    expect(await page.locator('[data-testid="report-version"]').innerText()).toMatch(/^1 \(plan /);
    await page.goto(`${server.url}/plans/00000000-0000-4000-8000-000000000000/report`);
    await page.waitForSelector('[data-testid="report-not-found"]');
    expect(await page.locator('[data-testid="report-not-found"]').innerText()).toContain('No plan 00000000-0000-4000-8000-000000000000');
    expect(await page.locator('[data-testid="report-print"]').isDisabled()).toBe(true);
    expect(existsSync(out)).toBe(true);
  });
});
