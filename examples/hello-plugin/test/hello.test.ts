// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, formToken, signIn, type TestApp } from '@sigess/core/testing';

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
    const visit = (api.body.items as { code: string }[]).find((i) => i.code === 'hello.welcome-visit');
    expect(visit).toMatchObject({
      name: 'Visita di benvenuto',
      area: 'anziani',
      unit: 'accesses',
      inpsCode: 'A2.07',
      source: 'hello',
      requirements: [
        { rule: 'core.age-range', params: { min: 65 }, text: 'età di almeno 65 anni' },
        { rule: 'core.residence', params: {}, text: expect.stringContaining('residenza') },
      ],
    });
    // Beside the national table, which core brings.
    expect((api.body.items as { code: string }[]).map((i) => i.code)).toContain('core.A2.07');
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
    expect((api.body.items as { code: string }[]).map((i) => i.code)).not.toContain('hello.welcome-visit');
    await app.agent.get('/catalogue/hello.welcome-visit').expect(404);

    await platform.organizations.setPluginActive(em, org!.id, 'hello', true);
    await app.agent.get('/p/hello').expect(200);
  });
  it('contributes an assessment form, which the core fills in, checks and scores', async () => {
    const educator = await signIn(app, 'educatore');
    const token = await formToken(educator, '/account');
    const api = (path: string) => educator.get(path).set('Accept', 'application/json');
    const post = (path: string, body: object) =>
      educator.post(path).set('X-CSRF-Token', token).set('Accept', 'application/json').send(body);
    const form = (await api('/api/v1/forms/hello.mini-adl').expect(200)).body;
    expect(form).toMatchObject({ title: 'Mini scala di autonomia (esempio)', totals: [{ id: 'autonomy', label: 'Autonomia' }] });
    const person = (await api('/api/v1/people?q=rossi').expect(200)).body.items[0].id as string;
    const answers = { feeding: '2', dressing: '1', 'lives-alone': 'yes' };
    const missing = await post(`/api/v1/people/${person}/assessments`, { formId: 'hello.mini-adl', status: 'final', answers }).expect(422);
    expect(missing.body.errors).toEqual([{ field: 'answers.helper', message: 'Campo obbligatorio.' }]);
    const saved = await post(`/api/v1/people/${person}/assessments`, {
      formId: 'hello.mini-adl',
      status: 'final',
      answers: { ...answers, helper: 'neighbour' },
    }).expect(201);
    expect(saved.body.scores.autonomy).toMatchObject({ value: 3, max: 4, band: 'Buona autonomia' });
    expect((await educator.get(`/assessments/${saved.body.id}`).expect(200)).text).toContain('Vicino di casa');
  });
});
