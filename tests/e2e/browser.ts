// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * What every browser test shares: the whole platform served over HTTP,
 * headless Debian Chromium driven by playwright-core, and pages that record
 * every console error, CSP violation and failed request.
 *
 * Needs a Chromium binary: `apt-get install -y chromium` (Debian), or point
 * CHROMIUM_PATH at another one. Without it the browser tests fail on purpose.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, REPOSITORY_ROOT, type TestApp, type TestAppOptions } from '@sigess/core/testing';
import { createHttpApp } from '../../core/src/http/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(REPOSITORY_ROOT, 'tests', '.tmp');
export const VIEWPORT = { width: 1280, height: 900 };

/** Everything that went wrong in a page: asserted empty at the end of each test. */
export interface Problems {
  console: string[];
  csp: string[];
  requests: string[];
}

export interface OpenedPage {
  readonly page: Page;
  readonly problems: Problems;
  /** Status of every /assets/ response, by path. */
  readonly assets: Map<string, number>;
}

export interface BrowserHarness {
  readonly app: TestApp;
  readonly base: string;
  /** A fresh browser profile (no cookies) in this language. */
  openPage(locale?: string): Promise<OpenedPage>;
  /**
   * A fresh Italian browser signed in through the login form as a demo operator; one with several
   * memberships chooses `organization` (its name as the chooser shows it) and lands on the home page.
   */
  signedIn(username: string, organization?: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

function short(message: string): string {
  return message.length > 240 ? `${message.slice(0, 240)}…` : message;
}

/** Records CSP violations in the page; reported through an exposed binding, so they survive navigations. */
const CSP_LISTENER = `
document.addEventListener('securitypolicyviolation', (e) => {
  const blocked = e.blockedURI === 'data' ? 'data:' : e.blockedURI || 'inline';
  window.__sigessCsp(e.violatedDirective + ' blocked ' + blocked + (e.sourceFile ? ' in ' + e.sourceFile + ':' + e.lineNumber : ''));
});`;

function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `No Chromium at ${CHROMIUM}: the browser tests need one. Install Debian's with ` +
        '"apt-get update && apt-get install -y chromium", or set CHROMIUM_PATH to an existing Chromium binary.',
    );
  }
}

/** Starts the platform (demo data) on a free port and launches Chromium beside it. */
export async function startBrowserHarness(options: TestAppOptions = {}): Promise<BrowserHarness> {
  requireChromium();
  const launching = chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  let browser: Browser | undefined;
  // Keep the browser handle even if the platform fails to start, so that it is closed.
  launching.then((b) => (browser = b)).catch(() => undefined);
  let app: TestApp | undefined;
  let server: Server | undefined;
  const close = async (): Promise<void> => {
    await (browser ?? (await launching.catch(() => undefined)))?.close();
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await app?.close();
  };
  try {
    app = await createTestApp(options);
    server = createHttpApp(app.platform).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server!.once('listening', resolve).once('error', reject));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launching;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const started = browser;
    const open = (locale = 'it-IT') => openPage(started, base, locale);
    return { app, base, close, openPage: open, signedIn: (username, organization) => signIn(open, base, username, organization) };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The demo operators' password (README). */
export const DEMO_PASSWORD = 'demo-sigess-2026';

async function signIn(
  open: (locale?: string) => Promise<OpenedPage>,
  base: string,
  username: string,
  organization?: string,
): Promise<OpenedPage> {
  const opened = await open('it-IT');
  const { page } = opened;
  await page.goto(`${base}/login`);
  await page.locator('#field-username').fill(username);
  await page.locator('#field-password').fill(DEMO_PASSWORD);
  const next = organization ? /\/session\/organization/ : `${base}/`;
  await Promise.all([page.waitForURL(next), page.getByRole('button', { name: 'Accedi', exact: true }).click()]);
  if (organization) {
    // Bootstrap Italia draws the radio on its label, which takes the click.
    await page.locator('label', { hasText: organization }).click();
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Continua' }).click()]);
  }
  return opened;
}

async function openPage(browser: Browser, base: string, locale: string): Promise<OpenedPage> {
  const context = await browser.newContext({ locale, viewport: VIEWPORT });
  context.setDefaultTimeout(10_000);
  const problems: Problems = { console: [], csp: [], requests: [] };
  const assets = new Map<string, number>();
  await context.exposeBinding('__sigessCsp', (_source, message: string) => {
    problems.csp.push(short(message));
  });
  await context.addInitScript(CSP_LISTENER);
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.console.push(short(`${msg.text()} (${msg.location().url})`));
  });
  page.on('pageerror', (error) => problems.console.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText;
    // A request still under way when the page navigates away is cancelled: not a failure of the application.
    if (error !== 'net::ERR_ABORTED') problems.requests.push(`${request.method()} ${request.url()}: ${error}`);
  });
  page.on('response', (response) => {
    const url = new URL(response.url());
    if (url.origin !== base) {
      problems.requests.push(`request to another origin: ${response.url()}`);
      return;
    }
    if (url.pathname.startsWith('/assets/')) assets.set(url.pathname, response.status());
    if (response.status() >= 400) problems.requests.push(`${response.status()} ${response.url()}`);
  });
  return { page, problems, assets };
}

/** Waits until the web fonts are in, so screenshots and font checks see the final rendering. */
export async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.evaluate('document.fonts.ready.then(() => true)');
}

/** Asserts nothing went wrong, after a round trip to the page so that pending reports have arrived. */
export async function expectNoProblems(page: Page, problems: Problems): Promise<void> {
  await page.evaluate('new Promise((resolve) => setTimeout(resolve, 50))');
  expect(problems).toEqual({ console: [], csp: [], requests: [] });
}

/** Drops the failed responses a test caused on purpose (a 401 login, a 409 conflict), by status and path. */
export function expectedFailure(problems: Problems, base: string, status: number, path: string | RegExp): void {
  const matches = (url: string): boolean => (typeof path === 'string' ? url === `${base}${path}` : path.test(url));
  problems.requests = problems.requests.filter((r) => !(r.startsWith(`${status} `) && matches(r.slice(`${status} `.length))));
  problems.console = problems.console.filter((c) => !c.includes(`status of ${status}`));
}

export async function screenshot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true, animations: 'disabled' });
}
