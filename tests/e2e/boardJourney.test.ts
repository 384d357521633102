import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { BoardComment, BoardDocument, CaseDocument, PlanDocument } from '../../src/records';
import { CHROMIUM, launchBrowser, snap, watchErrors, signIn } from '../support/browser';
import { startTestServer } from '../support/server';
import { orthancSkipReason, startOrthanc, type Orthanc } from '../support/orthanc';
import { dciodvfy } from '../support/dicomValidate';
import { apiLogin, makeAccounts, sendJson, type ApiSession } from '../support/apiSession';
import { screenshotDir } from '../support/paths';
import { readTruth } from '../support/truth';
import { ViewerPage } from './viewerPage';

/*
 * Issue 14's "Done when", end to end in Chromium, accounts mode, the demo cases, a real Orthanc as
 * the PACS: an attending prepares a meeting with the three reference cases in the browser (key
 * images saved with the viewer's Key image button, checklists, case 1's plan), presents it while a
 * board account follows and comments, records the three decisions (the case record's history shows
 * the new version), prints the meeting report and case 1's plan report, sends case 1's key images
 * to Orthanc and validates what Orthanc gives back with dciodvfy; the board account is refused
 * (403) a plan, a case and a decision change.
 */

const POPPLER = ['pdftotext', 'pdfinfo'].filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0);
const skip = [orthancSkipReason(), existsSync('/usr/bin/dciodvfy') ? undefined : 'dciodvfy absent (dicom3tools)', existsSync(CHROMIUM) ? undefined : `Chromium absent at ${CHROMIUM}`, POPPLER.length ? `${POPPLER.join(', ')} absent (poppler-utils)` : undefined].filter(Boolean).join('; ');
if (skip) console.warn(`skipped the board journey: ${skip}`);

const ADMIN = { username: 'amira.admin', name: 'Amira Admin', roles: ['admin'], password: 'admin-password-1234' };
const ATTENDING = { username: 'ada.attending', name: 'Ada Attending', roles: ['attending'], password: 'attending-password-1234' };
const BOARD = { username: 'bob.board', name: 'Bob Board', roles: ['board'], password: 'board-password-1234' };
const CASES = [
  { title: 'Right iliac bone and superior acetabulum', study: 'case1-pelvis-ct' },
  { title: 'Right superior acetabulum and superior pubic ramus', study: 'case2-pelvis-ct' },
  { title: 'T10 vertebra plana', study: 'case3-spine-ct' },
] as const;
const COMMENT = 'Board: is the acetabular roof intact on the key image?';
// What each decision sends through the form, and the words the reports print (from BOARD_RECOMMENDATIONS by hand).
const DECISIONS = [
  { codes: ['cryoablation', 'acetabuloplasty'], rationale: 'Painful iliac lesion with acetabular fracture: cryoablation, then cement as planned', dissenter: null, words: 'Combination: Cryoablation + Cementoplasty: acetabuloplasty' },
  { codes: ['radiotherapy'], rationale: 'Radiosensitive primary, limited pain', dissenter: 'Dr Paul Okonkwo', words: 'Radiotherapy' },
  { codes: ['vertebroplasty'], rationale: 'Vertebra plana with mechanical pain', dissenter: null, words: 'Cementoplasty: vertebroplasty' },
] as const;

let server: { url: string; close: () => Promise<void> };
let orthanc: Orthanc;
let browser: Browser;
let cases: CaseDocument[];
let plan: PlanDocument;
let attending: ApiSession;
let bobSession: ApiSession;
let ctx: BrowserContext;
let page: Page;
let errors: string[];
let boardId = '';
const out = path.join(path.dirname(screenshotDir), 'boardJourney');

const get = async <T>(url: string, session: ApiSession): Promise<T> => {
  const res = await fetch(`${server.url}${url}`, { headers: { cookie: session.cookie } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const waitCase = (p: Page, k: number) => p.waitForSelector(`[data-testid="present-card"][data-case-id="${cases[k]!.id}"] [data-testid="card-patient"]`);
/** Sign-in page errors: the session check before signing in answers 401 by design. */
const realErrors = (list: string[]): string[] => list.filter((e) => !/status of 401/.test(e));

beforeAll(async () => {
  if (skip) return;
  orthanc = await startOrthanc();
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-journey-e2e-')), DICOMWEB_URL: orthanc.dicomweb, DICOMWEB_LABEL: 'Test PACS' });
  await makeAccounts(server.url, ADMIN, [ATTENDING, BOARD]);
  attending = await apiLogin(server.url, ATTENDING);
  const list = await get<{ cases: { id: string; title: string; plans: { id: string }[] }[] }>('/api/cases', attending);
  const found = CASES.map((c) => list.cases.find((x) => x.title.startsWith(c.title)));
  expect(found.every(Boolean)).toBe(true);
  cases = await Promise.all(found.map((c) => get<CaseDocument>(`/api/cases/${c!.id}`, attending)));
  plan = await get<PlanDocument>(`/api/plans/${found[0]!.plans[0]!.id}`, attending);
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  page = await ctx.newPage();
  errors = watchErrors(page);
  mkdirSync(out, { recursive: true });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await orthanc?.stop();
});

describe.skipIf(!!skip)('the tumour board journey (accounts mode, demo cases, Orthanc as the PACS)', () => {
  it('1. the attending prepares the meeting: three cases with reasons and questions, key images from the viewer, checklists, case 1\'s plan: 3 of 3 ready', async () => {
    await signIn(page, ATTENDING, `${server.url}/boards`);
    await page.waitForSelector('[data-testid="new-board"]');
    await page.fill('[data-testid="new-board-title"]', 'Bone metastasis board');
    await page.fill('[data-testid="new-board-date"]', '2031-03-06');
    await page.click('[data-testid="new-board"]');
    await page.waitForSelector('[data-testid="ready-count"]');
    boardId = /\/boards\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? '';
    expect(boardId).not.toBe('');
    await page.fill('[data-testid="attendee-name"]', 'Dr Paul Okonkwo');
    await page.fill('[data-testid="attendee-specialty"]', 'Radiation oncology');
    await page.click('[data-testid="add-attendee"]');
    await page.locator('[data-testid="attendees"] tr').nth(0).locator('input[type="checkbox"]').check();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="add-case-select"] option').length >= 4);
    for (const [k, c] of cases.entries()) {
      await page.selectOption('[data-testid="add-case-select"]', c.id);
      await page.fill('[data-testid="add-case-reason"]', `Reason ${k + 1}: painful lesion`);
      await page.fill('[data-testid="add-case-question"]', `Question ${k + 1}: ablation or radiotherapy?`);
      await page.click('[data-testid="add-case"]');
    }
    expect(await page.$$eval('[data-testid="agenda-item"]', (els) => els.map((e) => e.getAttribute('data-case-id')))).toEqual(cases.map((c) => c.id));
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => document.querySelector('[data-testid="board-version"]')?.textContent === 'version 2');

    // A key image per case with the viewer's Key image button (purpose: board).
    const viewer = new ViewerPage(page, server.url);
    for (const [k, c] of cases.entries()) {
      await viewer.open(readTruth(CASES[k]!.study).studyInstanceUID);
      // One axial view filling the screen (7: 1×1 axial), as one would show it at the board.
      await viewer.key('7');
      await page.waitForFunction(() => document.querySelectorAll('.viewport-pane').length === 1);
      await page.waitForTimeout(500);
      await page.click('[data-testid="key-image-button"]');
      await page.waitForSelector('[data-testid="key-image-dialog"]');
      await page.fill('[data-testid="key-image-caption"]', `Case ${k + 1}: lesion for the board`);
      await page.selectOption('[data-testid="key-image-purpose"]', 'board');
      await page.selectOption('[data-testid="key-image-case"]', c.id);
      if (k === 0) await snap(page, 'journey-1-key-image-dialog');
      await page.click('[data-testid="key-image-save"]');
      expect(await (await page.waitForSelector('[data-testid="key-image-message"]', { timeout: 30_000 })).innerText()).toMatch(/Key image saved to case/);
      const saved = await get<{ keyImages: { caption: string; purpose: string }[] }>(`/api/cases/${c.id}/key-images`, attending);
      expect(saved.keyImages.map((x) => [x.caption, x.purpose])).toEqual([[`Case ${k + 1}: lesion for the board`, 'board']]);
    }

    // The checklists, prepared by and when, and case 1's plan.
    await page.goto(`${server.url}/boards/${boardId}`);
    await page.waitForSelector('[data-testid="agenda-item"]');
    for (let k = 0; k < 3; k++) {
      const item = page.locator('[data-testid="agenda-item"]').nth(k);
      await item.locator('[data-testid="check-images"]').check();
      await item.locator('[data-testid="check-key-images"]').check();
      if (k === 0) await item.locator('[data-testid="check-plan"]').selectOption(plan.id);
      await item.locator('[data-testid="prepared-by"]').fill('ada.attending');
      expect(await item.locator('[data-testid="prepared-at"]').innerText()).toMatch(/^at \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    }
    expect(await page.innerText('[data-testid="ready-count"]')).toBe('3 of 3 cases ready');
    await page.keyboard.press('Control+s');
    await page.waitForFunction(() => document.querySelector('[data-testid="board-version"]')?.textContent === 'version 3');
    const stored = await get<BoardDocument>(`/api/boards/${boardId}`, attending);
    expect(stored.items.map((i) => i.preparation.planAttached)).toEqual([plan.id, null, null]);
    expect(stored.items.map((i) => i.reason)).toEqual(['Reason 1: painful lesion', 'Reason 2: painful lesion', 'Reason 3: painful lesion']);
    await snap(page, 'journey-1-prepared');
    expect(realErrors(errors)).toEqual([]);
  }, 240_000);

  it('2. presents at 1920×1080 (card, key images, arrows, a discussion span) while a board account follows and comments', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.click('[data-testid="present-board"]');
    await waitCase(page, 0);
    expect(await page.innerText('[data-testid="present-position"]')).toBe('Case 1 of 3');
    expect(await page.locator('[data-testid="present-card"] [data-testid="card-reason"]').innerText()).toContain('Reason 1: painful lesion');
    await page.waitForSelector('[data-testid="plan-devices"]');
    await page.waitForFunction(() => ((document.querySelector('[data-testid="key-image-large"] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    await snap(page, 'journey-2-present-case-1');
    await page.keyboard.press('ArrowRight');
    await waitCase(page, 1);
    expect(await page.innerText('[data-testid="present-position"]')).toBe('Case 2 of 3');
    await page.waitForFunction(() => ((document.querySelector('[data-testid="key-image-large"] img') as HTMLImageElement | null)?.naturalWidth ?? 0) > 0);
    expect(await page.innerText('[data-testid="key-image-large"]')).toContain('Case 2: lesion for the board');
    await page.keyboard.press('ArrowLeft');
    await waitCase(page, 0);

    const bobCtx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const bob = await bobCtx.newPage();
    const bobErrors = watchErrors(bob);
    await signIn(bob, BOARD, `${server.url}/boards/${boardId}/present`);
    await waitCase(bob, 0);
    expect(await bob.isChecked('[data-testid="follow-toggle"]')).toBe(true);

    await page.keyboard.press('s');
    await page.waitForSelector('[data-testid="discussion-clock"].running');
    await bob.waitForSelector('[data-testid="discussion-clock"].running');
    await bob.fill('[data-testid="comment-text"]', COMMENT);
    await bob.click('[data-testid="comment-send"]');
    await bob.waitForSelector('[data-testid="comment"]');
    // The attending's page polls the comments with the meeting.
    await page.waitForFunction((t) => document.querySelector('[data-testid="comment-list"]')?.textContent?.includes(t) ?? false, COMMENT, { timeout: 15_000 });
    await snap(bob, 'journey-2-board-account');
    await page.waitForTimeout(1200);
    await page.click('[data-testid="discussion-toggle"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="discussion-toggle"]')?.textContent === 'Start discussion');
    await snap(page, 'journey-2-present-comment');
    const stored = await get<BoardDocument>(`/api/boards/${boardId}`, attending);
    expect(stored.items[0]!.discussion).toHaveLength(1);
    const span = stored.items[0]!.discussion[0]!;
    expect(Date.parse(span.stoppedAt ?? '') - Date.parse(span.startedAt)).toBeGreaterThanOrEqual(1000);
    const comments = await get<{ comments: BoardComment[] }>(`/api/boards/${boardId}/comments`, attending);
    expect(comments.comments.map((c) => [c.caseId, c.text])).toEqual([[cases[0]!.id, COMMENT]]);

    // Step 6 needs the board account's session as its browser holds it, with the CSRF token it signed in with.
    const me = (await (await bob.request.get(`${server.url}/api/auth/me`)).json()) as { csrfToken: string; user: { username: string } };
    expect(me.user.username).toBe(BOARD.username);
    bobSession = { cookie: (await bobCtx.cookies()).map((c) => `${c.name}=${c.value}`).join('; '), csrf: me.csrfToken };
    expect(realErrors(bobErrors)).toEqual([]);
    await bobCtx.close();
    expect(realErrors(errors)).toEqual([]);
  }, 120_000);

  it('3. records a decision per case with the form (case 2 with a dissenter); case 1\'s page shows it and its history has the new version by the attending', async () => {
    await page.setViewportSize({ width: 1600, height: 1000 });
    const before = await get<{ version: number }>(`/api/cases/${cases[0]!.id}`, attending);
    await page.goto(`${server.url}/boards/${boardId}`);
    await page.waitForSelector('[data-testid="agenda-item"]');
    for (const [k, d] of DECISIONS.entries()) {
      const item = page.locator('[data-testid="agenda-item"]').nth(k);
      await item.locator('[data-testid="record-decision"]').click();
      for (const code of d.codes) await item.locator(`[data-testid="reco-${code}"]`).check();
      await item.locator('[data-testid="decision-rationale"]').fill(d.rationale);
      if (d.dissenter) {
        await item.locator('[data-testid="consensus-dissent"]').check();
        await item.locator('[data-testid="dissenter-name"]').fill(d.dissenter);
      }
      await item.locator('[data-testid="decision-action-by"]').fill('IR team');
      await item.locator('[data-testid="save-decision"]').click();
      await item.locator('[data-testid="decision-view"]').waitFor();
      expect(await item.locator('[data-testid="decision-recommendation"]').innerText()).toBe(d.words);
    }
    await snap(page, 'journey-3-decisions');
    const board = await get<BoardDocument>(`/api/boards/${boardId}`, attending);
    expect(board.items.map((i) => i.decision?.consensus)).toEqual(['consensus', 'dissent', 'consensus']);
    expect(board.items[1]!.decision!.dissenters.map((d) => d.name)).toEqual(['Dr Paul Okonkwo']);

    await page.goto(`${server.url}/cases/${cases[0]!.id}`);
    const section = page.locator('[data-testid="case-board-decisions"]');
    await section.locator('[data-testid="case-board-decision"]').first().waitFor();
    expect(await section.locator('[data-testid="decision-recommendation"]').first().innerText()).toBe(DECISIONS[0].words);
    const history = await get<{ entries: { version: number; by: string }[] }>(`/api/cases/${cases[0]!.id}/history`, attending);
    const entry = history.entries.find((e) => e.version === before.version + 1);
    expect(entry?.by).toMatch(/ada\.attending|Ada Attending/);
    const newest = await page.locator('[data-testid="history"] li').first().innerText();
    expect(newest).toMatch(new RegExp(`^v${before.version + 1} · `));
    expect(newest).toContain(entry!.by);
    await section.scrollIntoViewIfNeeded();
    await snap(page, 'journey-3-case-page');
    expect(realErrors(errors)).toEqual([]);
  }, 120_000);

  it('4. the meeting report prints (A4) with the three decisions and the comment; case 1\'s plan report prints its needle depths', async () => {
    await page.goto(`${server.url}/boards/${boardId}/report`);
    await page.waitForSelector('[data-ready="true"] [data-testid="report-ready"]', { timeout: 60_000 });
    const meetingPdf = path.join(out, 'board-report-A4.pdf');
    writeFileSync(meetingPdf, await page.pdf({ format: 'A4', printBackground: true }));
    const meetingText = execFileSync('pdftotext', [meetingPdf, '-'], { encoding: 'utf8' });
    const sheets = meetingText.split('\f').filter((x) => x.trim() !== '');
    sheets.forEach((x, i) => expect(x).toContain(`Page ${i + 1} / ${sheets.length}`));
    const meeting = meetingText.replace(/\s+/g, ' ');
    for (const d of DECISIONS) expect(meeting).toContain(d.words);
    for (const d of DECISIONS) expect(meeting).toContain(d.rationale);
    expect(meeting).toContain('Dr Paul Okonkwo');
    expect(meeting).toContain(COMMENT);
    expect(meeting).toContain('Dr Paul Okonkwo Radiation oncology present');
    await page.screenshot({ path: path.join(screenshotDir, 'journey-4-board-report.png'), fullPage: true });

    await page.goto(`${server.url}/plans/${plan.id}/report`);
    await page.waitForSelector('[data-testid="plan-report"][data-ready="true"]', { timeout: 120_000 });
    const planPdf = path.join(out, 'plan-report-A4.pdf');
    writeFileSync(planPdf, await page.pdf({ format: 'A4', printBackground: true }));
    const text = execFileSync('pdftotext', ['-layout', planPdf, '-'], { encoding: 'utf8' });
    const trajectories = (plan.content as { trajectories: { metrics: { depthMm: number } | null }[] }).trajectories;
    expect(trajectories.length).toBeGreaterThan(0);
    for (const t of trajectories) expect(text).toContain(`${t.metrics!.depthMm.toFixed(1)} mm`);
    expect(text).toContain('Not a medical device.');
    await snap(page, 'journey-4-plan-report');
    expect(realErrors(errors)).toEqual([]);
  }, 240_000);

  it('5. case 1\'s board key images go to Orthanc with Send to PACS; Orthanc\'s copies (KOS + SC) pass dciodvfy', async () => {
    await page.goto(`${server.url}/cases/${cases[0]!.id}`);
    const send = page.locator('[data-testid="key-images-send-board"]');
    await send.waitFor();
    await page.locator('[data-testid="case-key-images"]').scrollIntoViewIfNeeded();
    expect(await send.isEnabled()).toBe(true);
    await send.click();
    const summary = page.locator('[data-testid="key-image-pacs-summary"]');
    await summary.waitFor({ timeout: 60_000 });
    // One key image: a KOS and one Secondary Capture.
    expect(await summary.innerText()).toBe('2 stored on Test PACS');
    await snap(page, 'journey-5-sent');
    const held = (await (await fetch(`${orthanc.url}/instances?expand`)).json()) as { ID: string; MainDicomTags: { SOPInstanceUID: string } }[];
    expect(held).toHaveLength(2);
    const classes: string[] = [];
    for (const inst of held) {
      const bytes = Buffer.from(await (await fetch(`${orthanc.url}/instances/${inst.ID}/file`)).arrayBuffer());
      const file = path.join(out, `${inst.MainDicomTags.SOPInstanceUID}.dcm`);
      writeFileSync(file, bytes);
      const tags = (await (await fetch(`${orthanc.url}/instances/${inst.ID}/simplified-tags`)).json()) as { SOPClassUID: string };
      classes.push(tags.SOPClassUID);
      const v = await dciodvfy(file);
      expect(v.errors, `${tags.SOPClassUID}\n${v.output}`).toEqual([]);
    }
    // Key Object Selection Document Storage and Secondary Capture Image Storage (PS3.4 Annex B).
    expect(classes.sort()).toEqual(['1.2.840.10008.5.1.4.1.1.7', '1.2.840.10008.5.1.4.1.1.88.59']);
    expect(realErrors(errors)).toEqual([]);
  }, 120_000);

  it('6. the board account gets 403 changing a plan, a case or a decision', async () => {
    const c1 = await get<CaseDocument & { version: number }>(`/api/cases/${cases[0]!.id}`, attending);
    const p = await get<PlanDocument>(`/api/plans/${plan.id}`, attending);
    const planPut = await sendJson(server.url, 'PUT', `/api/plans/${plan.id}`, p, bobSession, { 'if-match': `"${p.version}"` });
    expect(planPut.status).toBe(403);
    const casePut = await sendJson(server.url, 'PUT', `/api/cases/${cases[0]!.id}`, c1, bobSession, { 'if-match': `"${c1.version}"` });
    expect(casePut.status).toBe(403);
    const decision = { recommendations: ['no-intervention'], rationale: 'Board account tries to decide', consensus: 'consensus', actionBy: 'nobody', dueDate: null };
    const decisionPut = await sendJson(server.url, 'PUT', `/api/boards/${boardId}/items/${cases[0]!.id}/decision`, decision, bobSession);
    expect(decisionPut.status).toBe(403);
    // Nothing changed: the same versions, the decision still the attending's.
    expect((await get<{ version: number }>(`/api/plans/${plan.id}`, attending)).version).toBe(p.version);
    expect((await get<{ version: number }>(`/api/cases/${cases[0]!.id}`, attending)).version).toBe(c1.version);
    expect((await get<BoardDocument>(`/api/boards/${boardId}`, attending)).items[0]!.decision!.recommendations).toEqual(['cryoablation', 'acetabuloplasty']);
    // The same session may still read (it is a real session, not refused for another reason).
    expect((await fetch(`${server.url}/api/cases/${cases[0]!.id}`, { headers: { cookie: bobSession.cookie } })).status).toBe(200);
  });
});

