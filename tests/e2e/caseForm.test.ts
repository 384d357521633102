import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CASE_FIELD_LABELS } from '../../src/records';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let page: Page;

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1600, height: 1000 },
  { width: 1280, height: 720 },
] as const;

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-caseform-e2e-')) }, { samples: false });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: SIZES[0] });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** How many cases the server holds, asked of the API, not the page. */
const caseCount = async (): Promise<number> => page.evaluate(async () => ((await (await fetch('/api/cases')).json()) as { cases: unknown[] }).cases.length);

/** The names of the missing decision fields in the summary at the top of the form. */
const missingNames = async (): Promise<string[]> => page.locator('[data-testid="missing-for-decision"] a').allInnerTexts();

/** The highlighted side-menu entry once a section is scrolled to the top of what is visible (just below the sticky summary). */
async function activeAfterScrollingTo(sectionId: string): Promise<string> {
  await page.evaluate((id) => {
    const form = document.querySelector('.case-form')!;
    const summary = document.querySelector('[data-testid="missing-for-decision"]')!;
    const el = document.getElementById(id)!;
    form.scrollTop += el.getBoundingClientRect().top - summary.getBoundingClientRect().bottom - 8;
  }, sectionId);
  await page.waitForFunction((id) => document.querySelector('.case-nav a.active')?.getAttribute('href') === `#${id}`, sectionId, { timeout: 3000 }).catch(() => undefined);
  return (await page.locator('.case-nav a.active').innerText()).trim();
}

describe('the case form as a clinical form', () => {
  it('New case asks for the few fields first and saves nothing until Create', async () => {
    const errors = watchErrors(page);
    await page.goto(`${server.url}/cases`);
    await page.waitForSelector('[data-testid="case-list"] tbody tr');
    const before = await caseCount();
    expect(before).toBe(3); // the three reference cases of domain.md

    await page.click('[data-testid="new-case"]');
    await page.waitForSelector('[data-testid="new-case-dialog"]');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const box = (await page.locator('[data-testid="new-case-dialog"]').boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(size.height);
      await snap(page, `case-new-dialog-${size.width}x${size.height}`);
    }
    await page.click('[data-testid="new-case-cancel"]');
    await page.waitForSelector('[data-testid="new-case-dialog"]', { state: 'detached' });
    expect(await caseCount()).toBe(before);

    await page.click('[data-testid="new-case"]');
    await page.fill('[data-new="pseudonym"]', 'Form test patient');
    // Without a target site Create stays off, and nothing has been stored.
    expect(await page.isDisabled('[data-testid="new-case-create"]')).toBe(true);
    await page.fill('[data-new="mrn"]', 'MRN-0042');
    await page.selectOption('[data-new="tumourType"]', 'renal');
    await page.fill('[data-new="targetSite"]', 'Left iliac wing');
    expect(await caseCount()).toBe(before);
    await page.click('[data-testid="new-case-create"]');
    await page.waitForSelector('[data-testid="save-case"]');
    expect(await caseCount()).toBe(before + 1);
    expect(page.url()).toMatch(/\/cases\/[0-9a-f-]{36}$/);
    expect(await page.inputValue('[data-path="title"]')).toBe('Left iliac wing');
    expect(await page.inputValue('[data-path="tumour.primary"]')).toBe('renal');
    expect(errors).toEqual([]);
  });

  it('shows the choices, clinical labels, ISO dates and what is missing for a decision', async () => {
    await page.setViewportSize(SIZES[0]);
    // ECOG: six buttons 0–5; Karnofsky: "—" then 100 down to 0 in steps of 10.
    expect(await page.locator('[data-path="performance.ecog"] button').allInnerTexts()).toEqual(['0', '1', '2', '3', '4', '5']);
    const karnofsky = await page.locator('[data-path="performance.karnofsky"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(karnofsky).toEqual(['', '100', '90', '80', '70', '60', '50', '40', '30', '20', '10', '0']);

    // List entries are named as clinicians name them once one is added.
    await page.click('[data-add="analgesics.entries"]');
    await page.click('[data-add="followUps"]');
    const labels = (await page.locator('.case-form .field > span:first-child, .case-form legend, .case-nav a').allInnerTexts()).map((t) => t.replace(/\s*remove$/, '').trim());
    expect(labels).toContain('ECOG performance status');
    expect(labels).toContain('Pain at rest (NRS 0–10)');
    expect(labels).toContain('Analgesic 1');
    expect(labels).toContain('Follow-up visit 1');
    const rawKeys = new Set(Object.keys(CASE_FIELD_LABELS).map((k) => k.split('.').at(-1)!));
    const raw = labels.filter((l) => rawKeys.has(l) || /[a-z][A-Z]/.test(l) || /^(Ecog|Nrs|Hifu|Entries \d)/.test(l));
    expect(raw).toEqual([]);
    // The pain scale options keep their acronyms.
    expect(await page.locator('[data-path="pain.scale"] option').allInnerTexts()).toContain('NRS (numeric rating)');

    // Dates are typed and shown as YYYY-MM-DD, not in the browser's locale.
    const date = page.locator('[data-path="performance.assessedOn"]');
    expect(await date.getAttribute('type')).toBe('text');
    expect(await date.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await date.fill('2026-12-07');
    expect(await date.inputValue()).toBe('2026-12-07');

    // New case gave tumour type and the site of maximal pain: 12 decision fields − 2 = 10 missing.
    const missing = await missingNames();
    expect(missing).toHaveLength(10);
    expect(missing).not.toContain('Tumour type');
    expect(missing).toContain('Bone involvement');
    await page.fill('[data-path="involvement.bone"]', 'Lytic, cortical breach of the inner table');
    await expect.poll(missingNames).toHaveLength(9);
    expect(await missingNames()).not.toContain('Bone involvement');
    // A missing entry is a link that puts the cursor in its field.
    await page.click('[data-missing="prognosis.lifeExpectancy"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-path'))).toBe('prognosis.lifeExpectancy');

    await page.click('[data-path="performance.ecog"] button[data-value="2"]');
    expect(await page.getAttribute('[data-path="performance.ecog"] button[data-value="2"]', 'aria-checked')).toBe('true');

    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.evaluate(() => { document.querySelector('.case-form')!.scrollTop = 0; });
      // The ECOG buttons and the summary stay inside the window at every size.
      const ecog = (await page.locator('[data-path="performance.ecog"]').boundingBox())!;
      expect(ecog.x + ecog.width).toBeLessThanOrEqual(size.width);
      const summary = (await page.locator('[data-testid="missing-for-decision"]').boundingBox())!;
      expect(summary.x + summary.width).toBeLessThanOrEqual(size.width);
      await snap(page, `case-form-top-${size.width}x${size.height}`);
      await activeAfterScrollingTo('section-performance');
      await snap(page, `case-form-performance-${size.width}x${size.height}`);
    }
  });

  it('the side menu highlights the section scrolled to', async () => {
    await page.setViewportSize(SIZES[2]);
    expect(await activeAfterScrollingTo('section-decision')).toBe('Decision');
    expect(await activeAfterScrollingTo('section-pain')).toBe('Pain');
    expect(await activeAfterScrollingTo('section-prognosis')).toBe('Prognosis');
    expect(await page.locator('.case-nav a.active').count()).toBe(1);
    await snap(page, 'case-form-nav-1280x720');
  });

  it('a refused save names the field in clinical words, at the field and in the banner', async () => {
    // 3.5 is a number in 0–10, so the box takes it; the server refuses it because NRS scores are whole numbers.
    await page.fill('[data-path="pain.atRest"]', '3.5');
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-testid="save-error"] li');
    const banner = await page.locator('[data-testid="save-error"] li').allInnerTexts();
    // The empty analgesic and follow-up visit added above are refused too, each named by its entry.
    expect(banner.sort()).toEqual([
      'Analgesic 1 · Drug and regimen is required',
      'Follow-up visit 1 · Date must be a date written YYYY-MM-DD',
      'Pain at rest (NRS 0–10): NRS scores are whole numbers 0–10',
    ]);
    const atField = page.locator('.field.invalid', { has: page.locator('[data-path="pain.atRest"]') }).locator('.field-error');
    expect(await atField.innerText()).toBe('Pain at rest (NRS 0–10): NRS scores are whole numbers 0–10');
    await snap(page, 'case-form-refused-1280x720');
  });

  it('a reference case names its scores and their missing components in words', async () => {
    await page.setViewportSize(SIZES[1]);
    await page.goto(`${server.url}/cases`);
    const row = page.locator('[data-testid="case-list"] tbody tr', { hasText: /T10/ });
    await row.click();
    await page.waitForSelector('[data-testid="save-case"]');
    const computed = await page.locator('.case-form .computed').allInnerTexts();
    expect(computed.length).toBeGreaterThan(0);
    for (const line of computed) expect(line).not.toMatch(/[a-z][A-Z]|^Score:/);
    await activeAfterScrollingTo('section-lesions');
    await snap(page, 'case-form-lesions-1600x1000');
  });
});
