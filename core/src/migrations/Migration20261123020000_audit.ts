// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log: append-only and tamper-evident. Each entry carries the hash
 * of the previous one; a trigger refuses every update and delete, whoever
 * runs them, and the application role may only insert and read.
 */
export class Migration20261123020000_audit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.audit_log (
        id bigint generated always as identity primary key,
        at timestamptz not null,
        operator_id uuid,
        organization_id uuid,
        role_id text,
        action text not null,
        entity text,
        entity_id text,
        purpose text,
        request_id text,
        ip text,
        details jsonb not null default '{}',
        prev_hash text not null,
        hash text not null unique
      )`);
    this.addSql('create index audit_log_at_idx on core.audit_log (at)');
    this.addSql('create index audit_log_operator_idx on core.audit_log (operator_id, at)');
    this.addSql('create index audit_log_entity_idx on core.audit_log (entity, entity_id)');
    this.addSql(`
      create function core.audit_log_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'core.audit_log is append-only';
      end $$`);
    this.addSql(`
      create trigger audit_log_append_only before update or delete on core.audit_log
      for each row execute function core.audit_log_append_only()`);
    this.addSql(`
      create trigger audit_log_no_truncate before truncate on core.audit_log
      for each statement execute function core.audit_log_append_only()`);
  }
}
