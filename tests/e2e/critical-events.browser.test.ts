// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A critical event in a real browser (see ./browser.ts): recorded from a mother's page, it raises an
 * alert on her son's cartella at once (a minor in the household); acknowledged there with a note,
 * the operator is back on the cartella and the alert is gone.
 */
import { apiClient, signIn } from '../../core/src/testing';
import { client, person } from '../../core/test/cartella-helpers';
import { expectedFailure, expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

describe('critical events in a browser', () => {
  let harness: BrowserHarness;
  let mother: string;
  let cartella: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const pua = await apiClient(await signIn(harness.app, 'pua'));
    const assistente = await client(harness.app, 'assistente', 'Comune di Orvieto');
    mother = (await pua.post('/api/v1/people', person('Evento', 'Rosa', 'F', '1987-03-14')).expect(201)).body.id as string;
    const son = (await pua.post('/api/v1/people', person('Evento', 'Pietro', 'M', '2015-11-02')).expect(201)).body.id as string;
    const household = (await pua.post('/api/v1/households', { personId: mother, kind: 'anagrafico', relationCode: 'IS' }).expect(201)).body;
    await pua
      .post(`/api/v1/households/${household.id}/members`, { version: household.version, personId: son, relationCode: 'FG' })
      .expect(201);
    cartella = (await assistente.post('/api/v1/cartelle', { personId: son, area: 'famiglia-minori' }).expect(201)).body.id as string;
  });
  afterAll(() => harness?.close());

  it('records an eviction for a parent, shows the alert on the cartella, and acknowledges it there', async () => {
    const { base } = harness;
    // The demo social worker, acting at the comune (she also works at its PUA).
    const { page, problems } = await harness.signedIn('assistente', 'Comune di Orvieto');

    await page.goto(`${base}/people/${mother}`);
    const section = page.locator('[data-testid="person-critical-events"]');
    expect(await section.textContent()).toContain('Nessun evento critico registrato.');
    await Promise.all([page.waitForURL(`${base}/people/${mother}/critical-events`), section.getByTestId('critical-events-link').click()]);

    // Nothing chosen: the error is beside the field, and nothing is recorded.
    await Promise.all([page.waitForEvent('load'), page.getByTestId('critical-event-save').click()]);
    expect(await page.locator('#error-type').textContent()).toBeTruthy();
    expectedFailure(problems, base, 422, `/people/${mother}/critical-events`);
    await page.getByLabel('Tipo di evento').selectOption('sfratto');
    await page.getByLabel('Nota').fill('Convalida di sfratto notificata');
    await Promise.all([page.waitForURL(/\?saved=1$/), page.getByTestId('critical-event-save').click()]);
    expect(await page.locator('[data-testid="critical-events"]').textContent()).toContain('Sfratto o avviso di sfratto');
    await settled(page);
    await screenshot(page, 'critical-events-recorded.png');

    // No evaluation pressed: the event itself asked for it.
    await page.goto(`${base}/cartelle/${cartella}`);
    const alerts = page.locator('[data-testid="cartella-alerts"]');
    const alert = alerts.locator('[data-rule="core.minors-critical-event"]');
    expect(await alert.textContent()).toMatch(/Evento critico «Sfratto o avviso di sfratto» del .+ in un nucleo con un minore\./);
    expect(await alert.locator('.callout-title').textContent()).toContain('Urgente');
    await settled(page);
    await screenshot(page, 'critical-events-cartella-alert.png');

    await alert.getByLabel('Nota (che cosa è stato fatto)').fill('Colloquio con la madre fissato');
    await Promise.all([page.waitForURL(`${base}/cartelle/${cartella}`), alert.getByRole('button', { name: 'Prendi atto' }).click()]);
    expect(await page.locator('[data-testid="cartella-alerts"]').count()).toBe(0);
    await expectNoProblems(page, problems);
  });
});
