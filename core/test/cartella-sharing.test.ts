// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Sharing a cartella with another organization (the ASL for an integrated assessment): the partner sees the
 * cartella and only the parts shared (notes written for partners only with the diary part, never team or
 * organization notes), through its pages, its API and row-level security itself; it never writes, cannot revoke;
 * the share ends when revoked or past its end date; a third organization sees nothing; grants, revocations and
 * the partner's reads are in the owner's audit log; bad grants answer with field errors.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
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

/** Runs `fn` as the application role in the scope of one organization (and what hangs from it). */
async function inScopeOf<R>(app: TestApp, orgId: string, fn: (tx: EntityManager) => Promise<R>): Promise<R> {
  const [row] = await asOwner<{ ids: string[] }>(
    app,
    `with recursive t(id) as (select ?::uuid union all select o.id from core.organization o join t on o.parent_id = t.id)
     select array_agg(id::text) as ids from t`,
    [orgId],
  );
  return app.platform.orm.em.fork().transactional(async (tx) => {
    await enterScope(tx, { orgId, orgs: row!.ids });
    return fn(tx);
  });
}

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const count = async (tx: EntityManager, sql: string, params: unknown[] = []) =>
  Number((await tx.execute<{ n: string }[]>(sql, params))[0]!.n);

describe('sharing a cartella', () => {
  let app: TestApp;
  let assistente: Client;
  let asl: Client;
  let pua: Client;
  let org: (code: string) => string;

  beforeAll(async () => {
    app = await createTestApp();
    assistente = await client(app, 'assistente', 'Comune di Orvieto');
    asl = await client(app, 'asl');
    pua = await client(app, 'pua');
    org = (await ids(app)).org;
  });
  afterAll(() => app.close());

  /** A cartella of the comune with one note of each confidentiality and an assessment. */
  async function newCartella(surname: string): Promise<{ id: string; personId: string }> {
    const personId = (await pua.post('/api/v1/people', person(surname, 'Anna', 'F', '1941-05-02')).expect(201)).body.id as string;
    const id = (await assistente.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    for (const confidentiality of ['team', 'organization', 'partners'])
      await assistente
        .post(`/api/v1/cartelle/${id}/diary`, { type: 'colloquio', confidentiality, body: `Nota ${confidentiality} di ${surname}` })
        .expect(201);
    await asOwner(
      app,
      `insert into core.assessment (owner_org_id, person_id, cartella_id, form_id, form_version, assessed_on)
       select owner_org_id, person_id, id, 'core.social-assessment', 1, core.local_today() from core.cartella where id = ?`,
      [id],
    );
    return { id, personId };
  }

  const grant = (cartella: string, body: Record<string, unknown>) =>
    assistente.post(`/api/v1/cartelle/${cartella}/shares`, {
      granteeCode: 'demo-asl',
      purpose: 'UVMD per valutazione integrata',
      expiresOn: inDays(60),
      legalBasis: 'care',
      ...body,
    });

  it('opens the documents marked for partners only with the documents part, to read and download, never to add', async () => {
    const c = await newCartella('Documentati');
    const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const upload = (by: Client, title: string, confidentiality: string) =>
      by.agent
        .post(`/api/v1/cartelle/${c.id}/documents`)
        .set('X-CSRF-Token', by.token)
        .set('Accept', 'application/json')
        .field('title', title)
        .field('category', 'relazione')
        .field('confidentiality', confidentiality)
        .attach('file', PDF, { filename: `${title}.pdf`, contentType: 'application/pdf' });
    const forPartners = (await upload(assistente, 'Per la UVMD', 'partners').expect(201)).body.id as string;
    const internal = (await upload(assistente, 'Interna', 'organization').expect(201)).body.id as string;

    // Shared without the documents part: none of them, not even the list.
    const share = (await grant(c.id, { parts: ['assessments'] }).expect(201)).body;
    await asl.get(`/api/v1/cartelle/${c.id}/documents`).expect(404);
    await asl.get(`/api/v1/cartelle/${c.id}/documents/${forPartners}/download`).expect(404);
    await assistente.post(`/api/v1/cartelle/${c.id}/shares/${share.id}/revoke`, {}).expect(200);

    await grant(c.id, { parts: ['documents'] }).expect(201);
    const list = (await asl.get(`/api/v1/cartelle/${c.id}/documents`).expect(200)).body.items as { id: string }[];
    expect(list.map((d) => d.id)).toEqual([forPartners]);
    const download = await asl.get(`/api/v1/cartelle/${c.id}/documents/${forPartners}/download`).expect(200);
    expect(Buffer.from(download.body as Buffer).equals(PDF)).toBe(true);
    await asl.get(`/api/v1/cartelle/${c.id}/documents/${internal}/download`).expect(404);
    const page = await asl.get(`/cartelle/${c.id}/documents`).expect(200);
    expect(page.text).toContain('Per la UVMD');
    expect(page.text).not.toContain('Interna');
    expect(page.text).not.toContain(`/cartelle/${c.id}/documents/${forPartners}/withdraw`);
    // The cartella's page shows the partner the documents' box too.
    expect((await asl.get(`/cartelle/${c.id}`).expect(200)).text).toContain('Per la UVMD');
    await upload(asl, 'Dalla ASL', 'partners').expect(403);
    const [audit] = await asOwner<{ n: number }>(
      app,
      `select count(*)::int as n from core.audit_log where action = 'document.download' and entity_id = ? and organization_id = ?`,
      [forPartners, org('demo-asl')],
    );
    expect(audit!.n).toBe(1);
  });

  it('opens to the ASL the summary and the parts shared, and nothing else', async () => {
    const c = await newCartella('Condivisi');
    const share = (await grant(c.id, { parts: ['assessments'] }).expect(201)).body;
    expect(share).toMatchObject({ parts: ['summary', 'assessments'], status: 'active', owned: true, grantee: { code: 'demo-asl' } });

    const list = (await asl.get('/api/v1/cartelle/shared').expect(200)).body.items as { cartella: { id: string } }[];
    expect(list.map((s) => s.cartella.id)).toContain(c.id);
    const page = await asl.agent.get(`/cartelle/${c.id}`).expect(200);
    expect(page.text).toContain('data-testid="shared-banner"');
    expect(page.text).toContain('UVMD per valutazione integrata');
    expect(page.text).toContain('Condivisi');
    expect(page.text).toContain('data-testid="shared-assessments"');
    expect(page.text).not.toContain('data-testid="shared-notes"');
    expect(page.text).not.toMatch(/Nota (team|organization|partners) di Condivisi/);
    // The owner's controls are not the partner's.
    expect(page.text).not.toContain('data-testid="transition-');
    expect(page.text).not.toContain('data-testid="team-add"');
    // The household's other members are third parties: the share does not show them.
    expect(page.text).not.toContain('data-testid="household"');
    // The person comes with the share; the owner's other sections do not.
    await asl.get(`/api/v1/people/${c.personId}`).expect(200);
    await asl.agent.get(`/cartelle/${c.id}/privacy`).expect(403);

    await inScopeOf(app, org('demo-asl'), async (tx) => {
      expect(await count(tx, 'select count(*) as n from core.cartella where id = ?', [c.id])).toBe(1);
      expect(await count(tx, 'select count(*) as n from core.cartella_team where cartella_id = ?', [c.id])).toBe(0);
      expect(await count(tx, 'select count(*) as n from core.cartella_transition where cartella_id = ?', [c.id])).toBe(1);
      expect(await count(tx, 'select count(*) as n from core.assessment where cartella_id = ?', [c.id])).toBe(1);
      expect(await count(tx, 'select count(*) as n from core.diary_note where cartella_id = ?', [c.id])).toBe(0);
    });

    // With the diary part too: the notes written for partners, never the team's or the organization's.
    await grant(c.id, { parts: ['diary'] }).expect(201);
    const withDiary = await asl.agent.get(`/cartelle/${c.id}`).expect(200);
    expect(withDiary.text).toContain('data-testid="shared-notes"');
    expect(withDiary.text).toContain('Nota partners di Condivisi');
    expect(withDiary.text).not.toContain('Nota team di Condivisi');
    expect(withDiary.text).not.toContain('Nota organization di Condivisi');
    await inScopeOf(app, org('demo-asl'), async (tx) => {
      const notes = await tx.execute<{ confidentiality: string }[]>('select confidentiality from core.diary_note where cartella_id = ?', [
        c.id,
      ]);
      expect(notes.map((n) => n.confidentiality)).toEqual(['partners']);
    });
  });

  it('lets the partner write nothing and revoke nothing; a third organization sees nothing', async () => {
    const c = await newCartella('Intoccabili');
    const share = (await grant(c.id, { parts: ['diary', 'plan', 'interventions'] }).expect(201)).body as { id: string };

    await asl.post(`/api/v1/cartelle/${c.id}/shares/${share.id}/revoke`).expect(403);
    await asl.post(`/api/v1/cartelle/${c.id}/diary`, { type: 'colloquio', confidentiality: 'partners', body: 'Dalla ASL' }).expect(403);
    await inScopeOf(app, org('demo-asl'), async (tx) => {
      expect(await count(tx, 'select count(*) as n from core.cartella where id = ?', [c.id])).toBe(1);
      const [updated] = await tx.execute<{ n: string }[]>(
        `with u as (update core.cartella set area = 'minori' where id = ? returning id) select count(*) as n from u`,
        [c.id],
      );
      expect(Number(updated!.n)).toBe(0);
      const [shares] = await tx.execute<{ n: string }[]>(
        `with u as (update core.cartella_share set revoked_at = now() where id = ? returning id) select count(*) as n from u`,
        [share.id],
      );
      expect(Number(shares!.n)).toBe(0);
      await expect(
        tx.execute(
          `insert into core.diary_note (cartella_id, owner_org_id, occurred_on, type, confidentiality, body, author_id)
           select id, owner_org_id, current_date, 'colloquio', 'partners', 'x', responsible_operator_id from core.cartella where id = ?`,
          [c.id],
        ),
      ).rejects.toThrow(/row-level security/);
    });
    expect(
      (
        await asOwner<{ revoked: boolean }>(app, 'select revoked_at is not null as revoked from core.cartella_share where id = ?', [
          share.id,
        ])
      )[0],
    ).toEqual({ revoked: false });

    await inScopeOf(app, org('demo-comune-2'), async (tx) => {
      for (const table of ['cartella', 'cartella_team', 'cartella_transition', 'diary_note', 'assessment'])
        expect({
          table,
          n: await count(tx, `select count(*) as n from core.${table} where ${table === 'cartella' ? 'id' : 'cartella_id'} = ?`, [c.id]),
        }).toEqual({ table, n: 0 });
      expect(await count(tx, 'select count(*) as n from core.cartella_share where cartella_id = ?', [c.id])).toBe(0);
      expect(await count(tx, 'select count(*) as n from core.person where id = ?', [c.personId])).toBe(0);
    });
  });

  it('ends when revoked by the granting side, and by itself past its end date', async () => {
    const revoked = await newCartella('Revocati');
    const share = (await grant(revoked.id, { parts: ['assessments'] }).expect(201)).body as { id: string };
    await asl.agent.get(`/cartelle/${revoked.id}`).expect(200);
    const done = (await assistente.post(`/api/v1/cartelle/${revoked.id}/shares/${share.id}/revoke`).expect(200)).body;
    expect(done).toMatchObject({ status: 'revoked', revokedBy: expect.any(String) });
    await assistente.post(`/api/v1/cartelle/${revoked.id}/shares/${share.id}/revoke`).expect(409);
    await asl.agent.get(`/cartelle/${revoked.id}`).expect(404);
    await asl.get(`/api/v1/people/${revoked.personId}`).expect(404);
    expect(
      ((await asl.get('/api/v1/cartelle/shared').expect(200)).body.items as { cartella: { id: string } }[]).map((s) => s.cartella.id),
    ).not.toContain(revoked.id);
    // Kept as history on the owner's side.
    const history = (await assistente.get(`/api/v1/cartelle/${revoked.id}/shares`).expect(200)).body.items as { status: string }[];
    expect(history.map((s) => s.status)).toEqual(['revoked']);

    const expired = await newCartella('Scaduti');
    const old = (await grant(expired.id, { parts: ['assessments'] }).expect(201)).body as { id: string };
    await asl.agent.get(`/cartelle/${expired.id}`).expect(200);
    await asOwner(app, `update core.cartella_share set expires_on = core.local_today() - 1 where id = ?`, [old.id]);
    await asl.agent.get(`/cartelle/${expired.id}`).expect(404);
    await inScopeOf(app, org('demo-asl'), async (tx) => {
      expect(await count(tx, 'select count(*) as n from core.cartella where id = ?', [expired.id])).toBe(0);
      expect(await count(tx, 'select count(*) as n from core.assessment where cartella_id = ?', [expired.id])).toBe(0);
    });
    const statuses = (await assistente.get(`/api/v1/cartelle/${expired.id}/shares`).expect(200)).body.items as { status: string }[];
    expect(statuses.map((s) => s.status)).toEqual(['expired']);
  });

  it("puts grants, revocations and the partner's reads in the owner's audit log", async () => {
    const c = await newCartella('Tracciati');
    const share = (await grant(c.id, { parts: ['assessments'] }).expect(201)).body as { id: string };
    await asl.agent.get(`/cartelle/${c.id}`).expect(200);
    await assistente.post(`/api/v1/cartelle/${c.id}/shares/${share.id}/revoke`).expect(200);
    const rows = await asOwner<{ action: string; org: string }>(
      app,
      `select action, organization_id::text as org from core.audit_log where entity = 'cartella' and entity_id = ? order by id`,
      [c.id],
    );
    const actions = rows.map((r) => `${r.action}@${r.org === org('demo-asl') ? 'asl' : 'owner'}`);
    expect(actions).toEqual(
      expect.arrayContaining([
        'cartella.share.grant@owner',
        'cartella.read@asl',
        'cartella.shared.read@asl',
        'cartella.share.revoke@owner',
      ]),
    );
    // The owner's privacy officer (the ambito above the comune) sees the partner's reads.
    await inScopeOf(app, org('demo-ambito'), async (tx) => {
      expect(
        await count(
          tx,
          `select count(*) as n from core.audit_log where entity_id = ? and organization_id = ? and action = 'cartella.read'`,
          [c.id, org('demo-asl')],
        ),
      ).toBeGreaterThan(0);
    });
    // A third organization does not.
    await inScopeOf(app, org('demo-comune-2'), async (tx) => {
      expect(await count(tx, `select count(*) as n from core.audit_log where entity_id = ?`, [c.id])).toBe(0);
    });
  });

  it('refuses a bad grant field by field, on the page and in the API, saving nothing', async () => {
    const c = await newCartella('Rifiutati');
    const bad = await grant(c.id, { granteeCode: 'demo-pua', expiresOn: inDays(-1), legalBasis: '', purpose: '' }).expect(422);
    expect(Object.keys(fieldsOf(bad.body)).sort()).toEqual(['purpose']);
    const checked = await grant(c.id, { granteeCode: 'demo-pua', expiresOn: inDays(-1), legalBasis: '' }).expect(422);
    expect(fieldsOf(checked.body)).toEqual({
      granteeCode: expect.stringContaining('vede già'),
      expiresOn: expect.stringContaining('futura'),
      legalBasis: expect.stringContaining('consenso'),
    });
    const far = await grant(c.id, { expiresOn: inDays(400), legalBasis: 'consent', granteeCode: 'nessuna' }).expect(422);
    expect(Object.keys(fieldsOf(far.body)).sort()).toEqual(['expiresOn', 'granteeCode', 'legalBasis']);

    const token = await formToken(assistente.agent, `/cartelle/${c.id}/shares`);
    const page = await assistente.agent
      .post(`/cartelle/${c.id}/shares`)
      .type('form')
      .send({ _csrf: token, granteeCode: 'demo-asl', parts: 'plan', purpose: 'UVMD', expiresOn: inDays(500), legalBasis: '' })
      .expect(422);
    expect(page.text).toContain('id="error-expiresOn"');
    expect(page.text).toContain('id="error-legalBasis"');
    expect(page.text).toMatch(/id="field-parts-plan"[^>]*checked/);
    expect((await asOwner<{ n: string }>(app, 'select count(*) as n from core.cartella_share where cartella_id = ?', [c.id]))[0]!.n).toBe(
      '0',
    );

    // With a consent to sharing on record, the basis is the consent.
    await assistente
      .post(`/api/v1/cartelle/${c.id}/consents`, { kind: 'consent', purpose: 'condivisione-sanitaria', givenBy: 'interessato' })
      .expect(201);
    const consented = await grant(c.id, { legalBasis: undefined, parts: ['plan'] }).expect(201);
    expect(consented.body).toMatchObject({ legalBasis: 'consent', parts: ['summary', 'plan'] });
    const form = await assistente.agent.get(`/cartelle/${c.id}/shares`).expect(200);
    expect(form.text).toContain('data-testid="consent-on-record"');
  });

  it('is granted and revoked from the pages', async () => {
    const c = await newCartella('Pagine');
    const token = await formToken(assistente.agent, `/cartelle/${c.id}/shares`);
    const done = await assistente.agent
      .post(`/cartelle/${c.id}/shares`)
      .type('form')
      .send({
        _csrf: token,
        granteeCode: 'demo-asl',
        parts: ['assessments', 'diary'],
        purpose: 'UVMD',
        expiresOn: inDays(30),
        legalBasis: 'care',
      })
      .expect(302);
    expect(done.headers.location).toContain(`/cartelle/${c.id}/shares?saved=1`);
    const list = await assistente.agent.get(`/cartelle/${c.id}/shares`).expect(200);
    const shareId = /data-share-id="([0-9a-f-]{36})" data-status="active"/.exec(list.text)![1]!;
    const cartellaPage = await assistente.agent.get(`/cartelle/${c.id}`).expect(200);
    expect(cartellaPage.text).toContain('data-testid="shares-summary"');
    expect(cartellaPage.text).not.toContain('data-testid="shared-banner"');
    const received = await asl.agent.get('/cartelle/shared').expect(200);
    expect(received.text).toContain(`data-cartella-id="${c.id}"`);
    // The page is under its own menu entry, not also under "Le mie cartelle" at /cartelle.
    expect(received.text.match(/aria-current="page"><span>([^<]*)</g)).toEqual(['aria-current="page"><span>Cartelle condivise con noi<']);
    await assistente.agent
      .post(`/cartelle/${c.id}/shares/${shareId}/revoke`)
      .type('form')
      .send({ _csrf: await formToken(assistente.agent, `/cartelle/${c.id}/shares`) })
      .expect(302);
    expect((await asl.agent.get('/cartelle/shared').expect(200)).text).not.toContain(`data-cartella-id="${c.id}"`);
  });
});
