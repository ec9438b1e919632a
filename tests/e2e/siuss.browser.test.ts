// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * SIUSS's operator pages in a real browser (see ./browser.ts), on the demo comune of Orvieto with the WaaS
 * e-service on and a simulated PDND authority: the social worker opens SIUSS from the menu, has the records built
 * now, follows the incomplete figure to the record left incomplete by the demo, reads what it lacks in words with
 * a link to fix each thing, and sees a published record's flusso; the service manager exports the period's file
 * for INPS through the form (a field error first) and downloads it; the system administrator finds the comune's
 * e-service address and a simulated voucher, which reads the flussi as INPS would; the esiti INPS returns are
 * loaded from a file (a wrong file first), and the rejected record is published again. The same through the API:
 * plugins/siuss/test/*.test.ts.
 */
import type { Page } from 'playwright-core';
import { expectNoProblems, expectedFailure, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
/** The month (YYYY-MM) some days ago, on Italy's calendar. */
const monthOf = (daysAgo: number): string => ROME.format(new Date(Date.now() - daysAgo * 86_400_000)).slice(0, 7);
const plain = (text: string | null): string =>
  (text ?? '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The demo's decisions go back at most 105 days (core/src/modules/interventions/demo.ts) and the SINBA cartella
 * was opened within that: from four months back to this month holds every demo record, whatever today is.
 */
const FROM = monthOf(130);
const TO = monthOf(0);
const STATUSES = ['Incompleti', 'Pronti', 'Inviati', 'Accettati', 'Scartati', 'Ritirati'];

/** The monitoring table as figures, by organization and flow then by status label: what an operator reads. */
async function figures(page: Page): Promise<Record<string, Record<string, number>>> {
  const table = page.locator('[data-testid="siuss-counts"]');
  const headers = (await table.locator('thead th').allInnerTexts()).map(plain);
  expect(headers).toEqual(['Ente', 'Flusso', ...STATUSES]);
  const out: Record<string, Record<string, number>> = {};
  for (const row of await table.locator('tbody tr').all()) {
    const cells = (await row.locator('th, td').allInnerTexts()).map(plain);
    out[`${cells[0]} ${cells[1]}`] = Object.fromEntries(STATUSES.map((s, i) => [s, Number(cells[i + 2])]));
  }
  return out;
}

/** The figure of one status in one flow's row, as a link. */
const figure = (page: Page, flow: string, status: string) =>
  page
    .locator('[data-testid="siuss-counts"] tbody tr', { hasText: flow })
    .locator('td')
    .nth(1 + STATUSES.indexOf(status))
    .getByRole('link');

/**
 * What an automated accessibility check would flag first on these pages: form controls without a label, tables
 * without column headers, and raw translation keys (`siuss:…`, `core:…`) left in the text.
 */
const A11Y = `(() => {
  const problems = [];
  for (const el of document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))
    if (!el.labels || !el.labels.length) problems.push('unlabelled ' + el.tagName + '#' + el.id);
  for (const table of document.querySelectorAll('main table'))
    if (!table.querySelector('thead th')) problems.push('table without headers: ' + (table.dataset.testid || ''));
  const raw = document.body.innerText.match(/\\b(siuss|core):[a-zA-Z.]+/g);
  if (raw) problems.push('raw keys: ' + raw.join(', '));
  return problems;
})()`;
const expectAccessible = async (page: Page): Promise<void> => expect(await page.evaluate<string[]>(A11Y)).toEqual([]);

describe("SIUSS's operator pages in a browser", () => {
  let harness: BrowserHarness;
  let base: string;

  beforeAll(async () => {
    harness = await startBrowserHarness({
      plugins: ['siuss'],
      pluginSettings: { siuss: { waas: { enabled: true, pdnd: { mode: 'simulated' } } } },
    });
    base = harness.base;
  });
  afterAll(() => harness?.close());

  async function go(page: Page, click: () => Promise<void>): Promise<void> {
    await Promise.all([page.waitForEvent('load'), click()]);
  }

  /** Chooses the period on the monitoring page, as the operator does. */
  async function showPeriod(page: Page): Promise<void> {
    await page.locator('#from').fill(FROM);
    await page.locator('#to').fill(TO);
    await go(page, () => page.getByRole('button', { name: 'Mostra', exact: true }).click());
    expect(new URL(page.url()).search).toBe(`?from=${FROM}&to=${TO}`);
  }

  it('goes from the monitoring to the record to fix, the file for INPS, the e-service and the esiti', async () => {
    // 1. The social worker of the comune opens SIUSS from the menu. The records are built every quarter of an hour
    //    (no scheduler runs here): none yet, and "Aggiorna ora" builds them at once.
    const worker = await harness.signedIn('assistente', 'Comune di Orvieto');
    const { page } = worker;
    await go(page, () => page.locator('#main-menu').getByRole('link', { name: 'SIUSS', exact: true }).click());
    expect(new URL(page.url()).pathname).toBe('/p/siuss/monitoring');
    expect(plain(await page.locator('h1').textContent())).toBe('Flussi SIUSS verso INPS');
    await showPeriod(page);
    expect(await page.locator('[data-testid="siuss-counts"]').count()).toBe(0);
    expect(plain(await page.locator('main').textContent())).toContain('Nessun record nel periodo.');
    // A social worker sees the figures, not the esiti upload (the service manager's).
    expect(await page.locator('[data-testid="siuss-esiti"]').count()).toBe(0);
    await go(page, () => page.getByRole('button', { name: 'Aggiorna ora i record' }).click());
    expect(plain(await page.locator('[role="status"]').textContent())).toBe('Record aggiornati: 5 modificati.');
    // The refresh keeps the period the operator was looking at.
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({ from: FROM, to: TO });
    expect(await figures(page)).toEqual({
      'Comune di Orvieto PS/PSA/SINA': { Incompleti: 1, Pronti: 3, Inviati: 0, Accettati: 0, Scartati: 0, Ritirati: 0 },
      'Comune di Orvieto SINBA': { Incompleti: 0, Pronti: 1, Inviati: 0, Accettati: 0, Scartati: 0, Ritirati: 0 },
    });
    await expectAccessible(page);
    await settled(page);
    await screenshot(page, 'siuss-monitoring.png');

    // 2. The incomplete figure opens its list: the A1.04 income support of the closed poverta cartella.
    await go(page, () => figure(page, 'PS/PSA/SINA', 'Incompleti').click());
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      from: FROM,
      to: TO,
      kind: 'PS_PSA_SINA',
      status: 'incomplete',
    });
    const listed = page.locator('[data-testid="siuss-records"] tbody tr');
    expect(await listed.count()).toBe(1);
    const cells = (await listed.locator('td').allInnerTexts()).map(plain);
    expect(cells[0]).toBe('Adeyemi Tunde');
    expect(cells[2]).toBe('A1.04 Contributi economici a integrazione del reddito familiare');
    expect(cells.slice(4)).toEqual(['Incompleti', '2']);
    await expectAccessible(page);
    await settled(page);
    await screenshot(page, 'siuss-list-incomplete.png');

    // 3. Its page says what it lacks, thing by thing, in words, each with where to fix it: the person's data.
    await go(page, () => listed.getByRole('link', { name: 'Adeyemi Tunde' }).click());
    const recordPath = new URL(page.url()).pathname;
    expect(recordPath).toMatch(/^\/p\/siuss\/records\/[0-9a-f-]{36}$/);
    expect(plain(await page.locator('h1').textContent())).toBe('Record PS/PSA/SINA');
    expect(plain(await page.locator('[data-testid="siuss-record-status"]').textContent())).toMatch(/^Incompleti – Manca qualcosa/);
    const issues = page.locator('[data-testid="siuss-issues"] li');
    const missing = {
      CodiceFiscale: 'Manca il codice fiscale della persona',
      Indirizzo: 'Manca la residenza della persona (almeno un indirizzo)',
    };
    expect(await issues.evaluateAll((items) => items.map((li) => li.getAttribute('data-field')))).toEqual(Object.keys(missing));
    const fixes: string[] = [];
    for (const [field, words] of Object.entries(missing)) {
      const issue = issues.and(page.locator(`[data-field="${field}"]`));
      // The words come first, INPS's field name aside; the link says, to a screen reader too, what it fixes.
      const said = `${words} – Correggi`;
      expect(plain(await issue.textContent()).slice(0, said.length)).toBe(said);
      expect(plain(await issue.locator('code').textContent())).toBe(field);
      const fix = issue.getByRole('link', { name: `Correggi (${words})`, exact: true });
      fixes.push((await fix.getAttribute('href'))!);
    }
    // Both are the person's to fix: her form.
    expect(fixes[0]).toMatch(/^\/people\/[0-9a-f-]{36}\/edit$/);
    expect(fixes[1]).toBe(fixes[0]);
    expect(await page.locator('[data-testid="siuss-flussi"]').count()).toBe(0);
    expect(plain(await page.locator('main').textContent())).toContain('Nessun flusso pubblicato.');
    // Only a service manager republishes, and only what INPS rejected.
    expect(await page.getByRole('button', { name: 'Ripubblica a INPS' }).count()).toBe(0);
    await expectAccessible(page);
    await settled(page);
    await screenshot(page, 'siuss-record-incomplete.png');

    // The link leads to the person's form, where the social worker can set them.
    const [fixed] = await Promise.all([
      page.waitForResponse(`${base}${fixes[0]}`),
      go(page, () => issues.first().getByRole('link').click()),
    ]);
    expect(fixed.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe(fixes[0]);
    expect(plain(await page.locator('h1').textContent())).toBe('Modifica: Adeyemi Tunde');
    expect(await page.locator('#field-codiceFiscale').count()).toBe(1);
    await page.goBack();
    expect(new URL(page.url()).pathname).toBe(recordPath);

    // 4. Publication (the scheduler's, every five minutes) sends the complete records as flussi for INPS to take.
    await harness.app.platform.jobs.run('siuss.publish');
    await page.goto(`${base}/p/siuss/monitoring?from=${FROM}&to=${TO}`);
    expect(await figures(page)).toEqual({
      'Comune di Orvieto PS/PSA/SINA': { Incompleti: 1, Pronti: 0, Inviati: 3, Accettati: 0, Scartati: 0, Ritirati: 0 },
      'Comune di Orvieto SINBA': { Incompleti: 0, Pronti: 0, Inviati: 1, Accettati: 0, Scartati: 0, Ritirati: 0 },
    });
    await go(page, () => figure(page, 'PS/PSA/SINA', 'Inviati').click());
    const sent = page.locator('[data-testid="siuss-records"] tbody tr');
    expect((await sent.locator('td:first-child').allInnerTexts()).map(plain).sort()).toEqual([
      'Alaoui Nadia',
      'Bouzid Rachid',
      'Brunelli Maria',
    ]);
    await go(page, () => sent.getByRole('link', { name: 'Brunelli Maria' }).click());
    expect(plain(await page.locator('[data-testid="siuss-record-status"]').textContent())).toMatch(/^Inviati – Pubblicato a INPS/);
    expect(plain(await page.locator('main').textContent())).toContain('Il record è completo.');
    const flussi = page.locator('[data-testid="siuss-flussi"] tbody tr');
    expect(await flussi.count()).toBe(1);
    const [idFlusso, operation, , esito] = (await flussi.locator('td').allInnerTexts()).map(plain);
    expect(idFlusso).toMatch(/^G148\.PS\.\d{8}\.\d{7}$/);
    expect([operation, esito]).toEqual(['I', '–']);
    await expectAccessible(page);
    await settled(page);
    await screenshot(page, 'siuss-record-sent.png');
    await expectNoProblems(page, worker.problems);

    // 5. The ambito's service manager exports Orvieto's file for INPS from Esportazioni: she picks the comune among
    //    the ambito's, and leaves a month out first.
    const manager = await harness.signedIn('responsabile');
    const mp = manager.page;
    await go(mp, () => mp.locator('#main-menu').getByRole('link', { name: 'Esportazioni' }).click());
    await go(mp, () => mp.locator('[data-flow="siuss.ps"] [data-testid="start-link"]').click());
    expect(plain(await mp.locator('h1').textContent())).toBe('Esportazione: SIUSS – PS/PSA/SINA (file per INPS)');
    const enti = (await mp.locator('#field-ente option').allInnerTexts()).map(plain).filter(Boolean);
    expect(enti).toContain('Comune di Orvieto (G148)');
    expect(enti.length).toBeGreaterThan(1);
    await mp.locator('#field-ente').selectOption({ label: 'Comune di Orvieto (G148)' });
    await mp.locator('#field-to').fill(TO);
    await go(mp, () => mp.locator('[data-testid="start"]').click());
    expect(plain(await mp.locator('#error-from').textContent())).toBe('Campo obbligatorio.');
    expect(await mp.locator('#field-from').getAttribute('aria-invalid')).toBe('true');
    expect(await mp.locator('#field-to').inputValue()).toBe(TO);
    expect(await mp.locator('#error-to').count()).toBe(0);
    await settled(mp);
    await screenshot(mp, 'siuss-export-error.png');
    expectedFailure(manager.problems, base, 422, '/exports');
    await mp.locator('#field-from').fill(FROM);
    await go(mp, () => mp.locator('[data-testid="start"]').click());
    expect(new URL(mp.url()).pathname).toBe('/exports');
    expect(await mp.locator('[data-testid="started"]').isVisible()).toBe(true);
    // The page follows the run by itself, and shows the file when it is written.
    const run = mp.locator('[data-testid="runs"] tbody tr').first();
    await run.locator('[data-testid="download"]').waitFor({ timeout: 20_000 });
    expect(await run.getAttribute('data-state')).toBe('done');
    expect(plain(await run.locator('[data-testid="state"]').textContent())).toBe('Completata');
    // The three complete records; the incomplete one waits.
    expect(plain(await run.locator('[data-progress-text]').textContent())).toBe('3 di 3');
    expect(await run.locator('[role="progressbar"]').getAttribute('aria-valuenow')).toBe('100');
    const download = run.locator('[data-testid="download"]');
    expect(plain(await download.textContent())).toBe(`SIUSS-PS-G148-${FROM}-${TO}.xml`);
    await settled(mp);
    await screenshot(mp, 'siuss-export-done.png');
    const file = await mp.request.get(`${base}${await download.getAttribute('href')}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/xml; charset=utf-8');
    const xml = await file.text();
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<Flusso xmlns="http:\/\/inps\.it\/Casellario">/);
    expect(xml).toContain(`<IdentificazioneFlusso Nome="G148.PS.${FROM}.${TO}">`);
    expect(xml.match(/<Beneficiario /g)).toHaveLength(3);
    expect(xml).toContain('Cognome="Brunelli"');
    expect(xml).not.toContain('Adeyemi');
    expect(xml.trimEnd()).toMatch(/<\/Flusso>$/);
    await expectNoProblems(mp, manager.problems);

    // 6. The system administrator: the comune's e-service address, and a simulated voucher as INPS's to try it.
    const admin = await harness.signedIn('admin');
    const ap = admin.page;
    await go(ap, () => ap.locator('#main-menu').getByRole('link', { name: 'E-service WaaS' }).click());
    expect(new URL(ap.url()).pathname).toBe('/p/siuss/admin/waas');
    expect(plain(await ap.locator('[data-testid="waas-state"]').textContent())).toContain('L’e-service è attivo');
    const orvieto = (
      await ap.locator('[data-testid="waas-entes"] tbody tr', { hasText: 'Comune di Orvieto' }).locator('th, td').allInnerTexts()
    ).map(plain);
    expect(orvieto).toEqual(['G148', 'Comune di Orvieto', '/p/siuss/waas/G148/v1']);
    expect(plain(await ap.locator('[data-testid="waas-simulated"]').textContent())).toContain('Autorità PDND SIMULATA');
    await ap.locator('#field-ente').selectOption('G148');
    await go(ap, () => ap.getByRole('button', { name: 'Ottieni un voucher' }).click());
    expect(plain(await ap.locator('[data-testid="waas-voucher"] p').first().textContent())).toMatch(
      /^Voucher emesso per il client inps-simulated, valido fino a /,
    );
    // One command a line, as they are pasted into a terminal.
    const commands = (await ap.locator('#waas-commands').innerText()).trim().split('\n');
    expect(commands.map((c) => c.split(' ')[0])).toEqual(['export', 'export', 'curl', 'curl', 'curl']);
    expect(commands[2]).toContain('"$SIGESS/p/siuss/waas/G148/v1/status"');
    const voucher = /^export VOUCHER='([^']+)'$/.exec(commands[1]!)![1]!;
    await expectAccessible(ap);
    await settled(ap);
    await screenshot(ap, 'siuss-waas.png');
    await expectNoProblems(ap, admin.problems);
    // The voucher opens the e-service as INPS: the comune's four flussi, the complete records.
    const bearer = { Authorization: `Bearer ${voucher}` };
    expect((await ap.request.get(`${base}/p/siuss/waas/G148/v1/status`, { headers: bearer })).status()).toBe(200);
    const taken = await ap.request.get(`${base}/p/siuss/waas/G148/v1/flussi?since=0&limit=10`, { headers: bearer });
    expect(taken.status()).toBe(200);
    const published = ((await taken.json()) as { elenco_flussi: { id_flusso: string; tipo: string; ts_flusso: string; flusso: string }[] })
      .elenco_flussi;
    expect(published.map((f) => f.tipo).sort()).toEqual(['PS_PSA_SINA', 'PS_PSA_SINA', 'PS_PSA_SINA', 'SINBA']);
    const flussoOf = (surname: string) =>
      published.find((f) => Buffer.from(f.flusso, 'base64').toString('utf8').includes(`Cognome="${surname}"`))!;
    expect(flussoOf('Brunelli').id_flusso).toBe(idFlusso);

    // 7. INPS's esiti, loaded from a file by the service manager: a file that is not JSON is refused beside the field.
    await mp.goto(`${base}/p/siuss/monitoring?from=${FROM}&to=${TO}`);
    await mp
      .locator('#field-file')
      .setInputFiles({ name: 'esiti.json', mimeType: 'application/json', buffer: Buffer.from('esiti di INPS') });
    await go(mp, () => mp.getByRole('button', { name: 'Carica', exact: true }).click());
    expect(plain(await mp.locator('#error-file').textContent())).toBe('Il file non è JSON valido');
    expect(await mp.locator('#field-file').getAttribute('aria-invalid')).toBe('true');
    expect(plain(await mp.locator('[data-testid="error-summary"]').textContent())).toContain('Il file non è JSON valido');
    // The figures shown again are the period's the manager was looking at.
    expect(await mp.locator('#from').inputValue()).toBe(FROM);
    await settled(mp);
    await screenshot(mp, 'siuss-esiti-error.png');
    expectedFailure(manager.problems, base, 422, `/p/siuss/esiti?from=${FROM}&to=${TO}`);
    const esitoOf = (surname: string, codice: string, extra: object) => {
      const f = flussoOf(surname);
      return {
        id_flusso: f.id_flusso,
        tipo: f.tipo,
        ts_flusso: f.ts_flusso,
        ts_acquisizione: new Date().toISOString(),
        codice_esito: codice,
        ...extra,
      };
    };
    const esiti = {
      elenco_esiti: [
        esitoOf('Brunelli', 'OK', { id_acquisizione_siuss: 'SIUSS-2026-000123' }),
        esitoOf('Alaoui', 'RICHIESTA_INVALIDA', { descrizione_esito: 'Servizio INPS momentaneamente non disponibile' }),
      ],
    };
    await mp
      .locator('#field-file')
      .setInputFiles({ name: 'esiti.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(esiti)) });
    await go(mp, () => mp.getByRole('button', { name: 'Carica', exact: true }).click());
    expect(plain(await mp.locator('[role="status"]').textContent())).toBe('Esiti registrati: 2; per flussi sconosciuti: 0.');
    await showPeriod(mp);
    expect((await figures(mp))['Comune di Orvieto PS/PSA/SINA']).toEqual({
      Incompleti: 1,
      Pronti: 0,
      Inviati: 1,
      Accettati: 1,
      Scartati: 1,
      Ritirati: 0,
    });
    await expectAccessible(mp);
    await settled(mp);
    await screenshot(mp, 'siuss-monitoring-esiti.png');

    // 8. The rejected record shows INPS's reason; the cause was INPS's own, so the manager publishes it again.
    await go(mp, () => figure(mp, 'PS/PSA/SINA', 'Scartati').click());
    const rejected = mp.locator('[data-testid="siuss-records"] tbody tr');
    expect(plain(await rejected.textContent())).toContain('Servizio INPS momentaneamente non disponibile');
    await go(mp, () => rejected.getByRole('link', { name: 'Alaoui Nadia' }).click());
    const status = mp.locator('[data-testid="siuss-record-status"]');
    expect(plain(await status.locator('[role="alert"]').textContent())).toBe(
      'Motivo dello scarto: Servizio INPS momentaneamente non disponibile',
    );
    expect((await mp.locator('[data-testid="siuss-flussi"] tbody td').allInnerTexts()).map(plain)).toContain(
      'RICHIESTA_INVALIDA – Servizio INPS momentaneamente non disponibile',
    );
    await expectAccessible(mp);
    await settled(mp);
    await screenshot(mp, 'siuss-record-rejected.png');
    await go(mp, () => mp.getByRole('button', { name: 'Ripubblica a INPS' }).click());
    expect(plain(await mp.locator('[role="status"]').textContent())).toBe('Il record sarà ripubblicato a INPS.');
    expect(plain(await status.textContent())).toMatch(/^Pronti – Completo e valido/);
    expect(await mp.getByRole('button', { name: 'Ripubblica a INPS' }).count()).toBe(0);
    await expectNoProblems(mp, manager.problems);
  }, 120_000); // About 30 s, the platform's start included.
});
