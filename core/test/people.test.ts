// SPDX-License-Identifier: AGPL-3.0-or-later
import { apiClient as testingApiClient, createTestApp, formToken, signIn, type TestApp } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';

const apiClient = async (app: TestApp, username: string) => testingApiClient(await signIn(app, username));

function person(surname: string, name: string, sex: 'M' | 'F', birthDate: string, birthPlaceCode = 'G148') {
  return {
    surname,
    name,
    sex,
    birthDate,
    birthPlaceCode,
    codiceFiscale: computeCodiceFiscale({ surname, name, sex, birthDate, birthPlaceCode }),
  };
}

describe('the person registry API', () => {
  let app: TestApp;
  let pua: Awaited<ReturnType<typeof apiClient>>;
  beforeAll(async () => {
    app = await createTestApp();
    pua = await apiClient(app, 'pua');
  });
  afterAll(() => app.close());

  it('registers a person, finds them by code, prefix, fuzzy name and birth date, and audits each access', async () => {
    const data = person('Nicolò', 'Bianchi', 'M', '1975-03-14');
    const created = await pua.post('/api/v1/people', { ...data, citizenships: ['100'] }).expect(201);
    expect(created.body).toMatchObject({ surname: 'Nicolò', codiceFiscale: data.codiceFiscale, version: 1, provisionalKind: null });
    const id = created.body.id as string;

    const byCode = await pua.get(`/api/v1/people?q=${data.codiceFiscale.toLowerCase()}`).expect(200);
    expect(byCode.body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const byPrefix = await pua.get(`/api/v1/people?q=${data.codiceFiscale.slice(0, 8)}`).expect(200);
    expect(byPrefix.body.items.map((p: { id: string }) => p.id)).toContain(id);
    // No accent, a typo, name before surname.
    for (const q of ['nicolo bianchi', 'Nicolo Bianci', 'bianchi nicolò']) {
      const res = await pua.get(`/api/v1/people?q=${encodeURIComponent(q)}`).expect(200);
      expect(res.body.items.map((p: { id: string }) => p.id)).toContain(id);
    }
    const byDate = await pua.get('/api/v1/people?birthDate=1975-03-14').expect(200);
    expect(byDate.body.items.map((p: { id: string }) => p.id)).toContain(id);
    await pua.get(`/api/v1/people/${id}`).expect(200);

    const privacy = await signIn(app, 'privacy');
    const log = await privacy.get(`/audit?entity=person&entityId=${id}`).expect(200);
    expect(log.text).toContain('data-action="person.create"');
    expect(log.text).toContain('data-action="person.read"');
  });

  it('refuses bad input field by field, as problem+json, and writes nothing', async () => {
    const res = await pua.post('/api/v1/people', { surname: '', name: 'X', sex: 'Q' }).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = (body: { errors: { field: string; message: string }[] }) =>
      Object.fromEntries(body.errors.map((e) => [e.field, e.message]));
    expect(fields(res.body)).toMatchObject({ surname: 'Campo obbligatorio.', sex: "Scegli uno dei valori dell'elenco." });
    const cf = await pua
      .post('/api/v1/people', { surname: 'Rossi', name: 'Mario', codiceFiscale: 'RSSMRA80A01H501X', deceasedDate: '2999-01-01' })
      .expect(422);
    expect(fields(cf.body)).toMatchObject({
      codiceFiscale: expect.stringMatching(/carattere di controllo/),
      deceasedDate: 'La data non può essere nel futuro.',
    });
    const mismatch = await pua.post('/api/v1/people', { ...person('Rossi', 'Mario', 'M', '1980-01-01'), sex: 'F' }).expect(422);
    expect(fields(mismatch.body)).toEqual({ sex: 'Il codice fiscale indica un sesso diverso da quello inserito.' });
    expect((await pua.get(`/api/v1/people?q=${person('Rossi', 'Mario', 'M', '1980-01-01').codiceFiscale}`)).body.total).toBe(0);
    const search = await pua.get('/api/v1/people?birthDate=nope').expect(422);
    expect(search.body.errors[0].field).toBe('birthDate');
  });

  it('never registers one codice fiscale twice, and asks before registering a likely duplicate', async () => {
    const data = person('Esposito', 'Giuseppe', 'M', '1950-07-02');
    await pua.post('/api/v1/people', data).expect(201);
    const again = await pua.post('/api/v1/people', data).expect(409);
    expect(again.body.candidates[0]).toMatchObject({ reason: 'codice-fiscale' });
    // Same name and birth date without a code: a warning first, saved once the operator confirms.
    const provisional = { identityKind: 'unknown', surname: 'Esposito', name: 'Giuseppe', birthDate: '1950-07-02' };
    const warned = await pua.post('/api/v1/people', provisional).expect(409);
    expect(warned.body.candidates[0]).toMatchObject({ reason: 'name-and-birth-date' });
    await pua.post('/api/v1/people', { ...provisional, confirmNotDuplicate: true }).expect(201);
    // Another comune's operator is told the person exists, but not who they are.
    const allerona = await apiClient(app, 'allerona');
    const hidden = await allerona.post('/api/v1/people', data).expect(409);
    expect(hidden.body.candidates[0]).toMatchObject({ personId: null, person: null, owner: { code: 'demo-pua' } });
    expect(JSON.stringify(hidden.body)).not.toContain('1950-07-02');
  });

  it('rejects a stale edit with the changed fields, and keeps the newer data', async () => {
    const created = await pua.post('/api/v1/people', person('Verdi', 'Anna', 'F', '1990-05-20')).expect(201);
    const id = created.body.id as string;
    const base = { ...person('Verdi', 'Anna', 'F', '1990-05-20'), version: 1 };
    await pua.put(`/api/v1/people/${id}`, { ...base, legalStatusNotes: 'Amministratore di sostegno' }).expect(200);
    const stale = await pua.put(`/api/v1/people/${id}`, { ...base, legalStatusNotes: 'Nessuna' }).expect(409);
    expect(stale.body.changes).toEqual([{ field: 'legalStatusNotes', saved: 'Amministratore di sostegno', yours: 'Nessuna' }]);
    expect((await pua.get(`/api/v1/people/${id}`)).body).toMatchObject({ legalStatusNotes: 'Amministratore di sostegno', version: 2 });
  });

  it('keeps a household with its history, as of any date', async () => {
    const mother = (await pua.post('/api/v1/people', person('Rossi', 'Maria', 'F', '1970-01-10')).expect(201)).body.id;
    const son = (await pua.post('/api/v1/people', person('Rossi', 'Luca', 'M', '2000-02-11')).expect(201)).body.id;
    const household = (
      await pua
        .post('/api/v1/households', { personId: mother, kind: 'anagrafico', relationCode: 'IS', validFrom: '2000-01-01' })
        .expect(201)
    ).body;
    const added = await pua
      .post(`/api/v1/households/${household.id}/members`, {
        version: household.version,
        personId: son,
        relationCode: 'FG',
        validFrom: '2000-02-11',
      })
      .expect(201);
    const member = added.body.members.find((m: { personId: string }) => m.personId === son);
    await pua
      .post(`/api/v1/households/${household.id}/members/${member.id}/end`, { version: household.version, validTo: '2023-09-01' })
      .expect(409);
    await pua
      .post(`/api/v1/households/${household.id}/members/${member.id}/end`, { version: household.version + 1, validTo: '2023-09-01' })
      .expect(200);
    const in2010 = await pua.get(`/api/v1/people/${son}/households?asOf=2010-01-01`).expect(200);
    expect(in2010.body.households[0].members.map((m: { relationCode: string }) => m.relationCode).sort()).toEqual(['FG', 'IS']);
    const now = await pua.get(`/api/v1/people/${son}/households`).expect(200);
    expect(now.body.households).toEqual([]);
    const show = await pua.get(`/api/v1/households/${household.id}`).expect(200);
    expect(show.body.history).toHaveLength(2);
  });

  it('merges two registrations of one person, moving what points at them, and an administrator undoes it', async () => {
    const first = (await pua.post('/api/v1/people', person('Gallo', 'Teresa', 'F', '1944-04-04')).expect(201)).body.id;
    const second = (
      await pua
        .post('/api/v1/people', {
          identityKind: 'unknown',
          surname: 'Gallo',
          name: 'Teresa',
          birthDate: '1944-04-04',
          confirmNotDuplicate: true,
        })
        .expect(201)
    ).body.id;
    const household = (await pua.post('/api/v1/households', { personId: second, kind: 'convivente', relationCode: 'IS' }).expect(201)).body;

    const manager = await apiClient(app, 'responsabile');
    const queue = await manager.get('/api/v1/people-duplicates').expect(200);
    const pair = queue.body.items.find(
      (p: { a: { id: string }; b: { id: string } }) => [p.a.id, p.b.id].sort().join() === [first, second].sort().join(),
    );
    expect(pair).toBeDefined();
    await pua.post('/api/v1/people-merges', { survivorId: first, mergedId: second }).expect(403);
    const merge = (await manager.post('/api/v1/people-merges', { survivorId: first, mergedId: second }).expect(201)).body;
    expect((await manager.get(`/api/v1/households/${household.id}`)).body.members.map((m: { personId: string }) => m.personId)).toEqual([
      first,
    ]);
    expect((await manager.get(`/api/v1/people/${second}`)).body.mergedInto).toBe(first);

    await manager.post(`/api/v1/people-merges/${merge.id}/undo`, {}).expect(403);
    const admin = await apiClient(app, 'admin');
    await admin.post(`/api/v1/people-merges/${merge.id}/undo`, {}).expect(200);
    expect((await manager.get(`/api/v1/households/${household.id}`)).body.members.map((m: { personId: string }) => m.personId)).toEqual([
      second,
    ]);
    expect((await manager.get(`/api/v1/people/${second}`)).body.mergedInto).toBeNull();
    await admin.post(`/api/v1/people-merges/${merge.id}/undo`, {}).expect(409);
  });

  it('lets a record be shared with another organization for a purpose, until a date', async () => {
    const id = (await pua.post('/api/v1/people', person('Conti', 'Paolo', 'M', '1960-06-06')).expect(201)).body.id;
    const asl = await apiClient(app, 'asl');
    await asl.get(`/api/v1/people/${id}`).expect(404);
    const manager = await apiClient(app, 'responsabile');
    await manager
      .post(`/api/v1/people/${id}/shares`, {
        organizationCode: 'demo-asl',
        purpose: 'Valutazione multidimensionale',
        expiresAt: '2099-12-31',
      })
      .expect(201);
    await asl.get(`/api/v1/people/${id}`).expect(200);
  });

  it('describes its API in an OpenAPI document generated from the same schemas', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const apiRoutes = app.platform.routes.routes.filter((r) => app.platform.routes.pattern(r).startsWith('/api/'));
    for (const route of apiRoutes) {
      const path = app.platform.routes.pattern(route).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      expect(doc.paths[path]?.[route.method]?.operationId).toBe(route.name);
    }
    const create = doc.paths['/api/v1/people'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/PersonCreate' });
    expect(doc.components.schemas.PersonCreate.required).toEqual(['surname', 'name']);
    expect(doc.components.schemas.PersonCreate.properties.residence).toEqual({ $ref: '#/components/schemas/Address' });
    expect(doc.paths['/api/v1/people'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['q', 'birthDate', 'page', 'pageSize']);
  });

  it('works through the pages: search, register with a duplicate warning, read, edit with a conflict, household, merge', async () => {
    const browser = await signIn(app, 'pua');
    const token = await formToken(browser, '/people/new');
    expect((await browser.get('/people?q=esposito').expect(200)).text).toContain('Esposito');
    const form = {
      _csrf: token,
      identityKind: 'unknown',
      surname: 'Esposito',
      name: 'Giuseppe',
      birthDate: '1950-07-02',
      'contacts[0][kind]': 'mobile',
      'contacts[0][value]': '',
    };
    const warned = await browser.post('/people').type('form').send(form).expect(409);
    expect(warned.text).toContain('data-testid="duplicates"');
    expect(warned.text).toContain('name="confirmNotDuplicate"');
    const bad = await browser
      .post('/people')
      .type('form')
      .send({ ...form, surname: '', 'residence[postcode]': '123' })
      .expect(422);
    expect(bad.text).toContain('id="error-surname"');
    expect(bad.text).toContain('id="error-residence.postcode"');
    const saved = await browser
      .post('/people')
      .type('form')
      .send({ ...form, confirmNotDuplicate: 'on', 'residence[street]': 'Via Roma', 'residence[postcode]': '05018' })
      .expect(302);
    const show = await browser.get(saved.headers.location!).expect(200);
    expect(show.text).toContain('data-testid="provisional"');
    expect(show.text).toContain('Via Roma');
    const id = saved.headers.location!.split('/').pop()!;
    expect((await browser.get(`/people/${id}/edit`).expect(200)).text).toContain('name="version" value="1"');
    const edit = { _csrf: token, identityKind: 'unknown', surname: 'Esposito', name: 'Giuseppe', birthDate: '1950-07-02', version: '1' };
    await browser
      .post(`/people/${id}`)
      .type('form')
      .send({ ...edit, legalStatusNotes: 'Prima' })
      .expect(302);
    const conflict = await browser
      .post(`/people/${id}`)
      .type('form')
      .send({ ...edit, legalStatusNotes: 'Seconda' })
      .expect(409);
    expect(conflict.text).toContain('data-testid="conflict"');
    expect(conflict.text).toContain('Prima');
    const household = await browser
      .post(`/people/${id}/households`)
      .type('form')
      .send({ _csrf: token, kind: 'convivente', relationCode: 'IS', validFrom: '2020-01-01' })
      .expect(302);
    expect((await browser.get(household.headers.location!).expect(200)).text).toContain('data-testid="members"');
    const manager = await signIn(app, 'responsabile');
    const queue = await manager.get('/people/duplicates').expect(200);
    expect(queue.text).toContain('data-testid="pair"');
    await (await signIn(app, 'admin')).get('/people/merges').expect(200);
    await browser.get('/people/duplicates').expect(403);
    expect((await app.newAgent().get('/people').expect(302)).headers.location).toBe('/login?next=%2Fpeople');
  });
});
