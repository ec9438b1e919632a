// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Lazio's integrated path in a real browser (see ./browser.ts), on the Roma demo with the regional system's
 * simulator: the PUA of Municipio VII records an access and its scheda PUA (a field error first) and sends the
 * complex case to the back office; the Municipio's social worker takes the person in charge from the back office
 * and schedules a UVMD, which shares the cartella with ASL Roma 2's district; the district's health operator sees
 * only that cartella and writes the health part; the team's SVAMA is scored; the outcome and the PAI are recorded
 * while the regional system is down, and it receives them once when it is back; a service of the Lazio catalogue
 * is requested with its requirements explained. The same path through the API: plugins/lazio/test/*.test.ts.
 */
import type { Page } from 'playwright-core';
import { computeCodiceFiscale } from '../../core/src/modules/people/identity-codes';
import { client } from '../../core/test/cartella-helpers';
import { simulatorsOf } from '../../plugins/lazio/src/integrations';
import { svamaAnswers } from '../../plugins/lazio/test/fixtures';
import { expectNoProblems, expectedFailure, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const PERSON = { surname: 'Celli', name: 'Ida', sex: 'F', birthDate: '1936-09-30', birthPlaceCode: 'H501' } as const;
const SAVE_PERSON = 'Salva';
const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
const inDays = (n: number): string => ROME.format(new Date(Date.now() + n * 86_400_000));
const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ');

describe("a Roma Municipio's integrated socio-health path in a browser", () => {
  let harness: BrowserHarness;
  let personId: string;
  const regional = () => simulatorsOf(harness.app.platform.kernel.plugin('lazio')!)!.regional;

  beforeAll(async () => {
    harness = await startBrowserHarness({ plugins: ['lazio'], pluginSettings: { lazio: { integrations: { simulate: true } } } });
    const pua = await client(harness.app, 'pua.roma');
    personId = (
      await pua
        .post('/api/v1/people', {
          ...PERSON,
          codiceFiscale: computeCodiceFiscale(PERSON),
          residence: { comuneCode: 'H501', street: 'Via Tuscolana', houseNumber: '700' },
        })
        .expect(201)
    ).body.id as string;
  });
  afterAll(() => harness?.close());

  async function go(page: Page, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForEvent('load'), click()]);
  }

  /** Answers one field of a declarative form as an operator does: a box or a level by its label, a list, a text. */
  async function answer(page: Page, id: string, value: unknown): Promise<void> {
    const field = page.locator(`[data-field="${id}"]`);
    if (Array.isArray(value)) {
      for (const v of value) await field.locator(`input[value="${String(v)}"] + label`).click();
    } else if (await field.locator('select').count()) {
      await field.locator('select').selectOption(String(value));
    } else if (await field.locator('input[type="radio"]').count()) {
      await field.locator(`input[value="${String(value)}"] + label`).click();
    } else if (await field.locator('textarea').count()) {
      await field.locator('textarea').fill(String(value));
    } else {
      await field.locator('input').first().fill(String(value));
    }
  }

  it('goes from the PUA to the UVMD with the ASL, the PAI, the regional system and a Lazio service', async () => {
    const base = harness.base;

    // 1. The PUA: the access, then the scheda PUA with its pre-assessment; a complex need goes to the back office.
    const desk = await harness.signedIn('pua.roma');
    const { page } = desk;
    await page.goto(`${base}/access/new?person=${personId}`);
    await page.locator('#field-interlocutor').selectOption('familiare');
    await page.locator('label[for="need-cura-assistenza"]').click();
    await page.locator('#field-outcome').selectOption('orientation');
    await go(page, () => page.getByRole('button', { name: 'Registra il contatto', exact: true }).click());
    const contactPath = new URL(page.url()).pathname;
    expect(contactPath).toMatch(/^\/access\/[0-9a-f-]{36}$/);
    await go(page, () => page.locator('[data-testid="lazio-pua-fill"]').click());
    await page.locator('#field-level').selectOption('comunale');
    await page.locator('#field-requestedBy').selectOption('family');
    await page.locator('label[for="need-home-care"]').click();
    await page.locator('label[for="need-dementia"]').click();
    const answers = {
      health: 'unstable',
      'daily-living': 'dependent',
      mobility: 'with-help',
      cognition: 'severe',
      'support-network': 'partial',
      'housing-income': 'adequate',
    };
    for (const [item, level] of Object.entries(answers)) await page.locator(`label[for="answer-${item}-${level}"]`).click();
    // A complex need answered at the front office, without a reason: refused beside the field.
    await page.locator('#field-outcome').selectOption('orientation');
    await go(page, () => page.getByRole('button', { name: 'Registra la scheda PUA', exact: true }).click());
    expect(await page.locator('#error-outcomeNote').textContent()).toContain('spiega perché non lo invii al back office');
    await page.locator('#field-outcome').selectOption('back-office');
    await go(page, () => page.getByRole('button', { name: 'Registra la scheda PUA', exact: true }).click());
    expect(await page.locator('[data-testid="score"]').textContent()).toContain('8 / 12');
    expect(await page.locator('[data-testid="outcome"]').textContent()).toContain('Invio al back office');
    await screenshot(page, 'lazio-scheda-pua.png');
    // The regional system has the scheda: the contact's page shows its reference.
    await page.goto(`${base}${contactPath}`);
    expect(await page.locator('[data-testid="regional-state"]').textContent()).toMatch(/riferimento SISS-PUA-\d+/);
    expectedFailure(desk.problems, base, 422, `/p/lazio/pua/${contactPath.slice('/access/'.length)}`);
    await expectNoProblems(page, desk.problems);

    // Another resident registered from Roma's anagrafe (its simulator): the form is filled, checked and saved.
    await page.goto(`${base}/people/new`);
    await page.locator('#field-lookup').fill('FRRMRC75S02H501P');
    await page.locator('#field-purpose').fill('Registrazione al PUA');
    await go(page, () => page.locator('[data-testid="registry-lookup-submit"]').click());
    expect(await page.locator('[data-testid="registry-answer"]').textContent()).toContain('Trovato in anagrafe');
    expect(await page.locator('#field-surname').inputValue()).toBe('Ferrari');
    expect(await page.locator('#field-birthDate').inputValue()).toBe('1975-11-02');
    await screenshot(page, 'lazio-registry-lookup.png');
    await go(page, () => page.getByRole('button', { name: SAVE_PERSON, exact: true }).click());
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').textContent()).toContain('Ferrari Marco');
    await expectNoProblems(page, desk.problems);

    // 2. The back office: the Municipio's social worker takes her in charge from the scheda.
    const worker = await harness.signedIn('assistente.roma');
    const wp = worker.page;
    await wp.goto(`${base}/p/lazio/back-office`);
    expect(await wp.locator('[data-testid="back-office"]').textContent()).toContain('Celli Ida');
    await screenshot(wp, 'lazio-back-office.png');
    await go(wp, () => wp.locator('[data-testid="take-in-charge"]').first().click());
    await wp.locator('#field-area').selectOption('anziani');
    await go(wp, () => wp.getByRole('button', { name: 'Apri la cartella', exact: true }).click());
    const cartellaPath = new URL(wp.url()).pathname;
    expect(cartellaPath).toMatch(/^\/cartelle\/[0-9a-f-]{36}$/);

    // 3. The UVMD: members of both sides, SVAMA, the Municipio's own health district proposed; the cartella is shared.
    await go(wp, () => wp.locator('[data-testid="uvmd-new"]').click());
    expect(await wp.locator('#field-healthDistrictCode').inputValue()).toBe('asl-roma-2-distretto-07');
    await wp.locator('#field-formId').selectOption('lazio.svama');
    await wp.locator('#field-place').fill('Sede del Municipio VII, via Tuscolana');
    await wp.locator('#member-0-name').fill('Marta Assistente');
    await wp.locator('#member-1-name').fill('Dott. Paolo Medici');
    await wp.locator('#field-legalBasis').selectOption('care');
    await go(wp, () => wp.getByRole('button', { name: 'Programma la seduta e condividi la cartella', exact: true }).click());
    expect(await wp.locator('[data-testid="saved"]').textContent()).toContain('condivisa con il distretto sanitario');
    expect(await wp.locator('[data-testid="share"]').getAttribute('data-status')).toBe('active');
    const sessionPath = new URL(wp.url()).pathname;
    await expectNoProblems(wp, worker.problems);

    // 4. The ASL: the district's health operator sees only this cartella, and writes the health part.
    const asl = await harness.signedIn('asl.roma');
    const ap = asl.page;
    await ap.goto(`${base}/cartelle/shared`);
    expect(await ap.locator(`a[href="${cartellaPath}"]`).count()).toBeGreaterThan(0);
    await ap.goto(`${base}/p/lazio/uvmd`);
    await go(ap, () => ap.locator(`a[href="${sessionPath}"]`).click());
    expect(await ap.locator('[data-testid="outcome-form"]').count()).toBe(0);
    await ap.locator('#field-diagnoses').fill('Demenza di grado moderato; ipertensione arteriosa');
    await ap.locator('#field-stability').selectOption('stable');
    await ap.locator('label[for="nursing-medication"]').click();
    await go(ap, () => ap.getByRole('button', { name: 'Registra la parte sanitaria', exact: true }).click());
    expect(await ap.locator('[data-testid="health"]').textContent()).toContain('Demenza di grado moderato');
    await screenshot(ap, 'lazio-uvmd-asl.png');
    await expectNoProblems(ap, asl.problems);

    // 5. SVAMA, filled in session from the UVMD's page: the server scores it and names the profile.
    await wp.goto(`${base}${sessionPath}`);
    await go(wp, () => wp.locator('[data-testid="assess"]').click());
    for (const [id, value] of Object.entries(svamaAnswers())) await answer(wp, id, value);
    await go(wp, () => wp.getByRole('button', { name: 'Salva come definitiva' }).click());
    expect(new URL(wp.url()).pathname).toMatch(/^\/assessments\/[0-9a-f-]{36}$/);
    const scored = plain(await wp.locator('main').textContent());
    expect(scored).toContain('Errori allo SPMSQ 5 / 10 — Confuso/a');
    expect(scored).toContain('Profilo di autonomia Confuso/a, deambula assistito/a');
    await screenshot(wp, 'lazio-svama.png');

    // 6. The outcome and the PAI, while the regional system is down: it waits in the outbox, then arrives once.
    await regional().outage('unavailable');
    await wp.goto(`${base}${sessionPath}`);
    await wp.locator('#field-outcome').selectOption('pai');
    await go(wp, () => wp.getByRole('button', { name: 'Registra l’esito', exact: true }).click());
    expect(await wp.locator('#error-objectives').textContent()).toContain('Necessario per il PAI');
    await wp.locator('#field-outcome').selectOption('pai');
    await wp.locator('#field-setting').selectOption('home');
    await wp.locator('#field-objectives').fill('Permanenza a domicilio in sicurezza; sollievo alla famiglia');
    await wp.locator('#field-services').fill('SAISA 6 ore settimanali; ADI infermieristica');
    await wp.locator('#field-caseManager').fill('Marta Assistente');
    await wp.locator('#field-reviewOn').fill(inDays(90));
    await go(wp, () => wp.getByRole('button', { name: 'Registra l’esito', exact: true }).click());
    expect(await wp.locator('[data-outcome="pai"]').isVisible()).toBe(true);
    expect(await wp.locator('[data-testid="regional-state"]').textContent()).toContain('In invio');
    await regional().outage('none');
    await harness.app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      await tx.execute(`update core.outbox_message set next_attempt_at = now() where status = 'pending'`);
      await tx.execute(`set role ${harness.app.platform.config.appRole}`);
    });
    await harness.app.platform.jobs.run('core.outbox.deliver');
    await wp.reload();
    expect(await wp.locator('[data-testid="regional-state"]').textContent()).toMatch(/riferimento SISS-UVMD-\d+/);
    expect(regional().recorded.filter((m) => m.type === 'uvmd-outcome')).toHaveLength(1);
    await settled(wp);
    await screenshot(wp, 'lazio-uvmd-outcome.png');

    // 7. A service of the Lazio catalogue: the assegno di cura's requirements explained, SAISA requested.
    await wp.goto(`${base}${cartellaPath}`);
    await go(wp, () => wp.locator('[data-testid="request-intervention"]').click());
    await wp.locator('#field-service').selectOption('lazio.assegno-cura-gravissima');
    await go(wp, () => wp.getByRole('button', { name: 'Verifica i requisiti', exact: true }).click());
    const gravissima = wp.locator('[data-testid="eligibility-results"] [data-rule="lazio.disabilita-gravissima"]');
    expect(await gravissima.getAttribute('data-outcome')).not.toBe('pass');
    expect(plain(await gravissima.textContent())).toMatch(/gravissima/i);
    await screenshot(wp, 'lazio-eligibility.png');
    await wp.locator('#field-service').selectOption('lazio.roma-saisa');
    await go(wp, () => wp.getByRole('button', { name: 'Verifica i requisiti', exact: true }).click());
    expect(await wp.locator('[data-testid="eligibility"]').getAttribute('data-outcome')).toBe('pass');
    await wp.locator('#field-quantity').fill('6');
    await wp.locator('#field-frequency').selectOption('weekly');
    await go(wp, () => wp.getByRole('button', { name: 'Invia la richiesta', exact: true }).click());
    expect(new URL(wp.url()).pathname).toMatch(/^\/interventions\/[0-9a-f-]{36}$/);
    expect(await wp.locator('[data-testid="state"]').getAttribute('data-state')).toBe('requested');
    expectedFailure(worker.problems, base, 422, `${sessionPath}/outcome`);
    await expectNoProblems(wp, worker.problems);
  });
});
