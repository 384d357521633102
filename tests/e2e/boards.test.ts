import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';

/*
 * A tumour board meeting in the browser (single-user mode, the three demo cases): created from
 * /boards, the cases added with reasons and questions, one case's checklist completed
 * ("1 of 3 cases ready"), the agenda reordered, saved with Ctrl+S and read back after a reload.
 */

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-boards-e2e-')) }, { samples: false });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const agendaIds = (page: Page): Promise<string[]> =>
  page.$$eval('[data-testid="agenda-item"]', (items) => items.map((i) => i.getAttribute('data-case-id') ?? ''));

describe('tumour board meetings in the browser', () => {
  it('prepares a meeting with the three demo cases, shows 1 of 3 ready, reorders, saves and reads it back', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/cases`);
    await page.waitForSelector('[data-testid="case-list"] tbody tr');
    await page.click('[data-testid="nav-boards"]');
    await page.waitForSelector('[data-testid="new-board"]');
    await page.fill('[data-testid="new-board-title"]', 'Bone metastasis board');
    await page.fill('[data-testid="new-board-date"]', '2031-03-06');
    await page.click('[data-testid="new-board"]');
    await page.waitForSelector('[data-testid="ready-count"]');
    const boardUrl = page.url();
    expect(boardUrl).toMatch(/\/boards\/[0-9a-f-]{36}$/);
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('0 of 0 cases ready');

    for (const [name, specialty] of [['Dr Ines Roca', 'Interventional radiology'], ['Dr Paul Abe', 'Radiation oncology']]) {
      await page.fill('[data-testid="attendee-name"]', name ?? '');
      await page.fill('[data-testid="attendee-specialty"]', specialty ?? '');
      await page.click('[data-testid="add-attendee"]');
    }
    await page.locator('[data-testid="attendees"] tr').nth(1).locator('input[type="checkbox"]').check();

    // The three demo cases, in the order the picker offers them; each needs a reason and a question.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="add-case-select"] option').length === 4);
    for (let k = 1; k <= 3; k++) {
      const value = await page.locator('[data-testid="add-case-select"] option').nth(1).getAttribute('value');
      await page.selectOption('[data-testid="add-case-select"]', value ?? '');
      expect(await page.isDisabled('[data-testid="add-case"]')).toBe(true);
      await page.fill('[data-testid="add-case-reason"]', `Reason ${k}: painful lesion`);
      await page.fill('[data-testid="add-case-question"]', `Question ${k}: ablation or radiotherapy?`);
      await page.click('[data-testid="add-case"]');
    }
    const added = await agendaIds(page);
    expect(added).toHaveLength(3);
    expect(new Set(added).size).toBe(3);
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('0 of 3 cases ready');

    // Case 2's checklist: images reviewed and key images chosen; who and when are filled in.
    const second = page.locator('[data-testid="agenda-item"]').nth(1);
    await second.locator('[data-testid="check-images"]').check();
    expect(await second.locator('[data-testid="item-readiness"]').innerText()).toMatch(/^Missing: key images chosen/);
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('0 of 3 cases ready');
    await second.locator('[data-testid="check-key-images"]').check();
    await second.locator('[data-testid="prepared-by"]').fill('dr.roca');
    expect(await second.locator('[data-testid="item-readiness"]').innerText()).toBe('Ready');
    expect(await second.locator('[data-testid="prepared-at"]').innerText()).toMatch(/^at \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('1 of 3 cases ready');
    // Case 1 only half prepared: still missing its key images and its preparer.
    await page.locator('[data-testid="agenda-item"]').nth(0).locator('[data-testid="check-images"]').check();
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('1 of 3 cases ready');

    // Reorder: the third case up to first place.
    await page.locator('[data-testid="agenda-item"]').nth(2).locator('[data-testid="item-up"]').click();
    await page.locator('[data-testid="agenda-item"]').nth(1).locator('[data-testid="item-up"]').click();
    const order = [added[2], added[0], added[1]];
    expect(await agendaIds(page)).toEqual(order);
    await snap(page, 'board-prepared-unsaved');

    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => document.querySelector('[data-testid="board-version"]')?.textContent === 'version 2');
    await page.reload();
    await page.waitForSelector('[data-testid="agenda-item"]');
    expect(await agendaIds(page)).toEqual(order);
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('1 of 3 cases ready');
    const ready = page.locator('[data-testid="agenda-item"]').nth(2);
    expect(await ready.locator('[data-testid="check-key-images"]').isChecked()).toBe(true);
    expect(await ready.locator('[data-testid="prepared-by"]').inputValue()).toBe('dr.roca');
    expect(await page.locator('[data-testid="agenda-item"]').nth(1).locator('[data-testid="item-readiness"]').innerText()).toMatch(/Missing: key images chosen/);
    expect(await page.locator('[data-testid="agenda-item"]').nth(0).locator('[data-testid="item-reason"]').inputValue()).toBe('Reason 3: painful lesion');
    const presents = await page.locator('[data-testid="attendees"] input[type="checkbox"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).checked));
    expect(presents).toEqual([false, true]);
    expect(await page.innerText('[data-testid="board-history"]')).toMatch(/v2 · update/);
    await snap(page, 'board-saved-reloaded');

    // The list shows the meeting as coming, with its ready count.
    await page.goto(`${server.url}/boards`);
    const row = page.locator('[data-testid="boards-coming"] tbody tr', { hasText: 'Bone metastasis board' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/2031-03-06\s+Bone metastasis board\s+3\s+1 of 3\s+Open/);
    await snap(page, 'boards-list');
    expect(errors).toEqual([]);
    await page.close();
  });
});
