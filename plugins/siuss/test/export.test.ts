// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The SIUSS period exports (`siuss.ps`, `siuss.sinba`) end to end through core's export runner, as an operator of the
 * comune starts them: who may run them, parameters checked field by field, files valid against INPS's XSDs holding
 * the period's complete records only (one `Beneficiario` per person, SINBA under its pseudonym), and a run that
 * crashes after its first checkpoint resuming into the very same bytes.
 */
import { createHash } from 'node:crypto';
import { ExportFlows, type ExportFlow, type ExportJob } from '@sigess/core/sdk';
import { actIn, apiClient, createTestApp, signIn, type TestApp, asOwner } from '@sigess/core/testing';
import { ELSA, NO_RESIDENCE, today } from './people';
import { validateAgainstXsd } from './xsd';

type Client = Awaited<ReturnType<typeof apiClient>>;
interface RunJson {
  id: string;
  state: string;
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

  const start = async (flow: string, params: Record<string, unknown>): Promise<RunJson> =>
    (await manager.post('/api/v1/exports', { flow, params }).expect(202)).body as RunJson;
  const settled = (id: string): Promise<RunJson> =>
    eventually(
      async () => (await manager.get(`/api/v1/exports/${id}`).expect(200)).body as RunJson,
      (r) => r.state === 'done' || r.state === 'failed',
    );
  const download = async (id: string): Promise<Buffer> => {
    const res = await manager.agent
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
    const res = await worker.post('/api/v1/interventions', {
      cartellaId,
      service,
      quantity: 10,
      frequency: 'weekly',
      periodFrom: today(),
      periodTo: `${today().slice(0, 4)}-12-31`,
    });
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
  /** The reason a run failed, as the runner recorded it for the administrator. */
  const runError = async (id: string): Promise<string | null> =>
    (await asOwner(app, (em) => em.execute<{ error: string | null }[]>('select error from core.export_run where id = ?', [id])))[0]!.error;
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
    // The demo's service manager works at the ambito, which is no ente: the comune's own is given by its administrator.
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
          ['from', 'month', true],
          ['to', 'month', true],
        ]);
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

    it('with the last month before the first: core checks fields one by one, so the run starts and the flow refuses it, leaving no file', async () => {
      // Core's parameter check knows each field alone (no hook compares two): the period's order is the flow's to check.
      const run = await settled((await start('siuss.ps', { from: month, to: '2000-01' })).id);
      expect(run).toMatchObject({ state: 'failed', error: { code: 'flow-failed' }, progress: { done: 0 } });
      // The reason, for the administrator (the operator reads core's generic one): the order, not an empty period.
      expect(await runError(run.id)).toBe('The last month comes before the first');
      await manager.get(`/api/v1/exports/${run.id}/file`).expect(409);
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
        fileName: `SIUSS-PS-${month}-${month}.xml`,
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
        fileName: `SIUSS-SINBA-${demoPeriod.from}-${demoPeriod.to}.xml`,
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
