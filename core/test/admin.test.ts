// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, formToken, signIn, type TestApp } from '../src/testing';

/** A signed-in browser that also calls the API the way a page script would: session cookie plus the CSRF header. */
async function browser(app: TestApp, username: string, password?: string) {
  const agent = await signIn(app, username, password);
  const csrf = await formToken(agent, '/account');
  const json = (method: 'post' | 'put' | 'patch' | 'delete', path: string, body: object = {}) =>
    agent[method](path).set('X-CSRF-Token', csrf).set('Accept', 'application/json').send(body);
  return {
    agent,
    csrf,
    get: (path: string) => agent.get(path),
    /** An HTML form, as the browser submits it. */
    form: (path: string, body: Record<string, unknown> = {}) =>
      agent
        .post(path)
        .type('form')
        .send(formBody({ ...body, _csrf: csrf })),
    post: (path: string, body?: object) => json('post', path, body),
    put: (path: string, body?: object) => json('put', path, body),
    patch: (path: string, body?: object) => json('patch', path, body),
    del: (path: string) => json('delete', path),
  };
}
type Browser = Awaited<ReturnType<typeof browser>>;

/** A form as a browser encodes it: one field per value, repeated for every ticked checkbox. */
function formBody(values: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) params.append(key, String(one));
  }
  return params.toString();
}

const fields = (body: { errors?: { field: string; message: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.field, e.message]));

/** The form's error summary, as the operator reads it. */
const summary = (html: string): string[] =>
  [...(/data-testid="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/<a href="#field-[^"]+">([^<]+)<\/a>/g)].map((m) =>
    m[1]!.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '='),
  );

describe('the administration', () => {
  let app: TestApp;
  let orgs: Record<string, string>;
  let admin: Browser;
  let ente: Browser;

  const orgId = (code: string): string =>
    orgs[code] ??
    (() => {
      throw new Error(`no organization ${code}`);
    })();

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['hello'] });
    const rows = await app.platform.orm.em
      .fork()
      .execute<{ id: string; code: string }[]>('select id::text as id, code from core.organization');
    orgs = Object.fromEntries(rows.map((r) => [r.code, r.id]));
    admin = await browser(app, 'admin');
    ente = await browser(app, 'ente');
  });
  afterAll(() => app.close());

  /** What the audit log holds about an entity, read as the database owner (the log is fenced per organization). */
  async function auditOf(entity: string, entityId: string): Promise<{ action: string; details: Record<string, unknown> }[]> {
    const em = app.platform.orm.em.fork();
    return em.transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<{ action: string; details: Record<string, unknown> }[]>(
        'select action, details from core.audit_log where entity = ? and entity_id = ? order by id',
        [entity, entityId],
      );
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  }

  describe('menu and permissions', () => {
    it('shows the administration in the menu only to those who hold its permissions', async () => {
      const home = (await ente.get('/').expect(200)).text;
      for (const item of ['core.admin.organizations', 'core.admin.operators', 'core.admin.roles']) {
        expect(home).toContain(`data-menu-item="${item}"`);
      }
      const pua = await signIn(app, 'pua');
      expect((await pua.get('/').expect(200)).text).not.toContain('data-menu-item="core.admin');
      await pua.get('/admin/organizations').expect(403);
      await pua.get('/api/v1/admin/operators').expect(403);
      // The privacy officer checks who may do what, and nothing else here.
      const privacy = await signIn(app, 'privacy');
      const menu = (await privacy.get('/').expect(200)).text;
      expect(menu).toContain('data-menu-item="core.admin.roles"');
      expect(menu).not.toContain('data-menu-item="core.admin.operators"');
      await privacy.get('/admin/roles/matrix').expect(200);
    });
  });

  it('describes its API in the OpenAPI document, from the schemas the forms use', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const create = doc.paths['/api/v1/admin/operators'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OperatorCreate' });
    expect(doc.components.schemas.OperatorCreate.required).toEqual(
      expect.arrayContaining(['username', 'displayName', 'password', 'organizationId', 'roleId']),
    );
    expect(doc.paths['/api/v1/admin/organizations/{id}/plugins/{plugin}'].put.operationId).toBe('core.api.admin.organizations.plugin');
    expect(doc.paths['/api/v1/admin/matrix'].put.requestBody.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/MatrixUpdate',
    });
  });

  describe('organizations and plugins, as the administrator of demo-comune', () => {
    it('shows the subtree it acts in, and nothing around it', async () => {
      const page = await ente.get('/admin/organizations').expect(200);
      for (const code of ['demo-comune', 'demo-pua', 'demo-segretariato']) expect(page.text).toContain(`data-org="${code}"`);
      for (const code of ['demo-regione', 'demo-ambito', 'demo-comune-2', 'demo-segretariato-2', 'demo-asl']) {
        expect(page.text).not.toContain(`data-org="${code}"`);
      }
      expect(page.text).toContain('G148');
      const api = await ente.get('/api/v1/admin/organizations').expect(200);
      expect((api.body as { items: { code: string }[] }).items.map((o) => o.code).sort()).toEqual([
        'demo-comune',
        'demo-pua',
        'demo-segretariato',
      ]);
      // The system administrator's reach is the whole installation, the ASL's separate tree included.
      const all = await admin.get('/api/v1/admin/organizations').expect(200);
      expect((all.body as { items: { code: string }[] }).items.map((o) => o.code)).toEqual(
        expect.arrayContaining(['demo-regione', 'demo-asl', 'demo-comune-2']),
      );
    });

    it('creates a service point below the comune, and refuses bad input field by field', async () => {
      const comune = orgId('demo-comune');
      const bad = await ente
        .form(`/admin/organizations/${comune}/children`, { kind: 'service-point', subkind: 'asl', code: 'Bad Code!', name: '' })
        .expect(422);
      expect(summary(bad.text)).toEqual([
        'Usa lettere minuscole, cifre e trattini, iniziando con una lettera o una cifra.',
        'Campo obbligatorio.',
        'Questa specificazione non si applica al tipo di ente scelto.',
      ]);
      // The form keeps what was typed.
      expect(bad.text).toContain('value="Bad Code!"');

      const created = await ente
        .form(`/admin/organizations/${comune}/children`, { kind: 'service-point', subkind: 'pua', code: 'demo-pua-nord', name: 'PUA Nord' })
        .expect(302);
      const id = /\/admin\/organizations\/([0-9a-f-]{36})\?saved=created/.exec(created.headers.location!)![1]!;
      orgs['demo-pua-nord'] = id;
      const page = await ente.get(created.headers.location!).expect(200);
      expect(page.text).toContain('Ente creato.');
      expect(page.text).toContain('PUA Nord');
      // In reach at once: the tree and the caches of this node know it.
      expect((await ente.get('/admin/organizations')).text).toContain('data-org="demo-pua-nord"');

      const again = await ente.form(`/admin/organizations/${comune}/children`, {
        kind: 'service-point',
        code: 'demo-pua-nord',
        name: 'Di nuovo',
      });
      expect(again.status).toBe(422);
      expect(summary(again.text)).toEqual(['Questo codice è già usato da un altro ente.']);

      const renamed = await ente.patch(`/api/v1/admin/organizations/${id}`, { name: 'PUA Orvieto Nord' }).expect(200);
      expect(renamed.body).toMatchObject({ id, name: 'PUA Orvieto Nord', kind: 'service-point', subkind: 'pua', parentId: comune });

      expect((await auditOf('organization', id)).map((e) => e.action)).toEqual(['organization.create', 'organization.update']);
    });

    it('answers the API with problem+json: kinds out of place, unknown comuni, parents out of reach', async () => {
      const res = await ente
        .post('/api/v1/admin/organizations', { parentId: orgId('demo-comune'), kind: 'region', code: 'x-region', name: 'X' })
        .expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(fields(res.body)).toEqual({ kind: 'Un ente di tipo «Regione» non può stare sotto un ente di tipo «Comune».' });

      const noCode = await admin
        .post('/api/v1/admin/organizations', { parentId: orgId('demo-ambito'), kind: 'comune', code: 'comune-x', name: 'Comune X' })
        .expect(422);
      expect(fields(noCode.body)).toEqual({ belfioreCode: 'Per un comune indica il codice catastale.' });
      const unknown = await admin
        .post('/api/v1/admin/organizations', {
          parentId: orgId('demo-ambito'),
          kind: 'comune',
          code: 'comune-x',
          name: 'Comune X',
          belfioreCode: 'Z999',
        })
        .expect(422);
      expect(fields(unknown.body)).toEqual({ belfioreCode: 'Nessun comune in vigore ha questo codice catastale.' });
      const taken = await admin
        .post('/api/v1/admin/organizations', {
          parentId: orgId('demo-ambito'),
          kind: 'comune',
          code: 'comune-x',
          name: 'Comune X',
          belfioreCode: 'g148',
        })
        .expect(422);
      expect(fields(taken.body)).toEqual({ belfioreCode: 'Esiste già un ente per il comune di Orvieto.' });

      // Another comune of the ambito: its ISTAT code comes from the reference data (Porano, TR).
      const porano = await admin
        .post('/api/v1/admin/organizations', {
          parentId: orgId('demo-ambito'),
          kind: 'comune',
          code: 'comune-porano',
          name: 'Comune di Porano',
          belfioreCode: 'g881',
        })
        .expect(201);
      expect(porano.body).toMatchObject({ kind: 'comune', belfioreCode: 'G881', istatCode: '055028' });

      // Outside the subtree, a parent in the body is one it cannot choose; one in the path does not exist.
      const outside = await ente
        .post('/api/v1/admin/organizations', { parentId: orgId('demo-comune-2'), kind: 'service-point', code: 'sp-b', name: 'B' })
        .expect(422);
      expect(fields(outside.body)).toEqual({ parentId: 'Scegli un ente che amministri.' });
      const root = await ente.post('/api/v1/admin/organizations', { kind: 'region', code: 'regione-x', name: 'X' }).expect(422);
      expect(Object.keys(fields(root.body))).toEqual(['parentId']);
    });

    it('cannot see or touch demo-comune-2: it does not exist for them', async () => {
      const b = orgId('demo-comune-2');
      await ente.get(`/admin/organizations/${b}`).expect(404);
      await ente.get(`/api/v1/admin/organizations/${b}`).expect(404);
      await ente.get(`/api/v1/admin/organizations/${b}/plugins`).expect(404);
      await ente.put(`/api/v1/admin/organizations/${b}/plugins/hello`, { state: 'off' }).expect(404);
      await ente.form(`/admin/organizations/${b}`, { name: 'Preso' }).expect(404);
      await ente.form(`/admin/organizations/${b}/children`, { kind: 'service-point', code: 'sp-in-b', name: 'B' }).expect(404);
      await ente.get('/admin/organizations/not-an-id').expect(404);
      const em = app.platform.orm.em.fork();
      expect(await em.execute(`select 1 from core.organization where code = 'sp-in-b' or name = 'Preso'`)).toEqual([]);
      expect(await app.platform.activation.activeFor(em, b)).toContain('hello');
    });

    it('turns the example plugin off and on for the new service point, which its operators see at once', async () => {
      const point = orgId('demo-pua-nord');
      const states = await ente.get(`/api/v1/admin/organizations/${point}/plugins`).expect(200);
      expect(states.body.items).toEqual([
        expect.objectContaining({ id: 'hello', activation: 'instance', choice: 'inherit', inheritedFrom: null, active: true }),
      ]);

      // An operator working at the service point.
      await ente
        .post('/api/v1/admin/operators', {
          username: 'sportello.nord',
          displayName: 'Sandra Sportello',
          password: 'una-password-lunga-2026',
          organizationId: point,
          roleId: 'access-point-operator',
        })
        .expect(201);
      const worker = await signIn(app, 'sportello.nord', 'una-password-lunga-2026');
      await worker.get('/p/hello').expect(200);

      await ente.form(`/admin/organizations/${point}/plugins/hello`, { state: 'off' }).expect(302);
      const page = await ente.get(`/admin/organizations/${point}`).expect(200);
      expect(/data-testid="effective-hello">\s*<span class="badge bg-secondary">Non attivo/.test(page.text)).toBe(true);
      await worker.get('/p/hello').expect(404);

      const back = await ente.put(`/api/v1/admin/organizations/${point}/plugins/hello`, { state: 'inherit' }).expect(200);
      expect(back.body).toMatchObject({ id: 'hello', choice: 'inherit', active: true });
      await worker.get('/p/hello').expect(200);

      // A choice on the comune reaches the service point, which inherits it, and says where from.
      await ente.put(`/api/v1/admin/organizations/${orgId('demo-comune')}/plugins/hello`, { state: 'off' }).expect(200);
      const inherited = await ente.get(`/api/v1/admin/organizations/${point}/plugins`).expect(200);
      expect(inherited.body.items[0]).toMatchObject({
        choice: 'inherit',
        active: false,
        inheritedFrom: { organizationId: orgId('demo-comune'), organizationName: 'Comune di Orvieto', active: false },
      });
      await worker.get('/p/hello').expect(404);
      await ente.put(`/api/v1/admin/organizations/${point}/plugins/hello`, { state: 'on' }).expect(200);
      await worker.get('/p/hello').expect(200);
      await ente.put(`/api/v1/admin/organizations/${orgId('demo-comune')}/plugins/hello`, { state: 'inherit' }).expect(200);

      const bad = await ente.put(`/api/v1/admin/organizations/${point}/plugins/hello`, { state: 'maybe' }).expect(422);
      expect(fields(bad.body)).toEqual({ state: "Scegli uno dei valori dell'elenco." });
      await ente.put(`/api/v1/admin/organizations/${point}/plugins/core`, { state: 'off' }).expect(404);

      expect((await auditOf('organization', point)).filter((e) => e.action === 'organization.plugin').map((e) => e.details)).toEqual([
        { plugin: 'hello', state: 'off' },
        { plugin: 'hello', state: 'inherit' },
        { plugin: 'hello', state: 'on' },
      ]);
    });

    it('works with a personal API token, without a CSRF token', async () => {
      const account = await ente.get('/account').expect(200);
      const membershipId = /<option value="([0-9a-f-]{36})"/.exec(account.text)![1]!;
      const created = await ente.form('/account/tokens', { name: 'amministrazione', membershipId }).expect(200);
      const token = /<code class="fs-6">(sgs_[^<]+)<\/code>/.exec(created.text)![1]!;
      const client = app.newAgent();
      const list = await client.get('/api/v1/admin/organizations').set('Authorization', `Bearer ${token}`).expect(200);
      expect(list.body.items).toHaveLength(4);
      await client
        .patch(`/api/v1/admin/organizations/${orgId('demo-pua-nord')}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ name: 'PUA Nord' })
        .expect(200);
      await client
        .get(`/api/v1/admin/organizations/${orgId('demo-comune-2')}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(404);
    });
  });

  describe('operators and memberships', () => {
    const password = 'parola-segreta-lunga-1';
    let operatorId: string;

    it('refuses a bad new operator field by field, on the page and in the API', async () => {
      const page = await admin
        .form('/admin/operators', {
          username: 'x',
          displayName: '',
          email: 'not-an-email',
          password: 'corta',
          organizationId: orgId('demo-comune-2'),
          roleId: 'no-such-role',
        })
        .expect(422);
      expect(summary(page.text)).toEqual([
        'Almeno 3 caratteri.',
        'Campo obbligatorio.',
        'Indirizzo email non valido.',
        'La nuova password deve avere almeno 12 caratteri.',
      ]);
      expect(page.text).not.toContain('corta');
      const api = await admin
        .post('/api/v1/admin/operators', {
          username: 'mario.rossi',
          displayName: 'Mario Rossi',
          password: 'mario.rossi-2026!',
          organizationId: orgId('demo-comune-2'),
          roleId: 'no-such-role',
        })
        .expect(422);
      expect(fields(api.body)).toEqual({ password: 'La nuova password non può contenere il nome utente.' });
      // Past the schema, the role and the username are checked against the data.
      const taken = await admin
        .post('/api/v1/admin/operators', {
          username: 'PUA',
          displayName: 'Doppione',
          password,
          organizationId: orgId('demo-comune-2'),
          roleId: 'no-such-role',
        })
        .expect(422);
      expect(fields(taken.body)).toEqual({ username: 'Questo nome utente è già usato.', roleId: "Scegli uno dei ruoli dell'elenco." });
    });

    it('creates an operator with a first membership, who can then sign in there', async () => {
      const res = await admin
        .post('/api/v1/admin/operators', {
          username: 'Nuova.Operatrice',
          displayName: 'Nadia Nuova',
          email: 'nadia@example.org',
          password,
          organizationId: orgId('demo-comune-2'),
          roleId: 'access-point-operator',
        })
        .expect(201);
      operatorId = res.body.id as string;
      expect(res.body).toMatchObject({
        username: 'nuova.operatrice',
        active: true,
        memberships: [{ organizationId: orgId('demo-comune-2'), roleId: 'access-point-operator' }],
        elsewhere: false,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/argon2|hash/i);
      const me = await (await signIn(app, 'nuova.operatrice', password)).get('/api/v1/me').expect(200);
      expect(me.body).toMatchObject({ operator: { displayName: 'Nadia Nuova' }, organization: { code: 'demo-comune-2' } });
      expect((await auditOf('operator', operatorId)).map((e) => e.action)).toContain('operator.create');
    });

    it('adds and removes memberships; what acted in a removed one stops', async () => {
      const page = await admin.form(`/admin/operators/${operatorId}/memberships`, {
        organizationId: orgId('demo-segretariato-2'),
        roleId: 'clerk',
      });
      expect(page.status).toBe(302);
      const show = await admin.get(`/admin/operators/${operatorId}`).expect(200);
      expect(show.text).toContain('data-membership="demo-segretariato-2:clerk"');
      expect(show.text).not.toMatch(/argon2/);
      const again = await admin
        .form(`/admin/operators/${operatorId}/memberships`, { organizationId: orgId('demo-segretariato-2'), roleId: 'clerk' })
        .expect(422);
      expect(summary(again.text)).toEqual(["L'operatore ha già questo ruolo in questo ente."]);

      // Two memberships: signing in asks which to act in.
      const agent = app.newAgent();
      const token = await formToken(agent);
      const signin = await agent.post('/login').type('form').send({ _csrf: token, username: 'nuova.operatrice', password, next: '/' });
      expect(signin.headers.location).toMatch(/^\/session\/organization/);

      const detail = await admin.get(`/api/v1/admin/operators/${operatorId}`).expect(200);
      const clerk = (detail.body.memberships as { id: string; roleId: string }[]).find((m) => m.roleId === 'clerk')!;
      const worker = await browser(app, 'nuova.operatrice', password);
      await worker.form('/session/organization', { membershipId: clerk.id, next: '/' }).expect(302);
      expect((await worker.get('/api/v1/me').expect(200)).body.role.id).toBe('clerk');
      const issued = await worker.form('/account/tokens', { name: 'sportello', membershipId: clerk.id }).expect(200);
      const bearer = `Bearer ${/<code class="fs-6">(sgs_[^<]+)<\/code>/.exec(issued.text)![1]!}`;
      await app.newAgent().get('/api/v1/me').set('Authorization', bearer).expect(200);

      await admin.form(`/admin/operators/${operatorId}/memberships/${clerk.id}/remove`).expect(302);
      const after = await admin.get(`/api/v1/admin/operators/${operatorId}`).expect(200);
      expect((after.body.memberships as { roleId: string }[]).map((m) => m.roleId)).toEqual(['access-point-operator']);
      // The session and the token that acted in it are over.
      await worker.get('/api/v1/me').expect(401);
      await app.newAgent().get('/api/v1/me').set('Authorization', bearer).expect(401);
      const changes = (await auditOf('membership', clerk.id)).map((e) => e.action).filter((a) => a.startsWith('membership.'));
      expect(changes).toEqual(['membership.create', 'membership.delete']);
    });

    it('unlocks an account locked by failed sign-ins', async () => {
      const stranger = app.newAgent();
      const token = await formToken(stranger);
      for (let i = 0; i < 5; i++) {
        await stranger.post('/login').type('form').send({ _csrf: token, username: 'nuova.operatrice', password: 'sbagliata-davvero' });
      }
      const locked = await stranger.post('/login').type('form').send({ _csrf: token, username: 'nuova.operatrice', password });
      expect(locked.status).toBe(423);
      const page = await admin.get(`/admin/operators/${operatorId}`).expect(200);
      expect(page.text).toContain('data-testid="locked"');
      await admin.form(`/admin/operators/${operatorId}/unlock`).expect(302);
      expect((await admin.get(`/admin/operators/${operatorId}?saved=unlocked`)).text).toContain('Account sbloccato.');
      await signIn(app, 'nuova.operatrice', password);
    });

    it('ends all sessions of an operator, and deactivation blocks signing in until reactivated', async () => {
      const worker = await signIn(app, 'nuova.operatrice', password);
      const ended = await admin.post(`/api/v1/admin/operators/${operatorId}/sessions/end`).expect(200);
      expect(ended.body.ended).toBeGreaterThanOrEqual(1);
      await worker.get('/api/v1/me').expect(401);

      const again = await signIn(app, 'nuova.operatrice', password);
      const off = await admin.put(`/api/v1/admin/operators/${operatorId}/status`, { active: false }).expect(200);
      expect(off.body).toMatchObject({ active: false, activeSessions: 0 });
      await again.get('/api/v1/me').expect(401);
      await expect(signIn(app, 'nuova.operatrice', password)).rejects.toThrow(/answered 401/);

      await admin.form(`/admin/operators/${operatorId}/status`, { active: 'true' }).expect(302);
      expect((await admin.get(`/admin/operators/${operatorId}`)).text).toMatch(/data-testid="status">Attivo/);
      await signIn(app, 'nuova.operatrice', password);
      expect((await auditOf('operator', operatorId)).map((e) => e.action)).toEqual(
        expect.arrayContaining(['operator.unlock', 'operator.sessions-end', 'operator.deactivate', 'operator.reactivate']),
      );
    });

    it('keeps the administrator of demo-comune to the accounts of its subtree, and away from reserved roles', async () => {
      const list = await ente.get('/api/v1/admin/operators?pageSize=100').expect(200);
      const names = (list.body.items as { username: string }[]).map((o) => o.username);
      expect(names).toEqual(expect.arrayContaining(['ente', 'assistente', 'pua', 'segretariato', 'educatore', 'sportello.nord']));
      for (const other of ['admin', 'allerona', 'privacy', 'nuova.operatrice']) expect(names).not.toContain(other);
      const search = await ente.get('/admin/operators?q=sport').expect(200);
      expect(search.text).toContain('data-operator="sportello.nord"');
      expect(search.text).not.toContain('data-operator="allerona"');

      const allerona = (await admin.get('/api/v1/admin/operators?q=allerona').expect(200)).body.items[0].id as string;
      await ente.get(`/admin/operators/${allerona}`).expect(404);
      await ente.get(`/api/v1/admin/operators/${allerona}`).expect(404);
      await ente.put(`/api/v1/admin/operators/${allerona}/status`, { active: false }).expect(404);
      await ente
        .post(`/api/v1/admin/operators/${allerona}/memberships`, { organizationId: orgId('demo-pua'), roleId: 'clerk' })
        .expect(404);

      const pua = (await ente.get('/api/v1/admin/operators?q=pua').expect(200)).body.items.find(
        (o: { username: string }) => o.username === 'pua',
      ).id as string;
      const reserved = await ente
        .post(`/api/v1/admin/operators/${pua}/memberships`, { organizationId: orgId('demo-comune'), roleId: 'system-admin' })
        .expect(422);
      expect(fields(reserved.body)).toEqual({
        roleId: "Questo ruolo può essere assegnato solo da chi amministra l'intera installazione.",
      });
      const elsewhere = await ente
        .post(`/api/v1/admin/operators/${pua}/memberships`, { organizationId: orgId('demo-comune-2'), roleId: 'clerk' })
        .expect(422);
      expect(fields(elsewhere.body)).toEqual({ organizationId: 'Scegli un ente che amministri.' });
      // The page offers neither.
      const page = await ente.get(`/admin/operators/${pua}`).expect(200);
      expect(page.text).not.toContain('value="system-admin"');
      expect(page.text).not.toContain(`value="${orgId('demo-comune-2')}"`);

      // An account that also works elsewhere: its memberships here may go, the account is not theirs to switch off.
      await admin
        .post(`/api/v1/admin/operators/${pua}/memberships`, { organizationId: orgId('demo-comune-2'), roleId: 'clerk' })
        .expect(201);
      const seen = await ente.get(`/api/v1/admin/operators/${pua}`).expect(200);
      expect(seen.body).toMatchObject({ elsewhere: true, memberships: [{ organizationId: orgId('demo-pua') }] });
      // The page explains instead of offering the account's actions; the server refuses them anyway.
      const explained = await ente.get(`/admin/operators/${pua}`).expect(200);
      expect(explained.text).toContain('data-testid="account-refusal"');
      expect(explained.text).not.toContain(`/admin/operators/${pua}/status`);
      const refused = await ente.put(`/api/v1/admin/operators/${pua}/status`, { active: false }).expect(403);
      expect(refused.body.detail).toMatch(/incarichi anche in enti che non amministri/);
      const onPage = await ente.form(`/admin/operators/${pua}/status`, { active: 'false' }).expect(403);
      expect(onPage.text).toContain('data-testid="problem"');
      expect((await ente.get(`/api/v1/admin/operators/${pua}`)).body.active).toBe(true);
    });

    it('never lets an administrator lock everyone out', async () => {
      const me = await admin.get('/api/v1/admin/operators?q=admin').expect(200);
      const adminId = (me.body.items as { id: string; username: string }[]).find((o) => o.username === 'admin')!.id;
      const self = await admin.put(`/api/v1/admin/operators/${adminId}/status`, { active: false }).expect(409);
      expect(self.body.detail).toBe('Non puoi disattivare il tuo stesso account.');
      const own = (await admin.get(`/api/v1/admin/operators/${adminId}`)).body.memberships[0].id as string;
      const removing = await admin.del(`/api/v1/admin/operators/${adminId}/memberships/${own}`).expect(409);
      expect(removing.body.detail).toBe("Non puoi revocare l'incarico con cui stai lavorando ora.");

      // An accounts manager of the whole installation, who may not change the matrix, cannot take away the last who can.
      await admin
        .post('/api/v1/admin/roles', { id: 'gestore-account', nameIt: 'Gestore degli account', nameEn: 'Accounts manager' })
        .expect(201);
      const matrix = (await admin.get('/api/v1/admin/matrix').expect(200)).body as {
        version: string;
        roles: { id: string; permissions: string[] }[];
      };
      const grants = matrix.roles.flatMap((r) => r.permissions.map((p) => `${r.id}:${p}`));
      await admin
        .put('/api/v1/admin/matrix', {
          version: matrix.version,
          grants: [...grants, 'gestore-account:core.admin.operators', 'gestore-account:core.admin.installation'],
        })
        .expect(200);
      await admin
        .post('/api/v1/admin/operators', {
          username: 'gestore',
          displayName: 'Gino Gestore',
          password: 'gestire-gli-account-1',
          organizationId: orgId('demo-regione'),
          roleId: 'gestore-account',
        })
        .expect(201);
      const manager = await browser(app, 'gestore', 'gestire-gli-account-1');
      const lockout = await manager.put(`/api/v1/admin/operators/${adminId}/status`, { active: false }).expect(409);
      expect(lockout.body.detail).toMatch(/: core\.admin\.roles\.$/);
      await manager.del(`/api/v1/admin/operators/${adminId}/memberships/${own}`).expect(409);
      expect((await admin.get(`/api/v1/admin/operators/${adminId}`).expect(200)).body).toMatchObject({
        active: true,
        memberships: [{ id: own }],
      });
    });
  });

  describe('roles and the permission matrix', () => {
    /** The matrix page's current grants and version, as its form would send them back. */
    async function matrixForm(who: Browser): Promise<{ grants: string[]; version: string }> {
      const page = await who.get('/admin/roles/matrix').expect(200);
      const grants = [...page.text.matchAll(/name="grants" value="([^"]+)" checked/g)].map((m) => m[1]!);
      const version = /name="version" value="([^"]+)"/.exec(page.text)![1]!;
      return { grants, version };
    }

    it("shows every role, the plugins' included, and the matrix read-only to an organization administrator", async () => {
      const roles = await ente.get('/admin/roles').expect(200);
      expect(roles.text).toContain('data-role="hello-greeter"');
      expect(roles.text).toContain('Modulo hello');
      const matrix = await ente.get('/admin/roles/matrix').expect(200);
      expect(matrix.text).toContain('data-permission="core.people.view"');
      expect(matrix.text).toContain('Cercare e consultare le persone e i nuclei familiari');
      expect(matrix.text).not.toContain('name="grants"');
      await ente.form('/admin/roles/matrix', { grants: [] }).expect(403);
      await ente.put('/api/v1/admin/matrix', { grants: [] }).expect(403);
      const api = await ente.get('/api/v1/admin/roles').expect(200);
      expect((api.body.items as { id: string; permissions: string[] }[]).find((r) => r.id === 'hello-greeter')).toMatchObject({
        owner: 'hello',
        // Granted what its plugin grants and, like every signed-in role, what is granted to "operator".
        permissions: expect.arrayContaining(['hello.view', 'core.territory.view']),
      });
    });

    it('grants and revokes: what a role may do changes at once', async () => {
      const privacy = await signIn(app, 'privacy');
      await privacy.get('/audit').expect(200);
      const before = await matrixForm(admin);
      expect(before.grants).toContain('privacy-officer:core.audit.view');
      const revoked = await admin
        .form('/admin/roles/matrix', { ...before, grants: before.grants.filter((g) => g !== 'privacy-officer:core.audit.view') })
        .expect(302);
      expect((await admin.get(revoked.headers.location!)).text).toContain('Matrice salvata.');
      await privacy.get('/audit').expect(403);

      // The form read before the change is stale now.
      const stale = await admin.form('/admin/roles/matrix', before).expect(409);
      expect(stale.text).toContain('Nel frattempo qualcuno ha modificato la matrice');

      const current = (await admin.get('/api/v1/admin/matrix').expect(200)).body as {
        version: string;
        roles: { id: string; permissions: string[] }[];
      };
      const grants = current.roles.flatMap((r) => r.permissions.map((p) => `${r.id}:${p}`));
      const restored = await admin.put('/api/v1/admin/matrix', {
        version: current.version,
        grants: [...grants, 'privacy-officer:core.audit.view'],
      });
      expect(restored.status).toBe(200);
      await privacy.get('/audit').expect(200);
      expect((await auditOf('role', 'privacy-officer')).map((e) => [e.action, e.details.permission])).toEqual([
        ['role.revoke', 'core.audit.view'],
        ['role.grant', 'core.audit.view'],
      ]);
    });

    it('refuses a matrix nobody could administer, visitors given what is not public, and unknown grants', async () => {
      const { grants, version } = await matrixForm(admin);
      const lockout = await admin.put('/api/v1/admin/matrix', { version, grants: grants.filter((g) => !g.endsWith(':core.admin.roles')) });
      expect(lockout.status).toBe(409);
      expect(lockout.body.detail).toMatch(/nessuno potrebbe più amministrare l'installazione: core\.admin\.roles/);
      const page = await admin
        .form('/admin/roles/matrix', { version, grants: grants.filter((g) => !g.startsWith('system-admin:')) })
        .expect(409);
      expect(page.text).toContain('data-testid="problem"');
      // The page shows what the administrator asked for, to correct it.
      expect(page.text).not.toMatch(/name="grants" value="system-admin:core\.admin\.roles" checked/);

      const visitors = await admin
        .put('/api/v1/admin/matrix', { version, grants: [...grants, 'anonymous:core.admin.operators'] })
        .expect(422);
      expect(fields(visitors.body)).toEqual({
        grants: 'Ai visitatori non autenticati si danno solo i permessi che il modulo dichiara pubblici (core.admin.operators).',
      });
      const people = await admin.put('/api/v1/admin/matrix', { version, grants: [...grants, 'anonymous:core.people.view'] }).expect(422);
      expect(fields(people.body).grants).toMatch(/\(core\.people\.view\)/);
      const unknown = await admin.put('/api/v1/admin/matrix', { version, grants: [...grants, 'clerk:core.nothing.here'] }).expect(422);
      expect(fields(unknown.body).grants).toMatch(/sconosciuto: clerk:core\.nothing\.here/);
      const malformed = await admin.put('/api/v1/admin/matrix', { grants: ['not a grant'] }).expect(422);
      expect(fields(malformed.body)).toEqual({ 'grants.0': 'Permesso non valido nella matrice.' });
      expect((await matrixForm(admin)).version).toBe(version);
    });

    it('creates a custom role, which the matrix and memberships then use', async () => {
      const bad = await admin.form('/admin/roles', { id: 'Coordinatore PUA', nameIt: '', nameEn: 'PUA coordinator' }).expect(422);
      expect(summary(bad.text)).toEqual(['Usa lettere minuscole, cifre e trattini, iniziando con una lettera.', 'Campo obbligatorio.']);
      await admin.form('/admin/roles', { id: 'coordinatore-pua', nameIt: 'Coordinatore PUA', nameEn: 'PUA coordinator' }).expect(302);
      const taken = await admin.post('/api/v1/admin/roles', { id: 'coordinatore-pua', nameIt: 'X', nameEn: 'X' }).expect(422);
      expect(fields(taken.body)).toEqual({ id: 'Esiste già un ruolo con questo identificativo.' });
      await ente.post('/api/v1/admin/roles', { id: 'altro', nameIt: 'X', nameEn: 'X' }).expect(403);

      const { grants, version } = await matrixForm(admin);
      expect(grants.filter((g) => g.startsWith('coordinatore-pua:'))).toEqual([]);
      await admin.form('/admin/roles/matrix', { version, grants: [...grants, 'coordinatore-pua:core.people.view'] }).expect(302);

      const point = orgId('demo-pua');
      await ente
        .post('/api/v1/admin/operators', {
          username: 'coordinatrice',
          displayName: 'Cora Coordinatrice',
          password: 'coordinare-bene-2026',
          organizationId: point,
          roleId: 'coordinatore-pua',
        })
        .expect(201);
      const coordinator = await signIn(app, 'coordinatrice', 'coordinare-bene-2026');
      await coordinator.get('/people').expect(200);
      await coordinator.get('/people/new').expect(403);
      expect((await auditOf('role', 'coordinatore-pua')).map((e) => e.action)).toEqual(['role.create', 'role.grant']);
    });
  });
});
