import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth, type StudyTruth } from '../support/truth';
import { decodePng } from '../../src/interop/png/decodePng';
import { ViewerPage } from './viewerPage';

interface StoredKeyImage {
  id: string;
  caseId: string;
  caption: string;
  width: number;
  height: number;
  references: { sopClassUid: string; sopInstanceUid: string }[];
  view: { slot: string; layout: string; mode: string; sliceNumber: number; sliceCount: number; window: { width: number; center: number }; plan: { id: string; version: number } | null; camera: { parallelScale: number } | null; layers: { plan: boolean } };
}

/** Grey statistics of a decoded RGB picture (luminance = mean of the channels). */
function greyStats(rgb: Uint8Array): { levels: number; nonBlack: number } {
  const levels = new Set<number>();
  let nonBlack = 0;
  for (let i = 0; i < rgb.length; i += 3) {
    const l = Math.round((rgb[i]! + rgb[i + 1]! + rgb[i + 2]!) / 3);
    levels.add(l);
    if (l > 10) nonBlack++;
  }
  return { levels: levels.size, nonBlack: nonBlack / (rgb.length / 3) };
}

/** Mean absolute difference (0–255) of two RGB pictures of one size. */
function meanDiff(a: Uint8Array, b: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i]! - b[i]!);
  return s / a.length;
}

async function pngOf(page: Page, url: string): Promise<Uint8Array> {
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  return new Uint8Array(await res.body());
}

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let truth: StudyTruth;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-keyimages-e2e-')) });
  browser = await launchBrowser();
  truth = readTruth('case1-pelvis-ct');
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('key images', () => {
  it('saves an axial view (slice, window, zoom, plan drawn) to the case, lists it with its picture, and reopens it exactly', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = watchErrors(page);
    const viewer = new ViewerPage(page, server.url);
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.waitTrajectoryRows(9);

    // 1×1 axial, on the lesion, 3 slices on, soft-tissue window, zoomed in with a right drag.
    await viewer.key('7');
    await page.waitForFunction(() => document.querySelectorAll('.viewport-pane').length === 1);
    await viewer.jumpTo(truth.lesions[0]!.centerLps as [number, number, number]);
    const box = (await page.locator('[data-testid="viewport-axial"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) await viewer.key('ArrowDown');
    await viewer.key('2');
    await page.mouse.down({ button: 'right' });
    // Dragging down zooms in (up zooms out, which left the framed body too small for the picture checks).
    for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2 + 10 * i);
    await page.mouse.up({ button: 'right' });
    await page.waitForFunction(() => /Zoom (?!1\.00)/.test(document.querySelector('[data-testid="window-axial"]')?.textContent ?? ''));
    await page.waitForTimeout(300);
    const sliceBefore = await viewer.sliceText('axial');
    const windowBefore = await viewer.windowText('axial');
    expect(windowBefore).toMatch(/W 400 HU · L 40 HU/);
    expect(await viewer.overlayPixels('axial', 'any')).toBeGreaterThan(100);
    // The corner text shows the patient's name on screen: the picture must leave it out.
    const cornerText = await page.locator('[data-slot="axial"] .corner.tl').innerText();
    expect(cornerText.split('\n').length).toBeGreaterThan(1);

    await viewer.key('k');
    await page.waitForSelector('[data-testid="key-image-dialog"]');
    await page.fill('[data-testid="key-image-caption"]', 'Right iliac lesion, soft-tissue window, planned needles');
    expect(await page.locator('[data-testid="key-image-case"] option').count()).toBeGreaterThan(0);
    await snap(page, 'key-image-dialog');
    await page.click('[data-testid="key-image-save"]');
    const saved = await page.waitForSelector('[data-testid="key-image-message"]', { timeout: 30_000 });
    expect(await saved.innerText()).toMatch(/Key image saved to case/);
    const canvas = await viewer.canvasStats('axial');
    // The corner region of the on-screen image canvas (under the HTML text), read now.
    const corner = await page.evaluate(() => {
      const c = document.querySelector('[data-testid="viewport-axial"] canvas.cornerstone-canvas') as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, 200, 80).data);
    });

    const planId = await page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value);
    const plan = await viewer.storedPlan(planId);
    const list = (await (await page.request.get(`${server.url}/api/cases/${plan.caseId}/key-images`)).json()) as { keyImages: StoredKeyImage[] };
    expect(list.keyImages).toHaveLength(1);
    const k = list.keyImages[0]!;
    expect(k.view).toMatchObject({ slot: 'axial', layout: '1x1', mode: 'mpr', window: { width: 400, center: 40 }, plan: { id: planId, version: plan.version }, layers: { plan: true } });
    expect(sliceBefore).toContain(`Im ${k.view.sliceNumber} / ${k.view.sliceCount}`);
    expect(k.references).toHaveLength(1);
    // The picture is the viewport canvas's size, not blank, and carries the plan's colours.
    expect([k.width, k.height]).toEqual([canvas.width, canvas.height]);
    const png = decodePng(await pngOf(page, `${server.url}/api/key-images/${k.id}/png`));
    if (!png.ok) throw new Error(png.error);
    expect([png.value.width, png.value.height]).toEqual([canvas.width, canvas.height]);
    const stats = greyStats(png.value.rgb);
    expect(stats.levels).toBeGreaterThan(50);
    expect(stats.nonBlack).toBeGreaterThan(0.1);
    // Where the HTML corner text is drawn on screen, the picture holds the image canvas's pixels, not text.
    const pngCorner: number[] = [];
    for (let y = 0; y < 80; y++) for (let x = 0; x < 200; x++) for (let c = 0; c < 3; c++) pngCorner.push(png.value.rgb[(y * png.value.width + x) * 3 + c]!);
    const canvasCorner = corner.filter((_, i) => i % 4 !== 3);
    expect(meanDiff(Uint8Array.from(pngCorner), Uint8Array.from(canvasCorner))).toBeLessThan(1);

    // The case page lists it with its thumbnail, caption, slice and window.
    await page.goto(`${server.url}/cases/${plan.caseId}`);
    const card = page.locator('[data-testid="key-image-card"]');
    await card.waitFor();
    await page.waitForFunction(() => ((document.querySelector('[data-testid="key-image-thumb"]') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await page.locator('[data-testid="case-key-images"]').scrollIntoViewIfNeeded();
    expect(await card.innerText()).toContain('Right iliac lesion');
    expect(await page.locator('[data-testid="key-image-facts"]').innerText()).toContain(`Im ${k.view.sliceNumber}/${k.view.sliceCount} · W 400 / L 40 HU`);
    expect(await page.locator('[data-testid="key-images-download-board"]').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid="key-images-download-teaching"]').isEnabled()).toBe(false);
    await snap(page, 'key-image-case-section');

    // Reopened in a new page from the deep link: same slice, window and zoom, same picture.
    const again = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const againErrors = watchErrors(again);
    const reopened = new ViewerPage(again, server.url);
    await again.goto(`${server.url}/studies/${truth.studyInstanceUID}?keyImage=${k.id}`);
    await reopened.waitReady();
    await again.waitForFunction(() => /reopened/.test(document.querySelector('[data-testid="key-image-message"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await again.waitForTimeout(500);
    const canvasAgain = await reopened.canvasStats('axial');
    const cameraAgain = await again.evaluate(() => window.__percuplan!.session!.keyImages.captureView('axial')?.camera);
    console.log(`[e2e key images] canvas ${canvas.width}×${canvas.height} → ${canvasAgain.width}×${canvasAgain.height}; parallelScale ${k.view.camera?.parallelScale} → ${cameraAgain?.parallelScale}; ${windowBefore.replace('\n', ' ')} → ${(await reopened.windowText('axial')).replace('\n', ' ')}`);
    await snap(again, 'key-image-reopened');
    expect(cameraAgain?.parallelScale).toBeCloseTo(k.view.camera!.parallelScale, 6);
    expect(await reopened.sliceText('axial')).toBe(sliceBefore);
    expect(await reopened.windowText('axial')).toBe(windowBefore);
    const redrawn = await again.evaluate(async () => (await window.__percuplan!.session!.keyImages.renderKeyImagePng('axial')).png);
    const redrawnPng = decodePng(new Uint8Array(Buffer.from(redrawn, 'base64')));
    if (!redrawnPng.ok) throw new Error(redrawnPng.error);
    expect(meanDiff(redrawnPng.value.rgb, png.value.rgb)).toBeLessThan(2);
    expect(await reopened.overlayPixels('axial', 'any')).toBeGreaterThan(100);
    await snap(again, 'key-image-reopened');

    // The presenter's switch: overlay=off draws no plan over the same view.
    await again.goto(`${server.url}/studies/${truth.studyInstanceUID}?keyImage=${k.id}&overlay=off`);
    await reopened.waitReady();
    await again.waitForFunction(() => /reopened/.test(document.querySelector('[data-testid="key-image-message"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await again.waitForTimeout(500);
    expect(await reopened.windowText('axial')).toBe(windowBefore);
    expect(await reopened.overlayPixels('axial', 'any')).toBe(0);
    expect(await again.locator('[data-testid="overlay-toggle"]').getAttribute('aria-pressed')).toBe('false');
    await snap(again, 'key-image-reopened-overlay-off');
    expect(errors).toEqual([]);
    expect(againErrors).toEqual([]);
  }, 300_000);
  it('leaves the crosshairs out of the picture (a pointer at the workstation, not part of the view)', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const errors = watchErrors(page);
    const viewer = new ViewerPage(page, server.url);
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.key('c');
    // The crosshairs draw SVG lines across the axial view of the 1×3 layout.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-axial"] svg.svg-layer line').length >= 2, undefined, { timeout: 30_000 });
    await page.waitForTimeout(300);
    const probe = await page.evaluate(async () => {
      const root = document.querySelector('[data-testid="viewport-axial"]')!;
      const base = root.querySelector('canvas.cornerstone-canvas') as HTMLCanvasElement;
      const svg = root.querySelector('svg.svg-layer') as SVGSVGElement;
      const scale = base.width / (svg.clientWidth || base.clientWidth);
      // Points a quarter and three quarters along each crosshair line, in canvas pixels.
      const points: [number, number][] = [];
      for (const l of svg.querySelectorAll('line')) {
        const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(l.getAttribute(a)));
        for (const t of [0.2, 0.3, 0.7, 0.8]) points.push([Math.round((x1! + (x2! - x1!) * t) * scale), Math.round((y1! + (y2! - y1!) * t) * scale)]);
      }
      const picture = await window.__percuplan!.session!.keyImages.renderKeyImagePng('axial');
      // The bare image canvas at the same points (drawn onto a 2D canvas to read it).
      const copy = document.createElement('canvas');
      copy.width = base.width;
      copy.height = base.height;
      const c2 = copy.getContext('2d')!;
      c2.drawImage(base, 0, 0);
      const bare = points.map(([x, y]) => Array.from(c2.getImageData(x, y, 1, 1).data.slice(0, 3)));
      return { png: picture.png, points, bare, width: base.width };
    });
    const png = decodePng(new Uint8Array(Buffer.from(probe.png, 'base64')));
    if (!png.ok) throw new Error(png.error);
    expect(probe.points.length).toBeGreaterThanOrEqual(8);
    // Along the crosshair lines the picture holds the image's own pixels (the plan overlay may cover a few points).
    const same = probe.points.filter(([x, y], i) => {
      const o = (y * png.value.width + x) * 3;
      const d = [0, 1, 2].map((c) => Math.abs(png.value.rgb[o + c]! - probe.bare[i]![c]!));
      return Math.max(...d) <= 8;
    }).length;
    expect(same / probe.points.length).toBeGreaterThan(0.75);
    await snap(page, 'key-image-crosshairs-on-screen');
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
