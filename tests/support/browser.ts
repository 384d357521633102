import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { screenshotDir } from './paths';

/** Debian's Chromium; `npm test` installs it when it can (scripts/test.sh). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launches headless Debian Chromium with the flags that give WebGL2 (ANGLE on SwiftShader)
 * as root on these machines; Playwright gives every launch a fresh temporary profile.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run \`npm test\` as root (it installs Debian's chromium) or set CHROMIUM_PATH`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot under test-results/screenshots/ (look at them). */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Collects page errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Opens `url`, which shows the sign-in page, and signs in there as `who` (accounts mode). */
export async function signIn(p: Page, who: { username: string; password: string }, url: string): Promise<void> {
  await p.goto(url);
  await p.waitForSelector('[data-testid="signin-page"]');
  await p.fill('[data-testid="signin-username"]', who.username);
  await p.fill('[data-testid="signin-password"]', who.password);
  await p.click('[data-testid="signin-submit"]');
  await p.waitForSelector('[data-testid="signin-page"]', { state: 'detached' });
}
