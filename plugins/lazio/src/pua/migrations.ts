// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@sigess/core/sdk';

/**
 * The scheda PUA beside core's access contact (one per contact), kept by the organization whose desk recorded
 * it: row-level security gives it the same reach as the contact itself.
 */
export class Migration20261124120000_pua_scheda extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table plg_lazio.pua_scheda (
        id uuid primary key default gen_random_uuid(),
        access_contact_id uuid not null unique references core.access_contact (id),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        level text not null check (level in ('distrettuale', 'comunale')),
        requested_by text not null,
        needs text[] not null,
        answers jsonb not null,
        score integer not null check (score between 0 and 12),
        band text not null check (band in ('simple', 'to-assess', 'complex')),
        outcome text not null check (outcome in ('information', 'orientation', 'back-office')),
        outcome_note text,
        recorded_at timestamptz not null default now(),
        recorded_by uuid references core.operator (id),
        version integer not null default 1
      )`);
    this.addSql('create index pua_scheda_owner_idx on plg_lazio.pua_scheda (owner_org_id, recorded_at desc)');
    this.addSql('create index pua_scheda_person_idx on plg_lazio.pua_scheda (person_id)');
    this.addSql('alter table plg_lazio.pua_scheda enable row level security');
    this.addSql(`
      create policy pua_scheda_scope on plg_lazio.pua_scheda
        using (owner_org_id = any (core.request_scope())) with check (owner_org_id = any (core.request_scope()))`);
  }
}
