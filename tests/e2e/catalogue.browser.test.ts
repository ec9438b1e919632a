// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The catalogue and the eligibility check in a real browser (see ./browser.ts): an access-point
 * operator filters the catalogue, opens a service, then goes from a person's record to the check of a
 * service and reads each requirement's answer. Screenshots land in tests/.tmp.
 */
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

describe('the catalogue and the eligibility check in a browser', () => {
  let harness: BrowserHarness;
  let base: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
  });
  afterAll(() => harness?.close());

  it('filters the catalogue and shows a service with its offer and requirements', async () => {
    const { page, problems } = await harness.signedIn('pua');
    await page.goto(`${base}/catalogue`);
    await page.locator('#field-macroArea').selectOption('interventi-servizi');
    await page.locator('label[for="field-offered"]').click();
    await Promise.all([page.waitForURL(/\/catalogue\?/), page.getByRole('button', { name: 'Filtra' }).click()]);
    expect(await page.locator('tr[data-code]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual([
      'core.A2.02',
      'core.A2.07',
    ]);
    await settled(page);
    await screenshot(page, 'catalogue.png');
    await Promise.all([
      page.waitForURL(`${base}/catalogue/core.A2.07`),
      page.getByRole('link', { name: 'Assistenza domiciliare socio-assistenziale' }).click(),
    ]);
    expect(await page.locator('[data-testid="requirements"] li').count()).toBe(3);
    await settled(page);
    await screenshot(page, 'catalogue-entry.png');
    await expectNoProblems(page, problems);
  });

  it('checks a person from their record: pass, fail and unknown, each with an icon and words', async () => {
    // An older person of the comune's desks living outside the ambito, with no ISEE on record.
    const [person] = await harness.app.platform.orm.em.fork().transactional(async (em) => {
      await em.execute('reset role');
      return em.execute<{ id: string }[]>(
        `select p.id::text as id from core.person p join core.organization o on o.id = p.owner_org_id
         where o.code in ('demo-pua', 'demo-segretariato') and p.birth_date < current_date - interval '70 years'
           and p.residence->>'comuneCode' not in ('G148', 'A207', 'C289')
           and not exists (select from core.isee i where i.person_id = p.id)
           and not exists (select from core.household_member m join core.isee i on i.household_id = m.household_id where m.person_id = p.id)
         order by p.id limit 1`,
      );
    });
    expect(person).toBeDefined();
    const { page, problems } = await harness.signedIn('pua');
    await page.goto(`${base}/people/${person!.id}`);
    await Promise.all([page.waitForURL(/\/requirements$/), page.locator('[data-testid="requirements-link"]').click()]);
    await Promise.all([page.waitForURL(/\/eligibility$/), page.getByRole('link', { name: 'Verifica requisiti' }).click()]);
    await page.locator('#field-service').selectOption('core.A2.07');
    await Promise.all([page.waitForURL(/service=core.A2.07/), page.getByRole('button', { name: 'Verifica', exact: true }).click()]);
    const results = page.locator('[data-testid="results"] > li');
    expect(await results.evaluateAll((items) => items.map((li) => li.getAttribute('data-outcome')))).toEqual(['pass', 'fail', 'unknown']);
    expect(await page.locator('[data-testid="verdict"]').textContent()).toContain('Requisiti non soddisfatti');
    expect(await results.nth(1).textContent()).toContain('fuori dal territorio di Ambito territoriale sociale Demo');
    await settled(page);
    await screenshot(page, 'eligibility.png');
    await expectNoProblems(page, problems);
  });
});
