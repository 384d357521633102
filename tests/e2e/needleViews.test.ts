import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth, type StudyTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

// Case 1's demo plan has nine needles whose ends meet near the lesion: their labels overprinted
// (B2/B4, C2/C3) and the selected needle was thin and dashed along its own views. One browser,
// one page; the window is resized in place (the suite's time budget is tight).

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let viewer: ViewerPage;
let errors: string[];
let truth: StudyTruth;

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1600, height: 1000 },
  { width: 1280, height: 720 },
] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Report {
  slot: string;
  width: number;
  height: number;
  labels: { id: string; box: Box; leader: { to: { x: number; y: number } } }[];
  needles: { id: string; selected: boolean; lineWidth: number }[];
  legend: { text: string }[];
}

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-needles-e2e-')) });
  browser = await launchBrowser();
  truth = readTruth('case1-pelvis-ct');
  page = await browser.newPage({ viewport: { ...SIZES[0] } });
  errors = watchErrors(page);
  viewer = new ViewerPage(page, server.url);
}, 180_000);

afterAll(async () => {
  await page?.close();
  await browser?.close();
  await server?.close();
});

/** Selects the first cryoprobe of the plan (as a click in the panel does); returns its id and length (mm). */
function selectCryoNeedle(): Promise<{ id: string; lengthMm: number }> {
  return page.evaluate(() => {
    const h = window.__percuplan;
    const t = h?.plan?.draft.trajectories.find((x) => x.deviceId.includes('cryo'));
    if (!h?.bridge || !t) throw new Error('no cryoprobe in the plan');
    h.bridge.focus('trajectory', t.id);
    return { id: t.id, lengthMm: Math.hypot(t.target[0] - t.entry[0], t.target[1] - t.entry[1], t.target[2] - t.entry[2]) };
  });
}

/** The draw reports of every 2D view on screen, once each has been painted at its pane's current size. */
async function reports(): Promise<Report[]> {
  await page.waitForFunction(
    () => {
      const panes = [...document.querySelectorAll<HTMLElement>('.viewport-pane[data-slot]')].filter((p) => p.dataset.slot !== 'volume3d');
      return (
        panes.length > 0 &&
        panes.every((p) => {
          const r = window.__percuplan?.bridge?.drawReport(p.dataset.slot as 'axial');
          const el = p.querySelector<HTMLElement>('.viewport-element');
          return r && el && Math.abs(r.width - el.clientWidth) <= 1 && Math.abs(r.height - el.clientHeight) <= 1;
        })
      );
    },
    undefined,
    { timeout: 30_000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.viewport-pane[data-slot]')]
      .map((p) => p.dataset.slot!)
      .filter((s) => s !== 'volume3d')
      .map((slot) => {
        const r = window.__percuplan!.bridge!.drawReport(slot as 'axial')!;
        return JSON.parse(JSON.stringify({ slot, ...r })) as Report;
      }),
  );
}

const intersect = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectLabelsApart(rs: readonly Report[]): void {
  for (const r of rs) {
    for (let i = 0; i < r.labels.length; i++) {
      const a = r.labels[i]!;
      expect(a.box.x >= 0 && a.box.y >= 0 && a.box.x + a.box.width <= r.width && a.box.y + a.box.height <= r.height, `${r.slot} ${a.id} inside`).toBe(true);
      for (let j = i + 1; j < r.labels.length; j++) expect(intersect(a.box, r.labels[j]!.box), `${r.slot}: ${a.id} / ${r.labels[j]!.id}`).toBe(false);
    }
  }
}

function expectSelectedWidest(rs: readonly Report[], selectedId: string, slots: readonly string[]): void {
  for (const slot of slots) {
    const r = rs.find((x) => x.slot === slot);
    expect(r, `view ${slot} on screen`).toBeDefined();
    const sel = r!.needles.find((n) => n.id === selectedId);
    expect(sel?.selected, `${slot}: selected needle drawn`).toBe(true);
    const others = r!.needles.filter((n) => n.id !== selectedId);
    expect(others.length).toBe(8);
    for (const o of others) expect(sel!.lineWidth, `${slot}: selected vs ${o.id}`).toBeGreaterThan(o.lineWidth);
  }
}

/** The probe's-eye readout: depth and tip depth (mm). */
async function probeDepth(): Promise<{ depth: number; tip: number }> {
  const text = await page.locator('[data-testid="probe-depth-text"]').innerText();
  const m = /Depth (-?[\d.]+) mm · tip at ([\d.]+) mm/.exec(text);
  if (!m) throw new Error(`unexpected probe readout "${text}"`);
  return { depth: Number(m[1]), tip: Number(m[2]) };
}

/** Moves the depth slider as a drag does: React reads the value from an input event. */
function setSlider(mm: number): Promise<void> {
  return page.evaluate((v) => {
    const input = document.querySelector<HTMLInputElement>('[data-testid="probe-depth-slider"]');
    if (!input) throw new Error('no probe depth slider');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(v));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, mm);
}

describe("needles on the images and the probe's eye", () => {
  it('keeps the labels of nine needles apart, the selected needle widest, the isotherm legend shown, at three window sizes', async () => {
    await viewer.openPlanning(truth.studyInstanceUID);
    await viewer.waitTrajectoryRows(9);
    const selected = await selectCryoNeedle();
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const rs = await reports();
      const withLabels = rs.filter((r) => r.labels.length > 0);
      expect(withLabels.length, 'some view shows needle labels').toBeGreaterThan(0);
      expectLabelsApart(rs);
      await snap(page, `needles-default-${size.width}x${size.height}`);
    }

    await page.setViewportSize(SIZES[0]);
    await viewer.key('6');
    await page.waitForSelector('[data-testid="viewport-probe"] canvas');
    await page.waitForFunction(() => document.querySelectorAll('[data-slot="inplane90"]').length === 1);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const rs = await reports();
      expectLabelsApart(rs);
      expectSelectedWidest(rs, selected.id, ['axial', 'probe', 'inplane0', 'inplane90']);
      // The along-the-needle views cut every zone of the selected cryoprobe: its isotherms are named.
      for (const slot of ['inplane0', 'inplane90']) {
        const legend = rs.find((r) => r.slot === slot)!.legend.map((e) => e.text);
        expect(legend, slot).toEqual(expect.arrayContaining(['0 °C', '−20 °C', '−40 °C']));
      }
      await snap(page, `needles-needle-layout-${size.width}x${size.height}`);
    }
    expect(errors).toEqual([]);
  }, 180_000);

  it("opens the probe's eye at the entry; the slider reaches the tip; wheel down goes deeper", async () => {
    await page.setViewportSize(SIZES[0]);
    const selected = await selectCryoNeedle();
    const slider = page.locator('[data-testid="probe-depth-slider"]');
    await slider.waitFor();
    // The needle was selected afresh: the view opens at the skin.
    await page.waitForFunction(() => /Depth -?0\.\d mm/.test(document.querySelector('[data-testid="probe-depth-text"]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    const start = await probeDepth();
    expect(Math.abs(start.depth)).toBeLessThanOrEqual(1);
    expect(Math.abs(start.tip - selected.lengthMm)).toBeLessThan(0.1);

    // The slider to the tip (its step is 0.5 mm) reads the tip's depth.
    await setSlider(Math.round(selected.lengthMm * 2) / 2);
    await page.waitForFunction((l) => {
      const m = /Depth (-?[\d.]+) mm/.exec(document.querySelector('[data-testid="probe-depth-text"]')?.textContent ?? '');
      return m && Math.abs(Number(m[1]) - l) <= 0.5;
    }, selected.lengthMm);
    const atTip = await probeDepth();
    expect(Math.abs(atTip.depth - selected.lengthMm)).toBeLessThanOrEqual(0.5);
    await snap(page, 'needles-probe-at-tip-1920x1080');

    // Back to 20 mm, then three wheel notches down over the view: deeper, by 1 mm a notch.
    await setSlider(20);
    await page.waitForFunction(() => /Depth 20\.0 mm/.test(document.querySelector('[data-testid="probe-depth-text"]')?.textContent ?? ''));
    const box = (await page.locator('[data-testid="viewport-probe"]').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 3);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, 100);
    await page.waitForFunction(() => /Depth 23\.0 mm/.test(document.querySelector('[data-testid="probe-depth-text"]')?.textContent ?? ''), undefined, { timeout: 5_000 });
    await page.mouse.wheel(0, -100);
    await page.waitForFunction(() => /Depth 22\.0 mm/.test(document.querySelector('[data-testid="probe-depth-text"]')?.textContent ?? ''), undefined, { timeout: 5_000 });
    for (const size of SIZES.slice(1)) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      await snap(page, `needles-probe-${size.width}x${size.height}`);
    }
    expect(errors).toEqual([]);
  }, 120_000);

  it("words the selected cryoprobe's metrics as read at the table: angles from an axis toward a side, unused shaft, zone-edge distances, each warning once", async () => {
    await page.setViewportSize(SIZES[0]);
    const sel = await selectCryoNeedle();
    const t = await page.evaluate((id) => {
      const x = window.__percuplan!.plan!.draft.trajectories.find((q) => q.id === id)!;
      return { entry: [...x.entry], target: [...x.target], structures: window.__percuplan!.plan!.draft.structures.length };
    }, sel.id);
    await page.waitForSelector('[data-testid="metric-axial"]');
    // By hand in LPS (x toward the patient's left, y posterior): the axial angle is the tilt of the
    // entry→tip direction from the AP (y) axis in the axial plane; it leans toward the patient's
    // left when the tip lies at larger x than the entry.
    const dx = t.target[0]! - t.entry[0]!, dy = t.target[1]! - t.entry[1]!;
    const axialDeg = (Math.atan2(Math.abs(dx), Math.abs(dy)) * 180) / Math.PI;
    const axialText = await page.locator('[data-testid="metric-axial"]').innerText();
    const m = /^(\d+\.\d)° from the AP axis, toward the patient's (left|right)$/.exec(axialText.trim());
    expect(m, axialText).not.toBeNull();
    expect(Math.abs(Number(m![1]) - axialDeg)).toBeLessThanOrEqual(0.06);
    expect(m![2]).toBe(dx > 0 ? 'left' : 'right');
    expect(await page.locator('[data-testid="metric-cc"]').innerText()).toMatch(/^\d+\.\d° (toward the (head|feet)|\(in the axial plane\))$/);
    expect(await page.locator('[data-testid="metric-unused-shaft"]').innerText()).toMatch(/^\d+\.\d mm( short)?$/);
    const metricsText = await page.locator('[data-testid="trajectory-metrics"]').innerText();
    expect(metricsText.toLowerCase()).not.toContain('needle margin');
    // A cryoprobe: each structure at risk has a distance from the shaft and from the ice's edge.
    expect(await page.locator('[data-testid="structure-distance"]').count()).toBe(t.structures);
    expect(await page.locator('[data-testid="zone-edge-distance"]').count()).toBe(t.structures);
    for (const cell of await page.locator('[data-testid="zone-edge-distance"]').allInnerTexts()) expect(cell).toMatch(/^(−|-)?\d+\.\d mm|—/);
    const warnings = (await page.locator('[data-testid="trajectory-warnings"]').count()) ? (await page.locator('[data-testid="trajectory-warnings"]').innerText()).split('\n').filter((l) => l.trim()) : [];
    expect(new Set(warnings).size).toBe(warnings.length);
    for (const w of warnings) expect(w).not.toMatch(/\d\.\d\d/);
    await snap(page, 'needles-metrics-1920x1080');
    expect(errors).toEqual([]);
  }, 60_000);
});

