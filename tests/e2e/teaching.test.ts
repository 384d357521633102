import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';

/*
 * A teaching case made in the browser (single-user mode: the local user is an attending): demo
 * case 3's case page → "Make teaching case" → preview (files with their changes, the date shift)
 * → made → /teaching/<id>: the title edited and saved, published as an unknown exercise, the
 * zip downloaded (it holds teaching-case.json). Screenshots of the preview and the teaching page
 * at 1920×1080 and 1280×720.
 */

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  // The reference exercises would make three teaching cases in the background: not needed here, and slower.
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-teaching-e2e-')), PERCUPLAN_REFERENCE_EXERCISES: '0' });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  errors = watchErrors(page);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const TITLE = 'Myeloma of T10: vertebra plana';
let zipPath = '';
let teachingUrl = '';

describe('teaching cases in the browser', () => {
  it('makes a teaching case of demo case 3 through the dialog, with a preview of every file and the date shift', async () => {
    await page.goto(`${server.url}/cases`);
    const row = page.locator('[data-testid="case-list"] tbody tr', { hasText: 'T10 vertebra plana' });
    await row.waitFor();
    await row.click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseUrl = page.url();

    await page.click('[data-testid="make-teaching-case"]');
    const dialog = page.locator('[data-testid="teach-dialog"]');
    await dialog.waitFor();
    // Every study and plan ticked by default; the case's one plan is offered.
    await page.waitForSelector('[data-testid="teach-plan"]');
    expect(await page.locator('[data-testid="teach-study"]').count()).toBeGreaterThanOrEqual(1);
    for (const box of await page.locator('[data-testid="teach-study"], [data-testid="teach-plan"]').all()) expect(await box.isChecked()).toBe(true);

    await page.fill('[data-testid="teach-field-title"]', 'Vertebra plana');
    await page.fill('[data-testid="teach-field-presentation"]', 'Eighty-year-old, mid-thoracic back pain after a minor fall');
    await page.fill('[data-testid="teach-field-points"]', 'Check the posterior wall before cement\nPlan bilateral transpedicular access');
    await page.selectOption('[data-testid="teach-field-level"]', 'advanced');
    await page.fill('[data-testid="teach-field-tags"]', 'spine, vertebroplasty');
    await page.click('[data-testid="teach-preview-button"]');

    await page.waitForSelector('[data-testid="teach-preview"]', { timeout: 90_000 });
    const shift = await page.innerText('[data-testid="teach-date-shift"]');
    expect(shift).toMatch(/dates move by [−+]\d+ days?/);
    const fileRows = page.locator('[data-testid="teach-file-row"]');
    expect(await fileRows.count()).toBeGreaterThan(10);
    // A CT file: its name, CT, and a non-zero count of replaced UIDs among its counts.
    const cells = await fileRows.first().locator('td').allInnerTexts();
    expect(cells[1]).toBe('CT');
    expect(cells.slice(2).map(Number).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(Number(cells[5])).toBeGreaterThan(0); // U: study, series, instance, frame of reference UIDs
    await fileRows.first().click();
    const changes = page.locator('[data-testid="teach-change-list"] tbody tr');
    expect(await changes.count()).toBeGreaterThan(3);
    expect(await page.locator('[data-testid="teach-change-list"]').innerText()).toMatch(/\(0020,000D\)|0020000D|StudyInstanceUID/i);
    await snap(page, 'teaching-dialog-preview-1920');
    await page.setViewportSize({ width: 1280, height: 720 });
    await snap(page, 'teaching-dialog-preview-1280');
    await page.setViewportSize({ width: 1920, height: 1080 });

    // Enter on the last step makes it.
    await page.focus('[data-testid="teach-dialog"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/teaching\/[0-9a-f-]{36}$/, { timeout: 120_000 });
    expect(page.url()).not.toBe(caseUrl);
    await page.waitForSelector('[data-testid="teach-field-title"]');
    expect(await page.inputValue('[data-testid="teach-field-title"]')).toBe('Vertebra plana');
    expect(await page.innerText('[data-testid="teach-status-chip"]')).toBe('Draft');
    expect(await page.locator('[data-testid="teach-open-study"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.innerText('[data-testid="teach-plans"]')).toMatch(/\d+ needles?/);
    expect(await page.innerText('[data-testid="teach-deid"]')).toContain('113100');
  });

  it('edits and saves the title, publishes the case and an unknown exercise, downloads the zip', async () => {
    const versionBefore = await page.innerText('[data-testid="teach-version"]');
    await page.fill('[data-testid="teach-field-title"]', TITLE);
    expect(await page.innerText('[data-testid="teach-version"]')).toContain('unsaved');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => !document.querySelector('[data-testid="teach-version"]')?.textContent?.includes('unsaved'));
    expect(await page.innerText('[data-testid="teach-version"]')).not.toBe(versionBefore);
    await page.reload();
    await page.waitForSelector('[data-testid="teach-field-title"]');
    expect(await page.inputValue('[data-testid="teach-field-title"]')).toBe(TITLE);

    await page.click('[data-testid="teach-status-published"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="teach-status-chip"]')?.textContent === 'Published');

    await page.check('[data-testid="teach-mode-unknown"]');
    await page.click('[data-testid="teach-publish-exercise"]');
    const exerciseRow = page.locator('[data-testid="teach-exercise-list"] tbody tr');
    await exerciseRow.first().waitFor();
    expect(await exerciseRow.count()).toBe(1);
    expect(await exerciseRow.first().innerText()).toContain('Unknown');
    const attempts = await exerciseRow.first().locator('[data-testid="teach-exercise-attempts"]').getAttribute('href');
    expect(attempts).toMatch(/^\/exercises\/[0-9a-f-]{36}\/attempts$/);

    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid="teach-download"]')]);
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    zipPath = await file.path();
    const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
    expect(Object.keys(entries)).toContain('teaching-case.json');
    const json = JSON.parse(new TextDecoder().decode(entries['teaching-case.json'])) as { teachingCase: { fields: { title: string } } };
    expect(json.teachingCase.fields.title).toBe(TITLE);
    expect(Object.keys(entries).filter((k) => k.endsWith('.dcm')).length).toBeGreaterThan(10);

    teachingUrl = page.url();
    await snap(page, 'teaching-page-1920');
    await page.setViewportSize({ width: 1280, height: 720 });
    await snap(page, 'teaching-page-1280');

    // The list shows it published, with its exercise.
    await page.click('[data-testid="nav-teaching"]');
    const listed = page.locator('[data-testid="teach-list"] tbody tr', { hasText: TITLE });
    await listed.waitFor();
    expect(await listed.innerText()).toMatch(/Published/);
    await snap(page, 'teaching-list-1280');
    expect(errors).toEqual([]);
  });

  it('offers the downloaded zip to the import from the list: this server already holds those images, and says which case has them', async () => {
    const teachingId = /\/teaching\/([0-9a-f-]{36})/.exec(teachingUrl)?.[1] ?? '';
    expect(teachingId).not.toBe('');
    await page.setInputFiles('[data-testid="teach-import-file"]', zipPath);
    const refusal = page.locator('[data-testid="teach-import-error"]');
    await refusal.waitFor({ timeout: 90_000 });
    // The server's own sentence (409), without the endpoint in front of it.
    expect(await refusal.innerText()).toMatch(new RegExp(`^\\S+ was not imported: Teaching case ${teachingId} already holds these images`));
    expect(new URL(page.url()).pathname).toBe('/teaching');
    expect(await page.locator('[data-testid="teach-import"]').isEnabled()).toBe(true);
    expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
  });
});
