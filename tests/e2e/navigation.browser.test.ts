// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The main menu in a real browser (see ./browser.ts), for the operator with the longest one: the service manager,
 * with the plugins the shipped configuration turns on. At every common desktop width (from Bootstrap Italia's lg,
 * where the menu is laid out in the header) the page never scrolls sideways and every item of the menu is shown
 * within the window, the last one ("Esportazioni") too.
 */
import type { Page } from 'playwright-core';
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

interface Layout {
  readonly innerWidth: number;
  readonly scrollWidth: number;
  readonly burger: boolean;
  /** Each menu item's label and its box in the window. */
  readonly items: readonly { label: string; left: number; right: number; visible: boolean }[];
}

const LAYOUT = `(() => {
  const burger = document.querySelector('.custom-navbar-toggler');
  return {
    innerWidth: window.innerWidth,
    scrollWidth: document.documentElement.scrollWidth,
    burger: !!burger && getComputedStyle(burger).display !== 'none',
    items: [...document.querySelectorAll('#main-menu .navbar-nav > li')].map((li) => {
      const box = li.getBoundingClientRect();
      const style = getComputedStyle(li);
      return {
        label: li.textContent.trim(),
        left: box.left,
        right: box.right,
        visible: box.width > 0 && box.height > 0 && style.visibility !== 'hidden',
      };
    }),
  };
})()`;

describe('the main menu at desktop widths', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness({
      plugins: ['lazio', 'siuss'],
      pluginSettings: { lazio: { integrations: { simulate: true } }, siuss: { waas: { enabled: true, pdnd: { mode: 'simulated' } } } },
    });
  });
  afterAll(() => harness?.close());

  async function layoutAt(page: Page, width: number): Promise<Layout> {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${harness.base}/`);
    await settled(page);
    return page.evaluate<Layout>(LAYOUT);
  }

  it.each([1024, 1280, 1440])('fits the service manager’s menu in a %i px window, every item within reach', async (width) => {
    const { page, problems } = await harness.signedIn('responsabile');
    const layout = await layoutAt(page, width);
    // The longest menu: everything a service manager may open, Esportazioni among the last.
    const labels = layout.items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['Home', 'SIUSS', 'Esportazioni']));
    expect(labels.length).toBeGreaterThanOrEqual(8);
    await screenshot(page, `navigation-${width}.png`);
    // The page never scrolls sideways.
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);

    // Laid out in the header, not behind the burger: every item shown, the last one's right edge within the window.
    expect(layout.burger).toBe(false);
    expect(layout.items.filter((i) => !i.visible)).toEqual([]);
    for (const item of layout.items) {
      expect(item.left).toBeGreaterThanOrEqual(0);
      expect(item.right).toBeLessThanOrEqual(layout.innerWidth);
    }
    // And the last item takes the operator where it says: nothing covers it.
    const last = page.locator('#main-menu .navbar-nav > li').last().getByRole('link');
    const href = await last.getAttribute('href');
    await Promise.all([page.waitForEvent('load'), last.click()]);
    expect(new URL(page.url()).pathname).toBe(href);
    await expectNoProblems(page, problems);
  });
});
