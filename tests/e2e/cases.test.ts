import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-cases-e2e-')) }, { samples: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openCase(page: Page, title: RegExp): Promise<string> {
  await page.goto(`${server.url}/cases`);
  await page.waitForSelector('[data-testid="case-list"] tbody tr');
  const row = page.locator('[data-testid="case-list"] tbody tr', { hasText: title });
  const id = (await row.getAttribute('data-case-id'))!;
  await page.goto(`${server.url}/cases/${id}`);
  await page.waitForSelector('[data-testid="save-case"]');
  return id;
}

describe('case records in the browser', () => {
  it('lists the three reference cases and filters them by procedure', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    await page.goto(`${server.url}/cases`);
    await page.waitForSelector('[data-testid="case-list"] tbody tr');
    expect(await page.locator('[data-testid="case-list"] tbody tr').count()).toBe(3);
    // One page holds all three: the pager counts them and has nowhere to go.
    expect(await page.locator('[data-testid="case-page"]').innerText()).toBe('Cases 1–3 of 3');
    expect(await page.locator('[data-testid="case-pager"] button', { hasText: 'Next' }).isDisabled()).toBe(true);
    await page.selectOption('select[data-filter="procedure"]', 'vertebroplasty');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="case-list"] tbody tr').length === 1);
    expect(await page.locator('[data-testid="case-page"]').innerText()).toBe('Case 1 of 1');
    expect(await page.locator('[data-testid="case-list"] tbody').innerText()).toContain('T10');
    await snap(page, 'cases-list');
    await page.close();
  });

  it('edits a case, shows the computed MME while typing, saves, and sees the change after a reload', async () => {
    const page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
    const errors = watchErrors(page);
    await openCase(page, /T10/);
    // Morphine 60 mg/day at baseline; change it to oxycodone 40 mg/day: 40 × 1.5 = 60 MME/day by the CDC 2022 table.
    await page.selectOption('[data-path="analgesics.entries.0.opioid"]', 'oxycodone');
    await page.fill('[data-path="analgesics.entries.0.dailyDose"]', '40');
    await expect.poll(() => page.locator('[data-mme="analgesics.mme"]').innerText()).toContain('60.0 MME/day');
    await page.fill('[data-path="analgesics.entries.0.dailyDose"]', '30');
    await expect.poll(() => page.locator('[data-mme="analgesics.mme"]').innerText()).toContain('45.0 MME/day');
    await page.fill('[data-path="notes"]', 'Edited in the end-to-end test');
    await page.click('[data-testid="save-case"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="case-version"]')?.textContent?.startsWith('version 2'));
    await page.reload();
    await page.waitForSelector('[data-testid="save-case"]');
    expect(await page.inputValue('[data-path="notes"]')).toBe('Edited in the end-to-end test');
    expect(await page.inputValue('[data-path="analgesics.entries.0.dailyDose"]')).toBe('30');
    expect(await page.locator('[data-testid="history"]').innerText()).toMatch(/v2 · update/);
    await snap(page, 'case-edited');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a conflict when two tabs edit the same case, and keeps the first save', async () => {
    const context = await browser.newContext({ viewport: { width: 1500, height: 1000 } });
    const a = await context.newPage();
    const b = await context.newPage();
    await openCase(a, /pubic ramus/i);
    await openCase(b, /pubic ramus/i);
    await a.fill('[data-path="notes"]', 'Tab A wrote this');
    await a.click('[data-testid="save-case"]');
    await a.waitForFunction(() => document.querySelector('[data-testid="case-version"]')?.textContent?.startsWith('version 2'));
    await b.fill('[data-path="notes"]', 'Tab B wrote this');
    await b.click('[data-testid="save-case"]');
    await b.waitForSelector('[data-testid="conflict"]');
    expect(await b.locator('[data-testid="conflict"]').innerText()).toMatch(/changed elsewhere \(now version 2/);
    await snap(b, 'case-conflict');
    // Nothing was merged: the stored case is tab A's.
    await b.click('text=Load their version');
    await b.waitForFunction(() => !document.querySelector('[data-testid="conflict"]'));
    expect(await b.inputValue('[data-path="notes"]')).toBe('Tab A wrote this');
    await context.close();
  });
});
