// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The cartella on one screen: its open interventions (at most ten, with the count of all and what was
 * delivered), the latest assessments of its person and the plan with its next review arrive inline through
 * the slots of their modules, each audited, each only for the roles that may read it.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { client, person, type Client } from './cartella-helpers';

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
const SERVICE = 'core.A2.02';

describe('the cartella page shows interventions, assessments and the plan inline', () => {
  let app: TestApp;
  let assistente: Client;
  let responsabile: Client;
  let amministrativo: Client;
  let educatore: Client;
  let personId: string;
  let cartellaId: string;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    responsabile = await client(app, 'responsabile');
    amministrativo = await client(app, 'amministrativo');
    educatore = await client(app, 'educatore');
    const pua = await client(app, 'pua');
    personId = (await pua.post('/api/v1/people', person('Schermo', 'Unico', 'F', '1945-06-01')).expect(201)).body.id as string;
    cartellaId = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  const audits = async (action: string): Promise<{ entity: string; details: Record<string, unknown> }[]> =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      return tx.execute(`select entity, details from core.audit_log where action = ? order by id`, [action]);
    });

  it('shows none of them, and a way to each, on a new cartella', async () => {
    const page = await assistente.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(page.text).toContain('data-testid="cartella-interventions" data-total="0"');
    expect(page.text).toContain('Nessun intervento in corso.');
    expect(page.text).toContain('data-testid="request-intervention"');
    expect(page.text).toContain('data-testid="cartella-assessments" data-total="0"');
    expect(page.text).toContain('data-testid="new-assessment-link"');
    expect(page.text).toContain('data-testid="plan-summary"');
    expect(page.text).toContain('Nessun progetto in corso.');
    // Main-column material after the notes; the plan in the side column.
    expect(page.text.indexOf('data-testid="recent-notes"')).toBeLessThan(page.text.indexOf('data-testid="cartella-interventions"'));
    expect(page.text.indexOf('data-testid="cartella-interventions"')).toBeLessThan(page.text.indexOf('data-testid="cartella-assessments"'));
    expect(page.text.indexOf('aria-label="')).toBeLessThan(page.text.indexOf('data-testid="plan-summary"'));
  });

  it('lists the open interventions (ten of twelve, delivered totals), the latest assessments and the plan', async () => {
    const requested: string[] = [];
    for (let i = 0; i < 13; i++) {
      const iv = await assistente
        .post('/api/v1/interventions', { cartellaId, service: SERVICE, quantity: i + 1, frequency: 'weekly', periodFrom: today() })
        .expect(201);
      requested.push(iv.body.id as string);
    }
    const move = (id: string, body: object) => responsabile.post(`/api/v1/interventions/${id}/transitions`, body).expect(200);
    // The first is approved and delivered; the second rejected, which is not open any more.
    await move(requested[0]!, { move: 'approve', act: 'DD 1/2026', actDate: today(), version: 1 });
    await move(requested[0]!, { move: 'activate', version: 2 });
    for (const quantity of [2, 3])
      await assistente
        .post(`/api/v1/interventions/${requested[0]}/deliveries`, {
          periodFrom: today(),
          periodTo: today(),
          quantity,
          amount: 10 * quantity,
        })
        .expect(201);
    await move(requested[1]!, { move: 'reject', act: 'DD 2/2026', actDate: today(), reason: 'Non necessario', version: 1 });

    await assistente.post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', answers: { request: 'Prima' } }).expect(201);
    await assistente
      .post(`/api/v1/cartelle/${cartellaId}/plan`, {
        startsOn: '2026-01-31',
        reviewEvery: 1,
        reviewUnit: 'months',
        goals: [{ horizon: 'short', text: 'Autonomia' }],
      })
      .expect(201);
    await assistente.post(`/api/v1/cartelle/${cartellaId}/plan/activate`, { version: 1 }).expect(200);

    const before = (await audits('intervention.list')).length;
    const page = await assistente.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(page.text).toContain('data-testid="cartella-interventions" data-total="12"');
    expect(page.text.match(/<tr data-intervention-id=/g)).toHaveLength(10);
    expect(page.text).toContain('Tutti (12)');
    expect(page.text).not.toContain(`data-intervention-id="${requested[1]}"`);
    // The latest requested first: the first one (delivered) is beyond the ten shown; the newest is there.
    expect(page.text).toContain(`data-intervention-id="${requested[12]}"`);
    expect(page.text).toContain(`href="/interventions/${requested[12]}"`);

    const assessments = page.text.slice(page.text.indexOf('data-testid="cartella-assessments"'));
    expect(assessments).toContain('data-total="1"');
    expect(assessments).toContain('data-status="draft"');
    expect(page.text).toContain('data-testid="plan-next-review" data-date="2026-02-28"');
    expect(page.text).toContain(`href="/cartelle/${cartellaId}/plan"`);

    // Each slot recorded what it read of this cartella.
    const lists = await audits('intervention.list');
    expect(lists).toHaveLength(before + 1);
    expect(lists.at(-1)!.details).toMatchObject({ cartella: cartellaId, open: 12, where: 'cartella' });
    expect((await audits('assessment.list')).at(-1)!.details).toMatchObject({ cartella: cartellaId, assessments: 1 });
    expect((await audits('plan.read')).at(-1)!.details).toMatchObject({ cartella: cartellaId, where: 'cartella' });

    // Once fewer are open, the delivered total of the first shows on its row.
    for (const id of requested.slice(2, 6))
      await move(id, { move: 'reject', act: 'DD 3/2026', actDate: today(), reason: 'No', version: 1 });
    const fewer = await assistente.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(fewer.text).toContain('data-total="8"');
    const row = fewer.text.slice(fewer.text.indexOf(`data-intervention-id="${requested[0]}"`));
    expect(row).toContain('data-state="active"');
    expect(row).toMatch(/data-testid="delivered" data-amount="50">5 [^<]*50,00/);
  });

  it('hides what a role may not read or do', async () => {
    // The clerk reads interventions and plans, not assessments; requests nothing.
    const clerk = await amministrativo.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(clerk.text).toContain('data-testid="cartella-interventions"');
    expect(clerk.text).not.toContain('data-testid="request-intervention"');
    expect(clerk.text).toContain('data-testid="plan-summary"');
    expect(clerk.text).not.toContain('data-testid="cartella-assessments"');
    // The educator reads assessments and interventions, but requests no intervention.
    const educator = await educatore.agent.get(`/cartelle/${cartellaId}`).expect(200);
    expect(educator.text).toContain('data-testid="cartella-assessments"');
    expect(educator.text).not.toContain('data-testid="request-intervention"');
  });
});
