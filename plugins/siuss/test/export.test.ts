// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The SIUSS period exports (`siuss.ps`, `siuss.sinba`) end to end through core's export runner, as an operator of the
 * comune starts them: who may run them, parameters checked field by field (the period's order and its records too),
 * files valid against INPS's XSDs holding the period's complete records only (one `Beneficiario` per person, SINBA
 * under its pseudonym), and a run that crashes after its first checkpoint resuming into the very same bytes. The
 * demo's service manager, who works at the ambito above the comuni, picks the comune whose file she sends.
 */
import { createHash } from 'node:crypto';
import { ExportFlows, type ExportFlow, type ExportJob } from '@sigess/core/sdk';
import { actIn, apiClient, createTestApp, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { ELSA, NO_RESIDENCE, homeCare, today } from './people';
import { validateAgainstXsd } from './xsd';

type Client = Awaited<ReturnType<typeof apiClient>>;
interface RunJson {
  id: string;
  state: string;
  params: Record<string, string>;
  progress: { done: number; total: number | null; percent: number };
  fileName: string;
  attempts: number;
  error: { code: string; message: string } | null;
}

const MANAGER_PASSWORD = 'responsabile-orvieto-2026';

/** Waits until `check` holds, polling; fails after `ms`. */
async function eventually<T>(probe: () => Promise<T>, check: (value: T) => boolean, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!check(value)) {
    if (Date.now() > deadline) throw new Error(`timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

const count = (text: string, needle: string): number => text.split(needle).length - 1;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
/** The codici fiscali of a PS file's `Beneficiario` elements, in file order. */
const beneficiari = (xml: string): string[] => [...xml.matchAll(/<Beneficiario CodiceFiscale="([A-Z0-9]{16})">/g)].map((m) => m[1]!);
/** The `Beneficiario` element of one codice fiscale, whole. */
const beneficiarioOf = (xml: string, cf: string): string => {
  const start = xml.indexOf(`<Beneficiario CodiceFiscale="${cf}">`);
  return start < 0 ? '' : xml.slice(start, xml.indexOf('</Beneficiario>', start) + '</Beneficiario>'.length);
};

/**
 * Makes the flow's first attempt die right after its first checkpoint, once the flow has yielded one more chunk (which
 * the runner writes past the checkpoint, as a worker killed mid-way leaves it): the real flow runs unchanged, only the
 * job it is given is watched. The runner then tries again, from the recorded checkpoint.
 */
function crashAfterFirstCheckpoint(flow: ExportFlow): { resumedFrom: (string | null)[]; afterCheckpoint: string; restore(): void } {
  const original = flow.run.bind(flow);
  const seen = { resumedFrom: [] as (string | null)[], afterCheckpoint: '' };
  let armed = true;
  const spy = jest.spyOn(flow, 'run').mockImplementation(async function* (params, job) {
    seen.resumedFrom.push(job.resumeFrom);
    const crashes = armed;
    armed = false;
    let checkpointed = false;
    const watched: ExportJob = {
      ...job,
      async checkpoint(position) {
        await job.checkpoint(position);
        checkpointed = true;
      },
    };
    for await (const chunk of original(params, watched)) {
      yield chunk;
      if (crashes && checkpointed) {
        seen.afterCheckpoint = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        throw new Error('simulated crash after the first checkpoint');
      }
    }
  });
  return {
    get resumedFrom() {
      return seen.resumedFrom;
    },
    get afterCheckpoint() {
      return seen.afterCheckpoint;
    },
    restore: () => spy.mockRestore(),
  };
}

describe('SIUSS period exports through core’s export runner', () => {
  let app: TestApp;
  /** The comune's own service manager: holds `siuss.export` where the records' ente is. */
  let manager: Client;
  /** A social worker of the comune: sees the records (`siuss.records.view`) but may not export them. */
  let worker: Client;
  let pua: Client;
  let demoComune: string;
  const month = today().slice(0, 7);
  let elsaPersonId: string;
  /** From the month of the comune's earliest record to this month (or its latest record's): every record there is. */
  let demoPeriod: { from: string; to: string };

  const start = async (flow: string, params: Record<string, unknown>, who: Client = manager): Promise<RunJson> =>
    (await who.post('/api/v1/exports', { flow, params }).expect(202)).body as RunJson;
  const settled = (id: string, who: Client = manager): Promise<RunJson> =>
    eventually(
      async () => (await who.get(`/api/v1/exports/${id}`).expect(200)).body as RunJson,
      (r) => r.state === 'done' || r.state === 'failed',
    );
  const download = async (id: string, who: Client = manager): Promise<Buffer> => {
    const res = await who.agent
      .get(`/api/v1/exports/${id}/file`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    return res.body as Buffer;
  };
  const exportFile = async (flow: string, params: Record<string, string>): Promise<{ run: RunJson; file: Buffer }> => {
    const run = await settled((await start(flow, params)).id);
    expect(run).toMatchObject({ state: 'done', error: null });
    return { run, file: await download(run.id) };
  };

  /** An intervention of `service` for the cartella, approved by the manager: its approval builds its PS record. */
  async function grant(cartellaId: string, service: string): Promise<void> {
    const res = await worker.post('/api/v1/interventions', { ...homeCare(cartellaId), service });
    expect(res.body.errors ?? []).toEqual([]);
    await manager
      .post(`/api/v1/interventions/${res.body.id as string}/transitions`, {
        move: 'approve',
        act: 'DD 7/2026',
        actDate: today(),
        version: res.body.version,
      })
      .expect(200);
  }

  async function personWithCartella(input: object): Promise<{ personId: string; cartellaId: string }> {
    const personId = (await pua.post('/api/v1/people', input).expect(201)).body.id as string;
    const cartellaId = (await worker.post('/api/v1/cartelle', { personId, area: 'anziani' }).expect(201)).body.id as string;
    return { personId, cartellaId };
  }

  /** How many runs of the SIUSS flows were ever recorded. */
  const siussRuns = async (): Promise<number> =>
    (
      await asOwner(app, (em) => em.execute<{ n: number }[]>(`select count(*)::int as n from core.export_run where flow_id like 'siuss.%'`))
    )[0]!.n;
  const orgOf = async (code: string): Promise<string> =>
    (await asOwner(app, (em) => em.execute<{ id: string }[]>(`select id::text as id from core.organization where code = ?`, [code])))[0]!
      .id;
  /** The flow object the runner calls, as the plugin contributed it. */
  const flowOf = (id: string): ExportFlow => app.platform.kernel.registry.everything(ExportFlows).find((c) => c.value.id === id)!.value;

  /** The ente's complete PS or SINBA records of a period, as the database holds them. */
  const exportable = (kind: string, from: string, to: string) =>
    asOwner(app, (em) =>
      em.execute<{ personId: string; id: string; cf: string | null }[]>(
        `select person_id::text as "personId", id::text as id, data ->> 'CodiceFiscale' as cf from plg_siuss.record
         where ente_org_id = ? and kind = ? and wanted and status not in ('incomplete', 'withdrawn')
           and reference_date >= to_date(?, 'YYYY-MM') and reference_date < to_date(?, 'YYYY-MM') + interval '1 month'
         order by person_id, id`,
        [demoComune, kind, from, to],
      ),
    );

  beforeAll(async () => {
    app = await createTestApp({ plugins: ['siuss'] });
    demoComune = (
      await asOwner(app, (em) => em.execute<{ id: string }[]>(`select id::text as id from core.organization where code = 'demo-comune'`))
    )[0]!.id;
    // A comune's own service manager, given by its administrator: the comune is the one ente in her reach, chosen by itself.
    const admin = await apiClient(await signIn(app, 'admin'));
    await admin
      .post('/api/v1/admin/operators', {
        username: 'responsabile.orvieto',
        displayName: 'Romina Responsabile',
        password: MANAGER_PASSWORD,
        organizationId: demoComune,
        roleId: 'service-manager',
      })
      .expect(201);
    manager = await apiClient(await signIn(app, 'responsabile.orvieto', MANAGER_PASSWORD));
    worker = await apiClient(await actIn(await signIn(app, 'assistente'), 'Comune di Orvieto'));
    pua = await apiClient(await signIn(app, 'pua'));

    // Elsa gets two prestazioni (one cartella, two approved interventions); the person without residence one.
    const elsa = await personWithCartella(ELSA);
    elsaPersonId = elsa.personId;
    await grant(elsa.cartellaId, 'core.A2.02');
    await grant(elsa.cartellaId, 'core.A2.07');
    await grant((await personWithCartella(NO_RESIDENCE)).cartellaId, 'core.A2.02');
    // The demo's records, as the schedule rebuilds them.
    expect((await app.platform.jobs.run('siuss.records.refresh')).failed).toBe(0);

    const [span] = await asOwner(app, (em) =>
      em.execute<{ from: string; to: string }[]>(
        `select to_char(min(reference_date), 'YYYY-MM') as from, to_char(max(reference_date), 'YYYY-MM') as to
         from plg_siuss.record where ente_org_id = ?`,
        [demoComune],
      ),
    );
    demoPeriod = { from: span!.from, to: span!.to > month ? span!.to : month };
  });
  afterAll(() => app?.close());

  describe('who may export', () => {
    it('offers both flows to an operator holding siuss.export, none to one without it, who is refused them', async () => {
      const offered = (await manager.get('/api/v1/exports/flows').expect(200)).body.items as {
        id: string;
        format: string;
        params: { name: string; kind: string; required: boolean }[];
      }[];
      const siuss = offered.filter((f) => f.id.startsWith('siuss.'));
      expect(siuss.map((f) => f.id).sort()).toEqual(['siuss.ps', 'siuss.sinba']);
      for (const flow of siuss) {
        expect(flow.format).toBe('xml');
        expect(flow.params.map((p) => [p.name, p.kind, p.required])).toEqual([
          ['ente', 'select', true],
          ['from', 'month', true],
          ['to', 'month', true],
        ]);
        // The comune's own manager sends for the comune alone.
        expect((flow.params[0] as unknown as { label: string; options: unknown }).options).toEqual([
          { value: demoComune, label: 'Comune di Orvieto (G148)' },
        ]);
        expect((flow.params[0] as unknown as { label: string }).label).toBe('Ente (comune)');
      }

      // The social worker reads the records but may not send them: the flows are not offered, and starting one is refused.
      const theirs = (await worker.get('/api/v1/exports/flows').expect(200)).body.items as { id: string }[];
      expect(theirs.map((f) => f.id).filter((id) => id.startsWith('siuss.'))).toEqual([]);
      const runsBefore = await siussRuns();
      for (const flow of ['siuss.ps', 'siuss.sinba']) {
        const refused = await worker.post('/api/v1/exports', { flow, params: { from: month, to: month } }).expect(403);
        expect(refused.headers['content-type']).toContain('application/problem+json');
      }
      expect(await siussRuns()).toBe(runsBefore);
    });
  });

  describe('parameters', () => {
    it('are refused field by field when a month is malformed or missing, and no run is recorded', async () => {
      const runsBefore = await siussRuns();
      const malformed = await manager
        .post('/api/v1/exports', { flow: 'siuss.ps', params: { from: '2026-13', to: `${month}-01` } })
        .expect(422);
      expect(malformed.headers['content-type']).toContain('application/problem+json');
      expect(malformed.body.errors).toEqual([
        { field: 'params.from', message: 'Mese non valido: usa il formato AAAA-MM.' },
        { field: 'params.to', message: 'Mese non valido: usa il formato AAAA-MM.' },
      ]);
      const oneBad = await manager.post('/api/v1/exports', { flow: 'siuss.sinba', params: { from: month, to: '2026-1' } }).expect(422);
      expect(oneBad.body.errors).toEqual([{ field: 'params.to', message: 'Mese non valido: usa il formato AAAA-MM.' }]);
      const missing = await manager.post('/api/v1/exports', { flow: 'siuss.ps', params: { from: month } }).expect(422);
      expect(missing.body.errors).toEqual([{ field: 'params.to', message: 'Campo obbligatorio.' }]);
      expect(await siussRuns()).toBe(runsBefore);
    });

    it('are refused field by field when the period is reversed, or holds nothing to send, and no run is recorded', async () => {
      const runsBefore = await siussRuns();
      const reversed = await manager.post('/api/v1/exports', { flow: 'siuss.ps', params: { from: month, to: '2000-01' } }).expect(422);
      expect(reversed.headers['content-type']).toContain('application/problem+json');
      expect(reversed.body.errors).toEqual([{ field: 'params.to', message: 'Il mese finale precede quello iniziale' }]);
      const empty = await manager.post('/api/v1/exports', { flow: 'siuss.sinba', params: { from: '2000-01', to: '2000-03' } }).expect(422);
      expect(empty.body.errors).toEqual([
        {
          field: 'params.from',
          message: 'Nessun record completo da inviare per Comune di Orvieto (G148) nel periodo indicato: non c’è nulla da esportare.',
        },
      ]);
      // The same on the form, beside the field, with the summary.
      const page = await manager.form('/exports', { flow: 'siuss.ps', ente: demoComune, from: month, to: '2000-01' }).expect(422);
      expect(page.text).toContain('data-testid="error-summary"');
      expect(page.text).toContain('<div class="invalid-feedback d-block" id="error-to">Il mese finale precede quello iniziale</div>');
      // Another comune's file is not the comune manager's to send.
      const allerona = await orgOf('demo-comune-2');
      const foreign = await manager
        .post('/api/v1/exports', { flow: 'siuss.ps', params: { ente: allerona, from: month, to: month } })
        .expect(422);
      expect(foreign.body.errors).toEqual([{ field: 'params.ente', message: "Scegli uno dei valori dell'elenco." }]);
      expect(await siussRuns()).toBe(runsBefore);
    });
  });

  describe('siuss.ps', () => {
    it('exports this month’s complete records, valid against INPS’s XSD, one Beneficiario per person, the incomplete one left out', async () => {
      // The person without residence has a record this month too, waiting, incomplete: it must not be in the file.
      const [waiting] = await asOwner(app, (em) =>
        em.execute<{ status: string; month: string }[]>(
          `select status, to_char(reference_date, 'YYYY-MM') as month from plg_siuss.record where data ->> 'CodiceFiscale' = ?`,
          [NO_RESIDENCE.codiceFiscale],
        ),
      );
      expect(waiting).toEqual({ status: 'incomplete', month });

      const expected = await exportable('PS_PSA_SINA', month, month);
      const { run, file } = await exportFile('siuss.ps', { from: month, to: month });
      const xml = file.toString('utf8');
      expect(run).toMatchObject({
        params: { ente: demoComune, from: month, to: month },
        fileName: `SIUSS-PS-G148-${month}-${month}.xml`,
        attempts: 1,
        progress: { done: expected.length, total: expected.length, percent: 100 },
      });
      expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
      expect(xml).toContain(`<IdentificazioneFlusso Nome="G148.PS.${month}.${month}">`);

      // Exactly the complete records' people, each once, in the order the runner reads them.
      expect(beneficiari(xml)).toEqual([...new Set(expected.map((r) => r.cf!))]);
      expect(count(xml, '<PrestazioniSociali ')).toBe(expected.length);
      expect(xml).not.toContain(NO_RESIDENCE.codiceFiscale);
      expect(xml).not.toContain(`Cognome="${NO_RESIDENCE.surname}"`);

      // Elsa's two prestazioni under her one Beneficiario.
      expect(expected.filter((r) => r.personId === elsaPersonId)).toHaveLength(2);
      expect(count(xml, `CodiceFiscale="${ELSA.codiceFiscale}"`)).toBe(1);
      const elsa = beneficiarioOf(xml, ELSA.codiceFiscale);
      expect(count(elsa, '<PrestazioniSociali ')).toBe(2);
      expect(elsa).toContain('CodicePrestazione="A2.02"');
      expect(elsa).toContain('CodicePrestazione="A2.07"');
      expect(count(elsa, '<Anagrafica ')).toBe(1);

      // The file holds codici fiscali: an operator without siuss.export cannot fetch it.
      await worker.get(`/api/v1/exports/${run.id}/file`).expect(403);
    });

    it('exports a period covering the demo: its complete records in, the one left incomplete on purpose out', async () => {
      const [incomplete] = await asOwner(app, (em) =>
        em.execute<{ surname: string; name: string; month: string }[]>(
          `select p.surname, p.name, to_char(r.reference_date, 'YYYY-MM') as month from plg_siuss.record r
           join core.person p on p.id = r.person_id join core.intervention i on i.id = r.source_id
           where r.kind = 'PS_PSA_SINA' and r.status = 'incomplete' and i.entry_code = 'core.A1.04'`,
        ),
      );
      expect(incomplete!.month >= demoPeriod.from && incomplete!.month <= demoPeriod.to).toBe(true);

      const expected = await exportable('PS_PSA_SINA', demoPeriod.from, demoPeriod.to);
      // The demo's three complete ones (SAD with SINA, assegno with SINA, the child's educativa) and Elsa's two.
      expect(expected).toHaveLength(5);
      const { run, file } = await exportFile('siuss.ps', demoPeriod);
      const xml = file.toString('utf8');
      expect(run.progress).toEqual({ done: 5, total: 5, percent: 100 });
      expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
      expect(beneficiari(xml)).toEqual([...new Set(expected.map((r) => r.cf!))]);
      expect(beneficiari(xml)).toHaveLength(4);
      expect(count(xml, '<PrestazioniSociali ')).toBe(5);
      expect(count(xml, '<SINA ')).toBe(2);
      expect(xml).not.toContain(`Cognome="${incomplete!.surname}"`);
      expect(xml).not.toContain('CodicePrestazione="A1.04"');
    });
  });

  describe('siuss.sinba', () => {
    it('exports the minor under the pseudonym, valid against INPS’s XSD, with no codice fiscale nor name', async () => {
      const [minor] = await asOwner(app, (em) =>
        em.execute<{ cf: string; surname: string; name: string; pseudonym: string; month: string }[]>(
          `select p.codice_fiscale as cf, p.surname, p.name, s.pseudonym, to_char(r.reference_date, 'YYYY-MM') as month
           from plg_siuss.record r join core.person p on p.id = r.person_id
           join plg_siuss.sinba_pseudonym s on s.person_id = r.person_id and s.ente_org_id = r.ente_org_id
           where r.kind = 'SINBA' and r.status <> 'incomplete'`,
        ),
      );
      // A real codice fiscale, one the PS file of the same period does carry (the child's educativa).
      expect(minor!.cf).toMatch(/^[A-Z0-9]{16}$/);
      expect(minor!.month >= demoPeriod.from && minor!.month <= demoPeriod.to).toBe(true);

      const expected = await exportable('SINBA', demoPeriod.from, demoPeriod.to);
      expect(expected).toHaveLength(1);
      const { run, file } = await exportFile('siuss.sinba', demoPeriod);
      const xml = file.toString('utf8');
      expect(run).toMatchObject({
        fileName: `SIUSS-SINBA-G148-${demoPeriod.from}-${demoPeriod.to}.xml`,
        progress: { done: 1, total: 1, percent: 100 },
      });
      expect(await validateAgainstXsd(xml, 'SINBA')).toEqual([]);
      expect(count(xml, '<SINBA ')).toBe(1);
      expect(xml).toContain(`<SINBA IDBeneficiario="${minor!.pseudonym}"`);
      expect(xml).not.toContain(minor!.cf);
      expect(xml).not.toContain(minor!.cf.slice(0, 11));
      expect(xml).not.toMatch(/CodiceFiscale/);
      expect(xml).not.toContain(minor!.surname);
      expect(xml).not.toContain(`"${minor!.name}"`);

      const ps = await exportFile('siuss.ps', demoPeriod);
      expect(beneficiari(ps.file.toString('utf8'))).toContain(minor!.cf);
    });
  });

  describe('the demo’s service manager, at the ambito above the comuni', () => {
    /** `responsabile`: service-manager at demo-ambito, which has no Belfiore code of its own. */
    let ambito: Client;

    beforeAll(async () => {
      ambito = await apiClient(await signIn(app, 'responsabile'));
    });

    it('chooses among the comuni of the ambito, on the form and in the API', async () => {
      const offered = (await ambito.get('/api/v1/exports/flows').expect(200)).body.items as {
        id: string;
        params: { name: string; options: { value: string; label: string }[] | null }[];
      }[];
      const ps = offered.find((f) => f.id === 'siuss.ps')!;
      expect(ps.params[0]!.options).toEqual([
        { value: await orgOf('demo-comune-2'), label: 'Comune di Allerona (A207)' },
        { value: await orgOf('demo-comune-3'), label: 'Comune di Castel Viscardo (C289)' },
        { value: demoComune, label: 'Comune di Orvieto (G148)' },
      ]);
      const form = await ambito.agent.get('/exports/new?flow=siuss.ps').expect(200);
      expect(form.text).toContain('<label for="field-ente">Ente (comune) *</label>');
      expect(form.text).toContain(`<option value="${demoComune}">Comune di Orvieto (G148)</option>`);
      // Several: none chosen for her.
      expect(form.text).not.toMatch(/<option value="[^"]*" selected>/);
      // The ente comes first, then the period.
      expect(form.text.indexOf('name="ente"')).toBeLessThan(form.text.indexOf('name="from"'));
    });

    it('exports Orvieto’s PS file, valid against INPS’s XSD, named after its Belfiore code', async () => {
      const expected = await exportable('PS_PSA_SINA', month, month);
      expect(expected.length).toBeGreaterThan(0);
      const run = await settled((await start('siuss.ps', { ente: demoComune, from: month, to: month }, ambito)).id, ambito);
      expect(run).toMatchObject({
        state: 'done',
        error: null,
        attempts: 1,
        fileName: `SIUSS-PS-G148-${month}-${month}.xml`,
        progress: { done: expected.length, total: expected.length, percent: 100 },
      });
      const xml = (await download(run.id, ambito)).toString('utf8');
      expect(await validateAgainstXsd(xml, 'PS_PSA_SINA')).toEqual([]);
      expect(xml).toContain(`<IdentificazioneFlusso Nome="G148.PS.${month}.${month}">`);
      expect(beneficiari(xml)).toEqual([...new Set(expected.map((r) => r.cf!))]);
      // The list names the run's ente and period as she chose them.
      const page = (await ambito.agent.get('/exports').expect(200)).text;
      const row = page.slice(page.indexOf(`data-run="${run.id}"`));
      expect(row.slice(0, row.indexOf('</tr>'))).toContain('Ente (comune): Comune di Orvieto (G148), Dal mese: ');
    });

    it('is refused field by field: no ente chosen, one outside her reach, a reversed or empty period', async () => {
      const runsBefore = await siussRuns();
      const none = await ambito.post('/api/v1/exports', { flow: 'siuss.ps', params: { from: month, to: month } }).expect(422);
      expect(none.body.errors).toEqual([{ field: 'params.ente', message: 'Campo obbligatorio.' }]);
      // The ambito itself, and a service point of the comune, are no enti.
      for (const code of ['demo-ambito', 'demo-pua']) {
        const outside = await ambito
          .post('/api/v1/exports', { flow: 'siuss.ps', params: { ente: await orgOf(code), from: month, to: month } })
          .expect(422);
        expect(outside.body.errors).toEqual([{ field: 'params.ente', message: "Scegli uno dei valori dell'elenco." }]);
      }
      const reversed = await ambito
        .post('/api/v1/exports', { flow: 'siuss.ps', params: { ente: demoComune, from: month, to: '2000-01' } })
        .expect(422);
      expect(reversed.body.errors).toEqual([{ field: 'params.to', message: 'Il mese finale precede quello iniziale' }]);
      // Castel Viscardo has no record at all.
      const empty = await ambito
        .post('/api/v1/exports', { flow: 'siuss.ps', params: { ente: await orgOf('demo-comune-3'), from: month, to: month } })
        .expect(422);
      expect(empty.body.errors).toEqual([
        {
          field: 'params.from',
          message:
            'Nessun record completo da inviare per Comune di Castel Viscardo (C289) nel periodo indicato: non c’è nulla da esportare.',
        },
      ]);
      expect(await siussRuns()).toBe(runsBefore);
    });
  });

  describe('a run with nothing left to send when it runs', () => {
    it('is refused by the flow at once, without retries, and the operator reads why', async () => {
      // The records may go between the start's check and the job (withdrawn, found incomplete): the check is let
      // pass here, as it did then, on a period that holds nothing.
      const flow = flowOf('siuss.sinba');
      const check = jest.spyOn(flow, 'check').mockResolvedValue([]);
      const run = jest.spyOn(flow, 'run');
      try {
        const failed = await settled((await start('siuss.sinba', { from: '2000-01', to: '2000-02' })).id);
        expect(failed).toMatchObject({
          state: 'failed',
          attempts: 1,
          error: {
            code: 'flow-refused',
            message: 'Nessun record completo da inviare per Comune di Orvieto (G148) nel periodo indicato: non c’è nulla da esportare.',
          },
        });
        expect(run).toHaveBeenCalledTimes(1);
        const english = await manager.agent.get(`/api/v1/exports/${failed.id}`).set('Cookie', 'sigess_lang=en').expect(200);
        expect(english.body.error.message).toBe(
          'No complete record to send for Comune di Orvieto (G148) in this period: there is nothing to export.',
        );
        await manager.get(`/api/v1/exports/${failed.id}/file`).expect(409);
      } finally {
        check.mockRestore();
        run.mockRestore();
      }
    });
  });

  describe('a run that crashes after its first checkpoint', () => {
    it('resumes from the last person written whole: the same bytes as an uninterrupted run, nobody twice', async () => {
      const reference = await exportFile('siuss.ps', demoPeriod);
      const expected = await exportable('PS_PSA_SINA', demoPeriod.from, demoPeriod.to);
      // The checkpoint the flow must leave after its first (only) batch: the last record of the next-to-last person, with
      // the records written so far; the last person is still held, since the next batch could carry more of theirs.
      const lastPerson = expected[expected.length - 1]!.personId;
      const whole = expected.filter((r) => r.personId !== lastPerson);
      expect(whole.length).toBeGreaterThan(0);
      const lastWhole = whole[whole.length - 1]!;
      const checkpoint = `${lastWhole.personId},${lastWhole.id},${whole.length}`;

      const crash = crashAfterFirstCheckpoint(flowOf('siuss.ps'));
      try {
        const run = await settled((await start('siuss.ps', demoPeriod)).id);
        expect(run).toMatchObject({ state: 'done', attempts: 2, error: null, progress: { done: 5, total: 5, percent: 100 } });
        // The first attempt yielded the last person past its checkpoint, then crashed; the second started from that checkpoint.
        expect(crash.resumedFrom).toEqual([null, checkpoint]);
        expect(crash.afterCheckpoint).toContain(`<Beneficiario CodiceFiscale="${expected[expected.length - 1]!.cf!}">`);
        const file = await download(run.id);
        expect(sha256(file)).toBe(sha256(reference.file));
        expect(file.equals(reference.file)).toBe(true);
        const people = beneficiari(file.toString('utf8'));
        expect(people).toHaveLength(count(reference.file.toString('utf8'), '<Beneficiario '));
        expect(new Set(people).size).toBe(people.length);
        expect(count(file.toString('utf8'), '<?xml ')).toBe(1);
      } finally {
        crash.restore();
      }
    });
  });
});
