// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Information notices and consents of a cartella's person: recorded on the privacy page and through the API
 * with field errors, shown in the cartella's "Privacy e consensi" section, withdrawn (never deleted or
 * rewritten), fenced by row-level security and audited.
 */
import { enterScope } from '../src/db/scope';
import { createTestApp, formToken, type TestApp } from '../src/testing';
import { client, fieldsOf, ids, person, type Client } from './cartella-helpers';

async function asOwner<R>(app: TestApp, sql: string, params: unknown[] = []): Promise<R[]> {
  const em = app.platform.orm.em.fork();
  await em.execute('reset role');
  try {
    return await em.execute<R[]>(sql, params);
  } finally {
    await em.execute(`set role ${app.platform.config.appRole}`);
  }
}

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('consents and information notices', () => {
  let app: TestApp;
  let assistente: Client;
  let educatore: Client;
  let pua: Client;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    educatore = await client(app, 'educatore');
    pua = await client(app, 'pua');
  });
  afterAll(() => app.close());

  async function newCartella(surname: string): Promise<{ id: string; personId: string }> {
    const personId = (await pua.post('/api/v1/people', person(surname, 'Bruno', 'M', '1950-07-09')).expect(201)).body.id as string;
    const id = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    return { id, personId };
  }

  it('records the notice and consents on the privacy page, shown on the cartella', async () => {
    const c = await newCartella('Informati');
    const before = await assistente.agent.get(`/cartelle/${c.id}`).expect(200);
    expect(before.text).toContain('data-testid="notice-missing"');

    const token = await formToken(assistente.agent, `/cartelle/${c.id}/privacy`);
    const send = (values: Record<string, string>) =>
      assistente.agent
        .post(`/cartelle/${c.id}/consents`)
        .type('form')
        .send({ _csrf: token, givenOn: '', givenByName: '', legalBasis: '', documentRef: '', ...values });
    await send({ kind: 'notice', purpose: 'trattamento-dati', givenBy: 'interessato', legalBasis: 'public-task' }).expect(302);
    await send({
      kind: 'consent',
      purpose: 'comunicazioni',
      givenBy: 'tutore',
      givenByName: 'Carla Tutrice',
      documentRef: 'Prot. 123/2026',
    }).expect(302);

    const page = await assistente.agent.get(`/cartelle/${c.id}/privacy`).expect(200);
    expect(page.text).toContain('Carla Tutrice');
    expect(page.text).toContain('Prot. 123/2026');
    expect(page.text).not.toContain('data-testid="notice-missing"');
    const after = await assistente.agent.get(`/cartelle/${c.id}`).expect(200);
    expect(after.text).toContain('data-testid="notice-given"');
    expect(after.text).toContain('Comunicazioni via e-mail o SMS');

    // A clerk-like reader (the educator holds consents.view) reads them but cannot record.
    await educatore.agent.get(`/cartelle/${c.id}/privacy`).expect(200);
    await educatore.post(`/api/v1/cartelle/${c.id}/consents`, { kind: 'consent', purpose: 'immagini', givenBy: 'interessato' }).expect(403);

    const audit = await asOwner<{ action: string }>(
      app,
      `select action from core.audit_log where entity = 'person' and entity_id = ? and action like 'consent.%' order by id`,
      [c.personId],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['consent.record', 'consent.list']));
    expect(audit.filter((a) => a.action === 'consent.record')).toHaveLength(2);
  });

  it('shows field errors on the page and answers 422 in the API, saving nothing', async () => {
    const c = await newCartella('Sbagliati');
    const token = await formToken(assistente.agent, `/cartelle/${c.id}/privacy`);
    const page = await assistente.agent
      .post(`/cartelle/${c.id}/consents`)
      .type('form')
      .send({
        _csrf: token,
        kind: 'consent',
        purpose: 'nessuno',
        givenBy: 'genitore',
        givenByName: '',
        givenOn: inDays(3),
        legalBasis: '',
        documentRef: '',
      })
      .expect(422);
    expect(page.text).toContain('id="error-purpose"');
    expect(page.text).toContain('id="error-givenByName"');
    expect(page.text).toContain('id="error-givenOn"');
    const api = await assistente
      .post(`/api/v1/cartelle/${c.id}/consents`, {
        kind: 'consent',
        purpose: 'ricerca',
        givenBy: 'amministratore-sostegno',
        givenOn: inDays(2),
      })
      .expect(422);
    expect(Object.keys(fieldsOf(api.body)).sort()).toEqual(['givenByName', 'givenOn']);
    const shape = await assistente.post(`/api/v1/cartelle/${c.id}/consents`, { kind: 'maybe', givenBy: 'interessato' }).expect(422);
    expect(Object.keys(fieldsOf(shape.body)).sort()).toEqual(['kind', 'purpose']);
    expect((await asOwner<{ n: string }>(app, 'select count(*) as n from core.consent where person_id = ?', [c.personId]))[0]!.n).toBe('0');
  });

  it('withdraws a consent, keeping it as history; a notice is not withdrawn', async () => {
    const c = await newCartella('Revocanti');
    const consent = (
      await assistente
        .post(`/api/v1/cartelle/${c.id}/consents`, {
          kind: 'consent',
          purpose: 'condivisione-sanitaria',
          givenBy: 'interessato',
          givenOn: inDays(-10),
        })
        .expect(201)
    ).body as { id: string; inForce: boolean };
    expect(consent.inForce).toBe(true);
    const notice = (
      await assistente
        .post(`/api/v1/cartelle/${c.id}/consents`, { kind: 'notice', purpose: 'trattamento-dati', givenBy: 'interessato' })
        .expect(201)
    ).body as { id: string };

    const early = await assistente
      .post(`/api/v1/cartelle/${c.id}/consents/${consent.id}/withdraw`, { withdrawnOn: inDays(-20) })
      .expect(422);
    expect(Object.keys(fieldsOf(early.body))).toEqual(['withdrawnOn']);
    const token = await formToken(assistente.agent, `/cartelle/${c.id}/privacy`);
    const onPage = await assistente.agent
      .post(`/cartelle/${c.id}/consents/${consent.id}/withdraw`)
      .type('form')
      .send({ _csrf: token, withdrawnOn: inDays(2), note: '' })
      .expect(422);
    expect(onPage.text).toContain(`id="error-w-${consent.id}-withdrawnOn"`);
    const withdrawn = (
      await assistente.post(`/api/v1/cartelle/${c.id}/consents/${consent.id}/withdraw`, { note: 'Lettera del 3 marzo' }).expect(200)
    ).body;
    expect(withdrawn).toMatchObject({ inForce: false, withdrawalNote: 'Lettera del 3 marzo' });
    await assistente.post(`/api/v1/cartelle/${c.id}/consents/${consent.id}/withdraw`, {}).expect(409);
    await assistente.post(`/api/v1/cartelle/${c.id}/consents/${notice.id}/withdraw`, {}).expect(409);

    const list = (await assistente.get(`/api/v1/cartelle/${c.id}/consents`).expect(200)).body.items as { id: string; inForce: boolean }[];
    expect(list.find((x) => x.id === consent.id)).toMatchObject({ inForce: false });
    // Without a consent in force, sharing needs a stated basis again.
    const share = await assistente
      .post(`/api/v1/cartelle/${c.id}/shares`, { granteeCode: 'demo-asl', purpose: 'UVMD', expiresOn: inDays(10), parts: [] })
      .expect(422);
    expect(Object.keys(fieldsOf(share.body))).toEqual(['legalBasis']);

    // The database keeps what was given as it was recorded: only a withdrawal changes a row.
    await expect(asOwner(app, `update core.consent set purpose = 'ricerca' where id = ?`, [notice.id])).rejects.toThrow(
      /only a withdrawal/,
    );
    const audit = await asOwner<{ action: string }>(
      app,
      `select action from core.audit_log where action = 'consent.withdraw' and entity_id = ?`,
      [c.personId],
    );
    expect(audit).toHaveLength(1);
  });

  it('is fenced by organization', async () => {
    const c = await newCartella('Recintati');
    const consent = (
      await assistente
        .post(`/api/v1/cartelle/${c.id}/consents`, { kind: 'consent', purpose: 'immagini', givenBy: 'interessato' })
        .expect(201)
    ).body as { id: string };
    const { org } = await ids(app);
    const outside = await app.platform.orm.em.fork().transactional(async (tx) => {
      await enterScope(tx, { orgId: org('demo-comune-2'), orgs: [org('demo-comune-2'), org('demo-segretariato-2')] });
      return tx.execute<{ n: string }[]>('select count(*) as n from core.consent where id = ?', [consent.id]);
    });
    expect(outside[0]!.n).toBe('0');
    const asl = await client(app, 'asl');
    await asl.get(`/api/v1/cartelle/${c.id}/consents`).expect(403);
  });
});
