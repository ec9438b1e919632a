// SPDX-License-Identifier: AGPL-3.0-or-later
import { existsSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { StartupError } from '../src/kernel/errors';
import { prepare } from '../src/platform';
import { apiClient, createTestApp, signIn, type TestApp } from '../src/testing';
import { fixtureConfig, tempWorkspace, writePlugin } from './fixtures';
import {
  PAGE,
  asOwner,
  auditOf,
  control,
  eventually,
  expectedPeople,
  fileOf,
  flowsWorkspace,
  orgId,
  resetControl,
  runRow,
} from './exports-fixture';

/**
 * Esportazioni: an operator who holds a flow's permission starts it with its parameters; the run goes on in
 * the background for their organization, reading only what an operator of it sees, and its file is
 * downloaded under audit. A run interrupted (a flow that fails, a worker that dies) resumes from its last
 * checkpoint, and its file comes out byte for byte as an uninterrupted run's. Without a job queue (this
 * file), a failed attempt is tried again at once; exports-resume.test.ts goes through the queue.
 */
type Client = Awaited<ReturnType<typeof apiClient>>;
interface RunJson {
  id: string;
  state: string;
  progress: { done: number; total: number | null; percent: number };
  bytes: number;
  fileName: string;
  fileUrl: string | null;
  attempts: number;
  error: { code: string; message: string } | null;
  requestedBy: { id: string; name: string } | null;
  params: Record<string, string>;
}

describe('exports', () => {
  let app: TestApp;
  let educatore: Client;
  let clerk: Client;
  let elsewhere: Client;

  const start = async (who: Client, flow: string, params: Record<string, unknown> = {}): Promise<RunJson> => {
    const res = await who.post('/api/v1/exports', { flow, params }).expect(202);
    return res.body as RunJson;
  };
  const show = async (who: Client, id: string): Promise<RunJson> => (await who.get(`/api/v1/exports/${id}`).expect(200)).body as RunJson;
  const settled = (who: Client, id: string) =>
    eventually(
      () => show(who, id),
      (r) => r.state === 'done' || r.state === 'failed',
    );
  const download = async (who: Client, id: string) => {
    const res = await who.agent
      .get(`/api/v1/exports/${id}/file`)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      });
    return res;
  };

  beforeAll(async () => {
    resetControl();
    app = await createTestApp({ rootDir: flowsWorkspace('exports'), plugins: ['flows'] });
    educatore = await apiClient(await signIn(app, 'educatore'));
    clerk = await apiClient(await signIn(app, 'amministrativo'));
    elsewhere = await apiClient(await signIn(app, 'allerona'));
  });
  afterAll(() => app?.close());
  beforeEach(() => resetControl());

  describe('who may export', () => {
    it('shows Esportazioni in the menu only to those who hold a flow’s permission', async () => {
      expect((await educatore.agent.get('/').expect(200)).text).toContain('data-menu-item="core.exports"');
      const home = await clerk.agent.get('/').expect(200);
      expect(home.text).not.toContain('data-menu-item="core.exports"');
      // The page itself answers, with nothing to start.
      const page = await clerk.agent.get('/exports').expect(200);
      expect(page.text).toContain('data-testid="no-flows"');
    });

    it('lists the flows one may run, with their parameters', async () => {
      const res = await educatore.get('/api/v1/exports/flows').expect(200);
      const items = res.body.items as { id: string; title: string; format: string; params: { name: string; kind: string }[] }[];
      expect(items.map((f) => f.id).sort()).toEqual(['flows.broken', 'flows.people', 'flows.plain', 'flows.scoped']);
      const people = items.find((f) => f.id === 'flows.people')!;
      expect(people).toMatchObject({ title: 'Persone in carico', format: 'csv' });
      expect(people.params).toEqual([
        { name: 'period', label: 'Periodo', kind: 'month', required: true, options: null },
        {
          name: 'kind',
          label: 'Tipo',
          kind: 'select',
          required: false,
          options: [
            { value: 'full', label: 'Completo' },
            { value: 'delta', label: 'Variazioni' },
          ],
        },
        { name: 'from', label: 'Dal giorno', kind: 'date', required: false, options: null },
        { name: 'year', label: 'Anno', kind: 'year', required: false, options: null },
        { name: 'note', label: 'Nota', kind: 'text', required: false, options: null },
      ]);
      expect((await clerk.get('/api/v1/exports/flows').expect(200)).body.items).toEqual([]);
    });

    it('refuses a flow one may not run (403), an unknown one (404), and a visitor (401)', async () => {
      const forbidden = await clerk.post('/api/v1/exports', { flow: 'flows.people', params: { period: '2026-01' } }).expect(403);
      expect(forbidden.headers['content-type']).toContain('application/problem+json');
      await educatore.post('/api/v1/exports', { flow: 'flows.secret' }).expect(403);
      const unknown = await educatore.post('/api/v1/exports', { flow: 'flows.nothing' }).expect(404);
      expect(unknown.headers['content-type']).toContain('application/problem+json');
      await educatore.agent.get('/exports/new?flow=flows.secret').expect(403);
      await app.newAgent().get('/api/v1/exports').set('Accept', 'application/json').expect(401);
      await app
        .newAgent()
        .get('/exports')
        .expect(302)
        .expect('Location', /^\/login/);
    });

    it("keeps a run to its organization (404 elsewhere) and to its flow's permission (403)", async () => {
      const run = await start(educatore, 'flows.plain');
      await settled(educatore, run.id);
      const other = await elsewhere.get(`/api/v1/exports/${run.id}`).expect(404);
      expect(other.headers['content-type']).toContain('application/problem+json');
      await elsewhere.get(`/api/v1/exports/${run.id}/file`).expect(404);
      expect(((await elsewhere.get('/api/v1/exports').expect(200)).body.items as RunJson[]).map((r) => r.id)).not.toContain(run.id);
      await clerk.get(`/api/v1/exports/${run.id}`).expect(403);
      await clerk.get(`/api/v1/exports/${run.id}/file`).expect(403);
      expect((await clerk.get('/api/v1/exports').expect(200)).body.items).toEqual([]);
      await educatore.get('/api/v1/exports/not-a-uuid').expect(404);
    });
  });

  describe('parameters', () => {
    it('are checked field by field: 422 problem+json from the API', async () => {
      const missing = await educatore.post('/api/v1/exports', { flow: 'flows.people', params: {} }).expect(422);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.body.errors).toEqual([{ field: 'params.period', message: 'Campo obbligatorio.' }]);
      const bad = await educatore
        .post('/api/v1/exports', {
          flow: 'flows.people',
          params: { period: '2026-13', kind: 'weekly', from: '2026-02-30', year: '26', note: 'x'.repeat(201) },
        })
        .expect(422);
      const byField = Object.fromEntries((bad.body.errors as { field: string; message: string }[]).map((e) => [e.field, e.message]));
      expect(byField).toEqual({
        'params.period': 'Mese non valido: usa il formato AAAA-MM.',
        'params.kind': "Scegli uno dei valori dell'elenco.",
        'params.from': 'Data non valida: usa il formato AAAA-MM-GG.',
        'params.year': 'Anno non valido: usa quattro cifre.',
        'params.note': 'Al massimo 200 caratteri.',
      });
      const english = await educatore.agent
        .post('/api/v1/exports')
        .set('X-CSRF-Token', educatore.token)
        .set('Accept', 'application/json')
        .set('Cookie', 'sigess_lang=en')
        .send({ flow: 'flows.people', params: { period: 'gennaio' } })
        .expect(422);
      expect(english.body.errors).toEqual([{ field: 'params.period', message: 'Not a month: use YYYY-MM.' }]);
      const none = await asOwner(app, (em) =>
        em.execute<{ n: number }[]>("select count(*)::int as n from core.export_run where flow_id = 'flows.people'"),
      );
      expect(none[0]!.n).toBe(0);
    });

    it('are checked field by field on the page, which keeps what was typed', async () => {
      const form = await educatore.agent.get('/exports/new?flow=flows.people').expect(200);
      expect(form.text).toContain('type="month"');
      expect(form.text).toContain('name="period"');
      expect(form.text).toContain('<option value="delta">Variazioni</option>');
      expect(form.text).toContain('type="date"');
      const res = await educatore
        .form('/exports', { flow: 'flows.people', period: '2026-1', kind: 'full', from: 'ieri', year: '2026' })
        .expect(422);
      expect(res.text).toContain('data-testid="error-summary"');
      expect(res.text).toMatch(/id="field-period" name="period" value="2026-1" aria-invalid="true"/);
      expect(res.text).toContain('<div class="invalid-feedback d-block" id="error-period">Mese non valido: usa il formato AAAA-MM.</div>');
      expect(res.text).toContain('<div class="invalid-feedback d-block" id="error-from">Data non valida: usa il formato AAAA-MM-GG.</div>');
      expect(res.text).not.toContain('id="error-year"');
      expect(res.text).toContain('<option value="full" selected>Completo</option>');
    });
  });

  describe('a select whose choices depend on the organization', () => {
    let comune: string;
    const runsOf = async (flow: string): Promise<number> =>
      (
        await asOwner(app, (em) => em.execute<{ n: number }[]>('select count(*)::int as n from core.export_run where flow_id = ?', [flow]))
      )[0]!.n;
    const scopedParams = async (who: Client) =>
      (
        (await who.get('/api/v1/exports/flows').expect(200)).body.items as { id: string; params: { name: string; options: unknown }[] }[]
      ).find((f) => f.id === 'flows.scoped')!.params;

    beforeAll(async () => {
      comune = await orgId(app, 'demo-comune');
    });

    it('lists the choices computed where the caller acts, in the API and on the form', async () => {
      control().choices = 'tree';
      const params = await scopedParams(educatore);
      expect(params.map((p) => p.name)).toEqual(['unit', 'first', 'last']);
      expect(params[0]).toEqual({
        name: 'unit',
        label: 'Unità',
        kind: 'select',
        required: true,
        options: [
          { value: comune, label: 'Comune di Orvieto' },
          { value: await orgId(app, 'demo-pua'), label: 'Punto Unico di Accesso – Orvieto' },
          { value: await orgId(app, 'demo-segretariato'), label: 'Segretariato sociale – Orvieto' },
        ],
      });
      // Another organization (Allerona's segretariato, with nothing below it) gets its own.
      const theirs = (await scopedParams(elsewhere))[0]!.options as { value: string; label: string }[];
      expect(theirs).toEqual([{ value: await orgId(app, 'demo-segretariato-2'), label: 'Segretariato sociale – Allerona' }]);

      const form = await educatore.agent.get('/exports/new?flow=flows.scoped').expect(200);
      expect(form.text).toContain(`<option value="${comune}">Comune di Orvieto</option>`);
      expect(form.text).toContain('>Segretariato sociale – Orvieto</option>');
      // More than one: nothing is chosen for the operator.
      expect(form.text).not.toMatch(/<option value="[^"]*" selected>/);
    });

    it('accepts only a computed choice: another organization’s is refused field by field, and a required one must be given', async () => {
      control().choices = 'tree';
      const before = await runsOf('flows.scoped');
      const foreign = await educatore
        .post('/api/v1/exports', {
          flow: 'flows.scoped',
          params: { unit: await orgId(app, 'demo-comune-2'), first: '2026-07', last: '2026-11' },
        })
        .expect(422);
      expect(foreign.headers['content-type']).toContain('application/problem+json');
      expect(foreign.body.errors).toEqual([{ field: 'params.unit', message: "Scegli uno dei valori dell'elenco." }]);
      const missing = await educatore
        .post('/api/v1/exports', { flow: 'flows.scoped', params: { first: '2026-07', last: '2026-11' } })
        .expect(422);
      expect(missing.body.errors).toEqual([{ field: 'params.unit', message: 'Campo obbligatorio.' }]);
      expect(await runsOf('flows.scoped')).toBe(before);
    });

    it('with a single choice, preselects it on the form and takes it when none is sent', async () => {
      control().choices = 'own';
      expect((await scopedParams(educatore))[0]!.options).toEqual([{ value: comune, label: 'Comune di Orvieto' }]);
      const form = await educatore.agent.get('/exports/new?flow=flows.scoped').expect(200);
      expect(form.text).toContain(`<option value="${comune}" selected>Comune di Orvieto</option>`);

      const run = await start(educatore, 'flows.scoped', { first: '2026-07', last: '2026-11' });
      expect(run.params).toEqual({ unit: comune, first: '2026-07', last: '2026-11' });
      // The flow named the file from the data, through the request's scope.
      expect(run.fileName).toBe('unita-demo-comune-2026-07.csv');
      const done = await settled(educatore, run.id);
      expect(done.state).toBe('done');
      expect((await download(educatore, run.id)).body.toString('utf8')).toBe(`unit;first;last\n${comune};2026-07;2026-11\n`);
      // The form's blank takes it too.
      const page = await educatore.form('/exports', { flow: 'flows.scoped', unit: '', first: '2026-08', last: '2026-08' }).expect(302);
      const id = new URL(page.headers.location as string, 'http://x').searchParams.get('started')!;
      expect((await show(educatore, id)).params).toEqual({ unit: comune, first: '2026-08', last: '2026-08' });
      await settled(educatore, id);
    });

    it('with no choice at all, says so on the form and refuses every start on that field', async () => {
      control().choices = 'none';
      const before = await runsOf('flows.scoped');
      expect((await scopedParams(educatore))[0]!.options).toEqual([]);
      const form = await educatore.agent.get('/exports/new?flow=flows.scoped').expect(200);
      const field = form.text.slice(form.text.indexOf('data-testid="no-choices"'));
      expect(field).toContain('data-param="unit"');
      expect(field).toContain('Nessuna scelta disponibile nel tuo ente');
      expect(form.text).not.toContain('name="unit"');

      const api = await educatore
        .post('/api/v1/exports', { flow: 'flows.scoped', params: { first: '2026-07', last: '2026-07' } })
        .expect(422);
      expect(api.body.errors).toEqual([{ field: 'params.unit', message: 'Nessuna scelta disponibile per questo campo nel tuo ente.' }]);
      const sent = await educatore.post('/api/v1/exports', {
        flow: 'flows.scoped',
        params: { unit: comune, first: '2026-07', last: '2026-07' },
      });
      expect(sent.status).toBe(422);
      expect(sent.body.errors).toEqual([{ field: 'params.unit', message: 'Nessuna scelta disponibile per questo campo nel tuo ente.' }]);
      const page = await educatore.form('/exports', { flow: 'flows.scoped', first: '2026-07', last: '2026-07' }).expect(422);
      expect(page.text).toContain('data-testid="error-summary"');
      expect(page.text).toContain(
        '<div class="invalid-feedback d-block" id="error-unit">Nessuna scelta disponibile per questo campo nel tuo ente.</div>',
      );
      expect(await runsOf('flows.scoped')).toBe(before);
    });
  });

  describe('the flow’s own check of its parameters together', () => {
    it('refuses a reversed period on its field, 422 problem+json, in the caller’s language, recording nothing', async () => {
      const before = (
        await asOwner(app, (em) =>
          em.execute<{ n: number }[]>("select count(*)::int as n from core.export_run where flow_id = 'flows.scoped'"),
        )
      )[0]!.n;
      const reversed = await educatore
        .post('/api/v1/exports', { flow: 'flows.scoped', params: { first: '2026-11', last: '2026-07' } })
        .expect(422);
      expect(reversed.headers['content-type']).toContain('application/problem+json');
      expect(reversed.body.errors).toEqual([{ field: 'params.last', message: 'Il mese finale precede quello iniziale.' }]);
      // Read from the data through the request's scope, with values in the message.
      const early = await educatore.agent
        .post('/api/v1/exports')
        .set('X-CSRF-Token', educatore.token)
        .set('Accept', 'application/json')
        .set('Cookie', 'sigess_lang=en')
        .send({ flow: 'flows.scoped', params: { first: '1999-12', last: '2026-07' } })
        .expect(422);
      expect(early.body.errors).toEqual([{ field: 'params.first', message: 'There are no data for Comune di Orvieto before 2000.' }]);
      // Not reached while a parameter fails its own check: those errors alone.
      const malformed = await educatore
        .post('/api/v1/exports', { flow: 'flows.scoped', params: { first: '2026-11', last: '2026-7' } })
        .expect(422);
      expect(malformed.body.errors).toEqual([{ field: 'params.last', message: 'Mese non valido: usa il formato AAAA-MM.' }]);
      const after = (
        await asOwner(app, (em) =>
          em.execute<{ n: number }[]>("select count(*)::int as n from core.export_run where flow_id = 'flows.scoped'"),
        )
      )[0]!.n;
      expect(after).toBe(before);
    });

    it('shows its problems beside the fields and in the summary on the form page, which keeps what was typed', async () => {
      const res = await educatore.form('/exports', { flow: 'flows.scoped', first: '2026-11', last: '2026-07' }).expect(422);
      expect(res.text).toContain('data-testid="error-summary"');
      expect(res.text).toContain('<li><a href="#field-last">Il mese finale precede quello iniziale.</a></li>');
      expect(res.text).toMatch(/id="field-last" name="last" value="2026-07" aria-invalid="true"/);
      expect(res.text).toContain('<div class="invalid-feedback d-block" id="error-last">Il mese finale precede quello iniziale.</div>');
      expect(res.text).toMatch(/id="field-first" name="first" value="2026-11" aria-describedby="hint-first">/);
      expect(res.text).not.toContain('id="error-first"');
    });
  });

  describe('a run its flow refuses', () => {
    it('fails at once, without retries, with the flow’s message in the operator’s language, and leaves no file', async () => {
      control().refuse = true;
      const run = await settled(educatore, (await start(educatore, 'flows.scoped', { first: '2026-07', last: '2026-07' })).id);
      expect(run).toMatchObject({
        state: 'failed',
        attempts: 1,
        fileUrl: null,
        error: { code: 'flow-refused', message: 'Per Comune di Orvieto non resta nulla da esportare.' },
      });
      expect(control().scopedCalls).toBe(1);
      const english = await educatore.agent.get(`/api/v1/exports/${run.id}`).set('Cookie', 'sigess_lang=en').expect(200);
      expect(english.body.error).toEqual({ code: 'flow-refused', message: 'Nothing is left to export for Comune di Orvieto.' });
      expect(await runRow(app, run.id)).toMatchObject({
        state: 'failed',
        attempts: 1,
        file_key: null,
        error_code: 'flow-refused',
        error_message: { key: 'flows:errors.refused', values: { unit: 'Comune di Orvieto' } },
      });
      const page = await educatore.agent.get('/exports').expect(200);
      const cell = page.text.slice(page.text.indexOf(`data-run="${run.id}"`));
      expect(cell.slice(0, cell.indexOf('</tr>'))).toContain('data-testid="reason">Per Comune di Orvieto non resta nulla da esportare.');
      expect((await auditOf(app, run.id)).map((a) => [a.action, a.details.reason ?? null])).toEqual([
        ['export.start', null],
        ['export.fail', 'flow-refused'],
      ]);
      const owner = await orgId(app, 'demo-comune');
      expect(existsSync(join(app.platform.config.exports.folder!, owner, `${run.id}.csv`))).toBe(false);
      // A message its plugin no longer has gives the generic reason, never a raw key.
      await asOwner(app, (em) =>
        em.execute(`update core.export_run set error_message = '{"key": "flows:errors.gone", "values": {}}' where id = ?`, [run.id]),
      );
      expect((await show(educatore, run.id)).error).toEqual({
        code: 'flow-refused',
        message: 'Il flusso non può produrre il file con questi parametri.',
      });
    });
  });

  describe('the list of runs', () => {
    it('names each run’s parameters by their labels, in the declared order, with values as people read them', async () => {
      const people = await settled(
        educatore,
        (await start(educatore, 'flows.people', { note: 'prova', kind: 'delta', period: '2026-04', from: '2026-02-03' })).id,
      );
      const scoped = await settled(educatore, (await start(educatore, 'flows.scoped', { last: '2026-11', first: '2026-07' })).id);
      const rowOf = (html: string, id: string): string => {
        const from = html.slice(html.indexOf(`data-run="${id}"`));
        return from.slice(0, from.indexOf('</tr>'));
      };
      const page = (await educatore.agent.get('/exports').expect(200)).text;
      expect(rowOf(page, people.id)).toContain(
        '<small>Periodo: aprile 2026, Tipo: Variazioni, Dal giorno: 3 feb 2026, Nota: prova</small>',
      );
      expect(rowOf(page, scoped.id)).toContain('<small>Unità: Comune di Orvieto, Dal mese: luglio 2026, Al mese: novembre 2026</small>');
      const english = (await educatore.agent.get('/exports').set('Cookie', 'sigess_lang=en').expect(200)).text;
      expect(rowOf(english, scoped.id)).toContain('<small>Unit: Comune di Orvieto, From month: July 2026, To month: November 2026</small>');
      // The API keeps the values as they were sent.
      expect(scoped.params).toEqual({ unit: await orgId(app, 'demo-comune'), first: '2026-07', last: '2026-11' });
    });
  });

  describe('a run', () => {
    it('goes on in the background for the organization, and its file is what an operator of it sees', async () => {
      const page = await educatore
        .form('/exports', { flow: 'flows.people', period: '2026-03', kind: '', from: '', year: '', note: '' })
        .expect(302);
      const id = new URL(page.headers.location as string, 'http://x').searchParams.get('started')!;
      expect(page.headers.location).toBe(`/exports?started=${id}`);
      const run = await settled(educatore, id);
      const expected = await expectedPeople(app, 'demo-comune', '2026-03');
      const people = expected.split('\n').length - 2;
      expect(people).toBeGreaterThan(PAGE * 2);
      expect(run).toMatchObject({
        state: 'done',
        params: { period: '2026-03' },
        fileName: 'persone-2026-03.csv',
        attempts: 1,
        error: null,
        requestedBy: { name: 'Edoardo Educatore' },
        progress: { done: people, total: people, percent: 100 },
        bytes: Buffer.byteLength(expected),
        fileUrl: `/api/v1/exports/${id}/file`,
      });

      const file = await download(educatore, id);
      expect(file.status).toBe(200);
      expect(file.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(file.headers['content-disposition']).toBe('attachment; filename="persone-2026-03.csv"');
      expect(file.headers['content-length']).toBe(String(Buffer.byteLength(expected)));
      expect(file.headers['cache-control']).toBe('no-store');
      expect((file.body as Buffer).toString('utf8')).toBe(expected);
      // Only the people of its organization's scope: none of the other comune's.
      const theirs = await expectedPeople(app, 'demo-segretariato-2', '2026-03');
      const theirIds = theirs
        .split('\n')
        .slice(1, -1)
        .map((l) => l.split(';')[0]);
      expect(theirIds.length).toBeGreaterThan(0);
      for (const other of theirIds) expect(expected).not.toContain(other!);
      // The page's download link gives the same file.
      const viaPage = await educatore.agent.get(`/exports/${id}/file`).buffer(true).expect(200);
      expect(viaPage.text).toBe(expected);

      const audit = await auditOf(app, id);
      expect(audit.map((a) => [a.action, a.operator])).toEqual([
        ['export.start', 'educatore'],
        ['export.complete', null],
        ['export.download', 'educatore'],
        ['export.download', 'educatore'],
      ]);
      expect(audit[0]!.details).toEqual({ flow: 'flows.people', params: 'period=2026-03' });
      expect(audit[2]!.details).toMatchObject({ flow: 'flows.people', bytes: Buffer.byteLength(expected), channel: 'api' });
      // The file lies under the exports folder, by organization, not under anything the web server serves.
      const row = await runRow(app, id);
      expect(row.file_key).toMatch(new RegExp(`^[0-9a-f-]{36}/${id}\\.csv$`));
      expect(existsSync(join(app.platform.config.exports.folder!, row.file_key!))).toBe(true);
    });

    it('shows on the page with its state, progress bar, who started it and its download link', async () => {
      const run = await start(educatore, 'flows.people', { period: '2026-04' });
      await settled(educatore, run.id);
      const page = await educatore.agent.get(`/exports?started=${run.id}`).expect(200);
      expect(page.text).toContain('data-testid="started"');
      const row = page.text.slice(page.text.indexOf(`data-run="${run.id}"`));
      const cell = row.slice(0, row.indexOf('</tr>'));
      expect(cell).toContain('data-state="done"');
      expect(cell).toContain('Persone in carico');
      expect(cell).toContain('Completata');
      expect(cell).toContain('Edoardo Educatore');
      expect(cell).toContain('class="progress-bar sigess-progress-100" role="progressbar" aria-valuenow="100"');
      expect(cell).toContain(`href="/exports/${run.id}/file"`);
      expect(cell).toContain('persone-2026-04.csv');
      expect(page.text).toContain('/assets/core/');
      expect(page.text).not.toMatch(/style="/);
    });

    it('may finish without ever checkpointing or reporting progress, and yield bytes as well as text', async () => {
      const run = await settled(educatore, (await start(educatore, 'flows.plain')).id);
      expect(run).toMatchObject({
        state: 'done',
        progress: { percent: 100 },
        fileName: expect.stringMatching(/^flows\.plain-\d{4}-\d{2}-\d{2}\.json$/),
      });
      const file = await download(educatore, run.id);
      expect(file.headers['content-type']).toBe('application/json; charset=utf-8');
      const items = JSON.parse((file.body as Buffer).toString('utf8')) as { n: number; org: string }[];
      expect(items).toHaveLength(1000);
      expect(items[999]).toEqual({
        n: 999,
        org: (
          await asOwner(app, (em) =>
            em.execute<{ id: string }[]>("select id::text as id from core.organization where code = 'demo-comune'"),
          )
        )[0]!.id,
      });
    });

    it('answers 409 for the file of a run that is not done', async () => {
      control().stallAfter = 3;
      const run = await start(educatore, 'flows.people', { period: '2026-05' });
      await eventually(
        async () => control().stalled,
        (s) => s,
      );
      const conflict = await educatore.get(`/api/v1/exports/${run.id}/file`).expect(409);
      expect(conflict.headers['content-type']).toContain('application/problem+json');
      expect((await show(educatore, run.id)).state).toBe('running');
      control().release!();
      expect((await settled(educatore, run.id)).state).toBe('done');
    });
  });

  describe('an interrupted run', () => {
    let reference: Buffer;

    beforeAll(async () => {
      resetControl();
      const run = await settled(educatore, (await start(educatore, 'flows.people', { period: '2026-06' })).id);
      reference = fileOf(app, (await runRow(app, run.id)).file_key!);
      expect(reference.toString('utf8')).toBe(await expectedPeople(app, 'demo-comune', '2026-06'));
    });

    it('resumes from its checkpoint after the flow fails, and its file is byte-identical, no record twice', async () => {
      // Past the first page's checkpoint and into the second: those records are written again on resume.
      control().failAfter = PAGE + 3;
      const run = await settled(educatore, (await start(educatore, 'flows.people', { period: '2026-06' })).id);
      expect(run).toMatchObject({ state: 'done', attempts: 2, error: null });
      expect(control().calls).toBe(2);
      const firstPage = reference.toString('utf8').split('\n')[PAGE]!.split(';')[0];
      expect(control().resumedFrom).toEqual([null, firstPage]);
      const file = fileOf(app, (await runRow(app, run.id)).file_key!);
      expect(file.equals(reference)).toBe(true);
      const lines = file.toString('utf8').split('\n').filter(Boolean);
      expect(new Set(lines).size).toBe(lines.length);
      expect((await download(educatore, run.id)).body).toEqual(reference);
    });

    it('left running by a worker that died is picked up at start, cut back to its checkpoint, and finished', async () => {
      control().stallAfter = 2 * PAGE + 2;
      const run = await start(educatore, 'flows.people', { period: '2026-06' });
      await eventually(
        async () => control().stalled,
        (s) => s,
      );
      const before = await runRow(app, run.id);
      expect(before).toMatchObject({ state: 'running', attempts: 1 });
      expect(before.bytes).toBe(
        Buffer.byteLength(
          reference
            .toString('utf8')
            .split('\n')
            .slice(0, 2 * PAGE + 1)
            .join('\n') + '\n',
        ),
      );
      expect(before.checkpoint).toBe(reference.toString('utf8').split('\n')[2 * PAGE]!.split(';')[0]);
      // The worker dies: what it wrote after its checkpoint stays on the disk, and its lease runs out.
      appendFileSync(join(app.platform.config.exports.folder!, before.file_key!), 'half a record;garbage');
      await asOwner(app, (em) => em.execute(`update core.export_run set lease_until = now() - interval '1 second' where id = ?`, [run.id]));

      // A node starts: the sweep sends the run again, and it resumes.
      await app.platform.jobs.run('core.exports.resume');
      const after = await show(educatore, run.id);
      expect(after).toMatchObject({ state: 'done', attempts: 2 });
      expect(control().resumedFrom[1]).toBe(before.checkpoint);
      expect(fileOf(app, before.file_key!).equals(reference)).toBe(true);

      // The stalled worker wakes up: it no longer holds the run, and writes nothing more.
      control().release!();
      await eventually(
        async () => control().finished,
        (n) => n === 2,
      );
      expect(fileOf(app, before.file_key!).equals(reference)).toBe(true);
      expect((await runRow(app, run.id)).state).toBe('done');
      expect((await auditOf(app, run.id)).map((a) => a.action)).toEqual(['export.start', 'export.complete']);
    });

    it('fails for good after its attempts, with its reason in the operator’s language, and leaves no file', async () => {
      const run = await settled(educatore, (await start(educatore, 'flows.broken')).id);
      expect(run).toMatchObject({ state: 'failed', attempts: 3, fileUrl: null, error: { code: 'flow-failed' } });
      expect(run.error!.message).toContain('Il flusso si è interrotto');
      const english = await educatore.agent.get(`/api/v1/exports/${run.id}`).set('Cookie', 'sigess_lang=en').expect(200);
      expect(english.body.error.message).toContain('The flow stopped with an error');
      const row = await runRow(app, run.id);
      expect(row).toMatchObject({ state: 'failed', file_key: null, error: 'the source refused the query' });
      await educatore.get(`/api/v1/exports/${run.id}/file`).expect(409);
      const page = await educatore.agent.get('/exports').expect(200);
      const cell = page.text.slice(page.text.indexOf(`data-run="${run.id}"`));
      expect(cell.slice(0, cell.indexOf('</tr>'))).toContain('data-testid="reason">Il flusso si è interrotto');
      expect((await auditOf(app, run.id)).map((a) => a.action)).toEqual(['export.start', 'export.fail']);
      // Its partial file is gone from the folder.
      const folder = join(
        app.platform.config.exports.folder!,
        (
          await asOwner(app, (em) =>
            em.execute<{ o: string }[]>('select owner_org_id::text as o from core.export_run where id = ?', [run.id]),
          )
        )[0]!.o,
      );
      expect(existsSync(join(folder, `${run.id}.xml`))).toBe(false);
    });
  });

  it('removes files kept longer than the installation says, and keeps the record', async () => {
    const run = await settled(educatore, (await start(educatore, 'flows.plain')).id);
    const key = (await runRow(app, run.id)).file_key!;
    await app.platform.jobs.run('core.exports.cleanup');
    expect((await runRow(app, run.id)).state).toBe('done');
    await asOwner(app, (em) => em.execute(`update core.export_run set finished_at = now() - interval '8 days' where id = ?`, [run.id]));
    await app.platform.jobs.run('core.exports.cleanup');
    expect(await runRow(app, run.id)).toMatchObject({ state: 'expired', file_key: null });
    expect(existsSync(join(app.platform.config.exports.folder!, key))).toBe(false);
    const gone = await educatore.get(`/api/v1/exports/${run.id}/file`).expect(410);
    expect(gone.body.detail).toContain('rimosso');
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await app.newAgent().get('/api/v1/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths['/api/v1/exports'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(doc.paths['/api/v1/exports/flows'].get).toBeDefined();
    expect(doc.paths['/api/v1/exports/{id}'].get).toBeDefined();
    expect(doc.paths['/api/v1/exports/{id}/file'].get).toBeDefined();
    expect(JSON.stringify(doc.paths['/api/v1/exports'].post.requestBody)).toContain('params');
  });

  it('lists the runs of the organization, newest first', async () => {
    const items = (await educatore.get('/api/v1/exports').expect(200)).body.items as RunJson[];
    expect(items.length).toBeGreaterThan(5);
    expect(items.every((i) => ['done', 'failed', 'expired'].includes(i.state))).toBe(true);
    const times = items.map((i) => (i as unknown as { requestedAt: string }).requestedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(items.map((i) => i.fileName.split('.').pop()))).toEqual(new Set(['csv', 'json', 'xml']));
  });
});

describe('export flows at start-up', () => {
  it('are refused with their parameters at fault: names, kinds, options, and labels missing in a language', () => {
    const root = tempWorkspace('exports-seal');
    writePlugin(root, {
      id: 'sloppy',
      permissions: [{ id: 'sloppy.export' }],
      locales: { it: { t: 'Flusso', p: 'Periodo', o: 'Sì' }, en: { t: 'Flow', p: 'Period' } },
      code: `register(p) {
        p.contribute(sdk.ExportFlows, { id: 'sloppy.flow', titleKey: 'sloppy:t', format: 'csv', permission: 'sloppy.export',
          params: [
            { name: 'period', labelKey: 'sloppy:p', kind: 'month' },
            { name: 'period', labelKey: 'sloppy:p', kind: 'month' },
            { name: 'flow', labelKey: 'sloppy:p', kind: 'weekly' },
            { name: 'kind', labelKey: 'sloppy:missing', kind: 'select', options: [{ value: 'a', labelKey: 'sloppy:o' }] },
            { name: 'empty', labelKey: 'other:p', kind: 'select' },
            { name: 'day', labelKey: 'sloppy:p', kind: 'date', options: [] },
            { name: 'both', labelKey: 'sloppy:p', kind: 'select', options: [{ value: 'a', labelKey: 'sloppy:p' }], choices: async () => [] },
            { name: 'none', labelKey: 'sloppy:p', kind: 'select', options: [] },
            { name: 'computed', labelKey: 'sloppy:p', kind: 'select', choices: async () => [] },
            { name: 'month', labelKey: 'sloppy:p', kind: 'month', choices: async () => [] },
            { name: 'fixed', labelKey: 'sloppy:p', kind: 'select', choices: [{ value: 'a', label: 'A' }] },
          ],
          check: 'no',
          run: async function* () {} });
      }`,
    });
    let error: unknown;
    try {
      prepare(fixtureConfig(root, { plugins: ['sloppy'] }), { log: pino({ level: 'silent' }) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).message.split('\n').sort()).toEqual(
      [
        'plugin "sloppy": export flow "sloppy.flow": parameter "period" is declared twice',
        'plugin "sloppy": export flow "sloppy.flow": parameter "flow": a name is camelCase letters and digits, at most 40, and not "flow"',
        'plugin "sloppy": export flow "sloppy.flow": parameter "flow": unknown kind "weekly" (known: date, month, year, text, select)',
        'plugin "sloppy": export flow "sloppy.flow": parameter "empty": a select needs options or choices',
        'plugin "sloppy": export flow "sloppy.flow": parameter "day": only a select has options',
        'plugin "sloppy": export flow "sloppy.flow": parameter "both": a select has either options or choices, not both',
        'plugin "sloppy": export flow "sloppy.flow": parameter "none": a select needs options or choices',
        'plugin "sloppy": export flow "sloppy.flow": parameter "month": only a select has choices',
        'plugin "sloppy": export flow "sloppy.flow": parameter "fixed": choices must be a function',
        'plugin "sloppy": export flow "sloppy.flow": check must be a function',
        'plugin "sloppy": export flow "sloppy.flow": the i18n key "sloppy:missing" is missing in it, en',
        'plugin "sloppy": export flow "sloppy.flow": the i18n key "sloppy:o" is missing in en',
        'plugin "sloppy": export flow "sloppy.flow": the i18n key "other:p" must be in namespace "sloppy:"',
      ].sort(),
    );
  });
});
