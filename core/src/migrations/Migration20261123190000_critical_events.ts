// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * Critical events (eventi critici) recorded about a person: an eviction notice, a lost job, a report
 * of violence… They are history: a record is never edited. A mistaken one is withdrawn, with who,
 * when and why, and stays readable; the database refuses any other change.
 */
export class Migration20261123190000_critical_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.critical_event (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        -- A code of the code list core.critical-event-types (a plugin may contribute a richer one).
        event_type text not null check (length(event_type) between 1 and 100),
        occurred_on date not null,
        note text check (length(note) <= 2000),
        recorded_by uuid not null references core.operator (id),
        recorded_at timestamptz not null default now(),
        withdrawn_at timestamptz,
        withdrawn_by uuid references core.operator (id),
        withdrawn_reason text check (length(withdrawn_reason) between 1 and 2000),
        constraint critical_event_withdrawn check ((withdrawn_at is null) = (withdrawn_by is null) and (withdrawn_at is null) = (withdrawn_reason is null))
      )`);
    this.addSql('create index critical_event_person_idx on core.critical_event (person_id, occurred_on desc)');
    this.addSql(
      'create index critical_event_recent_idx on core.critical_event (owner_org_id, recorded_at desc) where withdrawn_at is null',
    );
    // Only the withdrawal may be written after the fact, and only once; person_id moves with a merge of two registrations.
    this.addSql(`
      create function core.critical_event_only_withdraw() returns trigger language plpgsql as $$
      begin
        if old.withdrawn_at is not null
           or (new.id, new.owner_org_id, new.event_type, new.occurred_on, new.note, new.recorded_by, new.recorded_at)
              is distinct from
              (old.id, old.owner_org_id, old.event_type, old.occurred_on, old.note, old.recorded_by, old.recorded_at) then
          raise exception 'a critical event is not edited: withdraw it and record it again' using errcode = 'check_violation';
        end if;
        return new;
      end $$`);
    this.addSql(
      'create trigger critical_event_history before update on core.critical_event for each row execute function core.critical_event_only_withdraw()',
    );
    this.addSql(
      'create trigger critical_event_no_delete before delete on core.critical_event for each row execute function core.refuse_change()',
    );
    for (const sql of ownedByScope('critical_event')) this.addSql(sql);
  }
}
