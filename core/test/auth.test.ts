// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, formToken as csrf, signIn, type TestApp } from '../src/testing';
import { DEMO_PASSWORD } from '../src/modules/operators/demo';
import { LOCKOUT } from '../src/modules/operators/operators';
import { FAILURES_PER_ADDRESS } from '../src/http/auth-routes';
import { tempWorkspace, writePlugin } from './fixtures';

describe('signing in with a local account', () => {
  let app: TestApp;
  beforeAll(async () => {
    // A workspace with a plugin whose page only social workers may open.
    const root = tempWorkspace('auth');
    writePlugin(root, {
      id: 'casework',
      permissions: [{ id: 'casework.view', defaultRoles: ['social-worker'] }],
      code: "register(p) { p.routes((r) => { r.get('index', '/', { permission: 'casework.view' }, () => ({ json: { ok: true } })); r.get('api', '/api/v1/casework', { permission: 'casework.view' }, () => ({ json: { ok: true } })); }); }",
    });
    // An identity provider that trusts `?code=<subject>` when the state matches: a stand-in for SPID/CIE.
    writePlugin(root, {
      id: 'idp',
      locales: { it: { button: 'Entra con IdP di prova' }, en: { button: 'Sign in with the test IdP' } },
      code: `register(p) { p.contribute(sdk.AuthProviders, {
        id: 'idp.test', labelKey: 'idp:button',
        begin: async ({ returnUrl, state }) => '/fake-idp?return=' + encodeURIComponent(returnUrl) + '&state=' + state,
        complete: async ({ query, state }) => (query.state === state && query.code ? { subject: String(query.code) } : null),
      }); }`,
    });
    app = await createTestApp({ rootDir: root, plugins: ['casework', 'idp'] });
  });
  afterAll(() => app.close());

  it('shows the operator in the header after signing in, and /api/v1/me tells who acts where', async () => {
    const agent = await signIn(app, 'pua');
    const home = await agent.get('/').expect(200);
    expect(home.text).toContain('data-testid="operator"');
    expect(home.text).toContain('Paola Sportello');
    const me = await agent.get('/api/v1/me').expect(200);
    expect(me.body).toEqual(
      expect.objectContaining({
        organization: expect.objectContaining({ code: 'demo-pua' }),
        role: { id: 'access-point-operator', name: 'Operatore PUA / segretariato sociale' },
        via: 'session',
      }),
    );
  });

  it('refuses a wrong password with a message on the field, and a form without its token', async () => {
    const agent = app.newAgent();
    const token = await csrf(agent);
    const wrong = await agent.post('/login').type('form').send({ _csrf: token, username: 'educatore', password: 'nope' }).expect(401);
    expect(wrong.text).toContain('Nome utente o password non corretti.');
    expect(wrong.text).toContain('aria-invalid="true" aria-describedby="field-password-error"');
    const empty = await agent.post('/login').type('form').send({ _csrf: token, username: '', password: '' }).expect(422);
    expect(empty.text).toContain('Inserisci il nome utente.');
    expect(empty.text).toContain('Inserisci la password.');
    await agent.post('/login').type('form').send({ username: 'educatore', password: DEMO_PASSWORD }).expect(403);
  });

  it(`locks an account after ${LOCKOUT.attempts} failed attempts, even for the right password`, async () => {
    const agent = app.newAgent();
    const token = await csrf(agent);
    for (let i = 0; i < LOCKOUT.attempts - 1; i += 1) {
      await agent
        .post('/login')
        .type('form')
        .send({ _csrf: token, username: 'amministrativo', password: `wrong-${i}` })
        .expect(401);
    }
    const locked = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: token, username: 'amministrativo', password: 'wrong-last' })
      .expect(423);
    expect(locked.text).toContain('l&#x27;account è bloccato');
    await agent.post('/login').type('form').send({ _csrf: token, username: 'amministrativo', password: DEMO_PASSWORD }).expect(423);
  });

  it('asks an operator with several memberships to choose, then acts in the chosen one', async () => {
    const agent = await signIn(app, 'assistente');
    const home = await agent.get('/').expect(302);
    expect(home.headers.location).toBe('/session/organization?next=%2F');
    const page = await agent.get('/session/organization').expect(200);
    const pua = /id="membership-([0-9a-f-]+)" value="[^"]+">\s*<label[^>]*><strong>Punto Unico/.exec(page.text)?.[1];
    expect(pua).toBeDefined();
    await agent
      .post('/session/organization')
      .type('form')
      .send({ _csrf: await csrf(agent, '/session/organization'), membershipId: pua, next: '/' })
      .expect(302);
    expect((await agent.get('/api/v1/me').expect(200)).body.organization.code).toBe('demo-pua');
  });

  it('checks permissions from the role matrix: visitors are sent to sign in, other roles get 403', async () => {
    const visitor = app.newAgent();
    const redirect = await visitor.get('/p/casework').expect(302);
    expect(redirect.headers.location).toBe('/login?next=%2Fp%2Fcasework');
    await visitor.get('/p/casework/api/v1/casework').expect(401);
    await (await signIn(app, 'pua')).get('/p/casework').expect(403);
    await (await signIn(app, 'responsabile')).get('/p/casework').expect(403);
    const worker = await signIn(app, 'assistente');
    await worker
      .post('/session/organization')
      .type('form')
      .send({
        _csrf: await csrf(worker, '/session/organization'),
        membershipId: /value="([0-9a-f-]{36})"/.exec((await worker.get('/session/organization')).text)![1],
        next: '/',
      });
    expect((await worker.get('/p/casework').expect(200)).body).toEqual({ ok: true });
  });

  it('changes the password with field-by-field errors, and the old one stops working', async () => {
    const agent = await signIn(app, 'educatore');
    const token = await csrf(agent, '/account');
    const mismatch = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: token, current: DEMO_PASSWORD, next: 'a-long-new-password', confirm: 'different' })
      .expect(422);
    expect(mismatch.text).toContain('Le due password non coincidono.');
    const short = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: token, current: DEMO_PASSWORD, next: 'short', confirm: 'short' })
      .expect(422);
    expect(short.text).toContain('almeno 12 caratteri');
    const wrong = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: token, current: 'wrong', next: 'a-long-new-password', confirm: 'a-long-new-password' })
      .expect(422);
    expect(wrong.text).toContain('La password attuale non è corretta.');
    const ok = await agent
      .post('/account/password')
      .type('form')
      .send({ _csrf: token, current: DEMO_PASSWORD, next: 'a-long-new-password', confirm: 'a-long-new-password' })
      .expect(200);
    expect(ok.text).toContain('La password è stata cambiata.');
    await expect(signIn(app, 'educatore')).rejects.toThrow(/answered 401/);
    await signIn(app, 'educatore', 'a-long-new-password');
  });

  it('signs out here, and everywhere', async () => {
    const first = await signIn(app, 'segretariato');
    const second = await signIn(app, 'segretariato');
    await first
      .post('/logout')
      .type('form')
      .send({ _csrf: await csrf(first, '/') })
      .expect(302);
    await first.get('/api/v1/me').expect(401);
    await second.get('/api/v1/me').expect(200);
    const third = await signIn(app, 'segretariato');
    await third
      .post('/account/sessions/end-all')
      .type('form')
      .send({ _csrf: await csrf(third, '/account') })
      .expect(302);
    await second.get('/api/v1/me').expect(401);
    await third.get('/api/v1/me').expect(401);
  });

  it('ends sessions idle for longer than the idle limit, and sessions past the absolute limit', async () => {
    const em = app.platform.orm.em.fork();
    const idle = await signIn(app, 'responsabile');
    const busy = await signIn(app, 'educatore', 'a-long-new-password');
    await em.execute(
      "update core.session set last_seen_at = now() - interval '31 minutes' where operator_id = (select id from core.operator where username = 'responsabile')",
    );
    await idle.get('/api/v1/me').expect(401);
    await busy.get('/api/v1/me').expect(200);
    await em.execute(
      "update core.session set expires_at = now() - interval '1 second' where operator_id = (select id from core.operator where username = 'educatore')",
    );
    await busy.get('/api/v1/me').expect(401);
  });

  it('issues personal API tokens that act in one membership, need no CSRF token, and can be revoked', async () => {
    const agent = await signIn(app, 'asl');
    const account = await agent.get('/account').expect(200);
    const membershipId = /<option value="([0-9a-f-]{36})"/.exec(account.text)![1];
    const created = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: await csrf(agent, '/account'), name: 'script', membershipId })
      .expect(200);
    const token = /<code class="fs-6">(sgs_[A-Za-z0-9_-]+)<\/code>/.exec(created.text)![1]!;
    const api = app.newAgent();
    const me = await api.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toEqual(expect.objectContaining({ via: 'token', organization: expect.objectContaining({ code: 'demo-asl' }) }));
    const bad = await api.get('/api/v1/me').set('Authorization', 'Bearer sgs_nope').expect(401);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const id = /action="\/account\/tokens\/([0-9a-f-]{36})\/revoke"/.exec((await agent.get('/account')).text)![1];
    await agent
      .post(`/account/tokens/${id}/revoke`)
      .type('form')
      .send({ _csrf: await csrf(agent, '/account') })
      .expect(302);
    await api.get('/api/v1/me').set('Authorization', `Bearer ${token}`).expect(401);
    const empty = await agent
      .post('/account/tokens')
      .type('form')
      .send({ _csrf: await csrf(agent, '/account'), name: '', membershipId })
      .expect(422);
    expect(empty.text).toContain('Dai un nome al token.');
  });

  it('signs in through an identity provider plugin, for identities linked to an operator only', async () => {
    const em = app.platform.orm.em.fork();
    await em.execute(
      "insert into core.operator_identity (provider, subject, operator_id) select 'idp.test', 'TINIT-PUA', id from core.operator where username = 'pua'",
    );
    const agent = app.newAgent();
    expect((await agent.get('/login').expect(200)).text).toContain('Entra con IdP di prova');
    const begin = await agent.get('/login/idp.test').expect(302);
    const state = /state=([A-Za-z0-9_-]+)/.exec(begin.headers.location!)![1];
    expect(begin.headers.location).toContain(encodeURIComponent('/login/idp.test/callback'));
    await agent.get(`/login/idp.test/callback?code=TINIT-PUA&state=${state}`).expect(302);
    expect((await agent.get('/api/v1/me').expect(200)).body.operator.displayName).toBe('Paola Sportello');

    const stranger = app.newAgent();
    const strangerState = /state=([A-Za-z0-9_-]+)/.exec((await stranger.get('/login/idp.test')).headers.location!)![1];
    const refused = await stranger.get(`/login/idp.test/callback?code=TINIT-NOBODY&state=${strangerState}`).expect(403);
    expect(refused.text).toContain('non è associata a nessun operatore');
    const forged = app.newAgent();
    await forged.get('/login/idp.test');
    await forged.get('/login/idp.test/callback?code=TINIT-PUA&state=forged').expect(403);
  });

  it('keeps an administrator’s revocation of a default grant across restarts', async () => {
    const em = app.platform.orm.em.fork();
    await em.execute("delete from core.role_permission where role_id = 'anonymous' and permission_id = 'core.catalogue.view'");
    app.platform.matrix.invalidate();
    await app.platform.matrix.seed(em);
    const grants = await app.platform.matrix.load(em);
    expect(grants.get('anonymous')?.has('core.catalogue.view')).toBe(false);
    expect(grants.get('anonymous')?.has('core.home.view')).toBe(true);
    await app.newAgent().get('/api/v1/catalogue').expect(401);
  });

  // Last: it leaves this test client's address throttled.
  it(`throttles an address after ${FAILURES_PER_ADDRESS} failed sign-ins, whatever the usernames`, async () => {
    const agent = app.newAgent();
    const token = await csrf(agent);
    // Earlier tests' failures from this address count too: fail until the limit answers.
    const statuses: number[] = [];
    for (let i = 0; i <= FAILURES_PER_ADDRESS && statuses.at(-1) !== 429; i += 1) {
      statuses.push(
        (
          await agent
            .post('/login')
            .type('form')
            .send({ _csrf: token, username: `guess-${i}`, password: 'x' })
        ).status,
      );
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    const throttled = await agent.post('/login').type('form').send({ _csrf: token, username: 'pua', password: DEMO_PASSWORD }).expect(429);
    expect(throttled.text).toContain('Troppi tentativi di accesso da questo indirizzo');
  });
});
