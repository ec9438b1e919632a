// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Assessments through HTTP, as operators use them: the social assessment filled in through the page form
 * and through the API, field errors on both, a draft then final, a final one that never changes, a
 * correction, the comparison over time, the print view, other organizations kept out, and the audit trail.
 */
import { createTestApp, formToken, signIn, type TestApp, apiClient as testingApiClient } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { DEMO_PASSWORD } from '../src/modules/operators/demo';

type Agent = Awaited<ReturnType<typeof signIn>>;

const apiClient = async (app: TestApp, username: string, agent?: Agent) => testingApiClient(agent ?? (await signIn(app, username)));

/** The ten Barthel items, all at their best (100), changed where asked. */
const barthel = (changes: Record<string, string> = {}): Record<string, string> => ({
  'adl-feeding': '10',
  'adl-bathing': '5',
  'adl-grooming': '5',
  'adl-dressing': '10',
  'adl-bowels': '10',
  'adl-bladder': '10',
  'adl-toilet': '10',
  'adl-transfers': '15',
  'adl-mobility': '15',
  'adl-stairs': '10',
  ...changes,
});

/** A complete social assessment, as the API takes it. */
const social = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  'chronic-illness': 'yes',
  'illness-notes': 'Diabete di tipo 2',
  'family-network': 'insufficiente',
  'social-network': 'assente',
  'income-sources': ['pensione'],
  'housing-type': 'appartamento',
  'housing-tenure': 'affitto',
  'housing-problems': ['barriere', 'riscaldamento'],
  summary: 'Vive sola al terzo piano senza ascensore.',
  ...barthel(),
  ...changes,
});

/** A form body as a browser sends it: answers[id]=…, a multi-choice as answers[id][]=… per box. */
function formBody(fields: Record<string, string>, answers: Record<string, unknown>): string {
  const body = new URLSearchParams(fields);
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) for (const v of value) body.append(`answers[${id}][]`, String(v));
    else body.append(`answers[${id}]`, String(value));
  }
  return body.toString();
}

/** A social worker of another organization (signed in with the demo password), made as the database owner. */
async function socialWorkerIn(app: TestApp, orgCode: string): Promise<string> {
  const username = `sociale-${orgCode}`;
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    const [org] = await em.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [orgCode]);
    const id = await app.platform.operators.create(em, { username, displayName: 'Sofia Sociale', password: DEMO_PASSWORD });
    await app.platform.operators.addMembership(em, id, org!.id, 'social-worker');
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
  return username;
}

const decode = (html: string) => html.replace(/&#x2F;/g, '/').replace(/&#x3D;/g, '=');

describe('assessments', () => {
  let app: TestApp;
  let personId: string;
  let educator: Agent;
  let educatorApi: Awaited<ReturnType<typeof apiClient>>;

  beforeAll(async () => {
    app = await createTestApp();
    const pua = await apiClient(app, 'pua');
    const data = { surname: 'Valutati', name: 'Graziella', sex: 'F', birthDate: '1941-04-12', birthPlaceCode: 'G148' };
    personId = (await pua.post('/api/v1/people', { ...data, codiceFiscale: computeCodiceFiscale(data as never) }).expect(201)).body
      .id as string;
    educator = await signIn(app, 'educatore');
    educatorApi = await apiClient(app, 'educatore', educator);
  });
  afterAll(() => app.close());

  it('fills in the social assessment through the page: errors beside the fields, a draft, then final', async () => {
    const personPage = (await educator.get(`/people/${personId}`).expect(200)).text;
    expect(personPage).toContain(`href="/people/${personId}/assessments"`);
    const list = (await educator.get(`/people/${personId}/assessments`).expect(200)).text;
    expect(list).toContain('<option value="core.social-assessment">Valutazione sociale multidimensionale</option>');
    expect(list).toContain('<option value="core.triage">Scheda di triage (primo accesso)</option>');

    const newPath = `/people/${personId}/assessments/new?form=core.social-assessment`;
    const blank = (await educator.get(newPath).expect(200)).text;
    expect(blank).toContain('<legend class="h4">Autonomia nelle attività quotidiane (indice di Barthel)</legend>');
    expect(blank).toContain('name="answers[adl-feeding]" value="10" data-points="10"');
    expect(blank).toContain('name="answers[income-sources][]" value="pensione"');
    // The conditional field is there, with its condition for the script and in words for whoever has none.
    expect(decode(blank)).toContain(
      'data-visible-when="{&quot;field&quot;:&quot;chronic-illness&quot;,&quot;equals&quot;:[&quot;yes&quot;]}"',
    );
    expect(blank).toContain('Da compilare solo se «Patologie croniche o invalidanti» è: Sì');
    expect(blank).toContain('src="/assets/core/js/assessments.js"');
    const csrf = await formToken(educator, newPath);

    // Finalizing an incomplete form: every missing required answer and the wrong ones, beside their fields.
    const incomplete = await educator
      .post(`/people/${personId}/assessments`)
      .type('form')
      .send(
        formBody(
          { _csrf: csrf, formId: 'core.social-assessment', status: 'final', assessedOn: '2026-01-15' },
          { 'chronic-illness': 'no', 'disability-percentage': '120', 'adl-feeding': '10' },
        ),
      )
      .expect(422);
    expect(incomplete.text).toContain('data-testid="error-summary"');
    expect(incomplete.text).toContain(
      '<a href="#field-answers.disability-percentage">Invalidità civile riconosciuta (%): Il valore massimo è 100.</a>',
    );
    expect(incomplete.text).toContain('<a href="#field-answers.family-network">Rete familiare: Campo obbligatorio.</a>');
    expect(incomplete.text).toContain('<a href="#field-answers.adl-stairs">Salire e scendere le scale: Campo obbligatorio.</a>');
    expect(incomplete.text).not.toContain('#field-answers.adl-feeding"');
    expect(incomplete.text).toMatch(
      /id="field-answers\.disability-percentage" name="answers\[disability-percentage\]" value="120"[^>]*aria-invalid="true"[^>]*aria-describedby="error-answers\.disability-percentage/,
    );
    expect(incomplete.text).toContain(
      '<div class="invalid-feedback d-block" id="error-answers.disability-percentage">Il valore massimo è 100.</div>',
    );
    // What was typed stays: the chosen radio is still checked.
    expect(incomplete.text).toMatch(/name="answers\[adl-feeding\]" value="10" data-points="10" checked/);

    // A draft may be incomplete; the answer of a field its condition hides is dropped.
    const draft = await educator
      .post(`/people/${personId}/assessments`)
      .type('form')
      .send(
        formBody(
          { _csrf: csrf, formId: 'core.social-assessment', status: 'draft', assessedOn: '2026-01-15' },
          { 'chronic-illness': 'no', 'illness-notes': 'non deve restare', 'adl-feeding': '5', 'income-sources': ['pensione'] },
        ),
      )
      .expect(302);
    const location = draft.headers.location as string;
    expect(location).toMatch(/^\/assessments\/[0-9a-f-]{36}\?saved=1$/);
    const id = location.split('/')[2]!.split('?')[0]!;
    const shown = (await educator.get(location).expect(200)).text;
    expect(shown).toContain('data-status="draft"');
    expect(shown).toContain('<dd class="col-sm-7" data-answer="income-sources">Pensione</dd>');
    expect(shown).not.toContain('non deve restare');
    expect(shown).toContain('1 di 10 voci compilate');
    const stored = (await educatorApi.get(`/api/v1/assessments/${id}`).expect(200)).body;
    expect(stored).toMatchObject({ status: 'draft', version: 1, formVersion: 1, assessedOn: '2026-01-15' });
    expect(stored.answers).toEqual({ 'chronic-illness': 'no', 'adl-feeding': '5', 'income-sources': ['pensione'] });

    // The draft again, completed and made final.
    const edit = (await educator.get(`/assessments/${id}/edit`).expect(200)).text;
    expect(edit).toContain('name="version" value="1"');
    expect(edit).toMatch(/name="answers\[adl-feeding\]" value="5" data-points="5" checked/);
    const csrfEdit = await formToken(educator, `/assessments/${id}/edit`);
    await educator
      .post(`/assessments/${id}`)
      .type('form')
      .send(
        formBody(
          { _csrf: csrfEdit, version: '1', status: 'final', assessedOn: '2026-01-15' },
          social({ 'adl-bathing': '0', 'adl-stairs': '0', isee: '8250,00' }),
        ),
      )
      .expect(302);
    const final = (await educator.get(`/assessments/${id}`).expect(200)).text;
    expect(final).toContain('data-status="final"');
    expect(final).toContain('<strong data-score-value>85 / 100</strong>');
    expect(final).toContain('<span data-band>Dipendenza moderata</span>');
    expect(final).toContain('<dd class="col-sm-7" data-answer="isee">8250</dd>');
    expect(final).not.toContain(`href="/assessments/${id}/edit"`);

    // Final: never changed again, by the page or the API.
    await educator.get(`/assessments/${id}/edit`).expect(409);
    const again = await educator
      .post(`/assessments/${id}`)
      .type('form')
      .send(formBody({ _csrf: csrfEdit, version: '2', status: 'draft' }, social()))
      .expect(409);
    expect(again.text).toContain('La valutazione è definitiva e non si modifica: registra una correzione.');
    const put = await educatorApi.put(`/api/v1/assessments/${id}`, { version: 2, status: 'final', answers: social() }).expect(409);
    expect(put.body.detail).toBe('La valutazione è definitiva e non si modifica: registra una correzione.');
    expect((await educatorApi.get(`/api/v1/assessments/${id}`)).body.scores.adl).toMatchObject({ value: 85, band: 'Dipendenza moderata' });
  });

  it('keeps the operator’s answers on the page when someone saved the draft meanwhile', async () => {
    const id = (
      await educatorApi
        .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', answers: { request: 'Prima stesura' } })
        .expect(201)
    ).body.id as string;
    const csrf = await formToken(educator, `/assessments/${id}/edit`);
    await educatorApi.put(`/api/v1/assessments/${id}`, { version: 1, answers: { request: 'Scritta da un collega' } }).expect(200);
    const stale = await educator
      .post(`/assessments/${id}`)
      .type('form')
      .send(formBody({ _csrf: csrf, version: '1', status: 'draft' }, { request: 'La mia versione' }))
      .expect(409);
    expect(stale.text).toContain('data-testid="conflict"');
    expect(stale.text).toContain('La mia versione</textarea>');
    // Saving again, on purpose, replaces the colleague's answers.
    expect(stale.text).toContain('name="version" value="2"');
    expect((await educatorApi.get(`/api/v1/assessments/${id}`)).body.answers).toEqual({ request: 'Scritta da un collega' });
  });

  it('moves with the person when two registrations are merged, final ones included', async () => {
    const pua = await apiClient(app, 'pua');
    const data = { surname: 'Doppioni', name: 'Ettore', sex: 'M', birthDate: '1950-02-02', birthPlaceCode: 'G148' };
    const survivor = (await pua.post('/api/v1/people', { ...data, codiceFiscale: computeCodiceFiscale(data as never) }).expect(201)).body
      .id;
    const merged = (
      await pua
        .post('/api/v1/people', { identityKind: 'unknown', surname: 'Doppioni', name: 'Ettore', confirmNotDuplicate: true })
        .expect(201)
    ).body.id;
    const assessment = (
      await educatorApi
        .post(`/api/v1/people/${merged}/assessments`, { formId: 'core.social-assessment', status: 'final', answers: social() })
        .expect(201)
    ).body.id as string;
    const manager = await apiClient(app, 'responsabile');
    await manager.post('/api/v1/people-merges', { survivorId: survivor, mergedId: merged }).expect(201);
    const moved = (await educatorApi.get(`/api/v1/people/${survivor}/assessments`).expect(200)).body.items;
    expect(moved.map((a: { id: string }) => a.id)).toEqual([assessment]);
    expect((await educatorApi.get(`/api/v1/assessments/${assessment}`)).body).toMatchObject({ personId: survivor, status: 'final' });
  });

  it('fills it in through the API: 422 with the answers at fault, a draft, stale versions refused, then final', async () => {
    const bad = await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, {
        formId: 'core.social-assessment',
        status: 'final',
        answers: { ...social(), 'adl-feeding': '7', 'housing-type': 'castello', shoeSize: 42 },
      })
      .expect(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'answers.adl-feeding', message: "Scegli uno dei valori dell'elenco." },
        { field: 'answers.housing-type', message: "Scegli uno dei valori dell'elenco." },
        { field: 'answers.shoeSize', message: 'Campi non previsti: shoeSize.' },
      ]),
    );
    const future = await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.social-assessment', assessedOn: '2999-01-01', answers: {} })
      .expect(422);
    expect(future.body.errors).toEqual([{ field: 'assessedOn', message: 'La data non può essere nel futuro.' }]);
    await educatorApi.post(`/api/v1/people/${personId}/assessments`, { formId: 'core.nessuna', answers: {} }).expect(404);

    const draft = await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.social-assessment', answers: { 'adl-feeding': 10 } })
      .expect(201);
    expect(draft.body).toMatchObject({ status: 'draft', version: 1, personId, formId: 'core.social-assessment', correctsId: null });
    expect(draft.body.scores.adl).toEqual({ value: 10, max: 100, answered: 1, items: 10, complete: false, band: null });
    const id = draft.body.id as string;
    await educatorApi.put(`/api/v1/assessments/${id}`, { version: 1, answers: { 'adl-feeding': 5 } }).expect(200);
    const stale = await educatorApi.put(`/api/v1/assessments/${id}`, { version: 1, answers: { 'adl-feeding': 0 } }).expect(409);
    expect(stale.body).toMatchObject({ version: 2 });
    const done = await educatorApi.put(`/api/v1/assessments/${id}`, { version: 2, status: 'final', answers: social() }).expect(200);
    expect(done.body).toMatchObject({ status: 'final', version: 3 });
    expect(done.body.scores.adl).toMatchObject({ value: 100, complete: true, band: 'Autonomia' });
    expect(done.body.answers).not.toHaveProperty('shoeSize');

    const list = (await educatorApi.get(`/api/v1/people/${personId}/assessments?form=core.social-assessment`).expect(200)).body.items;
    expect(list.map((a: { id: string }) => a.id)).toContain(id);
    const forms = (await educatorApi.get('/api/v1/forms').expect(200)).body.items.map((f: { id: string }) => f.id);
    expect(forms).toEqual(expect.arrayContaining(['core.social-assessment', 'core.triage']));
    const definition = (await educatorApi.get('/api/v1/forms/core.social-assessment').expect(200)).body;
    expect(definition.totals[0]).toMatchObject({ id: 'adl', label: 'Indice di Barthel (ADL)' });
    expect(definition.totals[0].bands[0]).toEqual({ id: null, from: 0, to: 20, label: 'Dipendenza totale' });
    // Core's forms derive no profile from their totals: the list is there, empty.
    expect(definition.classifications).toEqual([]);
  });

  it('keeps a final assessment unchanged even for the database owner, and corrects it with a new one', async () => {
    const first = (
      await educatorApi
        .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', status: 'draft', answers: { 'has-carer': 'no' } })
        .expect(201)
    ).body;
    const final = (
      await educatorApi
        .put(`/api/v1/assessments/${first.id}`, {
          version: 1,
          status: 'final',
          answers: {
            source: 'familiare',
            request: 'Aiuto per la spesa',
            needs: ['cura-assistenza'],
            'lives-with': ['solo'],
            'has-carer': 'no',
            morbidity: '1',
            feeding: '0',
            continence: '0',
            mobility: '1',
            hygiene: '1',
            'mental-state': '0',
            urgency: 'ordinaria',
          },
        })
        .expect(200)
    ).body;
    expect(final.scores.need).toMatchObject({ value: 3, band: 'Bisogno basso' });
    const em = app.platform.orm.em.fork();
    await em.execute('reset role');
    try {
      await expect(em.execute(`update core.assessment set answers = '{}' where id = '${final.id}'`)).rejects.toThrow(/never changed/);
      // The profiles stored with the totals are guarded the same way.
      await expect(
        em.execute(`update core.assessment set classifications = '{"x": {"profile": "y"}}' where id = '${final.id}'`),
      ).rejects.toThrow(/never changed/);
      await expect(em.execute(`delete from core.assessment where id = '${final.id}'`)).rejects.toThrow(/never deleted/);
    } finally {
      await em.execute(`set role ${app.platform.config.appRole}`);
    }

    // The correction starts from the final's answers and names it; the final one says it was corrected.
    const start = (await educator.get(`/people/${personId}/assessments/new?form=core.triage&corrects=${final.id}`).expect(200)).text;
    expect(start).toContain('data-testid="correcting"');
    expect(start).toContain(`name="correctsId" value="${final.id}"`);
    expect(start).toContain('Aiuto per la spesa');
    const correction = await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, {
        formId: 'core.triage',
        correctsId: final.id,
        answers: { ...final.answers, feeding: '2', 'has-carer': 'yes', carer: 'La nipote' },
      })
      .expect(201);
    expect(correction.body.correctsId).toBe(final.id);
    expect((await educatorApi.get(`/api/v1/assessments/${final.id}`)).body).toMatchObject({
      correctedById: correction.body.id,
      answers: final.answers,
    });
    expect((await educator.get(`/assessments/${final.id}`)).text).toContain('data-testid="corrected-by"');
    // Only a final assessment of the same person and form can be corrected.
    const wrong = await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, { formId: 'core.social-assessment', correctsId: final.id, answers: {} })
      .expect(422);
    expect(wrong.body.errors[0].field).toBe('correctsId');
  });

  it('compares the same form over time and prints an assessment without the site around it', async () => {
    await educatorApi
      .post(`/api/v1/people/${personId}/assessments`, {
        formId: 'core.social-assessment',
        status: 'final',
        assessedOn: '2025-06-30',
        answers: social({ 'adl-bathing': '0', 'social-network': 'adeguata' }),
      })
      .expect(201);
    const list = (await educator.get(`/people/${personId}/assessments`).expect(200)).text;
    const href = `/people/${personId}/assessments/compare?form=core.social-assessment`;
    expect(decode(list)).toContain(`href="${href.replace('&', '&amp;')}"`);
    const compare = (await educator.get(href).expect(200)).text;
    const heads = [...compare.matchAll(/<th scope="col" data-column="[^"]+"><a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(heads.slice(0, 2)).toEqual(['30 giu 2025', '15 gen 2026']);
    expect(heads).toContain(new Intl.DateTimeFormat('it-IT', { dateStyle: 'medium' }).format(new Date()));
    expect(compare).toContain('<th scope="row">Indice di Barthel (ADL)</th>');
    expect(compare).toContain('<td class=""><strong>95 / 100</strong><span class="d-block small">Dipendenza lieve</span>');
    expect(compare).toMatch(
      /<td class="sigess-changed" data-changed><strong>85 \/ 100<\/strong><span class="d-block small">Dipendenza moderata<\/span>/,
    );
    expect(compare).toMatch(
      /<th scope="row">Rete sociale \(amici, vicinato, volontariato\)<\/th>\s*<td class="">Presente e adeguata<\/td>\s*<td class="sigess-changed" data-changed>Assente</,
    );

    const id = (await educatorApi.get(`/api/v1/people/${personId}/assessments?form=core.social-assessment`)).body.items[0].id as string;
    const print = (await educator.get(`/assessments/${id}?print=1`).expect(200)).text;
    expect(print).toContain('class="sigess-print"');
    expect(print).toContain('Firma dell&#x27;operatore');
    expect(print).toContain('data-print hidden');
    expect(print).toContain('href="/assets/core/css/assessments.css"');
  });

  it('is fenced: another organization sees no assessment, even of a person shared with it', async () => {
    const id = (await educatorApi.get(`/api/v1/people/${personId}/assessments`)).body.items[0].id as string;
    const asl = await apiClient(app, 'asl');
    await asl.get(`/api/v1/assessments/${id}`).expect(404);
    await asl.agent.get(`/assessments/${id}`).expect(404);
    await asl.agent.get(`/people/${personId}/assessments`).expect(404);
    // A social worker of another comune, who may fill in assessments, cannot reach these either.
    const allerona = await apiClient(app, await socialWorkerIn(app, 'demo-comune-2'));
    await allerona.get(`/api/v1/assessments/${id}`).expect(404);
    await allerona.agent.get(`/assessments/${id}/edit`).expect(404);
    await allerona.put(`/api/v1/assessments/${id}`, { version: 1, answers: {} }).expect(404);
    await allerona.post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', answers: {} }).expect(404);
    await allerona.agent.get(`/people/${personId}/assessments/compare?form=core.social-assessment`).expect(404);

    const manager = await apiClient(app, 'responsabile');
    await manager
      .post(`/api/v1/people/${personId}/shares`, {
        organizationCode: 'demo-asl',
        purpose: 'Valutazione congiunta',
        expiresAt: '2099-12-31',
      })
      .expect(201);
    await asl.get(`/api/v1/people/${personId}`).expect(200);
    expect((await asl.get(`/api/v1/people/${personId}/assessments`).expect(200)).body.items).toEqual([]);
    await asl.get(`/api/v1/assessments/${id}`).expect(404);
    // The ambito above the comune sees them; the roles without the permission are refused.
    expect((await manager.get(`/api/v1/assessments/${id}`).expect(200)).body.id).toBe(id);
    await (await signIn(app, 'amministrativo')).get(`/people/${personId}/assessments`).expect(403);
    await asl.post(`/api/v1/people/${personId}/assessments`, { formId: 'core.triage', answers: {} }).expect(403);
    await asl.put(`/api/v1/assessments/${id}`, { version: 1, answers: {} }).expect(403);
    expect((await educatorApi.get(`/api/v1/assessments/${id}`)).body.version).toBeGreaterThan(0);
  });

  it('audits every read and write, and the privacy officer finds them', async () => {
    const items = (await educatorApi.get(`/api/v1/people/${personId}/assessments`)).body.items as { id: string; assessedOn: string }[];
    // The one filled in through the page: created, read, made final.
    const id = items.find((a) => a.assessedOn === '2026-01-15')!.id;
    const privacy = await signIn(app, 'privacy');
    const log = (await privacy.get(`/audit?entity=assessment&entityId=${id}`).expect(200)).text;
    for (const action of ['assessment.create', 'assessment.read', 'assessment.finalize']) expect(log).toContain(`data-action="${action}"`);
    const person = (await privacy.get(`/audit?entity=person&entityId=${personId}`).expect(200)).text;
    expect(person).toContain('data-action="assessment.list"');
    expect(person).toContain('data-action="assessment.compare"');
  });
});
