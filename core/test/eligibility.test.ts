// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import pino from 'pino';
import type { RequestCtx } from '../src/sdk/context';
import type { EligibilityFacts, IseeFact } from '../src/sdk/extension-points/eligibility';
import { CORE_DIR } from '../src/platform';
import { Translator, readTranslations } from '../src/i18n/i18n';
import { createTestApp, signIn, type TestApp } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { CORE_RULES, ageRange, disability, householdWithMinors, iseeCeiling, residence } from '../src/modules/catalogue/rules';
import { evaluateRequirements, overall } from '../src/modules/catalogue/eligibility';
import { formatFor } from '../src/modules/catalogue/format';
import { defaultExpiry } from '../src/modules/catalogue/isee';
import { asOwner, auditActions, client, fieldsOf, plain, today, type Client } from './catalogue-helpers';

const it_ = formatFor('it');
const ON = '2026-06-15';

/** A person's facts on 15 June 2026: 76, living in Orvieto alone, nothing else on record; `over` changes what a case needs. */
function facts(over: Partial<EligibilityFacts> = {}): EligibilityFacts {
  return {
    on: ON,
    person: {
      id: 'p',
      birthDate: '1950-06-15',
      deceasedDate: null,
      residence: { comuneCode: 'G148', comuneName: 'Orvieto (TR)' },
      noFixedAbode: false,
    },
    household: { id: 'h', members: [{ personId: 'p', birthDate: '1950-06-15' }] },
    isee: [],
    disability: [],
    assessments: [],
    unreadableForms: [],
    territory: {
      organization: 'Comune di Orvieto',
      kind: 'comune',
      code: 'demo-comune',
      comuni: [{ code: 'G148', name: 'Orvieto' }],
      ancestors: [],
    },
    ...over,
  };
}

const isee = (over: Partial<IseeFact> = {}): IseeFact => ({
  type: 'ordinario',
  value: 12_300,
  ise: null,
  scale: null,
  protocol: 'INPS-ISEE-2026-000000123-00',
  issuedOn: '2026-02-10',
  expiresOn: '2026-12-31',
  valid: true,
  ...over,
});

/** The engine as a page runs it, with core's Italian strings: the reasons as the operator reads them. */
const translator = new Translator(readTranslations([{ owner: 'core', namespace: 'core', dir: join(CORE_DIR, 'locales') }]));
const ctx = { t: translator.t('it'), locale: 'it', log: pino({ level: 'silent' }) } as unknown as RequestCtx;
const check = async (rule: string, params: Record<string, unknown>, f: EligibilityFacts) => {
  const [result] = await evaluateRequirements(ctx, CORE_RULES, [{ rule, params }], f, it_);
  return { ...result!, reason: plain(result!.reason) };
};

describe('the core eligibility rules, as functions of the facts', () => {
  describe('core.isee-ceiling', () => {
    const params = { types: ['ordinario', 'corrente'], max: 15_000 };

    it('passes below the ceiling, naming the attestation and the threshold', async () => {
      const result = await check('core.isee-ceiling', params, facts({ isee: [isee()] }));
      expect(result.outcome).toBe('pass');
      expect(result.reason).toBe(
        'ISEE ordinario 12.300 € (DSU INPS-ISEE-2026-000000123-00, valida fino al 31/12/2026) non supera la soglia di 15.000 €.',
      );
      expect(result.used).toEqual({
        iseeType: 'ordinario',
        iseeValue: 12_300,
        protocol: 'INPS-ISEE-2026-000000123-00',
        expiresOn: '2026-12-31',
        max: 15_000,
      });
    });

    it('fails above it, and takes the latest valid attestation of an accepted type', async () => {
      const older = isee({ value: 9_000, issuedOn: '2026-01-10', protocol: 'INPS-ISEE-2026-000000001-00' });
      const corrente = isee({ type: 'corrente', value: 15_000.01, issuedOn: '2026-05-02', protocol: 'INPS-ISEE-2026-000000777-00' });
      const other = isee({ type: 'socio-sanitario', value: 100, issuedOn: '2026-06-01' });
      const result = await check('core.isee-ceiling', params, facts({ isee: [other, older, corrente] }));
      expect(result.outcome).toBe('fail');
      expect(result.reason).toBe(
        'ISEE corrente 15.000,01 € (DSU INPS-ISEE-2026-000000777-00, valida fino al 31/12/2026) supera la soglia di 15.000 €.',
      );
    });

    it('is unknown without a valid attestation, saying which is missing or when the last expired', async () => {
      const missing = await check('core.isee-ceiling', params, facts({ isee: [isee({ type: 'socio-sanitario' })] }));
      expect(missing.outcome).toBe('unknown');
      expect(missing.reason).toBe(
        "Manca un'attestazione ISEE ordinario o corrente valida al 15/06/2026 per la persona o il suo nucleo: va acquisita prima di presentare la domanda.",
      );
      const expired = await check(
        'core.isee-ceiling',
        params,
        facts({ isee: [isee({ issuedOn: '2025-03-01', expiresOn: '2025-12-31', valid: false, protocol: 'INPS-ISEE-2025-000000042-00' })] }),
      );
      expect(expired.outcome).toBe('unknown');
      expect(expired.reason).toContain("l'ultima (DSU INPS-ISEE-2025-000000042-00) è scaduta il 31/12/2025");
    });

    it('refuses parameters without a type or a positive ceiling', () => {
      expect(iseeCeiling.params.safeParse({ types: [], max: 1000 }).success).toBe(false);
      expect(iseeCeiling.params.safeParse({ types: ['ordinario'], max: 0 }).success).toBe(false);
      expect(iseeCeiling.params.safeParse({ types: ['agevolato'], max: 1000 }).success).toBe(false);
    });
  });

  describe('core.age-range', () => {
    it('counts full years on the check date, the birthday included', async () => {
      expect((await check('core.age-range', { min: 76 }, facts())).outcome).toBe('pass');
      const day = await check('core.age-range', { min: 76 }, facts({ on: '2026-06-14' }));
      expect(day.outcome).toBe('fail');
      expect(day.reason).toBe('75 anni al 14/06/2026 (nascita il 15/06/1950): il requisito è età di almeno 76 anni.');
      const minor = await check('core.age-range', { max: 17 }, facts({ person: { ...facts().person, birthDate: '2008-06-16' } }));
      expect(minor).toMatchObject({ outcome: 'pass', text: 'età fino a 17 anni' });
    });

    it('is unknown without a birth date, and refuses an empty or reversed range', async () => {
      const result = await check('core.age-range', { min: 65 }, facts({ person: { ...facts().person, birthDate: null } }));
      expect(result).toMatchObject({ outcome: 'unknown', reason: "Data di nascita non registrata: l'età non si può calcolare." });
      expect(ageRange.params.safeParse({}).success).toBe(false);
      expect(ageRange.params.safeParse({ min: 70, max: 60 }).success).toBe(false);
      expect(ageRange.params.safeParse({ min: 18, max: 64 }).success).toBe(true);
    });
  });

  describe('core.residence', () => {
    it('passes in a comune of the territory, fails elsewhere naming both', async () => {
      expect((await check('core.residence', {}, facts())).reason).toBe('Residente a Orvieto (TR), nel territorio di Comune di Orvieto.');
      const away = await check(
        'core.residence',
        {},
        facts({ person: { ...facts().person, residence: { comuneCode: 'H501', comuneName: 'Roma (RM)' } } }),
      );
      expect(away).toMatchObject({
        outcome: 'fail',
        reason: 'Residente a Roma (RM), fuori dal territorio di Comune di Orvieto (Orvieto).',
        used: { comuneCode: 'H501' },
      });
    });

    it('is unknown without a residence, for a person of no fixed abode, and for a territory without comuni', async () => {
      const none = facts({ person: { ...facts().person, residence: null } });
      expect((await check('core.residence', {}, none)).reason).toBe('Residenza non registrata nella scheda della persona.');
      const abode = facts({ person: { ...facts().person, residence: null, noFixedAbode: true } });
      expect(await check('core.residence', {}, abode)).toMatchObject({
        outcome: 'unknown',
        reason: expect.stringContaining('senza fissa dimora'),
      });
      const empty = facts({ territory: { organization: 'ASL Demo', kind: 'partner', code: 'demo-asl', comuni: [], ancestors: [] } });
      expect(await check('core.residence', {}, empty)).toMatchObject({ outcome: 'unknown', reason: expect.stringContaining('ASL Demo') });
    });

    it('checks an organization without comuni of its own (a municipio, a desk) on the territory of the nearest one above', async () => {
      const city = { kind: 'comune', code: 'city', name: 'Comune di Orvieto', comuni: [{ code: 'G148', name: 'Orvieto' }] };
      const municipio = facts({ territory: { organization: 'Municipio I', kind: 'municipio', code: 'm1', comuni: [], ancestors: [city] } });
      expect(await check('core.residence', {}, municipio)).toMatchObject({
        outcome: 'pass',
        reason: 'Residente a Orvieto (TR), nel territorio di Comune di Orvieto.',
      });
    });
  });

  describe('core.disability', () => {
    const cert = {
      invalidityPercent: 75,
      law104: 'c1' as const,
      accompaniment: false,
      certifiedOn: '2024-05-20',
      expiresOn: null,
      valid: true,
    };

    it('passes or fails on the valid certifications taken together', async () => {
      const pass = await check('core.disability', { minPercent: 74 }, facts({ disability: [cert] }));
      expect(pass).toMatchObject({ outcome: 'pass', text: 'certificazione di invalidità civile almeno al 74%' });
      expect(pass.reason).toBe(
        'Certificazione valida: invalidità civile al 75% e handicap (L. 104/1992, art. 3 c. 1). Rispetta il requisito (certificazione di invalidità civile almeno al 74%).',
      );
      const grave = await check('core.disability', { minPercent: 74, law104Grave: true }, facts({ disability: [cert] }));
      expect(grave.outcome).toBe('fail');
      const two = [cert, { ...cert, invalidityPercent: null, law104: 'c3' as const, certifiedOn: '2025-01-10' }];
      expect((await check('core.disability', { minPercent: 74, law104Grave: true }, facts({ disability: two }))).outcome).toBe('pass');
    });

    it('is unknown when nothing valid is recorded, or when what is asked is not stated', async () => {
      expect((await check('core.disability', { minPercent: 74 }, facts())).reason).toBe(
        'Nessuna certificazione di invalidità o handicap valida al 15/06/2026: registrare il verbale, se la persona ne ha uno.',
      );
      const lapsed = facts({ disability: [{ ...cert, expiresOn: '2026-05-20', valid: false }] });
      expect((await check('core.disability', { minPercent: 74 }, lapsed)).reason).toContain('scaduta il 20/05/2026');
      const noPercent = facts({ disability: [{ ...cert, invalidityPercent: null }] });
      expect(await check('core.disability', { minPercent: 74 }, noPercent)).toMatchObject({
        outcome: 'unknown',
        reason: expect.stringContaining('non riporta la percentuale di invalidità'),
      });
      expect(disability.params.safeParse({}).success).toBe(false);
      expect(disability.params.safeParse({ law104Grave: false }).success).toBe(false);
    });
  });

  describe('core.household-with-minors', () => {
    it('passes with a member under 18, fails without, is unknown with no household or undated members', async () => {
      const family = (...births: (string | null)[]) => ({ id: 'h', members: births.map((b, i) => ({ personId: `m${i}`, birthDate: b })) });
      expect((await check('core.household-with-minors', {}, facts({ household: family('1980-01-01', '2010-03-01') }))).reason).toBe(
        'Il nucleo ha un componente minorenne al 15/06/2026 (16 anni).',
      );
      expect((await check('core.household-with-minors', {}, facts({ household: family('1980-01-01', '1978-01-01') }))).reason).toBe(
        'Nessuno dei 2 componenti del nucleo ha meno di 18 anni al 15/06/2026.',
      );
      expect((await check('core.household-with-minors', {}, facts({ household: family('1980-01-01', null) }))).outcome).toBe('unknown');
      expect((await check('core.household-with-minors', {}, facts({ household: null }))).reason).toBe(
        'Nessun nucleo familiare registrato al 15/06/2026.',
      );
      expect(householdWithMinors.params.safeParse({ extra: 1 }).success).toBe(false);
    });
  });

  it('answers unknown for a rule the organization does not have, never pass', async () => {
    const [result] = await evaluateRequirements(ctx, CORE_RULES, [{ rule: 'elsewhere.rule' }], facts(), it_);
    expect(result).toMatchObject({ outcome: 'unknown', available: false, reason: expect.stringContaining('verificare a mano') });
    expect(residence.params.safeParse({}).success).toBe(true);
  });

  it('sums up: any fail fails, else any unknown is unknown, else pass', () => {
    expect(overall([{ outcome: 'pass' }, { outcome: 'unknown' }, { outcome: 'fail' }])).toBe('fail');
    expect(overall([{ outcome: 'pass' }, { outcome: 'unknown' }])).toBe('unknown');
    expect(overall([{ outcome: 'pass' }])).toBe('pass');
    expect(overall([])).toBe('pass');
  });

  it('writes measures as each language does', () => {
    expect(it_.number(9.5)).toBe('9,5');
    expect(it_.number(1200)).toBe('1.200');
    expect(formatFor('en').number(9.5)).toBe('9.5');
  });

  it('dates an attestation without an expiry: 31 December, or six months for an ISEE corrente', () => {
    expect(defaultExpiry('ordinario', '2026-03-15')).toBe('2026-12-31');
    expect(defaultExpiry('corrente', '2026-03-15')).toBe('2026-09-14');
    expect(defaultExpiry('corrente', '2026-08-31')).toBe('2027-02-27');
  });
});

describe('checking a person against a service, over HTTP', () => {
  let app: TestApp;
  let pua: Client;
  const year = today().slice(0, 4);
  let serial = 0;
  const protocol = () => `INPS-ISEE-${year}-${String(700_000_000 + (serial += 1))}-00`;
  const yearsAgo = (n: number) => `${Number(year) - n}${today().slice(4)}`;

  /** Registers a person through the API, as the PUA does. */
  async function register(surname: string, name: string, birthDate: string, comuneCode = 'G148'): Promise<string> {
    const cf = computeCodiceFiscale({ surname, name, sex: 'F', birthDate, birthPlaceCode: 'G148' });
    const res = await pua
      .post('/api/v1/people', {
        codiceFiscale: cf,
        surname,
        name,
        sex: 'F',
        birthDate,
        birthPlaceCode: 'G148',
        residence: { comuneCode, street: 'Via Roma', houseNumber: '1' },
      })
      .expect(201);
    return res.body.id as string;
  }
  const addIsee = (id: string, value: number, extra: object = {}) =>
    pua.post(`/api/v1/people/${id}/isee`, { type: 'ordinario', value, protocol: protocol(), issuedOn: `${year}-01-15`, ...extra });
  const eligibility = async (id: string, service: string) =>
    (await pua.get(`/api/v1/people/${id}/eligibility?service=${service}`).expect(200)).body;
  const reasonOf = (body: { requirements: { rule: string; reason: string }[] }, rule: string) =>
    plain(body.requirements.find((r) => r.rule === rule)?.reason);

  beforeAll(async () => {
    app = await createTestApp();
    pua = await client(app, 'pua');
  });
  afterAll(() => app.close());

  it('passes below the comune’s ISEE ceiling and fails above it, with the reason in words', async () => {
    const below = await register('Verdini', 'Lucia', '1986-04-02');
    await addIsee(below, 8_500).expect(201);
    const ok = await eligibility(below, 'core.A1.04');
    expect(ok).toMatchObject({
      outcome: 'pass',
      service: { code: 'core.A1.04', name: 'Contributi economici a integrazione del reddito familiare' },
    });
    expect(ok.offer).toEqual({ organization: 'Comune di Orvieto', inherited: true, active: true });
    expect(reasonOf(ok, 'core.isee-ceiling')).toMatch(
      new RegExp(
        `^ISEE ordinario 8\\.500 € \\(DSU INPS-ISEE-${year}-\\d+-00, valida fino al 31/12/${year}\\) non supera la soglia di 10\\.000 €\\.$`,
      ),
    );
    expect(reasonOf(ok, 'core.residence')).toBe('Residente a Orvieto (TR), nel territorio di Comune di Orvieto.');

    const above = await register('Verdini', 'Marta', '1984-09-12');
    await addIsee(above, 14_250.5).expect(201);
    const ko = await eligibility(above, 'core.A1.04');
    expect(ko.outcome).toBe('fail');
    expect(reasonOf(ko, 'core.isee-ceiling')).toContain('14.250,50 €');
    expect(reasonOf(ko, 'core.isee-ceiling')).toContain('supera la soglia di 10.000 €');
    expect(ko.summary).toBe('Un requisito non è soddisfatto.');
  });

  it('is unknown without an ISEE, and uses the household’s attestation for its members', async () => {
    const mother = await register('Ombretti', 'Sara', '1985-01-20');
    const child = await register('Ombretti', 'Lisa', yearsAgo(9));
    const missing = await eligibility(child, 'core.A2.02');
    expect(missing.outcome).toBe('unknown');
    expect(reasonOf(missing, 'core.isee-ceiling')).toContain("Manca un'attestazione ISEE ordinario o minorenni valida");
    expect(reasonOf(missing, 'core.household-with-minors')).toContain('Nessun nucleo familiare registrato');

    const household = await pua
      .post('/api/v1/households', { personId: mother, kind: 'anagrafico', relationCode: 'IS', validFrom: `${year}-01-01` })
      .expect(201);
    await pua
      .post(`/api/v1/households/${household.body.id}/members`, {
        version: household.body.version,
        personId: child,
        relationCode: 'FG',
        validFrom: `${year}-01-01`,
      })
      .expect(201);
    await addIsee(mother, 11_000, { householdId: household.body.id }).expect(201);
    const now = await eligibility(child, 'core.A2.02');
    expect(now.outcome).toBe('pass');
    expect(reasonOf(now, 'core.household-with-minors')).toBe(`Il nucleo ha un componente minorenne al ${it_.date(today())} (9 anni).`);
    // The child's own ISEE page lists the household's attestation.
    const list = await pua.get(`/api/v1/people/${child}/isee`).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ personId: mother, householdId: household.body.id, value: 11_000, valid: true }),
    ]);
  });

  it('fails the ambito’s home care on age, and the comune’s grant on residence outside its territory', async () => {
    const young = await register('Arcangeli', 'Bruna', '1990-05-05');
    await addIsee(young, 9_000).expect(201);
    const care = await eligibility(young, 'core.A2.07');
    expect(care.offer).toEqual({ organization: 'Ambito territoriale sociale Demo', inherited: true, active: true });
    const age = care.requirements.find((r: { rule: string }) => r.rule === 'core.age-range');
    expect(age).toMatchObject({ outcome: 'fail', text: 'età di almeno 65 anni' });
    expect(age.reason).toMatch(/^\d+ anni al \d{2}\/\d{2}\/\d{4} \(nascita il 05\/05\/1990\): il requisito è età di almeno 65 anni\.$/);

    const away = await register('Arcangeli', 'Dora', '1970-02-02', 'A207');
    await addIsee(away, 5_000).expect(201);
    // Allerona is in the ambito's territory, not in the comune's.
    expect(reasonOf(await eligibility(away, 'core.A2.07'), 'core.residence')).toBe(
      'Residente a Allerona (TR), nel territorio di Ambito territoriale sociale Demo.',
    );
    const grant = await eligibility(away, 'core.A1.04');
    expect(grant.outcome).toBe('fail');
    expect(reasonOf(grant, 'core.residence')).toBe('Residente a Allerona (TR), fuori dal territorio di Comune di Orvieto (Orvieto).');
  });

  it('shows each requirement with an icon and words, and an overall verdict, on the page', async () => {
    const id = await register('Paglia', 'Rosa', '1948-03-03');
    await addIsee(id, 30_000).expect(201);
    const chooser = await pua.agent.get(`/people/${id}/eligibility`).expect(200);
    expect(chooser.text).toContain('data-testid="eligibility-form"');
    expect(chooser.text).toMatch(/<optgroup label="Offerti dall&#x27;ente"><option value="core.A1.04">/);
    const page = await pua.agent.get(`/people/${id}/eligibility?service=core.A2.07`).expect(200);
    const html = plain(page.text);
    expect(html).toContain('data-outcome="fail"');
    expect(html).toContain('Requisiti non soddisfatti');
    expect(html).toMatch(/data-rule="core.age-range" data-outcome="pass">[\s\S]*?#it-check-circle[\s\S]*?<strong>Soddisfatto<\/strong>/);
    expect(html).toMatch(
      /data-rule="core.isee-ceiling" data-outcome="fail">[\s\S]*?#it-close-circle[\s\S]*?<strong>Non soddisfatto<\/strong>/,
    );
    expect(html).toContain('supera la soglia di 25.000 €');
    const unknown = await pua.agent
      .get(`/people/${await register('Paglia', 'Ines', '1950-01-01')}/eligibility?service=core.A2.07`)
      .expect(200);
    expect(unknown.text).toContain('Requisiti da verificare');
    expect(unknown.text).toMatch(/#it-help-circle[\s\S]*?<strong>Da verificare<\/strong>/);
    expect(unknown.text).toContain('Per completare la verifica aggiungi i dati mancanti');

    const english = await pua.agent.get(`/people/${id}/eligibility?service=core.A2.07`).set('Cookie', 'sigess_lang=en').expect(200);
    expect(english.text).toContain('is above the ceiling of €25,000');
  });

  it('shows all three outcomes on the demo data, with the demo logins', async () => {
    const demo = await asOwner(app, (em) =>
      em.execute<{ id: string; value: string | null; expired: boolean }[]>(
        `select p.id::text as id, max(i.isee_value)::text as value, bool_and(i.expires_on < current_date) as expired
         from core.person p join core.organization o on o.id = p.owner_org_id
         left join core.isee i on i.person_id = p.id
         where o.code = 'demo-comune' and p.birth_date < current_date - interval '66 years' and p.residence->>'comuneCode' = 'G148'
         group by p.id order by p.id`,
      ),
    );
    const outcomes = new Set<string>();
    for (const person of demo.slice(0, 40)) outcomes.add((await eligibility(person.id, 'core.A2.07')).outcome);
    expect([...outcomes].sort()).toEqual(['fail', 'pass', 'unknown']);
  });

  it('finds no person of another organization, on the page or the API', async () => {
    const id = await register('Fuorivia', 'Nora', '1960-07-07');
    const allerona = await client(app, 'allerona');
    await allerona.get(`/api/v1/people/${id}/eligibility?service=core.A1.04`).expect(404);
    await allerona.agent.get(`/people/${id}/eligibility?service=core.A1.04`).expect(404);
    await allerona.get(`/api/v1/people/${id}/isee`).expect(404);
    await allerona
      .post(`/api/v1/people/${id}/isee`, { type: 'ordinario', value: 1, protocol: protocol(), issuedOn: `${year}-01-02` })
      .expect(404);
    await allerona.get(`/api/v1/people/${id}/disability`).expect(404);
    await allerona.agent.get(`/people/${id}/isee`).expect(404);
    // The educator reads people but neither ISEE nor the check.
    const educatore = await signIn(app, 'educatore');
    await educatore.get(`/people/${id}/isee`).expect(403);
    await educatore.get(`/api/v1/people/${id}/eligibility?service=core.A1.04`).set('Accept', 'application/json').expect(403);
    await educatore.get(`/people/${id}/requirements`).expect(403);
    expect((await pua.agent.get(`/people/${id}/requirements`).expect(200)).text).toContain('<h1 class="h2 mb-1">ISEE – Fuorivia Nora</h1>');
  });

  it('refuses bad input field by field: 422 problem+json on the API, errors beside the fields on the pages', async () => {
    const id = await register('Sbagli', 'Eva', '1979-11-11');
    const bad = await pua
      .post(`/api/v1/people/${id}/isee`, { type: 'agevolato', value: 'molto', protocol: 'ISEE-123', issuedOn: '2999-01-01' })
      .expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(bad.body)).toEqual({
      type: "Scegli uno dei valori dell'elenco.",
      value: 'Importo non valido: scrivi ad esempio 12.300,50.',
      protocol: 'Protocollo DSU non valido: ha la forma INPS-ISEE-2026-XXXXXXXXX-00.',
      issuedOn: 'La data non può essere nel futuro.',
    });
    const order = await pua
      .post(`/api/v1/people/${id}/isee`, {
        type: 'ordinario',
        value: 100,
        protocol: protocol(),
        issuedOn: `${year}-02-01`,
        expiresOn: `${year}-01-01`,
      })
      .expect(422);
    expect(fieldsOf(order.body)).toEqual({ expiresOn: 'La scadenza non può precedere il rilascio.' });
    expect(fieldsOf((await pua.post(`/api/v1/people/${id}/disability`, { certifiedOn: `${year}-01-01` }).expect(422)).body)).toEqual({
      invalidityPercent: "Indica almeno la percentuale di invalidità, la valutazione L. 104 o l'accompagnamento.",
    });
    expect(fieldsOf((await pua.get(`/api/v1/people/${id}/eligibility`).expect(422)).body)).toEqual({ service: 'Campo obbligatorio.' });
    await pua.get(`/api/v1/people/${id}/eligibility?service=core.nothing`).expect(404);

    // The form: Italian decimals accepted; a wrong value comes back beside its field, the rest kept.
    const form = await pua.form(`/people/${id}/isee`, {
      type: 'ordinario',
      value: '12.300,50',
      protocol: 'inps-isee-2026-abc',
      issuedOn: `${year}-01-10`,
      householdId: '',
    });
    expect(form.status).toBe(422);
    expect(form.text).toContain('id="error-protocol"');
    expect(form.text).toContain('value="12.300,50"');
    const saved = await pua.form(`/people/${id}/isee`, {
      type: 'ordinario',
      value: '12.300,50',
      protocol: protocol(),
      issuedOn: `${year}-01-10`,
      householdId: '',
    });
    expect(saved.status).toBe(302);
    const again = await pua.agent.get(`/people/${id}/isee?saved=1`).expect(200);
    expect(plain(again.text)).toContain('12.300,50 €');
    expect(again.text).toContain(`31 dic ${year}`);
    const page = await pua.agent.get(`/people/${id}/eligibility?service=core.nothing`).expect(422);
    expect(page.text).toContain('Scegli un servizio del catalogo.');
  });

  it('records certifications and refuses the same attestation twice', async () => {
    const id = await register('Doppi', 'Anna', '1940-12-12');
    const p = protocol();
    await pua
      .post(`/api/v1/people/${id}/isee`, { type: 'socio-sanitario', value: 20_000, protocol: p, issuedOn: `${year}-01-10` })
      .expect(201);
    const twice = await pua
      .post(`/api/v1/people/${id}/isee`, { type: 'socio-sanitario', value: 20_000, protocol: p, issuedOn: `${year}-01-10` })
      .expect(409);
    expect(twice.body.detail).toBe("L'ente ha già registrato questa attestazione (stesso protocollo DSU e tipo).");
    const cert = await pua
      .post(`/api/v1/people/${id}/disability`, { invalidityPercent: 80, law104: 'c3', accompaniment: true, certifiedOn: `${year}-01-05` })
      .expect(201);
    expect(cert.body).toMatchObject({
      personId: id,
      invalidityPercent: 80,
      law104: 'c3',
      accompaniment: true,
      expiresOn: null,
      valid: true,
    });
    const grant = await eligibility(id, 'core.A1.11');
    expect(grant.outcome).toBe('pass');
    expect(reasonOf(grant, 'core.disability')).toBe(
      'Certificazione valida: invalidità civile al 80%, handicap grave (L. 104/1992, art. 3 c. 3) e indennità di accompagnamento. Rispetta il requisito (certificazione di invalidità civile almeno al 74%).',
    );
    const page = await pua.agent.get(`/people/${id}/disability`).expect(200);
    expect(page.text).toContain('Art. 3 c. 3 (handicap grave)');
  });

  it('says clearly that INPS retrieval is not configured, sends nothing, and audits the attempt', async () => {
    const id = await register('Richiesta', 'Gina', '1977-07-17');
    const res = await pua.post(`/api/v1/people/${id}/isee/retrieve`, { service: 'core.A1.04' }).expect(200);
    expect(res.body).toEqual({
      status: 'not-configured',
      message: expect.stringContaining('non è configurato per questo ente: nessuna richiesta è stata inviata'),
      added: [],
    });
    const page = await pua.form(`/people/${id}/isee/retrieve`, { service: '' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-status="not-configured"');
    const [entry] = await asOwner(app, (em) =>
      em.execute<{ purpose: string; details: Record<string, unknown> }[]>(
        `select purpose, details from core.audit_log where action = 'isee.retrieve' and entity_id = ? order by id limit 1`,
        [id],
      ),
    );
    expect(entry).toEqual({
      purpose: 'eligibility check for core.A1.04',
      details: { adapter: 'core.isee-not-configured', outcome: 'not-configured', added: 0 },
    });
  });

  it('audits every read and write of ISEE, certifications and checks, for the privacy officer', async () => {
    const id = await register('Tracce', 'Olga', '1955-05-05');
    await addIsee(id, 7_000).expect(201);
    await pua.post(`/api/v1/people/${id}/disability`, { invalidityPercent: 60, certifiedOn: `${year}-01-05` }).expect(201);
    await pua.get(`/api/v1/people/${id}/isee`).expect(200);
    await pua.agent.get(`/people/${id}/disability`).expect(200);
    await eligibility(id, 'core.A2.07');
    expect(await auditActions(app, id)).toEqual(
      expect.arrayContaining(['person.create', 'isee.create', 'disability.create', 'isee.read', 'disability.read', 'eligibility.check']),
    );
    const privacy = await signIn(app, 'privacy');
    const log = await privacy.get(`/audit?entity=person&entityId=${id}`).expect(200);
    for (const action of ['isee.create', 'disability.read', 'eligibility.check']) expect(log.text).toContain(`data-action="${action}"`);
  });
});
