// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, formToken, signIn, type TestApp } from '../src/testing';
import { localToday } from '../src/sdk/local-time';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** As the database owner: setting up facts and checking rows, past row-level security. */
async function asOwner<R>(app: TestApp, sql: string, params: unknown[] = []): Promise<R[]> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await em.execute<R[]>(sql, params);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

const inDays = (days: number): string => new Date(Date.parse(`${localToday()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function post(agent: Agent, path: string, body: object) {
  const token = await formToken(agent, '/');
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: token, ...body });
}

async function api(agent: Agent, method: 'get' | 'post', path: string, body?: object) {
  const token = await formToken(agent, '/');
  const req = agent[method](path).set('Accept', 'application/json').set('X-CSRF-Token', token);
  return body ? req.send(body) : req;
}

describe('alerts', () => {
  let app: TestApp;
  /** The demo's repeat visitor at Orvieto's desks: three contacts, no cartella. */
  let visitor: string;

  beforeAll(async () => {
    app = await createTestApp();
    const [row] = await asOwner<{ person_id: string }>(
      app,
      `select c.person_id::text as person_id from core.access_contact c
       where c.person_id is not null and c.occurred_at >= now() - interval '90 days'
         and not exists (select from core.cartella k where k.person_id = c.person_id and k.state <> 'closed')
       group by c.person_id having count(*) >= 3 limit 1`,
    );
    visitor = row!.person_id;
  });
  afterAll(() => app.close());

  it('finds the repeat visitor and shows it where the operators look, once however often it runs', async () => {
    expect((await app.platform.jobs.run('core.alerts.evaluate')).failed).toBe(0);
    await app.platform.jobs.run('core.alerts.evaluate');
    const rows = await asOwner<{ n: number }>(
      app,
      "select count(*)::int as n from core.alert where rule_id = 'core.repeated-access' and subject_id = ? and status = 'open'",
      [visitor],
    );
    expect(rows[0]!.n).toBe(1);

    const desk = await signIn(app, 'segretariato');
    const page = await desk.get('/alerts').expect(200);
    expect(page.text).toContain(`href="/people/${visitor}"`);
    expect(page.text).toMatch(/\d accessi negli ultimi 90 giorni senza una presa in carico\./);
    const home = await desk.get('/').expect(200);
    expect(home.text).toContain('data-testid="alerts-panel"');
    expect(home.text).toContain(`href="/people/${visitor}"`);

    // Another comune's desk sees none of Orvieto's alerts.
    const allerona = await signIn(app, 'allerona');
    expect((await allerona.get('/alerts').expect(200)).text).not.toContain(visitor);
    expect((await api(allerona, 'get', '/api/v1/alerts')).body.items.map((a: { subjectId: string }) => a.subjectId)).not.toContain(visitor);
  });

  it('is acknowledged with a note, stays acknowledged, and closes by itself once the person is taken in charge', async () => {
    const manager = await signIn(app, 'responsabile');
    const listed = await api(manager, 'get', '/api/v1/alerts');
    const alert = listed.body.items.find(
      (a: { subjectId: string; ruleId: string }) => a.subjectId === visitor && a.ruleId === 'core.repeated-access',
    );
    expect(alert).toMatchObject({ status: 'open', severity: 'warning', subjectType: 'person' });

    const tooLong = await api(manager, 'post', `/api/v1/alerts/${alert.id}/acknowledge`, { note: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors[0].field).toBe('note');
    expect((await post(manager, `/alerts/${alert.id}/acknowledge`, { note: 'Chiamata la figlia, appuntamento fissato' })).status).toBe(302);
    expect((await api(manager, 'post', `/api/v1/alerts/${alert.id}/acknowledge`, { note: 'di nuovo' })).status).toBe(409);
    expect((await api(manager, 'post', '/api/v1/alerts/00000000-0000-0000-0000-000000000000/acknowledge', {})).status).toBe(404);

    await app.platform.jobs.run('core.alerts.evaluate');
    const acknowledged = (await api(manager, 'get', '/api/v1/alerts?status=acknowledged')).body.items;
    expect(acknowledged.find((a: { id: string }) => a.id === alert.id)).toMatchObject({
      note: 'Chiamata la figlia, appuntamento fissato',
      acknowledgedBy: 'responsabile',
    });
    expect((await api(manager, 'get', '/api/v1/alerts')).body.items.map((a: { id: string }) => a.id)).not.toContain(alert.id);

    // Taken in charge: the condition no longer holds, the alert closes.
    await asOwner(
      app,
      `insert into core.cartella (owner_org_id, year, seq, person_id, area, state, state_since, opened_on, responsible_operator_id, opened_by_org_id)
       select o.id, 2026, 900, ?, 'poverta', 'open', current_date, current_date, op.id, o.id
       from core.organization o, core.operator op where o.code = 'demo-comune' and op.username = 'assistente'`,
      [visitor],
    );
    expect((await post(manager, '/alerts/evaluate', {})).status).toBe(302);
    const resolved = (await api(manager, 'get', '/api/v1/alerts?status=resolved')).body.items;
    expect(resolved.map((a: { id: string }) => a.id)).toContain(alert.id);

    const audit = await asOwner<{ action: string }>(
      app,
      "select action from core.audit_log where entity_id = ? and action = 'alert.acknowledge'",
      [alert.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('warns of an ISEE about to expire for someone in charge, and says so in words with the date', async () => {
    const [person] = await asOwner<{ person_id: string; owner: string }>(
      app,
      `select k.person_id::text as person_id, k.owner_org_id::text as owner from core.cartella k where k.state = 'open' and k.seq = 900`,
    );
    await asOwner(
      app,
      `insert into core.isee (owner_org_id, person_id, isee_type, isee_value, dsu_protocol, issued_on, expires_on)
       values (?, ?, 'socio-sanitario', 9800, 'INPS-ISEE-2026-ALERT-00', ?::date - 330, ?)`,
      [person!.owner, person!.person_id, inDays(10), inDays(10)],
    );
    await app.platform.jobs.run('core.alerts.evaluate');
    const manager = await signIn(app, 'responsabile');
    const items = (await api(manager, 'get', '/api/v1/alerts')).body.items;
    const isee = items.find(
      (a: { code: string; subjectId: string }) => a.code === 'isee-socio-sanitario' && a.subjectId === person!.person_id,
    );
    const day = new Intl.DateTimeFormat('it-IT', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${inDays(10)}T00:00:00Z`));
    expect(isee).toMatchObject({ severity: 'warning', code: 'isee-socio-sanitario' });
    expect(isee.message).toBe(`L'ISEE socio-sanitario scade il ${day}: serve una nuova DSU perché le prestazioni continuino.`);
  });

  it('is for those who work with people: a privacy officer sees no alerts', async () => {
    await (await signIn(app, 'privacy')).get('/alerts').expect(403);
    expect((await post(await signIn(app, 'segretariato'), '/alerts/evaluate', {})).status).toBe(403);
  });
});
