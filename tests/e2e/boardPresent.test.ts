import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TUMOUR_TYPES, type BoardDocument, type CaseDocument, type PlanDocument } from '../../src/records';
import { launchBrowser, snap, watchErrors } from '../support/browser';
import { startTestServer } from '../support/server';

/*
 * The presenter view /boards/<id>/present in single-user mode at 1920×1080: a meeting with the
 * three demo cases (case 1's plan attached, two key images), the summary card's fields against the
 * case records the API gives, the card inside the screen with no scrollbars, key images with the
 * viewer link and overlay switch, keyboard next/previous/first/last, discussion start/stop recorded
 * in the meeting, the summary's median, a follower page moving with the presenter, and a comment; then in
 * accounts mode a board account following an attending, commenting, without Start/Stop or decision form.
 */

let server: { url: string; close: () => Promise<void> };
let browser: Browser;
let board: BoardDocument;
let cases: CaseDocument[];
let plan: PlanDocument;
const keyImageIds: string[] = [];

const api = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(`${server.url}${url}`, init);
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({ method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const TITLES = ['Right iliac bone and superior acetabulum', 'Right superior acetabulum and superior pubic ramus', 'T10 vertebra plana'];

beforeAll(async () => {
  server = await startTestServer({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-present-e2e-')) });
  browser = await launchBrowser();
  const list = await api<{ cases: { id: string; title: string; plans: { id: string }[] }[] }>('/api/cases');
  const ids = TITLES.map((t) => list.cases.find((c) => c.title.startsWith(t))?.id ?? '');
  expect(ids.every(Boolean)).toBe(true);
  cases = await Promise.all(ids.map((id) => api<CaseDocument>(`/api/cases/${id}`)));
  const planId = list.cases.find((c) => c.id === ids[0])!.plans[0]!.id;
  plan = await api<PlanDocument>(`/api/plans/${planId}`);

  const created = await api<BoardDocument>('/api/boards', json('POST', {
    title: 'Bone metastasis board', date: '2031-03-06',
    attendees: [{ name: 'Dr Ines Roca', specialty: 'Interventional radiology' }],
    items: cases.map((c, k) => ({ caseId: c.id, reason: `Reason ${k + 1}: painful lesion`, question: `Question ${k + 1}: ablation or radiotherapy?` })),
  }));
  const prepared = { imagesReviewed: true, keyImagesChosen: true, preparedBy: 'dr.roca', preparedAt: '2031-03-05T10:00:00.000Z' };
  const content = {
    title: created.title, date: created.date, status: created.status, attendees: created.attendees,
    items: created.items.map((it, k) => ({ ...it, preparation: { ...it.preparation, ...(k === 0 ? { ...prepared, planAttached: plan.id } : {}) } })),
  };
  board = await api<BoardDocument>(`/api/boards/${created.id}`, json('PUT', content, { 'if-match': `"${created.version}"` }));

  // Two key images on case 1: pictures rendered by the browser (any RGB PNG does), on the plan's series.
  const page = await browser.newPage({ viewport: { width: 640, height: 480 } });
  for (const [k, colour] of ['#335577', '#775533'].entries()) {
    await page.setContent(`<body style="margin:0;background:${colour}"><div style="margin:60px;width:200px;height:120px;background:#ddd"></div></body>`);
    const png = (await page.screenshot({ type: 'png' })).toString('base64');
    const saved = await api<{ id: string }>(`/api/cases/${cases[0]!.id}/key-images`, json('POST', {
      caption: `Axial view ${k + 1}: lesion and probes`,
      purpose: 'board',
      view: {
        studyInstanceUid: plan.studyInstanceUID, seriesInstanceUid: plan.seriesInstanceUID, slot: 'axial', mode: 'mpr',
        camera: { focalPoint: [0, 0, 10 * k], position: [0, 0, 10 * k - 500], viewUp: [0, -1, 0], parallelScale: 120 },
        window: { width: 400, center: 40 }, plan: { id: plan.id, version: plan.version }, sliceNumber: 40 + k, sliceCount: 120,
      },
      png,
    }));
    keyImageIds.push(saved.id);
  }
  await page.close();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const text = (page: Page, testId: string): Promise<string> => page.locator(`[data-testid="present-card"] [data-testid="${testId}"]`).innerText();
const position = (page: Page): Promise<string> => page.innerText('[data-testid="present-position"]');
const waitCase = (page: Page, k: number) => page.waitForSelector(`[data-testid="present-card"][data-case-id="${cases[k]!.id}"] [data-testid="card-patient"]`);
const mmss = (s: number): string => `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

describe('presenting a tumour board meeting', () => {
  let page: Page;
  let errors: string[];

  it('shows case 1\'s card from the case record and the plan, inside one 1920×1080 screen, beside the key images', async () => {
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    errors = watchErrors(page);
    await page.goto(`${server.url}/boards/${board.id}`);
    await page.click('[data-testid="present-board"]');
    await waitCase(page, 0);
    expect(page.url()).toContain(`/boards/${board.id}/present`);
    expect(await position(page)).toBe('Case 1 of 3');
    await page.waitForSelector('[data-testid="plan-devices"]');

    const c = cases[0]!;
    expect(await text(page, 'card-patient')).toContain(`${c.patient.pseudonym} · ${c.patient.sex}, ${c.patient.ageYears} y`);
    expect(await text(page, 'card-tumour')).toContain(TUMOUR_TYPES[c.tumour.primary!]);
    expect(await text(page, 'card-tumour')).toContain(c.tumour.histology);
    expect(await text(page, 'card-pain-site')).toContain(`${c.pain.maximalPainSite} · imaging matches`);
    expect(await text(page, 'card-pain')).toContain(`weight bearing ${c.pain.onWeightBearing} / 10`);
    expect(await text(page, 'card-pain')).toContain('at rest — / 10');
    expect(await text(page, 'card-mme')).toContain(`${Math.round(c.analgesics.mme!.totalMmePerDay)} MME/day`);
    expect(await text(page, 'card-ecog')).toContain(c.performance.ecog === null ? '—' : String(c.performance.ecog));
    // The demo record gives one Harrington component: the score is stored incomplete, and the card says so.
    const harrington = c.lesions[0]!.scores.harrington!.result!;
    expect(await text(page, 'card-scores')).toContain(harrington.missing.length ? 'Harrington incomplete (missing ' : `Harrington ${harrington.category}`);
    if (harrington.missing.includes('lateralCortices')) expect(await text(page, 'card-scores')).toContain('lateral cortices');
    expect(await text(page, 'card-reason')).toContain('Reason 1: painful lesion');
    expect(await text(page, 'card-question')).toContain('Question 1: ablation or radiotherapy?');
    expect(await text(page, 'card-procedure')).toContain('Cryoablation');
    const card = await page.innerText('[data-testid="present-card"]');
    expect(card).not.toMatch(/NaN|undefined/);

    // The plan's key numbers as the API stores them.
    const content = plan.content as { trajectories: { metrics: { structures: { distanceMm: number }[] } | null }[]; zoneMetrics: { lesions: { coveragePercent: number }[] } | null };
    expect(await text(page, 'plan-devices')).toMatch(new RegExp(`^${content.trajectories.length} devices`));
    const distances = content.trajectories.flatMap((t) => t.metrics?.structures.map((s) => s.distanceMm) ?? []);
    if (distances.length) expect(await text(page, 'plan-closest')).toContain(`${Math.min(...distances).toFixed(1)} mm`);
    const zone = content.zoneMetrics?.lesions[0];
    if (zone) expect(await page.locator('[data-testid="plan-coverage"]').first().innerText()).toContain(`${zone.coveragePercent.toFixed(0)} %`);

    // One screen: the card inside the viewport, no page scrollbars, nothing hidden inside the card.
    const box = (await page.locator('[data-testid="present-card"]').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(1920);
    expect(box.y + box.height).toBeLessThanOrEqual(1080);
    const fits = await page.evaluate(() => {
      const d = document.documentElement;
      const card = document.querySelector('[data-testid="present-card"]')!;
      return { page: d.scrollHeight <= d.clientHeight && d.scrollWidth <= d.clientWidth, card: card.scrollHeight <= card.clientHeight };
    });
    expect(fits).toEqual({ page: true, card: true });
    const imagesBox = (await page.locator('[data-testid="present-images"]').boundingBox())!;
    expect(imagesBox.x).toBeGreaterThanOrEqual(box.x + box.width - 1);

    // Key images: the first large, both as thumbnails, the viewer link with and without the plan overlay.
    await page.waitForFunction(() => (document.querySelector('[data-testid="key-image-large"] img') as HTMLImageElement | null)?.naturalWidth === 640);
    expect(await page.locator('[data-testid="key-image-thumb"]').count()).toBe(2);
    expect(await page.getAttribute('[data-testid="open-in-viewer"]', 'href')).toBe(`/studies/${plan.studyInstanceUID}?keyImage=${keyImageIds[0]}`);
    await page.locator('[data-testid="key-image-thumb"]').nth(1).click();
    expect(await page.getAttribute('[data-testid="key-image-large"]', 'data-key-image-id')).toBe(keyImageIds[1]);
    await page.uncheck('[data-testid="overlay-switch"]');
    expect(await page.getAttribute('[data-testid="open-in-viewer"]', 'href')).toBe(`/studies/${plan.studyInstanceUID}?keyImage=${keyImageIds[1]}&overlay=off`);
    expect(await page.getAttribute('[data-testid="open-in-viewer"]', 'target')).toBe('_blank');
    await page.check('[data-testid="overlay-switch"]');
    await snap(page, 'present-case-1');
  }, 120_000);

  it('moves by keyboard: next, previous, first, last; each card shows its case', async () => {
    await page.keyboard.press('ArrowRight');
    await waitCase(page, 1);
    expect(await position(page)).toBe('Case 2 of 3');
    const c2 = cases[1]!;
    expect(await text(page, 'card-patient')).toContain(`${c2.patient.pseudonym} · ${c2.patient.sex}, ${c2.patient.ageYears} y`);
    expect(await text(page, 'card-mme')).toContain(`${Math.round(c2.analgesics.mme!.totalMmePerDay)} MME/day`);
    expect(await text(page, 'card-plan')).toBe('No plan attached.');
    expect(await page.isVisible('[data-testid="no-key-images"]')).toBe(true);
    await snap(page, 'present-case-2');
    await page.keyboard.press('PageDown');
    await waitCase(page, 2);
    const c3 = cases[2]!;
    expect(await text(page, 'card-scores')).toContain('SINS');
    expect(await text(page, 'card-pain-site')).toContain(c3.pain.maximalPainSite);
    await snap(page, 'present-case-3');
    await page.keyboard.press('ArrowRight'); // stays on the last case
    expect(await position(page)).toBe('Case 3 of 3');
    await page.keyboard.press('ArrowLeft');
    await waitCase(page, 1);
    await page.keyboard.press('Home');
    await waitCase(page, 0);
    await page.keyboard.press('End');
    await waitCase(page, 2);
    await page.keyboard.press('PageUp');
    await waitCase(page, 1);
    await page.keyboard.press('ArrowUp');
    await waitCase(page, 0);
    // F: the presenter goes full screen and back.
    await page.keyboard.press('f');
    await page.waitForFunction(() => document.fullscreenElement?.getAttribute('data-testid') === 'presenter');
    await page.waitForFunction(() => document.querySelector('[data-testid="fullscreen-toggle"]')?.textContent === 'Exit full screen');
    await page.keyboard.press('F');
    await page.waitForFunction(() => document.fullscreenElement === null);
  }, 60_000);

  it('records discussion spans (S, moving on starts the next), a follower page moves with them, and the summary shows the median', async () => {
    const follower = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const followerErrors = watchErrors(follower);
    await follower.goto(`${server.url}/boards/${board.id}/present?case=${cases[2]!.id}`);
    await waitCase(follower, 2);
    await follower.check('[data-testid="follow-toggle"]');

    await page.keyboard.press('s');
    await page.waitForSelector('[data-testid="discussion-clock"].running');
    await waitCase(follower, 0); // the follower polls every 2 s and moves to the running case
    await page.waitForTimeout(1500);
    await page.keyboard.press('ArrowDown'); // moving on while running starts case 2's discussion
    await waitCase(page, 1);
    await page.waitForFunction(() => document.querySelector('[data-testid="discussion-toggle"]')?.textContent === 'Stop discussion');
    await waitCase(follower, 1);
    await page.waitForTimeout(2500);
    await page.click('[data-testid="discussion-toggle"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="discussion-toggle"]')?.textContent === 'Start discussion');

    const stored = await api<BoardDocument>(`/api/boards/${board.id}`);
    const spans = stored.items.map((i) => i.discussion);
    expect(spans[0]).toHaveLength(1);
    expect(spans[1]).toHaveLength(1);
    expect(spans[2]).toHaveLength(0);
    expect(spans.flat().every((s) => s.stoppedAt !== null)).toBe(true);
    const secs = spans.slice(0, 2).map((s) => Math.floor((Date.parse(s[0]!.stoppedAt!) - Date.parse(s[0]!.startedAt)) / 1000));
    expect(secs[0]).toBeGreaterThanOrEqual(1);
    expect(secs[1]).toBeGreaterThanOrEqual(2);

    await page.keyboard.press('m');
    await page.waitForSelector('[data-testid="meeting-summary"]');
    const times = await page.locator('[data-testid="summary-time"]').allInnerTexts();
    expect(times).toEqual([mmss(secs[0]!), mmss(secs[1]!), 'not discussed']);
    // Median of two discussed cases: their mean (case 3 not discussed, left out).
    expect(await page.innerText('[data-testid="summary-median"]')).toBe(mmss(Math.round((secs[0]! + secs[1]!) / 2)));
    await snap(page, 'present-summary');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="meeting-summary"]', { state: 'detached' });
    expect(followerErrors).toEqual([]);
    await follower.close();
  }, 60_000);

  it('adds a comment to the current case; it is listed and stored', async () => {
    await page.fill('[data-testid="comment-text"]', 'Consider radiotherapy first if the fracture is stable.');
    // Typing in the box is text, not navigation.
    await page.keyboard.press('ArrowRight');
    expect(await position(page)).toBe('Case 2 of 3');
    await page.click('[data-testid="comment-send"]');
    await page.waitForSelector('[data-testid="comment"]');
    expect(await page.innerText('[data-testid="comment-list"]')).toContain('Consider radiotherapy first if the fracture is stable.');
    const stored = await api<{ comments: { caseId: string; text: string }[] }>(`/api/boards/${board.id}/comments`);
    expect(stored.comments.map((c) => [c.caseId, c.text])).toEqual([[cases[1]!.id, 'Consider radiotherapy first if the fracture is stable.']]);
    await snap(page, 'present-comment');
    expect(errors).toEqual([]);
  }, 60_000);

  // Last, because it switches the server to accounts mode for good.
  it('accounts mode: a board account follows the attending presenting, has no Start/Stop and no decision form, and comments', async () => {
    const post = (url: string, body: unknown, session?: Session) => fetch(`${server.url}${url}`, json('POST', body, session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}));
    expect((await post('/api/admin/accounts', ADMIN)).status).toBe(201);
    const admin = await login(ADMIN);
    for (const a of [ATTENDING, BOARD]) expect((await post('/api/admin/accounts', a, admin)).status).toBe(201);
    const attending = await login(ATTENDING);

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const bob = await context.newPage();
    const bobErrors = watchErrors(bob);
    await bob.goto(`${server.url}/boards/${board.id}/present`);
    await bob.waitForSelector('[data-testid="signin-page"]');
    await bob.fill('[data-testid="signin-username"]', BOARD.username);
    await bob.fill('[data-testid="signin-password"]', BOARD.password);
    await bob.click('[data-testid="signin-submit"]');
    await waitCase(bob, 0);
    expect(await bob.isChecked('[data-testid="follow-toggle"]')).toBe(true);
    expect(await bob.locator('[data-testid="discussion-toggle"]').count()).toBe(0);
    expect(await bob.locator('[data-testid="present-decision"] button', { hasText: 'Record decision' }).count()).toBe(0);

    // The attending starts case 3's discussion; the board account's page follows within a poll or two.
    expect((await post(`/api/boards/${board.id}/items/${cases[2]!.id}/discussion`, { event: 'start' }, attending)).status).toBe(200);
    await waitCase(bob, 2);
    await bob.waitForSelector('[data-testid="discussion-clock"].running');
    await bob.fill('[data-testid="comment-text"]', 'Board member: is the posterior wall intact?');
    await bob.click('[data-testid="comment-send"]');
    await bob.waitForSelector('[data-testid="comment"]');
    expect(await bob.innerText('[data-testid="comment-list"]')).toContain('Board member: is the posterior wall intact?');
    await snap(bob, 'present-board-account');
    expect((await post(`/api/boards/${board.id}/items/${cases[2]!.id}/discussion`, { event: 'stop' }, attending)).status).toBe(200);
    // A board account may not start or stop the discussion (case.write).
    const bobCookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await fetch(`${server.url}/api/boards/${board.id}/items/${cases[2]!.id}/discussion`, json('POST', { event: 'start' }, { cookie: bobCookie }))).status).toBeGreaterThanOrEqual(400);
    expect(bobErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});

interface Session { cookie: string; csrf: string }
const ADMIN = { username: 'amira.admin', name: 'Amira Admin', roles: ['admin'], password: 'admin-password-1234' };
const ATTENDING = { username: 'ada.attending', name: 'Ada Attending', roles: ['attending'], password: 'attending-password-1234' };
const BOARD = { username: 'bob.board', name: 'Bob Board', roles: ['board'], password: 'board-password-1234' };

/** Signs in through the API (the server's mode cache may need a moment after the first account). */
async function login(who: { username: string; password: string }): Promise<Session> {
  for (let i = 0; i < 30; i++) {
    const r = await fetch(`${server.url}/api/auth/login`, json('POST', { username: who.username, password: who.password }));
    if (r.status === 200) return { cookie: (r.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`${who.username} could not sign in`);
}
