// SPDX-License-Identifier: AGPL-3.0-or-later
import { PersonRegistryPort, type RequestCtx } from '@sigess/core/sdk';
import { apiClient, createTestApp, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { recordContact } from './fixtures';
import { simulatorsOf } from '../src/integrations';
import { ROMA_RESIDENTS } from '../src/simulators/roma-anagrafe';

type Client = Awaited<ReturnType<typeof apiClient>>;

/** Giulia Bianchi, a resident in the anagrafe simulator: the codice fiscale is hers (core checks it on registration). */
const GIULIA = {
  surname: 'Bianchi',
  name: 'Giulia',
  sex: 'F',
  birthDate: '1948-03-12',
  birthPlaceCode: 'H501',
  codiceFiscale: 'BNCGLI48C52H501K',
};
const ANSWERS = {
  health: 'unstable',
  'daily-living': 'dependent',
  mobility: 'with-help',
  cognition: 'mild',
  'support-network': 'partial',
  'housing-income': 'difficult',
};
const TIMEOUT_MS = 400;

interface Message {
  id: string;
  status: string;
  attempts: number;
  reference: string | null;
  last_error: string | null;
}
const outbox = (app: TestApp, type: string) =>
  asOwner(app, (em) =>
    em.execute<Message[]>(
      `select id::text as id, status, attempts, reference, last_error from core.outbox_message where message_type = ? order by recorded_at`,
      [type],
    ),
  );
/** Time passes: every pending message is due now. */
const makeDue = (app: TestApp) =>
  asOwner(app, (em) => em.execute(`update core.outbox_message set next_attempt_at = now() where status = 'pending'`));

describe('Lazio integrations: the regional socio-health system and Roma’s anagrafe, on their simulators', () => {
  let app: TestApp;
  let pua: Client;
  let contactId: string;
  let personId: string;
  const simulators = () => simulatorsOf(app.platform.kernel.plugin('lazio')!)!;
  const deliver = () => app.platform.jobs.run('core.outbox.deliver');

  beforeAll(async () => {
    app = await createTestApp({
      plugins: ['lazio'],
      pluginSettings: {
        lazio: {
          integrations: { simulate: true, regionalSystem: { timeoutMs: TIMEOUT_MS, retries: 1 }, anagrafeRoma: { timeoutMs: TIMEOUT_MS } },
        },
      },
    });
    pua = await apiClient(await signIn(app, 'pua.roma'));
    personId = (await pua.post('/api/v1/people', GIULIA).expect(201)).body.id as string;
    contactId = await recordContact(pua, personId);
    await pua
      .post(`/p/lazio/api/schede-pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'family',
        needs: ['home-care'],
        answers: ANSWERS,
        outcome: 'back-office',
      })
      .expect(201);
  });
  afterAll(() => app?.close());

  it('starts both simulators on loopback when the settings say simulate', () => {
    expect(simulators().regional.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(simulators().anagrafe.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('sends the scheda PUA with its recording: delivered once, shown on the contact page', async () => {
    const [message] = await outbox(app, 'pua-scheda');
    expect(message).toMatchObject({ status: 'delivered', attempts: 1, reference: 'SISS-PUA-000001' });
    const recorded = simulators().regional.recorded;
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      type: 'pua-scheda',
      idempotencyKey: expect.stringMatching(/^lazio\.pua-scheda:[0-9a-f-]{36}:v1$/),
    });
    expect(recorded[0]!.payload).toMatchObject({
      schemaVersion: 1,
      person: { codiceFiscale: GIULIA.codiceFiscale, surname: 'Bianchi' },
      scheda: { band: 'complex', outcome: 'back-office', needs: ['home-care'] },
    });
    // A second scheda for the contact is refused, and nothing more is sent.
    await pua
      .post(`/p/lazio/api/schede-pua/${contactId}`, {
        level: 'comunale',
        requestedBy: 'self',
        needs: ['home-care'],
        answers: ANSWERS,
        outcome: 'back-office',
      })
      .expect(409);
    expect(simulators().regional.recorded).toHaveLength(1);
    const page = await pua.agent.get(`/access/${contactId}`).expect(200);
    expect(page.text).toContain('data-testid="regional-access"');
    expect(page.text).toContain('SISS-PUA-000001');
  });

  /** A decided UVMD session of Giulia's cartella: what sends an outcome to the regional system. */
  async function decidedSession(worker: Client, cartellaId: string): Promise<string> {
    const session = (
      await worker
        .post('/p/lazio/api/uvmd', {
          cartellaId,
          scheduledOn: '2026-11-30',
          formId: 'lazio.svama',
          healthDistrictCode: 'asl-roma-2-distretto-07',
          members: [
            { name: 'Marta Assistente', role: 'social-worker', side: 'comune' },
            { name: 'Dott. Paolo Medici', role: 'district-doctor', side: 'asl' },
          ],
          shareExpiresOn: '2027-01-31',
          legalBasis: 'care',
        })
        .expect(201)
    ).body.id as string;
    await worker
      .post(`/p/lazio/api/uvmd/${session}/outcome`, { outcome: 'refer-social', note: 'Servizi sociali del Municipio' })
      .expect(200);
    return session;
  }

  it('rides out an outage (503, then refused connections) and the regional system receives the UVMD outcome exactly once', async () => {
    const worker = await apiClient(await signIn(app, 'assistente.roma'));
    const cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    const regional = simulators().regional;
    await regional.outage('unavailable');
    const session = await decidedSession(worker, cartellaId);
    let [message] = await outbox(app, 'uvmd-outcome');
    expect(message).toMatchObject({ status: 'pending', attempts: 1 });
    expect(message!.last_error).toContain('503');
    // Not due yet: the schedule's run leaves it be.
    await deliver();
    expect((await outbox(app, 'uvmd-outcome'))[0]!.attempts).toBe(1);

    await regional.outage('refused');
    await makeDue(app);
    await deliver();
    [message] = await outbox(app, 'uvmd-outcome');
    expect(message).toMatchObject({ status: 'pending', attempts: 2 });
    expect(message!.last_error).toContain('ECONNREFUSED');

    await regional.outage('none');
    await makeDue(app);
    await deliver();
    [message] = await outbox(app, 'uvmd-outcome');
    expect(message).toMatchObject({ status: 'delivered', attempts: 3, reference: 'SISS-UVMD-000002' });
    const uvmd = regional.recorded.filter((m) => m.type === 'uvmd-outcome');
    expect(uvmd).toHaveLength(1);
    expect(uvmd[0]!.payload).toMatchObject({ uvmd: { id: session, outcome: 'refer-social', healthDistrict: 'asl-roma-2-distretto-07' } });
    const page = await worker.agent.get(`/p/lazio/uvmd/${session}`).expect(200);
    expect(page.text).toContain('SISS-UVMD-000002');
  });

  it('honours the timeout, and an answer lost on the way is not recorded twice when the message is sent again', async () => {
    const regional = simulators().regional;
    const before = regional.recorded.length;
    const worker = await apiClient(await signIn(app, 'assistente.roma'));
    const [cartella] = await worker.get(`/api/v1/cartelle?personId=${personId}`).then((r) => r.body.items as { id: string }[]);
    // A second session decided while the regional system answers too late.
    await regional.outage('slow', { slowMs: 4_000 });
    const started = Date.now();
    await decidedSession(worker, cartella!.id);
    expect(Date.now() - started).toBeLessThan(4_000);
    let [, message] = await outbox(app, 'uvmd-outcome');
    expect(message).toMatchObject({ status: 'pending', attempts: 1 });
    expect(message!.last_error).toMatch(/no answer in time/);
    // The regional system did take it, late: the answer was lost, not the message.
    for (let i = 0; i < 60 && regional.recorded.length === before; i += 1) await new Promise((r) => setTimeout(r, 100));
    expect(regional.recorded.length).toBe(before + 1);

    await regional.outage('none');
    await makeDue(app);
    await deliver();
    [, message] = await outbox(app, 'uvmd-outcome');
    expect(message).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(message!.reference).toBe(regional.recorded[before]!.reference);
    expect(regional.recorded.length).toBe(before + 1);
  });

  it("looks a person up in Roma's anagrafe by codice fiscale, with a purpose, and fills the registry's fields", async () => {
    const registry = app.platform.kernel.registry.forOrg(new Set(['lazio']), {}).port(PersonRegistryPort);
    expect(registry.id).toBe('lazio.anagrafe-roma');
    const ctx = { requestId: 'test-lookup' } as RequestCtx;
    const found = await registry.lookup('frrmrc75s02h501p', ctx, { purpose: 'verifica residenza' });
    expect(found).toEqual({
      surname: 'Ferrari',
      name: 'Marco',
      birthDate: '1975-11-02',
      sex: 'M',
      birthPlaceCode: 'H501',
      residenceIstat: '058091',
      residence: { comuneCode: 'H501', street: 'Via Prenestina', houseNumber: '45', postcode: '00176' },
      deceasedDate: null,
      reference: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(await registry.lookup('RSSMRA80A01H501U', ctx, { purpose: 'verifica residenza' })).toBeNull();
    const log = simulators().anagrafe.lookups;
    expect(log.map((l) => [l.codiceFiscale, l.purpose, l.found])).toEqual([
      ['FRRMRC75S02H501P', 'verifica residenza', true],
      ['RSSMRA80A01H501U', 'verifica residenza', false],
    ]);
    expect(log[0]!.idOperazione).toBe(found!.reference);

    const anagrafe = simulators().anagrafe;
    await anagrafe.outage('slow', { slowMs: 4_000 });
    const started = Date.now();
    await expect(registry.lookup('BNCGLI48C52H501K', ctx, { purpose: 'verifica' })).rejects.toMatchObject({ kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(4_000);
    await anagrafe.outage('none');
  });

  it('knows residents whose codici fiscali core accepts', async () => {
    for (const r of ROMA_RESIDENTS) {
      const res = await pua.post('/api/v1/people', {
        surname: r.cognome,
        name: r.nome,
        sex: r.sesso,
        birthDate: r.dataNascita,
        birthPlaceCode: r.codiceCatastaleNascita,
        codiceFiscale: r.codiceFiscale,
      });
      // Giulia is registered already (409: the same codice fiscale); every other one is accepted as valid.
      expect([201, 409]).toContain(res.status);
      if (res.status === 409) expect(r.codiceFiscale).toBe(GIULIA.codiceFiscale);
    }
  });
  it("fills the registration form from Roma's anagrafe, and checks a stored person against it, audited with the purpose", async () => {
    const form = await pua.agent.get('/people/new?lookup=frrmrc75s02h501p&purpose=Registrazione+al+PUA').expect(200);
    expect(form.text).toContain('data-testid="registry-answer"');
    expect(form.text).toContain('Trovato in anagrafe.');
    expect(form.text).toContain('value="Ferrari"');
    expect(form.text).toContain('value="1975-11-02"');
    expect(form.text).toContain('value="Via Prenestina"');
    // Without a purpose the register is not asked.
    const refused = await pua.agent.get('/people/new?lookup=FRRMRC75S02H501P').expect(422);
    expect(refused.text).toContain('Indica il motivo della consultazione');
    await pua.get('/api/v1/registry-lookup?lookup=FRRMRC75S02H501P').expect(422);

    // Giulia was registered without an address: the register has one.
    const check = (await pua.post(`/api/v1/people/${personId}/registry-check`, { purpose: 'Verifica della residenza' }).expect(200)).body;
    expect(check.status).toBe('found');
    expect(check.differences).toEqual(
      expect.arrayContaining([
        { field: 'surname', stored: 'Bianchi', registry: 'Bianchi', same: true },
        { field: 'residenceComune', stored: null, registry: 'H501', same: false },
      ]),
    );
    const page = await pua.form(`/people/${personId}/registry-check`, { purpose: 'Verifica della residenza' }).expect(200);
    expect(page.text).toContain('data-field="residenceComune" data-same="false"');
    const audit = await asOwner(app, (em) =>
      em.execute<{ purpose: string; details: { registry: string; status: string; reference: string | null } }[]>(
        "select purpose, details from core.audit_log where action = 'person.registry-lookup' and entity_id = ? order by id",
        [personId],
      ),
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ purpose: 'Verifica della residenza', details: { registry: 'lazio.anagrafe-roma', status: 'found' } });
    expect(audit[0]!.details.reference).toMatch(/^[0-9a-f-]{36}$/);
  });
});
