// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The access register of a PUA or segretariato sociale, through its pages and its API: recording a
 * contact (a person from the registry, or anonymous and linked later), following a referral until the
 * service answers, the register's three lists, and the fences around another organization's contacts.
 */
import { createTestApp, type TestApp } from '../src/testing';
import { REPEAT_VISITS, REPEAT_WINDOW_DAYS } from '../src/modules/access/codes';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';

const contact = (extra: Record<string, unknown> = {}) => ({
  channel: 'di-persona',
  interlocutor: 'interessato',
  needs: ['economico'],
  outcome: 'information',
  ...extra,
});

/** The ids listed in one section of the register page (data-testid), in order. */
function section(html: string, testid: string, attribute = 'data-contact-id'): string[] {
  const start = html.indexOf(`data-testid="${testid}"`);
  if (start < 0) throw new Error(`no section ${testid}`);
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(new RegExp(`${attribute}="([0-9a-f-]{36})"`, 'g'))].map((m) => m[1]!);
}

describe('the access register', () => {
  let app: TestApp;
  let pua: Client;
  let segretariato: Client;
  let org: (code: string) => string;

  beforeAll(async () => {
    app = await createTestApp();
    pua = await client(app, 'pua');
    segretariato = await client(app, 'segretariato');
    ({ org } = await ids(app));
  });
  afterAll(() => app.close());

  const register = async (c: Client, data: object) => (await c.post('/api/v1/people', data).expect(201)).body.id as string;

  it('records a contact through the form: the person found in the registry, field errors first', async () => {
    const id = await register(pua, person('Sportellini', 'Agata', 'F', '1961-02-03'));
    const search = await pua.agent.get('/access/new?q=Sportellini').expect(200);
    expect(search.text).toContain(`/access/new?person&#x3D;${id}`);

    const chosen = await pua.agent.get(`/access/new?person=${id}`).expect(200);
    expect(chosen.text).toContain('data-testid="chosen-person"');
    expect(chosen.text).toContain(`name="personId" value="${id}"`);

    // No need ticked, a referral to nobody: the form comes back with a message beside each field.
    const bad = await pua
      .form('/access', { personId: id, channel: 'di-persona', interlocutor: 'interessato', outcome: 'referral', notes: 'Tenuto' })
      .expect(422);
    expect(bad.text).toContain('data-testid="error-summary"');
    expect(bad.text).toContain('id="error-needs"');
    expect(bad.text).toContain('Indica il servizio o l&#x27;ente a cui la persona è inviata.');
    expect(bad.text).toContain('Tenuto');

    const saved = await pua
      .form('/access', {
        personId: id,
        channel: 'telefono',
        interlocutor: 'familiare',
        needs: ['economico', 'abitativo'],
        outcome: 'orientation',
        notes: 'Prima telefonata\nsul contributo affitto',
      })
      .expect(302);
    const location = saved.headers.location as string;
    expect(location).toMatch(/^\/access\/[0-9a-f-]{36}\?saved=1$/);
    const page = await pua.agent.get(location).expect(200);
    expect(page.text).toContain('data-testid="saved"');
    expect(page.text).toContain('Sportellini Agata');
    expect(page.text).toContain('Orientamento');
    expect(page.text).toContain('Prima telefonata<br>sul contributo affitto');
    expect(page.text).toContain('Telefono');

    const json = (await pua.get(`/api/v1/access-contacts/${/\/access\/([0-9a-f-]{36})/.exec(location)![1]}`).expect(200)).body;
    expect(json).toMatchObject({
      servicePoint: { code: 'demo-pua' },
      person: { id, surname: 'Sportellini' },
      needs: ['economico', 'abitativo'],
      outcome: 'orientation',
      referral: null,
      version: 1,
    });
  });

  it('refuses bad input on the API field by field (422 problem+json), and writes nothing', async () => {
    const before = (await pua.get('/api/v1/access-contacts?limit=200').expect(200)).body.items.length;
    const res = await pua.post('/api/v1/access-contacts', { channel: '', needs: [], outcome: 'maybe' }).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(res.body)).toMatchObject({
      channel: 'Campo obbligatorio.',
      interlocutor: 'Campo obbligatorio.',
      outcome: "Scegli uno dei valori dell'elenco.",
    });
    // Codes the organization's lists do not have, a time ahead: checked after the schema.
    const codes = await pua
      .post(
        '/api/v1/access-contacts',
        contact({ channel: 'piccione', needs: ['economico', 'noia'], anonymousDescription: 'Un uomo', occurredAt: '2999-01-01T10:00' }),
      )
      .expect(422);
    expect(fieldsOf(codes.body)).toEqual({
      channel: "Scegli uno dei valori dell'elenco.",
      needs: "Scegli uno dei valori dell'elenco.",
      occurredAt: "La data e l'ora non possono essere nel futuro.",
    });
    const nobody = await pua.post('/api/v1/access-contacts', contact()).expect(422);
    expect(fieldsOf(nobody.body)).toEqual({ anonymousDescription: "Scegli la persona dall'anagrafe oppure descrivi chi si è presentato." });
    expect((await pua.get('/api/v1/access-contacts?limit=200').expect(200)).body.items.length).toBe(before);
  });

  it('follows a referral until the service accepts it, refusing a stale or a second answer', async () => {
    const id = await register(pua, person('Inviati', 'Bruno', 'M', '1958-08-08'));
    const created = await pua
      .post(
        '/api/v1/access-contacts',
        contact({ personId: id, outcome: 'referral', referralService: 'Centro per l’impiego', referralOrganizationId: org('demo-asl') }),
      )
      .expect(201);
    expect(created.body.referral).toMatchObject({
      status: 'pending',
      service: 'Centro per l’impiego',
      organization: { id: org('demo-asl') },
    });
    const contactId = created.body.id as string;
    const pending = (await pua.get('/api/v1/access-contacts/register').expect(200)).body;
    expect(pending.openReferrals.map((c: { id: string }) => c.id)).toContain(contactId);

    await pua.post(`/api/v1/access-contacts/${contactId}/referral`, { status: 'accepted', version: 7 }).expect(409);
    await pua.post(`/api/v1/access-contacts/${contactId}/referral`, { status: 'maybe', version: 1 }).expect(422);
    const accepted = await pua
      .post(`/api/v1/access-contacts/${contactId}/referral`, { status: 'accepted', note: 'Colloquio fissato', version: 1 })
      .expect(200);
    expect(accepted.body).toMatchObject({ version: 2, referral: { status: 'accepted', note: 'Colloquio fissato' } });
    expect(accepted.body.referral.decidedAt).toEqual(expect.any(String));
    const again = await pua.post(`/api/v1/access-contacts/${contactId}/referral`, { status: 'refused', version: 2 }).expect(409);
    expect(again.body.detail).toBe("L'invio ha già ricevuto una risposta.");
    const after = (await pua.get('/api/v1/access-contacts/register').expect(200)).body;
    expect(after.openReferrals.map((c: { id: string }) => c.id)).not.toContain(contactId);
  });

  it('answers a referral from the register page, with the form token', async () => {
    const id = await register(pua, person('Pagine', 'Carla', 'F', '1970-07-07'));
    const contactId = (
      await pua.post('/api/v1/access-contacts', contact({ personId: id, outcome: 'referral', referralService: 'Consultorio' })).expect(201)
    ).body.id as string;
    const page = await pua.agent.get('/access').expect(200);
    expect(section(page.text, 'open-referrals')).toContain(contactId);
    await pua.agent
      .post(`/access/${contactId}/referral`)
      .type('form')
      .send({ status: 'refused', version: '1', back: 'register' })
      .expect(403);
    const done = await pua
      .form(`/access/${contactId}/referral`, { status: 'refused', version: '1', back: 'register', note: '' })
      .expect(302);
    expect(done.headers.location).toBe(`/access?point=${org('demo-pua')}`);
    expect(section((await pua.agent.get('/access').expect(200)).text, 'open-referrals')).not.toContain(contactId);
    expect((await pua.get(`/api/v1/access-contacts/${contactId}`).expect(200)).body.referral.status).toBe('refused');
  });

  it('records an anonymous contact and links it to the person later, once', async () => {
    const created = await pua
      .post('/api/v1/access-contacts', contact({ anonymousDescription: 'Uomo sui cinquanta, accompagnato' }))
      .expect(201);
    expect(created.body).toMatchObject({ person: null, anonymousDescription: 'Uomo sui cinquanta, accompagnato' });
    const page = await pua.agent.get(`/access/${created.body.id}?q=Collegati`).expect(200);
    expect(page.text).not.toContain('data-testid="link-candidate"');
    const id = await register(pua, person('Collegati', 'Dario', 'M', '1975-05-05'));
    const candidates = await pua.agent.get(`/access/${created.body.id}?q=Collegati`).expect(200);
    expect(candidates.text).toContain(`name="personId" value="${id}"`);
    await pua.form(`/access/${created.body.id}/person`, { personId: id, version: '1' }).expect(302);
    const linked = (await pua.get(`/api/v1/access-contacts/${created.body.id}`).expect(200)).body;
    expect(linked).toMatchObject({ person: { id }, version: 2 });
    await pua.post(`/api/v1/access-contacts/${created.body.id}/person`, { personId: id, version: 2 }).expect(409);
  });

  it("lists today's contacts, open referrals and people who keep coming without a cartella", async () => {
    const today = await pua.post('/api/v1/access-contacts', contact({ anonymousDescription: 'Passante' })).expect(201);
    const yesterday = await pua
      .post(
        '/api/v1/access-contacts',
        contact({ anonymousDescription: 'Ieri', occurredAt: new Date(Date.now() - 30 * 3600_000).toISOString() }),
      )
      .expect(201);
    const html = (await pua.agent.get('/access').expect(200)).text;
    expect(section(html, 'today')).toContain(today.body.id);
    expect(section(html, 'today')).not.toContain(yesterday.body.id);
    // Another desk's today is its own.
    expect(section((await segretariato.agent.get('/access').expect(200)).text, 'today')).not.toContain(today.body.id);

    // Contacts at both desks of the comune count together; one older than the window does not.
    const id = await register(pua, person('Ritorni', 'Elena', 'F', '1980-10-10'));
    const days = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    await pua.post('/api/v1/access-contacts', contact({ personId: id, occurredAt: days(REPEAT_WINDOW_DAYS + 5) })).expect(201);
    for (let i = 0; i < REPEAT_VISITS - 1; i += 1) {
      await segretariato.post('/api/v1/access-contacts', contact({ personId: id, occurredAt: days(10 + i) })).expect(201);
    }
    const repeatAt = async (c: Client) => section((await c.agent.get('/access').expect(200)).text, 'repeat-visitors', 'data-person-id');
    expect(await repeatAt(segretariato)).not.toContain(id);
    await pua.post('/api/v1/access-contacts', contact({ personId: id })).expect(201);
    expect(await repeatAt(pua)).toContain(id);
    expect(await repeatAt(segretariato)).toContain(id);
    const api = (await pua.get('/api/v1/access-contacts/register').expect(200)).body;
    expect(api.rule).toEqual({ visits: REPEAT_VISITS, days: REPEAT_WINDOW_DAYS });
    expect(api.repeatVisitors.find((v: { person: { id: string } }) => v.person.id === id)).toMatchObject({ contacts: REPEAT_VISITS });

    // Taken in charge: no longer in the list.
    const assistente = await client(app, 'assistente', 'Comune di Orvieto');
    await assistente.post('/api/v1/cartelle', { personId: id, area: 'poverta' }).expect(201);
    expect(await repeatAt(pua)).not.toContain(id);
  });

  it('keeps another organization out: 404 for its contacts and its register, 403 for a role without the permission', async () => {
    const mine = (await pua.post('/api/v1/access-contacts', contact({ anonymousDescription: 'Riservato' })).expect(201)).body.id;
    const allerona = await client(app, 'allerona');
    await allerona.get(`/api/v1/access-contacts/${mine}`).expect(404);
    await allerona.agent.get(`/access/${mine}`).expect(404);
    await allerona.post(`/api/v1/access-contacts/${mine}/referral`, { status: 'accepted', version: 1 }).expect(404);
    await allerona.get(`/api/v1/access-contacts/register?point=${org('demo-pua')}`).expect(404);
    expect((await allerona.get('/api/v1/access-contacts?limit=200').expect(200)).body.items.map((c: { id: string }) => c.id)).not.toContain(
      mine,
    );
    // A person of Orvieto is not Allerona's to record a contact for.
    const orvieto = await register(pua, person('Lontani', 'Fabio', 'M', '1966-06-06'));
    await allerona.post('/api/v1/access-contacts', contact({ personId: orvieto })).expect(404);
    // The segretariato of the same comune reads the PUA's register (one data controller).
    await segretariato.get(`/api/v1/access-contacts/register?point=${org('demo-pua')}`).expect(200);
    await (await client(app, 'educatore')).agent.get('/access').expect(403);
  });

  it('audits every read and write', async () => {
    const created = (await pua.post('/api/v1/access-contacts', contact({ anonymousDescription: 'Per il registro' })).expect(201)).body.id;
    await pua.get(`/api/v1/access-contacts/${created}`).expect(200);
    const privacy = await client(app, 'privacy');
    const log = (await privacy.agent.get(`/audit?entity=access-contact&entityId=${created}`).expect(200)).text;
    expect(log).toContain('data-action="access.create"');
    expect(log).toContain('data-action="access.read"');
    const registers = (await privacy.agent.get(`/audit?entity=organization&entityId=${org('demo-pua')}`).expect(200)).text;
    expect(registers).toContain('data-action="access.register"');
  });
});
