// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Lazio's integrated path through the API, as tests/e2e/lazio.browser.test.ts walks it in a browser: the PUA's
 * scheda, the back office, the UVMD sharing the cartella with the ASL's district (which sees only that and writes
 * the health part), SVAMA scored, the outcome and the PAI reaching the regional system once across an outage, and
 * a Lazio service requested with its requirements explained.
 */
import { apiClient, createTestApp, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { simulatorsOf } from '../src/integrations';
import { recordContact, svamaAnswers } from './fixtures';

type Client = Awaited<ReturnType<typeof apiClient>>;

/** Elsa Marini, born in Roma on 21/4/1939, living in Municipio VII (a valid codice fiscale). */
const ELSA = {
  surname: 'Marini',
  name: 'Elsa',
  sex: 'F',
  birthDate: '1939-04-21',
  birthPlaceCode: 'H501',
  codiceFiscale: 'MRNLSE39D61H501B',
  residence: { comuneCode: 'H501', street: 'Via Appia Nuova', houseNumber: '300' },
};
const ROME = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' });
const inDays = (n: number): string => ROME.format(new Date(Date.now() + n * 86_400_000));
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

describe("a Roma Municipio's integrated socio-health path, through the API", () => {
  let app: TestApp;
  let pua: Client;
  let worker: Client;
  let asl: Client;

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'], pluginSettings: { lazio: { integrations: { simulate: true } } } });
    pua = await apiClient(await signIn(app, 'pua.roma'));
    worker = await apiClient(await signIn(app, 'assistente.roma'));
    asl = await apiClient(await signIn(app, 'asl.roma'));
  });
  afterAll(() => app?.close());

  it('goes from the PUA to the PAI with the ASL, the regional system and a Lazio service', async () => {
    const regional = simulatorsOf(app.platform.kernel.plugin('lazio')!)!.regional;

    // 1. The PUA: the access, the scheda with its pre-assessment, sent to the back office (and to the region).
    const personId = (await pua.post('/api/v1/people', ELSA).expect(201)).body.id as string;
    const contactId = await recordContact(pua, personId);
    const answers = {
      health: 'unstable',
      'daily-living': 'dependent',
      mobility: 'with-help',
      cognition: 'severe',
      'support-network': 'partial',
      'housing-income': 'adequate',
    };
    const scheda = (
      await pua
        .post(`/p/lazio/api/schede-pua/${contactId}`, {
          level: 'comunale',
          requestedBy: 'family',
          needs: ['home-care'],
          answers,
          outcome: 'back-office',
        })
        .expect(201)
    ).body;
    expect(scheda).toMatchObject({ score: 8, band: 'complex' });
    expect(regional.recorded.filter((m) => m.type === 'pua-scheda')).toHaveLength(1);

    // 2. The back office: the Municipio's social worker finds it and takes her in charge.
    expect(
      ((await worker.get('/p/lazio/api/back-office').expect(200)).body.items as { personId: string }[]).map((s) => s.personId),
    ).toContain(personId);
    const cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;

    // 3. The UVMD shares the cartella with ASL Roma 2's district, which sees that one and writes the health part.
    const sharedWithAsl = async () =>
      ((await asl.get('/api/v1/cartelle/shared').expect(200)).body.items as { cartella: { id: string } }[]).map((s) => s.cartella.id);
    expect(await sharedWithAsl()).toEqual([]);
    const session = (
      await worker
        .post('/p/lazio/api/uvmd', {
          cartellaId,
          scheduledOn: inDays(3),
          formId: 'lazio.svama',
          healthDistrictCode: 'asl-roma-2-distretto-07',
          members: [
            { name: 'Marta Assistente', role: 'social-worker', side: 'comune' },
            { name: 'Dott. Paolo Medici', role: 'district-doctor', side: 'asl' },
          ],
          shareExpiresOn: inDays(60),
          legalBasis: 'care',
        })
        .expect(201)
    ).body.id as string;
    expect(await sharedWithAsl()).toEqual([cartellaId]);
    await asl.get(`/api/v1/people/${personId}`).expect(200);
    await asl
      .post(`/p/lazio/api/uvmd/${session}/health`, {
        diagnoses: 'Demenza di grado moderato',
        stability: 'stable',
        nursingNeeds: ['medication'],
      })
      .expect(200);

    // 4. SVAMA: scored on the server, with the profile.
    const assessment = (
      await worker
        .post(`/api/v1/people/${personId}/assessments`, {
          formId: 'lazio.svama',
          status: 'final',
          assessedOn: inDays(0),
          answers: svamaAnswers(),
          cartellaId,
        })
        .expect(201)
    ).body;
    expect(assessment.scores).toMatchObject({
      cognitive: { value: 5, band: 'Confuso/a (deficit lieve-moderato)' },
      mobility: { value: 18 },
    });
    expect(assessment.classifications).toMatchObject({ 'autonomy-profile': { profile: 'confuso-deambula-assistito', complete: true } });

    // 5. The outcome and the PAI while the region is down: it waits, then arrives once.
    await regional.outage('unavailable');
    await worker
      .post(`/p/lazio/api/uvmd/${session}/outcome`, {
        outcome: 'pai',
        setting: 'home',
        objectives: 'Permanenza a domicilio',
        services: 'SAISA 6 ore settimanali',
        caseManager: 'Marta Assistente',
        reviewOn: inDays(90),
      })
      .expect(200);
    const messages = () =>
      asOwner(app, (em) => em.execute<{ status: string }[]>("select status from core.outbox_message where message_type = 'uvmd-outcome'"));
    expect(await messages()).toEqual([{ status: 'pending' }]);
    await regional.outage('none');
    await asOwner(app, (em) => em.execute(`update core.outbox_message set next_attempt_at = now() where status = 'pending'`));
    await app.platform.jobs.run('core.outbox.deliver');
    await app.platform.jobs.run('core.outbox.deliver');
    expect(await messages()).toEqual([{ status: 'delivered' }]);
    const outcomes = regional.recorded.filter((m) => m.type === 'uvmd-outcome');
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]!.payload).toMatchObject({
      uvmd: { id: session, outcome: 'pai', pai: { setting: 'home' } },
      assessment: { formId: 'lazio.svama' },
    });

    // 6. A Lazio service: the assegno di cura's requirements explained; SAISA passes and is requested.
    const assegno = (await worker.get(`/api/v1/people/${personId}/eligibility?service=lazio.assegno-cura-gravissima`).expect(200)).body;
    expect(assegno.outcome).not.toBe('pass');
    const gravissima = assegno.requirements.find((r: { rule: string }) => r.rule === 'lazio.disabilita-gravissima');
    expect(plain(gravissima.reason)).toMatch(/gravissima|accompagnamento/i);
    const saisa = (await worker.get(`/api/v1/people/${personId}/eligibility?service=lazio.roma-saisa`).expect(200)).body;
    expect(saisa.outcome).toBe('pass');
    const requested = await worker
      .post('/api/v1/interventions', { cartellaId, service: 'lazio.roma-saisa', quantity: 6, frequency: 'weekly', periodFrom: inDays(0) })
      .expect(201);
    expect(requested.body).toMatchObject({ state: 'requested', eligibility: { outcome: 'pass' } });
  });
});
