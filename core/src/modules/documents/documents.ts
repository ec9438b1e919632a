// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Confidentiality } from '../cartella/codes';
import type { Stored } from './storage';

export interface CartellaDocument {
  readonly id: string;
  readonly cartellaId: string;
  readonly ownerOrgId: string;
  readonly title: string;
  readonly category: string;
  readonly confidentiality: Confidentiality;
  readonly filename: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly storage: 'database' | 'folder';
  readonly scanStatus: 'clean' | 'not-scanned';
  readonly scanEngine: string | null;
  readonly uploadedAt: Date;
  readonly uploadedById: string;
  readonly uploadedByName: string;
  readonly withdrawn: boolean;
}

/** A document with what its bytes are read from. */
export interface DocumentWithBytes extends CartellaDocument {
  readonly content: Buffer | null;
  readonly storageKey: string | null;
}

/** What the service writes: checked input, the detected type, the scan's verdict and where the bytes went. */
export interface NewDocument {
  readonly title: string;
  readonly category: string;
  readonly confidentiality: Confidentiality;
  readonly filename: string;
  readonly mediaType: string;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly stored: Stored;
  readonly scanStatus: 'clean' | 'not-scanned';
  readonly scanEngine: string | null;
}

const COLUMNS = `d.id::text as id, d.cartella_id::text as "cartellaId", d.owner_org_id::text as "ownerOrgId", d.title, d.category,
  d.confidentiality, d.filename, d.media_type as "mediaType", d.size_bytes::int as "sizeBytes", d.sha256, d.storage,
  d.scan_status as "scanStatus", d.scan_engine as "scanEngine", d.uploaded_at as "uploadedAt",
  d.uploaded_by::text as "uploadedById", o.display_name as "uploadedByName", d.deleted_at is not null as withdrawn`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The documents of a cartella. Which rows a reader gets is row-level security's business (scope, the
 * team-only level, a partner's share); authorization, content checks and auditing are the caller's.
 * The bytes are read only for a download, never for a list.
 */
export class DocumentService {
  /** The documents not withdrawn, newest first. */
  async list(em: EntityManager, cartellaId: string, limit = 500): Promise<CartellaDocument[]> {
    return em.execute<CartellaDocument[]>(
      `select ${COLUMNS} from core.cartella_document d join core.operator o on o.id = d.uploaded_by
       where d.cartella_id = ? and d.deleted_at is null order by d.uploaded_at desc limit ?`,
      [cartellaId, limit],
    );
  }

  async find(em: EntityManager, cartellaId: string, id: string): Promise<DocumentWithBytes | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<DocumentWithBytes[]>(
      `select ${COLUMNS}, d.content, d.storage_key as "storageKey"
       from core.cartella_document d join core.operator o on o.id = d.uploaded_by
       where d.cartella_id = ? and d.id = ?`,
      [cartellaId, id],
    );
    return row ?? null;
  }

  async add(em: EntityManager, cartella: { id: string; ownerOrgId: string }, doc: NewDocument, by: string): Promise<string> {
    const [row] = await em.execute<{ id: string }[]>(
      `insert into core.cartella_document (cartella_id, owner_org_id, title, category, confidentiality, filename, media_type,
         size_bytes, sha256, storage, content, storage_key, scan_status, scan_engine, uploaded_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id::text as id`,
      [
        cartella.id,
        cartella.ownerOrgId,
        doc.title,
        doc.category,
        doc.confidentiality,
        doc.filename,
        doc.mediaType,
        doc.sizeBytes,
        doc.sha256,
        doc.stored.storage,
        doc.stored.storage === 'database' ? doc.stored.content : null,
        doc.stored.storage === 'folder' ? doc.stored.key : null,
        doc.scanStatus,
        doc.scanEngine,
        by,
      ],
    );
    return row!.id;
  }

  /** Withdraws a document still in the cartella; false when there is none the request may change. */
  async withdraw(em: EntityManager, id: string, reason: string, by: string): Promise<boolean> {
    const changed = await em.execute(
      `update core.cartella_document set deleted_at = now(), deleted_by = ?, deletion_reason = ?
       where id = ? and deleted_at is null returning id`,
      [by, reason, id],
    );
    return changed.length > 0;
  }
}
