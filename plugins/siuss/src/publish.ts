// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FlowKind, PsRecord, SinbaRecord } from './model';
import { psFlussoXml, sinbaFlussoXml } from './xml';
import type { Db } from './store/flussi';
import { digestOf } from './store/records';
import { enteHeader } from './derive/refresh';
import type { EnteSource } from './derive/sources';

interface Pending {
  readonly id: string;
  readonly ownerOrgId: string;
  readonly kind: FlowKind;
  readonly data: PsRecord | SinbaRecord;
  readonly digest: string;
  readonly wanted: boolean;
  readonly publishedData: PsRecord | SinbaRecord | null;
  readonly lastOperation: 'I' | 'C' | null;
  readonly lastEsito: string | null;
}

/** `EEEEE.TIPO.AAAAMMGG.NNNNNNN`, INPS's flusso id: the ente's code, PS or SINBA, the day, the day's progressive. */
export function formatIdFlusso(ente: string, kind: FlowKind, day: string, progressive: number): string {
  return `${ente}.${kind === 'SINBA' ? 'SINBA' : 'PS'}.${day.replace(/-/g, '')}.${String(progressive).padStart(7, '0')}`;
}

/**
 * The next id and timestamp of the ente's flussi. The counter row stays locked until the transaction commits, so
 * publications of one ente are serialized: a flusso committed later always has a later `ts_ms`, and INPS's `since`
 * cursor never skips one committed out of order.
 */
async function nextFlusso(db: Db, ente: EnteSource, kind: FlowKind): Promise<{ idFlusso: string; tsMs: number }> {
  const [row] = await db.execute<{ day: string; progressive: number; tsMs: string }[]>(
    `insert into plg_siuss.ente_counter as c (ente_org_id, day, progressive, last_ts_ms)
     values (?, (now() at time zone 'Europe/Rome')::date, 1, (extract(epoch from clock_timestamp()) * 1000)::bigint)
     on conflict (ente_org_id) do update set
       progressive = case when c.day = excluded.day then c.progressive + 1 else 1 end,
       day = excluded.day,
       last_ts_ms = greatest(excluded.last_ts_ms, c.last_ts_ms + 1)
     returning to_char(day, 'YYYY-MM-DD') as day, progressive, last_ts_ms::text as "tsMs"`,
    [ente.id],
  );
  return { idFlusso: formatIdFlusso(ente.belfioreCode, kind, row!.day, row!.progressive), tsMs: Number(row!.tsMs) };
}

function render(kind: FlowKind, idFlusso: string, ente: EnteSource, data: PsRecord | SinbaRecord): string {
  const header = enteHeader(ente);
  return kind === 'SINBA' ? sinbaFlussoXml(idFlusso, header, data as SinbaRecord) : psFlussoXml(idFlusso, header, data as PsRecord);
}

/** A cancellation of what was last inserted: the same prestazione with `TipoOperazione="C"`. SINBA has no operation: a correction simply replaces. */
function cancellationOf(data: PsRecord): PsRecord {
  return { ...data, Prestazione: { ...data.Prestazione, TipoOperazione: 'C' } };
}

async function insertFlusso(db: Db, ente: EnteSource, p: Pending, operation: 'I' | 'C', data: PsRecord | SinbaRecord): Promise<string> {
  const { idFlusso, tsMs } = await nextFlusso(db, ente, p.kind);
  await db.execute(
    `insert into plg_siuss.flusso (id_flusso, record_id, owner_org_id, ente_org_id, tipo, operation, ts_ms, xml, digest)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [idFlusso, p.id, p.ownerOrgId, ente.id, p.kind, operation, tsMs, render(p.kind, idFlusso, ente, data), digestOf(data)],
  );
  return idFlusso;
}

/**
 * Publishes the ente's records that wait: a ready record as an insertion, preceded by the cancellation of its
 * previous insertion when INPS may hold it (a correction); an unwanted record INPS may hold as a cancellation.
 * One flusso per beneficiary and prestazione, as the WaaS e-service requires. Returns how many flussi it published.
 */
export async function publishPending(db: Db, ente: EnteSource, limit = 500): Promise<number> {
  const pending = await db.execute<Pending[]>(
    `select r.id::text as id, r.owner_org_id::text as "ownerOrgId", r.kind, r.data, r.digest, r.wanted,
            r.published_data as "publishedData", f.operation as "lastOperation", f.esito as "lastEsito"
     from plg_siuss.record r left join plg_siuss.flusso f on f.id_flusso = r.last_flusso
     where r.ente_org_id = ?
       and ((r.wanted and r.status = 'ready')
         or (not r.wanted and r.published_data is not null and r.status <> 'withdrawn' and f.operation is distinct from 'C'))
     order by r.updated_at, r.id limit ?
     for update of r skip locked`,
    [ente.id, limit],
  );
  let published = 0;
  for (const p of pending) {
    // INPS may hold the previous insertion unless it said it refused it.
    const mayHold = p.publishedData !== null && p.lastOperation === 'I' && (p.lastEsito === null || p.lastEsito === 'OK');
    let last: string | null = null;
    if (p.kind === 'PS_PSA_SINA' && mayHold) {
      last = await insertFlusso(db, ente, p, 'C', cancellationOf(p.publishedData as PsRecord));
      published += 1;
    }
    if (p.wanted) {
      last = await insertFlusso(db, ente, p, 'I', p.data);
      published += 1;
      await db.execute(
        `update plg_siuss.record set status = 'sent', published_digest = digest, published_data = data, last_flusso = ?, updated_at = now() where id = ?`,
        [last, p.id],
      );
    } else {
      await db.execute(`update plg_siuss.record set status = ?, last_flusso = coalesce(?, last_flusso), updated_at = now() where id = ?`, [
        last ? 'sent' : 'withdrawn',
        last,
        p.id,
      ]);
    }
  }
  return published;
}

/** Publishes a rejected record again as it stands (INPS refused it for a reason of its own, now solved). */
export async function markForResend(db: Db, recordId: string): Promise<boolean> {
  const rows = await db.execute<{ id: string }[]>(
    `update plg_siuss.record set status = 'ready', published_digest = null, updated_at = now()
     where id = ? and status = 'rejected' and wanted and jsonb_array_length(issues) = 0 returning id::text as id`,
    [recordId],
  );
  return rows.length > 0;
}
