import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, snap } from '../support/browser';
import { startOidcProvider, TEST_OIDC_CLIENT, type TestOidcProvider } from '../support/oidcProvider';
import { freePort } from '../support/postgres';
import { startTestServer } from '../support/server';

/*
 * Hospital sign-on end to end: Chromium, PercuPlan configured with OIDC, and a REAL OpenID
 * provider (oidc-provider) on loopback whose development sign-in page accepts any login.
 */

type Server = { url: string; close: () => Promise<void> };

let provider: TestOidcProvider;
let impostor: TestOidcProvider;
let server: Server;
let misconfigured: Server;
let browser: Browser;

/** PercuPlan with hospital sign-on against `issuer`, on a port known before it starts (the provider must know the callback). */
async function startPercuPlan(port: number, issuer: string): Promise<Server> {
  const publicUrl = `http://127.0.0.1:${port}`;
  return startTestServer(
    {
      PORT: String(port),
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'percuplan-oidc-e2e-')),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: TEST_OIDC_CLIENT.clientId,
      OIDC_CLIENT_SECRET: TEST_OIDC_CLIENT.clientSecret,
      OIDC_ROLE_MAP: 'ir-staff=attending,ir-residents=trainee',
    },
    { samples: false },
  );
}

beforeAll(async () => {
  const port = await freePort();
  const otherPort = await freePort();
  provider = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/auth/callback`] });
  // Listens at 127.0.0.1 but calls itself localhost: not the issuer the second PercuPlan was given.
  impostor = await startOidcProvider({ redirectUris: [`http://127.0.0.1:${otherPort}/auth/callback`], issuer: (p) => `http://localhost:${p}` });
  server = await startPercuPlan(port, provider.issuer);
  misconfigured = await startPercuPlan(otherPort, impostor.url);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await misconfigured?.close();
  await provider?.close();
  await impostor?.close();
});

/**
 * Page errors and console errors of PercuPlan's own pages and resources. The provider's
 * development pages are left out: they import a web font from the internet, unreachable here.
 */
function watchPercuPlanErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && (m.location().url.startsWith(server.url) || page.url().startsWith(server.url))) errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  return errors;
}

/** Opens PercuPlan at `path` in a fresh context and follows "Sign in with the hospital account" to the provider's sign-in page. */
async function toProviderSignIn(context: BrowserContext, base: string, startPath: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}${startPath}`);
  await page.waitForSelector('[data-testid="signin-page"]');
  await page.click('[data-testid="signin-oidc"]');
  return page;
}

/** Signs in at the provider's development page as `login`, confirming consent when asked. */
async function signInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForSelector('input[name="login"]');
  expect(new URL(page.url()).origin).toBe(provider.url);
  const loginPage = page.url();
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'any password');
  await page.click('button[type="submit"]');
  await page.waitForURL((u) => u.href !== loginPage && (u.origin !== provider.url || u.pathname.startsWith('/interaction/')));
  if (new URL(page.url()).origin === provider.url) {
    // The consent page, the first time this user meets the client.
    await page.click('button[type="submit"]');
  }
}

describe('hospital sign-on (OIDC) in the browser', () => {
  it('signs alice in from the sign-in page and lands back where she was going, signed in as attending', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const callbacks: string[] = [];
    context.on('request', (r) => {
      if (r.url().includes('/auth/callback')) callbacks.push(r.url());
    });
    const page = await toProviderSignIn(context, server.url, '/cases');
    const errors = watchPercuPlanErrors(page);
    await signInAtProvider(page, 'alice');
    await page.waitForURL(`${server.url}/cases`);
    const me = await page.evaluate(async () => {
      const r = await fetch('/api/auth/me');
      return { status: r.status, body: (await r.json()) as { user: { username: string; roles: string[] }; mode: string } };
    });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('alice');
    expect(me.body.user.roles).toEqual(['attending']);
    expect(me.body.mode).toBe('accounts');
    await page.waitForSelector('[data-testid="current-user-name"]');
    expect(await page.innerText('[data-testid="current-user-name"]')).toBe('Alice Attending');
    // The session cookie is HttpOnly: the page's script cannot read it.
    expect(await page.evaluate(() => document.cookie)).not.toContain('percuplan_session');
    await snap(page, 'oidc-signed-in');
    expect(errors).toEqual([]);

    // Replaying the provider's answer (same code and state) in the same browser is refused.
    expect(callbacks).toHaveLength(1);
    const replay = await page.goto(callbacks[0]!);
    expect(replay?.status()).toBe(400);
    expect(await page.innerText('[data-testid="oidc-problem"]')).toContain('Sign-in expired');
    await snap(page, 'oidc-replay-refused');
    await context.close();
  });

  it('refuses carol, whose hospital groups give no PercuPlan role, with a page that says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await toProviderSignIn(context, server.url, '/');
    await signInAtProvider(page, 'carol');
    await page.waitForSelector('[data-testid="oidc-problem"]');
    expect(await page.innerText('[data-testid="oidc-problem"]')).toContain('Your hospital account has no PercuPlan role (claim roles: none)');
    expect(await page.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await snap(page, 'oidc-no-role');
    await context.close();
  });

  it('refuses to sign in through a provider that is not the configured issuer', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${misconfigured.url}/`);
    await page.waitForSelector('[data-testid="signin-page"]');
    const [answer] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(`${misconfigured.url}/auth/login`)), page.click('[data-testid="signin-oidc"]')]);
    expect(answer.status()).toBe(502);
    await page.waitForSelector('[data-testid="oidc-problem"]');
    expect(await page.innerText('[data-testid="oidc-problem"]')).toContain('did not identify itself as the one configured');
    expect(new URL(page.url()).origin).toBe(misconfigured.url);
    await snap(page, 'oidc-wrong-issuer');
    await context.close();
  });
});
