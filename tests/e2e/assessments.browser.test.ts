// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Assessments in a real browser (see ./browser.ts): an educator fills in the social assessment, conditional
 * questions appear as she answers and the Barthel index adds up as she scores; then the comparison over time
 * and the print view, which leaves the site's header, menu and footer off the paper.
 */
import type { Page } from 'playwright-core';
import { formToken, signIn } from '@sigess/core/testing';
import { computeCodiceFiscale } from '../../core/src/modules/people/identity-codes';
import { expectedFailure, expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const PERSON = { surname: 'Ferretti', name: 'Adelina', sex: 'F', birthDate: '1938-09-21', birthPlaceCode: 'G148' } as const;

/** The Barthel items and the option (by points) chosen for each: 85, moderate dependence. */
const BARTHEL: Record<string, number> = {
  'adl-feeding': 10,
  'adl-bathing': 0,
  'adl-grooming': 5,
  'adl-dressing': 10,
  'adl-bowels': 10,
  'adl-bladder': 10,
  'adl-toilet': 10,
  'adl-transfers': 15,
  'adl-mobility': 15,
  'adl-stairs': 0,
};

describe('assessments in a browser', () => {
  let harness: BrowserHarness;
  let base: string;
  let personId: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
    // The person, registered at the PUA; an assessment of last year to compare with, made through the API.
    const pua = await signIn(harness.app, 'pua');
    const token = await formToken(pua, '/account');
    const api = (path: string, body: object) => pua.post(path).set('X-CSRF-Token', token).set('Accept', 'application/json').send(body);
    personId = (await api('/api/v1/people', { ...PERSON, codiceFiscale: computeCodiceFiscale(PERSON) }).expect(201)).body.id;
    const educator = await signIn(harness.app, 'educatore');
    const educatorToken = await formToken(educator, '/account');
    await educator
      .post(`/api/v1/people/${personId}/assessments`)
      .set('X-CSRF-Token', educatorToken)
      .set('Accept', 'application/json')
      .send({
        formId: 'core.social-assessment',
        status: 'final',
        assessedOn: '2025-10-02',
        answers: {
          'chronic-illness': 'no',
          'family-network': 'adeguata',
          'social-network': 'insufficiente',
          'income-sources': ['pensione'],
          'housing-type': 'appartamento',
          'housing-tenure': 'proprieta',
          summary: 'Autonoma, vive con il marito.',
          ...Object.fromEntries(
            Object.keys(BARTHEL).map((id) => [
              id,
              id === 'adl-bathing' || id === 'adl-grooming' ? '5' : id.match(/transfers|mobility/) ? '15' : '10',
            ]),
          ),
        },
      })
      .expect(201);
  });

  afterAll(() => harness?.close());

  /** Picks an option of a radio or checkbox group by clicking its label, as an operator does. */
  const pick = (page: Page, field: string, value: string) =>
    page.locator(`[data-field="${field}"] input[value="${value}"] + label`).click();

  it('fills in the social assessment: conditional questions, the live Barthel index, errors, final', async () => {
    const { page, problems } = await harness.signedIn('educatore');
    await page.goto(`${base}/people/${personId}`);
    await Promise.all([page.waitForURL(`${base}/people/${personId}/assessments`), page.getByTestId('assessments-link').click()]);
    await page.locator('#field-form').selectOption('core.social-assessment');
    await Promise.all([
      page.waitForURL(/\/assessments\/new\?form=core\.social-assessment$/),
      page.getByRole('button', { name: 'Nuova valutazione' }).click(),
    ]);
    await settled(page);

    // Conditions apply as she answers: the illness notes appear with "yes", the housing details go with "homeless".
    const notes = page.locator('[data-field="illness-notes"]');
    expect(await notes.isVisible()).toBe(false);
    await pick(page, 'chronic-illness', 'yes');
    expect(await notes.isVisible()).toBe(true);
    await page.locator('[id="field-answers.illness-notes"]').fill('Ipertensione, artrosi alle ginocchia');
    await page.locator('[id="field-answers.housing-type"]').selectOption('senza-dimora');
    expect(await page.locator('[data-field="housing-tenure"]').isVisible()).toBe(false);
    await page.locator('[id="field-answers.housing-type"]').selectOption('appartamento');
    expect(await page.locator('[data-field="housing-tenure"]').isVisible()).toBe(true);
    // Described in words only where the script does not run.
    expect(await page.locator('.sigess-only-if').first().isVisible()).toBe(false);

    // The index adds up as she scores; the band once every item is scored.
    const total = page.locator('[data-total="adl"]');
    for (const [id, points] of Object.entries(BARTHEL).slice(0, 5)) await pick(page, id, String(points));
    expect(await total.textContent()).toContain('35 / 100');
    expect(await total.textContent()).toContain('5 di 10 voci compilate');
    for (const [id, points] of Object.entries(BARTHEL).slice(5)) await pick(page, id, String(points));
    expect((await total.textContent())!.replace(/\s+/g, ' ')).toContain('85 / 100 — Dipendenza moderata');

    await pick(page, 'income-sources', 'pensione');
    await pick(page, 'income-sources', 'invalidita');
    await page.locator('[id="field-answers.isee"]').fill('9800,50');
    await page.locator('[id="field-answers.housing-tenure"]').selectOption('affitto');
    await pick(page, 'housing-problems', 'barriere');
    // Final without the networks and the summary: the server says what is missing, beside each field.
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Salva come definitiva' }).click()]);
    expect(await page.getByTestId('error-summary').isVisible()).toBe(true);
    expect(await page.locator('[id="error-answers.family-network"]').textContent()).toBe('Campo obbligatorio.');
    expect(await notes.isVisible()).toBe(true);
    await settled(page);
    await screenshot(page, 'assessment-form-errors.png');
    expectedFailure(problems, base, 422, `/people/${personId}/assessments`);

    await page.locator('[id="field-answers.family-network"]').selectOption('insufficiente');
    await page.locator('[id="field-answers.social-network"]').selectOption('assente');
    await page.locator('[id="field-answers.summary"]').fill('Vive sola al terzo piano senza ascensore; la figlia passa la sera.');
    await page.locator('[data-field="adl-feeding"]').scrollIntoViewIfNeeded();
    await settled(page);
    await screenshot(page, 'assessment-form.png');
    await Promise.all([
      page.waitForURL(/\/assessments\/[0-9a-f-]{36}\?saved=1$/),
      page.getByRole('button', { name: 'Salva come definitiva' }).click(),
    ]);
    await settled(page);
    expect(await page.locator('[data-score="adl"]').textContent()).toContain('Dipendenza moderata');
    expect(await page.locator('[data-answer="isee"]').textContent()).toBe('9800,5');
    await screenshot(page, 'assessment-show.png');
    await expectNoProblems(page, problems);
  });

  it('compares the two assessments side by side, changes marked', async () => {
    const { page, problems } = await harness.signedIn('educatore');
    await page.goto(`${base}/people/${personId}/assessments`);
    await settled(page);
    expect(await page.locator('[data-testid="assessments"] tbody tr').count()).toBe(2);
    await screenshot(page, 'assessment-list.png');
    await Promise.all([page.waitForURL(/\/compare\?form=core\.social-assessment$/), page.getByTestId('compare-link').click()]);
    await settled(page);
    const heads = await page.locator('[data-testid="compare"] thead th[data-column]').allTextContents();
    expect(heads.map((h) => h.trim())).toEqual([
      '2 ott 2025',
      new Intl.DateTimeFormat('it-IT', { dateStyle: 'medium' }).format(new Date()),
    ]);
    expect(await page.locator('[data-testid="compare"] td[data-changed]').count()).toBeGreaterThan(3);
    await screenshot(page, 'assessment-compare.png');
    await expectNoProblems(page, problems);
  });

  it('prints an assessment without the header, the menu and the footer', async () => {
    const { page, problems } = await harness.signedIn('educatore');
    await page.goto(`${base}/people/${personId}/assessments`);
    await Promise.all([
      page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/),
      page.locator('[data-testid="assessments"] tbody tr a').first().click(),
    ]);
    await Promise.all([page.waitForURL(/\?print=1$/), page.getByRole('link', { name: 'Versione stampabile' }).click()]);
    await settled(page);
    expect(await page.getByRole('button', { name: 'Stampa' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.it-header-wrapper').isVisible()).toBe(false);
    expect(await page.locator('footer').first().isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Stampa' }).isVisible()).toBe(false);
    expect(await page.locator('.sigess-print h1').isVisible()).toBe(true);
    await screenshot(page, 'assessment-print.png');
    await expectNoProblems(page, problems);
  });
});
