// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { createTestApp, formToken as csrf, signIn, type TestApp } from '../src/testing';
import { prepare } from '../src/platform';
import { StartupError } from '../src/kernel/errors';
import { fixtureConfig, tempWorkspace, writePlugin, type FixturePlugin } from './fixtures';

/** The fixture helper writes no roles: a plugin that brings one gets it added to its manifest. */
function withRoles(dir: string, roles: string[]): void {
  const file = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { sigess: Record<string, unknown> };
  pkg.sigess.roles = roles.map((id) => ({ id, name: { it: id, en: id } }));
  writeFileSync(file, JSON.stringify(pkg));
}

/**
 * A partner system's feed: `Authorization: Bearer key-<client>` for `/p/partner/feed/<organization code>/…`,
 * a stand-in for a PDND voucher. `partner.feed` is also granted to organization administrators, so that a
 * session's or a personal token's way in would succeed if the guarded prefix listened to them.
 */
const PARTNER: FixturePlugin = {
  id: 'partner',
  permissions: [
    { id: 'partner.feed', defaultRoles: ['partner-client', 'org-admin'] },
    { id: 'partner.manage', defaultRoles: ['org-admin'] },
  ],
  code: `register(p) {
    p.contribute(sdk.ServiceAuthenticators, {
      id: 'partner.feed',
      prefix: '/feed/',
      role: 'partner-client',
      authenticate: async ({ authorization, path, em }) => {
        const key = /^Bearer key-([a-z]+)$/.exec(authorization || '');
        if (!key) return null;
        const code = /^\\/feed\\/([a-z0-9-]+)\\//i.exec(path);
        const [org] = code ? await em.execute('select id::text as id from core.organization where code = ?', [code[1]]) : [];
        if (!org) throw sdk.HttpError.notFound();
        return { clientId: key[1], organizationId: org.id };
      },
    });
    p.routes((r) => {
      r.get('people', '/feed/:org/people', { permission: 'partner.feed' }, async (ctx) => {
        const rows = await ctx.em.execute('select id::text as id, owner_org_id::text as owner from core.person order by id');
        await ctx.audit({ action: 'partner.feed.read', entity: 'person', entityId: rows[0].id, details: { count: rows.length } });
        return { json: { org: ctx.org, operator: ctx.operator, owners: [...new Set(rows.map((row) => row.owner))] } };
      });
      r.post('ack', '/feed/:org/ack', { permission: 'partner.feed' }, () => ({ problem: { type: 'about:blank', title: 'Recorded', status: 200 } }));
      r.get('manage', '/feed/:org/manage', { permission: 'partner.manage' }, () => ({ json: { ok: true } }));
      r.get('outside', '/outside', { permission: 'partner.feed' }, () => ({ json: { ok: true } }));
    });
  }`,
};

const PROBLEM_MEMBERS = ['detail', 'instance', 'status', 'title', 'type'];

describe('service authentication for a plugin’s e-service', () => {
  let app: TestApp;
  const orgs = new Map<string, string>();
  beforeAll(async () => {
    const root = tempWorkspace('service-auth');
    withRoles(writePlugin(root, PARTNER), ['partner-client']);
    app = await createTestApp({ rootDir: root, plugins: ['partner'] });
    const rows = await app.platform.orm.em
      .fork()
      .execute<{ id: string; code: string }[]>('select id::text as id, code from core.organization');
    for (const row of rows) orgs.set(row.code, row.id);
  });
  afterAll(() => app.close());

  it('lets a recognized client in, acting in the organization it names with the declared role, and no operator', async () => {
    const res = await app.newAgent().get('/p/partner/feed/demo-comune/people').set('Authorization', 'Bearer key-inps').expect(200);
    expect(res.body.org).toEqual({ id: orgs.get('demo-comune'), code: 'demo-comune', name: 'Comune di Orvieto' });
    expect(res.body.operator).toBeNull();
    // Row-level security: the organization and those below it (its PUA, its segretariato), nothing else.
    const below = ['demo-comune', 'demo-pua', 'demo-segretariato'].map((code) => orgs.get(code));
    expect(res.body.owners.length).toBeGreaterThan(0);
    for (const owner of res.body.owners) expect(below).toContain(owner);
    const other = await app.newAgent().get('/p/partner/feed/demo-comune-2/people').set('Authorization', 'Bearer key-inps').expect(200);
    expect(other.body.owners).toEqual([orgs.get('demo-comune-2')]);
  });

  it('names the client in the audit log, in its organization and role, and the chain stays intact', async () => {
    await app.newAgent().get('/p/partner/feed/demo-comune-3/people').set('Authorization', 'Bearer key-auditee').expect(200);
    const em = app.platform.orm.em.fork();
    const entries = await em.execute<{ actor: string | null; operator_id: string | null; organization_id: string; role_id: string }[]>(
      `select actor, operator_id, organization_id::text as organization_id, role_id
       from core.audit_chain(0, 100000) where action = 'partner.feed.read' and actor = 'service:auditee'`,
    );
    expect(entries).toEqual([
      { actor: 'service:auditee', operator_id: null, organization_id: orgs.get('demo-comune-3'), role_id: 'partner-client' },
    ]);
    expect((await app.platform.audit.verify(em)).firstBroken).toBeNull();
    // The privacy officer finds the client's entries on the audit page, named as the log names it.
    const officer = await signIn(app, 'privacy');
    const page = await officer.get('/audit?operator=service%3Aauditee').expect(200);
    expect(page.text).toContain('service:auditee');
  });

  it('answers 401 problem+json without a credential, with one the authenticator refuses, or with a session or personal token', async () => {
    const anonymous = await app.newAgent().get('/p/partner/feed/demo-comune/people').expect(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    expect(Object.keys(anonymous.body).sort()).toEqual(PROBLEM_MEMBERS);
    expect(anonymous.body.status).toBe(401);
    await app.newAgent().get('/p/partner/feed/demo-comune/people').set('Authorization', 'Bearer key-NOPE').expect(401);
    await app.newAgent().get('/p/partner/feed/demo-comune/people').set('Authorization', 'Basic a2V5LWlucHM=').expect(401);

    // An organization administrator holds partner.feed through the matrix: their session and token still count for nothing here.
    const ente = await signIn(app, 'ente');
    await ente.get('/p/partner/outside').expect(200);
    await ente.get('/p/partner/feed/demo-comune/people').expect(401);
    // The router matches paths whatever their case; so does the guard.
    await ente.get('/p/partner/FEED/demo-comune/people').expect(401);
    const account = await ente.get('/account').expect(200);
    const membershipId =
      /<option value="([0-9a-f-]{36})"/.exec(account.text)?.[1] ?? /name="membershipId" value="([0-9a-f-]{36})"/.exec(account.text)?.[1];
    const created = await ente
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: await csrf(ente, '/account'), name: 'script', membershipId })
      .expect(200);
    const token = /<code class="fs-6">(sgs_[A-Za-z0-9_-]+)<\/code>/.exec(created.text)![1]!;
    await app.newAgent().get('/p/partner/outside').set('Authorization', `Bearer ${token}`).expect(200);
    await app.newAgent().get('/p/partner/feed/demo-comune/people').set('Authorization', `Bearer ${token}`).expect(401);
    // Nor does a client credential open anything outside the prefix.
    await app.newAgent().get('/p/partner/outside').set('Authorization', 'Bearer key-inps').expect(401);
  });

  it('skips the CSRF check under the prefix: a session cookie carries no authority there', async () => {
    const ente = await signIn(app, 'ente');
    // Without a CSRF token a session's POST is refused elsewhere (403); here it is simply not authenticated.
    await ente.post('/p/partner/feed/demo-comune/ack').send({}).expect(401);
    const acked = await ente.post('/p/partner/feed/demo-comune/ack').set('Authorization', 'Bearer key-inps').send({}).expect(200);
    expect(acked.headers['set-cookie']).toBeUndefined();
  });

  it('answers what the authenticator throws (404 for an unknown tenant), and 403 for a permission the role lacks', async () => {
    const unknown = await app.newAgent().get('/p/partner/feed/nowhere/people').set('Authorization', 'Bearer key-inps').expect(404);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    const refused = await app.newAgent().get('/p/partner/feed/demo-comune/manage').set('Authorization', 'Bearer key-inps').expect(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    // Unknown paths under the prefix are problem+json too, whatever the client accepts.
    const missing = await app
      .newAgent()
      .get('/p/partner/feed/demo-comune/nothing')
      .set('Authorization', 'Bearer key-inps')
      .set('Accept', '*/*');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });

  it('sends a route’s own problem document exactly, with its status', async () => {
    const res = await app.newAgent().post('/p/partner/feed/demo-comune/ack').set('Authorization', 'Bearer key-inps').send({}).expect(200);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.text).toBe('{"type":"about:blank","title":"Recorded","status":200}');
  });
});

describe('the start-up checks of a service authenticator', () => {
  function refusal(name: string, plugin: FixturePlugin, roles: string[]): string {
    const root = tempWorkspace(name);
    withRoles(writePlugin(root, plugin), roles);
    try {
      prepare(fixtureConfig(root, { plugins: [plugin.id] }), { log: pino({ level: 'silent' }) });
    } catch (error) {
      if (error instanceof StartupError) return error.message;
      throw error;
    }
    throw new Error('start-up was not refused');
  }
  const plugin = (authenticators: string): FixturePlugin => ({
    id: 'guarded',
    permissions: [{ id: 'guarded.feed' }],
    code: `register(p) {
      p.routes((r) => r.get('feed', '/feed/list', { permission: 'guarded.feed' }, () => ({ json: [] })));
      ${authenticators}
    }`,
  });
  const authenticator = (id: string, prefix: string, role: string) =>
    `p.contribute(sdk.ServiceAuthenticators, { id: '${id}', prefix: '${prefix}', role: '${role}', authenticate: async () => null });`;

  it('refuses a prefix that is no path between slashes, or under which no route of the plugin lies', () => {
    const message = refusal(
      'service-auth-prefix',
      plugin(
        [
          authenticator('guarded.a', 'feed', 'guarded-client'),
          authenticator('guarded.b', '/../', 'guarded-client'),
          authenticator('guarded.c', '/other/', 'guarded-client'),
        ].join('\n'),
      ),
      ['guarded-client'],
    );
    expect(message).toContain('service authenticator "guarded.a": prefix "feed" must be a path of the plugin\'s routes between slashes');
    expect(message).toContain('service authenticator "guarded.b": prefix "/../" must be a path');
    expect(message).toContain('service authenticator "guarded.c": no route of "guarded" lies under "/other/"');
  });

  it('refuses a role the plugin does not declare (a core role, say) and overlapping prefixes', () => {
    const message = refusal(
      'service-auth-role',
      plugin(
        [authenticator('guarded.a', '/feed/', 'system-admin'), authenticator('guarded.b', '/feed/list/', 'guarded-client')].join('\n'),
      ),
      ['guarded-client'],
    );
    expect(message).toContain('service authenticator "guarded.a": role "system-admin" is not one "guarded" declares');
    expect(message).toContain('service authenticator "guarded.a": prefix "/feed/" overlaps that of "guarded.b"');
  });
});
