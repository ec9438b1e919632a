// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The schede SINA and SINBA on core's forms engine: they pass core's start-up checks, they ask exactly the XSD
 * attributes they should (named mechanically after them), required where the XSD says `use="required"`, and
 * every option they offer is one of the XSD's enumeration values; an operator fills them in through the API and
 * the page, gets field-by-field errors, and the answers turn into the XSD's attributes by renaming alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiClient, createTestApp, actIn, signIn, type TestApp } from '@sigess/core/testing';
import { SINA_FORM, SINBA_FORM, fieldIdOf, monthOf, xsdAttributeOf, xsdValuesOf } from '../src/forms';

type Client = Awaited<ReturnType<typeof apiClient>>;
type Condition = { field: string; equals: string[] } | null;
type FieldJson = {
  id: string;
  type: string;
  label: string;
  required: boolean;
  visibleWhen: Condition;
  codeList: string | null;
  options: { value: string; label: string }[];
};
type FormJson = { id: string; version: number; title: string; sections: { id: string; title: string; fields: FieldJson[] }[] };
type AssessmentJson = { id: string; status: string; answers: Record<string, string | string[]> };

// ---------------------------------------------------------------------------------------------------------------
// The XSDs, read as text: simple types with their enumerations or pattern, and a complex type's attributes and
// child lists with what they require.
// ---------------------------------------------------------------------------------------------------------------

const schema = (file: string) => readFileSync(join(__dirname, '..', 'schemas', file), 'utf8');

interface XsdItem {
  readonly required: boolean;
  /** The named simple type (attribute) or item type (child list), when there is one. */
  readonly type?: string;
  /** An inline `xs:pattern`. */
  readonly pattern?: RegExp;
  /** A child list (`Famiglia/ComposizioneFamiglia+`) rather than an attribute. */
  readonly list: boolean;
}

const anchored = (pattern: string) => new RegExp(`^(?:${pattern})$`);

function simpleTypes(xsd: string): Map<string, { values: string[]; pattern?: RegExp }> {
  const types = new Map<string, { values: string[]; pattern?: RegExp }>();
  for (const [, name, body] of xsd.matchAll(/<xs:simpleType name="(\w+)">([\s\S]*?)<\/xs:simpleType>/g)) {
    const values = [...body!.matchAll(/<xs:enumeration value="([^"]*)"/g)].map((m) => m[1]!);
    const pattern = /<xs:pattern value="([^"]+)"/.exec(body!)?.[1];
    types.set(name!, { values, pattern: pattern ? anchored(pattern) : undefined });
  }
  return types;
}

function complexType(xsd: string, name: string): Map<string, XsdItem> {
  const body = new RegExp(`<xs:complexType name="${name}">([\\s\\S]*?)\\n\\t</xs:complexType>`).exec(xsd)?.[1];
  if (!body) throw new Error(`no complex type ${name}`);
  const items = new Map<string, XsdItem>();
  const attributes = /<xs:attribute name="(\w+)"(?: type="(\w+)")? use="(required|optional)"(?:\/>|>([\s\S]*?)<\/xs:attribute>)/g;
  for (const [, attribute, type, use, inline] of body.matchAll(attributes)) {
    const pattern = inline ? /<xs:pattern value="([^"]+)"/.exec(inline)?.[1] : undefined;
    items.set(attribute!, { required: use === 'required', type, pattern: pattern ? anchored(pattern) : undefined, list: false });
  }
  const lists =
    /<xs:element name="(\w+)"( minOccurs="0")?>\s*<xs:complexType>\s*<xs:sequence>\s*<xs:element name="\w+"(?: type="(\w+)")? maxOccurs="unbounded"/g;
  for (const [, element, optional, type] of body.matchAll(lists)) items.set(element!, { required: !optional, type, list: true });
  return items;
}

const SINA_XSD = schema('PS_PSA_SINA201812.xsd');
const SINBA_XSD = schema('SINBA.xsd');
const SINA_ITEMS = complexType(SINA_XSD, 'SINAType');
const SINBA_ITEMS = complexType(SINBA_XSD, 'SinbaType');

/** What the SINBA flow takes from the person, the ISEE and the interventions rather than from the scheda. */
const SINBA_DERIVED = [
  'IDBeneficiario',
  'AnnoNascita',
  'FasciaEtaBeneficiario',
  'FasciaISEEBeneficiario',
  'NumeroComponentiISEE',
  'CodiceRegioneResidenza',
  'CodiceNazioneResidenza',
  'Prestazioni',
];

// ---------------------------------------------------------------------------------------------------------------

const decode = (html: string) =>
  html
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'");

const fieldsOf = (form: FormJson) => form.sections.flatMap((s) => s.fields);

/** A complete SINBA of a girl living with her mother, referred by the school, with a court measure. */
const sinba = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  'minore-straniero-no-acc': '2',
  'condizione-minore': '1',
  'luogo-vita': '1',
  'scuola-frequentata': '6',
  'condizione-lavoro': '1',
  disabilita: '2',
  famiglia: ['1', '3'],
  'codice-cittadinanza-madre': '235',
  'codice-regione-residenza-madre': '10',
  'titolo-studio-madre': '5',
  'occupazione-madre': '1',
  'data-prima-segnalazione': '2025-11-03',
  'fonte-segnalazione': '13',
  'valutazione-minore': '13',
  'valutazione-famiglia-minore': '2',
  'collaborazioni-interventi': '7',
  'segnalazione-autorita-giudiziaria': '1',
  'data-segnalazione': '2025-12-15',
  'provvedimento-giudiziario': '1',
  'data-provvedimento-giudiziario': '2026-02-20',
  'autorita-provvedimento': '2',
  'potesta-tutela': '3',
  'tipo-provvedimento-giudiziario': '5',
  ...changes,
});

/** A complete SINA of an older man assessed by the UVM with SVAMA. */
const sina = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  mobilita: '2',
  'attivita-vita-quotidiana': '2',
  'disturbi-area-cognitiva': '1',
  'disturbi-comportamentali': '1',
  'necessita-cure-sanitarie': '2',
  'area-reddituale': '2',
  'area-supporto': '2',
  'invalidita-civile': ['2', '6'],
  'fonte-derivazione-invalidita': '1',
  'necessita-interventi-sociali': ['A2.07', 'A1.11'],
  'fonte-derivazione-valutazione': '1',
  'strumento-valutazione': '1',
  ...changes,
});

describe('the schede SINA and SINBA', () => {
  let app: TestApp;
  let assistente: Client;
  let minorId: string;
  let elderId: string;
  const forms: Record<string, FormJson> = {};

  const record = (personId: string, formId: string, answers: Record<string, unknown>, status = 'final') =>
    assistente.post(`/api/v1/people/${personId}/assessments`, { formId, status, assessedOn: '2026-03-02', answers });

  beforeAll(async () => {
    // Start-up runs core's checks on every contribution: a form or code list that failed them would throw here.
    app = await createTestApp({ plugins: ['siuss'] });
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    let organization: string;
    try {
      const people = (area: string) =>
        em.execute<{ personId: string; name: string }[]>(
          `select c.person_id::text as "personId", o.name from core.cartella c join core.organization o on o.id = c.owner_org_id
           where o.code = 'demo-comune' and c.area = ? and c.state = 'open' order by c.created_at limit 1`,
          [area],
        );
      const [minor] = await people('famiglia-minori');
      const [elder] = await people('anziani');
      minorId = minor!.personId;
      elderId = elder!.personId;
      organization = minor!.name;
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }
    assistente = await apiClient(await actIn(await signIn(app, 'assistente'), organization));
    for (const id of ['siuss.sina', 'siuss.sinba']) forms[id] = (await assistente.get(`/api/v1/forms/${id}`).expect(200)).body as FormJson;
  });
  afterAll(() => app?.close());

  it('are offered to the operator with the other assessment forms', async () => {
    const list = (await assistente.get('/api/v1/forms').expect(200)).body.items as { id: string; title: string; canSubmit: boolean }[];
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'siuss.sina', title: 'Scheda SINA – disabilità e non autosufficienza', canSubmit: true }),
        expect.objectContaining({ id: 'siuss.sinba', title: 'Scheda SINBA – minori e famiglie', canSubmit: true }),
      ]),
    );
    expect(forms['siuss.sinba']!.sections.map((s) => s.title)).toEqual([
      'Il minore',
      'La famiglia',
      'Segnalazione e valutazione',
      'Autorità giudiziaria',
      'Affido',
      'Inserimento residenziale',
      'Chiusura della presa in carico',
    ]);
  });

  it('name each field after its XSD attribute, mechanically both ways', () => {
    for (const form of [SINA_FORM, SINBA_FORM])
      for (const field of form.sections.flatMap((s) => s.fields)) expect(fieldIdOf(xsdAttributeOf(field.id))).toBe(field.id);
    expect(fieldIdOf('AttivitaVitaQuotidiana')).toBe('attivita-vita-quotidiana');
    expect(xsdAttributeOf('codice-cittadinanza-madre')).toBe('CodiceCittadinanzaMadre');
  });

  it('ask every SINA attribute and child list, required exactly where the XSD requires it', () => {
    const fields = fieldsOf(forms['siuss.sina']!);
    expect(fields.map((f) => xsdAttributeOf(f.id)).sort()).toEqual([...SINA_ITEMS.keys()].sort());
    for (const field of fields)
      expect([xsdAttributeOf(field.id), field.required]).toEqual([
        xsdAttributeOf(field.id),
        SINA_ITEMS.get(xsdAttributeOf(field.id))!.required,
      ]);
    expect(fields.filter((f) => f.required).map((f) => xsdAttributeOf(f.id))).toEqual([
      'Mobilita',
      'AttivitaVitaQuotidiana',
      'DisturbiComportamentali',
      'AreaReddituale',
      'AreaSupporto',
      'FonteDerivazioneValutazione',
      'StrumentoValutazione',
    ]);
  });

  it('ask every SINBA attribute the cartella does not give, required exactly where the XSD requires it', () => {
    const fields = fieldsOf(forms['siuss.sinba']!);
    const asked = fields.map((f) => xsdAttributeOf(f.id));
    for (const derived of SINBA_DERIVED) expect(SINBA_ITEMS.has(derived)).toBe(true);
    expect(asked.sort()).toEqual([...SINBA_ITEMS.keys()].filter((a) => !SINBA_DERIVED.includes(a)).sort());
    for (const field of fields) {
      const attribute = xsdAttributeOf(field.id);
      expect([attribute, field.required]).toEqual([attribute, SINBA_ITEMS.get(attribute)!.required]);
    }
  });

  it('offer as codes exactly the values the XSD enumerates, each with an Italian and an English label', async () => {
    const english = {
      sina: (await assistente.get('/api/v1/forms/siuss.sina').set('Cookie', 'sigess_lang=en').expect(200)).body as FormJson,
      sinba: (await assistente.get('/api/v1/forms/siuss.sinba').set('Cookie', 'sigess_lang=en').expect(200)).body as FormJson,
    };
    const cases = [
      { form: forms['siuss.sina']!, en: english.sina, items: SINA_ITEMS, types: simpleTypes(SINA_XSD) },
      { form: forms['siuss.sinba']!, en: english.sinba, items: SINBA_ITEMS, types: simpleTypes(SINBA_XSD) },
    ];
    let enumerated = 0;
    for (const { form, en, items, types } of cases) {
      const enFields = new Map(fieldsOf(en).map((f) => [f.id, f]));
      for (const field of fieldsOf(form)) {
        const attribute = xsdAttributeOf(field.id);
        const item = items.get(attribute)!;
        const codes = field.options.map((o) => o.value);
        expect([attribute, field.label.length > 0, enFields.get(field.id)!.label !== field.label]).toEqual([attribute, true, true]);
        if (field.type === 'date') {
          // A month of the XSD (`DataMeseAnnoType`), stored as a date and written as its month.
          expect([attribute, item.type]).toEqual([attribute, 'DataMeseAnnoType']);
          expect(monthOf('2026-03-14')).toMatch(types.get('DataMeseAnnoType')!.pattern!);
          continue;
        }
        expect([attribute, field.type]).toEqual([attribute, item.list ? 'multi-choice' : 'choice']);
        const enumeration = item.type ? types.get(item.type)?.values : undefined;
        if (enumeration?.length) {
          enumerated++;
          expect([attribute, codes]).toEqual([attribute, enumeration]);
        } else if (item.pattern) {
          // Citizenships (3 digits) and regions (2 digits).
          expect([attribute, codes.filter((c) => !item.pattern!.test(c))]).toEqual([attribute, []]);
          expect(codes.length).toBeGreaterThan(1);
        } else {
          // NecessitaInterventiSociali/CodicePrestazione: INPS codes of 5 to 10 characters.
          expect(attribute).toBe('NecessitaInterventiSociali');
          expect(codes.filter((c) => c.length < 5 || c.length > 10)).toEqual([]);
          expect(codes).toEqual(expect.arrayContaining(['A1.04', 'A2.07', 'A3.02']));
        }
        const enLabels = new Map(enFields.get(field.id)!.options.map((o) => [o.value, o.label]));
        for (const option of field.options) {
          expect([attribute, option.value, option.label.trim().length > 0]).toEqual([attribute, option.value, true]);
          expect([attribute, option.value, (enLabels.get(option.value) ?? '').trim().length > 0]).toEqual([attribute, option.value, true]);
        }
      }
    }
    // 11 SINA fields, 33 SINBA ones (the others are the 3 months and the 4 parents' citizenships and regions).
    expect(enumerated).toBe(44);
    // Spot checks of the meaning, against the XSD's documentation.
    const sinbaField = (id: string) => fieldsOf(forms['siuss.sinba']!).find((f) => f.id === id)!;
    expect(sinbaField('luogo-vita').options.find((o) => o.value === '3')!.label).toBe('In famiglia affidataria');
    expect(sinbaField('famiglia').options.map((o) => o.label)).toEqual([
      'Madre',
      'Padre',
      'Fratelli/sorelle',
      'Nonno/a',
      'Compagno/a della madre o del padre',
      'Altri conviventi',
    ]);
    expect(sinbaField('codice-cittadinanza-padre').options[0]).toEqual({ value: '100', label: 'Italia' });
    const sinaField = (id: string) => fieldsOf(forms['siuss.sina']!).find((f) => f.id === id)!;
    expect(sinaField('strumento-valutazione').options.find((o) => o.value === '1')!.label).toBe('SVAMA');
    expect(sinaField('invalidita-civile').options.find((o) => o.value === '6')!.label).toBe('Certificazione L. 104/1992 (art. 3, comma 3)');
  });

  it('show details only after the answer that calls for them', () => {
    const visible = (form: FormJson, id: string) => fieldsOf(form).find((f) => f.id === id)!.visibleWhen;
    const sinbaForm = forms['siuss.sinba']!;
    expect(visible(sinbaForm, 'tipo-disabilita')).toEqual({ field: 'disabilita', equals: ['1'] });
    expect(visible(sinbaForm, 'data-segnalazione')).toEqual({ field: 'segnalazione-autorita-giudiziaria', equals: ['1'] });
    for (const id of ['data-provvedimento-giudiziario', 'autorita-provvedimento', 'potesta-tutela', 'tipo-provvedimento-giudiziario'])
      expect(visible(sinbaForm, id)).toEqual({ field: 'provvedimento-giudiziario', equals: ['1'] });
    expect(visible(forms['siuss.sina']!, 'fonte-derivazione-invalidita')).toEqual({
      field: 'invalidita-civile',
      equals: ['1', '2', '3', '4', '5', '6', '7', '8'],
    });
  });

  it('records a SINBA whose answers are the XSD attributes renamed, months as MM/YYYY', async () => {
    const res = await record(minorId, 'siuss.sinba', sinba()).expect(201);
    const body = res.body as AssessmentJson;
    expect(body.status).toBe('final');
    const values = xsdValuesOf(SINBA_FORM, body.answers);
    expect(values).toMatchObject({
      MinoreStranieroNoAcc: '2',
      Famiglia: ['1', '3'],
      CodiceCittadinanzaMadre: '235',
      CodiceRegioneResidenzaMadre: '10',
      DataPrimaSegnalazione: '11/2025',
      DataSegnalazione: '12/2025',
      DataProvvedimentoGiudiziario: '02/2026',
      TipoProvvedimentoGiudiziario: '5',
    });
    const month = simpleTypes(SINBA_XSD).get('DataMeseAnnoType')!.pattern!;
    for (const attribute of ['DataPrimaSegnalazione', 'DataSegnalazione', 'DataProvvedimentoGiudiziario'])
      expect(values[attribute]).toMatch(month);
    // Every value is one the XSD accepts for its attribute.
    const types = simpleTypes(SINBA_XSD);
    for (const [attribute, value] of Object.entries(values)) {
      const item = SINBA_ITEMS.get(attribute)!;
      const enumeration = item.type ? types.get(item.type)!.values : [];
      for (const v of [value].flat())
        if (enumeration.length) expect([attribute, enumeration.includes(v)]).toEqual([attribute, true]);
        else if (item.pattern) expect(v).toMatch(item.pattern);
    }
  });

  it('drops the details an earlier answer hides, and asks for what the XSD requires', async () => {
    // No disability and no court measure: the type of disability and the measure's details are not kept.
    const hidden = await record(
      minorId,
      'siuss.sinba',
      sinba({ 'tipo-disabilita': '2', 'provvedimento-giudiziario': '2', 'autorita-provvedimento': '2' }),
    ).expect(201);
    const answers = (hidden.body as AssessmentJson).answers;
    expect(answers['tipo-disabilita']).toBeUndefined();
    expect(answers['autorita-provvedimento']).toBeUndefined();
    expect(answers['data-provvedimento-giudiziario']).toBeUndefined();
    expect(xsdValuesOf(SINBA_FORM, answers)).not.toHaveProperty('TipoProvvedimentoGiudiziario');

    const missing = sinba({ 'valutazione-minore': '14', 'codice-cittadinanza-madre': '999999' });
    delete missing['condizione-minore'];
    delete missing['famiglia'];
    const wrong = await record(minorId, 'siuss.sinba', missing).expect(422);
    const errors = Object.fromEntries((wrong.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(errors).toEqual({
      'answers.condizione-minore': 'Campo obbligatorio.',
      'answers.famiglia': 'Campo obbligatorio.',
      'answers.valutazione-minore': "Scegli uno dei valori dell'elenco.",
    });
    // With the minor's condition unanswered the parents' fields are hidden, so the wrong citizenship is dropped;
    // once the parents are known it is checked against the list.
    const parents = await record(minorId, 'siuss.sinba', sinba({ 'codice-cittadinanza-madre': '999999' })).expect(422);
    expect(parents.body.errors).toEqual([{ field: 'answers.codice-cittadinanza-madre', message: "Scegli uno dei valori dell'elenco." }]);
    // A draft may lack what a final assessment needs.
    await record(minorId, 'siuss.sinba', { 'condizione-minore': '1' }, 'draft').expect(201);
  });

  it('records a SINA, refusing a final one without the attributes the XSD requires', async () => {
    const incomplete = sina();
    delete incomplete['mobilita'];
    delete incomplete['strumento-valutazione'];
    const wrong = await record(elderId, 'siuss.sina', { ...incomplete, 'necessita-interventi-sociali': ['A9.99'] }).expect(422);
    expect(wrong.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'answers.mobilita', message: 'Campo obbligatorio.' },
        { field: 'answers.strumento-valutazione', message: 'Campo obbligatorio.' },
        { field: 'answers.necessita-interventi-sociali', message: "Scegli uno dei valori dell'elenco." },
      ]),
    );
    const res = await record(elderId, 'siuss.sina', sina()).expect(201);
    expect(xsdValuesOf(SINA_FORM, (res.body as AssessmentJson).answers)).toEqual({
      Mobilita: '2',
      AttivitaVitaQuotidiana: '2',
      DisturbiAreaCognitiva: '1',
      DisturbiComportamentali: '1',
      NecessitaCureSanitarie: '2',
      AreaReddituale: '2',
      AreaSupporto: '2',
      InvaliditaCivile: ['2', '6'],
      FonteDerivazioneInvalidita: '1',
      NecessitaInterventiSociali: ['A1.11', 'A2.07'],
      FonteDerivazioneValutazione: '1',
      StrumentoValutazione: '1',
    });
    // Without an invalidity there is no source of it to keep.
    const none = await record(elderId, 'siuss.sina', sina({ 'invalidita-civile': [] })).expect(201);
    expect((none.body as AssessmentJson).answers['fonte-derivazione-invalidita']).toBeUndefined();
  });

  it('is filled in on the page, from the cartella’s person, with its sections and options', async () => {
    const page = decode((await assistente.agent.get(`/people/${minorId}/assessments/new?form=siuss.sinba`).expect(200)).text);
    for (const title of ['Il minore', 'La famiglia', 'Autorità giudiziaria', 'Chiusura della presa in carico'])
      expect(page).toContain(title);
    expect(page).toContain('name="answers[tipo-disabilita]"');
    expect(page).toContain('In famiglia affidataria');
    const sinaPage = decode((await assistente.agent.get(`/people/${elderId}/assessments/new?form=siuss.sina`).expect(200)).text);
    expect(sinaPage).toContain('Assistenza domiciliare socio-assistenziale');
  });
});
