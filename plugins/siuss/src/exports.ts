// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  ExportFlows,
  ExportRefused,
  type ExportFlow,
  type ExportJob,
  type ExportParam,
  type ExportParamProblem,
  type ExportScope,
  type PluginRegistrar,
} from '@sigess/core/sdk';
import type { FlowKind, PsRecord, SinbaRecord } from './model';
import { beneficiarioXml, flussoHead, flussoTail, sinbaXml } from './xml';
import { enteHeader } from './derive/refresh';
import { entiInReach, type EnteSource } from './derive/sources';
import { PERMISSIONS } from './monitoring/routes';

/**
 * Records read per query: a batch lives across the awaits of its write and checkpoint, long enough for V8 to
 * promote it to the old generation; 1000 keeps that garbage small (5000 peaked 200 MiB higher at 1M records,
 * bench/siuss-export.js) and costs nothing measurable in time.
 */
const BATCH = 1000;

/** What a period's file holds: the ente's complete records still wanted (parameters: ente, kind, from, to). */
const EXPORTABLE = `where ente_org_id = ? and kind = ? and wanted and status not in ('incomplete', 'withdrawn')
  and reference_date >= to_date(?, 'YYYY-MM') and reference_date < to_date(?, 'YYYY-MM') + interval '1 month'`;

interface Row {
  readonly personId: string;
  readonly id: string;
  /**
   * The record as JSON text, parsed only as its element is written: a batch's rows outlive a few young-generation
   * collections, and as text each is one compact string rather than a tree of objects promoted to the old generation.
   */
  readonly data: string;
}

/** How an ente is named in a choice and in messages: its name and Belfiore code. */
const enteLabel = (ente: EnteSource): string => `${ente.name} (${ente.belfioreCode})`;

/**
 * The file's ente, among those the operator's organization may send for (its own comune, or for an ambito each comune
 * below it); one alone is chosen by itself. Then the period.
 */
const PARAMS: readonly ExportParam[] = [
  {
    name: 'ente',
    labelKey: 'siuss:exports.ente',
    kind: 'select',
    required: true,
    choices: async (scope) => (await entiInReach(scope.em, scope.organizationId)).map((e) => ({ value: e.id, label: enteLabel(e) })),
  },
  { name: 'from', labelKey: 'siuss:exports.from', kind: 'month', required: true },
  { name: 'to', labelKey: 'siuss:exports.to', kind: 'month', required: true },
];

/** The chosen ente, if it is in the reach of `organizationId`; a run recorded before the choice existed takes the only one. */
function chosenEnte(enti: readonly EnteSource[], params: Readonly<Record<string, string>>): EnteSource | null {
  if (params.ente === undefined) return enti.length === 1 ? enti[0]! : null;
  return enti.find((e) => e.id === params.ente) ?? null;
}

async function enteOrFail(job: ExportJob, params: Readonly<Record<string, string>>): Promise<EnteSource> {
  // Again at run time: the organization tree may have changed since the run was started.
  const ente = chosenEnte(await job.withEm((db) => entiInReach(db, job.organizationId)), params);
  if (!ente) throw new ExportRefused('siuss:exports.errors.outOfReach');
  return ente;
}

/**
 * The records of a period an ente can send, person by person, in batches by key: complete ones only (an incomplete
 * record waits, reported on the monitoring page, and never blocks the others), still wanted.
 */
async function* exportable(job: ExportJob, ente: EnteSource, kind: FlowKind, from: string, to: string, after: [string, string] | null) {
  let key = after;
  for (;;) {
    const rows = await job.withEm((db) =>
      db.execute<Row[]>(
        // Ordered by the columns themselves (`r.id`, not the output's text `id`): the export index gives that
        // order, so each batch reads only its own rows; ordering by the text would sort the whole period each time.
        `select r.person_id::text as "personId", r.id::text as id, r.data::text as data from plg_siuss.record r
         ${EXPORTABLE}
           ${key ? 'and (r.person_id, r.id) > (?::uuid, ?::uuid)' : ''}
         order by r.person_id, r.id limit ${BATCH}`,
        key ? [ente.id, kind, from, to, key[0], key[1]] : [ente.id, kind, from, to],
      ),
    );
    if (!rows.length) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    key = [last.personId, last.id];
    if (rows.length < BATCH) return;
  }
}

async function countExportable(
  job: Pick<ExportJob, 'withEm'>,
  ente: EnteSource,
  kind: FlowKind,
  from: string,
  to: string,
): Promise<number> {
  const [row] = await job.withEm((db) =>
    db.execute<{ n: string }[]>(
      `select count(*)::text as n from plg_siuss.record
       ${EXPORTABLE}`,
      [ente.id, kind, from, to],
    ),
  );
  return Number(row!.n);
}

/**
 * The parameters together, before a run is recorded: the period in order, the ente in reach, something to send. The
 * count reads through the request's transaction, under the operator's row-level security, as the run will.
 */
async function problemsOf(kind: FlowKind, params: Readonly<Record<string, string>>, scope: ExportScope): Promise<ExportParamProblem[]> {
  const { from, to } = params as { from: string; to: string };
  if (to < from) return [{ param: 'to', messageKey: 'siuss:exports.errors.reversed' }];
  const ente = chosenEnte(await entiInReach(scope.em, scope.organizationId), params);
  if (!ente) return [{ param: 'ente', messageKey: 'siuss:exports.errors.outOfReach' }];
  const inScope: Pick<ExportJob, 'withEm'> = { withEm: (work) => work(scope.em) };
  if (!(await countExportable(inScope, ente, kind, from, to)))
    return [{ param: 'from', messageKey: 'siuss:exports.errors.empty', values: { ente: enteLabel(ente) } }];
  return [];
}

/**
 * A period's flusso for upload to INPS's SIUSS web application: one file, streamed; PS groups a person's
 * prestazioni under one `Beneficiario`. The checkpoint is the key of the last person written whole, so a resumed
 * run starts with the next person and writes nobody twice (core truncates the file to that checkpoint's bytes).
 */
function flow(kind: FlowKind): ExportFlow {
  const short = kind === 'SINBA' ? 'sinba' : 'ps';
  return {
    id: `siuss.${short}`,
    titleKey: `siuss:exports.${short}`,
    format: 'xml',
    permission: PERMISSIONS.export,
    params: PARAMS,
    check: (params, scope) => problemsOf(kind, params, scope),
    // The ente's Belfiore code first: an ambito sends one file per comune, each named after its own.
    filename: async (params, scope) => {
      const ente = chosenEnte(await entiInReach(scope.em, scope.organizationId), params);
      return `SIUSS-${kind === 'SINBA' ? 'SINBA' : 'PS'}-${ente ? `${ente.belfioreCode}-` : ''}${params.from}-${params.to}.xml`;
    },
    async *run(params, job) {
      const { from, to } = params as { from: string; to: string };
      // Checked when the run was started; refused here too for a run recorded otherwise (before the check existed).
      if (to < from) throw new ExportRefused('siuss:exports.errors.reversed');
      const ente = await enteOrFail(job, params);
      const total = await countExportable(job, ente, kind, from, to);
      // The records may have changed since the start (withdrawn, found incomplete): nothing left to send.
      if (!total) throw new ExportRefused('siuss:exports.errors.empty', { ente: enteLabel(ente) });
      const resume = job.resumeFrom ? (job.resumeFrom.split(',') as [string, string]) : null;
      let done = resume ? Number(job.resumeFrom!.split(',')[2] ?? 0) : 0;
      if (!resume)
        yield flussoHead(kind, { nome: `${ente.belfioreCode}.${kind === 'SINBA' ? 'SINBA' : 'PS'}.${from}.${to}`, ente: enteHeader(ente) });
      let person: Row[] = [];
      for await (const rows of exportable(job, ente, kind, from, to, resume)) {
        // Each element is yielded as it is written, never joined into a batch-long string: a string over 128 KiB
        // lives in V8's large-object space until a full collection, and a batch's were most of the export's peak.
        let lastWhole: Row | null = null;
        for (const row of rows) {
          if (kind === 'SINBA') {
            yield sinbaXml(JSON.parse(row.data) as SinbaRecord);
            lastWhole = row;
            done += 1;
            continue;
          }
          if (person.length && person[0]!.personId !== row.personId) {
            yield beneficiarioXml(person.map((r) => JSON.parse(r.data) as PsRecord));
            done += person.length;
            lastWhole = person[person.length - 1]!;
            person = [];
          }
          person.push(row);
        }
        if (lastWhole) {
          await job.checkpoint(`${lastWhole.personId},${lastWhole.id},${done}`);
          await job.progress(done, total);
        }
      }
      if (person.length) {
        yield beneficiarioXml(person.map((r) => JSON.parse(r.data) as PsRecord));
        done += person.length;
      }
      yield flussoTail();
      await job.progress(done, total);
      job.log.info({ flow: kind, records: done }, 'SIUSS export written');
    },
  };
}

export function registerExports(p: PluginRegistrar): void {
  p.contribute(ExportFlows, flow('PS_PSA_SINA'));
  p.contribute(ExportFlows, flow('SINBA'));
}
