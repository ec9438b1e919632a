// SPDX-License-Identifier: AGPL-3.0-or-later
/** The home page in a real browser (see ./browser.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '@sigess/core/testing';
import { expectedFailure, expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const DOCS_SCREENSHOT = join(REPOSITORY_ROOT, 'docs', 'img', 'home.png');

describe('the home page in a browser', () => {
  let harness: BrowserHarness;
  let base: string;
  const openPage = (locale: string) => harness.openPage(locale);

  beforeAll(async () => {
    harness = await startBrowserHarness({ plugins: ['hello'] });
    base = harness.base;
  });

  afterAll(() => harness?.close());

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
      /\/themes\/base\/css\/theme\.css$/,
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
    expectedFailure(problems, base, 401, '/login');
    await expectNoProblems(page, problems);
  });
});
