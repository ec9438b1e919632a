// SPDX-License-Identifier: AGPL-3.0-or-later
import { ExportFlows, type ExportFlow, type ExportJob, type PluginRegistrar } from '@sigess/core/sdk';
import type { FlowKind, PsRecord, SinbaRecord } from './model';
import { beneficiarioXml, flussoHead, flussoTail, sinbaXml } from './xml';
import { enteHeader } from './derive/refresh';
import { enteOf, type EnteSource } from './derive/sources';
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
  readonly data: PsRecord | SinbaRecord;
}

const PERIOD_PARAMS = [
  { name: 'from', labelKey: 'siuss:exports.from', kind: 'month', required: true },
  { name: 'to', labelKey: 'siuss:exports.to', kind: 'month', required: true },
] as const;

async function enteOrFail(job: ExportJob): Promise<EnteSource> {
  const ente = await job.withEm((db) => enteOf(db, job.organizationId));
  if (!ente) throw new Error('No organization with a Belfiore code above the one exporting: set it on the comune');
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
        `select r.person_id::text as "personId", r.id::text as id, r.data from plg_siuss.record r
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

async function countExportable(job: ExportJob, ente: EnteSource, kind: FlowKind, from: string, to: string): Promise<number> {
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
    params: PERIOD_PARAMS,
    filename: (params) => `SIUSS-${kind === 'SINBA' ? 'SINBA' : 'PS'}-${params.from}-${params.to}.xml`,
    async *run(params, job) {
      const { from, to } = params as { from: string; to: string };
      if (to < from) throw new Error('The last month comes before the first');
      const ente = await enteOrFail(job);
      const total = await countExportable(job, ente, kind, from, to);
      if (!total) throw new Error('No complete record in the period: nothing to send');
      const resume = job.resumeFrom ? (job.resumeFrom.split(',') as [string, string]) : null;
      let done = resume ? Number(job.resumeFrom!.split(',')[2] ?? 0) : 0;
      if (!resume)
        yield flussoHead(kind, { nome: `${ente.belfioreCode}.${kind === 'SINBA' ? 'SINBA' : 'PS'}.${from}.${to}`, ente: enteHeader(ente) });
      let person: Row[] = [];
      for await (const rows of exportable(job, ente, kind, from, to, resume)) {
        let out = '';
        let lastWhole: Row | null = null;
        for (const row of rows) {
          if (kind === 'SINBA') {
            out += sinbaXml(row.data as SinbaRecord);
            lastWhole = row;
            done += 1;
            continue;
          }
          if (person.length && person[0]!.personId !== row.personId) {
            out += beneficiarioXml(person.map((r) => r.data as PsRecord));
            done += person.length;
            lastWhole = person[person.length - 1]!;
            person = [];
          }
          person.push(row);
        }
        if (out) {
          yield out;
          await job.checkpoint(`${lastWhole!.personId},${lastWhole!.id},${done}`);
          await job.progress(done, total);
        }
      }
      if (person.length) {
        yield beneficiarioXml(person.map((r) => r.data as PsRecord));
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
