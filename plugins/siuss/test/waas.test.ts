// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The WaaS e-service as INPS drives it through PDND, every request and response checked against INPS's own
 * contract (`schemas/api-comuni.yaml`): flussi taken in pages from `since`, esiti posted back and the records
 * moving with them, only newer flussi after the last `ts_flusso`, and every refusal a Problem of the contract.
 * The vouchers come from a local authority on loopback and are checked by the real JWKS verifier.
 */
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { actIn, apiClient, createTestApp, formToken, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { SIMULATED_INPS_CLIENT, startSimulatedAuthority, type SimulatedAuthority } from '../src/pdnd';
import { loadContract, type Method } from './openapi';
import { ELSA, homeCare, today } from './people';
import { validateAgainstXsd } from './xsd';

const contract = loadContract(join(__dirname, '..', 'schemas', 'api-comuni.yaml'));
const INPS = '5f1a1b0e-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const AUDIENCE = 'https://sigess.example.it/p/siuss/waas';

/**
 * The platform with the e-service on, its vouchers checked by the real JWKS verifier against a simulated PDND
 * authority, and a voucher of INPS's for `purposeId`.
 */
async function startEService(purposeId: string): Promise<{ pdnd: SimulatedAuthority; app: TestApp; voucher: string }> {
  const pdnd = await startSimulatedAuthority({ issuer: 'uat.interop.pagopa.it' });
  const app = await createTestApp({
    plugins: ['siuss'],
    pluginSettings: {
      siuss: {
        waas: {
          enabled: true,
          pdnd: { mode: 'jwks', jwksUrl: pdnd.jwksUrl, issuer: pdnd.issuer, audience: AUDIENCE, allowedClients: [INPS] },
        },
      },
    },
  });
  const voucher = await pdnd.issueVoucher({ clientId: INPS, audience: AUDIENCE, purposeId });
  return { pdnd, app, voucher };
}

/** A PS flusso of one beneficiary and one prestazione, as the XSD wants it (non-ASCII on purpose: base64 of UTF-8). */
function psXml(idFlusso: string, codiceFiscale: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Flusso xmlns="http://inps.it/Casellario">` +
    `<IdentificazioneFlusso Nome="${idFlusso}"><Ente Codice="G148" Denominazione="Comune di Orvieto" Indirizzo="G148" CFOperatore="81000100552"/></IdentificazioneFlusso>` +
    `<Beneficiario CodiceFiscale="${codiceFiscale}">` +
    `<Anagrafica Cognome="Rossi" Nome="Maria" AnnoNascita="1940" LuogoNascita="G148" Genere="2" CodiceCittadinanza="380"/>` +
    `<Indirizzo CodiceRegione="10" CodiceComune="055023" CodiceNazione="380"/>` +
    `<PrestazioniSociali TipoOperazione="I" PresenzaProvaMezzi="4" CaratterePrestazione="2" CodicePrestazione="A1.16" ` +
    `DenominazionePrestazione="Contributi economici per servizio trasporto e mobilità" ProtocolloDomanda="OR/2026/0001" ` +
    `DataErogazionePrestazione="2026-03-10" ImportoPrestazione="150" PresaCarico="2"/>` +
    `</Beneficiario></Flusso>`
  );
}

/**
 * The API as INPS calls it, under one ente's e-service: every response checked against the contract, and every
 * request too (`conforming`), but for the tests of what the e-service does with requests the contract refuses.
 */
function inpsClient(app: TestApp, ente: string) {
  const base = `/p/siuss/waas/${ente}/v1`;
  const checked = <R extends { status: number; headers: Record<string, string>; text: string }>(
    path: string,
    method: Method,
    res: R,
  ): R => {
    expect(contract.response(path, method, res.status, res.headers['content-type'], res.text)).toEqual([]);
    // Whatever the status, an error is the contract's Problem.
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res;
  };
  const auth = (voucher: string | null) => (voucher === null ? {} : { Authorization: `Bearer ${voucher}` });
  return {
    async status(voucher: string | null) {
      return checked('/status', 'get', await app.newAgent().get(`${base}/status`).set(auth(voucher)));
    },
    async flussi(voucher: string | null, query: Record<string, string | undefined>, conforming = true) {
      if (conforming) expect(contract.parameters('/flussi', 'get', query)).toEqual([]);
      const sent = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as Record<string, string>;
      return checked('/flussi', 'get', await app.newAgent().get(`${base}/flussi`).query(sent).set(auth(voucher)));
    },
    async esiti(voucher: string | null, body: unknown, conforming = true) {
      if (conforming) expect(contract.requestBody('/esiti', 'post', body)).toEqual([]);
      return checked(
        '/esiti',
        'post',
        await app
          .newAgent()
          .post(`${base}/esiti`)
          .set(auth(voucher))
          .send(body as object),
      );
    },
  };
}

interface Served {
  codice_ente: string;
  denominazione_ente: string;
  id_flusso: string;
  tipo: string;
  ts_flusso: string;
  flusso: string;
}

describe('the WaaS e-service, as INPS calls it through PDND', () => {
  let app: TestApp;
  let pdnd: SimulatedAuthority;
  let voucher: string;
  const inps = () => inpsClient(app, 'G148');
  /** The flussi inserted for Orvieto (G148), oldest first, and their records. */
  const flussi: { id: string; tsMs: number; xml: string; recordId: string; personId: string }[] = [];
  let comuneId: string;

  /**
   * A record of the `n`th demo cartella (Orvieto's: the demo has four) and its flusso, the `seq`th of the day,
   * sent by `ente`, published at `tsMs`.
   */
  async function insertFlusso(em: EntityManager, ente: { id: string; code: string }, n: number, seq: number, tsMs: number) {
    const [cartella] = await em.execute<{ id: string; personId: string; ownerId: string }[]>(
      `select c.id::text as id, c.person_id::text as "personId", c.owner_org_id::text as "ownerId"
       from core.cartella c join core.organization o on o.id = c.owner_org_id
       where o.id = ? or o.parent_id = ? order by c.opened_on, c.id offset ? limit 1`,
      [comuneId, comuneId, n],
    );
    const idFlusso = `${ente.code}.PS.20261125.${String(seq).padStart(7, '0')}`;
    const xml = psXml(idFlusso, 'RSSMRA40D41G148X');
    const [record] = await em.execute<{ id: string }[]>(
      `insert into plg_siuss.record (owner_org_id, ente_org_id, kind, source_id, cartella_id, person_id, reference_date, data, status, digest, last_flusso)
       values (?, ?, 'PS_PSA_SINA', gen_random_uuid(), ?, ?, '2026-03-10', '{}', 'sent', 'digest', ?) returning id::text as id`,
      [cartella!.ownerId, ente.id, cartella!.id, cartella!.personId, idFlusso],
    );
    await em.execute(
      `insert into plg_siuss.flusso (id_flusso, record_id, owner_org_id, ente_org_id, tipo, operation, ts_ms, xml, digest)
       values (?, ?, ?, ?, 'PS_PSA_SINA', 'I', ?, ?, 'digest')`,
      [idFlusso, record!.id, cartella!.ownerId, ente.id, tsMs, xml],
    );
    return { id: idFlusso, tsMs, xml, recordId: record!.id, personId: cartella!.personId };
  }

  beforeAll(async () => {
    ({ pdnd, app, voucher } = await startEService('b5c1e4a2-0000-4000-8000-000000000001'));
    await asOwner(app, async (em) => {
      const orgs = await em.execute<{ id: string; code: string }[]>(
        `select o.id::text as id, o.belfiore_code as code from core.organization o where o.code in ('demo-comune', 'demo-comune-2') order by o.code`,
      );
      const [orvieto, allerona] = orgs as [{ id: string; code: string }, { id: string; code: string }];
      comuneId = orvieto.id;
      const t0 = Date.UTC(2026, 10, 25, 9, 0, 0, 123);
      for (let n = 0; n < 3; n += 1) flussi.push(await insertFlusso(em, orvieto, n, n + 1, t0 + n * 1_000));
      // A flusso Allerona sends (for a cartella Orvieto's scope sees), in between: never served under Orvieto's e-service.
      await insertFlusso(em, allerona, 3, 1, t0 + 1_500);
    });
    expect(await validateAgainstXsd(flussi[0]!.xml, 'PS_PSA_SINA')).toEqual([]);
  });
  afterAll(async () => {
    await app?.close();
    await pdnd?.close();
  });

  it('answers its status as a Problem with 200', async () => {
    const res = await inps().status(voucher);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual(expect.objectContaining({ status: 200, title: 'Servizio attivo' }));
  });

  it('serves the flussi in pages from `since`, oldest first, the same bytes each time, and audits the reading', async () => {
    const query = { since: '0', limit: '2' };
    expect(contract.parameters('/flussi', 'get', query)).toEqual([]);
    const first = await inps().flussi(voucher, query);
    expect(first.status).toBe(200);
    const page: Served[] = first.body.elenco_flussi;
    expect(page.map((f) => f.id_flusso)).toEqual([flussi[0]!.id, flussi[1]!.id]);
    expect(page[0]).toEqual({
      codice_ente: 'G148',
      denominazione_ente: 'Comune di Orvieto',
      id_flusso: flussi[0]!.id,
      tipo: 'PS_PSA_SINA',
      ts_flusso: new Date(flussi[0]!.tsMs).toISOString(),
      flusso: Buffer.from(flussi[0]!.xml, 'utf8').toString('base64'),
    });
    expect(Buffer.from(page[0]!.flusso, 'base64').toString('utf8')).toContain('trasporto e mobilità');
    // The rest, from the last ts_flusso of the page (in epoch milliseconds, as the contract's `since`).
    const rest = await inps().flussi(voucher, { since: String(Date.parse(page[1]!.ts_flusso)) });
    expect(rest.body.elenco_flussi.map((f: Served) => f.id_flusso)).toEqual([flussi[2]!.id]);
    // Served again: byte for byte.
    expect((await inps().flussi(voucher, query)).text).toBe(first.text);
    // INPS read personal data: an entry per flusso, about its person, in Orvieto's log, named by its PDND client,
    // for the purpose its voucher declared.
    const reads = await asOwner(app, (em) =>
      em.execute<
        {
          actor: string;
          operator_id: string | null;
          organization_id: string;
          role_id: string;
          entity_id: string;
          purpose: string | null;
          flusso: string;
        }[]
      >(
        `select actor, operator_id, organization_id::text as organization_id, role_id, entity_id, purpose, details->>'flusso' as flusso
         from core.audit_log where action = 'siuss.waas.flusso.read' and entity = 'person' order by id`,
      ),
    );
    expect(reads.map((r) => r.flusso)).toEqual([flussi[0]!.id, flussi[1]!.id, flussi[2]!.id, flussi[0]!.id, flussi[1]!.id]);
    for (const r of reads)
      expect(r).toMatchObject({
        actor: `service:${INPS}`,
        operator_id: null,
        organization_id: comuneId,
        role_id: 'siuss-inps',
        purpose: 'b5c1e4a2-0000-4000-8000-000000000001',
      });
    expect(reads[2]!.entity_id).toBe(flussi[2]!.personId);
  });

  it('takes the esiti: an OK with its SIUSS acquisition id accepts the record, a RICHIESTA_INVALIDA rejects it', async () => {
    const at = new Date().toISOString();
    const body = {
      elenco_esiti: [
        {
          id_flusso: flussi[0]!.id,
          tipo: 'PS_PSA_SINA',
          ts_flusso: new Date(flussi[0]!.tsMs).toISOString(),
          ts_acquisizione: at,
          codice_esito: 'OK',
          id_acquisizione_siuss: '22738',
        },
        {
          id_flusso: flussi[1]!.id,
          tipo: 'PS_PSA_SINA',
          ts_flusso: new Date(flussi[1]!.tsMs).toISOString(),
          ts_acquisizione: at,
          codice_esito: 'RICHIESTA_INVALIDA',
          descrizione_esito: 'In cooperazione è possibile inviare solo un beneficiario e una prestazione sociale',
        },
      ],
    };
    expect(contract.requestBody('/esiti', 'post', body)).toEqual([]);
    const res = await inps().esiti(voucher, body);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const records = await asOwner(app, (em) =>
      em.execute<
        { id: string; status: string; acquired: boolean; esito: string | null; acquisizione: string | null; description: string | null }[]
      >(
        `select r.id::text as id, r.status, r.acquired, f.esito, f.id_acquisizione_siuss as acquisizione, f.esito_description as description
         from plg_siuss.record r join plg_siuss.flusso f on f.id_flusso = r.last_flusso where r.id = any (?::uuid[])`,
        [`{${flussi.map((f) => f.recordId).join(',')}}`],
      ),
    );
    const byRecord = new Map(records.map((r) => [r.id, r]));
    expect(byRecord.get(flussi[0]!.recordId)).toMatchObject({ status: 'accepted', acquired: true, esito: 'OK', acquisizione: '22738' });
    expect(byRecord.get(flussi[1]!.recordId)).toMatchObject({ status: 'rejected', acquired: false, esito: 'RICHIESTA_INVALIDA' });
    expect(byRecord.get(flussi[1]!.recordId)!.description).toContain('un beneficiario e una prestazione');
    expect(byRecord.get(flussi[2]!.recordId)).toMatchObject({ status: 'sent', esito: null });
    // Posted again (INPS retries until it gets a 2xx): the same outcome, no error.
    expect((await inps().esiti(voucher, body)).status).toBe(204);
  });

  it('serves only what is newer than the last ts_flusso: nothing, then the flusso published since', async () => {
    const since = String(flussi[2]!.tsMs);
    const none = await inps().flussi(voucher, { since });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ elenco_flussi: [] });
    const later = await asOwner(app, (em) => insertFlusso(em, { id: comuneId, code: 'G148' }, 3, 4, flussi[2]!.tsMs + 60_000));
    const next = await inps().flussi(voucher, { since, limit: '10' });
    expect(next.body.elenco_flussi.map((f: Served) => f.id_flusso)).toEqual([later.id]);
    expect(next.body.elenco_flussi[0].ts_flusso).toBe(new Date(later.tsMs).toISOString());
    // `limit=0` asks for nothing; a `since` beyond any timestamp finds nothing.
    expect((await inps().flussi(voucher, { since: '0', limit: '0' })).body).toEqual({ elenco_flussi: [] });
    expect((await inps().flussi(voucher, { since: '9223372036854775807' })).body).toEqual({ elenco_flussi: [] });
  });

  it.each([
    ['no since', { limit: '5' }],
    ['an empty since', { since: '' }],
    ['a negative since', { since: '-1' }],
    ['a fractional since', { since: '1.5' }],
    ['a since that is no number', { since: 'yesterday' }],
    ['a since beyond int64', { since: '100000000000000000000' }],
    ['a limit above 100', { since: '0', limit: '101' }],
    ['a negative limit', { since: '0', limit: '-1' }],
    ['a limit that is no number', { since: '0', limit: 'ten' }],
  ])('refuses %s with a 400 Problem, as the contract does', async (_, query) => {
    expect(contract.parameters('/flussi', 'get', query)).not.toEqual([]);
    const res = await inps().flussi(voucher, query, false);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
  });

  it.each([
    ['an esito without its required members', { elenco_esiti: [{ id_flusso: 'G148.PS.20261125.0000001' }] }],
    ['a member ElencoEsiti does not have', { elenco_esiti: [], altro: true }],
    [
      'an unknown codice_esito',
      {
        elenco_esiti: [
          {
            id_flusso: 'x',
            tipo: 'SINBA',
            ts_flusso: '2026-11-25T09:00:00.000Z',
            ts_acquisizione: '2026-11-25T10:00:00.000Z',
            codice_esito: 'FORSE',
          },
        ],
      },
    ],
    [
      'a ts_acquisizione that is no date-time',
      {
        elenco_esiti: [
          { id_flusso: 'x', tipo: 'SINBA', ts_flusso: '2026-11-25T09:00:00.000Z', ts_acquisizione: 'ieri', codice_esito: 'OK' },
        ],
      },
    ],
  ])('refuses %s in the esiti with a 400 Problem, as the contract does', async (_, body) => {
    expect(contract.requestBody('/esiti', 'post', body)).not.toEqual([]);
    const res = await inps().esiti(voucher, body, false);
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain('ElencoEsiti');
  });

  it('refuses with a 401 Problem a request without a voucher, or with a voucher it must not accept', async () => {
    const other = await startSimulatedAuthority({ issuer: pdnd.issuer });
    try {
      const refused = [
        null,
        'not-a-jwt',
        // Signed by a key PDND does not publish.
        await other.issueVoucher({ clientId: INPS, audience: AUDIENCE }),
        // Expired an hour ago.
        await pdnd.issueVoucher({ clientId: INPS, audience: AUDIENCE, issuedAt: new Date(Date.now() - 3_600_000), ttlSeconds: 600 }),
        // Another PDND consumer's client.
        await pdnd.issueVoucher({ clientId: 'c0ffee00-0000-4000-8000-000000000000', audience: AUDIENCE }),
        // For another e-service.
        await pdnd.issueVoucher({ clientId: INPS, audience: 'https://altro.example.it/api' }),
        // Signed with PDND's key, but not as PDND's vouchers are: another issuer, another type.
        await pdnd.issueVoucher({ clientId: INPS, audience: AUDIENCE, issuer: 'interop.pagopa.it' }),
        await pdnd.issueVoucher({ clientId: INPS, audience: AUDIENCE, typ: 'JWT' }),
      ];
      for (const bad of refused) {
        for (const res of [
          await inps().flussi(bad, { since: '0' }),
          await inps().status(bad),
          await inps().esiti(bad, { elenco_esiti: [] }),
        ]) {
          expect(res.status).toBe(401);
          expect(res.headers['www-authenticate']).toBe('Bearer');
        }
      }
      // Nothing was served: the audit log holds no reading by anyone but INPS.
      const readers = await asOwner(app, (em) =>
        em.execute<{ actor: string }[]>(`select distinct actor from core.audit_log where action = 'siuss.waas.flusso.read'`),
      );
      expect(readers).toEqual([{ actor: `service:${INPS}` }]);
    } finally {
      await other.close();
    }
  });

  it('shows system administrators each ente’s address and how vouchers are checked, and gives no voucher with real PDND', async () => {
    const admin = await signIn(app, 'admin');
    const page = await admin.get('/p/siuss/admin/waas').expect(200);
    expect(page.text).toContain('<code>/p/siuss/waas/G148/v1</code>');
    expect(page.text).toContain(`<code>${pdnd.jwksUrl}</code>`);
    expect(page.text).toContain(`<code>${INPS}</code>`);
    expect(page.text).not.toContain('data-testid="waas-voucher-form"');
    const refused = await admin
      .post('/p/siuss/admin/waas/voucher')
      .type('form')
      .send({ _csrf: await formToken(admin, '/p/siuss/admin/waas'), ente: 'G148' })
      .expect(409);
    expect(refused.text).toContain('I voucher si ottengono qui solo con l’autorità PDND simulata');
  });

  it('answers 404 Problem for an ente it does not serve, and ignores an operator’s session on the e-service', async () => {
    // Roma is a comune of the territory but no organization of this installation.
    const res = await inpsClient(app, 'H501').flussi(voucher, { since: '0' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ status: 404, detail: 'Nessun ente con questo codice Belfiore pubblica qui l’e-service WaaS.' });
    const admin = await signIn(app, 'admin');
    const withSession = await admin.get('/p/siuss/waas/G148/v1/flussi?since=0');
    expect(withSession.status).toBe(401);
    expect(contract.response('/flussi', 'get', withSession.status, withSession.headers['content-type'], withSession.text)).toEqual([]);
  });
});

/**
 * A comune's e-service serves every flusso the comune sends, whoever in its tree owns the record: a municipio of
 * the comune (which keeps its own cartelle) and the comune's PUA (a desk of the comune, whose cartelle core files
 * under the comune: here one left owned by the PUA, as a migration from the PUA's former software leaves them).
 * Each intervention is approved by the ambito's service manager, its record built and published through the real
 * path, and taken by INPS under Orvieto's e-service.
 */
describe('the WaaS e-service and the records of the organizations below the comune', () => {
  let app: TestApp;
  let pdnd: SimulatedAuthority;
  let voucher: string;
  let orgs: Map<string, string>;

  beforeAll(async () => {
    ({ pdnd, app, voucher } = await startEService('b5c1e4a2-0000-4000-8000-000000000002'));
    orgs = await asOwner(app, async (em) => {
      await em.execute(`update core.organization set tax_code = '00123450557' where code = 'demo-comune' and tax_code is null`);
      await em.execute(
        `insert into core.organization (code, name, kind, parent_id)
         select 'demo-municipio', 'Municipio Orvieto Scalo', 'municipio', id from core.organization where code = 'demo-comune'`,
      );
      await em.execute(
        `insert into core.membership (operator_id, organization_id, role_id)
         select o.id, g.id, 'social-worker' from core.operator o, core.organization g
         where o.username = 'assistente' and g.code = 'demo-municipio'`,
      );
      const rows = await em.execute<{ id: string; code: string }[]>(`select id::text as id, code from core.organization`);
      return new Map(rows.map((r) => [r.code, r.id]));
    });
  });
  afterAll(async () => {
    await app?.close();
    await pdnd?.close();
  });

  /**
   * A person, her cartella and an intervention recorded by the social worker acting in `actingIn`, left owned by
   * `owner` when given (the migrated PUA's), then approved by the ambito's service manager.
   */
  async function approvedIntervention(person: object, actingIn: string, owner?: string): Promise<{ personId: string; ownerCode: string }> {
    const worker = await apiClient(await actIn(await signIn(app, 'assistente'), actingIn));
    const manager = await apiClient(await signIn(app, 'responsabile'));
    const registered = await worker.post('/api/v1/people', person);
    expect(registered.body.errors ?? []).toEqual([]);
    const personId = registered.body.id as string;
    const cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    const requested = await worker.post('/api/v1/interventions', homeCare(cartellaId));
    expect(requested.body.errors ?? []).toEqual([]);
    if (owner)
      await asOwner(app, async (em) => {
        await em.execute(`update core.cartella set owner_org_id = ? where id = ?`, [orgs.get(owner), cartellaId]);
        await em.execute(`update core.intervention set owner_org_id = ? where id = ?`, [orgs.get(owner), requested.body.id]);
      });
    await manager
      .post(`/api/v1/interventions/${requested.body.id}/transitions`, {
        move: 'approve',
        act: 'DD 9/2026',
        actDate: today(),
        version: requested.body.version,
      })
      .expect(200);
    const [row] = await asOwner(app, (em) =>
      em.execute<{ code: string }[]>(
        `select o.code from core.intervention i join core.organization o on o.id = i.owner_org_id where i.id = ?`,
        [requested.body.id],
      ),
    );
    return { personId, ownerCode: row!.code };
  }

  it.each([
    ['a municipio of the comune', 'Municipio Orvieto Scalo', undefined, 'demo-municipio', { ...ELSA }],
    [
      'the comune’s PUA',
      'Comune di Orvieto',
      'demo-pua',
      'demo-pua',
      { ...ELSA, surname: 'Rossi', name: 'Maria', birthDate: '1940-04-01', codiceFiscale: 'RSSMRA40D41G148D', birthPlaceCode: 'G148' },
    ],
  ])('serves, under the comune’s e-service, the flusso of an intervention owned by %s', async (_, actingIn, owner, ownerCode, person) => {
    const approved = await approvedIntervention(person, actingIn, owner);
    // The intervention, and so its record, belongs to the organization below the comune that sends it.
    expect(approved.ownerCode).toBe(ownerCode);
    const manager = await apiClient(await signIn(app, 'responsabile'));
    const month = today().slice(0, 7);
    const records = (await manager.get(`/p/siuss/api/records?from=${month}&to=${month}`).expect(200)).body.items as {
      personId: string;
      organizationId: string;
      status: string;
      lastFlusso: string | null;
    }[];
    const record = records.find((r) => r.personId === approved.personId)!;
    expect(record).toMatchObject({
      organizationId: orgs.get(ownerCode),
      status: 'sent',
      lastFlusso: expect.stringMatching(/^G148\.PS\.\d{8}\.\d{7}$/),
    });

    const res = await inpsClient(app, 'G148').flussi(voucher, { since: '0', limit: '100' });
    expect(res.status).toBe(200);
    const served = (res.body.elenco_flussi as Served[]).find((f) => f.id_flusso === record.lastFlusso);
    expect(served).toMatchObject({ codice_ente: 'G148', denominazione_ente: 'Comune di Orvieto', tipo: 'PS_PSA_SINA' });
    expect(Buffer.from(served!.flusso, 'base64').toString('utf8')).toContain(
      `CodiceFiscale="${(person as { codiceFiscale: string }).codiceFiscale}"`,
    );
    // INPS's reading is in the comune's log, about the person of the organization below it.
    const reads = await asOwner(app, (em) =>
      em.execute<{ entity_id: string; organization: string }[]>(
        `select l.entity_id, o.code as organization from core.audit_log l join core.organization o on o.id = l.organization_id
         where l.action = 'siuss.waas.flusso.read' and l.details->>'flusso' = ?`,
        [record.lastFlusso],
      ),
    );
    expect(reads).toEqual([{ entity_id: approved.personId, organization: 'demo-comune' }]);
  });
});

describe('the WaaS e-service with the simulated PDND authority (demo)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'], pluginSettings: { siuss: { waas: { enabled: true, pdnd: { mode: 'simulated' } } } } });
  });
  afterAll(() => app.close());

  it('gives a system administrator a voucher and the curl commands that try the e-service; nobody else', async () => {
    const admin = await signIn(app, 'admin');
    const page = await admin.get('/p/siuss/admin/waas').expect(200);
    expect(page.text).toContain('/p/siuss/waas/G148/v1');
    const issued = await admin
      .post('/p/siuss/admin/waas/voucher')
      .type('form')
      .send({ _csrf: await formToken(admin, '/p/siuss/admin/waas'), ente: 'G148' })
      .expect(200);
    // The page as the administrator reads it (and copies it to a terminal).
    const text = issued.text.replace(/&(#x([0-9a-f]+)|quot|amp|lt|gt);/gi, (_, name: string, hex?: string) =>
      hex
        ? String.fromCharCode(parseInt(hex, 16))
        : ({ quot: '"', amp: '&', lt: '<', gt: '>' } as Record<string, string>)[name.toLowerCase()]!,
    );
    const voucher = /export VOUCHER='([A-Za-z0-9._-]+)'/.exec(text)?.[1];
    expect(voucher).toBeDefined();
    expect(text).toContain('curl -s -H "Authorization: Bearer $VOUCHER" "$SIGESS/p/siuss/waas/G148/v1/flussi?since=0&limit=10"');
    const status = await app.newAgent().get('/p/siuss/waas/G148/v1/status').set('Authorization', `Bearer ${voucher}`).expect(200);
    expect(contract.response('/status', 'get', status.status, status.headers['content-type'], status.text)).toEqual([]);
    const flussi = await app.newAgent().get('/p/siuss/waas/G148/v1/flussi?since=0').set('Authorization', `Bearer ${voucher}`).expect(200);
    expect(flussi.body).toEqual({ elenco_flussi: [] });
    // The issue is audited, the voucher never written down.
    const entries = await asOwner(app, (em) =>
      em.execute<{ details: Record<string, unknown> }[]>(`select details from core.audit_log where action = 'siuss.waas.voucher.issue'`),
    );
    expect(entries).toEqual([{ details: { clientId: SIMULATED_INPS_CLIENT, ente: 'G148' } }]);
    // An organization's administrator may not: a voucher reads every comune's flussi.
    await (await signIn(app, 'ente')).get('/p/siuss/admin/waas').expect(403);
  });
});

describe('the WaaS e-service turned off (the default)', () => {
  it('answers 404 under its whole prefix, voucher or not', async () => {
    const app = await createTestApp({ plugins: ['siuss'] });
    try {
      const res = await app.newAgent().get('/p/siuss/waas/G148/v1/status').set('Authorization', 'Bearer x.y.z');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
    }
  });
});
