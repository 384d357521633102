import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth, type StudyTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let viewer: ViewerPage;
let errors: string[];
let truth: StudyTruth;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-plan-e2e-')) });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1800, height: 1000 } });
  errors = watchErrors(page);
  viewer = new ViewerPage(page, server.url);
  truth = readTruth('case1-pelvis-ct');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Case 1: right iliac lesion centred at L1's truth centre. A needle on that axial slice from a
// postero-lateral entry 40 mm to the right of and 55 mm behind the target:
// d = target − entry = (+40, −55, 0) mm, depth √(40² + 55²) = 68.01 mm, craniocaudal 0° (in
// plane), axial angle atan(40 / 55) = 36.03° from the AP axis, towards patient left (+x in LPS).
const EXPECTED = { depth: Math.hypot(40, 55), axial: (Math.atan(40 / 55) * 180) / Math.PI };

describe('planning in the browser', () => {
  let planId = '';
  let grownMl = 0;
  let shown: Awaited<ReturnType<ViewerPage['trajectoryRows']>> = [];

  it('grows the sample lesion from one click to within 10 % of the truth volume', async () => {
    await viewer.open(truth.studyInstanceUID);
    await page.waitForSelector('[data-testid="plan-panel"]');
    // The demo plan of the case opens first: its lesion (grown by the product from a seed) and
    // its five cryoprobes and four bone access needles, with the server's metrics.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trajectory-row"][data-depth-mm]:not([data-depth-mm=""])').length === 9, undefined, { timeout: 60_000 });
    const [demoMl] = await viewer.lesionVolumes();
    expect(Math.abs(demoMl! / truth.lesions[0]!.volumeMl - 1)).toBeLessThan(0.1);
    await expect(page.locator('[data-testid="zone-metrics"]').innerText()).resolves.toMatch(/\d+ % covered/);
    await snap(page, 'plan-demo-case1');
    // Start a plan of our own.
    await page.selectOption('[data-testid="plan-select"]', '');
    const lesion = truth.lesions[0]!;
    await viewer.jumpTo(lesion.centerLps);
    await viewer.key('g');
    await viewer.clickWorld('axial', lesion.centerLps);
    await page.waitForSelector('[data-testid="lesion-row"][data-volume-ml]:not([data-volume-ml=""])', { timeout: 60_000 });
    const [ml] = await viewer.lesionVolumes();
    grownMl = ml!;
    console.log(`[e2e plan] grown ${grownMl.toFixed(2)} mL, truth ${lesion.volumeMl} mL`);
    expect(Math.abs(grownMl / lesion.volumeMl - 1)).toBeLessThan(0.1);
    // The overlay draws the lesion over the axial view: its colour appears at the centre.
    const overlayPixels = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="plan-overlay-axial"]') as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(overlayPixels).toBeGreaterThan(500);
    await snap(page, 'plan-lesion-grown');
  }, 180_000);

  it('a brush dab adds to the lesion, undo takes it back exactly, redo restores it', async () => {
    const c = truth.lesions[0]!.centerLps;
    await viewer.key('b');
    // A 3D dab beside the lesion (soft tissue lateral to it), outside the grown mask.
    await page.evaluate(() => window.__percuplan?.bridge?.setOptions({ brushSphere: true, brushRadiusMm: 6 }));
    await viewer.clickWorld('axial', [c[0] - 40, c[1], c[2]]);
    await page.waitForFunction((ml) => Number(document.querySelector('[data-testid="lesion-row"]')?.getAttribute('data-volume-ml')) > ml, grownMl, { timeout: 30_000 });
    const [painted] = await viewer.lesionVolumes();
    // A 6 mm ball is 0.905 mL; voxel centres inside it on a 0.78 × 0.78 × 2 mm grid come close to that.
    expect(painted! - grownMl).toBeGreaterThan(0.6);
    expect(painted! - grownMl).toBeLessThan(1.2);
    await page.keyboard.press('Control+z');
    await page.waitForFunction((ml) => Number(document.querySelector('[data-testid="lesion-row"]')?.getAttribute('data-volume-ml')) === ml, grownMl, { timeout: 30_000 });
    await page.keyboard.press('Control+y');
    await page.waitForFunction((ml) => Number(document.querySelector('[data-testid="lesion-row"]')?.getAttribute('data-volume-ml')) === ml, painted, { timeout: 30_000 });
    await page.keyboard.press('Control+z');
    await page.waitForFunction((ml) => Number(document.querySelector('[data-testid="lesion-row"]')?.getAttribute('data-volume-ml')) === ml, grownMl, { timeout: 30_000 });
    await viewer.key('Escape');
  }, 60_000);

  it('places a needle with two clicks and shows its depth and angles', async () => {
    const t = truth.lesions[0]!.centerLps;
    const entry: [number, number, number] = [t[0] - 40, t[1] + 55, t[2]];
    await viewer.key('n');
    await viewer.clickWorld('axial', entry);
    await viewer.clickWorld('axial', t);
    await page.waitForFunction(() => document.querySelector('[data-testid="trajectory-row"]')?.getAttribute('data-depth-mm'), undefined, { timeout: 30_000 });
    shown = await viewer.trajectoryRows();
    expect(shown).toHaveLength(1);
    const m = shown[0]!;
    // Clicks land on pixel centres: allow a pixel's worth (~0.8 mm) at each end.
    expect(Math.abs(m.depth - EXPECTED.depth)).toBeLessThan(1.5);
    expect(Math.abs(m.axial - EXPECTED.axial)).toBeLessThan(1.5);
    expect(m.cc).toBeLessThan(1);
    expect(m.text).toContain('left');
    await expect(page.locator('[data-testid="metric-depth"]').innerText()).resolves.toContain('mm');
    await snap(page, 'plan-needle-placed');
  }, 120_000);

  it('opens the probe’s-eye and in-plane views of the needle', async () => {
    await viewer.key('6');
    await page.waitForSelector('[data-testid="viewport-probe"] canvas');
    await page.waitForFunction(() => document.querySelectorAll('[data-slot="inplane90"]').length === 1);
    await page.waitForTimeout(1500);
    const probe = await viewer.canvasStats('probe');
    const along = await viewer.canvasStats('inplane0');
    expect(probe.nonBlack).toBeGreaterThan(0.05);
    expect(along.nonBlack).toBeGreaterThan(0.05);
    // The needle is drawn along the in-plane view: overlay pixels in the needle colour.
    const needlePixels = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="plan-overlay-inplane0"]') as HTMLCanvasElement | null;
      const ctx = c?.getContext('2d');
      if (!c || !ctx) return 0;
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3]! > 100 && d[i]! > 200 && d[i + 1]! > 180) n++;
      return n;
    });
    expect(needlePixels).toBeGreaterThan(50);
    await snap(page, 'plan-needle-views');
    await viewer.key('8');
  }, 120_000);

  it('saves, and after a reload shows the same lesion volume and needle numbers', async () => {
    await page.click('[data-testid="save-plan"]');
    await page.waitForFunction(() => /Saved, version/.test(document.querySelector('[data-testid="plan-message"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    planId = await page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value);
    expect(planId).not.toBe('');
    await page.reload();
    await viewer.waitReady();
    await page.waitForSelector(`[data-testid="plan-select"] option[value="${planId}"]`, { state: 'attached', timeout: 60_000 });
    await page.selectOption('[data-testid="plan-select"]', planId);
    await page.waitForSelector('[data-testid="lesion-row"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="trajectory-row"]')?.getAttribute('data-depth-mm'), undefined, { timeout: 30_000 });
    const [ml] = await viewer.lesionVolumes();
    expect(ml).toBe(grownMl);
    const again = await viewer.trajectoryRows();
    expect(again.map((r) => [r.depth, r.cc, r.axial])).toEqual(shown.map((r) => [r.depth, r.cc, r.axial]));
    // The server stored the same numbers it recomputed.
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/plans/${id}`)).json()) as { content: { trajectories: { metrics: { depthMm: number } }[]; lesions: { measurements: { volumeMl: number } }[] } }, planId);
    expect(stored.content.trajectories[0]!.metrics.depthMm).toBe(shown[0]!.depth);
    expect(Math.abs(stored.content.lesions[0]!.measurements.volumeMl - grownMl)).toBeLessThan(1e-9);
    await snap(page, 'plan-reopened');
  }, 180_000);

  it('prefills the case record from the lesion', async () => {
    await page.click('[data-testid="lesion-row"]');
    await page.click('[data-testid="prefill-case"]');
    await page.waitForFunction(() => /Case lesion/.test(document.querySelector('[data-testid="plan-message"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const found = await page.evaluate(async (id) => {
      const plan = (await (await fetch(`/api/plans/${id}`)).json()) as { caseId: string; content: { lesions: { id: string }[] } };
      const c = (await (await fetch(`/api/cases/${plan.caseId}`)).json()) as { lesions: { id?: string; lesionType: string | null; largestDiameterMm: number | null }[] };
      return c.lesions.find((l) => l.id === plan.content.lesions[0]!.id);
    }, planId);
    expect(found?.lesionType).toBe('lytic');
    // The grown lesion spans about 6 cm (truth semi-axes 22, 28, 34 mm).
    expect(found?.largestDiameterMm).toBeGreaterThan(50);
    expect(found?.largestDiameterMm).toBeLessThan(80);
  }, 60_000);

  it('marks bowel gas as a structure at risk with a box, and the needle reports its distance', async () => {
    const t = truth.lesions[0]!.centerLps;
    await page.selectOption('[data-testid="structure-kind"]', 'bowel');
    await page.click('[data-testid="add-structure"]');
    await viewer.key('x');
    // A box over the anterior pelvis on the lesion's slice, where the bowel loops lie.
    const a = await viewer.worldToPage('axial', [t[0] + 10, t[1] - 110, t[2]]);
    const b = await viewer.worldToPage('axial', [t[0] + 120, t[1] - 30, t[2]]);
    await viewer.drag(a, b);
    await page.waitForFunction(() => /\d+ voxels/.test(document.querySelector('[data-testid="structure-row"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const text = await page.locator('[data-testid="structure-row"]').innerText();
    const voxels = Number(/(\d+) voxels/.exec(text)?.[1]);
    expect(voxels).toBeGreaterThan(100);
    await page.click('[data-testid="trajectory-row"]');
    await page.waitForFunction(() => /from the shaft/.test(document.querySelector('[data-testid="trajectory-metrics"]')?.textContent ?? ''), undefined, { timeout: 30_000 });
    await snap(page, 'plan-structure-box');
    // A nerve laid as a tube through three clicks on the lesion's slice.
    await page.selectOption('[data-testid="structure-kind"]', 'nerve-root');
    await page.click('[data-testid="add-structure"]');
    await viewer.jumpTo(t);
    await viewer.key('t');
    for (const dx of [0, 15, 30]) await viewer.clickWorld('axial', [t[0] - 30 + dx, t[1] + 40, t[2]]);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="structure-row"]')].some((r) => /tube r 4 mm, 3 points/.test(r.textContent ?? '')), undefined, { timeout: 30_000 });
    await viewer.key('Escape');
  }, 120_000);

  it('shows the needle, its zones and the lesion in the 3D view', async () => {
    await viewer.key('Escape');
    await viewer.key('9');
    await page.waitForSelector('[data-testid="viewport-volume3d"] canvas', { timeout: 60_000 });
    await page.waitForTimeout(8000);
    const stats = await viewer.canvasStats('volume3d');
    expect(stats.nonBlack).toBeGreaterThan(0.02);
    await snap(page, 'plan-3d');
    expect(errors).toEqual([]);
  }, 180_000);

  it('opens the demo plan of case 3: one left transpedicular needle through the T10 pedicle, shown along the needle', async () => {
    const t3 = readTruth('case3-spine-ct');
    await viewer.open(t3.studyInstanceUID);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="trajectory-row"][data-depth-mm]:not([data-depth-mm=""])').length === 1, undefined, { timeout: 60_000 });
    const plan = await page.evaluate(() => {
      const d = window.__percuplan?.plan?.getSnapshot().draft;
      return d ? { t: d.trajectories.map((x) => ({ entry: x.entry, target: x.target })), lesions: d.lesions.length, structures: d.structures.map((s) => s.record.kind) } : undefined;
    });
    expect(plan?.lesions).toBe(1);
    expect(plan?.structures).toContain('spinal-canal');
    const { entry, target } = plan!.t[0]!;
    // Distance from the pedicle landmark to the needle's line, worked from the stored points.
    const p = t3.landmarks['T10PedicleLeft']!;
    const d = [target[0] - entry[0], target[1] - entry[1], target[2] - entry[2]];
    const len = Math.hypot(d[0]!, d[1]!, d[2]!);
    const w = [p[0]! - entry[0], p[1]! - entry[1], p[2]! - entry[2]];
    const along = (w[0]! * d[0]! + w[1]! * d[1]! + w[2]! * d[2]!) / len;
    const off = Math.sqrt(Math.max(0, w[0]! ** 2 + w[1]! ** 2 + w[2]! ** 2 - along ** 2));
    expect(off).toBeLessThan(2);
    // Entered from the left (patient left is +x) and behind (+y), aiming right and forward.
    expect(entry[0]).toBeGreaterThan(target[0]);
    expect(entry[1]).toBeGreaterThan(target[1]);
    const [row] = await viewer.trajectoryRows();
    expect(row!.depth).toBeCloseTo(len, 1);
    expect(row!.text).toContain('right');
    // Saving the performed demo plan without an edit changes nothing: the page sends back what
    // it loaded, the server recomputes the same numbers, and the plan stays performed, version 1.
    const demoId = await page.$eval('[data-testid="plan-select"]', (el) => (el as HTMLSelectElement).value);
    await page.click('[data-testid="save-plan"]');
    await page.waitForFunction(() => /Saved, version/.test(document.querySelector('[data-testid="plan-message"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const stored = await page.evaluate(async (id) => (await (await fetch(`/api/plans/${id}`)).json()) as { status: string; version: number }, demoId);
    expect(stored).toMatchObject({ status: 'performed', version: 1 });
    await page.click('[data-testid="trajectory-row"]');
    await expect(page.locator('[data-testid="trajectory-metrics"]').innerText()).resolves.toMatch(/Medial wall[\s\S]*clearance/);
    await viewer.key('6');
    await page.waitForSelector('[data-testid="viewport-inplane90"] canvas');
    await page.waitForTimeout(1500);
    await snap(page, 'plan-demo-case3-needle');
    expect(errors).toEqual([]);
  }, 180_000);
});
