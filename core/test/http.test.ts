// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, type TestApp } from '../src/testing';

describe('the HTTP pipeline', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('serves the themed home page in Italian by default, with a strict CSP and a request id', async () => {
    const res = await app.agent.get('/').expect(200);
    expect(res.text).toContain('<html lang="it">');
    expect(res.text).toContain('/assets/bi/2.18.3/css/bootstrap-italia.min.css');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('keeps a sane incoming request id and replaces a hostile one', async () => {
    expect((await app.agent.get('/healthz').set('X-Request-Id', 'proxy-1234abcd')).headers['x-request-id']).toBe('proxy-1234abcd');
    expect((await app.agent.get('/healthz').set('X-Request-Id', '<script>')).headers['x-request-id']).not.toBe('<script>');
  });

  it('follows Accept-Language, and a language switch is remembered in a cookie', async () => {
    expect((await app.agent.get('/').set('Accept-Language', 'en-GB,en;q=0.9')).text).toContain('<html lang="en">');
    const sw = await app.agent.get('/lang/en?next=/catalogue').expect(302);
    expect(sw.headers.location).toBe('/catalogue');
    expect(sw.headers['set-cookie']?.[0]).toMatch(/^sigess_lang=en;.*httponly/i);
    const after = await app.agent.get('/catalogue').set('Cookie', 'sigess_lang=en').expect(200);
    expect(after.text).toContain('Service catalogue');
  });

  it('never redirects off the site after a language switch', async () => {
    expect((await app.agent.get('/lang/it?next=//evil.example/x')).headers.location).toBe('/');
    expect((await app.agent.get('/lang/it?next=https://evil.example')).headers.location).toBe('/');
    await app.agent.get('/lang/xx').expect(404);
  });

  it('serves Bootstrap Italia, its fonts and the theme from local files', async () => {
    const css = await app.agent.get('/assets/bi/2.18.3/css/bootstrap-italia.min.css').expect(200);
    expect(css.headers['cache-control']).toContain('immutable');
    const fonts = await app.agent.get('/assets/bi/2.18.3/fonts.css').expect(200);
    expect(fonts.text).toContain("font-family:'Titillium Web'");
    await app.agent.get('/assets/bi/2.18.3/fonts/Titillium_Web/titillium-web-v10-latin-ext_latin-regular.woff2').expect(200);
    await app.agent.get('/assets/theme/css/theme.css').expect(200);
  });

  it('answers errors under /api as RFC 9457 problem+json, localized', async () => {
    await app.agent.get('/lang/en'); // the agent keeps cookies, as a browser does
    const res = await app.agent.get('/api/v1/nothing').expect(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(res.text)).toEqual({
      type: 'about:blank',
      title: 'Page not found',
      status: 404,
      detail: expect.any(String),
      instance: `urn:sigess:request:${res.headers['x-request-id']}`,
    });
  });

  it('shows the themed error page for pages', async () => {
    await app.agent.get('/lang/it');
    const res = await app.agent.get('/no-such-page').expect(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.text).toContain('Pagina non trovata');
    expect(res.text).toContain(res.headers['x-request-id']);
  });

  it('refuses bodies over the limit with 413', async () => {
    const res = await app.agent
      .post('/api/v1/catalogue')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ blob: 'x'.repeat(1_100_000) }))
      .expect(413);
    expect(res.body.title ?? JSON.parse(res.text).title).toBe('Richiesta troppo grande');
  });

  it('rejects a method a route does not take with 405', async () => {
    await app.agent.delete('/api/v1/catalogue').expect(405);
  });

  it('reports health and readiness', async () => {
    expect((await app.agent.get('/healthz').expect(200)).body).toEqual({ status: 'ok' });
    expect((await app.agent.get('/readyz').expect(200)).body).toEqual({ status: 'ready', pending: [] });
  });
});

describe('the database layer', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('runs application queries under the unprivileged role', async () => {
    const [row] = await app.platform.orm.em
      .fork()
      .execute<{ user: string; superuser: boolean }[]>(
        'select current_user as "user", (select rolsuper from pg_roles where rolname = current_user) as superuser',
      );
    expect(row).toEqual({ user: 'sigess_app', superuser: false });
  });

  it('keeps the application role away from DDL and from the migration log', async () => {
    const em = app.platform.orm.em.fork();
    await expect(em.execute('create table core.intruder (id int)')).rejects.toThrow(/permission denied/);
    await expect(em.execute("delete from core.sigess_migrations where name like 'Migration%'")).rejects.toThrow(/permission denied/);
  });

  it('logs each owner’s migrations in its own schema, and has pg_trgm and unaccent', async () => {
    const em = app.platform.orm.em.fork();
    const names = await em.execute<{ name: string }[]>('select name from core.sigess_migrations order by id');
    expect(names.map((n) => n.name)).toEqual([
      'Migration20261123000000_foundation',
      'Migration20261123010000_operators',
      'Migration20261123020000_audit',
      'Migration20261123030000_territory',
      'Migration20261123040000_organization_tree',
      'Migration20261123050000_people',
      'Migration20261123060000_audit_scope',
      'Migration20261123070000_person_import',
      'Migration20261123080000_administration',
      'Migration20261123100000_cartella',
      'Migration20261123110000_assessments',
      'Migration20261123120000_catalogue',
      'Migration20261123130000_alerts',
      'Migration20261123140000_interventions',
      'Migration20261123150000_plans',
      'Migration20261123160000_cartella_sharing',
      'Migration20261123170000_documents',
      'Migration20261123180000_consents',
      'Migration20261123190000_critical_events',
      'Migration20261123230100_person_search_hits',
      'Migration20261124000000_person_shares_local_day',
      'Migration20261124010000_lookup_indexes',
      'Migration20261124100000_health_district',
      'Migration20261124110000_assessment_classifications',
      'Migration20261124200000_organization_theme',
      'Migration20261124300000_outbox',
      'Migration20261125000000_export_runs',
      'Migration20261125010000_audit_service_actor',
      'Migration20261125020000_export_refusals',
    ]);
    const [row] = await em.execute<{ u: string; s: number }[]>("select unaccent('Nicolò Società') as u, similarity('rossi', 'rosi') as s");
    expect(row?.u).toBe('Nicolo Societa');
    expect(Number(row?.s)).toBeGreaterThan(0.3);
  });
});
