// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The whole journey in a real browser (see ./browser.ts), with three logins: the PUA's operator records a
 * contact and refers it to the comune's social service; the social worker accepts the referral and takes the
 * person in charge from it, writes two diary notes, fills in and finalizes the triage form, drafts and
 * activates a plan, checks eligibility (a failing requirement explained in words) and requests a service
 * that passes; the service manager approves and starts it; the social worker records two deliveries and sees
 * the total; the manager re-evaluates the alerts and takes note of the ISEE about to expire; the cartella is
 * closed with a reason and reopened. The same journey through the API: core/test/journey.test.ts.
 */
import type { Page } from 'playwright-core';
import { computeCodiceFiscale } from '../../core/src/modules/people/identity-codes';
import { client } from '../../core/test/cartella-helpers';
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness, type OpenedPage } from './browser';

const PERSON = { surname: 'Viaggi', name: 'Ornella', sex: 'F', birthDate: '1947-02-14', birthPlaceCode: 'G148' } as const;
const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
const inDays = (n: number): string => ROME.format(new Date(Date.now() + n * 86_400_000));
const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

describe('the journey of a person in a browser', () => {
  let harness: BrowserHarness;
  let base: string;
  let personId: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
    // The person, registered at the desk, resident in the comune, with an ordinary ISEE of 12.300 € expiring in three weeks.
    const pua = await client(harness.app, 'pua');
    personId = (
      await pua
        .post('/api/v1/people', {
          ...PERSON,
          codiceFiscale: computeCodiceFiscale(PERSON),
          residence: { comuneCode: 'G148', street: 'Via della Cava', houseNumber: '8' },
        })
        .expect(201)
    ).body.id as string;
    await pua
      .post(`/api/v1/people/${personId}/isee`, {
        type: 'ordinario',
        value: 12_300,
        protocol: `INPS-ISEE-${inDays(0).slice(0, 4)}-700000456-00`,
        issuedOn: inDays(-1),
        expiresOn: inDays(20),
      })
      .expect(201);
  });
  afterAll(() => harness?.close());

  /** Clicks and waits for the page it leads to. */
  async function go(page: Page, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForEvent('load'), click()]);
  }

  /** The demo social worker, signed in and acting at the comune (she also works at its PUA). */
  const assistente = (): Promise<OpenedPage> => harness.signedIn('assistente', 'Comune di Orvieto');

  /** Picks an option of a form's radio or checkbox group by clicking its label, as an operator does. */
  const pick = (page: Page, field: string, value: string) =>
    page.locator(`[data-field="${field}"] input[value="${value}"] + label`).click();

  it('goes from the front desk to a closed and reopened cartella', async () => {
    // 1. The PUA records the contact and refers her to the comune's social service.
    const desk = await harness.signedIn('pua');
    await desk.page.goto(`${base}/access/new?person=${personId}`);
    await desk.page.locator('#field-interlocutor').selectOption('familiare');
    await desk.page.locator('label[for="need-cura-assistenza"]').click();
    await desk.page.locator('label[for="need-isolamento"]').click();
    await desk.page.locator('#field-notes').fill('La figlia chiede aiuto per la madre, che vive sola.');
    await desk.page.locator('#field-outcome').selectOption('referral');
    await desk.page.locator('#field-referralService').fill('Servizio sociale professionale');
    await desk.page.locator('#field-referralOrganizationId').selectOption({ label: 'Comune di Orvieto' });
    await go(desk.page, () => desk.page.getByRole('button', { name: 'Registra il contatto', exact: true }).click());
    expect(new URL(desk.page.url()).pathname).toMatch(/^\/access\/[0-9a-f-]{36}$/);
    const contactPath = new URL(desk.page.url()).pathname;
    expect(await desk.page.locator('[data-testid="referral-status"]').getAttribute('data-status')).toBe('pending');
    await expectNoProblems(desk.page, desk.problems);

    // 2. The social worker accepts the referral and takes the person in charge from the contact.
    const sw = await assistente();
    const { page } = sw;
    await page.goto(`${base}${contactPath}`);
    await page.locator('#field-note').fill('Colloquio fissato per lunedì');
    await go(page, () => page.getByRole('button', { name: 'Accettato', exact: true }).click());
    expect(await page.locator('[data-testid="referral-status"]').getAttribute('data-status')).toBe('accepted');
    await go(page, () => page.locator('[data-testid="take-in-charge"]').click());
    await page.locator('#field-area').selectOption('anziani');
    await go(page, () => page.getByRole('button', { name: 'Apri la cartella', exact: true }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/cartelle\/[0-9a-f-]{36}$/);
    const cartellaPath = new URL(page.url()).pathname;
    expect(await page.locator('[data-testid="state"]').getAttribute('data-state')).toBe('open');

    // 3. Two diary notes.
    await go(page, () => page.locator('[data-testid="add-note"]').click());
    for (const [type, body] of [
      ['colloquio', 'Primo colloquio con la figlia: la madre non esce più di casa.'],
      ['visita-domiciliare', 'Visita domiciliare: casa in ordine, frigorifero vuoto.'],
    ] as const) {
      await page.locator('#field-type').selectOption(type);
      await page.locator('#field-body').fill(body);
      await go(page, () => page.getByRole('button', { name: 'Aggiungi la nota', exact: true }).click());
      expect(await page.locator('[data-testid="saved"]').isVisible()).toBe(true);
    }
    await page.goto(`${base}${cartellaPath}`);
    expect(await page.locator('[data-testid="recent-notes"] [data-testid="note"]').count()).toBe(2);

    // 4. The triage form, from the cartella's assessments: filled in and finalized.
    await go(page, () => page.locator('[data-testid="new-assessment-link"]').click());
    await page.locator('#field-form').selectOption('core.triage');
    await go(page, () => page.getByRole('button', { name: 'Nuova valutazione' }).click());
    await page.locator('[id="field-answers.source"]').selectOption('familiare');
    await page.locator('[id="field-answers.request"]').fill('Aiuto a casa per la spesa e l’igiene');
    await pick(page, 'needs', 'cura-assistenza');
    await pick(page, 'lives-with', 'solo');
    await pick(page, 'has-carer', 'no');
    for (const [item, points] of Object.entries({ morbidity: 1, feeding: 1, continence: 0, mobility: 1, hygiene: 1, 'mental-state': 0 }))
      await pick(page, item, String(points));
    await page.locator('[id="field-answers.urgency"]').selectOption('ordinaria');
    await go(page, () => page.getByRole('button', { name: 'Salva come definitiva' }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-status="final"]').first().isVisible()).toBe(true);

    // 5. The plan: one goal, drafted and activated; the cartella shows its next review.
    await page.goto(`${base}${cartellaPath}`);
    await go(page, () => page.locator('[data-testid="plan-link"]').click());
    await go(page, () => page.locator('[data-testid="new-plan"]').first().click());
    await page.locator('#field-reviewEvery').fill('1');
    await page.locator('[id="field-goals.0.text"]').fill('Spesa e igiene garantite ogni settimana');
    await go(page, () => page.getByRole('button', { name: 'Salva il progetto', exact: true }).click());
    expect(await page.locator('[data-testid="plan"]').getAttribute('data-state')).toBe('draft');
    await go(page, () => page.getByRole('button', { name: 'Attiva il progetto', exact: true }).click());
    expect(await page.locator('[data-testid="plan"]').getAttribute('data-state')).toBe('active');

    // 6. Eligibility: the comune's grant fails on the ISEE ceiling, said in words; the ambito's home care passes and is requested.
    await page.goto(`${base}${cartellaPath}`);
    await go(page, () => page.locator('[data-testid="request-intervention"]').click());
    await page.locator('#field-service').selectOption('core.A1.04');
    await go(page, () => page.getByRole('button', { name: 'Verifica i requisiti', exact: true }).click());
    expect(await page.locator('[data-testid="eligibility"]').getAttribute('data-outcome')).toBe('fail');
    const ceiling = page.locator('[data-testid="eligibility-results"] [data-rule="core.isee-ceiling"]');
    expect(await ceiling.getAttribute('data-outcome')).toBe('fail');
    expect(plain(await ceiling.textContent())).toMatch(/ISEE ordinario 12\.300 € .* supera la soglia di 10\.000 €/);
    await settled(page);
    await screenshot(page, 'journey-eligibility.png');
    await page.locator('#field-service').selectOption('core.A2.07');
    await go(page, () => page.getByRole('button', { name: 'Verifica i requisiti', exact: true }).click());
    expect(await page.locator('[data-testid="eligibility"]').getAttribute('data-outcome')).toBe('pass');
    await page.locator('#field-quantity').fill('10');
    await page.locator('#field-frequency').selectOption('weekly');
    await go(page, () => page.getByRole('button', { name: 'Invia la richiesta', exact: true }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/interventions\/[0-9a-f-]{36}$/);
    const interventionPath = new URL(page.url()).pathname;
    expect(await page.locator('[data-testid="state"]').getAttribute('data-state')).toBe('requested');

    // 7. The service manager approves it with the act, then starts it.
    const manager = await harness.signedIn('responsabile');
    const mp = manager.page;
    await mp.goto(`${base}${interventionPath}`);
    await mp.locator('[data-move="approve"] summary').click();
    await mp.locator('#field-approve-act').fill('DD 88/2026');
    await go(mp, () => mp.locator('[data-move="approve"]').getByRole('button', { name: 'Approva' }).click());
    expect(await mp.locator('[data-testid="state"]').getAttribute('data-state')).toBe('approved');
    expect(await mp.locator('[data-testid="decision"]').textContent()).toContain('DD 88/2026');
    await mp.locator('[data-move="activate"] summary').click();
    await go(mp, () => mp.locator('[data-move="activate"]').getByRole('button', { name: 'Attiva' }).click());
    expect(await mp.locator('[data-testid="state"]').getAttribute('data-state')).toBe('active');

    // 8. The social worker records two deliveries and sees the total.
    await page.goto(`${base}${interventionPath}`);
    const delivery = page.locator('[data-testid="delivery-form"]');
    for (const quantity of ['4', '6']) {
      await delivery.locator('#field-periodFrom').fill(inDays(0));
      await delivery.locator('#field-periodTo').fill(inDays(0));
      await delivery.locator('#field-quantity').fill(quantity);
      await go(page, () => delivery.getByRole('button', { name: "Registra l'erogazione" }).click());
    }
    expect(await page.locator('[data-testid="deliveries"] tbody tr').count()).toBe(2);
    expect(plain(await page.locator('[data-testid="delivered-total"]').textContent())).toBe('215,00 €');
    await settled(page);
    await screenshot(page, 'journey-intervention.png');

    // 9. The manager re-evaluates the alerts; the ISEE about to expire is there, and she takes note of it.
    await mp.goto(`${base}/alerts`);
    await go(mp, () => mp.getByRole('button', { name: 'Ricalcola ora' }).click());
    const alert = mp.locator('[data-rule="core.isee-expiring"]', { hasText: `${PERSON.surname} ${PERSON.name}` });
    expect(await alert.count()).toBe(1);
    const alertId = await alert.getAttribute('data-alert');
    await settled(mp);
    await screenshot(mp, 'journey-alert.png');
    await alert.getByLabel('Nota (che cosa è stato fatto)').fill('Chiesto alla figlia di presentare la nuova DSU');
    await go(mp, () => alert.getByRole('button', { name: 'Prendi atto' }).click());
    expect(await mp.locator(`[data-alert="${alertId}"]`).count()).toBe(0);
    await go(mp, () => mp.getByRole('link', { name: 'Già viste' }).click());
    expect(await mp.locator(`[data-alert="${alertId}"]`).textContent()).toContain('Chiesto alla figlia di presentare la nuova DSU');
    await expectNoProblems(mp, manager.problems);

    // 10. The cartella on one screen, then closed with a reason and reopened.
    await page.goto(`${base}${cartellaPath}`);
    expect(await page.locator('[data-testid="cartella-interventions"] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid="cartella-interventions"] [data-state="active"]').count()).toBe(1);
    expect(plain(await page.locator('[data-testid="cartella-interventions"] [data-testid="delivered"]').textContent())).toContain(
      '215,00 €',
    );
    expect(await page.locator('[data-testid="cartella-assessments"] [data-status="final"]').count()).toBe(1);
    expect(await page.locator('[data-testid="plan-next-review"]').isVisible()).toBe(true);
    await settled(page);
    await screenshot(page, 'journey-cartella.png');
    await page.locator('[data-testid="transition-close"] summary').click();
    await page.locator('#field-close-reason').selectOption('obiettivi-raggiunti');
    await go(page, () => page.locator('[data-testid="transition-close"]').getByRole('button', { name: 'Chiudi' }).click());
    expect(await page.locator('[data-testid="state"]').getAttribute('data-state')).toBe('closed');
    await page.locator('[data-testid="transition-reopen"] summary').click();
    await page.locator('#field-reopen-note').fill('La figlia segnala un peggioramento');
    await go(page, () => page.locator('[data-testid="transition-reopen"]').getByRole('button', { name: 'Riapri' }).click());
    expect(await page.locator('[data-testid="state"]').getAttribute('data-state')).toBe('open');
    expect(await page.locator('[data-testid="history"]').textContent()).toContain('Obiettivi raggiunti');
    await expectNoProblems(page, sw.problems);
  }, 240_000); // One journey of some forty pages: it takes about 45 s on an idle two-core machine, longer on a busy one.
});
