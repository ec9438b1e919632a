// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Interventions through their pages and API: a social worker requests a service from the cartella (the
 * eligibility check shown first and recorded), the service manager decides with an act, deliveries are
 * recorded and totalled against the budget; illegal moves, field errors, the waiting list when places run
 * out, another organization's rows, the audit trail, and a plugin's listener receiving the events.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { enterScope } from '../src/db/scope';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';
import { tempWorkspace, writePlugin } from './fixtures';
import { raise } from '../src/events/dispatcher';
import type { RequestCtx } from '../src/sdk/context';
import type { EntityManager } from '@mikro-orm/postgresql';

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const SERVICE = 'core.A2.02';

type Received = { event: string; payload: { interventionId: string; from: string | null; to: string } };
const received = (): Received[] => ((globalThis as Record<string, unknown>).__sigessInterventionEvents as Received[] | undefined) ?? [];

describe('interventions, deliveries and the waiting list', () => {
  let app: TestApp;
  let assistente: Client;
  let responsabile: Client;
  let amministrativo: Client;
  let pua: Client;
  let org: (code: string) => string;
  let cartellaId: string;

  beforeAll(async () => {
    // A plugin listening to the interventions' events; a second listener that fails must not disturb the first.
    const root = tempWorkspace('interventions');
    writePlugin(root, {
      id: 'listener',
      code: `register(p) {
        const log = (globalThis.__sigessInterventionEvents = globalThis.__sigessInterventionEvents || []);
        for (const event of ['intervention.requested', 'intervention.approved', 'intervention.waiting', 'intervention.activated']) {
          p.contribute(sdk.EventListeners, { id: 'listener.' + event, event, handle: async (payload) => { log.push({ event, payload }); } });
        }
        p.contribute(sdk.EventListeners, { id: 'listener.broken', event: 'intervention.approved', handle: async () => { throw new Error('broken'); } });
      }`,
    });
    app = await createTestApp({ rootDir: root, plugins: ['listener'] });
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    responsabile = await client(app, 'responsabile');
    amministrativo = await client(app, 'amministrativo');
    pua = await client(app, 'pua');
    ({ org } = await ids(app));
    const personId = (await pua.post('/api/v1/people', person('Servizi', 'Anna', 'F', '1940-03-02')).expect(201)).body.id as string;
    cartellaId = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  const request = async (quantity = 10, urgent = false) =>
    (
      await assistente
        .post('/api/v1/interventions', { cartellaId, service: SERVICE, quantity, frequency: 'weekly', periodFrom: today(), urgent })
        .expect(201)
    ).body;
  const move = (c: Client, id: string, body: object) => c.post(`/api/v1/interventions/${id}/transitions`, body);
  /** A query as the database owner: the audit log and the offers are fenced per organization for the application role. */
  const asOwner = <T extends object>(sql: string, params: unknown[]) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      const rows = await tx.execute<T[]>(sql, params);
      await tx.execute(`set role ${app.platform.config.appRole}`);
      return rows;
    });
  const audit = async (id: string) =>
    (
      await asOwner<{ action: string }>('select action from core.audit_log where entity = ? and entity_id = ? order by id', [
        'intervention',
        id,
      ])
    ).map((r) => r.action);

  it('requests from the cartella page with the eligibility shown first, and the manager approves with an act', async () => {
    // What the demo's own interventions already use of the service: this request adds to it.
    const before = (await responsabile.get('/api/v1/interventions/totals').expect(200)).body.items.find(
      (t: { service: string }) => t.service === SERVICE,
    ) ?? { committed: 0, delivered: 0, places: 0 };
    const page = await assistente.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(page.text).toContain('data-testid="request-intervention"');
    const form = await assistente.agent.get(`/interventions/new?cartella=${cartellaId}&service=${SERVICE}`).expect(200);
    // The check is on the page before anything is sent: this person (no minors at home) fails a requirement, visibly.
    expect(form.text).toMatch(/data-testid="eligibility" data-outcome="(fail|unknown)"/);
    expect(form.text).toContain('data-rule="core.household-with-minors"');
    expect(form.text).toContain('data-testid="request-form"');

    const missing = await assistente
      .form('/interventions', { cartellaId, service: SERVICE, quantity: '', frequency: 'weekly', periodFrom: today() })
      .expect(422);
    expect(missing.text).toContain('id="error-quantity"');
    const sent = await assistente
      .form('/interventions', { cartellaId, service: SERVICE, quantity: '8', frequency: 'weekly', periodFrom: today(), urgent: 'on' })
      .expect(302);
    const id = /\/interventions\/([0-9a-f-]{36})/.exec(sent.headers.location as string)![1]!;

    const json = (await assistente.get(`/api/v1/interventions/${id}`).expect(200)).body;
    expect(json).toMatchObject({
      cartellaId,
      service: SERVICE,
      state: 'requested',
      quantity: 8,
      amount: 192, // 8 × the comune's unit cost of 24 €
      owner: { code: 'demo-comune' },
      decision: null,
      history: [{ from: null, to: 'requested' }],
    });
    // The failing requirement is recorded with the request, and the priority says why.
    expect(json.eligibility.outcome).not.toBe('pass');
    const minors = json.eligibility.results.find((r: { rule: string }) => r.rule === 'core.household-with-minors');
    expect(minors.outcome).not.toBe('pass');
    expect(form.text).toContain(minors.reason.slice(0, 20));
    expect(json.priority.reasons).toEqual(
      expect.arrayContaining([
        { code: 'urgent', points: 50 },
        { code: 'age75', points: 20 },
      ]),
    );

    // A social worker does not decide; the manager must give the act.
    await move(assistente, id, { move: 'approve', act: '12', actDate: today(), version: 1 }).expect(403);
    const noAct = await move(responsabile, id, { move: 'approve', version: 1 }).expect(422);
    expect(Object.keys(fieldsOf(noAct.body)).sort()).toEqual(['act', 'actDate']);
    const approved = (await move(responsabile, id, { move: 'approve', act: 'DD 12/2026', actDate: today(), version: 1 }).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', decision: { act: 'DD 12/2026', on: today() }, version: 2 });
    // Approving again is not a move an approved intervention makes.
    const again = await move(responsabile, id, { move: 'approve', act: 'x', actDate: today(), version: 2 }).expect(409);
    expect(again.headers['content-type']).toContain('application/problem+json');

    // The plugin heard the request and the approval, after they committed; its broken sibling changed nothing.
    const events = received().filter((e) => e.payload.interventionId === id);
    expect(events.map((e) => e.event)).toEqual(['intervention.requested', 'intervention.approved']);
    expect(events[1]!.payload).toMatchObject({ from: 'requested', to: 'approved' });

    // Deliveries only once active; then through the page (with CSRF) and the API, totalled against the budget.
    await amministrativo
      .post(`/api/v1/interventions/${id}/deliveries`, { periodFrom: today(), periodTo: today(), quantity: 2 })
      .expect(409);
    await move(responsabile, id, { move: 'activate', version: 2 }).expect(200);
    const bad = await amministrativo
      .form(`/interventions/${id}/deliveries`, { periodFrom: today(), periodTo: '', quantity: '2' })
      .expect(422);
    expect(bad.text).toContain('id="error-periodTo"');
    await amministrativo.form(`/interventions/${id}/deliveries`, { periodFrom: today(), periodTo: today(), quantity: '2' }).expect(302);
    const delivered = (
      await amministrativo
        .post(`/api/v1/interventions/${id}/deliveries`, { periodFrom: today(), periodTo: today(), quantity: 1, amount: 30 })
        .expect(201)
    ).body;
    expect(delivered.deliveries.map((d: { amount: number }) => d.amount)).toEqual([48, 30]);
    const shown = await amministrativo.agent.get(`/interventions/${id}`).expect(200);
    expect(shown.text).toMatch(/data-testid="delivered-total">[^<]*78/);
    // Every label is translated (a missing key would print itself).
    for (const text of [shown.text, form.text]) expect(text).not.toMatch(/core:(interventions|catalogue|eligibility)\./);

    const totals = (await responsabile.get('/api/v1/interventions/totals').expect(200)).body;
    expect(totals.items.find((t: { service: string }) => t.service === SERVICE)).toMatchObject({
      committed: before.committed + 192,
      delivered: before.delivered + 78,
      places: before.places + 1,
    });
    const list = await responsabile.agent.get(`/interventions?service=${SERVICE}`).expect(200);
    expect(list.text).toContain('data-testid="totals"');
    expect(list.text).toContain(`data-intervention-id="${id}"`);

    expect(await audit(id)).toEqual(
      expect.arrayContaining([
        'intervention.create',
        'intervention.approve',
        'intervention.activate',
        'intervention.delivery',
        'intervention.read',
      ]),
    );
  });

  it('rejects with an act and a reason, and refuses moves its state does not allow', async () => {
    const iv = await request();
    // On the page, the decision's missing fields are shown beside the form of the move.
    const page = await responsabile
      .form(`/interventions/${iv.id}/transitions`, { move: 'reject', act: '', actDate: today(), version: '1' })
      .expect(422);
    expect(page.text).toContain('id="error-reject-act"');
    expect(page.text).toContain('id="error-reject-reason"');
    expect(page.text).toMatch(/<details class="mb-3" open data-move="reject">/);
    const noReason = await move(responsabile, iv.id, { move: 'reject', act: 'DD 13', actDate: today(), version: 1 }).expect(422);
    expect(fieldsOf(noReason.body)).toEqual({ reason: expect.any(String) });
    const rejected = (
      await move(responsabile, iv.id, {
        move: 'reject',
        act: 'DD 13',
        actDate: today(),
        reason: 'Requisiti non soddisfatti',
        version: 1,
      }).expect(200)
    ).body;
    expect(rejected).toMatchObject({ state: 'rejected', decision: { act: 'DD 13' } });
    expect(rejected.history.at(-1)).toMatchObject({ from: 'requested', to: 'rejected', act: 'DD 13', reason: 'Requisiti non soddisfatti' });
    await move(responsabile, iv.id, { move: 'activate', version: 2 }).expect(409);
    await move(assistente, iv.id, { move: 'suspend', reason: 'x', version: 2 }).expect(409);
    // The page shows the illegal move as a conflict too, and a stale version is one.
    const pageMove = await responsabile.form(`/interventions/${iv.id}/transitions`, { move: 'conclude', version: '2' });
    expect(pageMove.status).toBe(409);
    // Reads are audited too: the answer to the request, the page shown again with its errors, the answer to the rejection.
    expect(await audit(iv.id)).toEqual([
      'intervention.create',
      'intervention.read',
      'intervention.read',
      'intervention.reject',
      'intervention.read',
    ]);
  });

  it('puts an approval with no place left on the waiting list, ordered by priority, and activates it when room frees up', async () => {
    // No place left at the comune for this service: the first request holds one already (active), the demo's the others.
    await asOwner(
      `update core.service_offer set capacity = (select count(*) from core.intervention
         where owner_org_id = ? and entry_code = ? and state in ('approved', 'active', 'suspended'))
       where owner_org_id = ? and entry_code = ?`,
      [org('demo-comune'), SERVICE, org('demo-comune'), SERVICE],
    );
    const iv = await request(5);
    const waiting = (await move(responsabile, iv.id, { move: 'approve', act: 'DD 14', actDate: today(), version: 1 }).expect(200)).body;
    expect(waiting.state).toBe('waiting');
    expect(received().some((e) => e.event === 'intervention.waiting' && e.payload.interventionId === iv.id)).toBe(true);
    // A later but urgent request goes ahead of it on the list, and the page says why.
    const urgent = await request(3, true);
    expect(
      (await move(responsabile, urgent.id, { move: 'approve', act: 'DD 15', actDate: today(), version: 1 }).expect(200)).body.state,
    ).toBe('waiting');
    const queue = (await responsabile.get(`/api/v1/interventions?state=waiting&service=${SERVICE}`).expect(200)).body.items;
    expect(queue.map((q: { id: string }) => q.id)).toEqual([urgent.id, iv.id]);
    expect(queue[0].priority.score).toBeGreaterThan(queue[1].priority.score);
    const list = await responsabile.agent.get(`/interventions?state=waiting&service=${SERVICE}`).expect(200);
    expect(list.text).toContain('data-testid="waiting-explained"');
    expect(list.text).toContain(`data-intervention-id="${iv.id}"`);
    expect(list.text).toMatch(/Urgenza segnalata \(\+50\)/);
    // No room yet: activating from the list is refused; once the active one is concluded, it goes.
    await move(responsabile, iv.id, { move: 'activate', version: 2 }).expect(409);
    const active = (await responsabile.get(`/api/v1/interventions?state=active&service=${SERVICE}&cartella=${cartellaId}`).expect(200)).body
      .items;
    expect(active).toHaveLength(1);
    await move(assistente, active[0].id, { move: 'conclude', version: active[0].version }).expect(200);
    expect((await move(responsabile, urgent.id, { move: 'activate', version: 2 }).expect(200)).body.state).toBe('active');
  });

  it('keeps another comune out: row-level security hides its interventions and deliveries under a raw query', async () => {
    const iv = (await responsabile.get('/api/v1/interventions').expect(200)).body.items[0];
    expect(iv).toBeDefined();
    const rows = await app.platform.orm.em.fork().transactional(async (tx) => {
      const orgs = [...(await app.platform.organizations.scope(tx, org('demo-comune-2')))];
      await enterScope(tx, { orgId: org('demo-comune-2'), orgs, operatorId: null });
      return tx.execute('select id from core.intervention union all select id from core.delivery');
    });
    expect(rows).toEqual([]);
  });

  it('dispatches an event only once its transaction commits, never after a rollback, and logs a failing listener', async () => {
    const calls: string[] = [];
    const errors: unknown[] = [];
    const listeners = [
      { id: 't.ok', event: 'intervention.concluded', handle: async (p: { interventionId: string }) => void calls.push(p.interventionId) },
      { id: 't.broken', event: 'intervention.concluded', handle: async () => Promise.reject(new Error('broken')) },
      { id: 't.other', event: 'intervention.approved', handle: async () => void calls.push('wrong event') },
    ];
    const ctxOf = (em: EntityManager) =>
      ({ em, org: null, log: { error: (o: unknown) => errors.push(o) }, extensions: { all: () => listeners } }) as unknown as RequestCtx;
    const payload = (interventionId: string) => ({
      interventionId,
      organizationId: org('demo-comune'),
      cartellaId,
      personId: cartellaId,
      service: SERVICE,
      from: 'active',
      to: 'concluded',
      on: today(),
    });
    await app.platform.orm.em.fork().transactional(async (tx) => {
      raise(ctxOf(tx as EntityManager), 'intervention.concluded', payload('committed'));
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(['committed']);
    expect(errors).toHaveLength(1);
    await expect(
      app.platform.orm.em.fork().transactional(async (tx) => {
        raise(ctxOf(tx as EntityManager), 'intervention.concluded', payload('rolled back'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(calls).toEqual(['committed']);
  });
});
