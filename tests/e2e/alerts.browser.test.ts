// SPDX-License-Identifier: AGPL-3.0-or-later
/** Alerts in a real browser (see ./browser.ts): raised, seen on the home page, acknowledged with a note. */
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

describe('alerts in a browser', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('lets a manager re-evaluate the alerts, and a social worker acknowledge one with a note', async () => {
    const { base } = harness;
    const manager = await harness.signedIn('responsabile');
    await Promise.all([
      manager.page.waitForURL(`${base}/alerts`),
      manager.page.locator('#main-menu').getByRole('link', { name: 'Segnalazioni' }).click(),
    ]);
    await Promise.all([manager.page.waitForEvent('load'), manager.page.getByRole('button', { name: 'Ricalcola ora' }).click()]);
    expect(await manager.page.locator('[data-testid="evaluated"]').isVisible()).toBe(true);
    const repeated = manager.page.locator('[data-rule="core.repeated-access"]').first();
    expect(await repeated.textContent()).toMatch(/\d accessi negli ultimi 90 giorni senza una presa in carico\./);
    // Severity in words, not colour alone.
    expect(await repeated.locator('.callout-title').textContent()).toContain('Attenzione');
    await settled(manager.page);
    await screenshot(manager.page, 'alerts-open.png');
    await expectNoProblems(manager.page, manager.problems);

    // The desk that saw the person sees the alert on its home page, and follows it to the person.
    const desk = await harness.signedIn('segretariato');
    const panel = desk.page.locator('[data-testid="alerts-panel"]');
    expect(await panel.isVisible()).toBe(true);
    const link = panel.locator('[data-rule="core.repeated-access"] a').first();
    const person = await link.textContent();
    await settled(desk.page);
    await screenshot(desk.page, 'alerts-home.png');
    await Promise.all([desk.page.waitForURL(/\/people\/[0-9a-f-]{36}$/), link.click()]);
    expect(await desk.page.locator('main h1').textContent()).toContain(person!.trim());
    await expectNoProblems(desk.page, desk.problems);

    // The manager takes note of it: it leaves the open list and shows, with the note, among those acknowledged.
    await manager.page.goto(`${base}/alerts`);
    const first = manager.page.locator('[data-rule="core.repeated-access"]').first();
    const id = await first.getAttribute('data-alert');
    await first.getByLabel('Nota (che cosa è stato fatto)').fill('Fissato un colloquio con la persona');
    await Promise.all([manager.page.waitForEvent('load'), first.getByRole('button', { name: 'Prendi atto' }).click()]);
    expect(await manager.page.locator(`[data-alert="${id}"]`).count()).toBe(0);
    await Promise.all([manager.page.waitForEvent('load'), manager.page.getByRole('link', { name: 'Già viste' }).click()]);
    const acknowledged = manager.page.locator(`[data-alert="${id}"]`);
    expect(await acknowledged.textContent()).toContain('Fissato un colloquio con la persona');
    expect(await acknowledged.textContent()).toContain('Presa visione da responsabile');
    await expectNoProblems(manager.page, manager.problems);
  });
});
