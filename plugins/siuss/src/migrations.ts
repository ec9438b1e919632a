// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@sigess/core/sdk';

/**
 * The SIUSS records the cartella implies and the flussi published from them.
 *
 * - `record`: one per intervention (PS/PSA, with SINA when the person has one) and one per minor's cartella
 *   (SINBA); rebuilt from core's data whenever that changes, with its pre-validation issues. Owned like the
 *   intervention or cartella it comes from (row-level security gives it the same reach); `ente_org_id` is the
 *   comune that sends it to INPS.
 * - `flusso`: what was published to INPS, immutable but for its esito: `id_flusso` in INPS's format, a strictly
 *   increasing `ts_ms` per ente (the WaaS `since` cursor), the XML itself so re-serving is byte-identical.
 * - `ente_counter`: the per-ente daily progressive of `id_flusso` and the last `ts_ms`, taken under a row lock.
 * - `sinba_pseudonym`: the SINBA beneficiary id of a person; the mapping never leaves SIGeSS.
 */
export class Migration20261125100000_siuss extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table plg_siuss.record (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        ente_org_id uuid references core.organization (id),
        kind text not null check (kind in ('PS_PSA_SINA', 'SINBA')),
        -- The intervention (PS) or the cartella (SINBA) the record comes from.
        source_id uuid not null,
        cartella_id uuid not null references core.cartella (id),
        person_id uuid not null references core.person (id),
        -- The day the record refers to (the decision, or the cartella's opening): the period filters use it.
        reference_date date not null,
        data jsonb not null,
        issues jsonb not null default '[]' check (jsonb_typeof(issues) = 'array'),
        -- incomplete: issues to fix; ready: valid, not yet published; then the latest flusso's state.
        status text not null check (status in ('incomplete', 'ready', 'sent', 'accepted', 'rejected', 'withdrawn')),
        -- Hash of data: a change after publication publishes a correction.
        digest text not null,
        published_digest text,
        -- What the latest insertion carried: a correction or withdrawal cancels exactly that (TipoOperazione C).
        published_data jsonb,
        last_flusso text,
        -- False once the source no longer implies a record (the intervention rejected, its service without an INPS
        -- code): a record INPS may hold is then cancelled, one never published is simply withdrawn.
        wanted boolean not null default true,
        -- The beneficiary's flusso was accepted at least once: a later withdrawal sends a cancellation.
        acquired boolean not null default false,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        constraint record_once unique (kind, source_id)
      )`);
    this.addSql('create index record_ente_idx on plg_siuss.record (ente_org_id, kind, status)');
    this.addSql('create index record_owner_idx on plg_siuss.record (owner_org_id, reference_date)');
    // The batch export walks an ente's records person by person (one Beneficiario each), resumable by key.
    this.addSql('create index record_export_idx on plg_siuss.record (ente_org_id, kind, person_id, id)');
    this.addSql('alter table plg_siuss.record enable row level security');
    this.addSql(`
      create policy record_scope on plg_siuss.record
        using (owner_org_id = any (core.request_scope())) with check (owner_org_id = any (core.request_scope()))`);

    this.addSql(`
      create table plg_siuss.flusso (
        id_flusso text primary key check (id_flusso ~ '^[A-Z0-9]{1,32}\\.(PS|SINBA)\\.[0-9]{8}\\.[0-9]{7}$'),
        record_id uuid not null references plg_siuss.record (id),
        owner_org_id uuid not null references core.organization (id),
        ente_org_id uuid not null references core.organization (id),
        tipo text not null check (tipo in ('PS_PSA_SINA', 'SINBA')),
        operation text not null check (operation in ('I', 'C')),
        ts_ms bigint not null,
        xml text not null,
        digest text not null,
        esito text check (esito in ('OK', 'DATI_NON_TROVATI', 'RICHIESTA_INVALIDA', 'ERRORE_GENERICO')),
        esito_description text,
        id_acquisizione_siuss text,
        ts_acquisizione timestamptz,
        esito_received_at timestamptz,
        -- 'waas' (served to INPS), or the export run that wrote it to a file for upload.
        channel text not null default 'waas',
        published_at timestamptz not null default now(),
        constraint flusso_ts_unique unique (ente_org_id, ts_ms)
      )`);
    this.addSql('create index flusso_record_idx on plg_siuss.flusso (record_id, ts_ms desc)');
    this.addSql('alter table plg_siuss.flusso enable row level security');
    this.addSql(`
      create policy flusso_scope on plg_siuss.flusso
        using (owner_org_id = any (core.request_scope())) with check (owner_org_id = any (core.request_scope()))`);

    this.addSql(`
      create table plg_siuss.ente_counter (
        ente_org_id uuid primary key references core.organization (id),
        day date not null,
        progressive integer not null,
        last_ts_ms bigint not null
      )`);
    this.addSql('alter table plg_siuss.ente_counter enable row level security');
    this.addSql(`
      create policy ente_counter_scope on plg_siuss.ente_counter
        using (ente_org_id = any (core.request_scope())) with check (ente_org_id = any (core.request_scope()))`);

    this.addSql(`
      create table plg_siuss.sinba_pseudonym (
        person_id uuid not null references core.person (id),
        ente_org_id uuid not null references core.organization (id),
        pseudonym text not null unique check (pseudonym ~ '^[A-Z0-9]{1,20}$'),
        created_at timestamptz not null default now(),
        primary key (ente_org_id, person_id)
      )`);
    this.addSql('alter table plg_siuss.sinba_pseudonym enable row level security');
    this.addSql(`
      create policy sinba_pseudonym_scope on plg_siuss.sinba_pseudonym
        using (ente_org_id = any (core.request_scope())) with check (ente_org_id = any (core.request_scope()))`);
  }
}

/** The plugin's migrations for schema plg_siuss, in the order they run: append, never insert or edit. */
export const SIUSS_MIGRATIONS = [{ name: 'Migration20261125100000_siuss', class: Migration20261125100000_siuss }];
