import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let cdp: CDPSession;
let viewer: ViewerPage;
let errors: string[];

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  errors = watchErrors(page);
  viewer = new ViewerPage(page, server.url);
  cdp = await page.context().newCDPSession(page);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The browser's own counters after a full garbage collection. */
async function counters(): Promise<{ listeners: number; nodes: number; heapMb: number }> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const dom = (await cdp.send('Memory.getDOMCounters')) as { documents: number; nodes: number; jsEventListeners: number };
  const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return { listeners: dom.jsEventListeners, nodes: dom.nodes, heapMb: heap.usedSize / 2 ** 20 };
}

/** Switches the layout with its shortcut and waits until the views of that layout have drawn. */
async function layout(key: '7' | '8', slots: number): Promise<void> {
  await viewer.key(key);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="viewport-"] canvas').length >= n && document.querySelectorAll('[data-testid^="slice-"]').length >= n, slots, { timeout: 30_000 });
  await page.waitForTimeout(150);
}

describe('switching layouts', () => {
  it('20 layout switches leave the event-listener count, DOM nodes and JS heap where they were', async () => {
    const t = readTruth('case3-spine-ct');
    await viewer.open(t.studyInstanceUID);
    // Warm up: both layouts once, so caches that live for the session exist before the baseline.
    await layout('7', 1);
    await layout('8', 3);
    const before = await counters();
    for (let i = 0; i < 10; i++) {
      await layout('7', 1);
      await layout('8', 3);
    }
    const after = await counters();
    console.log(`[e2e layout] listeners ${before.listeners} -> ${after.listeners}, nodes ${before.nodes} -> ${after.nodes}, heap ${before.heapMb.toFixed(1)} -> ${after.heapMb.toFixed(1)} MB`);
    await snap(page, 'layout-after-20-switches');
    // Each 1×3 layout creates three viewports; a leak of one listener per view would show as +30
    // or more. Allow a few for timers and pending frames.
    expect(after.listeners - before.listeners).toBeLessThanOrEqual(5);
    expect(after.nodes).toBeLessThanOrEqual(before.nodes * 1.05 + 50);
    // Three detached views hold their canvases, vtk pipelines and image data: ten of them would
    // add tens of megabytes.
    expect(after.heapMb - before.heapMb).toBeLessThan(8);
    expect(errors).toEqual([]);
  }, 300_000);
});
