// SPDX-License-Identifier: AGPL-3.0-or-later
import pino from 'pino';
import { prepare } from '../src/platform';
import { StartupError } from '../src/kernel/errors';
import { createTestApp, type TestApp } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { asOwner, client, fieldsOf, plain, today, type Client } from './catalogue-helpers';
import { fixtureConfig, tempWorkspace, writePlugin, type FixturePlugin } from './fixtures';

type Item = {
  code: string;
  inpsCode: string | null;
  macroArea: string | null;
  unit: string;
  area: string;
  name: string;
  offered: boolean | null;
};

/** What the catalogue API lists for a query, as `code`s. */
const codes = (body: { items: Item[] }) => body.items.map((i) => i.code);

/** A plugin bringing a regional measure with a rule of its own, and an ISEE adapter that answers for one person. */
const MEASURES: FixturePlugin = {
  id: 'measures',
  locales: {
    it: {
      rule: {
        title: 'Vive da solo',
        describe: 'la persona vive da sola',
        pass: 'Vive da sola.',
        fail: 'Il nucleo ha {{count}} componenti.',
        unknown: 'Nessun nucleo registrato.',
      },
    },
    en: {
      rule: {
        title: 'Lives alone',
        describe: 'the person lives alone',
        pass: 'Lives alone.',
        fail: 'The household has {{count}} members.',
        unknown: 'No household recorded.',
      },
    },
  },
  code: `register(p) {
    p.contribute(sdk.EligibilityRules, {
      id: 'measures.lives-alone', titleKey: 'measures:rule.title', params: sdk.z.strictObject({}), fields: [],
      describe: () => ({ key: 'measures:rule.describe' }),
      evaluate: (facts) => !facts.household ? { outcome: 'unknown', reason: { key: 'measures:rule.unknown' } }
        : facts.household.members.length === 1 ? { outcome: 'pass', reason: { key: 'measures:rule.pass' } }
        : { outcome: 'fail', reason: { key: 'measures:rule.fail', values: { count: facts.household.members.length } } },
    });
    p.contribute(sdk.CatalogueEntries, {
      code: 'measures.care-grant', label: { it: 'Assegno di cura', en: 'Care allowance' }, area: 'anziani',
      macroArea: 'trasferimenti-denaro', unit: 'euro', inpsCode: 'A1.11', istatCode: 'G5', regionalCode: 'R-07',
      requirements: [{ rule: 'core.age-range', params: { min: 75 } }, { rule: 'measures.lives-alone' }],
    });
    p.implement(sdk.IseePort, {
      id: 'measures.inps',
      async retrieve(request) {
        (globalThis.__iseeRequests = globalThis.__iseeRequests || []).push(request);
        if (!request.codiceFiscale.startsWith('NPS')) return { status: 'not-found' };
        const year = request.on.slice(0, 4);
        return { status: 'found', attestations: [
          { type: 'ordinario', value: 7777, ise: 12209.89, scale: 1.57, protocol: 'INPS-ISEE-' + year + '-000999999-00', issuedOn: year + '-01-20', expiresOn: year + '-12-31' },
          { type: 'socio-sanitario', value: 6500, ise: null, scale: null, protocol: 'INPS-ISEE-' + year + '-000999999-00', issuedOn: year + '-01-20', expiresOn: year + '-12-31' },
        ] };
      },
    });
  }`,
};

describe('the service catalogue', () => {
  let app: TestApp;
  let ente: Client;
  let responsabile: Client;
  const orgId = async (code: string) =>
    asOwner(
      app,
      async (em) => (await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [code]))[0]!.id,
    );

  beforeAll(async () => {
    const root = tempWorkspace('catalogue');
    writePlugin(root, MEASURES);
    app = await createTestApp({ rootDir: root, plugins: ['measures'] });
    ente = await client(app, 'ente');
    responsabile = await client(app, 'responsabile');
  });
  afterAll(() => app.close());

  it('holds the national table of INPS prestazioni, with macro-area, area and unit, in both languages', async () => {
    const visitor = app.newAgent();
    const res = await visitor.get('/api/v1/catalogue').expect(200);
    const national = (res.body.items as Item[]).filter((i) => i.code.startsWith('core.'));
    expect(national.map((i) => i.inpsCode)).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `A1.${String(i + 1).padStart(2, '0')}`),
      ...Array.from({ length: 12 }, (_, i) => `A2.${String(i + 1).padStart(2, '0')}`),
      'A3.01',
      'A3.02',
      'A3.03',
      'Z9.99',
    ]);
    expect(national.find((i) => i.inpsCode === 'A2.07')).toMatchObject({
      code: 'core.A2.07',
      name: 'Assistenza domiciliare socio-assistenziale',
      macroArea: 'interventi-servizi',
      macroAreaLabel: 'Interventi e servizi',
      area: 'anziani',
      unit: 'hours',
      unitLabel: 'ore',
      source: 'core',
      istatCode: null,
    });
    expect(new Set(national.filter((i) => i.inpsCode!.startsWith('A1')).map((i) => i.macroArea))).toEqual(
      new Set(['trasferimenti-denaro']),
    );
    expect(national.find((i) => i.inpsCode === 'Z9.99')!.macroArea).toBeNull();
    const english = await visitor.get('/api/v1/catalogue?q=A3.03').set('Cookie', 'sigess_lang=en').expect(200);
    expect(english.body.items).toEqual([
      expect.objectContaining({ name: 'Nursery (asilo nido)', unitLabel: 'months', macroAreaLabel: 'Structures' }),
    ]);
  });

  it('describes its API in the OpenAPI document, from the schemas that validate it', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/catalogue',
        '/api/v1/catalogue/{code}',
        '/api/v1/catalogue/{code}/offer',
        '/api/v1/people/{id}/isee',
        '/api/v1/people/{id}/isee/retrieve',
        '/api/v1/people/{id}/disability',
        '/api/v1/people/{id}/eligibility',
      ]),
    );
    expect(Object.keys(doc.paths['/api/v1/catalogue/{code}/offer']!)).toEqual(expect.arrayContaining(['get', 'put']));
    expect(Object.keys(doc.components.schemas.IseeInput!.properties!)).toEqual(
      expect.arrayContaining(['type', 'value', 'protocol', 'issuedOn', 'expiresOn', 'householdId']),
    );
    expect(doc.components.schemas.EligibilityCheck).toBeDefined();
    expect(doc.components.schemas.ServiceOfferInput).toBeDefined();
  });

  it('filters by area, macro-area, words (without accents) and what the organization offers', async () => {
    const api = (q: string) => ente.get(`/api/v1/catalogue?${q}`).expect(200);
    expect(codes((await api('macroArea=strutture')).body)).toEqual(['core.A3.01', 'core.A3.02', 'core.A3.03']);
    expect(codes((await api('q=domiciliarita autonomia')).body)).toEqual(['core.A1.11']);
    expect(codes((await api('area=anziani&macroArea=trasferimenti-denaro')).body)).toEqual(['core.A1.11', 'measures.care-grant']);
    // The comune offers two services itself and inherits two from the ambito.
    const offered = (await api('offered=1')).body as { items: Item[] };
    expect(codes(offered).sort()).toEqual(['core.A1.04', 'core.A1.11', 'core.A2.02', 'core.A2.07']);
    expect(offered.items.every((i) => i.offered)).toBe(true);
    expect(fieldsOf((await ente.get('/api/v1/catalogue?macroArea=nessuna').expect(422)).body)).toEqual({
      macroArea: "Scegli uno dei valori dell'elenco.",
    });

    const page = await ente.agent.get('/catalogue?area=poverta&q=mensa').expect(200);
    expect(page.text).toContain('data-code="core.A2.01"');
    expect(page.text).not.toContain('data-code="core.A2.12"');
    expect(page.text).toContain('Servizi del catalogo: 1');
    const none = await ente.agent.get('/catalogue?q=elicotteri').expect(200);
    expect(none.text).toContain('Nessun servizio corrisponde alla ricerca.');
    expect((await ente.agent.get('/catalogue?macroArea=nessuna').expect(422)).text).toContain('id="error-macroArea"');
  });

  it('shows an entry with its codes, the offer that applies and its requirements in words', async () => {
    const page = await ente.agent.get('/catalogue/core.A2.07').expect(200);
    const html = plain(page.text);
    expect(html).toContain('<h1 class="h2 mb-3">Assistenza domiciliare socio-assistenziale</h1>');
    expect(html).toContain('<code>A2.07</code>');
    expect(html).toMatch(/Ambito territoriale sociale Demo <span class="badge bg-secondary">ereditata<\/span>/);
    expect(html).toContain('21,50 € · ore');
    expect(html).toContain('180.000 €');
    expect(html).toContain('<strong>Età</strong>: età di almeno 65 anni');
    expect(html).toContain('<strong>Soglia ISEE</strong>: ISEE ordinario o socio-sanitario non superiore a 25.000 €');
    expect(html).toContain('href="/catalogue/core.A2.07/offer"');

    const plugin = await ente.get('/api/v1/catalogue/measures.care-grant').expect(200);
    expect(plugin.body).toMatchObject({
      name: 'Assegno di cura',
      inpsCode: 'A1.11',
      istatCode: 'G5',
      regionalCode: 'R-07',
      source: 'measures',
      requirements: [
        { rule: 'core.age-range', title: 'Età', text: 'età di almeno 75 anni' },
        { rule: 'measures.lives-alone', title: 'Vive da solo', text: 'la persona vive da sola' },
      ],
    });
    const visitor = await app.newAgent().get('/catalogue/core.A1.04').expect(200);
    expect(visitor.text).not.toContain('/offer"');
    await app.newAgent().get('/catalogue/core.A9.99').expect(404);
    await app.newAgent().get('/api/v1/catalogue/nothing').expect(404);
  });

  it('lets a manager set the organization’s own offer from the form, inherited values first', async () => {
    const form = await ente.agent.get('/catalogue/core.A2.07/offer').expect(200);
    expect(form.text).toContain('data-testid="inherited"');
    expect(form.text).toContain('value="21,5"');
    const comune = await orgId('demo-comune');
    const saved = await ente.form('/catalogue/core.A2.07/offer', {
      organizationId: comune,
      active: 'on',
      unitCost: '19,90',
      yearlyBudget: '40.000',
      capacity: '12',
      custom: 'on',
      'requirements[core.age-range][enabled]': 'on',
      'requirements[core.age-range][min]': '70',
      'requirements[core.isee-ceiling][enabled]': 'on',
      'requirements[core.isee-ceiling][types]': ['ordinario', 'corrente'],
      'requirements[core.isee-ceiling][max]': '20.000',
      'requirements[core.residence][max]': 'ignored: not ticked',
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.location).toBe('/catalogue/core.A2.07?saved=1');
    const offer = (await ente.get('/api/v1/catalogue/core.A2.07/offer').expect(200)).body.offer;
    expect(offer).toMatchObject({
      organization: { code: 'demo-comune' },
      inherited: false,
      active: true,
      unitCost: 19.9,
      yearlyBudget: 40_000,
      capacity: 12,
      version: 1,
      requirements: [
        { rule: 'core.age-range', params: { min: 70 } },
        { rule: 'core.isee-ceiling', params: { types: ['ordinario', 'corrente'], max: 20_000 } },
      ],
    });
    const page = plain((await ente.agent.get('/catalogue/core.A2.07?saved=1').expect(200)).text);
    expect(page).toContain('Offerta salvata.');
    expect(page).toContain('Requisiti fissati da Comune di Orvieto:');
    expect(page).toContain('età di almeno 70 anni');
    // The ambito's own offer, and what its other comuni inherit, are untouched.
    const other = (await responsabile.get(`/api/v1/catalogue/core.A2.07/offer?organizationId=${await orgId('demo-comune-3')}`).expect(200))
      .body;
    expect(other.offer).toMatchObject({ organization: { code: 'demo-ambito' }, inherited: true, unitCost: 21.5 });
    const [entry] = await asOwner(app, (em) =>
      em.execute<{ entity_id: string; details: Record<string, unknown> }[]>(
        `select entity_id, details from core.audit_log where action = 'offer.update' order by id desc limit 1`,
      ),
    );
    expect(entry).toEqual({ entity_id: offer.id, details: { entry: 'core.A2.07', organization: 'demo-comune', requirements: 2 } });

    // Back to the entry's defaults: the custom requirements go.
    await ente.form('/catalogue/core.A2.07/offer', { organizationId: comune, active: 'on', unitCost: '19,90', version: '1' }).expect(302);
    expect((await ente.get('/api/v1/catalogue/core.A2.07/offer').expect(200)).body.offer).toMatchObject({ requirements: null, version: 2 });
  });

  it('lets the ambito manager set a comune’s offer through the API, and refuses a stale version', async () => {
    const castel = await orgId('demo-comune-3');
    const body = {
      organizationId: castel,
      active: false,
      yearlyBudget: 0,
      requirements: [{ rule: 'core.residence' }, { rule: 'measures.lives-alone', params: {} }],
    };
    const created = await responsabile.put('/api/v1/catalogue/core.A1.04/offer', body).expect(200);
    expect(created.body).toMatchObject({ organization: { code: 'demo-comune-3' }, active: false, version: 1, yearlyBudget: 0 });
    await responsabile.put('/api/v1/catalogue/core.A1.04/offer', { ...body, version: 1, active: true }).expect(200);
    const stale = await responsabile.put('/api/v1/catalogue/core.A1.04/offer', { ...body, version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ version: 2 });
  });

  it('refuses the offer to a social worker, and another organization’s offer to anyone', async () => {
    const assistente = await client(app, 'assistente', 'Comune di Orvieto');
    await assistente.put('/api/v1/catalogue/core.A2.01/offer', { active: true }).expect(403);
    await assistente.agent.get('/catalogue/core.A2.01/offer').expect(403);
    expect((await assistente.agent.get('/catalogue/core.A2.01').expect(200)).text).not.toContain('/offer"');

    const allerona = await orgId('demo-comune-2');
    await ente.put('/api/v1/catalogue/core.A2.01/offer', { organizationId: allerona, active: true }).expect(404);
    await ente.form('/catalogue/core.A2.01/offer', { organizationId: allerona, active: 'on' }).expect(404);
    await ente.agent.get(`/catalogue/core.A2.01/offer?organizationId=${allerona}`).expect(404);
    await ente.get(`/api/v1/catalogue/core.A2.01/offer?organizationId=${allerona}`).expect(404);
    const written = await asOwner(app, (em) =>
      em.execute<{ n: string }[]>(`select count(*) as n from core.service_offer where entry_code = 'core.A2.01'`),
    );
    expect(Number(written[0]!.n)).toBe(0);
  });

  it('refuses bad offers field by field: problem+json on the API, beside the fields on the form', async () => {
    const bad = await ente
      .put('/api/v1/catalogue/core.A2.12/offer', {
        active: true,
        unitCost: 'tanto',
        capacity: 2.5,
        requirements: [
          { rule: 'core.nothing' },
          { rule: 'core.isee-ceiling', params: { types: ['ordinario'], max: -1 } },
          { rule: 'core.age-range', params: {} },
        ],
      })
      .expect(422);
    expect(fieldsOf(bad.body)).toEqual({
      unitCost: 'Importo non valido: scrivi ad esempio 12.300,50.',
      capacity: 'Scrivi un numero intero.',
    });
    const rules = await ente
      .put('/api/v1/catalogue/core.A2.12/offer', {
        active: true,
        requirements: [
          { rule: 'core.nothing' },
          { rule: 'core.isee-ceiling', params: { types: ['ordinario'], max: -1 } },
          { rule: 'core.age-range', params: {} },
          { rule: 'core.nothing' },
          { rule: 'core.residence', params: { comuni: ['G148'] } },
        ],
      })
      .expect(422);
    expect(fieldsOf(rules.body)).toEqual({
      'requirements.0.rule': 'Regola di verifica sconosciuta.',
      'requirements.1.params.max': 'Il valore minimo è 0.',
      'requirements.2.params.min': "Indica almeno un'età minima o massima.",
      'requirements.3.rule': 'Regola di verifica sconosciuta.',
      'requirements.4.params': 'Campi non previsti: comuni.',
    });
    const form = await ente.form('/catalogue/core.A2.12/offer', {
      active: 'on',
      unitCost: '3,123',
      custom: 'on',
      'requirements[core.isee-ceiling][enabled]': 'on',
      'requirements[core.isee-ceiling][max]': '9000',
    });
    expect(form.status).toBe(422);
    expect(form.text).toContain('id="error-unitCost"');
    expect(form.text).toContain('Al massimo due decimali.');
    expect(form.text).toMatch(/id="error-requirements.core.isee-ceiling.types">Campo obbligatorio./);
    // What was typed comes back.
    expect(form.text).toContain('value="3,123"');
    expect(form.text).toMatch(/name="requirements\[core.isee-ceiling\]\[max\]" value="9000"/);
    const written = await asOwner(app, (em) =>
      em.execute<{ n: string }[]>(`select count(*) as n from core.service_offer where entry_code = 'core.A2.12'`),
    );
    expect(Number(written[0]!.n)).toBe(0);
  });

  it('checks a plugin’s measure with core’s rules and its own', async () => {
    const pua = await client(app, 'pua');
    const birthDate = `${Number(today().slice(0, 4)) - 80}-03-01`;
    const person = await pua
      .post('/api/v1/people', {
        codiceFiscale: computeCodiceFiscale({ surname: 'Solinghi', name: 'Elda', sex: 'F', birthDate, birthPlaceCode: 'G148' }),
        surname: 'Solinghi',
        name: 'Elda',
        sex: 'F',
        birthDate,
        birthPlaceCode: 'G148',
      })
      .expect(201);
    const id = person.body.id as string;
    await pua.post('/api/v1/households', { personId: id, kind: 'anagrafico', relationCode: 'IS' }).expect(201);
    const res = await pua.get(`/api/v1/people/${id}/eligibility?service=measures.care-grant`).expect(200);
    expect(res.body).toMatchObject({
      outcome: 'pass',
      offer: null,
      requirements: [
        { rule: 'core.age-range', outcome: 'pass' },
        { rule: 'measures.lives-alone', outcome: 'pass', reason: 'Vive da sola.' },
      ],
    });

    // Turned off for the organization, the plugin's measure and rule are gone; core's entry naming the rule says so.
    await responsabile
      .put('/api/v1/catalogue/core.A1.15/offer', {
        organizationId: await orgId('demo-comune'),
        active: true,
        requirements: [{ rule: 'measures.lives-alone' }],
      })
      .expect(200);
    await app.platform.organizations.setPluginActive(app.platform.orm.em.fork(), await orgId('demo-comune'), 'measures', false);
    try {
      await pua.get(`/api/v1/people/${id}/eligibility?service=measures.care-grant`).expect(404);
      const orphan = await pua.get(`/api/v1/people/${id}/eligibility?service=core.A1.15`).expect(200);
      expect(orphan.body).toMatchObject({
        outcome: 'unknown',
        requirements: [{ rule: 'measures.lives-alone', outcome: 'unknown', reason: expect.stringContaining('non è attivo') }],
      });
    } finally {
      await app.platform.organizations.setPluginActive(app.platform.orm.em.fork(), await orgId('demo-comune'), 'measures', true);
    }
  });

  it('fetches ISEE attestations through a plugin’s adapter, once, with the prestazione and the purpose', async () => {
    const pua = await client(app, 'pua');
    const birthDate = '1971-04-04';
    const codiceFiscale = computeCodiceFiscale({ surname: 'Inps', name: 'Teo', sex: 'M', birthDate, birthPlaceCode: 'G148' });
    const person = await pua
      .post('/api/v1/people', { codiceFiscale, surname: 'Inps', name: 'Teo', sex: 'M', birthDate, birthPlaceCode: 'G148' })
      .expect(201);
    const id = person.body.id as string;
    const first = await pua.post(`/api/v1/people/${id}/isee/retrieve`, { service: 'core.A1.04' }).expect(200);
    expect(first.body).toMatchObject({ status: 'found', message: 'INPS ha restituito 2 attestazioni nuove (0 già registrate).' });
    expect(first.body.added).toEqual([
      expect.objectContaining({ type: 'ordinario', value: 7777, ise: 12209.89, scale: 1.57, source: 'measures.inps', valid: true }),
      expect.objectContaining({ type: 'socio-sanitario', value: 6500, source: 'measures.inps' }),
    ]);
    const again = await pua.post(`/api/v1/people/${id}/isee/retrieve`, {}).expect(200);
    expect(again.body).toMatchObject({
      status: 'found',
      added: [],
      message: 'INPS ha restituito 0 attestazioni nuove (2 già registrate).',
    });
    const requests = (globalThis as { __iseeRequests?: { codiceFiscale: string; prestazione: string | null; purpose: string }[] })
      .__iseeRequests!;
    expect(requests.slice(-2)).toEqual([
      expect.objectContaining({ codiceFiscale, prestazione: 'A1.04', purpose: 'eligibility check for core.A1.04' }),
      expect.objectContaining({ codiceFiscale, prestazione: null, purpose: 'eligibility check' }),
    ]);
    const page = await pua.agent.get(`/people/${id}/isee`).expect(200);
    expect(page.text).toContain('acquisita da INPS (measures.inps)');
  });
});

describe('start-up checks of catalogue entries and eligibility rules', () => {
  function refusal(name: string, code: string): string {
    const root = tempWorkspace(name);
    writePlugin(root, { id: 'bad', code, locales: { it: { name: 'Nome' }, en: { name: 'Name' } } });
    try {
      prepare(fixtureConfig(root, { plugins: ['bad'] }), { log: pino({ level: 'silent' }) });
    } catch (error) {
      if (error instanceof StartupError) return error.message;
      throw error;
    }
    throw new Error('start-up was not refused');
  }

  it('refuses an entry with an unknown area, unit or rule, or parameters its rule refuses', () => {
    const message = refusal(
      'catalogue-bad-entry',
      `register(p) {
        p.contribute(sdk.CatalogueEntries, { code: 'bad.one', nameKey: 'bad:name', area: 'marte', unit: 'litri' });
        p.contribute(sdk.CatalogueEntries, { code: 'bad.two', label: { it: 'Due', en: 'Two' }, area: 'anziani', unit: 'hours',
          requirements: [{ rule: 'core.age-range', params: { min: 'old' } }, { rule: 'bad.none' }] });
        p.contribute(sdk.CatalogueEntries, { code: 'bad.three', area: 'anziani', unit: 'hours' });
      }`,
    );
    expect(message).toContain('catalogue entry "bad.one": unknown area "marte" (a code of core.areas)');
    expect(message).toContain('catalogue entry "bad.one": unknown unit "litri"');
    expect(message).toContain('catalogue entry "bad.two": requirement "core.age-range" has parameters its rule refuses (min)');
    expect(message).toContain('catalogue entry "bad.two": requirement "bad.none" names no eligibility rule');
    expect(message).toContain('catalogue entry "bad.three": give either nameKey or label');
  });

  it('refuses a rule without a parameters schema or with strings missing', () => {
    const message = refusal(
      'catalogue-bad-rule',
      `register(p) { p.contribute(sdk.EligibilityRules, { id: 'bad.rule', titleKey: 'bad:missing', params: {}, fields: [], describe() {}, evaluate() {} }); }`,
    );
    expect(message).toContain('eligibility rule "bad.rule": params must be a zod schema');
    expect(message).toContain('eligibility rule "bad.rule": the i18n key "bad:missing" is missing in it, en');
  });
});
