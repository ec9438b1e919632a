// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The cartella sociale through its pages and its API: taking a person in charge (from a front-desk
 * contact too), the states it moves through, its team, and the diary whose team-only notes reach the
 * team alone (page, API and row-level security under a raw query); the fences around another
 * organization, the audit trail, and a merge of two registrations taking contacts and cartelle along.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { enterScope } from '../src/db/scope';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';

const today = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());

describe('the cartella sociale', () => {
  let app: TestApp;
  /** The demo social worker, acting at the comune; and at its PUA. */
  let assistente: Client;
  let assistentePua: Client;
  let educatore: Client;
  let pua: Client;
  let org: (code: string) => string;
  let operator: (username: string) => string;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    assistentePua = await client(app, 'assistente', 'Punto Unico');
    educatore = await client(app, 'educatore');
    pua = await client(app, 'pua');
    ({ org, operator } = await ids(app));
  });
  afterAll(() => app.close());

  const register = async (data: object) => (await pua.post('/api/v1/people', data).expect(201)).body.id as string;

  it('takes a person in charge from a front-desk contact: a numbered cartella of the comune, the contact linked', async () => {
    const id = await register(person('Carichi', 'Giulia', 'F', '1950-01-20'));
    const recorded = await pua
      .form('/access', {
        personId: id,
        channel: 'di-persona',
        interlocutor: 'interessato',
        needs: 'cura-assistenza',
        outcome: 'take-in-charge',
      })
      .expect(302);
    // The PUA's operator may not take in charge: the contact waits for a social worker.
    const contactId = /\/access\/([0-9a-f-]{36})/.exec(recorded.headers.location as string)![1]!;
    const waiting = await assistentePua.agent.get(`/access/${contactId}`).expect(200);
    expect(waiting.text).toContain('data-testid="awaiting-cartella"');
    expect(waiting.text).toContain(`/cartelle/new?person&#x3D;${id}&amp;contact&#x3D;${contactId}`);

    const form = await assistentePua.agent.get(`/cartelle/new?person=${id}&contact=${contactId}`).expect(200);
    expect(form.text).toContain(`name="contactId" value="${contactId}"`);
    expect(form.text).toMatch(new RegExp(`<option value="${operator('assistente')}" selected>`));
    const missing = await assistentePua.form('/cartelle', { personId: id, contactId, area: '', openedOn: today() }).expect(422);
    expect(missing.text).toContain('id="error-area"');
    const opened = await assistentePua
      .form('/cartelle', { personId: id, contactId, area: 'anziani', openedOn: today(), responsibleOperatorId: operator('assistente') })
      .expect(302);
    const cartellaId = /\/cartelle\/([0-9a-f-]{36})/.exec(opened.headers.location as string)![1]!;

    const json = (await assistentePua.get(`/api/v1/cartelle/${cartellaId}`).expect(200)).body;
    expect(json).toMatchObject({
      number: expect.stringMatching(new RegExp(`^${today().slice(0, 4)}/\\d{4}$`)),
      // Taken in charge at the PUA, owned by the comune above it: the data controller.
      owner: { code: 'demo-comune' },
      person: { id },
      area: 'anziani',
      state: 'open',
      openedOn: today(),
      responsible: { id: operator('assistente') },
      version: 1,
      history: [{ from: null, to: 'open', on: today() }],
    });
    expect((await pua.get(`/api/v1/access-contacts/${contactId}`).expect(200)).body.cartellaId).toBe(cartellaId);
    // The contact led to one cartella only; the person has one open at the comune.
    const twice = await assistente.post('/api/v1/cartelle', { personId: id, area: 'anziani', contactId }).expect(422);
    expect(fieldsOf(twice.body)).toEqual({ contactId: 'Dal contatto è già stata aperta una cartella.' });
    const again = await assistente.post('/api/v1/cartelle', { personId: id, area: 'disabili' }).expect(409);
    expect(again.body).toMatchObject({ cartellaId, number: json.number });
    const page = await assistente.agent.get(`/cartelle/new?person=${id}`).expect(200);
    expect(page.text).toContain('data-testid="open-cartella"');
  });

  it('numbers cartelle in one yearly series per owner', async () => {
    const a = await register(person('Numeri', 'Primo', 'M', '1981-01-01'));
    const b = await register(person('Numeri', 'Secondo', 'M', '1982-02-02'));
    const first = (await assistente.post('/api/v1/cartelle', { personId: a, area: 'poverta' }).expect(201)).body.number as string;
    const second = (await assistentePua.post('/api/v1/cartelle', { personId: b, area: 'poverta' }).expect(201)).body.number as string;
    const [year1, n1] = first.split('/').map(Number);
    const [year2, n2] = second.split('/').map(Number);
    expect(year2).toBe(year1);
    expect(n2).toBe(n1! + 1);
  });

  it('moves through its states with a reason, refusing illegal moves and stale versions with 409', async () => {
    const id = await register(person('Stati', 'Lucia', 'F', '1977-03-03'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'famiglia-minori' }).expect(201)).body;
    const path = `/api/v1/cartelle/${cartella.id}/transitions`;

    expect(fieldsOf((await assistente.post(path, { transition: 'suspend', version: 1 }).expect(422)).body)).toEqual({
      reason: 'Scegli il motivo.',
    });
    expect(fieldsOf((await assistente.post(path, { transition: 'suspend', reason: 'vacanza', version: 1 }).expect(422)).body)).toEqual({
      reason: "Scegli uno dei valori dell'elenco.",
    });
    const illegal = await assistente.post(path, { transition: 'resume', note: 'Ritorno', version: 1 }).expect(409);
    expect(illegal.body.detail).toBe('Questo passaggio di stato non è consentito per la cartella nel suo stato attuale.');
    const suspended = await assistente
      .post(path, { transition: 'suspend', reason: 'ricovero', note: 'In ospedale', version: 1 })
      .expect(200);
    expect(suspended.body).toMatchObject({ state: 'suspended', stateSince: today(), version: 2 });
    const stale = await assistente.post(path, { transition: 'close', reason: 'rinuncia', version: 1 }).expect(409);
    expect(stale.body).toMatchObject({ version: 2 });
    await assistente.post(path, { transition: 'suspend', reason: 'ricovero', version: 2 }).expect(409);
    expect(fieldsOf((await assistente.post(path, { transition: 'resume', version: 2 }).expect(422)).body)).toEqual({
      note: 'Scrivi il motivo in una nota.',
    });
    expect(
      fieldsOf((await assistente.post(path, { transition: 'resume', note: 'x', on: '2000-01-01', version: 2 }).expect(422)).body),
    ).toEqual({
      on: `La data non può precedere l'inizio dello stato attuale (${today()}).`,
    });
    await assistente.post(path, { transition: 'resume', note: 'Dimessa', version: 2 }).expect(200);
    const closed = await assistente.post(path, { transition: 'close', reason: 'obiettivi-raggiunti', version: 3 }).expect(200);
    expect(closed.body.state).toBe('closed');
    // A closed cartella takes no notes and no team changes until reopened.
    await assistente
      .post(`/api/v1/cartelle/${cartella.id}/diary`, { type: 'nota', confidentiality: 'organization', body: 'Tardi' })
      .expect(409);
    await assistente
      .post(`/api/v1/cartelle/${cartella.id}/team`, { operatorId: operator('educatore'), role: 'educatore', version: 4 })
      .expect(409);
    const reopened = await assistente.post(path, { transition: 'reopen', note: 'Nuova richiesta', version: 4 }).expect(200);
    expect(reopened.body.history.map((h: { from: string | null; to: string; reason: string | null }) => [h.from, h.to, h.reason])).toEqual([
      [null, 'open', null],
      ['open', 'suspended', 'ricovero'],
      ['suspended', 'open', null],
      ['open', 'closed', 'obiettivi-raggiunti'],
      ['closed', 'open', null],
    ]);
    // Reopening while the person has another cartella open at the comune is a conflict.
    await assistente.post(path, { transition: 'close', reason: 'errore', version: 5 }).expect(200);
    await assistente.post('/api/v1/cartelle', { personId: id, area: 'anziani' }).expect(201);
    await assistente.post(path, { transition: 'reopen', note: 'Di nuovo', version: 6 }).expect(409);
  });

  it('changes state from its page with the form token, showing field errors beside the form that was sent', async () => {
    const id = await register(person('Pagina', 'Marta', 'F', '1969-09-09'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'disabili' }).expect(201)).body;
    const page = await assistente.agent.get(`/cartelle/${cartella.id}`).expect(200);
    expect(page.text).toContain('data-testid="transition-suspend"');
    expect(page.text).toContain('data-testid="transition-close"');
    expect(page.text).not.toContain('data-testid="transition-reopen"');
    const bad = await assistente
      .form(`/cartelle/${cartella.id}/transitions`, { transition: 'close', reason: '', version: '1' })
      .expect(422);
    expect(bad.text).toContain('id="error-close-reason"');
    expect(bad.text).toMatch(/<details class="mb-2" data-testid="transition-close" open>/);
    await assistente
      .form(`/cartelle/${cartella.id}/transitions`, {
        transition: 'close',
        reason: 'trasferimento',
        on: today(),
        note: 'Trasferita',
        version: '1',
      })
      .expect(302);
    const closed = await assistente.agent.get(`/cartelle/${cartella.id}`).expect(200);
    expect(closed.text).toContain('data-state="closed"');
    expect(closed.text).toContain('Trasferimento in un altro comune');
    expect(closed.text).toContain('data-testid="transition-reopen"');
    // A stale form is a conflict, not a silent overwrite.
    await assistente.form(`/cartelle/${cartella.id}/transitions`, { transition: 'reopen', note: 'x', version: '1' }).expect(409);
  });

  it('keeps team-only diary notes to the responsible and the team: in the page, the API and under row-level security', async () => {
    const id = await register(person('Diari', 'Nadia', 'F', '1972-12-12'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'famiglia-minori' }).expect(201)).body;
    const diary = `/api/v1/cartelle/${cartella.id}/diary`;
    const secret = 'Riferisce episodi di violenza del compagno';
    const open = 'Colloquio sul sostegno scolastico del figlio';
    const team = (await assistente.post(diary, { type: 'colloquio', confidentiality: 'team', body: secret }).expect(201)).body;
    const shared = (await assistente.post(diary, { type: 'colloquio', confidentiality: 'organization', body: open }).expect(201)).body;
    expect(team).toMatchObject({ confidentiality: 'team', author: { id: operator('assistente') }, occurredOn: today(), correctsId: null });

    // The educator of the same comune, not on the team: the organization's note only.
    const bodies = async (c: Client) => (await c.get(diary).expect(200)).body.items.map((n: { body: string }) => n.body);
    expect(await bodies(educatore)).toEqual([open]);
    expect(await bodies(assistente)).toEqual(expect.arrayContaining([secret, open]));
    const pageOf = async (c: Client) => (await c.agent.get(`/cartelle/${cartella.id}/diary`).expect(200)).text;
    expect(await pageOf(educatore)).not.toContain(secret);
    expect(await pageOf(educatore)).toContain(open);
    expect((await educatore.agent.get(`/cartelle/${cartella.id}`).expect(200)).text).not.toContain(secret);
    expect((await assistente.agent.get(`/cartelle/${cartella.id}`).expect(200)).text).toContain(secret);
    // Nor may they write one, nor correct a note they cannot see.
    const refused = await educatore.post(diary, { type: 'nota', confidentiality: 'team', body: 'Riservata' }).expect(422);
    expect(fieldsOf(refused.body)).toEqual({
      confidentiality: "Solo il responsabile e l'équipe della cartella possono scrivere note riservate all'équipe.",
    });
    expect(
      fieldsOf(
        (await educatore.post(diary, { type: 'nota', confidentiality: 'organization', body: 'x', correctsId: team.id }).expect(422)).body,
      ),
    ).toEqual({
      correctsId: 'La nota da correggere non è di questa cartella o non puoi vederla.',
    });

    // A deliberately unfiltered query, as the application role with the educator's scope: no team note.
    const rows = async (operatorId: string | null) =>
      app.platform.orm.em.fork().transactional(async (tx) => {
        const orgs = [...(await app.platform.organizations.scope(tx, org('demo-comune')))];
        await enterScope(tx, { orgId: org('demo-comune'), orgs, operatorId });
        return (await tx.execute<{ body: string }[]>('select body from core.diary_note where cartella_id = ?', [cartella.id])).map(
          (r) => r.body,
        );
      });
    expect(await rows(operator('educatore'))).toEqual([open]);
    expect((await rows(operator('assistente'))).sort()).toEqual([open, secret].sort());
    expect(await rows(null)).toEqual([open]);

    // On the team, the educator reads it; off the team again, no longer.
    const added = await assistente
      .post(`/api/v1/cartelle/${cartella.id}/team`, { operatorId: operator('educatore'), role: 'educatore', version: 1 })
      .expect(201);
    expect(added.body.team).toEqual([
      expect.objectContaining({
        operator: { id: operator('educatore'), displayName: 'Edoardo Educatore' },
        role: 'educatore',
        validTo: null,
      }),
    ]);
    expect(await bodies(educatore)).toEqual(expect.arrayContaining([secret, open]));
    expect(await rows(operator('educatore'))).toHaveLength(2);
    await assistente
      .post(`/api/v1/cartelle/${cartella.id}/team`, { operatorId: operator('educatore'), role: 'educatore', version: 2 })
      .expect(409);
    const memberId = added.body.team[0].id as string;
    await assistente.post(`/api/v1/cartelle/${cartella.id}/team/${memberId}/end`, { version: 2 }).expect(200);
    expect(await bodies(educatore)).toEqual([open]);

    // Notes are never changed: a correction is a new note pointing at the old one.
    const fixed = (
      await assistente
        .post(diary, { type: 'colloquio', confidentiality: 'organization', body: 'Il figlio, non la figlia', correctsId: shared.id })
        .expect(201)
    ).body;
    const corrected = (await assistente.get(diary).expect(200)).body.items.find((n: { id: string }) => n.id === shared.id);
    expect(corrected.correctedBy).toEqual([fixed.id]);
    const changed = await app.platform.orm.em
      .fork()
      .transactional(async (tx) => {
        await tx.execute('reset role');
        return tx.execute('update core.diary_note set body = ? where id = ?', ['Riscritta', shared.id]);
      })
      .catch((error: Error) => error);
    expect(String(changed)).toContain('core.diary_note is history: update refused');
    // Nor does the application delete anything of a cartella: no policy lets it.
    const deleted = await app.platform.orm.em.fork().transactional(async (tx) => {
      const orgs = [...(await app.platform.organizations.scope(tx, org('demo-comune')))];
      await enterScope(tx, { orgId: org('demo-comune'), orgs, operatorId: operator('assistente') });
      const gone: unknown[] = [];
      for (const table of ['diary_note', 'cartella_transition', 'cartella_team']) {
        gone.push(...(await tx.execute(`delete from core.${table} where cartella_id = ? returning id`, [cartella.id])));
      }
      gone.push(...(await tx.execute('delete from core.cartella where id = ? returning id', [cartella.id])));
      return gone;
    });
    expect(deleted).toEqual([]);
    expect((await assistente.get(diary).expect(200)).body.total).toBe(3);
  });

  it('shows a clerk the cartella without its diary, and keeps another organization out with 404', async () => {
    const id = await register(person('Confini', 'Olga', 'F', '1960-04-04'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'anziani' }).expect(201)).body;
    await assistente
      .post(`/api/v1/cartelle/${cartella.id}/diary`, { type: 'nota', confidentiality: 'organization', body: 'Nota per i colleghi' })
      .expect(201);
    const clerk = await client(app, 'amministrativo');
    const page = (await clerk.agent.get(`/cartelle/${cartella.id}`).expect(200)).text;
    expect(page).toContain('Confini Olga');
    expect(page).not.toContain('Nota per i colleghi');
    expect(page).not.toContain('data-testid="recent-notes"');
    await clerk.get(`/api/v1/cartelle/${cartella.id}/diary`).expect(403);
    await clerk.post(`/api/v1/cartelle/${cartella.id}/transitions`, { transition: 'close', reason: 'errore', version: 1 }).expect(403);

    const allerona = await client(app, 'allerona');
    await allerona.agent.get(`/cartelle/${cartella.id}`).expect(403);
    const elsewhere = await client(app, 'responsabile');
    await elsewhere.get(`/api/v1/cartelle/${cartella.id}`).expect(200);
    // A social worker of another comune: 404 everywhere.
    await app.platform.orm.em.fork().transactional(async (tx) => {
      await tx.execute('reset role');
      await app.platform.operators.addMembership(tx, operator('educatore'), org('demo-comune-2'), 'social-worker');
    });
    const other = await client(app, 'educatore', 'Allerona');
    await other.agent.get(`/cartelle/${cartella.id}`).expect(404);
    await other.get(`/api/v1/cartelle/${cartella.id}`).expect(404);
    await other.get(`/api/v1/cartelle/${cartella.id}/diary`).expect(404);
    await other.post(`/api/v1/cartelle/${cartella.id}/transitions`, { transition: 'close', reason: 'errore', version: 1 }).expect(404);
    await other.post(`/api/v1/cartelle/${cartella.id}/diary`, { type: 'nota', confidentiality: 'organization', body: 'x' }).expect(404);
    await other.post('/api/v1/cartelle', { personId: id, area: 'anziani' }).expect(404);
    expect((await other.get('/api/v1/cartelle?scope=all').expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(
      cartella.id,
    );
  });

  it("lists the operator's cartelle, by state and area, and links them from the person's page", async () => {
    const mine = (await assistente.get('/api/v1/cartelle').expect(200)).body.items as { responsible: { id: string }; state: string }[];
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.responsible.id === operator('assistente'))).toBe(true);
    const suspended = (await assistente.get('/api/v1/cartelle?state=suspended').expect(200)).body.items as { state: string }[];
    expect(suspended.every((c) => c.state === 'suspended')).toBe(true);
    expect((await assistente.get('/api/v1/cartelle?state=never').expect(422)).body.errors[0].field).toBe('state');
    const page = await assistente.agent.get('/cartelle?area=anziani').expect(200);
    expect(page.text).toContain('data-testid="cartelle"');
    // The demo's educator is on a demo cartella's team: it is theirs too.
    expect((await educatore.get('/api/v1/cartelle').expect(200)).body.items.length).toBeGreaterThan(0);

    const id = await register(person('Collegamenti', 'Pia', 'F', '1955-05-15'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'anziani' }).expect(201)).body;
    const personPage = (await assistente.agent.get(`/people/${id}`).expect(200)).text;
    expect(personPage).toContain(`/cartelle?person=${id}`);
    const list = (await assistente.agent.get(`/cartelle?person=${id}`).expect(200)).text;
    expect(list).toContain(`data-cartella-id="${cartella.id}"`);
    // Not for a role that may not read cartelle.
    expect((await pua.agent.get(`/people/${id}`).expect(200)).text).not.toContain(`/cartelle?person=${id}`);
  });

  it('audits every read and write', async () => {
    const id = await register(person('Tracce', 'Ugo', 'M', '1949-11-11'));
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: id, area: 'anziani' }).expect(201)).body;
    await assistente.get(`/api/v1/cartelle/${cartella.id}`).expect(200);
    await assistente
      .post(`/api/v1/cartelle/${cartella.id}/transitions`, { transition: 'suspend', reason: 'ricovero', version: 1 })
      .expect(200);
    await assistente.post(`/api/v1/cartelle/${cartella.id}/diary`, { type: 'nota', confidentiality: 'team', body: 'Traccia' }).expect(201);
    await assistente.get(`/api/v1/cartelle/${cartella.id}/diary`).expect(200);
    const log = (await (await client(app, 'privacy')).agent.get(`/audit?entity=cartella&entityId=${cartella.id}`).expect(200)).text;
    for (const action of ['cartella.create', 'cartella.read', 'cartella.transition', 'diary.create', 'diary.read']) {
      expect(log).toContain(`data-action="${action}"`);
    }
    expect(log).not.toContain('Traccia');
  });

  it('takes contacts and cartelle along when two registrations of a person are merged, and refuses two open cartelle', async () => {
    const data = person('Doppi', 'Rita', 'F', '1944-04-14');
    const first = await register(data);
    const second = await register({
      identityKind: 'unknown',
      surname: 'Doppi',
      name: 'Rita',
      birthDate: '1944-04-14',
      confirmNotDuplicate: true,
    });
    const contact = (
      await pua
        .post('/api/v1/access-contacts', {
          personId: second,
          channel: 'telefono',
          interlocutor: 'interessato',
          needs: ['salute'],
          outcome: 'information',
        })
        .expect(201)
    ).body.id;
    const cartella = (await assistente.post('/api/v1/cartelle', { personId: second, area: 'anziani' }).expect(201)).body.id;
    const survivor = (await assistente.post('/api/v1/cartelle', { personId: first, area: 'disabili' }).expect(201)).body.id;
    const manager = await client(app, 'responsabile');
    const refused = await manager.post('/api/v1/people-merges', { survivorId: first, mergedId: second }).expect(409);
    expect(refused.body.detail).toBe(
      'Entrambe le persone hanno una cartella aperta o sospesa presso lo stesso ente: chiudine una prima di unirle.',
    );
    await assistente.post(`/api/v1/cartelle/${survivor}/transitions`, { transition: 'close', reason: 'errore', version: 1 }).expect(200);
    const merge = (await manager.post('/api/v1/people-merges', { survivorId: first, mergedId: second }).expect(201)).body;
    expect((await pua.get(`/api/v1/access-contacts/${contact}`).expect(200)).body.person.id).toBe(first);
    expect((await assistente.get(`/api/v1/cartelle/${cartella}`).expect(200)).body.person.id).toBe(first);
    expect((await assistente.get(`/api/v1/cartelle?person=${first}`).expect(200)).body.items).toHaveLength(2);
    // The merged record is an alias now: new contacts and cartelle go to the survivor.
    const alias = { personId: second, channel: 'telefono', interlocutor: 'interessato', needs: ['salute'], outcome: 'information' };
    expect((await pua.post('/api/v1/access-contacts', alias).expect(409)).body.mergedInto).toBe(first);
    await assistente.post('/api/v1/cartelle', { personId: second, area: 'disabili' }).expect(409);
    // Undone, each goes back to the registration it was made for.
    await (await client(app, 'admin')).post(`/api/v1/people-merges/${merge.id}/undo`).expect(200);
    expect((await assistente.get(`/api/v1/cartelle/${cartella}`).expect(200)).body.person.id).toBe(second);
    expect((await pua.get(`/api/v1/access-contacts/${contact}`).expect(200)).body.person.id).toBe(second);
  });
});
