// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Importing people from a file: a batch staged row by row, checked and shown to the operator before anything
 * reaches `core.person`, then committed (or discarded) as a whole. Staged rows are personal data of people
 * not yet registered, so both tables carry their owner organization and row-level security like
 * `core.person`. A pending batch may be committed until `expires_at` (seven days after the upload); the rows
 * of expired and discarded batches are deleted, the batch's counts stay.
 */
export class Migration20261123070000_person_import extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.person_import (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        created_by uuid,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null default now() + interval '7 days',
        -- The file's name as the client sent it (for the operator to recognise it); null for a JSON upload.
        file_name text,
        source text not null check (source in ('csv', 'json')),
        status text not null default 'pending' check (status in ('pending', 'committed', 'discarded')),
        row_count integer not null check (row_count >= 0),
        decided_at timestamptz,
        decided_by uuid,
        created_count integer,
        skipped_count integer,
        -- Set once the staged rows are deleted (discarded, or kept past the retention period).
        purged_at timestamptz,
        constraint person_import_decided check ((status = 'pending') = (decided_at is null))
      )`);
    this.addSql('create index person_import_owner_idx on core.person_import (owner_org_id, created_at desc)');

    this.addSql(`
      create table core.person_import_row (
        import_id uuid not null references core.person_import (id) on delete cascade,
        row_number integer not null,
        owner_org_id uuid not null references core.organization (id),
        -- The values as the file held them, by column (or the JSON row as sent).
        raw jsonb not null,
        -- The person's input once it passed every check; null while the row has errors.
        input jsonb,
        -- [{ field, column, message }]: in the language of the operator who uploaded the file.
        errors jsonb not null default '[]',
        -- Registry people found at upload: [{ personId, reason, score, ownerCode, ownerName }].
        candidates jsonb not null default '[]',
        -- Earlier rows of the same file that may be the same person (same name and birth date).
        file_matches integer[] not null default '{}',
        decision text check (decision in ('create', 'skip')),
        outcome text check (outcome in ('created', 'skipped', 'invalid', 'registered', 'new-candidates')),
        person_id uuid references core.person (id),
        primary key (import_id, row_number)
      )`);
    for (const table of ['person_import', 'person_import_row']) {
      this.addSql(`alter table core.${table} enable row level security`);
      this.addSql(`create policy ${table}_scope on core.${table} using (owner_org_id = any (core.request_scope()))`);
    }
    // No grant here: after each owner's migrations the migrator grants the schema's tables to the configured
    // application role (\`appRole\`, sigess_app by default), whose name a migration cannot know.
  }
}
