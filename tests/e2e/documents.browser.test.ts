// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A cartella's documents in a real browser (see ./browser.ts): the demo social worker, acting at the comune,
 * goes from the cartella's page to its documents, sees a wrong file refused beside the file field, uploads a
 * PDF through the form and downloads it back, byte for byte. Screenshots land in tests/.tmp.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { client, person } from '../../core/test/cartella-helpers';
import { expectedFailure, expectNoProblems, screenshot, settled, startBrowserHarness, type BrowserHarness } from './browser';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('cartella documents in a browser', () => {
  let harness: BrowserHarness;
  let base: string;
  let cartella: string;

  beforeAll(async () => {
    harness = await startBrowserHarness();
    base = harness.base;
    const pua = await client(harness.app, 'pua');
    const assistente = await client(harness.app, 'assistente', 'Comune di Orvieto');
    const personId = (await pua.post('/api/v1/people', person('Carteggi', 'Ilaria', 'F', '1972-09-30')).expect(201)).body.id as string;
    cartella = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  });

  afterAll(() => harness?.close());

  async function submit(page: Page): Promise<void> {
    await Promise.all([page.waitForEvent('load'), page.locator('[data-testid="upload-submit"]').click()]);
  }

  it('uploads a document through the form, refuses a disguised one, and downloads it back', async () => {
    const opened = await harness.signedIn('assistente', 'Comune di Orvieto');
    const { page, problems } = opened;

    await page.goto(`${base}/cartelle/${cartella}`);
    expect(await page.locator('[data-testid="documents-summary"]').textContent()).toContain('Nessun documento');
    await Promise.all([page.waitForURL(`${base}/cartelle/${cartella}/documents`), page.locator('[data-testid="documents-link"]').click()]);
    expect(await page.locator('[data-testid="no-documents"]').count()).toBe(1);

    // Text pretending to be a PDF: refused, with the reason beside the file field and the other fields kept.
    await page.locator('#field-title').fill('Relazione di valutazione');
    await page.locator('#field-category').selectOption('relazione');
    await page
      .locator('#field-file')
      .setInputFiles({ name: 'relazione.pdf', mimeType: 'application/pdf', buffer: Buffer.from('non sono un PDF') });
    await submit(page);
    expectedFailure(problems, base, 422, `/cartelle/${cartella}/documents`);
    expect(await page.locator('#error-file').textContent()).toContain('non corrisponde al suo contenuto');
    expect(await page.locator('#field-file').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-title').inputValue()).toBe('Relazione di valutazione');
    await settled(page);
    await screenshot(page, 'documents-refused.png');

    await page.locator('#field-file').setInputFiles({ name: 'relazione.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(page);
    expect(page.url()).toBe(`${base}/cartelle/${cartella}/documents?saved=1`);
    const item = page.locator('[data-testid="document"]');
    expect(await item.count()).toBe(1);
    expect(await item.textContent()).toContain('Relazione di valutazione');
    expect(await item.locator('[data-testid="not-scanned"]').count()).toBe(1);
    await settled(page);
    await screenshot(page, 'documents.png');

    const [download] = await Promise.all([page.waitForEvent('download'), item.locator('[data-testid="download"]').click()]);
    expect(download.suggestedFilename()).toBe('relazione.pdf');
    expect(Buffer.compare(await readFile((await download.path())!), PDF)).toBe(0);

    await page.goto(`${base}/cartelle/${cartella}`);
    expect(await page.locator('[data-testid="documents-summary"]').textContent()).toContain('Relazione di valutazione');
    await settled(page);
    await screenshot(page, 'documents-cartella.png');
    await expectNoProblems(page, problems);
  });
});
