// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * A theme per organization: the nearest choice up the tree dresses an organization's pages (style
 * sheets, logo, re-worded strings, error page), others keep the installation's; administrators
 * choose it on the organization's page and through the API, audited, and only among the installed
 * themes. Uses the repository's `lazio` theme (a child of `base`) as the other installed theme.
 */
import { apiClient, createTestApp, signIn, type TestApp } from '../src/testing';

const STOCK_CSS = /href="\/assets\/bi\/[^"]+\/css\/bootstrap-italia\.min\.css"/;
const LAZIO_CSS = 'href="/assets/themes/lazio/css/bootstrap-italia.min.css"';
const LAZIO_INTRO_IT = 'i servizi dei PUA e dei segretariati sociali del territorio';
const BASE_INTRO_IT = 'i servizi dei punti di accesso del territorio';

describe('a theme per organization', () => {
  let app: TestApp;
  let orgs: Record<string, string>;
  let admin: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    app = await createTestApp();
    const rows = await app.platform.orm.em
      .fork()
      .execute<{ id: string; code: string }[]>('select id::text as id, code from core.organization');
    orgs = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    admin = await apiClient(await signIn(app, 'admin'));
  });
  afterAll(() => app.close());

  const themeOf = (code: string) => `/api/v1/admin/organizations/${orgs[code]}/theme`;

  async function auditOf(organizationId: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
    return app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<{ action: string; details: Record<string, unknown> }[]>(
        "select action, details from core.audit_log where entity = 'organization' and entity_id = ? and action = 'organization.theme' order by id",
        [organizationId],
      );
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  }

  it('lists the installed themes; with no choice anywhere, every organization wears the installation theme', async () => {
    const res = await admin.get(themeOf('demo-comune')).expect(200);
    expect(res.body).toEqual({
      choice: null,
      inheritedFrom: null,
      effective: 'base',
      installation: 'base',
      available: expect.arrayContaining([
        { id: 'base', name: 'Tema di base (Bootstrap Italia)', parents: [] },
        { id: 'lazio', name: expect.stringContaining('Regione Lazio'), parents: ['base'] },
      ]),
    });
    const home = await (await signIn(app, 'educatore')).get('/').expect(200);
    expect(home.text).toMatch(STOCK_CSS);
    expect(home.text).toContain('href="/assets/themes/base/css/theme.css"');
    expect(home.text).not.toContain('/assets/themes/lazio/');
    expect(home.text).toContain(BASE_INTRO_IT);
  });

  it('refuses a theme the installation does not have, field by field, and records nothing', async () => {
    const res = await admin.put(themeOf('demo-comune'), { theme: 'nowhere' }).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toEqual([{ field: 'theme', message: expect.stringContaining('«nowhere» non è installato') }]);
    await admin.put(themeOf('demo-comune'), { theme: 42 }).expect(422);

    const page = await admin.form(`/admin/organizations/${orgs['demo-comune']}/theme`, { theme: 'nowhere' }).expect(422);
    expect(page.text).toContain('<a href="#field-theme">Il tema «nowhere» non è installato');
    expect(page.text).toMatch(/<select id="field-theme" name="theme" class="is-invalid" aria-invalid="true"/);
    expect(await auditOf(orgs['demo-comune']!)).toEqual([]);
  });

  it('dresses the chosen organization and those below it in the theme, and leaves the others alone', async () => {
    const res = await admin.put(themeOf('demo-comune'), { theme: 'lazio' }).expect(200);
    expect(res.body).toMatchObject({ choice: 'lazio', inheritedFrom: null, effective: 'lazio' });
    expect(await auditOf(orgs['demo-comune']!)).toEqual([{ action: 'organization.theme', details: { from: null, to: 'lazio' } }]);

    // Orvieto's own operator: the region's Bootstrap Italia instead of the stock one (not both), the logo, the region's words.
    const educatore = await signIn(app, 'educatore');
    const home = await educatore.get('/').expect(200);
    expect(home.text).toContain(LAZIO_CSS);
    expect(home.text).not.toMatch(STOCK_CSS);
    expect(home.text).toContain('href="/assets/themes/lazio/css/theme.css"');
    expect(home.text).toContain('<img class="sigess-logo" src="/assets/themes/lazio/img/logo.svg" alt="Logo dell&#x27;amministrazione"');
    expect(home.text).toContain(LAZIO_INTRO_IT);
    // Its error pages too.
    const missing = await educatore.get('/no-such-page').expect(404);
    expect(missing.text).toContain(LAZIO_CSS);
    // And in English, the theme's English re-wording.
    const english = await educatore.get('/').set('Cookie', 'sigess_lang=en').expect(200);
    expect(english.text).toContain('services of the territory&#x27;s PUAs and segretariati sociali');

    // Orvieto's PUA, below it, inherits the choice.
    const pua = await signIn(app, 'pua');
    expect((await pua.get('/').expect(200)).text).toContain(LAZIO_CSS);
    const inherited = await admin.get(themeOf('demo-pua')).expect(200);
    expect(inherited.body).toMatchObject({
      choice: null,
      inheritedFrom: { organizationId: orgs['demo-comune'], organizationName: 'Comune di Orvieto', theme: 'lazio' },
      effective: 'lazio',
    });

    // Allerona, a sibling comune, and visitors of the region keep the installation's theme.
    const allerona = await (await signIn(app, 'allerona')).get('/').expect(200);
    expect(allerona.text).toMatch(STOCK_CSS);
    expect(allerona.text).not.toContain('/assets/themes/lazio/');
    expect(allerona.text).toContain(BASE_INTRO_IT);
    expect((await app.newAgent().get('/').expect(200)).text).toMatch(STOCK_CSS);
  });

  it("serves each theme's files through its chain: its own first, then its parent's", async () => {
    const agent = app.newAgent();
    const css = await agent.get('/assets/themes/lazio/css/bootstrap-italia.min.css').expect(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    // Compiled with the region's primary colour (scss/bootstrap-italia.scss), not Bootstrap Italia's 210° blue.
    expect(css.text).toContain('--bs-primary: hsl(213, ');
    expect(css.text).not.toContain('--bs-primary: hsl(210, 100%, 40%)');
    const inherited = await agent.get('/assets/themes/lazio/css/theme.css').expect(200);
    expect(inherited.text).toBe((await agent.get('/assets/themes/base/css/theme.css').expect(200)).text);
    await agent.get('/assets/themes/lazio/img/logo.svg').expect(200);
    await agent.get('/assets/themes/base/css/lazio.css').expect(404);
    await agent.get('/assets/themes/nowhere/css/theme.css').expect(404);
  });

  it("chooses on the organization's page: an explicit choice, then back to inheriting", async () => {
    const path = `/admin/organizations/${orgs['demo-comune']}`;
    const page = await admin.agent.get(path).expect(200);
    expect(page.text).toMatch(/data-testid="theme-effective">Tema in uso: <strong>Regione Lazio[^<]*<\/strong> <code>lazio<\/code>/);
    expect(page.text).toContain('<option value="lazio" selected>');
    expect(page.text).toContain('Scelto per questo ente: lo seguono gli enti sottostanti');
    const below = await admin.agent.get(`/admin/organizations/${orgs['demo-pua']}`).expect(200);
    expect(below.text).toContain('Segue la scelta di Comune di Orvieto: «Regione Lazio');
    expect(below.text).toContain('<option value="" selected>');

    const saved = await admin.form(`${path}/theme`, { theme: 'base' }).expect(302);
    expect(saved.headers.location).toBe(`${path}?saved=theme#theme`);
    expect((await admin.agent.get(`${path}?saved=theme`).expect(200)).text).toContain('Tema aggiornato.');
    expect((await (await signIn(app, 'educatore')).get('/').expect(200)).text).toMatch(STOCK_CSS);

    await admin.form(`${path}/theme`, { theme: '' }).expect(302);
    const after = await admin.get(themeOf('demo-comune')).expect(200);
    expect(after.body).toMatchObject({ choice: null, inheritedFrom: null, effective: 'base' });
    expect((await auditOf(orgs['demo-comune']!)).map((e) => e.details)).toEqual([
      { from: null, to: 'lazio' },
      { from: 'lazio', to: 'base' },
      { from: 'base', to: null },
    ]);
  });

  it('describes the theme routes in the OpenAPI document', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const path = doc.paths['/api/v1/admin/organizations/{id}/theme'];
    expect(path.put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ThemeChoice' });
    expect(Object.keys(doc.components.schemas.ThemeState.properties)).toEqual(
      expect.arrayContaining(['choice', 'inheritedFrom', 'effective', 'installation', 'available']),
    );
    expect(path.get.operationId).toBe('core.api.admin.organizations.theme');
  });

  it("lets an organization's administrator choose only within their reach", async () => {
    const ente = await apiClient(await signIn(app, 'ente'));
    await ente.put(themeOf('demo-comune-2'), { theme: 'lazio' }).expect(404);
    await ente.put(themeOf('demo-pua'), { theme: 'lazio' }).expect(200);
    expect((await (await signIn(app, 'pua')).get('/').expect(200)).text).toContain(LAZIO_CSS);
    expect((await (await signIn(app, 'educatore')).get('/').expect(200)).text).toMatch(STOCK_CSS);
  });
});

describe('the installation theme', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await createTestApp({ theme: 'lazio' });
  });
  afterAll(() => app.close());

  it('dresses every organization that chooses nothing, and yields to one that chooses', async () => {
    const visitor = await app.newAgent().get('/').expect(200);
    expect(visitor.text).toContain(LAZIO_CSS);
    expect(visitor.text).not.toMatch(STOCK_CSS);
    // The address themes had before organizations could choose serves the installation's chain.
    await app.newAgent().get('/assets/theme/css/bootstrap-italia.min.css').expect(200);

    const admin = await apiClient(await signIn(app, 'admin'));
    const [orvieto] = await app.platform.orm.em
      .fork()
      .execute<{ id: string }[]>("select id::text as id from core.organization where code = 'demo-comune'");
    const res = await admin.put(`/api/v1/admin/organizations/${orvieto!.id}/theme`, { theme: 'base' }).expect(200);
    expect(res.body).toMatchObject({ choice: 'base', effective: 'base', installation: 'lazio' });
    const home = await (await signIn(app, 'educatore')).get('/').expect(200);
    expect(home.text).toMatch(STOCK_CSS);
    expect(home.text).toContain(BASE_INTRO_IT);
    expect((await (await signIn(app, 'allerona')).get('/').expect(200)).text).toContain(LAZIO_INTRO_IT);
  });
});
