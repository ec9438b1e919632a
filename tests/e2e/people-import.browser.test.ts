// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Importing people, in a real browser (see ./browser.ts): an access-point operator downloads nothing but
 * uploads a spreadsheet export through the form (the browser builds the multipart body, its CSRF token
 * first), reviews the rows, registers a possible duplicate anyway, and confirms; the people are then found.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeCodiceFiscale } from '../../core/src/modules/people/identity-codes';
import { expectNoProblems, screenshot, settled, SCREENSHOTS, startBrowserHarness, type BrowserHarness } from './browser';

describe('importing people in a browser', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
  });
  afterAll(() => harness?.close());

  it('uploads a file, shows the check, takes a decision and registers the rows', async () => {
    const { base } = harness;
    const { page, problems } = await harness.signedIn('pua');

    await page.goto(`${base}/people`);
    await Promise.all([page.waitForURL(`${base}/people/import`), page.getByTestId('import-link').click()]);
    await settled(page);
    await screenshot(page, 'import-upload.png');

    const cf = computeCodiceFiscale({ surname: 'Caricati', name: 'Elena', sex: 'F', birthDate: '1977-08-19', birthPlaceCode: 'G148' });
    const file = join(SCREENSHOTS, 'import-anagrafe.csv');
    writeFileSync(
      file,
      `\uFEFFcodice_fiscale;cognome;nome;data_nascita;comune_nascita;tipo_identita\r\n` +
        `${cf};Caricati;Elena;19/08/1977;G148;\r\n` +
        `;Caricati;Elena;19/08/1977;;unknown\r\n` +
        `;Caricati;;31/02/1977;;unknown\r\n`,
    );
    await page.locator('#field-file').setInputFiles(file);
    await Promise.all([
      page.waitForURL(/\/people\/import\/[0-9a-f-]{36}$/),
      page.getByRole('button', { name: 'Carica e controlla' }).click(),
    ]);
    await settled(page);
    await screenshot(page, 'import-review.png');
    expect(await page.locator('tr[data-row="2"]').getAttribute('data-status')).toBe('ready');
    expect(await page.locator('tr[data-row="3"]').getAttribute('data-status')).toBe('review');
    expect(await page.locator('tr[data-row="4"] [data-testid="row-errors"] li').allTextContents()).toEqual([
      'nome: Campo obbligatorio.',
      'data_nascita: Data non valida: usa il formato AAAA-MM-GG.',
    ]);

    // Bootstrap Italia draws the radio under its label: the operator clicks the label.
    await page.locator('label[for="create-3"]').click();
    await Promise.all([page.waitForURL(/\?committed=1$/), page.getByRole('button', { name: /^Conferma/ }).click()]);
    await settled(page);
    await screenshot(page, 'import-committed.png');
    expect(await page.getByTestId('committed').textContent()).toContain('Persone registrate: 2');

    await page.goto(`${base}/people?q=caricati`);
    expect(await page.getByTestId('result-count').textContent()).toContain('2 persone');
    await expectNoProblems(page, problems);
  });
});
