// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The monitoring pages as an operator goes through them: the period chosen stays through "Aggiorna ora", an esiti
 * file, the lists and the records' pages (never copied raw into a link); the months read as words in the
 * operator's language; and the service manager of an ambito, above the comuni, loads a file of esiti for every
 * comune below, each esito applied to the ente its flusso names, as a comune's own manager does for the comune.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { actIn, asOwner, createTestApp, formToken, signIn, type TestApp } from '@sigess/core/testing';

type Agent = Awaited<ReturnType<typeof signIn>>;

/** The period the tests look at: the published records below are of March 2026. */
const FROM = '2026-02';
const TO = '2026-04';
const PERIOD = `from=${FROM}&to=${TO}`;

/** An attribute's text as the browser reads it (Handlebars escapes `&`, `=`, quotes…). */
const decode = (text: string): string =>
  text.replace(/&(#x([0-9a-f]+)|amp|quot|lt|gt);/gi, (_, name: string, hex?: string) =>
    hex
      ? String.fromCharCode(parseInt(hex, 16))
      : ({ amp: '&', quot: '"', lt: '<', gt: '>' } as Record<string, string>)[name.toLowerCase()]!,
  );
/** Every link of a page, as the browser follows it. */
const links = (page: string): string[] => [...page.matchAll(/<a [^>]*href="([^"]*)"/g)].map((m) => decode(m[1]!));
/** The link with this test id, or undefined. */
const link = (page: string, testid: string): string | undefined => {
  const match = new RegExp(`<a href="([^"]*)" data-testid="${testid}"`).exec(page);
  return match ? decode(match[1]!) : undefined;
};

interface Published {
  readonly idFlusso: string;
  readonly recordId: string;
}

describe('the SIUSS monitoring pages', () => {
  let app: TestApp;
  /** Organization ids by code. */
  let orgs: Map<string, string>;
  /** The day's progressive of each ente's flussi, for the ids of the flussi published here. */
  const progressive = new Map<string, number>();

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'], pluginSettings: { siuss: { waas: { enabled: true, pdnd: { mode: 'simulated' } } } } });
    orgs = await asOwner(app, async (em) => {
      // A comune outside the demo ambito (Terni, in the region): out of the ambito manager's reach.
      await em.execute(
        `insert into core.organization (code, name, kind, parent_id, belfiore_code, istat_code)
         select 'altro-comune', 'Comune di Terni', 'comune', id, 'L117', '055032' from core.organization where code = 'demo-regione'`,
      );
      // The ambito's service manager is also the service manager of Orvieto, as in a small comune.
      await em.execute(
        `insert into core.membership (operator_id, organization_id, role_id)
         select o.id, g.id, 'service-manager' from core.operator o, core.organization g
         where o.username = 'responsabile' and g.code = 'demo-comune'`,
      );
      const rows = await em.execute<{ id: string; code: string }[]>(`select id::text as id, code from core.organization`);
      return new Map(rows.map((r) => [r.code, r.id]));
    });
  });
  afterAll(() => app?.close());

  /** The demo's service manager, who works at the ambito (and, here, at Orvieto too), acting at the ambito. */
  const atAmbito = async () => actIn(await signIn(app, 'responsabile'), 'Ambito territoriale sociale Demo');

  /**
   * A record of March 2026 owned by the comune `code` and its flusso published for INPS, as publication leaves them
   * (the record of an Orvieto cartella: the record's owner is what matters to the pages and to row-level security).
   */
  async function published(code: string, belfiore: string): Promise<Published> {
    const seq = (progressive.get(belfiore) ?? 0) + 1;
    progressive.set(belfiore, seq);
    const idFlusso = `${belfiore}.PS.20260310.${String(seq).padStart(7, '0')}`;
    const ente = orgs.get(code)!;
    return asOwner(app, async (em: EntityManager) => {
      const [cartella] = await em.execute<{ id: string; personId: string }[]>(
        `select c.id::text as id, c.person_id::text as "personId" from core.cartella c
         where c.owner_org_id = ? order by c.opened_on, c.id limit 1`,
        [orgs.get('demo-comune')],
      );
      const [record] = await em.execute<{ id: string }[]>(
        `insert into plg_siuss.record (owner_org_id, ente_org_id, kind, source_id, cartella_id, person_id, reference_date, data, status, digest, last_flusso)
         values (?, ?, 'PS_PSA_SINA', gen_random_uuid(), ?, ?, '2026-03-10', '{}', 'sent', 'digest', ?) returning id::text as id`,
        [ente, ente, cartella!.id, cartella!.personId, idFlusso],
      );
      await em.execute(
        `insert into plg_siuss.flusso (id_flusso, record_id, owner_org_id, ente_org_id, tipo, operation, ts_ms, xml, digest)
         values (?, ?, ?, ?, 'PS_PSA_SINA', 'I', ?, '<Flusso/>', 'digest')`,
        [idFlusso, record!.id, ente, ente, Date.UTC(2026, 2, 10) + seq],
      );
      return { idFlusso, recordId: record!.id };
    });
  }

  const esito = (idFlusso: string, codice: 'OK' | 'RICHIESTA_INVALIDA') => ({
    id_flusso: idFlusso,
    tipo: 'PS_PSA_SINA',
    ts_flusso: '2026-03-10T09:00:00.000Z',
    ts_acquisizione: '2026-03-12T10:00:00.000Z',
    codice_esito: codice,
    ...(codice === 'OK' ? { id_acquisizione_siuss: `SIUSS-${idFlusso.slice(-3)}` } : { descrizione_esito: 'Codice fiscale non valido' }),
  });

  /** Loads a file of esiti from the monitoring page of the period, as the form sends it (the token before the file). */
  async function upload(agent: Agent, esiti: object[]) {
    const token = await formToken(agent, `/p/siuss/monitoring?${PERIOD}`);
    return agent
      .post(`/p/siuss/esiti?${PERIOD}`)
      .field('_csrf', token)
      .attach('file', Buffer.from(JSON.stringify({ elenco_esiti: esiti })), { filename: 'esiti.json', contentType: 'application/json' });
  }

  async function statuses(records: readonly Published[]): Promise<string[]> {
    const rows = await asOwner(app, (em) =>
      em.execute<{ id: string; status: string }[]>(`select id::text as id, status from plg_siuss.record where id = any (?::uuid[])`, [
        `{${records.map((r) => r.recordId).join(',')}}`,
      ]),
    );
    const byId = new Map(rows.map((r) => [r.id, r.status]));
    return records.map((r) => byId.get(r.recordId)!);
  }

  async function esitiLoads(): Promise<{ ente: string; applied: number; unknown: number }[]> {
    return asOwner(app, (em) =>
      em.execute<{ ente: string; applied: number; unknown: number }[]>(
        `select o.code as ente, (l.details->>'applied')::int as applied, (l.details->>'unknown')::int as unknown
         from core.audit_log l join core.organization o on o.id::text = l.entity_id
         where l.action = 'siuss.esiti.load' order by l.id`,
      ),
    );
  }

  // First, before the records below exist: rebuilding would withdraw them (they come from no intervention).
  it('comes back to the period shown after "Aggiorna ora", and refuses a period that is no month', async () => {
    const manager = await atAmbito();
    const page = await manager.get(`/p/siuss/monitoring?${PERIOD}`).expect(200);
    const refresh = /<form[^>]*data-testid="siuss-refresh"[^>]*>([\s\S]*?)<\/form>/.exec(page.text)![1]!;
    expect(refresh).toContain(`<input type="hidden" name="from" value="${FROM}">`);
    expect(refresh).toContain(`<input type="hidden" name="to" value="${TO}">`);
    const token = await formToken(manager, `/p/siuss/monitoring?${PERIOD}`);

    const res = await manager.post('/p/siuss/monitoring/refresh').type('form').send({ _csrf: token, from: FROM, to: TO }).expect(302);
    expect(res.headers.location).toMatch(new RegExp(`^/p/siuss/monitoring\\?from=${FROM}&to=${TO}&refreshed=\\d+$`));
    const back = await manager.get(res.headers.location!).expect(200);
    expect(back.text).toContain(`id="from" name="from" value="${FROM}"`);
    expect(back.text).toContain(`id="to" name="to" value="${TO}"`);
    expect(back.text).toMatch(/Record aggiornati: \d+ modificati\./);

    // What is no month never reaches the redirect.
    const bad = await manager
      .post('/p/siuss/monitoring/refresh')
      .type('form')
      .send({ _csrf: token, from: `${FROM}&status=x`, to: TO });
    expect(bad.status).toBe(422);
    expect(bad.headers.location).toBeUndefined();
  });

  it('lets the ambito’s service manager load the esiti of every comune below, each applied to the ente its flusso names', async () => {
    const orvieto = [await published('demo-comune', 'G148'), await published('demo-comune', 'G148')];
    const allerona = await published('demo-comune-2', 'A207');
    const terni = await published('altro-comune', 'L117');
    const manager = await atAmbito();
    const res = await upload(manager, [
      esito(orvieto[0]!.idFlusso, 'OK'),
      esito(orvieto[1]!.idFlusso, 'RICHIESTA_INVALIDA'),
      esito(allerona.idFlusso, 'OK'),
      // A comune out of the ambito's reach, a flusso Orvieto never published, an id that names no ente.
      esito(terni.idFlusso, 'OK'),
      esito('G148.PS.20260310.0009999', 'OK'),
      esito('FLUSSO-SCONOSCIUTO', 'OK'),
    ]);
    expect(res.status).toBe(302);
    // Back on the months the manager was looking at, with what was done.
    expect(res.headers.location).toBe(`/p/siuss/monitoring?${PERIOD}&applied=3&unknown=3`);
    const page = await manager.get(res.headers.location!).expect(200);
    expect(page.text).toContain('Esiti registrati: 3; per flussi sconosciuti: 3.');
    expect(page.text).toContain(`id="from" name="from" value="${FROM}"`);

    expect(await statuses([...orvieto, allerona, terni])).toEqual(['accepted', 'rejected', 'accepted', 'sent']);
    // One entry per ente whose esiti were applied.
    expect(await esitiLoads()).toEqual([
      { ente: 'demo-comune', applied: 2, unknown: 1 },
      { ente: 'demo-comune-2', applied: 1, unknown: 0 },
    ]);
  });

  it('keeps to its own comune for a comune’s service manager: another comune’s esiti are unknown', async () => {
    const before = (await esitiLoads()).length;
    const orvieto = await published('demo-comune', 'G148');
    const allerona = await published('demo-comune-2', 'A207');
    const manager = await actIn(await signIn(app, 'responsabile'), 'Comune di Orvieto');
    const res = await upload(manager, [esito(orvieto.idFlusso, 'OK'), esito(allerona.idFlusso, 'OK')]);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/p/siuss/monitoring?${PERIOD}&applied=1&unknown=1`);
    expect(await statuses([orvieto, allerona])).toEqual(['accepted', 'sent']);
    expect((await esitiLoads()).slice(before)).toEqual([{ ente: 'demo-comune', applied: 1, unknown: 0 }]);
  });

  it('keeps the period and the figure’s filter from the list to the record, its republication and back', async () => {
    const rejected = await published('demo-comune', 'G148');
    const manager = await actIn(await signIn(app, 'responsabile'), 'Comune di Orvieto');
    expect((await upload(manager, [esito(rejected.idFlusso, 'RICHIESTA_INVALIDA')])).status).toBe(302);
    const filter = `${PERIOD}&status=rejected&kind=PS_PSA_SINA&org=${orgs.get('demo-comune')}`;

    const list = await manager.get(`/p/siuss/records?${filter}`).expect(200);
    expect(link(list.text, 'siuss-back')).toBe(`/p/siuss/monitoring?${PERIOD}`);
    expect(links(list.text)).toContain(`/p/siuss/records/${rejected.recordId}?${filter}`);

    const record = await manager.get(`/p/siuss/records/${rejected.recordId}?${filter}`).expect(200);
    expect(link(record.text, 'siuss-back-list')).toBe(`/p/siuss/records?${filter}`);
    expect(link(record.text, 'siuss-back')).toBe(`/p/siuss/monitoring?${PERIOD}`);
    expect(record.text).toContain('Torna all’elenco</a>');
    const resend = /<form[^>]*data-testid="siuss-resend"[^>]*>([\s\S]*?)<\/form>/.exec(record.text)![1]!;
    const carried = Object.fromEntries(
      [...resend.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)].map((m) => [m[1], decode(m[2]!)]),
    );
    expect(carried).toMatchObject({ from: FROM, to: TO, status: 'rejected', kind: 'PS_PSA_SINA', org: orgs.get('demo-comune') });

    const token = await formToken(manager, `/p/siuss/records/${rejected.recordId}?${filter}`);
    const resent = await manager
      .post(`/p/siuss/records/${rejected.recordId}/resend`)
      .type('form')
      .send({ ...carried, _csrf: token })
      .expect(302);
    expect(resent.headers.location).toBe(`/p/siuss/records/${rejected.recordId}?${filter}&resent=1`);
    const after = await manager.get(resent.headers.location!).expect(200);
    expect(after.text).toContain('Il record sarà ripubblicato a INPS.');
    expect(link(after.text, 'siuss-back-list')).toBe(`/p/siuss/records?${filter}`);

    // A mangled filter is dropped, never copied into a link: the record is shown, with the way back to the default.
    const mangled = await manager.get(`/p/siuss/records/${rejected.recordId}?from=${FROM}&to=%22%3E%3Cscript%3E`).expect(200);
    expect(link(mangled.text, 'siuss-back-list')).toBeUndefined();
    expect(link(mangled.text, 'siuss-back')).toBe('/p/siuss/monitoring');
    expect(mangled.text).not.toContain('"><script>');
    // Opened with no filter (a bookmark): the monitoring of the default period.
    const bare = await manager.get(`/p/siuss/records/${rejected.recordId}`).expect(200);
    expect(link(bare.text, 'siuss-back')).toBe('/p/siuss/monitoring');
  });

  it('writes the months of a list in words, in the operator’s language', async () => {
    const manager = await atAmbito();
    const filterLine = (text: string) => /<p data-testid="siuss-filter">([^<]*)<\/p>/.exec(text)![1];
    expect(filterLine((await manager.get(`/p/siuss/records?${PERIOD}&status=sent&kind=PS_PSA_SINA`).expect(200)).text)).toBe(
      'Periodo: febbraio 2026 – aprile 2026 · PS/PSA/SINA · Inviati',
    );
    expect(filterLine((await manager.get('/p/siuss/records?from=2026-07&to=2026-07').expect(200)).text)).toBe('Periodo: luglio 2026');
    const english = await manager.get(`/p/siuss/records?${PERIOD}&status=sent`).set('Accept-Language', 'en').expect(200);
    expect(filterLine(english.text)).toBe('Period: February 2026 – April 2026 · Sent');
  });
});
