// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Critical events of a person through the person page, their own page and the API: recording with
 * field errors that save nothing, the history with withdrawals (never edits), the audit trail, the
 * roles, and another comune kept out by row-level security.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { enterScope } from '../src/db/scope';
import { localToday } from '../src/sdk/local-time';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';

describe('critical events', () => {
  let app: TestApp;
  let assistente: Client;
  let educatore: Client;
  let allerona: Client;
  let pua: Client;
  let org: (code: string) => string;
  let personId: string;

  /** As the database owner, past row-level security. */
  const asOwner = <T extends object>(sql: string, params: unknown[] = []) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<T[]>(sql, params);
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  const events = () =>
    asOwner<{ id: string; event_type: string }>('select id::text as id, event_type from core.critical_event where person_id = ?', [
      personId,
    ]);
  const audited = async (action: string) =>
    (await asOwner<{ n: number }>('select count(*)::int as n from core.audit_log where action = ?', [action]))[0]!.n;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    educatore = await client(app, 'educatore');
    allerona = await client(app, 'allerona');
    pua = await client(app, 'pua');
    ({ org } = await ids(app));
    personId = (await pua.post('/api/v1/people', person('Critici', 'Carla', 'F', '1985-05-20')).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  it('is recorded from the person page, with field errors that save nothing', async () => {
    const show = await assistente.agent.get(`/people/${personId}`).expect(200);
    expect(show.text).toContain('data-testid="person-critical-events"');
    expect(show.text).toContain(`href="/people/${personId}/critical-events"`);

    const page = await assistente.agent.get(`/people/${personId}/critical-events`).expect(200);
    expect(page.text).toContain('data-testid="critical-event-form"');
    expect(page.text).toContain('<option value="sfratto">Sfratto o avviso di sfratto</option>');

    const empty = await assistente.form(`/people/${personId}/critical-events`, { type: '', occurredOn: '', note: '' }).expect(422);
    expect(empty.text).toContain('data-testid="error-summary"');
    expect(empty.text).toContain('id="error-type"');
    expect(empty.text).toContain('id="error-occurredOn"');
    const future = await assistente
      .form(`/people/${personId}/critical-events`, { type: 'nonesiste', occurredOn: '2999-01-01', note: 'x' })
      .expect(422);
    expect(future.text).toContain('La data non può essere nel futuro');
    expect(future.text).toMatch(/id="error-type"/);
    expect(future.text).toContain('>x</textarea>');
    expect(await events()).toEqual([]);

    await assistente
      .form(`/people/${personId}/critical-events`, { type: 'sfratto', occurredOn: localToday(), note: 'Avviso ricevuto' })
      .expect(302)
      .expect('Location', `/people/${personId}/critical-events?saved=1`);
    expect((await events()).map((e) => e.event_type)).toEqual(['sfratto']);
    const after = await assistente.agent.get(`/people/${personId}`).expect(200);
    expect(after.text).toContain('Sfratto o avviso di sfratto');
    expect(await audited('critical-event.record')).toBe(1);
    expect(await audited('critical-event.list')).toBeGreaterThan(0);
  });

  it('is recorded and listed through the API, which answers 422 with the fields at fault', async () => {
    const bad = await assistente.post(`/api/v1/people/${personId}/critical-events`, { type: 'boh', occurredOn: 'ieri' }).expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(Object.keys(fieldsOf(bad.body))).toContain('occurredOn');
    const unknown = await assistente
      .post(`/api/v1/people/${personId}/critical-events`, { type: 'boh', occurredOn: localToday() })
      .expect(422);
    expect(Object.keys(fieldsOf(unknown.body))).toEqual(['type']);

    const created = await assistente
      .post(`/api/v1/people/${personId}/critical-events`, { type: 'perdita-lavoro', occurredOn: '2026-01-10' })
      .expect(201);
    expect(created.body).toMatchObject({
      personId,
      type: 'perdita-lavoro',
      typeLabel: 'Perdita del lavoro',
      occurredOn: '2026-01-10',
      withdrawn: null,
    });
    expect(created.body.ownerOrgId).toBe(org('demo-comune'));
    const list = (await educatore.get(`/api/v1/people/${personId}/critical-events`).expect(200)).body.items;
    expect(list.map((e: { type: string }) => e.type)).toEqual(['sfratto', 'perdita-lavoro']);
  });

  it('lets the educator read but not record, and keeps another comune out', async () => {
    await educatore.post(`/api/v1/people/${personId}/critical-events`, { type: 'lutto', occurredOn: localToday() }).expect(403);
    await allerona.get(`/api/v1/people/${personId}/critical-events`).expect(404);
    await allerona.post(`/api/v1/people/${personId}/critical-events`, { type: 'lutto', occurredOn: localToday() }).expect(404);
    const rows = await app.platform.orm.em.fork().transactional(async (tx) => {
      const orgs = [...(await app.platform.organizations.scope(tx, org('demo-comune-2')))];
      await enterScope(tx, { orgId: org('demo-comune-2'), orgs, operatorId: null });
      return tx.execute('select id from core.critical_event');
    });
    expect(rows).toEqual([]);
  });

  it('is never edited: a mistaken record is withdrawn with a reason and stays in the history', async () => {
    const [first] = (await assistente.get(`/api/v1/people/${personId}/critical-events`).expect(200)).body.items;
    await assistente.post(`/api/v1/people/${personId}/critical-events/${first.id}/withdraw`, { reason: '' }).expect(422);
    const withdrawn = await assistente
      .post(`/api/v1/people/${personId}/critical-events/${first.id}/withdraw`, { reason: 'Persona sbagliata' })
      .expect(200);
    expect(withdrawn.body.withdrawn).toMatchObject({ reason: 'Persona sbagliata', by: 'Sara Assistente' });
    await assistente.post(`/api/v1/people/${personId}/critical-events/${first.id}/withdraw`, { reason: 'Di nuovo' }).expect(409);
    const page = await assistente.agent.get(`/people/${personId}/critical-events`).expect(200);
    expect(page.text).toContain(`data-event="${first.id}" data-withdrawn="true"`);
    expect(await audited('critical-event.withdraw')).toBe(1);
    // Not even the owner of the schema rewrites one.
    await expect(asOwner(`update core.critical_event set event_type = 'lutto' where id = ?`, [first.id])).rejects.toThrow(/not edited/);
    await expect(asOwner('delete from core.critical_event where id = ?', [first.id])).rejects.toThrow(/history/);
  });
});
