// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FlowKind, RecordIssue } from '../model';
import type { Db } from '../store/flussi';
import { RECORD_STATUSES, type RecordStatus } from '../store/records';

/** A period of reference dates, months included: `YYYY-MM` to `YYYY-MM`. */
export interface Period {
  readonly from: string;
  readonly to: string;
}

export interface CountRow {
  readonly organizationId: string;
  readonly organizationName: string;
  readonly kind: FlowKind;
  readonly counts: Readonly<Record<RecordStatus, number>>;
}

const IN_PERIOD = `r.reference_date >= to_date(?, 'YYYY-MM') and r.reference_date < to_date(?, 'YYYY-MM') + interval '1 month'`;

/** Records per organization, flow and status in the period, within the request's reach (row-level security). */
export async function countsByOrganization(db: Db, period: Period): Promise<CountRow[]> {
  const rows = await db.execute<{ organizationId: string; organizationName: string; kind: FlowKind; status: RecordStatus; n: string }[]>(
    `select r.owner_org_id::text as "organizationId", o.name as "organizationName", r.kind, r.status, count(*)::text as n
     from plg_siuss.record r join core.organization o on o.id = r.owner_org_id
     where ${IN_PERIOD}
     group by r.owner_org_id, o.name, r.kind, r.status order by o.name, r.kind`,
    [period.from, period.to],
  );
  const byKey = new Map<
    string,
    { organizationId: string; organizationName: string; kind: FlowKind; counts: Record<RecordStatus, number> }
  >();
  for (const row of rows) {
    const key = `${row.organizationId}|${row.kind}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = {
        organizationId: row.organizationId,
        organizationName: row.organizationName,
        kind: row.kind,
        counts: Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>,
      };
      byKey.set(key, entry);
    }
    entry.counts[row.status] = Number(row.n);
  }
  return [...byKey.values()];
}

export interface RecordRow {
  readonly id: string;
  readonly kind: FlowKind;
  readonly status: RecordStatus;
  readonly ownerOrgId: string;
  readonly organizationName: string;
  readonly cartellaId: string;
  readonly personId: string;
  readonly surname: string;
  readonly name: string;
  readonly sourceId: string;
  readonly referenceDate: string;
  readonly issues: readonly RecordIssue[];
  readonly data: Record<string, unknown>;
  readonly lastFlusso: string | null;
  readonly esito: string | null;
  readonly esitoDescription: string | null;
  readonly idAcquisizioneSiuss: string | null;
  readonly updatedAt: string;
}

const RECORDS = `
  select r.id::text as id, r.kind, r.status, r.owner_org_id::text as "ownerOrgId", o.name as "organizationName",
         r.cartella_id::text as "cartellaId", r.person_id::text as "personId", p.surname, p.name, r.source_id::text as "sourceId",
         to_char(r.reference_date, 'YYYY-MM-DD') as "referenceDate", r.issues, r.data, r.last_flusso as "lastFlusso",
         f.esito, f.esito_description as "esitoDescription", f.id_acquisizione_siuss as "idAcquisizioneSiuss", r.updated_at as "updatedAt"
  from plg_siuss.record r
  join core.organization o on o.id = r.owner_org_id
  join core.person p on p.id = r.person_id
  left join plg_siuss.flusso f on f.id_flusso = r.last_flusso`;

export interface RecordFilter extends Period {
  readonly status?: RecordStatus;
  readonly kind?: FlowKind;
  readonly organizationId?: string;
}

/** The records behind a number of the monitoring page, newest first (at most 500). */
export async function listRecords(db: Db, filter: RecordFilter): Promise<RecordRow[]> {
  const where = [IN_PERIOD];
  const params: unknown[] = [filter.from, filter.to];
  const add = (clause: string, value: unknown): void => {
    where.push(clause);
    params.push(value);
  };
  if (filter.status) add('r.status = ?', filter.status);
  if (filter.kind) add('r.kind = ?', filter.kind);
  if (filter.organizationId) add('r.owner_org_id = ?', filter.organizationId);
  return db.execute<RecordRow[]>(`${RECORDS} where ${where.join(' and ')} order by r.reference_date desc, r.id limit 500`, params);
}

export async function findRecord(db: Db, id: string): Promise<RecordRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db.execute<RecordRow[]>(`${RECORDS} where r.id = ?`, [id]);
  return row ?? null;
}

export interface FlussoRow {
  readonly idFlusso: string;
  readonly operation: 'I' | 'C';
  readonly publishedAt: string;
  readonly esito: string | null;
  readonly esitoDescription: string | null;
  readonly idAcquisizioneSiuss: string | null;
  readonly tsAcquisizione: string | null;
}

export async function flussiOfRecord(db: Db, recordId: string): Promise<FlussoRow[]> {
  return db.execute<FlussoRow[]>(
    `select id_flusso as "idFlusso", operation, published_at as "publishedAt", esito, esito_description as "esitoDescription",
            id_acquisizione_siuss as "idAcquisizioneSiuss", ts_acquisizione as "tsAcquisizione"
     from plg_siuss.flusso where record_id = ? order by ts_ms desc`,
    [recordId],
  );
}

/** The organizations of the request's reach that own interventions or cartelle: what "refresh now" rebuilds. */
export async function organizationsInReach(db: Db): Promise<string[]> {
  const rows = await db.execute<{ id: string }[]>(
    `select distinct owner_org_id::text as id from core.cartella union select distinct owner_org_id::text from core.intervention`,
  );
  return rows.map((r) => r.id);
}
