// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Sharing a cartella in a real browser (see ./browser.ts), on the demo data: the demo social worker shares one
 * of the comune's cartelle with the ASL (summary and notes for partners); the ASL's operator finds it among
 * "Cartelle condivise con noi" and sees only what is shared, under a banner saying by whom, why and until when;
 * the social worker revokes it and the ASL no longer sees it. Screenshots land in tests/.tmp.
 */
import type { Page } from 'playwright-core';
import {
  expectedFailure,
  expectNoProblems,
  screenshot,
  settled,
  startBrowserHarness,
  type BrowserHarness,
  type OpenedPage,
} from './browser';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('sharing a cartella with the ASL in a browser', () => {
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

  const sharedIds = async (page: Page): Promise<string[]> =>
    page.locator('[data-testid="shared-list"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cartella-id') ?? ''));

  it('shares, shows the ASL only what is shared, and revokes', async () => {
    const asl = await harness.signedIn('asl');
    await Promise.all([
      page(asl).waitForURL(`${base}/cartelle/shared`),
      page(asl).locator('#main-menu').getByRole('link', { name: 'Cartelle condivise con noi' }).click(),
    ]);
    // The demo already shares one cartella with the ASL.
    const before = await sharedIds(page(asl));
    expect(before.length).toBeGreaterThanOrEqual(1);

    const sw = await assistente();
    await sw.page.goto(`${base}/cartelle?scope=all&state=open`);
    const ids = await sw.page
      .locator('table tbody th a')
      .evaluateAll((links) => links.map((a) => (a.getAttribute('href') ?? '').split('/').pop() ?? ''));
    const id = ids.find((x) => !before.includes(x))!;
    expect(id).toBeTruthy();
    await sw.page.goto(`${base}/cartelle/${id}`);
    // First the person's consent to sharing with health services, on the cartella's privacy page.
    await Promise.all([sw.page.waitForURL(`${base}/cartelle/${id}/privacy`), sw.page.locator('[data-testid="privacy-link"]').click()]);
    await sw.page.locator('#field-kind').selectOption('consent');
    await sw.page.locator('#field-purpose').selectOption('condivisione-sanitaria');
    await sw.page.locator('#field-documentRef').fill('Prot. 77/2026');
    await submit(sw.page, 'Registra');
    expect(await sw.page.locator('[data-testid="consents-table"]').textContent()).toContain('Condivisione con ASL e servizi sanitari');
    await settled(sw.page);
    await screenshot(sw.page, 'sharing-privacy.png');

    await Promise.all([sw.page.waitForURL(`${base}/cartelle/${id}/shares`), sw.page.locator('[data-testid="shares-link"]').click()]);
    expect(await sw.page.locator('[data-testid="consent-on-record"]').count()).toBe(1);
    await sw.page.locator('#field-granteeCode').selectOption('demo-asl');
    await sw.page.locator('label[for="field-parts-diary"]').click();
    await sw.page.locator('#field-purpose').fill('UVMD per assistenza domiciliare integrata');
    await sw.page.locator('#field-expiresOn').fill(inDays(30));
    await submit(sw.page, 'Condividi');
    expect(await sw.page.locator('[data-testid="saved"]').count()).toBe(1);
    expect(await sw.page.locator('[data-testid="shares-table"] tr[data-status="active"]').textContent()).toContain('ASL Demo');
    await settled(sw.page);
    await screenshot(sw.page, 'sharing-owner.png');

    await page(asl).goto(`${base}/cartelle/shared`);
    expect(await sharedIds(page(asl))).toContain(id);
    await Promise.all([page(asl).waitForURL(`${base}/cartelle/${id}`), page(asl).locator(`tr[data-cartella-id="${id}"] a`).click()]);
    const banner = await page(asl).locator('[data-testid="shared-banner"]').textContent();
    expect(banner).toContain('UVMD per assistenza domiciliare integrata');
    expect(banner).toContain('Comune di Orvieto');
    expect(await page(asl).locator('[data-testid="shared-notes"]').count()).toBe(1);
    // What the share does not open, and what only the owner does, is not there.
    for (const hidden of ['recent-notes', 'team-add', 'shared-assessments', 'shared-plan', 'privacy-summary', 'shares-summary'])
      expect({ hidden, n: await page(asl).locator(`[data-testid="${hidden}"]`).count() }).toEqual({ hidden, n: 0 });
    await settled(page(asl));
    await screenshot(page(asl), 'sharing-asl.png');

    await sw.page.locator('[data-testid="shares-table"] tr[data-status="active"] [data-testid="revoke-share"]').click();
    await sw.page.waitForLoadState('load');
    expect(await sw.page.locator('[data-testid="shares-table"] tr[data-status="revoked"]').count()).toBe(1);

    await page(asl).goto(`${base}/cartelle/shared`);
    expect(await sharedIds(page(asl))).not.toContain(id);
    const gone = await page(asl).goto(`${base}/cartelle/${id}`);
    expect(gone?.status()).toBe(404);
    expectedFailure(asl.problems, base, 404, `/cartelle/${id}`);
    await expectNoProblems(page(asl), asl.problems);
    await expectNoProblems(sw.page, sw.problems);
  });
});

function page(opened: OpenedPage): Page {
  return opened.page;
}
