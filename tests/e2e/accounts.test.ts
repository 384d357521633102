import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

/*
 * Accounts in the browser: the sign-in page, who is working in the top bar, the approve action
 * for attendings only, a session that ends during use (a sign-in dialog over the page, the save
 * sent after signing in again, nothing lost), and the admin pages. The accounts are made through
 * the server's own API: the first one in single-user mode (the workstation's user may do
 * everything), which switches the server to sign-in; the others as that administrator.
 */

type P3 = [number, number, number];

const ADMIN = { username: 'amira.admin', name: 'Amira Admin', roles: ['admin'], password: 'admin-password-1234' };
const TRAINEE = { username: 'tom.trainee', name: 'Tom Trainee', roles: ['trainee'], password: 'trainee-password-1234' };
const ATTENDING = { username: 'ada.attending', name: 'Ada Attending', roles: ['attending'], password: 'attending-password-1234' };

let server: { url: string; close: () => Promise<void> };
let browser: Browser;

/** POSTs JSON as the server's API client would, with a session cookie and CSRF token when given. */
async function post(url: string, body: unknown, session?: { cookie: string; csrf: string }): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (session) Object.assign(headers, { cookie: session.cookie, 'x-csrf-token': session.csrf });
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

beforeAll(async () => {
  // No demo cases: the plans on the study are the ones these tests make.
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-accounts-e2e-')), PERCUPLAN_DEMO: '0' });
  browser = await launchBrowser();
}, 180_000);

/** The accounts, made through the API: the first in single-user mode, which switches the server to sign-in. */
async function createAccounts(): Promise<void> {
  // Single-user mode: the first account, an administrator.
  const first = await post(`${server.url}/api/admin/accounts`, ADMIN);
  if (first.status !== 201) throw new Error(`creating the first account: ${first.status} ${await first.text()}`);
  // The server is in accounts mode from now on (its mode cache lasts at most a second).
  let login: Response | undefined;
  for (let i = 0; i < 30; i++) {
    login = await post(`${server.url}/api/auth/login`, { username: ADMIN.username, password: ADMIN.password });
    if (login.status === 200) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (login?.status !== 200) throw new Error(`admin login: ${login?.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  for (const a of [TRAINEE, ATTENDING]) {
    const r = await post(`${server.url}/api/admin/accounts`, a, { cookie, csrf: csrfToken });
    if (r.status !== 201) throw new Error(`creating ${a.username}: ${r.status} ${await r.text()}`);
  }
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A 401 the browser logs for the session check before signing in is expected, not an error. */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

/** A fresh browser (no cookie), signed in through the sign-in page as `who`. */
async function signedIn(who: { username: string; password: string }, width = 1800): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 1000 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  await page.waitForSelector('[data-testid="signin-page"]');
  await page.fill('[data-testid="signin-username"]', who.username);
  await page.fill('[data-testid="signin-password"]', who.password);
  await page.click('[data-testid="signin-submit"]');
  await page.waitForSelector('[data-testid="current-user"]');
  return { page, errors };
}

/** The text of an element as written (textContent: CSS may show it upper-cased). */
/**
 * Saves the first plan of a study. Until the page has listed the study's cases it refuses (a
 * new case could duplicate one), so the save waits for that list, asked for once the volume is
 * ready (`listed` is set up before the page opens so the answer is not missed).
 */
async function saveFirstPlan(viewer: ViewerPage, listed: Promise<unknown>): Promise<string> {
  await listed;
  await viewer.page.waitForSelector('[data-testid="save-plan"]:not([disabled])', { timeout: 60_000 });
  await viewer.page.waitForTimeout(300); // the list's answer reaches the page's state
  return viewer.savePlan();
}

const text = async (page: Page, testId: string): Promise<string> => ((await page.locator(`[data-testid="${testId}"]`).textContent()) ?? '').trim();

describe('single-user, then accounts in the browser', () => {
  it('with no account the workstation works as before, with the single-user badge in the top bar', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors = watchErrors(page);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('[data-testid="single-user-badge"]');
    expect(await text(page, 'single-user-badge')).toBe('Single user · this computer only');
    expect(await page.getAttribute('[data-testid="single-user-badge"]', 'title')).toMatch(/this computer/);
    expect(await page.locator('[data-testid="signin-page"]').count()).toBe(0);
    expect(await page.locator('[data-testid="sign-out"]').count()).toBe(0);
    // The workstation's user may do everything, managing accounts included.
    expect(await page.locator('[data-testid="nav-studies"]').count()).toBe(1);
    expect(await page.locator('[data-testid="nav-admin-accounts"]').count()).toBe(1);
    await snap(page, 'accounts-single-user-topbar');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  describe('with accounts', () => {
    beforeAll(createAccounts, 60_000);

    it('shows the sign-in page without a session, refuses a wrong password with the server\'s sentence, then shows the trainee in the top bar', async () => {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${server.url}/cases`);
      await page.waitForSelector('[data-testid="signin-page"]');
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/cases');
      // No hospital sign-on configured: no such button.
      expect(await page.locator('[data-testid="signin-oidc"]').count()).toBe(0);
      await snap(page, 'accounts-signin-page');
      await page.fill('[data-testid="signin-username"]', TRAINEE.username);
      await page.fill('[data-testid="signin-password"]', 'not the password at all');
      await page.click('[data-testid="signin-submit"]');
      await page.waitForSelector('[data-testid="signin-error"]');
      expect(await text(page, 'signin-error')).toBe('Wrong user name or password');
      await page.fill('[data-testid="signin-password"]', TRAINEE.password);
      await page.click('[data-testid="signin-submit"]');
      await page.waitForSelector('[data-testid="current-user"]');
      // Back where the user was going, signed in.
      expect(new URL(page.url()).pathname).toBe('/cases');
      expect(await text(page, 'current-user-name')).toBe('Tom Trainee');
      expect(await text(page, 'current-user-roles')).toBe('trainee');
      expect(await page.locator('[data-testid="single-user-badge"]').count()).toBe(0);
      expect(await page.locator('[data-testid="nav-admin-accounts"]').count()).toBe(0);
      await snap(page, 'accounts-topbar-trainee');
      // Sign out: the sign-in page again, and the session is gone on the server.
      await page.click('[data-testid="sign-out"]');
      await page.waitForSelector('[data-testid="signin-page"]');
      expect(await page.evaluate(async () => (await fetch('/api/cases')).status)).toBe(401);
      expect(unexpected(errors)).toEqual([]);
      await context.close();
    }, 120_000);

    it('a trainee saves and proposes a plan but is not offered approve; an attending approves it and sees who approved and when', async () => {
      const truth = readTruth('case1-pelvis-ct');
      const trainee = await signedIn(TRAINEE);
      const tv = new ViewerPage(trainee.page, server.url);
      const listed = trainee.page.waitForResponse((r) => r.request().method() === 'GET' && new URL(r.url()).pathname === '/api/cases' && new URL(r.url()).searchParams.has('study'), { timeout: 180_000 });
      await tv.openPlanning(truth.studyInstanceUID);
      // No plan on the study yet (no demo content): the first save makes the case and the plan.
      const planId = await saveFirstPlan(tv, listed);
      expect(await text(trainee.page, 'plan-status-value')).toBe('draft');
      expect(await trainee.page.locator('[data-testid="plan-status-to-approved"]').count()).toBe(0);
      await trainee.page.click('[data-testid="plan-status-to-proposed"]');
      await tv.waitMessage(/Plan proposed, version 2/);
      expect(await text(trainee.page, 'plan-status-value')).toBe('proposed');
      // Approve is an attending's: not offered to the trainee on a proposed plan either.
      expect(await trainee.page.locator('[data-testid="plan-status-to-approved"]').count()).toBe(0);
      await snap(trainee.page, 'accounts-trainee-proposed');
      expect(unexpected(trainee.errors)).toEqual([]);
      await trainee.page.context().close();

      const attending = await signedIn(ATTENDING);
      const av = new ViewerPage(attending.page, server.url);
      await av.openPlanning(truth.studyInstanceUID);
      await av.waitMessage(/Opened/);
      expect(await attending.page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value)).toBe(planId);
      await attending.page.click('[data-testid="plan-status-to-approved"]');
      const said = await av.waitMessage(/Plan approved, version 3/);
      // The approval is the signed-in account's, recorded by the server (not a name the page sent).
      expect(said).toContain('approved by ada.attending at ');
      expect(await text(attending.page, 'plan-approval')).toMatch(/^approved by ada\.attending at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      const stored = await av.storedPlan(planId);
      expect(stored).toMatchObject({ status: 'approved', version: 3 });
      await snap(attending.page, 'accounts-attending-approved');
      expect(unexpected(attending.errors)).toEqual([]);
      await attending.page.context().close();
    }, 300_000);

    it('a session that ends during use asks to sign in over the page; the refused save runs after signing in, the unsaved needle kept', async () => {
      const truth = readTruth('case1-pelvis-ct');
      const { page, errors } = await signedIn(ATTENDING);
      const viewer = new ViewerPage(page, server.url);
      const t = truth.lesions[0]!.centerLps as P3;
      await viewer.openPlanning(truth.studyInstanceUID);
      await viewer.newPlan();
      await viewer.placeNeedle([t[0] - 40, t[1] + 55, t[2]], t);
      // The session ends under the user (as an idle timeout or a revoke would): no cookie any more.
      await page.context().clearCookies();
      await page.click('[data-testid="save-plan"]');
      await page.waitForSelector('[data-testid="session-expired"]');
      await viewer.waitMessage(/session has expired/);
      // The page is still there under the dialog, with its unsaved needle.
      expect(await viewer.trajectoryRows()).toHaveLength(1);
      expect(await text(page, 'plan-save-state')).toBe('unsaved changes');
      await snap(page, 'accounts-session-expired');
      await page.fill('[data-testid="signin-password"]', ATTENDING.password);
      await page.click('[data-testid="signin-submit"]');
      await page.waitForSelector('[data-testid="session-expired"]', { state: 'detached' });
      await viewer.waitMessage(/Saved, version 1/);
      const planId = await page.$eval('[data-testid="plan-select"]', (s) => (s as HTMLSelectElement).value);
      expect((await viewer.storedPlan(planId)).content.trajectories).toHaveLength(1);
      expect(await text(page, 'plan-save-state')).toBe('saved v1');
      expect(unexpected(errors)).toEqual([]);
      await page.context().close();
    }, 300_000);

    it('an administrator sees the admin pages and no patient data: lists accounts, adds one, reads and verifies the audit trail', async () => {
      const { page, errors } = await signedIn(ADMIN, 1500);
      // The first page of an administrator without a clinical role is the accounts page.
      await page.waitForSelector('[data-testid="accounts-page"]');
      expect(await page.locator('[data-testid="nav-studies"]').count()).toBe(0);
      expect(await page.locator('[data-testid="nav-cases"]').count()).toBe(0);
      await page.waitForSelector('[data-testid="account-row"]');
      const listed = await page.$$eval('[data-testid="account-row"]', (rows) => rows.map((r) => r.getAttribute('data-username')).sort());
      expect(listed).toEqual(['ada.attending', 'amira.admin', 'tom.trainee']);
      await page.fill('[data-testid="new-username"]', 'bea.board');
      await page.fill('[data-testid="new-name"]', 'Bea Board');
      await page.fill('[data-testid="new-password"]', 'too short');
      await page.check('[data-testid="new-roles"] input[data-role="board"]');
      await page.click('[data-testid="add-account-submit"]');
      expect(await text(page, 'add-account-error')).toBe('At least 12 characters (9 now)');
      await page.fill('[data-testid="new-password"]', 'board-password-1234');
      await page.click('[data-testid="add-account-submit"]');
      await page.waitForSelector('[data-testid="account-row"][data-username="bea.board"]');
      expect(await page.locator('[data-testid="account-row"][data-username="bea.board"] [data-testid="account-state"]').textContent()).toBe('active');
      await snap(page, 'accounts-admin-page');

      await page.click('[data-testid="nav-admin-audit"]');
      await page.waitForSelector('[data-testid="audit-row"]');
      // The trail holds what the tests above did, e.g. the approval and the account just added.
      await page.fill('[data-testid="audit-event"]', 'plan.approve');
      await page.click('[data-testid="audit-apply"]');
      await page.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid="audit-row"]')];
        return rows.length > 0 && rows.every((r) => r.getAttribute('data-event') === 'plan.approve');
      });
      expect(await page.locator('[data-testid="audit-row"]').count()).toBe(1);
      await page.click('[data-testid="audit-verify"]');
      await page.waitForSelector('[data-testid="audit-verify-result"]');
      expect(await text(page, 'audit-verify-result')).toMatch(/^Chain intact: \d+ rows checked$/);
      await snap(page, 'accounts-audit-page');
      expect(unexpected(errors)).toEqual([]);
      await page.context().close();
    }, 120_000);
  });
});
