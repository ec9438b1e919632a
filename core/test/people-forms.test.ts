// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The person form's place fields (a name or a code, resolved by the server), the codice fiscale's
 * warnings (shown, never blocking), and revoking a share; through the pages and the API.
 */
import { createTestApp, formToken, signIn, type TestApp, apiClient as testingApiClient } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';

type Agent = Awaited<ReturnType<typeof signIn>>;

const apiClient = async (app: TestApp, username: string, agent?: Agent) => testingApiClient(agent ?? (await signIn(app, username)));

function person(surname: string, name: string, sex: 'M' | 'F', birthDate: string, birthPlaceCode = 'G148') {
  return { surname, name, sex, birthDate, codiceFiscale: computeCodiceFiscale({ surname, name, sex, birthDate, birthPlaceCode }) };
}

/** The text of an element by id, tags stripped and the entities Handlebars writes decoded. */
function textOf(html: string, id: string): string | null {
  const match = new RegExp(`id="${id.replace(/\./g, '\\.')}"[^>]*>([\\s\\S]*?)</div>`).exec(html);
  if (!match) return null;
  const entities: Record<string, string> = {
    '&amp;': '&',
    '&lt;': '<',
    '&gt;': '>',
    '&quot;': '"',
    '&#x27;': "'",
    '&#x3D;': '=',
    '&#x60;': '`',
  };
  return match[1]!
    .replace(/<[^>]+>/g, '')
    .replace(/&(amp|lt|gt|quot|#x27|#x3D|#x60);/g, (e) => entities[e]!)
    .trim();
}

/** The attributes of the input with this id. */
function inputOf(html: string, id: string): string {
  const match = new RegExp(`<input[^>]*id="${id.replace(/\./g, '\\.')}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no input #${id}`);
  return match[0];
}

const idOf = (location: string | undefined): string => /\/people\/([0-9a-f-]{36})/.exec(location ?? '')![1]!;

describe('the person form and API: places, warnings, shares', () => {
  let app: TestApp;
  let pua: Agent;
  let token: string;
  /** Posts the registration form as a browser would, with the fields every test repeats. */
  const register = (fields: Record<string, string>) =>
    pua
      .post('/people')
      .type('form')
      .send({ _csrf: token, identityKind: 'unknown', confirmNotDuplicate: 'on', ...fields });
  const personJson = async (id: string) => (await (await apiClient(app, 'pua', pua)).get(`/api/v1/people/${id}`).expect(200)).body;

  beforeAll(async () => {
    app = await createTestApp();
    pua = await signIn(app, 'pua');
    token = await formToken(pua, '/people/new');
  });
  afterAll(() => app.close());

  describe('place fields', () => {
    it('take a name or a code, store the cadastral code, and show the name', async () => {
      const saved = await register({
        surname: 'Luoghini',
        name: 'Ada',
        birthDate: '1961-02-03',
        birthPlaceCode: 'orvieto',
        'residence[comuneCode]': 'Castel Viscardo',
        'residence[street]': 'Via del Poggio 1',
        'domicile[comuneCode]': 'a207',
      }).expect(302);
      const id = idOf(saved.headers.location);
      const stored = await personJson(id);
      expect(stored).toMatchObject({ birthPlaceCode: 'G148', residence: { comuneCode: 'C289' }, domicile: { comuneCode: 'A207' } });

      const show = (await pua.get(`/people/${id}`).expect(200)).text;
      expect(show).toContain('<span data-testid="birth-place">Orvieto (TR)</span>');
      expect(show).toContain('<span data-testid="residence-comune">Castel Viscardo (TR)</span>');
      expect(show).toContain('Allerona (TR)');
      expect(show).not.toMatch(/G148|C289|A207/);

      // The edit form shows names, each with the code it stands for beside it.
      const edit = (await pua.get(`/people/${id}/edit`).expect(200)).text;
      expect(inputOf(edit, 'field-birthPlaceCode')).toContain('value="Orvieto (TR)"');
      expect(edit).toContain('name="placeChoice[birthPlaceCode]" value="G148"');
      expect(inputOf(edit, 'field-residence.comuneCode')).toContain('value="Castel Viscardo (TR)"');
      expect(edit).toContain('name="placeChoice[residence]" value="C289"');
      expect(edit).toContain('data-place-source="/api/v1/places"');
      expect(edit).toMatch(/<script src="\/assets\/core\/js\/place-picker\.js" defer><\/script>/);
    });

    it('refuses an ambiguous or unknown name beside the field, listing the places it could be', async () => {
      const form = { surname: 'Ambigui', name: 'Bruno', birthDate: '1970-01-01' };
      const samone = await register({ ...form, birthPlaceCode: 'Samone' }).expect(422);
      const message = textOf(samone.text, 'error-birthPlaceCode')!;
      expect(message).toContain('Più luoghi hanno questo nome');
      expect(message).toContain('Samone (TN) – H754');
      expect(message).toContain('Samone (TO) – H753');
      expect(samone.text).toContain('data-testid="error-summary"');
      // What was typed stays, with no code behind it.
      expect(inputOf(samone.text, 'field-birthPlaceCode')).toContain('value="Samone"');
      expect(inputOf(samone.text, 'field-birthPlaceCode')).toContain('aria-invalid="true"');
      expect(samone.text).toContain('name="placeChoice[birthPlaceCode]" value=""');

      // A comune and a foreign state of one name: a birth place may be either, a residence only the comune.
      const palau = await register({ ...form, birthPlaceCode: 'Palau' }).expect(422);
      expect(textOf(palau.text, 'error-birthPlaceCode')).toMatch(/Palau \(SS\) – G258.*Palau – Z734|Palau – Z734.*Palau \(SS\) – G258/);

      const partial = await register({ ...form, surname: '', birthPlaceCode: 'Orvi', 'residence[comuneCode]': 'Qwxzvbnm' }).expect(422);
      // The summary lists the messages in the order of the form's fields.
      expect([...partial.text.matchAll(/<li><a href="#field-([^"]+)">/g)].map((m) => m[1])).toEqual([
        'surname',
        'birthPlaceCode',
        'residence.comuneCode',
      ]);
      expect(textOf(partial.text, 'error-birthPlaceCode')).toMatch(
        /^Nessun luogo ha esattamente questo nome\. Forse: .*Orvieto \(TR\) – G148/,
      );
      expect(textOf(partial.text, 'error-residence.comuneCode')).toBe(
        'Nessun comune ha questo nome: scrivi il nome completo o il codice catastale.',
      );

      // With the province, each Samone is one place; the residence never finds the state.
      const picked = await register({ ...form, birthPlaceCode: 'Samone (TN)', 'residence[comuneCode]': 'Palau' }).expect(302);
      expect(await personJson(idOf(picked.headers.location))).toMatchObject({ birthPlaceCode: 'H754', residence: { comuneCode: 'G258' } });
    });

    it('shows the place a name resolved to when the form comes back with other errors', async () => {
      const res = await register({ surname: '', name: 'Carla', birthDate: '1980-01-01', birthPlaceCode: 'allerona' }).expect(422);
      expect(res.text).toContain('id="error-surname"');
      expect(inputOf(res.text, 'field-birthPlaceCode')).toContain('value="Allerona (TR)"');
      expect(res.text).toContain('name="placeChoice[birthPlaceCode]" value="A207"');
      expect(res.text).not.toContain('id="error-birthPlaceCode"');
    });

    it('keeps the place the picker chose while its name is unchanged, and the birth place the codice fiscale names', async () => {
      // Bellagio (CO) twice: A744 until the 2014 merger, M335 since. Born in 1950, either could be meant.
      const form = { surname: 'Lariani', name: 'Dario', birthDate: '1950-06-01' };
      const both = await register({ ...form, birthPlaceCode: 'Bellagio (CO)' }).expect(422);
      expect(textOf(both.text, 'error-birthPlaceCode')).toMatch(/Bellagio \(CO\) – A744 \(fino al 2014\).*Bellagio \(CO\) – M335/);

      const chosen = await register({ ...form, birthPlaceCode: 'Bellagio (CO)', 'placeChoice[birthPlaceCode]': 'A744' }).expect(302);
      expect((await personJson(idOf(chosen.headers.location))).birthPlaceCode).toBe('A744');

      // A choice stands for its name only: once the text is another place's, the text decides.
      const retyped = await register({
        ...form,
        name: 'Dora',
        birthPlaceCode: 'Allerona',
        'placeChoice[birthPlaceCode]': 'A744',
      }).expect(302);
      expect((await personJson(idOf(retyped.headers.location))).birthPlaceCode).toBe('A207');

      // With a codice fiscale, its birth place settles the homonyms.
      const data = person('Lariani', 'Edda', 'F', '1951-03-04', 'A744');
      const byCode = await pua
        .post('/people')
        .type('form')
        .send({ _csrf: token, ...data, birthPlaceCode: 'Bellagio (CO)' })
        .expect(302);
      expect((await personJson(idOf(byCode.headers.location))).birthPlaceCode).toBe('A744');

      // An address is a comune of today: only the current Bellagio.
      const living = await register({ ...form, name: 'Ezio', 'residence[comuneCode]': 'Bellagio' }).expect(302);
      expect((await personJson(idOf(living.headers.location))).residence.comuneCode).toBe('M335');
    });

    it('compares the codice fiscale with the place a name resolved to', async () => {
      const data = person('Confronti', 'Fabio', 'M', '1975-05-05', 'G148');
      const res = await pua
        .post('/people')
        .type('form')
        .send({ _csrf: token, ...data, birthPlaceCode: 'Allerona' })
        .expect(422);
      expect(textOf(res.text, 'error-birthPlaceCode')).toBe('Il codice fiscale indica un luogo di nascita diverso da quello inserito.');
    });

    it('keeps the API on codes, and says how to find them', async () => {
      const api = await apiClient(app, 'pua', pua);
      const named = await api
        .post('/api/v1/people', {
          identityKind: 'unknown',
          surname: 'Apici',
          name: 'Gino',
          birthDate: '1990-01-01',
          birthPlaceCode: 'Orvieto',
        })
        .expect(422);
      expect(named.body.errors).toEqual([{ field: 'birthPlaceCode', message: expect.stringMatching(/Codice catastale non valido/) }]);
      const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
      expect(doc.components.schemas.PersonCreate.properties.birthPlaceCode.description).toContain('GET /api/v1/places');
    });
  });

  describe('codice fiscale warnings', () => {
    it('are returned by the API without stopping the save, in the operator’s language', async () => {
      const api = await apiClient(app, 'pua', pua);
      const data = person('Rossi', 'Mario', 'M', '1966-06-16');
      // Bassi's consonants are not Rossi's (Rossini's would be: RSS), nor Dario's Mario's.
      const created = await api.post('/api/v1/people', { ...data, surname: 'Bassi', name: 'Dario' }).expect(201);
      expect(created.body.surname).toBe('Bassi');
      expect(created.body.warnings).toEqual([
        { field: 'surname', code: 'cf.surname', message: expect.stringContaining('cognome nel codice fiscale') },
        { field: 'name', code: 'cf.name', message: expect.stringContaining('nome nel codice fiscale') },
      ]);
      const id = created.body.id as string;
      const edited = await api
        .put(`/api/v1/people/${id}`, { ...data, surname: 'Bassi', name: 'Mario', version: 1 })
        .set('Accept-Language', 'en')
        .expect(200);
      expect(edited.body).toMatchObject({ name: 'Mario', version: 2 });
      expect(edited.body.warnings).toEqual([
        { field: 'surname', code: 'cf.surname', message: expect.stringMatching(/^The surname letters in the codice fiscale/) },
      ]);
      // A matching name and a known place: nothing to warn of.
      const clean = await api.post('/api/v1/people', person('Bianchi', 'Nadia', 'F', '1972-02-02')).expect(201);
      expect(clean.body.warnings).toEqual([]);
      // A code the table of places does not know is kept, with a warning.
      const unknown = await api
        .post('/api/v1/people', { ...person('Neri', 'Olga', 'F', '1973-03-03'), residence: { comuneCode: 'A000', street: 'Via Nuova 1' } })
        .expect(201);
      expect(unknown.body.residence.comuneCode).toBe('A000');
      expect(unknown.body.warnings).toEqual([
        { field: 'residence.comuneCode', code: 'place.unknown', message: expect.stringContaining("non è nell'elenco") },
      ]);
      const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
      expect(doc.paths['/api/v1/people'].post.responses['201'].content['application/json'].schema).toEqual({
        $ref: '#/components/schemas/PersonSaved',
      });
      expect(doc.components.schemas.PersonSaved.properties.warnings.items).toEqual({ $ref: '#/components/schemas/InputWarning' });
    });

    it('are shown beside their field on the form, and on the person page, and saving goes ahead', async () => {
      const data = person('Verdi', 'Paola', 'F', '1958-08-18');
      const form = { _csrf: token, ...data, surname: 'Berdi', 'residence[comuneCode]': 'Z999' };
      // The form comes back for another field: the warnings are there too, beside their field.
      const bad = await pua
        .post('/people')
        .type('form')
        .send({ ...form, 'residence[postcode]': '12' })
        .expect(422);
      expect(bad.text).toMatch(/<div class="alert alert-warning[^"]*" id="warning-surname"[^>]*>Le lettere del cognome/);
      expect(inputOf(bad.text, 'field-surname')).toMatch(/aria-describedby="warning-surname ?"/);
      expect(bad.text).toContain('id="warning-residence.comuneCode"');
      expect(bad.text).not.toContain('id="error-surname"');
      expect(bad.text).not.toContain('id="warning-name"');

      const saved = await pua.post('/people').type('form').send(form).expect(302);
      const id = idOf(saved.headers.location);
      expect(await personJson(id)).toMatchObject({ surname: 'Berdi', residence: { comuneCode: 'Z999' } });
      const show = (await pua.get(saved.headers.location!).expect(200)).text;
      expect(show).toContain('data-testid="warnings"');
      expect(show).toContain('data-warning="cf.surname"');
      expect(show).toContain('data-warning="place.unknown"');
      const edit = (await pua.get(`/people/${id}/edit`).expect(200)).text;
      expect(textOf(edit, 'warning-surname')).toMatch(/^Le lettere del cognome nel codice fiscale non corrispondono/);
      expect(inputOf(edit, 'field-residence.comuneCode')).toContain('value="Z999"');
      expect(textOf(edit, 'warning-residence.comuneCode')).toMatch(/^Questo codice catastale non è nell'elenco/);

      // Corrected, the warning goes.
      await pua
        .post(`/people/${id}`)
        .type('form')
        .send({ ...form, surname: 'Verdi', 'residence[comuneCode]': 'Orvieto', version: '1' })
        .expect(302);
      expect((await pua.get(`/people/${id}`).expect(200)).text).not.toContain('data-testid="warnings"');
    });
  });

  describe('revoking a share', () => {
    it('ends the partner’s access at once, keeps the share as history, and is audited (API)', async () => {
      const api = await apiClient(app, 'pua', pua);
      const id = (await api.post('/api/v1/people', person('Condivisi', 'Quinto', 'M', '1960-06-06')).expect(201)).body.id as string;
      const manager = await apiClient(app, 'responsabile');
      const share = (
        await manager
          .post(`/api/v1/people/${id}/shares`, {
            organizationCode: 'demo-asl',
            purpose: 'Valutazione multidimensionale',
            expiresAt: '2099-12-31',
          })
          .expect(201)
      ).body.id as string;
      const asl = await apiClient(app, 'asl');
      await asl.get(`/api/v1/people/${id}`).expect(200);
      // The health operator may not share, so may not revoke either.
      await asl.post(`/api/v1/people/${id}/shares/${share}/revoke`).expect(403);

      const listed = await manager.get(`/api/v1/people/${id}/shares`).expect(200);
      expect(listed.body.items).toEqual([
        expect.objectContaining({ id: share, organizationCode: 'demo-asl', active: true, revokedAt: null, revokedBy: null }),
      ]);
      const revoked = await manager.post(`/api/v1/people/${id}/shares/${share}/revoke`).expect(200);
      expect(revoked.body).toMatchObject({ id: share, active: false, revokedBy: 'Rita Responsabile', expiresAt: '2099-12-31' });
      expect(Date.parse(revoked.body.revokedAt)).not.toBeNaN();
      await asl.get(`/api/v1/people/${id}`).expect(404);
      expect((await asl.get('/api/v1/people?q=condivisi quinto').expect(200)).body.total).toBe(0);

      const again = await manager.post(`/api/v1/people/${id}/shares/${share}/revoke`).expect(409);
      expect(again.body.detail).toBe('La condivisione è già stata revocata.');
      expect((await manager.get(`/api/v1/people/${id}/shares`).expect(200)).body.items).toEqual([
        expect.objectContaining({ id: share, active: false, revokedBy: 'Rita Responsabile' }),
      ]);
      await manager.post(`/api/v1/people/${id}/shares/not-a-share/revoke`).expect(404);
      await manager.post(`/api/v1/people/${id}/shares/00000000-0000-4000-8000-000000000000/revoke`).expect(404);

      const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
      expect(doc.paths['/api/v1/people/{id}/shares/{shareId}/revoke'].post).toMatchObject({
        description: 'Permission: `core.people.share`',
        responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/PersonShare' } } } } },
      });

      const privacy = await signIn(app, 'privacy');
      const log = (await privacy.get(`/audit?entity=person&entityId=${id}`).expect(200)).text;
      expect(log).toContain('data-action="person.share-revoke"');
    });

    it('is for the granting side only: the receiving side sees the share but may not end it', async () => {
      // Registered in Allerona, shared with the Comune di Orvieto, where the social worker may share records.
      const allerona = await apiClient(app, 'allerona');
      const id = (await allerona.post('/api/v1/people', person('Ricevuti', 'Rita', 'F', '1959-09-09')).expect(201)).body.id as string;
      const manager = await apiClient(app, 'responsabile');
      const share = (
        await manager
          .post(`/api/v1/people/${id}/shares`, {
            organizationCode: 'demo-comune',
            purpose: 'Presa in carico congiunta',
            expiresAt: '2099-12-31',
          })
          .expect(201)
      ).body.id as string;
      const worker = await signIn(app, 'assistente');
      const chooser = (await worker.get('/session/organization').expect(200)).text;
      const membership = /value="([0-9a-f-]{36})"[^>]*>\s*<label[^>]*><strong>Comune di Orvieto<\/strong>/.exec(chooser)![1]!;
      await worker
        .post('/session/organization')
        .type('form')
        .send({ _csrf: await formToken(worker, '/session/organization'), membershipId: membership, next: '/' })
        .expect(302);
      const receiving = await apiClient(app, 'assistente', worker);
      await receiving.get(`/api/v1/people/${id}`).expect(200);
      const refused = await receiving.post(`/api/v1/people/${id}/shares/${share}/revoke`).expect(403);
      expect(refused.body.detail).toBe("Solo l'ente che ha condiviso la scheda può revocare la condivisione.");
      const page = (await worker.get(`/people/${id}`).expect(200)).text;
      expect(page).toContain(`data-share-id="${share}"`);
      expect(page).not.toContain('data-testid="revoke-form"');
      await receiving.get(`/api/v1/people/${id}`).expect(200);
    });

    it('works from the person page, with a confirmation, and lists the share as revoked', async () => {
      const api = await apiClient(app, 'pua', pua);
      const id = (await api.post('/api/v1/people', person('Pagine', 'Sara', 'F', '1955-05-05')).expect(201)).body.id as string;
      const manager = await signIn(app, 'responsabile');
      const managerApi = await apiClient(app, 'responsabile', manager);
      const share = (
        await managerApi
          .post(`/api/v1/people/${id}/shares`, { organizationCode: 'demo-asl', purpose: 'Dimissioni protette', expiresAt: '2099-12-31' })
          .expect(201)
      ).body.id as string;
      const asl = await signIn(app, 'asl');
      await asl.get(`/people/${id}`).expect(200);

      const before = (await manager.get(`/people/${id}`).expect(200)).text;
      const action = `/people/${id}/shares/${share}/revoke`;
      expect(before).toContain(`action="${action}"`);
      expect(before).toContain('Revocando, ASL Demo – Distretto sanitario smette subito di vedere la scheda.');
      // The person's own desk may not share, so it is offered no revocation.
      expect((await pua.get(`/people/${id}`).expect(200)).text).not.toContain('data-testid="revoke-form"');
      await pua.post(action).type('form').send({ _csrf: token }).expect(403);

      const csrf = await formToken(manager, `/people/${id}`);
      const done = await manager.post(action).type('form').send({ _csrf: csrf }).expect(302);
      expect(done.headers.location).toBe(`/people/${id}?shareRevoked=1`);
      const after = (await manager.get(done.headers.location!).expect(200)).text;
      expect(after).toContain('data-testid="share-revoked"');
      expect(after).toMatch(/data-testid="share-state">revocata</);
      expect(after).toMatch(/Revocata il .* da Rita Responsabile/);
      expect(after).not.toContain(`action="${action}"`);
      await asl.get(`/people/${id}`).expect(404);
      await manager.post(action).type('form').send({ _csrf: csrf }).expect(409);
    });
  });
});
