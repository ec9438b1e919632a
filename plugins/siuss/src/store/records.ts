// SPDX-License-Identifier: AGPL-3.0-or-later
import { createHash } from 'node:crypto';
import type { FlowKind, RecordIssue } from '../model';
import type { Db } from './flussi';

export type RecordStatus = 'incomplete' | 'ready' | 'sent' | 'accepted' | 'rejected' | 'withdrawn';
export const RECORD_STATUSES: readonly RecordStatus[] = ['incomplete', 'ready', 'sent', 'accepted', 'rejected', 'withdrawn'];

/** What a rebuild says a source implies now. */
export interface DerivedRecord {
  readonly kind: FlowKind;
  readonly sourceId: string;
  readonly ownerOrgId: string;
  readonly enteOrgId: string | null;
  readonly cartellaId: string;
  readonly personId: string;
  readonly referenceDate: string;
  readonly data: unknown;
  readonly issues: readonly RecordIssue[];
}

export function digestOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('base64url');
}

/**
 * Writes a rebuilt record. Its status follows: issues → incomplete (whatever INPS already holds stands until the
 * fix is published); valid and unlike what was last published → ready; valid and as published → unchanged (sent,
 * accepted or rejected stay). Rows whose data, issues and wish are unchanged are left alone, `updated_at` too.
 * Returns whether anything changed.
 */
export async function saveRecord(db: Db, r: DerivedRecord): Promise<boolean> {
  const digest = digestOf(r.data);
  const valid = r.issues.length === 0;
  const rows = await db.execute<{ id: string }[]>(
    `insert into plg_siuss.record as t
       (owner_org_id, ente_org_id, kind, source_id, cartella_id, person_id, reference_date, data, issues, status, digest)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
     on conflict (kind, source_id) do update set
       ente_org_id = excluded.ente_org_id, reference_date = excluded.reference_date, data = excluded.data,
       issues = excluded.issues, digest = excluded.digest, wanted = true, updated_at = now(),
       status = case
         when not ?::boolean then 'incomplete'
         when excluded.digest is distinct from t.published_digest then 'ready'
         when t.status in ('incomplete', 'ready', 'withdrawn') then case when t.acquired then 'accepted' else 'sent' end
         else t.status end
     where t.digest is distinct from excluded.digest or t.issues is distinct from excluded.issues or not t.wanted
       or t.ente_org_id is distinct from excluded.ente_org_id
     returning t.id::text as id`,
    [
      r.ownerOrgId,
      r.enteOrgId,
      r.kind,
      r.sourceId,
      r.cartellaId,
      r.personId,
      r.referenceDate,
      JSON.stringify(r.data),
      JSON.stringify(r.issues),
      valid ? 'ready' : 'incomplete',
      digest,
      valid,
    ],
  );
  return rows.length > 0;
}

/**
 * The source no longer implies a record (the intervention was rejected, its service has no INPS code, the minor's
 * cartella is gone): a record never published is withdrawn at once; one INPS may hold waits for its cancellation.
 */
export async function unwantRecords(
  db: Db,
  kind: FlowKind,
  ownerOrgId: string,
  keepSourceIds: readonly string[],
  onlySourceIds?: readonly string[],
): Promise<number> {
  const rows = await db.execute<{ id: string }[]>(
    `update plg_siuss.record set wanted = false, updated_at = now(),
            status = case when published_data is null then 'withdrawn' else status end
     where kind = ? and owner_org_id = ? and wanted and not (source_id = any (?::uuid[]))
       ${onlySourceIds ? 'and source_id = any (?::uuid[])' : ''}
     returning id::text as id`,
    onlySourceIds
      ? [kind, ownerOrgId, `{${keepSourceIds.join(',')}}`, `{${onlySourceIds.join(',')}}`]
      : [kind, ownerOrgId, `{${keepSourceIds.join(',')}}`],
  );
  return rows.length;
}
