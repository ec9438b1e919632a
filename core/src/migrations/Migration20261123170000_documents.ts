// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

const IN_SCOPE = 'owner_org_id = any (core.request_scope())';
/** Team-only documents reach only the cartella's responsible and its current team, as diary notes do. */
const NEED_TO_KNOW = `${IN_SCOPE} and (confidentiality <> 'team' or core.cartella_insider(cartella_id))`;

/**
 * The documents of a cartella (a social report, an ISEE attestation scan, a signed consent, a court
 * decree): the file's bytes in the row (`database` storage) or in a configured folder (`folder`, the row
 * holding the key), with what was detected from the content, its checksum and the virus scan's verdict.
 *
 * A document is withdrawn, never deleted: the row stays with who withdrew it and why, and there is no
 * delete policy. Only the schema owner may purge the bytes of a withdrawn document later (content set to
 * null), for the retention procedures an administrator runs; the trigger keeps everything that says
 * what the document was (its cartella, type, size, checksum, key) from ever changing.
 *
 * Who reads a row follows the diary's confidentiality levels; a partner organization reads the
 * `partners` documents of a cartella shared with it for the `documents` part.
 */
export class Migration20261123170000_documents extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.cartella_document (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        title text not null check (length(title) between 1 and 200),
        category text not null,
        confidentiality text not null check (confidentiality in ('team', 'organization', 'partners')),
        -- As the client named it: shown and offered on download, never used as a path.
        filename text not null check (length(filename) between 1 and 255),
        -- Detected from the bytes, never taken from the client.
        media_type text not null,
        size_bytes bigint not null check (size_bytes >= 0),
        sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
        storage text not null check (storage in ('database', 'folder')),
        content bytea,
        storage_key text,
        scan_status text not null check (scan_status in ('clean', 'not-scanned')),
        scan_engine text,
        uploaded_at timestamptz not null default now(),
        uploaded_by uuid not null references core.operator (id),
        deleted_at timestamptz,
        deleted_by uuid references core.operator (id),
        deletion_reason text check (length(deletion_reason) between 1 and 500),
        constraint cartella_document_storage check ((storage = 'folder') = (storage_key is not null)),
        constraint cartella_document_bytes check (storage = 'folder' or content is not null or deleted_at is not null),
        constraint cartella_document_withdrawn check ((deleted_at is null) = (deleted_by is null) and (deleted_at is null) = (deletion_reason is null))
      )`);
    this.addSql('create index cartella_document_cartella_idx on core.cartella_document (cartella_id, uploaded_at desc)');

    this.addSql(`
      create function core.cartella_document_guard() returns trigger language plpgsql as $$
      begin
        if new.cartella_id <> old.cartella_id or new.owner_org_id <> old.owner_org_id or new.media_type <> old.media_type
           or new.size_bytes <> old.size_bytes or new.sha256 <> old.sha256 or new.storage <> old.storage
           or new.storage_key is distinct from old.storage_key or new.uploaded_at <> old.uploaded_at
           or new.uploaded_by <> old.uploaded_by or new.filename <> old.filename
           or (new.content is distinct from old.content and (new.content is not null or old.deleted_at is null))
           or (old.deleted_at is not null and (new.deleted_at is distinct from old.deleted_at
               or new.deletion_reason is distinct from old.deletion_reason)) then
          raise exception 'a document is withdrawn, not rewritten' using errcode = '55000';
        end if;
        return new;
      end $$`);
    this.addSql(`
      create trigger cartella_document_guard before update on core.cartella_document
      for each row execute function core.cartella_document_guard()`);

    this.addSql('alter table core.cartella_document enable row level security');
    this.addSql(`
      create policy cartella_document_read on core.cartella_document for select
      using ((${NEED_TO_KNOW}) or (confidentiality = 'partners' and core.cartella_shared_with_scope(cartella_id, 'documents')))`);
    this.addSql(`create policy cartella_document_add on core.cartella_document for insert with check (${NEED_TO_KNOW})`);
    this.addSql(
      `create policy cartella_document_change on core.cartella_document for update using (${NEED_TO_KNOW}) with check (${NEED_TO_KNOW})`,
    );
  }
}
