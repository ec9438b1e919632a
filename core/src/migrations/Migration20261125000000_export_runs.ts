// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * Runs of the export flows (`ExportFlows`): a file an operator asked for (the SIUSS flows for INPS, say),
 * written by a background job under the installation's exports folder and downloaded under audit.
 *
 * A run is `queued`, `running` (a worker holds it until `lease_until`, and renews the lease while it
 * works), `done`, `failed` (after its attempts, with the reason) or `expired` (its file was removed after
 * the days an installation keeps them). `checkpoint` and `bytes` are written together, in one statement,
 * after the file was flushed up to `bytes`: an interrupted run is cut back to `bytes` and resumed from
 * `checkpoint`, so nothing written after the last checkpoint is ever there twice.
 *
 * The file holds personal data: the rows are fenced by the organization's scope like the records they
 * come from, and `permission` (the flow's, when the run started) says who may see and download it.
 */
export class Migration20261125000000_export_runs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.export_run (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        flow_id text not null check (length(flow_id) between 1 and 200),
        permission text not null check (length(permission) between 1 and 200),
        format text not null check (format in ('xml', 'csv', 'json')),
        params jsonb not null default '{}'::jsonb,
        state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed', 'expired')),
        done bigint not null default 0 check (done >= 0),
        total bigint check (total >= 0),
        checkpoint text check (length(checkpoint) <= 2000),
        bytes bigint not null default 0 check (bytes >= 0),
        -- The name offered on download; the file itself is at file_key under the exports folder.
        file_name text not null check (length(file_name) between 1 and 255),
        file_key text check (length(file_key) <= 500),
        error_code text check (error_code in ('flow-failed', 'flow-unavailable', 'file-failed')),
        -- The technical cause, for the server's administrators: never shown to operators.
        error text check (length(error) <= 2000),
        attempts integer not null default 0 check (attempts >= 0),
        lease_token uuid,
        lease_until timestamptz,
        requested_by uuid references core.operator (id),
        requested_at timestamptz not null default now(),
        started_at timestamptz,
        updated_at timestamptz not null default now(),
        finished_at timestamptz,
        constraint export_run_finished check ((state in ('done', 'failed', 'expired')) = (finished_at is not null))
      )`);
    this.addSql('create index export_run_list_idx on core.export_run (owner_org_id, requested_at desc)');
    // The sweeps' question: what was left queued or running here.
    this.addSql(`create index export_run_open_idx on core.export_run (owner_org_id, state) where state in ('queued', 'running')`);
    for (const sql of ownedByScope('export_run')) this.addSql(sql);
  }
}
