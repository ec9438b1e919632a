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
    // The home page's reads (its alerts panel) are logged too; the sign-in and sign-out come in order.
    expect(
      lines
        .slice(1)
        .map((l) => l.split(',')[5])
        .filter((action) => action!.startsWith('"auth.')),
    ).toEqual(['"auth.sign-out"', '"auth.sign-in"']);
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
    // The application's role has no policy to change rows: its update finds none.
    await app.platform.orm.em.fork().execute("update core.audit_log set action = 'nothing'");
    await app.platform.orm.em.fork().execute('delete from core.audit_log');
    await asOwner(app, async (sql) => {
      expect((await sql('select current_user as who')).rows[0]!.who).not.toBe(app.platform.config.appRole);
      await expect(sql('delete from core.audit_log')).rejects.toThrow(/append-only/);
      await expect(sql('truncate core.audit_log')).rejects.toThrow(/append-only/);
      expect((await sql("select count(*)::int as n from core.audit_log where action = 'nothing'")).rows[0]!.n).toBe(0);
      expect((await sql('select count(*)::int as n from core.audit_log')).rows[0]!.n).toBeGreaterThan(0);
    });
  });

  it("shows each privacy officer only their organizations' entries, and reads of their people by partners", async () => {
    // Two more privacy officers: one of demo-comune-2 (Allerona), one of the region at the root.
    await asOwner(app, async (sql) => {
      for (const [username, org] of [
        ['privacy-allerona', 'demo-comune-2'],
        ['privacy-regione', 'demo-regione'],
      ]) {
        await sql(`insert into core.operator (username, display_name, password_hash, password_changed_at)
                   select '${username}', '${username}', password_hash, now() from core.operator where username = 'privacy'`);
        await sql(`insert into core.membership (operator_id, organization_id, role_id)
                   select o.id, g.id, 'privacy-officer' from core.operator o, core.organization g
                   where o.username = '${username}' and g.code = '${org}'`);
      }
    });
    const [{ id: alleronaPerson } = { id: '' }] = await asOwner(
      app,
      async (sql) =>
        (
          await sql(`select p.id::text as id from core.person p join core.organization o on o.id = p.owner_org_id
                   where o.code = 'demo-comune-2' and p.merged_into is null order by p.surname limit 1`)
        ).rows as { id: string }[],
    );

    // Orvieto's access point searches; Allerona's reads one of its people; the ambito shares that person with the ASL,
    // which reads it; someone tries Allerona's account, someone else an unknown one.
    await (await signIn(app, 'pua')).get('/people?q=rossi').expect(200);
    await (await signIn(app, 'allerona')).get(`/people/${alleronaPerson}`).expect(200);
    const manager = await signIn(app, 'responsabile');
    const token = await csrf(manager, '/');
    await manager
      .post(`/api/v1/people/${alleronaPerson}/shares`)
      .set('X-CSRF-Token', token)
      .send({ organizationCode: 'demo-asl', purpose: 'valutazione integrata', expiresAt: '2099-01-01' })
      .expect(201);
    await (await signIn(app, 'asl')).get(`/people/${alleronaPerson}`).expect(200);
    for (const username of ['allerona', 'nobody-by-this-name']) {
      const stranger = app.newAgent();
      const form = await csrf(stranger);
      await stranger.post('/login').type('form').send({ _csrf: form, username, password: 'not-the-password' }).expect(401);
    }

    const csvOf = async (username: string, query: string) => {
      const res = await (await signIn(app, username)).get(`/audit/export.csv?${query}`).expect(200);
      return res.text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(','))
        .map((cells) => `${cells[2]!.replace(/"/g, '')} ${cells[5]!.replace(/"/g, '')}`);
    };
    const allerona = await csvOf('privacy-allerona', '');
    expect(allerona).toEqual(expect.arrayContaining(['allerona person.read', 'asl person.read', ' auth.sign-in-failed']));
    expect(allerona.filter((e) => e.startsWith('pua '))).toEqual([]);
    // The ambito's manager acted on Allerona's person (visible), but signed in at the ambito (not visible).
    expect(allerona.filter((e) => e.startsWith('responsabile '))).toEqual(['responsabile person.share']);
    expect(allerona.filter((e) => e === ' auth.sign-in-failed')).toHaveLength(1);

    // The ambito sees all three comuni, but not the installation's own events (the unknown account).
    const ambito = await csvOf('privacy', '');
    expect(ambito).toEqual(expect.arrayContaining(['pua person.search', 'allerona person.read', 'asl person.read']));
    const failures = async (username: string) =>
      (await (await signIn(app, username)).get('/audit/export.csv').expect(200)).text.match(/nobody-by-this-name/g)?.length ?? 0;
    expect(await failures('privacy')).toBe(0);
    expect(await failures('privacy-allerona')).toBe(0);
    expect(await failures('privacy-regione')).toBe(1);

    // By person: their codice fiscale (any case) finds their entries, named; a code of nobody here is a field error.
    const [{ code } = { code: '' }] = await asOwner(
      app,
      async (sql) =>
        (await sql(`select coalesce(codice_fiscale, provisional_code) as code from core.person where id = '${alleronaPerson}'`)).rows as {
          code: string;
        }[],
    );
    const officer = await signIn(app, 'privacy-allerona');
    const byPerson = await officer.get(`/audit?person=${code.toLowerCase()}`).expect(200);
    expect(byPerson.text).toContain('data-action="person.read"');
    expect(byPerson.text).toContain(code);
    expect(byPerson.text).not.toContain('data-action="auth.sign-in"');
    const nobody = await officer.get('/audit?person=RSSMRA80A01H501U').expect(422);
    expect(nobody.text).toContain('Nessuna persona con questo codice tra quelle dei tuoi enti.');
  });

  it('appends many entries at once in order, linked like single ones', async () => {
    const em = app.platform.orm.em.fork();
    const actor = { operatorId: null, organizationId: null, roleId: null, requestId: 'batch-test', ip: null };
    const events = Array.from({ length: 1_203 }, (_, i) => ({ action: 'test.batch', details: { n: i } }));
    await app.platform.audit.record(em, actor, events);
    const rows = await asOwner(app, async (sql) =>
      (await sql("select details->>'n' as n from core.audit_log where request_id = 'batch-test' order by id")).rows.map((r) => Number(r.n)),
    );
    expect(rows).toEqual(events.map((_, i) => i));
    expect((await app.platform.audit.verify(app.platform.orm.em.fork())).firstBroken).toBeNull();
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
    // The system administrator checks the chain too, without reading the entries.
    const admin = await signIn(app, 'admin');
    const adminPage = await admin.get('/audit/verify').expect(200);
    expect(adminPage.text).toContain(`la voce ${victim} non corrisponde`);
    expect(adminPage.text).not.toContain('href="/audit"');
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
