// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * SVAMA and SVAMDi as the UVMD's team uses them, through the API and the page form of core's forms engine:
 * the totals, their bands and the profile are computed on the server and stored; a wrong answer comes back
 * beside its field; the profile shows on the assessment, its print, the comparison, the list and the
 * cartella; an assessment stored without a profile shows none; and nothing of it is offered where the
 * plugin is off, or to a role without the UVMD's permissions.
 */
import { apiClient, createTestApp, actIn, formToken, signIn, type TestApp } from '@sigess/core/testing';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Client = Awaited<ReturnType<typeof apiClient>>;
type Score = { value: number; max: number; complete: boolean; band: string | null };
type Classification = { profile: string | null; label: string | null; complete: boolean };
type AssessmentJson = { id: string; status: string; scores: Record<string, Score>; classifications: Record<string, Classification> };

/** A browser acting in the membership whose organization's name contains `organization` (assistente works at two). */
async function browser(app: TestApp, username: string, organization?: string): Promise<Agent> {
  const agent = await signIn(app, username);
  return organization ? actIn(agent, organization) : agent;
}

/** A form body as a browser sends it: answers[id]=…, a multi-choice as answers[id][]=… per box. */
function formBody(fields: Record<string, string>, answers: Record<string, unknown>): string {
  const body = new URLSearchParams(fields);
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) for (const v of value) body.append(`answers[${id}][]`, String(v));
    else body.append(`answers[${id}]`, String(value));
  }
  return body.toString();
}

const decode = (html: string) =>
  html
    .replace(/&#x2F;/g, '/')
    .replace(/&#x3D;/g, '=')
    .replace(/&#x27;/g, "'");

const CIRS = ['cardiac', 'hypertension', 'vascular', 'respiratory', 'eent', 'upper-gi', 'lower-gi', 'liver', 'renal'];
const CIRS_MORE = ['genitourinary', 'musculoskeletal', 'neurological', 'endocrine', 'psychiatric'];
const SPMSQ = ['date', 'weekday', 'place', 'address', 'age', 'birth', 'president', 'previous-president', 'mother', 'serial'];

/** The ten SPMSQ answers with the first `errors` wrong. */
const spmsq = (errors: number) => Object.fromEntries(SPMSQ.map((q, i) => [`spmsq-${q}`, i < errors ? 'errata' : 'giusta']));

type Level = 'autonomo' | 'supervisione' | 'aiuto-moderato' | 'aiuto-massimo' | 'dipendente';
const ADL = ['feeding', 'bathing', 'grooming', 'dressing', 'toilet', 'bladder', 'bowels'];
const adl = (levels: Partial<Record<string, Level>> = {}) => Object.fromEntries(ADL.map((i) => [`adl-${i}`, levels[i] ?? 'autonomo']));
const mobility = (transfers: Level, walking: Level, stairs: Level) => ({
  'mob-transfers': transfers,
  'mob-walking': walking,
  'mob-stairs': stairs,
});

const social = {
  'lives-with': ['solo'],
  'support-network': 'parzialmente-assistito',
  'has-carer': 'yes',
  carer: 'La figlia Marta, due volte alla settimana',
  'income-sources': ['pensione'],
  'economic-situation': 'parziale',
  'housing-type': 'appartamento',
  'housing-adequacy': 'parziale',
  'housing-problems': ['barriere'],
  summary: 'Proposta: assistenza domiciliare integrata e centro diurno due giorni alla settimana.',
};

/** A complete SVAMA: 5 SPMSQ errors, ADL 24/60, mobility 18/40, CIRS three systems at least moderate. */
const svama = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  diagnosis: 'Esiti di ictus ischemico, diabete di tipo 2',
  ...Object.fromEntries([...CIRS, ...CIRS_MORE].map((s) => [`cirs-${s}`, '1'])),
  'cirs-cardiac': '3',
  'cirs-hypertension': '2',
  'cirs-musculoskeletal': '4',
  'cirs-neurological': '3',
  'cirs-psychiatric': '3',
  'nursing-needs': ['diabete-insulina', 'lesioni-da-pressione'],
  'health-care-need': 'media',
  ...spmsq(5),
  ...adl({
    feeding: 'aiuto-moderato',
    bathing: 'dipendente',
    grooming: 'aiuto-moderato',
    dressing: 'aiuto-massimo',
    toilet: 'supervisione',
    bladder: 'supervisione',
  }),
  ...mobility('supervisione', 'aiuto-moderato', 'aiuto-massimo'),
  ...Object.fromEntries(
    ['wandering', 'agitation', 'disinhibition', 'sleep', 'delusions', 'refusal'].map((b) => [`behaviour-${b}`, 'assente']),
  ),
  'behaviour-wandering': 'occasionale',
  ...social,
  ...changes,
});

/** A complete SVAMDi with the nine chapters' qualifiers given in order d1…d9. */
const svamdi = (qualifiers: readonly number[], changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  diagnosis: 'Paralisi cerebrale infantile (G80)',
  'disability-types': ['motoria', 'intellettiva'],
  'disability-origin': 'perinatale',
  'civil-invalidity': '100',
  'law-104-severe': 'yes',
  'companion-allowance': 'yes',
  'health-care-need': 'media',
  ...Object.fromEntries(['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'].map((b) => [`function-${b}`, b === 'b7' ? '3' : '1'])),
  ...Object.fromEntries(qualifiers.map((q, i) => [`activity-d${i + 1}`, String(q)])),
  'environment-e1': 'facilitatore-3',
  'environment-e2': 'barriera-3',
  ...social,
  'daily-activity': 'centro-diurno',
  ...changes,
});

describe('SVAMA and SVAMDi', () => {
  let app: TestApp;
  let orgId: string;
  let assistente: Client;
  let personId: string;
  let cartellaId: string;

  const setActive = (active: boolean) => app.platform.organizations.setPluginActive(app.platform.orm.em.fork(), orgId, 'lazio', active);
  const record = (formId: string, answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    assistente.post(`/api/v1/people/${personId}/assessments`, { formId, status: 'final', assessedOn: '2026-03-02', answers, ...extra });

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['lazio'] });
    const [org] = await app.platform.orm.em.fork().execute<{ id: string }[]>("select id from core.organization where code = 'demo-comune'");
    orgId = org!.id;
    assistente = await apiClient(await browser(app, 'assistente', 'Comune di Orvieto'));
    // The demo's cartella of an older woman living alone, taken in charge by the comune.
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    try {
      const [cartella] = await em.execute<{ id: string; personId: string }[]>(
        `select c.id::text as id, c.person_id::text as "personId" from core.cartella c join core.organization o on o.id = c.owner_org_id
         where o.code = 'demo-comune' and c.area = 'anziani' and c.state = 'open' order by c.created_at limit 1`,
      );
      cartellaId = cartella!.id;
      personId = cartella!.personId;
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }
  });
  afterAll(() => app.close());

  it('are not offered where the plugin is off', async () => {
    const forms = (await assistente.get('/api/v1/forms').expect(200)).body.items as { id: string }[];
    expect(forms.map((f) => f.id)).not.toContain('lazio.svama');
    expect(forms.map((f) => f.id)).not.toContain('lazio.svamdi');
    await assistente.get('/api/v1/forms/lazio.svama').expect(404);
    await record('lazio.svama', svama()).expect(404);
    await assistente.agent.get(`/people/${personId}/assessments/new?form=lazio.svamdi`).expect(404);
    expect((await assistente.agent.get(`/people/${personId}/assessments`).expect(200)).text).not.toContain('value="lazio.svama"');
  });

  it('are offered once it is turned on, with their totals, bands and profile tables', async () => {
    await setActive(true);
    const forms = (await assistente.get('/api/v1/forms').expect(200)).body.items as { id: string; title: string; canSubmit: boolean }[];
    expect(forms).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'lazio.svama', title: 'SVAMA – valutazione multidimensionale dell’anziano', canSubmit: true }),
        expect.objectContaining({ id: 'lazio.svamdi', canSubmit: true }),
      ]),
    );
    const form = (await assistente.get('/api/v1/forms/lazio.svama').expect(200)).body as {
      totals: { id: string; bands: { id: string | null; from: number; to: number }[] }[];
      classifications: { id: string; totals: string[]; profiles: { id: string; label: string; when: Record<string, string[]> }[] }[];
    };
    expect(form.totals.find((t) => t.id === 'cognitive')!.bands).toEqual([
      expect.objectContaining({ id: 'lucido', from: 0, to: 3 }),
      expect.objectContaining({ id: 'confuso', from: 4, to: 7 }),
      expect.objectContaining({ id: 'molto-confuso', from: 8, to: 10 }),
    ]);
    expect(form.classifications).toHaveLength(1);
    expect(form.classifications[0]).toMatchObject({ id: 'autonomy-profile', totals: ['cognitive', 'mobility', 'adl'] });
    expect(form.classifications[0]!.profiles[0]).toEqual({
      id: 'lucido-autonomo',
      label: 'Lucido/a, autonomo/a',
      when: { cognitive: ['lucido'], mobility: ['da-solo'], adl: ['autonomo'] },
    });
    const page = decode((await assistente.agent.get(`/people/${personId}/assessments/new?form=lazio.svama`).expect(200)).text);
    expect(page).toContain('<legend class="h4">Valutazione cognitiva (SPMSQ di Pfeiffer)</legend>');
    expect(page).toContain('name="answers[adl-feeding]" value="dipendente" data-points="10"');
    // The live panel carries the profile table for the script, with the band ids it reads.
    expect(page).toContain('data-classification="autonomy-profile"');
    expect(page).toContain('data-classification-totals="[&quot;cognitive&quot;,&quot;mobility&quot;,&quot;adl&quot;]"');
  });

  it('records a SVAMA through the API with its totals, bands and profile computed on the server', async () => {
    const res = await record('lazio.svama', svama()).expect(201);
    const body = res.body as AssessmentJson;
    expect(body.status).toBe('final');
    expect(body.scores.cognitive).toMatchObject({ value: 5, max: 10, complete: true, band: 'Confuso/a (deficit lieve-moderato)' });
    expect(body.scores.adl).toMatchObject({ value: 24, max: 60, complete: true, band: 'Dipendente' });
    expect(body.scores.mobility).toMatchObject({ value: 18, max: 40, complete: true, band: 'Si sposta assistito/a' });
    // Cardiac 3, musculoskeletal 4, neurological 3 count; hypertension 2 does not, nor does the psychiatric item.
    expect(body.scores.comorbidity).toMatchObject({ value: 3, max: 13, complete: true, band: null });
    expect(body.scores.behaviour).toMatchObject({ value: 1, band: 'Presenti' });
    expect(body.classifications).toEqual({
      'autonomy-profile': { profile: 'confuso-deambula-assistito', label: 'Confuso/a, deambula assistito/a', complete: true },
    });
    // Stored as computed: read back, and in English.
    const english = await assistente.get(`/api/v1/assessments/${body.id}`).set('Cookie', 'sigess_lang=en').expect(200);
    expect(english.body.classifications['autonomy-profile']).toEqual({
      profile: 'confuso-deambula-assistito',
      label: 'Confused, walks with help',
      complete: true,
    });

    // The assessment page, its print and the cartella show the profile where they show the totals.
    const show = decode((await assistente.agent.get(`/assessments/${body.id}`).expect(200)).text);
    expect(show).toMatch(
      /<dt class="col-sm-5">Profilo di autonomia<\/dt>\s*<dd class="col-sm-7" data-classification="autonomy-profile">\s*<strong data-profile>Confuso\/a, deambula assistito\/a<\/strong>/,
    );
    const print = decode((await assistente.agent.get(`/assessments/${body.id}?print=1`).expect(200)).text);
    expect(print).toContain('<strong data-profile>Confuso/a, deambula assistito/a</strong>');
    const cartella = decode((await assistente.agent.get(`/cartelle/${cartellaId}`).expect(200)).text);
    expect(cartella).toContain('Profilo di autonomia: <strong>Confuso/a, deambula assistito/a</strong>');
    const list = decode((await assistente.agent.get(`/people/${personId}/assessments`).expect(200)).text);
    expect(list).toContain('Profilo di autonomia: <strong>Confuso/a, deambula assistito/a</strong>');
  });

  it('names each profile of the grid from the three levels, and none until every level has its band', async () => {
    const profileOf = async (answers: Record<string, unknown>) => {
      const res = await record('lazio.svama', answers, { status: 'draft', assessedOn: '2025-06-01' }).expect(201);
      return (res.body as AssessmentJson).classifications['autonomy-profile'];
    };
    const autonomous = { ...spmsq(2), ...adl(), ...mobility('autonomo', 'autonomo', 'autonomo') };
    expect(await profileOf(autonomous)).toMatchObject({ profile: 'lucido-autonomo', label: 'Lucido/a, autonomo/a' });
    // At the edges of the bands: 3 errors is still lucid, ADL 15 is dependent, mobility 14 still moves alone.
    const edges = {
      ...spmsq(3),
      ...adl({ feeding: 'aiuto-moderato', dressing: 'aiuto-moderato', toilet: 'aiuto-moderato' }),
      ...mobility('supervisione', 'supervisione', 'aiuto-massimo'),
    };
    expect(await profileOf(edges)).toMatchObject({ profile: 'lucido-in-parte-dipendente' });
    expect(await profileOf({ ...autonomous, ...spmsq(4) })).toMatchObject({ profile: 'confuso-deambulante-autonomo' });
    // Very confused shares the confused rows; a person who does not walk or transfer does not move about.
    expect(await profileOf({ ...autonomous, ...spmsq(8), ...mobility('dipendente', 'dipendente', 'autonomo') })).toMatchObject({
      profile: 'confuso-non-si-sposta',
    });
    const partial: Record<string, unknown> = { ...autonomous };
    delete partial['spmsq-serial'];
    expect(await profileOf(partial)).toEqual({ profile: null, label: null, complete: false });
  });

  it('answers a wrong SVAMA answer field by field, on the API and on the page', async () => {
    const wrong = await record('lazio.svama', svama({ 'spmsq-date': 'forse', 'adl-feeding': '7', diagnosis: '', carer: '' })).expect(422);
    const errors = Object.fromEntries((wrong.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
    expect(errors).toEqual({
      'answers.diagnosis': 'Campo obbligatorio.',
      'answers.spmsq-date': "Scegli uno dei valori dell'elenco.",
      'answers.adl-feeding': "Scegli uno dei valori dell'elenco.",
      'answers.carer': 'Campo obbligatorio.',
    });
    // Who does not walk must say how they use a wheelchair before the SVAMA is final.
    const wheelchair = await record('lazio.svama', svama(mobility('dipendente', 'dipendente', 'dipendente'))).expect(422);
    expect(wheelchair.body.errors).toEqual([{ field: 'answers.wheelchair', message: 'Campo obbligatorio.' }]);
    await record('lazio.svama', svama({ ...mobility('dipendente', 'dipendente', 'dipendente'), wheelchair: 'con-aiuto' })).expect(201);

    const newPath = `/people/${personId}/assessments/new?form=lazio.svamdi`;
    const csrf = await formToken(assistente.agent, newPath);
    const page = await assistente.agent
      .post(`/people/${personId}/assessments`)
      .type('form')
      .send(
        formBody({ _csrf: csrf, formId: 'lazio.svamdi', status: 'final', assessedOn: '2026-03-02' }, svamdi([1, 1, 9, 1, 1, 1, 1, 1, 1])),
      )
      .expect(422);
    expect(decode(page.text)).toContain('<a href="#field-answers.activity-d3">d3 – Comunicazione: Scegli uno dei valori dell\'elenco.</a>');
  });

  it('records a SVAMDi through the page form, with the need of support, and compares it over time', async () => {
    const newPath = `/people/${personId}/assessments/new?form=lazio.svamdi`;
    const csrf = await formToken(assistente.agent, newPath);
    // d1–d3: 1, 1, 2 (learning 4: moderate); d4–d5: 3, 3 (self-care 6: severe); d6–d9: 2, 1, 2, 2 (participation 7: moderate).
    const first = await assistente.agent
      .post(`/people/${personId}/assessments`)
      .type('form')
      .send(
        formBody({ _csrf: csrf, formId: 'lazio.svamdi', status: 'final', assessedOn: '2026-01-10' }, svamdi([1, 1, 2, 3, 3, 2, 1, 2, 2])),
      )
      .expect(302);
    const firstId = /\/assessments\/([0-9a-f-]{36})/.exec(first.headers.location as string)![1]!;
    const stored = (await assistente.get(`/api/v1/assessments/${firstId}`).expect(200)).body as AssessmentJson;
    expect(stored.scores['self-care']).toMatchObject({ value: 6, max: 8, band: 'Difficoltà grave' });
    expect(stored.scores.learning).toMatchObject({ value: 4, max: 12, band: 'Difficoltà media' });
    expect(stored.scores.participation).toMatchObject({ value: 7, max: 16, band: 'Difficoltà media' });
    expect(stored.scores.functioning).toMatchObject({ value: 17, max: 36, band: 'Difficoltà media' });
    expect(stored.classifications['support-need']).toEqual({ profile: 'esteso', label: 'Elevato (sostegno esteso)', complete: true });

    // The worst group decides: a complete difficulty in one chapter group is pervasive support, all mild is intermittent.
    const pervasive = await record('lazio.svamdi', svamdi([4, 4, 4, 1, 1, 1, 1, 1, 1]), { assessedOn: '2026-02-10' }).expect(201);
    expect((pervasive.body as AssessmentJson).classifications['support-need']?.profile).toBe('pervasivo');
    const later = await record('lazio.svamdi', svamdi([1, 1, 1, 1, 1, 1, 1, 1, 0])).expect(201);
    expect((later.body as AssessmentJson).classifications['support-need']).toMatchObject({
      profile: 'intermittente',
      label: 'Lieve (sostegno intermittente)',
    });

    const compare = decode((await assistente.agent.get(`/people/${personId}/assessments/compare?form=lazio.svamdi`).expect(200)).text);
    const row = /<tr data-classification-row>([\s\S]*?)<\/tr>/.exec(compare)![1]!;
    expect(row).toContain('<th scope="row">Bisogno di sostegno</th>');
    expect(row).toMatch(/<td class="">\s*<strong>Elevato \(sostegno esteso\)<\/strong><\/td>/);
    expect(row).toMatch(/<td class="sigess-changed" data-changed><strong>Lieve \(sostegno intermittente\)<\/strong>/);
  });

  it('shows no profile for an assessment stored without one, and keeps the UVMD forms from roles without its permissions', async () => {
    // An assessment saved before its form had a profile table: the column's default, as the migration leaves old rows.
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    let oldId: string;
    try {
      const [row] = await em.execute<{ id: string }[]>(
        `insert into core.assessment (owner_org_id, person_id, form_id, form_version, answers, scores, status, assessed_on, finalized_at)
         values (?, ?, 'lazio.svama', 1, ?::jsonb, ?::jsonb, 'final', '2024-05-01', now()) returning id::text as id`,
        [
          orgId,
          personId,
          JSON.stringify(spmsq(1)),
          JSON.stringify({
            cognitive: { value: 1, max: 10, answered: 10, items: 10, complete: true, band: 'lazio:forms.svama.bands.lucid' },
          }),
        ],
      );
      oldId = row!.id;
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }
    const old = (await assistente.get(`/api/v1/assessments/${oldId}`).expect(200)).body as AssessmentJson;
    expect(old.classifications).toEqual({});
    expect(old.scores.cognitive?.band).toBe('Lucido/a');
    const page = (await assistente.agent.get(`/assessments/${oldId}`).expect(200)).text;
    expect(page).toContain('data-score="cognitive"');
    expect(page).not.toContain('data-classification');

    // The educator reads core's assessments but holds neither lazio.uvmd.view nor lazio.uvmd.assess.
    const educatore = await apiClient(await signIn(app, 'educatore'));
    const forms = (await educatore.get('/api/v1/forms').expect(200)).body.items as { id: string }[];
    expect(forms.map((f) => f.id)).not.toContain('lazio.svama');
    await educatore.get(`/api/v1/assessments/${oldId}`).expect(403);
    const mine = (await educatore.get(`/api/v1/people/${personId}/assessments`).expect(200)).body.items as { formId: string }[];
    expect(mine.filter((a) => a.formId.startsWith('lazio.'))).toEqual([]);
  });

  it('stops offering them when the plugin is turned off again, and keeps what was recorded readable', async () => {
    const before = (await assistente.get(`/api/v1/people/${personId}/assessments?form=lazio.svamdi`).expect(200)).body
      .items as AssessmentJson[];
    await setActive(false);
    const forms = (await assistente.get('/api/v1/forms').expect(200)).body.items as { id: string }[];
    expect(forms.map((f) => f.id).filter((id) => id.startsWith('lazio.'))).toEqual([]);
    await record('lazio.svamdi', svamdi([0, 0, 0, 0, 0, 0, 0, 0, 0])).expect(404);
    const after = (await assistente.get(`/api/v1/assessments/${before[0]!.id}`).expect(200)).body as AssessmentJson;
    expect(after.classifications['support-need']).toMatchObject({ profile: 'intermittente', label: 'Lieve (sostegno intermittente)' });
  });
});
