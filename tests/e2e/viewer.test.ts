import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth, SAMPLE_KEYS, type StudyTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];
let truths: Record<(typeof SAMPLE_KEYS)[number], StudyTruth>;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  errors = watchErrors(page);
  truths = Object.fromEntries(SAMPLE_KEYS.map((k) => [k, readTruth(k)])) as typeof truths;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('worklist', () => {
  it('lists every sample study with its patient and image count', async () => {
    await page.goto(server.url);
    await page.waitForSelector('[data-testid="worklist"] tbody tr');
    for (const key of SAMPLE_KEYS) {
      const t = truths[key];
      const row = page.locator(`tr[data-study-uid="${t.studyInstanceUID}"]`);
      await expect(row.count()).resolves.toBe(1);
      const text = await row.innerText();
      expect(text).toContain(t.patientID);
      expect(text).toContain(t.studyDescription);
    }
    await snap(page, 'worklist');
  });

  it('filters by description', async () => {
    await page.fill('input[type="search"]', 'cone');
    const rows = await page.locator('[data-testid="worklist"] tbody tr').count();
    // The two cone-beam CTs (case 2 and case 3).
    expect(rows).toBe(SAMPLE_KEYS.filter((k) => truths[k].studyDescription.toLowerCase().includes('cone')).length);
    expect(rows).toBe(2);
    await page.fill('input[type="search"]', '');
  });
});

describe('study view (deep link)', () => {
  it('renders three non-blank MPR viewports of the spine CT', async () => {
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(truths['case3-spine-ct'].studyInstanceUID);
    for (const slot of ['axial', 'sagittal', 'coronal']) {
      const s = await viewer.canvasStats(slot);
      expect(s.width, slot).toBeGreaterThan(100);
      // A CT section has body and air: many lit pixels and strong contrast.
      expect(s.nonBlack, `${slot} lit fraction`).toBeGreaterThan(0.05);
      expect(s.std, `${slot} contrast`).toBeGreaterThan(15);
    }
    await snap(page, 'study-spine-mpr');
    expect(errors.filter((e) => !/WebGL|GPU|GL_/.test(e))).toEqual([]);
  });

  it('scrolling with the wheel and the arrow keys changes the slice in the overlay', async () => {
    const viewer = new ViewerPage(page, server.url);
    const before = await viewer.sliceText('axial');
    const box = (await page.locator('[data-testid="viewport-axial"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 120);
    await page.waitForFunction((b) => document.querySelector('[data-testid="slice-axial"]')?.textContent !== b, before.replace(/\n/g, ''));
    const afterWheel = await viewer.sliceText('axial');
    expect(afterWheel).not.toBe(before);
    const n1 = Number(/Im (\d+)/.exec(afterWheel)?.[1]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction((n) => !document.querySelector('[data-testid="slice-axial"]')?.textContent?.includes(`Im ${n} `), n1);
    const n2 = Number(/Im (\d+)/.exec(await viewer.sliceText('axial'))?.[1]);
    expect(Math.abs(n2 - n1)).toBe(2);
  });

  it('a window preset changes the pixels and the overlay window', async () => {
    const viewer = new ViewerPage(page, server.url);
    await page.keyboard.press('2');
    await page.waitForFunction(() => document.querySelector('[data-testid="window-axial"]')?.textContent?.includes('W 400 HU'));
    const soft = await viewer.canvasStats('axial');
    await page.click('button[data-preset="bone"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="window-axial"]')?.textContent?.includes('W 2000 HU'));
    const bone = await viewer.canvasStats('axial');
    expect(bone.hash).not.toBe(soft.hash);
    // A bone window maps soft tissue towards grey-black: the image gets darker on average.
    expect(bone.mean).toBeLessThan(soft.mean);
    expect(await viewer.windowText('axial')).toContain('L 500 HU');
    await snap(page, 'study-spine-bone-window');
  });

  it('a length drawn between the T10 pedicle centres reads within 1 mm of the truth', async () => {
    const viewer = new ViewerPage(page, server.url);
    const t = truths['case3-spine-ct'];
    const a = t.landmarks.T10PedicleLeft!;
    const b = t.landmarks.T10PedicleRight!;
    expect(a[2]).toBe(b[2]);
    const expected = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    // Measure as a radiologist would, on the maximised view: at 1×3 one screen pixel is ~1.1 mm,
    // so integer mouse positions alone could cost most of the 1 mm tolerance.
    await page.dblclick('[data-testid="viewport-axial"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 1);
    await page.waitForTimeout(500);
    await viewer.jumpTo([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, a[2]]);
    // The view shows the pedicles' slice.
    await page.waitForFunction((z) => document.querySelector('[data-testid="slice-axial"]')?.textContent?.includes(`z = ${z.toFixed(1)} mm`), a[2]);
    await page.keyboard.press('l');
    const pa = await viewer.worldToPage('axial', a);
    const pb = await viewer.worldToPage('axial', b);
    await viewer.drag(pa, pb);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="measurements"] li[data-kind="length"]').length > 0);
    const [length] = await viewer.measurementValues('length');
    expect(Math.abs(length! - expected), `measured ${length} mm, truth ${expected} mm`).toBeLessThan(1);
    expect(await page.locator('[data-testid="measurements"]').innerText()).toMatch(/\d+\.\d mm/);
    // The label drawn on the image says the same as the panel.
    const svgText = await page.locator('[data-testid="viewport-axial"] svg').allTextContents();
    expect(svgText.join(' ')).toContain(`${length!.toFixed(1)} mm`);
    await snap(page, 'study-spine-length');
    await page.keyboard.press('w');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 3);
  });

  it('the identifier toggle removes the patient name and ID from the page', async () => {
    const t = truths['case3-spine-ct'];
    const family = t.patientName.split('^')[0]!;
    await expect(page.locator('body').innerText()).resolves.toContain(t.patientID);
    expect(await page.locator('body').innerText()).toContain(family);
    await page.keyboard.press('i');
    await page.waitForFunction((id) => !document.body.innerText.includes(id), t.patientID);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(t.patientID);
    expect(text).not.toContain(family);
    expect(await page.title()).not.toContain(family);
    await snap(page, 'study-spine-identifiers-hidden');
    await page.keyboard.press('i');
  });

  it('switches to the 2×2 layout with a 3D bone rendering, and double-click maximises and restores a view', async () => {
    const viewer = new ViewerPage(page, server.url);
    await page.keyboard.press('9');
    // Software WebGL (SwiftShader, as in CI) takes seconds to upload the volume for 3D.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 4, undefined, { timeout: 120_000 });
    await page.waitForTimeout(3000);
    const s3d = await viewer.canvasStats('volume3d');
    expect(s3d.nonBlack, '3D rendering lit fraction').toBeGreaterThan(0.02);
    await snap(page, 'study-spine-2x2-3d');
    await page.keyboard.press('8');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 3, undefined, { timeout: 60_000 });
    await page.dblclick('[data-testid="viewport-sagittal"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 1);
    expect(await page.locator('[data-testid="viewport-sagittal"]').count()).toBe(1);
    await page.dblclick('[data-testid="viewport-sagittal"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="viewport-grid"] .viewport-pane').length === 3);
  });

  it('opens the cone-beam CT and shows the help panel', async () => {
    const viewer = new ViewerPage(page, server.url);
    await viewer.open(truths['case2-cbct'].studyInstanceUID);
    const s = await viewer.canvasStats('axial');
    expect(s.std).toBeGreaterThan(15);
    await page.keyboard.press('?');
    await expect(page.locator('[role="dialog"]').innerText()).resolves.toContain('Keyboard shortcuts');
    await snap(page, 'study-cbct-help');
    await page.keyboard.press('Escape');
  });
});
