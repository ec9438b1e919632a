// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The assegno di cura per disabilità gravissima checked end to end through the API: the distretto's residence,
 * the indennità di accompagnamento with the UVMD's assessment, and core's ISEE ceiling, on a demo territory
 * where Orvieto and Allerona form a distretto socio-sanitario and Castel Viscardo lies outside it.
 */
import { apiClient, createTestApp, actIn, signIn, type TestApp } from '@sigess/core/testing';

const SERVICE = 'lazio.assegno-cura-gravissima';
const year = new Date().getFullYear();
const DISTRETTO = 'Distretto socio-sanitario Demo';

type Client = Awaited<ReturnType<typeof apiClient>>;
type Em = ReturnType<TestApp['platform']['orm']['em']['fork']>;
type Check = { outcome: string; requirements: { rule: string; outcome: string; reason: string; used: Record<string, unknown> }[] };

/** Intl's non-breaking spaces as plain ones. */
const plain = (text: string | undefined) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** Every art. 3 question answered "no", then `answers` on top: a complete, final-ready gravissima assessment. */
const gravissima = (answers: Record<string, unknown> = {}) => ({
  coma: 'no',
  ventilation: 'no',
  dementia: 'no',
  'spinal-lesion': 'no',
  motor: 'no',
  sensory: 'no',
  autism: 'no',
  intellectual: 'no',
  'vital-dependency': 'no',
  'certified-by': 'Dott.ssa Neri, neurologia, ASL Demo',
  'certified-on': `${year}-02-10`,
  ...answers,
});

describe('the assegno di cura per disabilità gravissima, checked through the API', () => {
  let app: TestApp;
  let assistente: Client;
  let serial = 0;

  /** Runs `work` as the database owner: the demo's organization tree is reshaped before anyone signs in. */
  async function asOwner<R>(work: (em: Em) => Promise<R>): Promise<R> {
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    try {
      return await work(em);
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }
  }

  /** A demo operator acting in the membership whose organization's name contains `organization`. */
  async function clientIn(username: string, organization: string): Promise<Client> {
    return apiClient(await actIn(await signIn(app, username), organization));
  }

  /** A person registered by the comune's social worker, with a valid codice fiscale, resident in `comuneCode`. */
  async function register(name: string, birthDate: string, codiceFiscale: string, comuneCode: string): Promise<string> {
    const res = await assistente
      .post('/api/v1/people', {
        codiceFiscale,
        surname: 'Gravina',
        name,
        sex: 'F',
        birthDate,
        birthPlaceCode: 'G148',
        residence: { comuneCode, street: 'Via della Cava', houseNumber: '3' },
      })
      .expect(201);
    return res.body.id as string;
  }

  /** The certification with the accompaniment and an ISEE socio-sanitario under the ceiling. */
  async function certifyAndIsee(id: string, iseeValue = 18_400): Promise<void> {
    await assistente
      .post(`/api/v1/people/${id}/disability`, { invalidityPercent: 100, law104: 'c3', accompaniment: true, certifiedOn: `${year}-01-20` })
      .expect(201);
    await assistente
      .post(`/api/v1/people/${id}/isee`, {
        type: 'socio-sanitario',
        value: iseeValue,
        protocol: `INPS-ISEE-${year}-${String(800_000_000 + (serial += 1))}-00`,
        issuedOn: `${year}-01-15`,
      })
      .expect(201);
  }

  const check = async (client: Client, id: string): Promise<Check> =>
    (await client.get(`/api/v1/people/${id}/eligibility?service=${SERVICE}`).expect(200)).body as Check;
  const requirement = (body: Check, rule: string) => {
    const r = body.requirements.find((x) => x.rule === rule)!;
    return { ...r, reason: plain(r.reason) };
  };

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    // A distretto socio-sanitario of Orvieto and Allerona; Castel Viscardo stays with the ambito, outside it.
    await asOwner(async (em) => {
      await em.execute(
        `insert into core.organization (code, name, kind, parent_id)
         select 'demo-distretto', ?, 'distretto', id from core.organization where code = 'demo-regione'`,
        [DISTRETTO],
      );
      await em.execute(
        `update core.organization set parent_id = (select id from core.organization where code = 'demo-distretto')
         where code in ('demo-comune', 'demo-comune-2')`,
      );
    });
    const [distretto] = await app.platform.orm.em
      .fork()
      .execute<{ id: string }[]>("select id::text as id from core.organization where code = 'demo-distretto'");
    // Turned on for the distretto: its comuni and their desks inherit it.
    await app.platform.organizations.setPluginActive(app.platform.orm.em.fork(), distretto!.id, 'lazio', true);
    assistente = await clientIn('assistente', 'Comune di Orvieto');
  });
  afterAll(() => app.close());

  it('passes for a person with the accompaniment and a final gravissima assessment, the reasons in plain words', async () => {
    // Resident in Allerona: not the comune the social worker acts in, but a comune of its distretto.
    const id = await register('Anna', '1946-03-12', 'GRVNNA46C52G148E', 'A207');
    await certifyAndIsee(id);
    // The UVMD's form, as the social worker fills it in on the page: a section per letter of art. 3.
    const page = await assistente.agent.get(`/people/${id}/assessments/new?form=lazio.disabilita-gravissima`).expect(200);
    expect(page.text).toContain('a) Coma, stato vegetativo, stato di minima coscienza');
    expect(page.text).toContain('Glasgow Coma Scale (GCS)');
    const assessment = await assistente
      .post(`/api/v1/people/${id}/assessments`, {
        formId: 'lazio.disabilita-gravissima',
        status: 'final',
        assessedOn: `${year}-03-04`,
        answers: gravissima({ coma: 'yes', gcs: '7' }),
      })
      .expect(201);

    const body = await check(assistente, id);
    expect(body.outcome).toBe('pass');
    expect(requirement(body, 'lazio.residence-in-distretto')).toMatchObject({
      outcome: 'pass',
      reason: `Residente a Allerona (TR), comune di ${DISTRETTO} (distretto socio-sanitario).`,
    });
    expect(requirement(body, 'lazio.disabilita-gravissima')).toMatchObject({
      outcome: 'pass',
      reason: `Indennità di accompagnamento e, dalla valutazione del 04/03/${year}, a) coma, stato vegetativo o di minima coscienza (GCS 7): disabilità gravissima (DM 26/9/2016, art. 3).`,
      used: { accompaniment: true, assessment: assessment.body.id, conditions: 'a' },
    });
    expect(requirement(body, 'core.isee-ceiling').reason).toMatch(
      /^ISEE socio-sanitario 18\.400 € .* non supera la soglia di 65\.000 €\.$/,
    );

    // The check read the assessment: its audit entry names it.
    const [entry] = await asOwner((em) =>
      em.execute<{ details: Record<string, unknown> }[]>(
        "select details from core.audit_log where action = 'eligibility.check' and entity_id = ? order by id desc limit 1",
        [id],
      ),
    );
    expect(entry!.details).toMatchObject({ service: SERVICE, outcome: 'pass', assessments: assessment.body.id });

    // The desk's operator may check, but not read the UVMD's assessments: the rule says so instead of guessing.
    const pua = await apiClient(await signIn(app, 'pua'));
    const desk = await check(pua, id);
    expect(desk.outcome).toBe('unknown');
    expect(requirement(desk, 'lazio.disabilita-gravissima').reason).toContain('non sono consultabili con il tuo ruolo');
  });

  it('is unknown without a final gravissima assessment: a draft is not a finding', async () => {
    const id = await register('Bice', '1951-07-30', 'GRVBCI51L70G148H', 'G148');
    await certifyAndIsee(id);
    const missing = await check(assistente, id);
    expect(missing.outcome).toBe('unknown');
    expect(requirement(missing, 'lazio.disabilita-gravissima').reason).toMatch(
      /^Mancano dati per decidere: nessuna valutazione definitiva con la scheda «Disabilità gravissima \(DM 26\/9\/2016, art\. 3\)» al \d{2}\/\d{2}\/\d{4}: va compilata dall'UVMD\.$/,
    );
    expect(requirement(missing, 'lazio.residence-in-distretto').outcome).toBe('pass');

    await assistente
      .post(`/api/v1/people/${id}/assessments`, {
        formId: 'lazio.disabilita-gravissima',
        status: 'draft',
        answers: { ventilation: 'yes' },
      })
      .expect(201);
    expect((await check(assistente, id)).outcome).toBe('unknown');

    // Final, and none of the conditions found: now a fail, saying so.
    await assistente
      .post(`/api/v1/people/${id}/assessments`, { formId: 'lazio.disabilita-gravissima', status: 'final', answers: gravissima() })
      .expect(201);
    const none = await check(assistente, id);
    expect(none.outcome).toBe('fail');
    expect(requirement(none, 'lazio.disabilita-gravissima').reason).toContain("non rileva alcuna delle condizioni a)–i) dell'art. 3");
  });

  it('fails the residence of a person living outside the distretto, naming the comune and the distretto', async () => {
    const id = await register('Carla', '1958-11-05', 'GRVCRL58S45G148M', 'C289');
    await certifyAndIsee(id);
    await assistente
      .post(`/api/v1/people/${id}/assessments`, {
        formId: 'lazio.disabilita-gravissima',
        status: 'final',
        answers: gravissima({ ventilation: 'yes' }),
      })
      .expect(201);
    const body = await check(assistente, id);
    expect(body.outcome).toBe('fail');
    expect(requirement(body, 'lazio.residence-in-distretto')).toMatchObject({
      outcome: 'fail',
      reason: `Residente a Castel Viscardo (TR), fuori da ${DISTRETTO} (distretto socio-sanitario: Allerona e Orvieto).`,
      used: { comuneCode: 'C289', territoryKind: 'distretto' },
    });
    expect(requirement(body, 'lazio.disabilita-gravissima').outcome).toBe('pass');

    // In English, the same check in the operator's language.
    const en = (
      await assistente.agent
        .get(`/api/v1/people/${id}/eligibility?service=${SERVICE}`)
        .set('Accept', 'application/json')
        .set('Accept-Language', 'en')
        .expect(200)
    ).body as Check;
    expect(requirement(en, 'lazio.residence-in-distretto').reason).toBe(
      `Resident in Castel Viscardo (TR), outside ${DISTRETTO} (distretto socio-sanitario: Allerona and Orvieto).`,
    );
  });
});
