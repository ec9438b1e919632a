// SPDX-License-Identifier: AGPL-3.0-or-later
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createTestApp, formToken as csrf, signIn, type TestApp } from '../src/testing';

/**
 * As the database owner: what an attacker with direct database access could do. On the application's own
 * connection, leaving its role for a moment (the embedded database serves one connection at a time).
 */
async function asOwner<R>(
  app: TestApp,
  work: (sql: (query: string) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<R>,
): Promise<R> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await work(async (query) => ({ rows: await em.execute(query) }));
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

describe('the audit log', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(() => app.close());

  it('records sign-ins, failures and sign-outs, and the privacy officer finds them', async () => {
    const pua = await signIn(app, 'pua');
    await pua
      .post('/logout')
      .type('form')
      .send({ _csrf: await csrf(pua, '/') });
    const stranger = app.newAgent();
    const token = await csrf(stranger);
    await stranger.post('/login').type('form').send({ _csrf: token, username: 'pua', password: 'wrong-password' }).expect(401);

    const privacy = await signIn(app, 'privacy');
    const page = await privacy.get('/audit?operator=pua').expect(200);
    expect(page.text).toContain('data-action="auth.sign-in"');
    expect(page.text).toContain('data-action="auth.sign-out"');
    const all = await privacy.get('/audit').expect(200);
    expect(all.text).toContain('data-action="auth.sign-in-failed"');

    const csv = await privacy.get('/audit/export.csv?operator=pua').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="audit-log.csv"');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('id,at,operator,organization_id,role,action,entity,entity_id,purpose,request_id,ip,details,hash');
    expect(lines.slice(1).map((l) => l.split(',')[5])).toEqual(['"auth.sign-out"', '"auth.sign-in"']);
    // Searching and exporting the log are themselves audited.
    expect((await privacy.get('/audit?operator=privacy')).text).toContain('data-action="audit.export"');
  });

  it('is for the privacy officer only', async () => {
    await (await signIn(app, 'pua')).get('/audit').expect(403);
    await (await signIn(app, 'admin')).get('/audit').expect(403);
    expect((await app.newAgent().get('/audit').expect(302)).headers.location).toBe('/login?next=%2Faudit');
    expect((await (await signIn(app, 'privacy')).get('/').expect(200)).text).toContain('data-menu-item="core.audit"');
    expect((await (await signIn(app, 'pua')).get('/').expect(200)).text).not.toContain('data-menu-item="core.audit"');
  });

  it('refuses updates and deletes, even from the database owner', async () => {
    await expect(app.platform.orm.em.fork().execute("update core.audit_log set action = 'nothing'")).rejects.toThrow(/append-only/);
    await asOwner(app, async (sql) => {
      expect((await sql('select current_user as who')).rows[0]!.who).not.toBe(app.platform.config.appRole);
      await expect(sql('delete from core.audit_log')).rejects.toThrow(/append-only/);
      await expect(sql('truncate core.audit_log')).rejects.toThrow(/append-only/);
    });
  });

  it('shows a tampered entry to `sigess audit verify` and on the verify page', async () => {
    const privacy = await signIn(app, 'privacy');
    expect((await privacy.get('/audit/verify').expect(200)).text).toContain('data-testid="audit-intact"');

    const victim = await asOwner(app, async (sql) => {
      const { rows } = await sql(
        "select id::text as id from core.audit_log where action = 'auth.sign-in-failed' order by audit_log.id limit 1",
      );
      // Someone with the owner's rights switches the guard off, rewrites history, and switches it on again.
      await sql('alter table core.audit_log disable trigger audit_log_append_only');
      await sql(`update core.audit_log set details = '{"username":"someone-else","reason":"invalid"}' where id = ${String(rows[0]!.id)}`);
      await sql('alter table core.audit_log enable trigger audit_log_append_only');
      return String(rows[0]!.id);
    });

    const page = await privacy.get('/audit/verify').expect(200);
    expect(page.text).toContain('data-testid="audit-broken"');
    expect(page.text).toContain(`la voce ${victim} non corrisponde (il contenuto non corrisponde alla sua impronta)`);

    // The command opens its own connection: free the application's (the embedded database serves one).
    await app.platform.orm.close(true);
    const cli = spawnSync(process.execPath, [join(__dirname, '..', 'bin', 'sigess.js'), 'audit', 'verify'], {
      env: { ...process.env, DATABASE_URL: app.platform.db.url, SIGESS_CONFIG: '', LOG_LEVEL: 'warn', SIGESS_PLUGINS: '' },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(2);
    expect(cli.stdout).toMatch(
      new RegExp(`^audit log BROKEN: \\d+ entries intact, then entry ${victim}: its content does not match its hash\\n$`),
    );
  });
});
