// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The shared registry, clicked through in a real browser (see ./browser.ts)
 * by the operators who use it: an access-point operator searches, registers
 * people (and is warned of a likely duplicate), builds a household and loses
 * an edit race; the ambito's service manager merges the duplicate; the
 * region's administrator undoes the merge; the privacy officer finds every
 * step in the audit log, whose chain `sigess audit verify` then checks.
 *
 * The steps run in order and build on each other, like one working day.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPOSITORY_ROOT } from '@sigess/core/testing';
import { computeCodiceFiscale } from '../../core/src/modules/people/identity-codes';
import {
  expectedFailure,
  expectNoProblems,
  screenshot,
  settled,
  startBrowserHarness,
  type BrowserHarness,
  type OpenedPage,
} from './browser';

/** Two people the demo data does not hold: a woman born in Orvieto, and her husband. */
const WOMAN = { surname: 'Zanardelli', name: 'Ottorina', sex: 'F', birthDate: '1948-04-12', place: 'G148' } as const;
const HUSBAND = { surname: 'Bernardini', name: 'Luigi', sex: 'M', birthDate: '1945-11-30', place: 'G148' } as const;
const cf = (p: typeof WOMAN | typeof HUSBAND): string =>
  computeCodiceFiscale({ surname: p.surname, name: p.name, sex: p.sex, birthDate: p.birthDate, birthPlaceCode: p.place });

describe('the registry in a browser, from search to audit', () => {
  let harness: BrowserHarness;
  let base: string;
  /** The woman's page, registered with her codice fiscale; her provisional duplicate's; the husband's. */
  const ids = { woman: '', duplicate: '', husband: '' };

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
  });

  afterAll(() => harness?.close());

  const signedIn = (username: string): Promise<OpenedPage> => harness.signedIn(username);

  /** Submits a form by its button and waits for the page that answers. */
  async function submit(page: Page, button: string): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: button, exact: true }).click()]);
  }

  function personId(page: Page): string {
    const match = /\/people\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname);
    if (!match) throw new Error(`not a person page: ${page.url()}`);
    return match[1]!;
  }

  it('lets an access-point operator search the registry and register a person by codice fiscale', async () => {
    const { page, problems } = await signedIn('pua');
    await Promise.all([page.waitForURL(`${base}/people`), page.locator('#main-menu').getByRole('link', { name: 'Persone' }).click()]);

    // A demo family name, accents and case aside.
    await page.locator('#field-q').fill('rossi');
    await submit(page, 'Cerca');
    expect(await page.locator('[data-testid="result-count"]').textContent()).toMatch(/^\d+ person[ae] trovat[ae]$/);
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.locator('#field-q').fill(cf(WOMAN));
    await submit(page, 'Cerca');
    expect(await page.getByText('Nessuna persona corrisponde alla ricerca.').isVisible()).toBe(true);

    await Promise.all([page.waitForURL(`${base}/people/new`), page.getByRole('link', { name: 'Registra una persona' }).click()]);
    await page.locator('#field-codiceFiscale').fill(cf(WOMAN).toLowerCase());
    await page.locator('#field-surname').fill(WOMAN.surname);
    await page.locator('#field-name').fill(WOMAN.name);
    // Sex, birth date and place are left for the codice fiscale to fill in.
    await submit(page, 'Salva');
    ids.woman = personId(page);
    await settled(page);
    await screenshot(page, 'registry-person.png');
    expect(await page.locator('main h1').textContent()).toContain('Zanardelli Ottorina');
    expect(await page.locator('[data-testid="cf"]').textContent()).toBe(cf(WOMAN));
    expect(await page.locator('main').textContent()).toContain('12 apr 1948');
    await expectNoProblems(page, problems);
  });

  it('warns of a likely duplicate before saving, and saves once the operator confirms', async () => {
    const { page, problems } = await signedIn('pua');
    await page.goto(`${base}/people/new`);
    await page.locator('#field-identityKind').selectOption('unknown');
    await page.locator('#field-surname').fill(WOMAN.surname);
    await page.locator('#field-name').fill(WOMAN.name);
    await page.locator('#field-birthDate').fill(WOMAN.birthDate);
    await submit(page, 'Salva');
    const warning = page.locator('[data-testid="duplicates"]');
    expect(await warning.isVisible()).toBe(true);
    expect(await warning.locator('[data-testid="candidates"]').textContent()).toContain('stesso nome e data di nascita');
    expect(await warning.getByRole('link', { name: 'Zanardelli Ottorina' }).getAttribute('href')).toBe(`/people/${ids.woman}`);
    // What the operator typed is still there.
    expect(await page.locator('#field-surname').inputValue()).toBe(WOMAN.surname);
    await settled(page);
    await screenshot(page, 'registry-duplicate-warning.png');

    await page.getByText('Ho controllato: è una persona diversa, registrala comunque').click();
    await submit(page, 'Salva');
    ids.duplicate = personId(page);
    expect(ids.duplicate).not.toBe(ids.woman);
    expect(await page.locator('[data-testid="provisional"]').isVisible()).toBe(true);
    expectedFailure(problems, base, 409, '/people');
    await expectNoProblems(page, problems);
  });

  it('builds a household: opens it from a person, finds the other member and adds him', async () => {
    const { page, problems } = await signedIn('pua');
    await page.goto(`${base}/people/new`);
    await page.locator('#field-codiceFiscale').fill(cf(HUSBAND));
    await page.locator('#field-surname').fill(HUSBAND.surname);
    await page.locator('#field-name').fill(HUSBAND.name);
    await submit(page, 'Salva');
    ids.husband = personId(page);

    await page.goto(`${base}/people/${ids.woman}`);
    await page.getByText('Apri un nucleo familiare').click();
    await page.locator('#field-label').fill('Famiglia Bernardini');
    await page.locator('#field-validFrom').fill('1970-06-20');
    await submit(page, 'Apri il nucleo');
    expect(new URL(page.url()).pathname).toMatch(/^\/households\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-testid="members"]').textContent()).toContain('Zanardelli Ottorina');

    await page.locator('#field-q').fill('bernardini luigi');
    await Promise.all([page.waitForEvent('load'), page.locator('#field-q').press('Enter')]);
    const candidate = page.locator('[data-testid="candidate-member"]', { hasText: 'Bernardini Luigi' });
    await candidate.locator('select[name="relationCode"]').selectOption('CG');
    await candidate.locator('input[name="validFrom"]').fill('1970-06-20');
    await Promise.all([page.waitForEvent('load'), candidate.getByRole('button').click()]);
    const members = page.locator('[data-testid="members"]');
    expect(await members.textContent()).toContain('Bernardini Luigi');
    expect(await members.locator('tr', { hasText: 'Bernardini Luigi' }).textContent()).toContain('Coniuge');
    // As of a date before the marriage, the household has nobody.
    await page.locator('#field-asOf').fill('1969-01-01');
    await Promise.all([page.waitForEvent('load'), page.locator('#field-asOf').press('Enter')]);
    expect(await page.locator('[data-testid="members"]').count()).toBe(0);
    await settled(page);
    await screenshot(page, 'registry-household.png');

    await page.goto(`${base}/people/${ids.husband}`);
    expect(await page.locator('main').textContent()).toContain('Famiglia Bernardini');
    await expectNoProblems(page, problems);
  });

  it('stops an edit that another operator overtook, shows what changed, and keeps the saved data', async () => {
    const { page: first, problems } = await signedIn('pua');
    const second = await first.context().newPage();
    for (const tab of [first, second]) await tab.goto(`${base}/people/${ids.woman}/edit`);

    await first.locator('#field-legalStatusNotes').fill('Amministratore di sostegno: figlia');
    await submit(first, 'Salva');
    expect(await first.getByText('Modifiche salvate.').isVisible()).toBe(true);

    await second.locator('#field-legalStatusNotes').fill('Nessuna misura di protezione');
    await submit(second, 'Salva');
    const conflict = second.locator('[data-testid="conflict"]');
    expect(await conflict.isVisible()).toBe(true);
    const row = conflict.locator('tbody tr');
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Amministratore di sostegno: figlia');
    expect(await row.textContent()).toContain('Nessuna misura di protezione');
    // The operator's own text stays in the form, to copy or save again on purpose.
    expect(await second.locator('#field-legalStatusNotes').inputValue()).toBe('Nessuna misura di protezione');
    await settled(second);
    await screenshot(second, 'registry-edit-conflict.png');

    await second.goto(`${base}/people/${ids.woman}`);
    expect(await second.locator('main').textContent()).toContain('Amministratore di sostegno: figlia');
    expectedFailure(problems, base, 409, `/people/${ids.woman}`);
    await expectNoProblems(first, problems);
  });

  it("lets the ambito's service manager merge the duplicate from the review queue", async () => {
    const { page, problems } = await signedIn('responsabile');
    await Promise.all([
      page.waitForURL(`${base}/people/duplicates`),
      page.locator('#main-menu').getByRole('link', { name: 'Possibili duplicati' }).click(),
    ]);
    const pair = page.locator('[data-testid="pair"]', { hasText: 'Zanardelli Ottorina' });
    expect(await pair.count()).toBe(1);
    await Promise.all([page.waitForURL(/\/people\/merge\?/), pair.getByRole('link', { name: 'Confronta' }).click()]);
    await settled(page);
    await screenshot(page, 'registry-merge-compare.png');
    // Keep the record with the codice fiscale, whichever column it is in.
    const codes = await page.locator('main tr', { hasText: 'Codice fiscale' }).locator('td').allTextContents();
    await submit(page, codes[0]!.includes(cf(WOMAN)) ? 'Tieni la prima e unisci la seconda' : 'Tieni la seconda e unisci la prima');
    expect(personId(page)).toBe(ids.woman);
    expect(await page.getByText('Unione completata: questa è la scheda che resta.').isVisible()).toBe(true);

    await page.goto(`${base}/people/${ids.duplicate}`);
    expect(await page.getByText("Questa scheda è stata unita a un'altra persona.").isVisible()).toBe(true);
    await page.goto(`${base}/people/duplicates`);
    expect(await page.locator('[data-testid="pair"]', { hasText: 'Zanardelli Ottorina' }).count()).toBe(0);
    await expectNoProblems(page, problems);
  });

  it("lets the region's system administrator undo the merge", async () => {
    // The merge belongs to the ambito that made it: the comune's administrator does not see it, the region's does.
    const { page, problems } = await signedIn('admin');
    await Promise.all([
      page.waitForURL(`${base}/people/merges`),
      page.locator('#main-menu').getByRole('link', { name: 'Unioni di persone' }).click(),
    ]);
    const merge = page.locator('[data-testid="merge"]', { hasText: 'Zanardelli Ottorina' });
    expect(await merge.count()).toBe(1);
    await submit(page, "Annulla l'unione");
    expect(await page.locator('[data-testid="merge"]', { hasText: 'Zanardelli Ottorina' }).textContent()).toMatch(/Annullata il/);
    await settled(page);
    await screenshot(page, 'registry-merge-undone.png');

    await expectNoProblems(page, problems);

    // The access point finds the provisional record on its own again.
    const desk = await signedIn('pua');
    expect((await desk.page.goto(`${base}/people/${ids.duplicate}`))?.status()).toBe(200);
    expect(await desk.page.getByText("Questa scheda è stata unita a un'altra persona.").count()).toBe(0);
    expect(await desk.page.locator('[data-testid="provisional"]').isVisible()).toBe(true);
    await expectNoProblems(desk.page, desk.problems);
  });

  it('shows the privacy officer every step in the audit log, with an intact chain', async () => {
    const { page, problems } = await signedIn('privacy');
    await Promise.all([
      page.waitForURL(`${base}/audit`),
      page.locator('#main-menu').getByRole('link', { name: 'Registro accessi' }).click(),
    ]);

    // Everything that happened to the woman's record, by whom.
    await page.locator('#field-person').fill(cf(WOMAN).toLowerCase());
    await submit(page, 'Cerca');
    const actions = async (): Promise<string[]> =>
      page.locator('[data-action]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action') ?? ''));
    expect(await actions()).toEqual(
      expect.arrayContaining(['person.create', 'person.read', 'person.update', 'person.merge', 'person.merge-undo']),
    );
    const table = (await page.locator('main table').textContent()) ?? '';
    for (const who of ['pua', 'responsabile', 'admin', 'Responsabile del servizio', `Zanardelli Ottorina ${cf(WOMAN)}`]) {
      expect(table).toContain(who);
    }
    await settled(page);
    await screenshot(page, 'registry-audit.png');

    await page.locator('#field-person').fill('');
    await page.locator('#field-operator').fill('pua');
    await submit(page, 'Cerca');
    expect(await actions()).toEqual(expect.arrayContaining(['person.search', 'household.create', 'household.update']));

    await page.goto(`${base}/audit/verify`);
    expect(await page.locator('[data-testid="audit-intact"]').isVisible()).toBe(true);
    await expectNoProblems(page, problems);
  });

  it('passes `sigess audit verify` from the command line', async () => {
    // The command opens its own connection: free the application's (the embedded database serves one).
    await harness.app.platform.orm.close(true);
    const cli = spawnSync(process.execPath, [join(REPOSITORY_ROOT, 'core', 'bin', 'sigess.js'), 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: harness.app.platform.db.url, SIGESS_CONFIG: '', LOG_LEVEL: 'warn', SIGESS_PLUGINS: '' },
      encoding: 'utf8',
    });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/^audit log intact: \d+ entries verified\n$/);
  });
});
