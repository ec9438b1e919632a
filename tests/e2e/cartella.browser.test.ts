// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The front desk and the cartella in a real browser (see ./browser.ts), on the demo data: the PUA's
 * operator reads the desk's register and answers a referral; the demo social worker, acting at the comune,
 * opens a cartella from "Le mie cartelle", reads it on one screen, writes a team-only note and suspends it.
 * Screenshots land in tests/.tmp.
 */
import type { Page } from 'playwright-core';
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness, type OpenedPage } from './browser';

describe('the access register and the cartella in a browser', () => {
  let harness: BrowserHarness;
  let base: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
  });

  afterAll(() => harness?.close());

  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  /** The demo social worker, signed in and acting at the comune (she also works at its PUA). */
  const assistente = (): Promise<OpenedPage> => harness.signedIn('assistente', 'Comune di Orvieto');

  it("shows the PUA's register: today's contacts, referrals awaiting an answer, people who keep coming", async () => {
    const { page, problems } = await harness.signedIn('pua');
    await Promise.all([
      page.waitForURL(`${base}/access`),
      page.locator('#main-menu').getByRole('link', { name: 'Registro dei contatti' }).click(),
    ]);
    await settled(page);
    await screenshot(page, 'access-register.png');
    expect(await page.locator('[data-testid="point"]').textContent()).toBe('Punto Unico di Accesso – Orvieto');
    expect(await page.locator('[data-testid="today"] tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('[data-testid="today"]').textContent()).toContain('anonimo');
    const referrals = page.locator('[data-testid="open-referrals"] li');
    const pending = await referrals.count();
    expect(pending).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-testid="repeat-visitors"] tbody tr').count()).toBeGreaterThanOrEqual(1);

    await referrals.first().getByRole('button', { name: 'Accettato', exact: true }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[data-testid="open-referrals"] li').count()).toBe(pending - 1);

    // An anonymous visitor, referred to a service.
    await Promise.all([page.waitForURL(`${base}/access/new`), page.locator('[data-testid="new-contact"]').click()]);
    await page.locator('#field-anonymousDescription').fill('Ragazzo sui vent’anni, accompagnato da un amico');
    await page.locator('label[for="need-lavoro"]').click();
    await page.locator('label[for="need-abitativo"]').click();
    await page.locator('#field-outcome').selectOption('referral');
    await page.locator('#field-referralService').fill('Centro per l’impiego');
    await settled(page);
    await screenshot(page, 'access-new.png');
    await submit(page, 'Registra il contatto');
    expect(new URL(page.url()).pathname).toMatch(/^\/access\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-testid="referral-status"]').getAttribute('data-status')).toBe('pending');
    await settled(page);
    await screenshot(page, 'access-contact.png');
    await expectNoProblems(page, problems);
  });

  it('shows a cartella on one screen, takes a team-only note and a suspension', async () => {
    const { page, problems } = await assistente();
    await Promise.all([
      page.waitForURL(`${base}/cartelle`),
      page.locator('#main-menu').getByRole('link', { name: 'Le mie cartelle' }).click(),
    ]);
    await settled(page);
    await screenshot(page, 'cartelle.png');
    const rows = page.locator('[data-testid="cartelle"] tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);

    await Promise.all([
      page.waitForURL(/\/cartelle\/[0-9a-f-]{36}$/),
      rows.filter({ hasText: 'Anziani' }).first().locator('a').first().click(),
    ]);
    await settled(page);
    await screenshot(page, 'cartella.png');
    expect(await page.locator('main h1').textContent()).toMatch(/^Cartella \d{4}\/\d{4}$/);
    expect(await page.locator('[data-testid="state"]').textContent()).toBe('Aperta');
    expect(await page.locator('[data-testid="household"] li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="recent-notes"] [data-testid="note"]').count()).toBe(5);
    expect(await page.locator('[data-testid="team"]').textContent()).toContain('Edoardo Educatore');

    await Promise.all([page.waitForURL(/\/diary#new-note$/), page.locator('[data-testid="add-note"]').click()]);
    await page.locator('#field-type').selectOption('colloquio');
    await page.locator('#field-confidentiality').selectOption('team');
    await page.locator('#field-body').fill('Colloquio con la figlia: concordato il piano per le prossime settimane.');
    await submit(page, 'Aggiungi la nota');
    expect(await page.locator('[data-testid="saved"]').isVisible()).toBe(true);
    await settled(page);
    await screenshot(page, 'cartella-diary.png');

    await page.getByRole('link', { name: 'Torna alla cartella' }).click();
    await page.waitForLoadState('load');
    await page.locator('[data-testid="transition-suspend"] summary').click();
    await page.locator('#field-suspend-reason').selectOption('ricovero');
    await page.locator('#field-suspend-note').fill('Ricovero programmato');
    await page.locator('[data-testid="transition-suspend"]').getByRole('button', { name: 'Sospendi' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('[data-testid="state"]').textContent()).toBe('Sospesa');
    expect(await page.locator('[data-testid="history"]').textContent()).toContain('Ricovero ospedaliero o in struttura');
    await expectNoProblems(page, problems);
  });
});
