// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The whole journey of a person through the JSON API, as the issue tells it, with several logins: the PUA's
 * operator records a contact and refers it to the comune's social service; the social worker accepts the
 * referral and takes the person in charge from it, writes diary notes, fills in and finalizes the triage
 * form, drafts and activates a plan, checks eligibility (a failing requirement explained in words) and
 * requests an intervention that passes; the service manager approves and starts it; deliveries are
 * recorded and totalled; an alert (the ISEE about to expire) fires and is acknowledged with a note; the
 * cartella is closed with a reason and reopened. At the end, the audit log holds the main actions.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { client, ids, type Client } from './cartella-helpers';

const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
const today = (): string => ROME.format(new Date());
const inDays = (n: number): string => ROME.format(new Date(Date.now() + n * 86_400_000));
const plain = (text: string | undefined): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** The ambito's home care: 65 or older, resident, ISEE up to 25.000 € (passes); the comune's grant: ISEE up to 10.000 € (fails). */
const HOME_CARE = 'core.A2.07';
const GRANT = 'core.A1.04';

describe('the journey of a person through the API', () => {
  let app: TestApp;
  let pua: Client;
  let assistente: Client;
  let responsabile: Client;
  let org: (code: string) => string;

  beforeAll(async () => {
    app = await createTestApp();
    pua = await client(app, 'pua');
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    responsabile = await client(app, 'responsabile');
    ({ org } = await ids(app));
  });
  afterAll(() => app.close());

  const asOwner = <T extends object>(sql: string, params: unknown[]) =>
    app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      return tx.execute<T[]>(sql, params);
    });

  it('goes from the front desk to a closed and reopened cartella', async () => {
    // The person, registered at the desk, with an ordinary ISEE of 12.300 € that expires in three weeks.
    const who = { surname: 'Cammino', name: 'Teresa', sex: 'F' as const, birthDate: '1948-05-12', birthPlaceCode: 'G148' };
    const personId = (
      await pua
        .post('/api/v1/people', {
          ...who,
          codiceFiscale: computeCodiceFiscale(who),
          residence: { comuneCode: 'G148', street: 'Via del Duomo', houseNumber: '3' },
        })
        .expect(201)
    ).body.id as string;
    const expiresOn = inDays(20);
    await pua
      .post(`/api/v1/people/${personId}/isee`, {
        type: 'ordinario',
        value: 12_300,
        protocol: `INPS-ISEE-${today().slice(0, 4)}-700000123-00`,
        // Yesterday: safely in the past whichever clock, Italy's or the server's, says what today is.
        issuedOn: inDays(-1),
        expiresOn,
      })
      .expect(201);

    // 1. The PUA records the contact and refers her to the comune's social service.
    const contact = await pua
      .post('/api/v1/access-contacts', {
        personId,
        channel: 'di-persona',
        interlocutor: 'familiare',
        needs: ['cura-assistenza', 'isolamento'],
        notes: 'La figlia chiede aiuto per la madre, che vive sola.',
        outcome: 'referral',
        referralService: 'Servizio sociale professionale',
        referralOrganizationId: org('demo-comune'),
      })
      .expect(201);
    expect(contact.body).toMatchObject({ outcome: 'referral', referral: { status: 'pending', organization: { id: org('demo-comune') } } });
    const contactId = contact.body.id as string;

    // 2. The social worker, at the comune, accepts the referral and takes the person in charge from that contact.
    await assistente.post('/api/v1/cartelle', { personId, area: 'anziani', contactId }).expect(422);
    const accepted = await assistente
      .post(`/api/v1/access-contacts/${contactId}/referral`, { status: 'accepted', note: 'Colloquio fissato', version: 1 })
      .expect(200);
    expect(accepted.body.referral).toMatchObject({ status: 'accepted', note: 'Colloquio fissato' });
    const opened = await assistente.post('/api/v1/cartelle', { personId, area: 'anziani', contactId }).expect(201);
    expect(opened.body).toMatchObject({ state: 'open', area: 'anziani', person: { id: personId } });
    const cartellaId = opened.body.id as string;
    expect((await pua.get(`/api/v1/access-contacts/${contactId}`).expect(200)).body.cartellaId).toBe(cartellaId);

    // 3. Two diary notes.
    for (const body of [
      'Primo colloquio con la figlia: la madre non esce più di casa.',
      'Visita domiciliare: casa in ordine, frigo vuoto.',
    ]) {
      await assistente
        .post(`/api/v1/cartelle/${cartellaId}/diary`, { type: 'colloquio', confidentiality: 'organization', body })
        .expect(201);
    }
    const diary = (await assistente.get(`/api/v1/cartelle/${cartellaId}/diary`).expect(200)).body;
    expect(diary.total).toBe(2);

    // 4. The triage form, a draft first, then final with its need index.
    const draft = await assistente
      .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', answers: { source: 'familiare', request: 'Aiuto a casa' } })
      .expect(201);
    expect(draft.body.status).toBe('draft');
    const triage = await assistente
      .put(`/api/v1/assessments/${draft.body.id}`, {
        version: draft.body.version,
        status: 'final',
        answers: {
          source: 'familiare',
          request: 'Aiuto a casa per la spesa e l’igiene',
          needs: ['cura-assistenza'],
          'lives-with': ['solo'],
          'has-carer': 'no',
          morbidity: '1',
          feeding: '1',
          continence: '0',
          mobility: '1',
          hygiene: '1',
          'mental-state': '0',
          urgency: 'prioritaria',
        },
      })
      .expect(200);
    expect(triage.body).toMatchObject({ status: 'final', scores: { need: { value: 4, complete: true } } });

    // 5. The plan: one goal, a review every month, active.
    const plan = await assistente
      .post(`/api/v1/cartelle/${cartellaId}/plan`, {
        startsOn: today(),
        reviewEvery: 1,
        reviewUnit: 'months',
        goals: [{ horizon: 'short', text: 'Spesa e igiene garantite ogni settimana' }],
      })
      .expect(201);
    const active = await assistente.post(`/api/v1/cartelle/${cartellaId}/plan/activate`, { version: plan.body.version }).expect(200);
    expect(active.body).toMatchObject({ state: 'active', nextReviewOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });

    // 6. Eligibility: the comune's grant fails on the ISEE ceiling, said in words; the home care passes.
    const grant = (await assistente.get(`/api/v1/people/${personId}/eligibility?service=${GRANT}`).expect(200)).body;
    expect(grant.outcome).toBe('fail');
    const ceiling = grant.requirements.find((r: { rule: string }) => r.rule === 'core.isee-ceiling');
    expect(ceiling.outcome).toBe('fail');
    expect(plain(ceiling.reason)).toContain('12.300 €');
    expect(plain(ceiling.reason)).toContain('supera la soglia di 10.000 €');
    const care = (await assistente.get(`/api/v1/people/${personId}/eligibility?service=${HOME_CARE}`).expect(200)).body;
    expect(care.outcome).toBe('pass');

    // 7. The intervention is requested, with the check recorded on it.
    const requested = await assistente
      .post('/api/v1/interventions', { cartellaId, service: HOME_CARE, quantity: 10, frequency: 'weekly', periodFrom: today() })
      .expect(201);
    expect(requested.body).toMatchObject({ state: 'requested', eligibility: { outcome: 'pass' } });
    const interventionId = requested.body.id as string;

    // 8. The service manager approves it with the act, and starts it; the social worker may not decide.
    const move = (c: Client, body: object) => c.post(`/api/v1/interventions/${interventionId}/transitions`, body);
    await move(assistente, { move: 'approve', act: 'DD 77/2026', actDate: today(), version: 1 }).expect(403);
    const approved = await move(responsabile, { move: 'approve', act: 'DD 77/2026', actDate: today(), version: 1 }).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', decision: { act: 'DD 77/2026', on: today() } });
    await move(responsabile, { move: 'activate', version: approved.body.version }).expect(200);

    // 9. Two deliveries (the amount defaults to quantity × the offer's 21,50 € an hour), and their total: on the
    // intervention, and in the service's delivered amount for the year the manager reads.
    const deliveredOfService = async () =>
      ((await responsabile.get('/api/v1/interventions/totals').expect(200)).body.items as { service: string; delivered: number }[]).find(
        (t) => t.service === HOME_CARE,
      )?.delivered ?? 0;
    const before = await deliveredOfService();
    for (const quantity of [4, 6])
      await assistente
        .post(`/api/v1/interventions/${interventionId}/deliveries`, { periodFrom: today(), periodTo: today(), quantity })
        .expect(201);
    const delivered = (await assistente.get(`/api/v1/interventions/${interventionId}`).expect(200)).body;
    expect(delivered.deliveries.map((d: { quantity: number; amount: number }) => [d.quantity, d.amount])).toEqual([
      [4, 86],
      [6, 129],
    ]);
    expect(delivered.delivered).toEqual({ quantity: 10, amount: 215 });
    expect((await deliveredOfService()) - before).toBe(215);

    // 10. The manager re-evaluates the alerts now (a page's button: there is no API route for it); the ISEE about to expire shows.
    await responsabile.form('/alerts/evaluate', {}).expect(302);
    const open = (await responsabile.get('/api/v1/alerts').expect(200)).body.items as {
      id: string;
      ruleId: string;
      subjectId: string;
      severity: string;
      message: string;
    }[];
    const alert = open.find((a) => a.ruleId === 'core.isee-expiring' && a.subjectId === personId);
    expect(alert).toMatchObject({ severity: 'warning', message: expect.stringContaining('ISEE') });
    const acknowledged = await responsabile
      .post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: 'Chiesto alla figlia di presentare la nuova DSU' })
      .expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', note: 'Chiesto alla figlia di presentare la nuova DSU' });
    await responsabile.post(`/api/v1/alerts/${alert!.id}/acknowledge`, { note: 'Di nuovo' }).expect(409);

    // 11. The cartella is closed with a reason, then reopened with a note.
    const current = (await assistente.get(`/api/v1/cartelle/${cartellaId}`).expect(200)).body;
    await assistente.post(`/api/v1/cartelle/${cartellaId}/transitions`, { transition: 'close', version: current.version }).expect(422);
    const closed = await assistente
      .post(`/api/v1/cartelle/${cartellaId}/transitions`, { transition: 'close', reason: 'obiettivi-raggiunti', version: current.version })
      .expect(200);
    expect(closed.body.state).toBe('closed');
    const reopened = await assistente
      .post(`/api/v1/cartelle/${cartellaId}/transitions`, {
        transition: 'reopen',
        note: 'La figlia segnala un peggioramento',
        version: closed.body.version,
      })
      .expect(200);
    expect(reopened.body.state).toBe('open');

    // The audit log holds the journey's main actions, in the order they happened.
    const entries = await asOwner<{ action: string; to: string | null }>(
      `select action, details->>'to' as to from core.audit_log
       where entity_id in (?, ?, ?, ?, ?, ?) or (entity = 'person' and entity_id = ?) order by id`,
      [contactId, cartellaId, draft.body.id, plan.body.id, interventionId, alert!.id, personId],
    );
    const actions = entries.map((e) => (e.action === 'cartella.transition' ? `${e.action}:${e.to}` : e.action));
    const main = [
      'access.create',
      'access.referral',
      'cartella.create',
      'diary.create',
      'diary.create',
      'assessment.create',
      'assessment.finalize',
      'plan.create',
      'plan.activate',
      'intervention.create',
      'intervention.approve',
      'intervention.delivery',
      'intervention.delivery',
      'alert.acknowledge',
      'cartella.transition:closed',
      'cartella.transition:open',
    ];
    // Each in turn, after the one before it: the main actions are a subsequence of the log.
    let at = -1;
    const missing = main.filter((a) => {
      const next = actions.indexOf(a, at + 1);
      if (next < 0) return true;
      at = next;
      return false;
    });
    expect({ missing, actions }).toEqual({ missing: [], actions: expect.any(Array) });
  });
});
