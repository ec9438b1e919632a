// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '@sigess/core/testing';

describe('the hello plugin, end to end', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['hello'], pluginSettings: { hello: { greetingName: 'Esempio' } } });
  });
  afterAll(() => app.close());

  it('adds its menu item and its home-page slot', async () => {
    const res = await app.agent.get('/').expect(200);
    expect(res.text).toContain('data-menu-item="hello.index"');
    expect(res.text).toContain('href="/p/hello"');
    expect(res.text).toContain('data-slot="hello.welcome"');
    expect(res.text).toContain('Il modulo di esempio è attivo');
  });

  it('serves its page under /p/hello with its translated strings and settings', async () => {
    const it = await app.agent.get('/p/hello').expect(200);
    expect(it.text).toContain('Ciao da Esempio! Questa pagina arriva da un plugin.');
    const en = await app.agent.get('/p/hello').set('Cookie', 'sigess_lang=en').expect(200);
    expect(en.text).toContain('Hello from Esempio! This page comes from a plugin.');
    expect(en.text).toContain('<html lang="en">');
  });

  it('adds its entry to the service catalogue, page and API', async () => {
    const page = await app.agent.get('/catalogue').expect(200);
    expect(page.text).toContain('data-code="hello.welcome-visit"');
    expect(page.text).toContain('Visita di benvenuto');
    const api = await app.agent.get('/api/v1/catalogue').expect(200);
    expect(api.body.items).toEqual([
      expect.objectContaining({ code: 'hello.welcome-visit', name: 'Visita di benvenuto', area: 'multiutenza' }),
    ]);
  });

  it('disappears for an organization that turns it off, and comes back', async () => {
    const { platform } = app;
    const em = platform.orm.em.fork();
    const org = await platform.currentOrganization(em);
    await platform.organizations.setPluginActive(em, org!.id, 'hello', false);

    const home = await app.agent.get('/').expect(200);
    expect(home.text).not.toContain('data-menu-item="hello.index"');
    expect(home.text).not.toContain('data-slot="hello.welcome"');
    await app.agent.get('/p/hello').expect(404);
    const api = await app.agent.get('/api/v1/catalogue').expect(200);
    expect(api.body.items).toEqual([]);

    await platform.organizations.setPluginActive(em, org!.id, 'hello', true);
    await app.agent.get('/p/hello').expect(200);
  });
});
