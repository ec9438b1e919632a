// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The requirement "no incompatible benefit": set on an offer from its form (the incompatible services
 * ticked) and answered from the person's interventions: pass with none, unknown while one is only
 * requested, fail naming the one approved or under way, pass again once it is concluded.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { noIncompatibleBenefit } from '../src/modules/catalogue/rules';
import { client, person, type Client } from './cartella-helpers';
import { plain, today } from './catalogue-helpers';

const MEASURE = 'core.A1.06';
const INCOMPATIBLE = 'core.A2.02';
const RULE = 'core.no-incompatible-benefit';

describe('the requirement of no incompatible benefit', () => {
  let app: TestApp;
  let ente: Client;
  let assistente: Client;
  let responsabile: Client;
  let pua: Client;
  let personId: string;
  let cartellaId: string;

  const verdict = async () => {
    const body = (await pua.get(`/api/v1/people/${personId}/eligibility?service=${MEASURE}`).expect(200)).body as {
      requirements: { rule: string; outcome: string; reason: string }[];
    };
    const r = body.requirements.find((x) => x.rule === RULE);
    return { outcome: r?.outcome, reason: plain(r?.reason) };
  };
  const move = (id: string, body: object) => responsabile.post(`/api/v1/interventions/${id}/transitions`, body).expect(200);

  beforeAll(async () => {
    app = await createTestApp();
    ente = await client(app, 'ente');
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    responsabile = await client(app, 'responsabile');
    pua = await client(app, 'pua');
    personId = (await pua.post('/api/v1/people', person('Compatibili', 'Nadia', 'F', '1979-10-10')).expect(201)).body.id as string;
    cartellaId = (await assistente.post('/api/v1/cartelle', { personId, area: 'poverta' }).expect(201)).body.id as string;
  });
  afterAll(() => app.close());

  it('refuses parameters without a service', () => {
    expect(noIncompatibleBenefit.params.safeParse({ services: [] }).success).toBe(false);
    expect(noIncompatibleBenefit.params.safeParse({}).success).toBe(false);
    expect(noIncompatibleBenefit.params.safeParse({ services: [INCOMPATIBLE] }).success).toBe(true);
  });

  it('is set on an offer from its form, the services by name', async () => {
    const form = await ente.agent.get(`/catalogue/${MEASURE}/offer`).expect(200);
    expect(form.text).toContain('Prestazioni incompatibili');
    expect(form.text).toContain(`value="${INCOMPATIBLE}"`);
    expect(form.text).toContain('Sostegno socio-educativo territoriale o domiciliare');
    // The comune's own offer, if it has one, is changed at its version; an inherited one becomes the comune's.
    const { offer: current } = (await ente.get(`/api/v1/catalogue/${MEASURE}/offer`).expect(200)).body as {
      offer: { inherited: boolean; version: number } | null;
    };
    const saved = await ente.form(`/catalogue/${MEASURE}/offer`, {
      active: 'on',
      custom: 'on',
      ...(current && !current.inherited ? { version: String(current.version) } : {}),
      [`requirements[${RULE}][enabled]`]: 'on',
      [`requirements[${RULE}][services]`]: [INCOMPATIBLE],
    });
    expect(saved.status).toBe(302);
    const offer = (await ente.get(`/api/v1/catalogue/${MEASURE}/offer`).expect(200)).body.offer;
    expect(offer.requirements).toEqual([{ rule: RULE, params: { services: [INCOMPATIBLE] } }]);
  });

  it('passes with none, is unknown while one is requested, fails naming the one approved, passes once it is concluded', async () => {
    expect(await verdict()).toEqual({
      outcome: 'pass',
      reason: `Nessun intervento approvato o in corso al ${today().split('-').reverse().join('/')} tra: Sostegno socio-educativo territoriale o domiciliare.`,
    });
    const iv = (
      await assistente
        .post('/api/v1/interventions', { cartellaId, service: INCOMPATIBLE, quantity: 2, frequency: 'weekly', periodFrom: today() })
        .expect(201)
    ).body as { id: string };
    expect(await verdict()).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('Richiesto') });

    await move(iv.id, { move: 'approve', act: 'DD 7/2026', actDate: today(), version: 1 });
    const failed = await verdict();
    expect(failed.outcome).toBe('fail');
    expect(failed.reason).toMatch(
      /^Riceve già «Sostegno socio-educativo territoriale o domiciliare» \(Approvato, dal \d\d\/\d\d\/\d{4} al –\)/,
    );

    await move(iv.id, { move: 'activate', version: 2 });
    await move(iv.id, { move: 'conclude', version: 3 });
    expect((await verdict()).outcome).toBe('pass');
  });
});
