// SPDX-License-Identifier: AGPL-3.0-or-later
import { createTestApp, formToken, signIn, type TestApp, asOwner } from '../src/testing';
import { computeCodiceFiscale } from '../src/modules/people/identity-codes';
import { enterScope } from '../src/db/scope';

/** A signed-in browser that also calls the API as a page script would: session cookie plus the CSRF header. */
async function client(app: TestApp, username: string) {
  const agent = await signIn(app, username);
  const token = await formToken(agent, '/people/import');
  return {
    agent,
    token,
    get: (path: string) => agent.get(path).set('Accept', 'application/json'),
    post: (path: string, body: object) => agent.post(path).set('X-CSRF-Token', token).set('Accept', 'application/json').send(body),
    /** A multipart upload to the API, the token in the header. */
    upload: (path: string, content: Buffer | string, filename = 'persone.csv', contentType = 'text/csv') =>
      agent
        .post(path)
        .set('X-CSRF-Token', token)
        .set('Accept', 'application/json')
        .attach('file', Buffer.from(content), { filename, contentType }),
    /** The upload form as a browser sends it: its token first, then the file. */
    uploadPage: (content: Buffer | string, filename = 'anagrafe.csv', contentType = 'text/csv') =>
      agent.post('/people/import').field('_csrf', token).attach('file', Buffer.from(content), { filename, contentType }),
  };
}

const cf = (surname: string, name: string, sex: 'M' | 'F', birthDate: string, place = 'G148') =>
  computeCodiceFiscale({ surname, name, sex, birthDate, birthPlaceCode: place });

/** DD/MM/YYYY, as an Italian spreadsheet writes dates. */
const italian = (iso: string) => iso.split('-').reverse().join('/');

const BOM = '\uFEFF';

interface ApiRow {
  row: number;
  status: string;
  errors: { field: string; column: string | null; message: string }[];
  candidates: { personId: string | null; reason: string; owner: { code: string }; person: { surname: string } | null }[];
  fileMatches: number[];
  outcome: string | null;
  personId: string | null;
}

describe('importing people from a file', () => {
  let app: TestApp;
  let pua: Awaited<ReturnType<typeof client>>;
  /** Demo people of the PUA: one with a codice fiscale, one to match by name and birth date. */
  let known: { id: string; cf: string; surname: string; name: string };
  let twin: { id: string; surname: string; name: string; birthDate: string };

  const personCount = (surnames: string[]) =>
    asOwner(app, async (em) => {
      const [row] = await em.execute<{ n: string }[]>(
        `select count(*) as n from core.person where surname in (${surnames.map(() => '?').join(', ')})`,
        surnames,
      );
      return Number(row!.n);
    });
  const auditOf = (batchId: string) =>
    asOwner(app, (em) =>
      em.execute<{ action: string; entity: string; entity_id: string; details: Record<string, unknown> }[]>(
        `select action, entity, entity_id, details from core.audit_log
         where (entity = 'person-import' and entity_id = ?) or details->>'import' = ? order by id`,
        [batchId, batchId],
      ),
    );

  beforeAll(async () => {
    app = await createTestApp();
    pua = await client(app, 'pua');
    [known, twin] = await asOwner(app, async (em) => {
      const mine = `owner_org_id = (select id from core.organization where code = 'demo-pua') and merged_into is null`;
      const [a] = await em.execute<{ id: string; cf: string; surname: string; name: string }[]>(
        `select id::text, codice_fiscale as cf, surname, name from core.person where ${mine} and codice_fiscale is not null order by id limit 1`,
      );
      const [b] = await em.execute<{ id: string; surname: string; name: string; birthDate: string }[]>(
        `select id::text, surname, name, to_char(birth_date, 'YYYY-MM-DD') as "birthDate" from core.person
         where ${mine} and birth_date is not null and id <> ? order by id limit 1`,
        [a!.id],
      );
      return [a!, b!] as const;
    });
  });
  afterAll(() => app.close());

  it('checks an uploaded spreadsheet row by row, shows it before saving, and registers exactly the rows accepted', async () => {
    const anna = { surname: 'Importati', name: 'Anna', sex: 'F' as const, birthDate: '1984-02-29' };
    const bruno = { surname: 'Importati', name: 'Bruno', sex: 'M' as const, birthDate: '1990-10-05' };
    const annaCf = cf(anna.surname, anna.name, anna.sex, anna.birthDate);
    const brunoCf = cf(bruno.surname, bruno.name, bruno.sex, bruno.birthDate);
    const lines = [
      'Codice Fiscale;cognome;nome;sesso;data_nascita;comune_nascita;cellulare;tipo_identita',
      `${annaCf};${anna.surname};${anna.name};F;${italian(anna.birthDate)};G148;+39 333 1234567;`, // 2: ready
      `${brunoCf};${bruno.surname};${bruno.name};M;${bruno.birthDate};G148;;`, // 3: ready
      `${known.cf};${known.surname};${known.name};;;;;`, // 4: already registered (same codice fiscale)
      `;${twin.surname};${twin.name};;${italian(twin.birthDate)};;;unknown`, // 5: a demo person by name and birth date
      `;Rossi;Mario;X;31/02/1980;H501;333;`, // 6: errors in two columns
      `${annaCf};Importati;Annalisa;F;${italian(anna.birthDate)};G148;;`, // 7: the same code as row 2
      `;"Importati";"Bruno";M;05/10/1990;;;unknown`, // 8: the same name and birth date as row 3
      ';;;;;;;', // 9: a blank spreadsheet row
      'RSSMRA80A01H501X;Rossi;Mario;M;01/01/1980;H501;;', // 10: a mistyped codice fiscale
    ];
    const uploaded = await pua.uploadPage(`${BOM}${lines.join('\r\n')}\r\n`).expect(302);
    const location = uploaded.headers.location!;
    expect(location).toMatch(/^\/people\/import\/[0-9a-f-]{36}$/);
    const id = location.split('/').pop()!;
    // Nothing is registered before the commit.
    expect(await personCount(['Importati'])).toBe(0);

    const page = await pua.agent.get(location).expect(200);
    const status = (row: number) => new RegExp(`data-row="${row}" data-status="([a-z]+)"`).exec(page.text)?.[1];
    expect([2, 3, 4, 5, 6, 7, 8, 10].map(status)).toEqual([
      'ready',
      'ready',
      'registered',
      'review',
      'invalid',
      'invalid',
      'review',
      'invalid',
    ]);
    expect(page.text).not.toContain('data-row="9"');
    expect(page.text).toContain(`href="/people/${twin.id}"`);
    expect(page.text).toContain(`href="/people/${known.id}"`);
    expect(page.text).toContain('name="decision-5"');
    expect(page.text).toContain('name="decision-8"');
    expect(page.text).not.toContain('name="decision-4"');
    expect(page.text).toContain('data-testid="file-matches"');
    expect(page.text).toContain('<strong>sesso</strong>');

    const batch = await pua.get(`/api/v1/people-imports/${id}`).expect(200);
    expect(batch.body).toMatchObject({ status: 'pending', expired: false, source: 'csv', fileName: 'anagrafe.csv' });
    expect(batch.body.counts).toEqual({ rows: 8, ready: 2, review: 2, invalid: 3, registered: 1, created: null, skipped: null });
    const rows = new Map((batch.body.rows as ApiRow[]).map((r) => [r.row, r]));
    const fields = (n: number) => Object.fromEntries(rows.get(n)!.errors.map((e) => [e.column, e.message]));
    expect(fields(6)).toEqual({ sesso: "Scegli uno dei valori dell'elenco.", data_nascita: 'Data non valida: usa il formato AAAA-MM-GG.' });
    expect(fields(10)).toEqual({ codice_fiscale: expect.stringMatching(/carattere di controllo/) });
    expect(fields(7)).toEqual({ codice_fiscale: 'Lo stesso codice compare già alla riga 2 del file.' });
    expect(rows.get(4)!.candidates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ personId: known.id, reason: 'codice-fiscale', owner: expect.objectContaining({ code: 'demo-pua' }) }),
      ]),
    );
    expect(rows.get(5)!.candidates).toEqual(
      expect.arrayContaining([expect.objectContaining({ personId: twin.id, reason: 'name-and-birth-date' })]),
    );
    expect(rows.get(8)!.fileMatches).toEqual([3]);

    // A row that asks for no decision, or cannot be registered, is not acceptable.
    const refused = await pua.post(`/api/v1/people-imports/${id}/commit`, { accept: [5, 6] }).expect(422);
    expect(refused.body.errors).toEqual([{ field: 'accept', message: expect.stringContaining('6') }]);

    const committed = await pua.post(`/api/v1/people-imports/${id}/commit`, { accept: [5] }).expect(200);
    expect(committed.body.created.map((c: { row: number }) => c.row)).toEqual([2, 3, 5]);
    expect(committed.body).toMatchObject({ skipped: 5, changed: [] });
    // Exactly the rows accepted: Anna and Bruno, and the demo person's namesake; not row 8's second Bruno.
    expect(await personCount(['Importati'])).toBe(2);
    const created = await pua.get(`/api/v1/people/${committed.body.created[0].personId}`).expect(200);
    expect(created.body).toMatchObject({
      codiceFiscale: annaCf,
      birthDate: '1984-02-29',
      contacts: [{ kind: 'mobile', value: '+39 333 1234567' }],
    });
    const namesake = await pua.get(`/api/v1/people/${committed.body.created[2].personId}`).expect(200);
    expect(namesake.body).toMatchObject({ surname: twin.surname, provisionalKind: 'unknown', birthDate: twin.birthDate });

    const report = await pua.agent.get(location).expect(200);
    expect(report.text).toContain('data-state="committed"');
    expect(report.text).toMatch(/data-row="8" data-status="review" data-outcome="skipped"/);
    expect(report.text).toMatch(/data-row="2" data-status="ready" data-outcome="created"/);
    await pua.post(`/api/v1/people-imports/${id}/commit`, { accept: [] }).expect(409);

    const audit = await auditOf(id);
    expect(audit.map((e) => e.action)).toEqual([
      'person-import.upload',
      'person-import.read',
      'person-import.read',
      'person.create',
      'person.create',
      'person.create',
      'person-import.commit',
      'person-import.read',
    ]);
    expect(audit[0]!.details).toEqual({ rows: 8, source: 'csv' });
    expect(audit.find((e) => e.action === 'person-import.commit')!.details).toEqual({ created: 3, skipped: 5, changed: 0 });
    expect(audit.filter((e) => e.action === 'person.create').map((e) => e.entity_id)).toEqual(
      committed.body.created.map((c: { personId: string }) => c.personId),
    );
  });

  it('commits all or nothing: a row the database refuses leaves no person, no audit entry, and the batch pending', async () => {
    const people = ['Atomica', 'Fallimento'].map((surname, i) => ({
      surname,
      name: 'Prova',
      sex: 'F',
      birthDate: `1970-01-1${i}`,
      codiceFiscale: cf(surname, 'Prova', 'F', `1970-01-1${i}`),
    }));
    const staged = await pua.post('/api/v1/people-imports', { rows: people }).expect(201);
    expect(staged.body.counts).toMatchObject({ rows: 2, ready: 2 });
    const id = staged.body.id as string;
    // The second row breaks a rule of the database that the checks do not know about.
    await asOwner(app, async (em) => {
      await em.execute(`create function core.test_refuse() returns trigger language plpgsql as $$
        begin raise exception 'refused' using errcode = '23514'; end $$`);
      await em.execute(`create trigger test_refuse before insert on core.person for each row
        when (new.surname = 'Fallimento') execute function core.test_refuse()`);
    });
    try {
      const failed = await pua.post(`/api/v1/people-imports/${id}/commit`, {}).expect(409);
      expect(failed.body.detail).toMatch(/nessuna persona/);
    } finally {
      await asOwner(app, (em) => em.execute('drop trigger test_refuse on core.person; drop function core.test_refuse()'));
    }
    expect(await personCount(['Atomica', 'Fallimento'])).toBe(0);
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['person-import.upload', 'person-import.read']);
    expect((await pua.get(`/api/v1/people-imports/${id}`)).body).toMatchObject({ status: 'pending' });
    // Once the cause is gone, the same batch commits.
    const retried = await pua.post(`/api/v1/people-imports/${id}/commit`, {}).expect(200);
    expect(retried.body.created).toHaveLength(2);
    expect(await personCount(['Atomica', 'Fallimento'])).toBe(2);
  });

  it('looks for candidates again at the commit, and leaves out a row whose person was registered meanwhile', async () => {
    const rows = [
      {
        surname: 'Nuovissima',
        name: 'Clara',
        sex: 'F',
        birthDate: '1961-06-01',
        codiceFiscale: cf('Nuovissima', 'Clara', 'F', '1961-06-01'),
      },
      {
        surname: 'Nuovissimo',
        name: 'Dario',
        sex: 'M',
        birthDate: '1962-06-01',
        codiceFiscale: cf('Nuovissimo', 'Dario', 'M', '1962-06-01'),
      },
    ];
    const staged = await pua.post('/api/v1/people-imports', { rows }).expect(201);
    // Another comune registers Clara after the upload.
    const allerona = await client(app, 'allerona');
    await allerona.post('/api/v1/people', rows[0]!).expect(201);
    const committed = await pua.post(`/api/v1/people-imports/${staged.body.id}/commit`, {}).expect(200);
    expect(committed.body).toMatchObject({ changed: [1], skipped: 1 });
    expect(committed.body.created.map((c: { row: number }) => c.row)).toEqual([2]);
    const after = await pua.get(`/api/v1/people-imports/${staged.body.id}`).expect(200);
    expect(after.body.rows[0]).toMatchObject({ row: 1, outcome: 'new-candidates', personId: null });
    const page = await pua.agent.get(`/people/import/${staged.body.id}`).expect(200);
    expect(page.text).toContain('data-testid="changed"');
  });

  it('takes JSON rows through the API, with errors by field and candidates another organization may not see', async () => {
    const allerona = await client(app, 'allerona');
    const res = await allerona
      .post('/api/v1/people-imports', {
        rows: [
          { surname: '', name: 'Senza', identityKind: 'unknown' },
          { codiceFiscale: known.cf, surname: 'Altro', name: 'Nome' },
        ],
      })
      .expect(201);
    expect(res.body.rows[0]).toMatchObject({
      status: 'invalid',
      errors: [{ field: 'surname', column: null, message: 'Campo obbligatorio.' }],
    });
    // Registered by the PUA, whom Allerona's segretariato does not see: named only by the organization.
    expect(res.body.rows[1]).toMatchObject({
      status: 'registered',
      candidates: [{ personId: null, person: null, owner: { code: 'demo-pua' } }],
    });
    expect(JSON.stringify(res.body)).not.toContain(known.id);
    const empty = await allerona.post('/api/v1/people-imports', { rows: [] }).expect(422);
    expect(empty.body.errors[0].field).toBe('rows');
  });

  it("keeps a batch to its organization: another comune's operator, and the comune above the PUA, get 404", async () => {
    const staged = await pua
      .post('/api/v1/people-imports', { rows: [{ identityKind: 'unknown', surname: 'Riservata', name: 'Riga' }] })
      .expect(201);
    const id = staged.body.id as string;
    for (const username of ['allerona', 'amministrativo']) {
      const other = await client(app, username);
      await other.get(`/api/v1/people-imports/${id}`).expect(404);
      await other.agent.get(`/people/import/${id}`).expect(404);
      await other.post(`/api/v1/people-imports/${id}/commit`, {}).expect(404);
      await other.post(`/api/v1/people-imports/${id}/discard`, {}).expect(404);
      await other.agent.post(`/people/import/${id}/commit`).type('form').send({ _csrf: other.token }).expect(404);
      const list = await other.get('/api/v1/people-imports').expect(200);
      expect(JSON.stringify(list.body)).not.toContain(id);
    }
    // Row-level security holds under a query that forgets the organization: Allerona's scope sees no staged row of the PUA.
    const stagedRows = (code: string) =>
      app.platform.orm.em.fork().transactional(async (tx) => {
        const [org] = await tx.execute<{ id: string }[]>('select id::text as id from core.organization where code = ?', [code]);
        await enterScope(tx, { orgId: org!.id, orgs: [...(await app.platform.organizations.subtree(tx, org!.id))] });
        const [row] = await tx.execute<{ n: string }[]>('select count(*) as n from core.person_import_row where import_id = ?', [id]);
        return Number(row!.n);
      });
    expect(await stagedRows('demo-comune-2')).toBe(0);
    expect(await stagedRows('demo-pua')).toBe(1);
    expect((await pua.get(`/api/v1/people-imports/${id}`)).body.status).toBe('pending');
    await (await signIn(app, 'educatore')).get('/api/v1/people-imports').set('Accept', 'application/json').expect(403);
  });

  it('refuses a file too large, of the wrong type, not UTF-8 or with unknown columns: 422 on the page and the API', async () => {
    const batches = () =>
      asOwner(app, async (em) => Number((await em.execute<{ n: string }[]>('select count(*) as n from core.person_import'))[0]!.n));
    const before = await batches();
    const big = `cognome;nome\n${'Rossi;Mario\n'.repeat(200_000)}`;
    const tooLarge = await pua.uploadPage(big).expect(422);
    expect(tooLarge.text).toContain('id="error-file"');
    expect(tooLarge.text).toMatch(/supera la dimensione massima di 2 MB/);
    const apiLarge = await pua.upload('/api/v1/people-imports', big).expect(422);
    expect(apiLarge.headers['content-type']).toContain('application/problem+json');
    expect(apiLarge.body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/2 MB/) }]);

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const wrongType = await pua.uploadPage(png, 'foto.png', 'image/png').expect(422);
    expect(wrongType.text).toMatch(/Tipo di file non accettato/);
    const apiType = await pua.upload('/api/v1/people-imports', png, 'foto.png', 'image/png').expect(422);
    expect(apiType.body.errors[0]).toMatchObject({ field: 'file', message: expect.stringMatching(/text\/csv/) });

    const latin1 = Buffer.from('cognome;nome\nNicolò;Bianchi\n', 'latin1');
    expect((await pua.uploadPage(latin1).expect(422)).text).toMatch(/non è in codifica UTF-8/);
    const unknown = await pua.uploadPage('cognome;nome;codice_fiscle;reddito\nRossi;Mario;;\n').expect(422);
    expect(unknown.text).toContain('Colonne sconosciute: codice_fiscle, reddito');
    const missing = await pua.upload('/api/v1/people-imports', 'cognome,data_nascita\nRossi,01/01/1980\n').expect(422);
    expect(missing.body.errors).toEqual([{ field: 'file', message: 'Manca la colonna obbligatoria nome.' }]);
    const noFile = await pua.agent.post('/people/import').field('_csrf', pua.token).expect(422);
    expect(noFile.text).toContain('Scegli il file da caricare.');
    // A multipart form without its token is refused like any other.
    await pua.agent.post('/people/import').attach('file', Buffer.from('cognome;nome\n'), 'a.csv').expect(403);
    expect(await batches()).toBe(before);
  });

  it('serves the template, states the limits, lists the batches, and discards a batch with its rows', async () => {
    const template = await pua.agent.get('/people/import/template.csv').expect(200);
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.headers['content-disposition']).toContain('attachment');
    expect(template.text.charCodeAt(0)).toBe(0xfeff);
    expect(template.text).toContain('tipo_identita;codice_fiscale;codice_provvisorio;cognome;nome;sesso;data_nascita;comune_nascita;');
    const index = await pua.agent.get('/people/import').expect(200);
    expect(index.text).toMatch(/Al massimo 5\.?000 persone e 2 MB per file/);
    expect(index.text).toContain('data-testid="batches"');
    expect((await pua.agent.get('/people').expect(200)).text).toContain('href="/people/import"');

    const uploaded = await pua.uploadPage(`${BOM}cognome,nome,tipo_identita\nDa,Scartare,unknown\n`, 'scarto.csv').expect(302);
    const id = uploaded.headers.location!.split('/').pop()!;
    await pua.agent.post(`/people/import/${id}/discard`).type('form').send({ _csrf: pua.token }).expect(302);
    const rows = await asOwner(app, (em) => em.execute('select 1 from core.person_import_row where import_id = ?', [id]));
    expect(rows).toHaveLength(0);
    await pua.post(`/api/v1/people-imports/${id}/commit`, {}).expect(409);
    expect((await pua.agent.get(`/people/import/${id}`).expect(200)).text).toContain('data-state="discarded"');

    // Past its expiry a pending batch cannot be committed.
    const late = await pua
      .post('/api/v1/people-imports', { rows: [{ identityKind: 'unknown', surname: 'Tardi', name: 'Troppo' }] })
      .expect(201);
    await asOwner(app, (em) =>
      em.execute(`update core.person_import set expires_at = now() - interval '1 day' where id = ?`, [late.body.id]),
    );
    const expired = await pua.post(`/api/v1/people-imports/${late.body.id}/commit`, {}).expect(409);
    expect(expired.body.status).toBe('expired');
    expect(await personCount(['Tardi'])).toBe(0);
  });

  it('commits from the page with the decisions made there', async () => {
    const csv = `cognome;nome;data_nascita;tipo_identita\n${twin.surname};${twin.name};${italian(twin.birthDate)};unknown\nPagina;Nuova;01/01/2001;unknown\n`;
    const uploaded = await pua.uploadPage(csv).expect(302);
    const location = uploaded.headers.location!;
    const committed = await pua.agent
      .post(`${location}/commit`)
      .type('form')
      .send({ _csrf: pua.token, 'decision-2': 'create' })
      .expect(302);
    expect(committed.headers.location).toBe(`${location}?committed=1`);
    const report = await pua.agent.get(committed.headers.location!).expect(200);
    expect(report.text).toContain('data-testid="committed"');
    expect(report.text).toMatch(/data-row="2" data-status="review" data-outcome="created"/);
    expect(report.text).toMatch(/data-row="3" data-status="ready" data-outcome="created"/);
  });

  it('describes the upload in the OpenAPI document: a multipart file or JSON rows', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    const content = doc.paths['/api/v1/people-imports'].post.requestBody.content;
    expect(Object.keys(content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.components.schemas.PersonImportCommit.properties.accept.type).toBe('array');
  });
});
