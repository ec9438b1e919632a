// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The home page in a real browser: headless Debian Chromium driven by
 * playwright-core, against the whole platform served over HTTP.
 *
 * Needs a Chromium binary: `apt-get install -y chromium` (Debian), or point
 * CHROMIUM_PATH at another one. Without it this test fails on purpose.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createTestApp, REPOSITORY_ROOT, type TestApp } from '@sigess/core/testing';
import { createHttpApp } from '../../core/src/http/app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = join(REPOSITORY_ROOT, 'tests', '.tmp');
const DOCS_SCREENSHOT = join(REPOSITORY_ROOT, 'docs', 'img', 'home.png');
const VIEWPORT = { width: 1280, height: 900 };

/** Everything that went wrong in a page: asserted empty at the end of each test. */
interface Problems {
  console: string[];
  csp: string[];
  requests: string[];
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

describe('the home page in a browser', () => {
  let app: TestApp;
  let server: Server;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
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
    // Keep the browser handle even if the platform fails to start, so afterAll can close it.
    launching.then((b) => (browser = b)).catch(() => undefined);
    app = await createTestApp({ plugins: ['hello'] });
    server = createHttpApp(app.platform).listen(0, '127.0.0.1');
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launching;
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await app?.close();
  });

  /** A fresh browser profile whose every console error, CSP violation and failed request is recorded. */
  async function openPage(locale: string): Promise<{ page: Page; problems: Problems; assets: Map<string, number> }> {
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
    page.on('requestfailed', (request) => problems.requests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`));
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
  async function settled(page: Page): Promise<void> {
    await page.waitForLoadState('load');
    await page.evaluate('document.fonts.ready.then(() => true)');
  }

  /** Asserts nothing went wrong, after a round trip to the page so that pending reports have arrived. */
  async function expectNoProblems(page: Page, problems: Problems): Promise<void> {
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 50))');
    expect(problems).toEqual({ console: [], csp: [], requests: [] });
  }

  async function screenshot(page: Page, name: string): Promise<Buffer> {
    return page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true, animations: 'disabled' });
  }

  it('opens in Italian, with the Bootstrap Italia layout, the menu and the plugin slot', async () => {
    const { page, problems, assets } = await openPage('it-IT');
    const response = await page.goto(`${base}/`);
    expect(response?.status()).toBe(200);
    await settled(page);

    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Cartella sociale');
    expect(await page.title()).toContain('SIGeSS');

    const menu = page.locator('#main-menu .navbar-nav > li');
    expect((await menu.allTextContents()).map((s) => s.trim())).toEqual(expect.arrayContaining(['Home', 'Catalogo dei servizi', 'Ciao']));
    // At 1280 px the navbar is expanded, not hidden behind the burger.
    expect(await page.getByRole('link', { name: 'Catalogo dei servizi', exact: true }).first().isVisible()).toBe(true);
    expect(await page.locator('#main-menu a[aria-current="page"]').textContent()).toContain('Home');
    expect(await page.locator('.custom-navbar-toggler').isVisible()).toBe(false);

    const slot = page.locator('[data-slot="hello.welcome"] [data-testid="hello-slot"]');
    expect(await slot.isVisible()).toBe(true);
    expect(await slot.textContent()).toContain('Il modulo di esempio è attivo');

    // Bootstrap Italia is really applied: its blue header, its Titillium Web font, its icons.
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.it-header-center-wrapper')).backgroundColor")).toBe(
      'rgb(0, 102, 204)',
    );
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toMatch(/^"?Titillium Web"?/);
    expect(await page.evaluate<boolean>('document.fonts.check(\'16px "Titillium Web"\')')).toBe(true);
    // The theme's fixes to Bootstrap Italia: a white language toggle on one line, white text in the footer.
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('#language-toggle')).color")).toBe('rgb(255, 255, 255)');
    expect(await page.evaluate<number>("document.querySelector('#language-toggle').getBoundingClientRect().height")).toBeLessThanOrEqual(
      48,
    );
    expect(await page.evaluate<string>("getComputedStyle(document.querySelector('.it-footer-small-prints li')).color")).toBe(
      'rgb(255, 255, 255)',
    );
    const iconWidth = await page.evaluate<number>("document.querySelector('.it-brand-wrapper svg.icon').getBoundingClientRect().width");
    expect(iconWidth).toBeGreaterThan(0);

    // Every asset comes from /assets on this server, with 200.
    const loaded = [...assets.entries()];
    for (const wanted of [
      /\/bootstrap-italia\.min\.css$/,
      /\/fonts\.css$/,
      /\/theme\/css\/theme\.css$/,
      /\/bootstrap-italia\.bundle\.min\.js$/,
      /\/svg\/sprites\.svg$/,
      /Titillium_Web\/.*\.woff2$/,
    ]) {
      expect(loaded).toContainEqual([expect.stringMatching(wanted), 200]);
    }
    expect(loaded.filter(([, status]) => status !== 200 && status !== 304)).toEqual([]);

    const png = await screenshot(page, 'home-it.png');
    writeFileSync(DOCS_SCREENSHOT, png);

    await expectNoProblems(page, problems);
  });

  it('falls back to Italian for a browser that asks for neither Italian nor English', async () => {
    const { page, problems } = await openPage('de-DE');
    await page.goto(`${base}/`);
    expect(await page.locator('html').getAttribute('lang')).toBe('it');
    await expectNoProblems(page, problems);
  });

  it('switches to English from the header and remembers the choice', async () => {
    const { page, problems } = await openPage('it-IT');
    await page.goto(`${base}/`);
    await settled(page);

    const toggle = page.locator('#language-toggle');
    const english = page.locator('#language-menu').getByRole('link', { name: 'English' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await english.isVisible()).toBe(false);
    await toggle.click();
    // Bootstrap Italia's JavaScript opens the dropdown.
    await english.waitFor({ state: 'visible' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await Promise.all([page.waitForURL(`${base}/`), english.click()]);
    await settled(page);

    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main h1').textContent()).toBe('Social case record');
    expect(await page.locator('#language-toggle').textContent()).toContain('English');
    expect((await page.locator('#main-menu .navbar-nav > li').allTextContents()).map((s) => s.trim())).toEqual(
      expect.arrayContaining(['Home', 'Service catalogue', 'Hello']),
    );
    await screenshot(page, 'home-en.png');

    // The cookie wins over the browser's Italian Accept-Language on the next pages too.
    await Promise.all([
      page.waitForURL(`${base}/catalogue`),
      page.getByRole('link', { name: 'Service catalogue', exact: true }).first().click(),
    ]);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('main h1').textContent()).toBe('Service catalogue');
    await page.goto(`${base}/catalogue`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await expectNoProblems(page, problems);
  });

  it('signs an operator in from the header, lets them choose where to act, and signs them out', async () => {
    const { page, problems } = await openPage('it-IT');
    await page.goto(`${base}/`);
    await Promise.all([page.waitForURL(`${base}/login`), page.locator('.sigess-signin').click()]);
    expect(await page.locator('main h1').textContent()).toBe('Accedi a SIGeSS');

    // A wrong password: the message sits on the field and in the summary.
    await page.locator('#field-username').fill('assistente');
    await page.locator('#field-password').fill('not-the-password');
    await page.getByRole('button', { name: 'Accedi', exact: true }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#field-password').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-password-error').textContent()).toBe('Nome utente o password non corretti.');
    expect(await page.locator('#field-username').inputValue()).toBe('assistente');
    await settled(page);
    await screenshot(page, 'login-error.png');

    // The right one: "assistente" works in two places, so SIGeSS asks which.
    await page.locator('#field-password').fill('demo-sigess-2026');
    await Promise.all([page.waitForURL(/\/session\/organization/), page.getByRole('button', { name: 'Accedi', exact: true }).click()]);
    // Bootstrap Italia draws its own radio buttons: a person clicks the label.
    await page.locator('label', { hasText: 'Punto Unico di Accesso' }).click();
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Continua' }).click()]);
    await settled(page);
    expect(await page.locator('[data-testid="operator"]').textContent()).toContain('Sara Assistente');
    expect(await page.locator('.sigess-org').textContent()).toBe('Punto Unico di Accesso – Orvieto');
    await screenshot(page, 'home-signed-in.png');

    await Promise.all([page.waitForURL(`${base}/`), page.locator('.sigess-signout').click()]);
    expect(await page.locator('.sigess-signin').isVisible()).toBe(true);
    // The login page answered 401 once, on purpose.
    problems.requests = problems.requests.filter((r) => !r.startsWith(`401 ${base}/login`));
    problems.console = problems.console.filter((c) => !c.includes('401'));
    await expectNoProblems(page, problems);
  });
});
