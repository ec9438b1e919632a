// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The person form's place picker in a real browser (see ./browser.ts): an access-point operator types
 * the beginning of a comune's name, picks it from the list with the keyboard, and the record keeps its
 * cadastral code while every page shows the name.
 */
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness, type OpenedPage } from './browser';

describe('the place picker in a browser', () => {
  let harness: BrowserHarness;
  let base: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
  });

  afterAll(() => harness?.close());

  const signedIn = (username: string): Promise<OpenedPage> => harness.signedIn(username);

  it('offers the places matching what is typed, as an accessible list, and keeps the chosen one', async () => {
    const { page, problems, assets } = await signedIn('pua');
    await page.goto(`${base}/people/new`);
    await settled(page);
    await page.locator('#field-identityKind').selectOption('unknown');
    await page.locator('#field-surname').fill('Scelti');
    await page.locator('#field-name').fill('Ugo');
    await page.locator('#field-birthDate').fill('1964-04-04');

    // The script has turned the plain input into a combobox, under the same id, name and label.
    const birthPlace = page.getByRole('combobox', { name: 'Luogo di nascita' });
    await birthPlace.waitFor();
    expect(await birthPlace.getAttribute('id')).toBe('field-birthPlaceCode');
    expect(await birthPlace.getAttribute('name')).toBe('birthPlaceCode');
    expect(await birthPlace.getAttribute('aria-describedby')).toContain('hint-birthPlaceCode');

    await birthPlace.pressSequentially('Orvi', { delay: 40 });
    const listbox = page.locator('#field-birthPlaceCode__listbox');
    const orvieto = listbox.getByRole('option', { name: /^Orvieto \(TR\)/ });
    await orvieto.waitFor();
    expect(await birthPlace.getAttribute('aria-expanded')).toBe('true');
    expect(await birthPlace.getAttribute('aria-controls')).toBe('field-birthPlaceCode__listbox');
    expect(await listbox.getAttribute('role')).toBe('listbox');
    const options = (await listbox.getByRole('option').allTextContents()).map((o) => o.trim());
    expect(options).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Orvieto \(TR\)\s+G148$/), expect.stringMatching(/^Orvinio \(RI\)/)]),
    );
    await screenshot(page, 'place-picker-open.png');

    // Keyboard only: down to the option, Enter to choose it.
    const index = options.findIndex((o) => o.startsWith('Orvieto'));
    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    expect(await page.locator('[role="option"][aria-selected="true"]').textContent()).toMatch(/^Orvieto \(TR\)/);
    await page.keyboard.press('Enter');
    await expect(birthPlace.inputValue()).resolves.toBe('Orvieto (TR)');
    expect(await page.locator('input[name="placeChoice[birthPlaceCode]"]').inputValue()).toBe('G148');

    // The residence takes comuni only.
    const residence = page.getByRole('combobox', { name: 'Comune' }).first();
    await residence.pressSequentially('Allero', { delay: 40 });
    await page
      .locator('#field-residence\\.comuneCode__listbox')
      .getByRole('option', { name: /^Allerona \(TR\)/ })
      .click();
    expect(await page.locator('input[name="placeChoice[residence]"]').inputValue()).toBe('A207');

    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Salva', exact: true }).click()]);
    expect(new URL(page.url()).pathname).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(await page.locator('[data-testid="birth-place"]').textContent()).toBe('Orvieto (TR)');
    expect(await page.locator('[data-testid="residence-comune"]').textContent()).toBe('Allerona (TR)');

    // Everything came from this server: the script, the library it loads, the places.
    for (const wanted of [/\/core\/js\/place-picker\.js$/, /\/plugins\/vendor\/accessible-autocomplete\.js$/]) {
      expect([...assets.entries()]).toContainEqual([expect.stringMatching(wanted), 200]);
    }
    await expectNoProblems(page, problems);
  });
});
