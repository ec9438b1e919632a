// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The individual plan (PAI) of a cartella through its pages and its API: drafting with goals and
 * field errors per goal, activating, reviews that set each goal's outcome and the next review date,
 * closing; optimistic locking, the fences around another organization and around roles, the audit
 * trail, and the overdue-review alert raised and resolved by the evaluation job.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { localToday } from '../src/sdk/local-time';
import { client, fieldsOf, person, type Client } from './cartella-helpers';

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

const goal = (text: string, horizon = 'short') => ({ horizon, text, actions: `Azioni per ${text}`, responsible: 'Assistente sociale' });

describe('the individual plan', () => {
  let app: TestApp;
  let assistente: Client;
  let educatore: Client;
  let pua: Client;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    educatore = await client(app, 'educatore');
    pua = await client(app, 'pua');
  });
  afterAll(() => app.close());

  /** A new person taken in charge by the comune: the cartella's id. */
  async function newCartella(surname: string): Promise<string> {
    const personId = (await pua.post('/api/v1/people', person(surname, 'Maria', 'F', '1948-03-12')).expect(201)).body.id as string;
    return (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  }

  it('is drafted on its page with goal rows added and removed, and shows errors beside each goal', async () => {
    const cartella = await newCartella('Pianificati');
    const empty = await assistente.agent.get(`/cartelle/${cartella}/plan`).expect(200);
    expect(empty.text).toContain('data-testid="no-plan"');
    const form = await assistente.agent.get(`/cartelle/${cartella}/plan/edit`).expect(200);
    expect(form.text.match(/data-testid="goal-row"/g)).toHaveLength(1);

    const base = { startsOn: '2026-01-31', reviewEvery: '1', reviewUnit: 'months', expectedEnd: '' };
    const added = await assistente
      .form(`/cartelle/${cartella}/plan`, { ...base, op: 'add-goal', 'goals[0][horizon]': 'short', 'goals[0][text]': 'Primo' })
      .expect(200);
    expect(added.text.match(/data-testid="goal-row"/g)).toHaveLength(2);
    expect(added.text).toContain('>Primo</textarea>');
    const removed = await assistente
      .form(`/cartelle/${cartella}/plan`, {
        ...base,
        op: 'remove-goal-0',
        'goals[0][horizon]': 'short',
        'goals[0][text]': 'Primo',
        'goals[1][horizon]': 'long',
        'goals[1][text]': 'Secondo',
      })
      .expect(200);
    expect(removed.text.match(/data-testid="goal-row"/g)).toHaveLength(1);
    expect(removed.text).toContain('>Secondo</textarea>');
    expect(removed.text).not.toContain('>Primo</textarea>');

    const wrong = await assistente
      .form(`/cartelle/${cartella}/plan`, {
        ...base,
        expectedEnd: '2025-12-31',
        'goals[0][horizon]': 'short',
        'goals[0][text]': 'Valido',
        'goals[1][horizon]': 'medium',
        'goals[1][text]': '',
      })
      .expect(422);
    expect(wrong.text).toContain('id="error-goals.1.text"');
    expect(wrong.text).not.toContain('id="error-goals.0.text"');
    expect(wrong.text).toContain('id="error-expectedEnd"');
    expect(wrong.text).toContain('>Valido</textarea>');
    expect(await asOwner(app, 'select id from core.plan where cartella_id = ?', [cartella])).toHaveLength(0);

    await assistente
      .form(`/cartelle/${cartella}/plan`, {
        ...base,
        'goals[0][horizon]': 'short',
        'goals[0][text]': 'Igiene quotidiana',
        'goals[1][horizon]': 'long',
        'goals[1][text]': 'Rientro al lavoro',
      })
      .expect(302)
      .expect('Location', `/cartelle/${cartella}/plan?saved=1`);
    const shown = await assistente.agent.get(`/cartelle/${cartella}/plan?saved=1`).expect(200);
    expect(shown.text).toContain('data-state="draft"');
    expect(shown.text).toContain('Igiene quotidiana');
    expect(shown.text).toContain('data-testid="activate"');
    expect(shown.text).toContain('ogni mese');
    // The educator reads the plan, and is offered nothing to change in it.
    const read = await educatore.agent.get(`/cartelle/${cartella}/plan`).expect(200);
    expect(read.text).toContain('Igiene quotidiana');
    expect(read.text).not.toContain('data-testid="activate"');
    expect(read.text).not.toContain('data-testid="edit-plan"');
    await educatore.agent.get(`/cartelle/${cartella}/plan/edit`).expect(403);

    await assistente.form(`/cartelle/${cartella}/plan/activate`, { version: '1' }).expect(302);
    const page = await assistente.agent.get(`/cartelle/${cartella}`).expect(200);
    // The cartella's page tells the next review (a month after 31 January: the last day of February) and leads to the plan.
    expect(page.text).toContain('data-testid="plan-next-review" data-date="2026-02-28"');
    expect(page.text).toContain(`href="/cartelle/${cartella}/plan"`);

    // A review without an outcome for a goal comes back with the error on that goal's field.
    const plan = (await assistente.get(`/api/v1/cartelle/${cartella}/plan`).expect(200)).body;
    const incomplete = await assistente
      .form(`/cartelle/${cartella}/plan/reviews`, {
        version: String(plan.version),
        reviewedOn: '2026-03-02',
        'outcomes[0][goalId]': plan.goals[0].id,
        'outcomes[0][achievement]': 'achieved',
        'outcomes[1][goalId]': plan.goals[1].id,
        'outcomes[1][achievement]': '',
      })
      .expect(422);
    expect(incomplete.text).toContain('id="error-outcomes.1.achievement"');
    await assistente
      .form(`/cartelle/${cartella}/plan/reviews`, {
        version: String(plan.version),
        reviewedOn: '2026-03-02',
        notes: 'Buoni progressi',
        'outcomes[0][goalId]': plan.goals[0].id,
        'outcomes[0][achievement]': 'achieved',
        'outcomes[1][goalId]': plan.goals[1].id,
        'outcomes[1][achievement]': 'partial',
      })
      .expect(302);
    const reviewed = (await assistente.get(`/api/v1/cartelle/${cartella}/plan`).expect(200)).body;
    expect(reviewed.nextReviewOn).toBe('2026-04-02');
    expect(reviewed.goals.map((g: { achievement: string }) => g.achievement)).toEqual(['achieved', 'partial']);
    expect(reviewed.reviews[0]).toMatchObject({ reviewedOn: '2026-03-02', notes: 'Buoni progressi', nextReviewOn: '2026-04-02' });
  });

  it('works through the API: create, rewrite goals, activate, review, close; stale versions are refused', async () => {
    const cartella = await newCartella('Progettati');
    const bad = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, {
        startsOn: '2026-02-01',
        reviewEvery: 0,
        reviewUnit: 'years',
        goals: [{ horizon: 'short', text: '' }],
      })
      .expect(422);
    expect(Object.keys(fieldsOf(bad.body)).sort()).toEqual(['goals.0.text', 'reviewEvery', 'reviewUnit']);
    await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, { startsOn: '2026-02-01', reviewEvery: 1, reviewUnit: 'months', goals: [] })
      .expect(422);

    const created = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, {
        startsOn: '2026-02-01',
        reviewEvery: 6,
        reviewUnit: 'weeks',
        goals: [goal('Uno'), goal('Due', 'medium')],
      })
      .expect(201);
    expect(created.body).toMatchObject({ state: 'draft', version: 1, nextReviewOn: null, reviewEvery: 6, reviewUnit: 'weeks' });
    expect(created.body.responsible.displayName).toBeTruthy();
    // One plan at a time.
    await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, { startsOn: '2026-02-01', reviewEvery: 1, reviewUnit: 'months', goals: [goal('Altro')] })
      .expect(409);

    // Rewriting keeps the goal named by id, drops the one left out, adds the new one.
    const [first] = created.body.goals as { id: string }[];
    const rewritten = await assistente
      .put(`/api/v1/cartelle/${cartella}/plan`, {
        startsOn: '2026-02-01',
        reviewEvery: 6,
        reviewUnit: 'weeks',
        version: 1,
        goals: [{ ...goal('Uno, riscritto'), id: first!.id }, goal('Tre', 'long')],
      })
      .expect(200);
    expect(rewritten.body.version).toBe(2);
    expect(rewritten.body.goals.map((g: { id: string; text: string }) => g.text)).toEqual(['Uno, riscritto', 'Tre']);
    expect(rewritten.body.goals[0].id).toBe(first!.id);
    await assistente
      .put(`/api/v1/cartelle/${cartella}/plan`, {
        startsOn: '2026-02-01',
        reviewEvery: 6,
        reviewUnit: 'weeks',
        version: 1,
        goals: [goal('Tardi')],
      })
      .expect(409);

    // Reviewing a draft is not a thing; the stale activation neither.
    await assistente.post(`/api/v1/cartelle/${cartella}/plan/reviews`, { version: 2, outcomes: [] }).expect(409);
    await assistente.post(`/api/v1/cartelle/${cartella}/plan/activate`, { version: 1 }).expect(409);
    const active = await assistente.post(`/api/v1/cartelle/${cartella}/plan/activate`, { version: 2 }).expect(200);
    expect(active.body).toMatchObject({ state: 'active', nextReviewOn: '2026-03-15', version: 3 });

    const goals = active.body.goals as { id: string }[];
    const missing = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan/reviews`, {
        version: 3,
        reviewedOn: '2026-03-10',
        outcomes: [{ goalId: goals[0]!.id, achievement: 'none' }],
      })
      .expect(422);
    expect(fieldsOf(missing.body)).toHaveProperty('outcomes');
    const future = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan/reviews`, {
        version: 3,
        reviewedOn: '2999-01-01',
        outcomes: goals.map((g) => ({ goalId: g.id, achievement: 'none' })),
      })
      .expect(422);
    expect(fieldsOf(future.body)).toHaveProperty('reviewedOn');
    const outcomes = [
      { goalId: goals[0]!.id, achievement: 'partial', note: 'Quasi' },
      { goalId: goals[1]!.id, achievement: 'none' },
    ];
    const reviewed = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan/reviews`, { version: 3, reviewedOn: '2026-03-10', notes: 'Prima verifica', outcomes })
      .expect(201);
    expect(reviewed.body).toMatchObject({ nextReviewOn: '2026-04-21', version: 4 });
    expect(reviewed.body.goals.map((g: { achievement: string }) => g.achievement)).toEqual(['partial', 'none']);
    expect(reviewed.body.reviews[0].outcomes[0]).toMatchObject({ text: 'Uno, riscritto', achievement: 'partial', note: 'Quasi' });
    await assistente.post(`/api/v1/cartelle/${cartella}/plan/reviews`, { version: 3, reviewedOn: '2026-03-11', outcomes }).expect(409);

    // The educator reads the plan but does not write it.
    await educatore.get(`/api/v1/cartelle/${cartella}/plan`).expect(200);
    await educatore.post(`/api/v1/cartelle/${cartella}/plan/close`, { version: 4 }).expect(403);

    const closed = await assistente.post(`/api/v1/cartelle/${cartella}/plan/close`, { version: 4 }).expect(200);
    expect(closed.body).toMatchObject({ state: 'closed', nextReviewOn: null });
    await assistente.post(`/api/v1/cartelle/${cartella}/plan/close`, { version: 5 }).expect(409);
    // Closed, the plan stays as history and a new one may be drafted.
    await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, { startsOn: '2026-06-01', reviewEvery: 3, reviewUnit: 'months', goals: [goal('Nuovo')] })
      .expect(201);

    const planId = created.body.id as string;
    const audit = await asOwner<{ action: string }>(
      app,
      'select action from core.audit_log where entity = ? and entity_id = ? order by id',
      ['plan', planId],
    );
    expect(new Set(audit.map((a) => a.action))).toEqual(
      new Set(['plan.create', 'plan.update', 'plan.activate', 'plan.review', 'plan.close', 'plan.read']),
    );
  });

  it('documents its API in the OpenAPI document, with the shared schemas', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const plan = doc.paths['/api/v1/cartelle/{id}/plan'];
    expect(plan.post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PlanCreate' });
    expect(plan.put.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PlanUpdate' });
    expect(doc.paths['/api/v1/cartelle/{id}/plan/reviews'].post.operationId).toBe('core.api.cartelle.plan.review');
  });

  it("is another organization's business: its plan does not exist for them", async () => {
    const cartella = await newCartella('Riservati');
    await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, { startsOn: '2026-02-01', reviewEvery: 1, reviewUnit: 'months', goals: [goal('Privato')] })
      .expect(201);
    // The same social worker, also employed by another comune, acting there.
    await asOwner(
      app,
      `insert into core.membership (operator_id, organization_id, role_id)
       select o.id, g.id, 'social-worker' from core.operator o, core.organization g where o.username = 'educatore' and g.code = 'demo-comune-2'`,
    );
    const elsewhere = await client(app, 'educatore', 'Comune di Allerona');
    await elsewhere.get(`/api/v1/cartelle/${cartella}/plan`).expect(404);
    await elsewhere.agent.get(`/cartelle/${cartella}/plan`).expect(404);
    await elsewhere.post(`/api/v1/cartelle/${cartella}/plan/activate`, { version: 1 }).expect(404);
    const [row] = await asOwner<{ state: string }>(app, 'select state from core.plan where cartella_id = ?', [cartella]);
    expect(row!.state).toBe('draft');
  });

  it('raises an alert on the cartella when the review is overdue, critical after thirty days, resolved by the review', async () => {
    const today = localToday();
    const cartella = await newCartella('Scaduti');
    const created = await assistente
      .post(`/api/v1/cartelle/${cartella}/plan`, {
        startsOn: '2026-01-01',
        reviewEvery: 1,
        reviewUnit: 'months',
        goals: [goal('Verificare')],
      })
      .expect(201);
    await assistente.post(`/api/v1/cartelle/${cartella}/plan/activate`, { version: 1 }).expect(200);
    const alerts = () =>
      asOwner<{ severity: string; status: string; params: { date: string } }>(
        app,
        `select severity, status, params from core.alert where rule_id = 'core.plan-review-overdue' and subject_type = 'cartella' and subject_id = ? order by raised_at`,
        [cartella],
      );
    // Ten days late: a warning.
    await asOwner(app, `update core.plan set next_review_on = ?::date - 10 where id = ?`, [today, created.body.id]);
    expect((await app.platform.jobs.run('core.alerts.evaluate')).failed).toBe(0);
    let found = await alerts();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', status: 'open' });
    // Forty days late: critical (a changed finding, the same alert).
    await asOwner(app, `update core.plan set next_review_on = ?::date - 40 where id = ?`, [today, created.body.id]);
    await app.platform.jobs.run('core.alerts.evaluate');
    found = await alerts();
    expect(found.map((a) => a.status)).toContain('open');
    expect(found.find((a) => a.status === 'open')!.severity).toBe('critical');
    const listed = await assistente.agent.get('/alerts').expect(200);
    expect(listed.text).toContain('La verifica del progetto individualizzato era prevista il');

    const plan = (await assistente.get(`/api/v1/cartelle/${cartella}/plan`).expect(200)).body;
    await assistente
      .post(`/api/v1/cartelle/${cartella}/plan/reviews`, {
        version: plan.version,
        outcomes: plan.goals.map((g: { id: string }) => ({ goalId: g.id, achievement: 'partial' })),
      })
      .expect(201);
    await app.platform.jobs.run('core.alerts.evaluate');
    expect((await alerts()).every((a) => a.status === 'resolved')).toBe(true);
  });

  it('seeds the demo with an active plan whose review is overdue', async () => {
    const [row] = await asOwner<{ n: number }>(
      app,
      `select count(*)::int as n from core.plan where state = 'active' and next_review_on < core.local_today()`,
    );
    expect(row!.n).toBeGreaterThanOrEqual(1);
  });
});
