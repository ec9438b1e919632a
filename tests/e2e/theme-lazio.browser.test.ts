// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The Lazio theme in a real browser (see ./browser.ts), worn by one organization only: its Bootstrap
 * Italia compiled in the region's blue replaces the stock one, the logo sits in the header, the
 * region's words are used, and every text keeps an accessible contrast.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT } from '@sigess/core/testing';
import { expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const DOCS_SCREENSHOT = join(REPOSITORY_ROOT, 'docs', 'img', 'theme-lazio.png');

/**
 * WCAG 2 contrast of every visible text in the page against the background it sits on (the first opaque
 * background colour up its ancestors), as axe's color-contrast rule computes it: 4.5:1, or 3:1 for large
 * text (24px, or 18.66px bold). Returns how many texts it measured and those that fall short.
 */
const LOW_CONTRAST = `(() => {
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const parse = (s) => { const m = s.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
  const luminance = (c) => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.a >= 0.99) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const failures = [];
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const text = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent.trim()).join(' ').trim();
    if (!text) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility !== 'visible' || box.width < 2 || box.height < 2 || el.closest('.visually-hidden, [hidden]')) continue;
    checked += 1;
    const fg = parse(style.color);
    const bg = background(el);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) failures.push(text.slice(0, 40) + ': ' + ratio.toFixed(2) + ' (' + style.color + ' on ' + JSON.stringify(bg) + ')');
  }
  return { checked, failures };
})()`;

describe('the Lazio theme in a browser', () => {
  let harness: BrowserHarness;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    const em = harness.app.platform.orm.em.fork();
    const [orvieto] = await em.execute<{ id: string }[]>("select id::text as id from core.organization where code = 'demo-comune'");
    await harness.app.platform.organizationThemes.choose(em, orvieto!.id, 'lazio');
  });

  afterAll(() => harness?.close());

  it("dresses Orvieto's pages in the region's blue, with the logo and the region's words, readable", async () => {
    const { page, problems, assets } = await harness.signedIn('educatore');
    // The sign-in page came before, in the visitors' theme: only what the home page loads counts.
    assets.clear();
    await page.reload();
    await settled(page);

    // The header wears the compiled primary colour, HSB 213° 95% 58% (scss/bootstrap-italia.scss), not Bootstrap Italia's #0066cc.
    const header = await page.evaluate<string>("getComputedStyle(document.querySelector('.it-header-center-wrapper')).backgroundColor");
    const [r, g, b] = (header.match(/[\d.]+/g) ?? []).map(Number);
    expect([Math.round(r!), Math.round(g!), Math.round(b!)]).toEqual([7, 71, 148]);
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toMatch(/^"?Titillium Web"?/);

    // The theme's build instead of the stock one, never both; the base theme's additions still load.
    const loaded = [...assets.keys()];
    expect(loaded).toContain('/assets/themes/lazio/css/bootstrap-italia.min.css');
    expect(loaded).toContain('/assets/themes/lazio/css/theme.css');
    expect(loaded.filter((path) => path.endsWith('/bootstrap-italia.min.css'))).toEqual([
      '/assets/themes/lazio/css/bootstrap-italia.min.css',
    ]);
    expect([...assets.values()].filter((status) => status !== 200 && status !== 304)).toEqual([]);

    // The logo slot holds the placeholder, with its alternative text, beside the application's name.
    const logo = page.locator('.it-brand-wrapper img.sigess-logo');
    expect(await logo.getAttribute('alt')).toBe("Logo dell'amministrazione");
    // Loaded: an image that failed has no natural width.
    expect(await page.evaluate<number>("document.querySelector('.it-brand-wrapper img.sigess-logo').naturalWidth")).toBeGreaterThan(0);
    expect((await logo.boundingBox())?.height).toBe(56);

    expect(await page.locator('main p.lead').textContent()).toContain('dei PUA e dei segretariati sociali del territorio');
    const contrast = await page.evaluate<{ checked: number; failures: string[] }>(LOW_CONTRAST);
    expect(contrast.checked).toBeGreaterThan(15);
    expect(contrast.failures).toEqual([]);

    const png = await screenshot(page, 'theme-lazio-home.png');
    writeFileSync(DOCS_SCREENSHOT, png);
    await expectNoProblems(page, problems);
  });

  it('leaves the other organizations in the installation theme', async () => {
    const { page, problems, assets } = await harness.signedIn('allerona');
    assets.clear();
    await page.reload();
    await settled(page);
    const header = await page.evaluate<string>("getComputedStyle(document.querySelector('.it-header-center-wrapper')).backgroundColor");
    expect(header).toBe('rgb(0, 102, 204)');
    expect([...assets.keys()].some((path) => path.startsWith('/assets/themes/lazio/'))).toBe(false);
    expect(await page.locator('.it-brand-wrapper img.sigess-logo').count()).toBe(0);
    const contrast = await page.evaluate<{ checked: number; failures: string[] }>(LOW_CONTRAST);
    expect(contrast.checked).toBeGreaterThan(15);
    expect(contrast.failures).toEqual([]);
    await expectNoProblems(page, problems);
  });
});
