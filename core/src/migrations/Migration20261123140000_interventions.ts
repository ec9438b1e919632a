// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

const STATES = `('requested', 'assessing', 'approved', 'rejected', 'waiting', 'active', 'suspended', 'concluded')`;

/**
 * Interventions (a service of the catalogue requested for a person in charge), the history of their
 * states and the deliveries (erogazioni) recorded against them. Each row carries the owner of the
 * cartella and row-level security like `core.person`; nothing is ever deleted (no delete grant is
 * needed: the application role only inserts and updates, and history rows refuse change).
 */
export class Migration20261123140000_interventions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.intervention (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        cartella_id uuid not null references core.cartella (id),
        person_id uuid not null references core.person (id),
        entry_code text not null,
        state text not null default 'requested' check (state in ${STATES}),
        requested_on date not null,
        quantity numeric(12, 2) not null check (quantity > 0),
        unit text not null,
        amount numeric(12, 2) not null check (amount >= 0),
        frequency text not null,
        period_from date not null,
        period_to date,
        provider_org_id uuid references core.organization (id),
        cost_centre text,
        -- The eligibility check shown when it was requested: outcome and each requirement's result.
        eligibility_outcome text not null check (eligibility_outcome in ('pass', 'fail', 'unknown')),
        eligibility jsonb not null default '[]',
        urgent boolean not null default false,
        priority_score integer not null default 0,
        -- Why the score: [{ "code": "urgent", "points": 50 }, …], shown on the waiting list.
        priority_reason jsonb not null default '[]',
        decision_act text,
        decision_on date,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        constraint intervention_period check (period_to is null or period_to >= period_from),
        constraint intervention_decided check (state in ('requested', 'assessing') or (decision_act is not null and decision_on is not null))
      )`);
    this.addSql('create index intervention_owner_idx on core.intervention (owner_org_id, entry_code, state)');
    this.addSql('create index intervention_cartella_idx on core.intervention (cartella_id)');
    this.addSql('create index intervention_person_idx on core.intervention (person_id)');
    this.addSql(`
      create table core.intervention_transition (
        id uuid primary key default gen_random_uuid(),
        intervention_id uuid not null references core.intervention (id),
        owner_org_id uuid not null references core.organization (id),
        from_state text check (from_state in ${STATES}),
        to_state text not null check (to_state in ${STATES}),
        on_date date not null,
        reason text,
        act text,
        by_operator uuid,
        at timestamptz not null default now()
      )`);
    this.addSql('create index intervention_transition_idx on core.intervention_transition (intervention_id, at)');
    this.addSql(`
      create table core.delivery (
        id uuid primary key default gen_random_uuid(),
        intervention_id uuid not null references core.intervention (id),
        owner_org_id uuid not null references core.organization (id),
        period_from date not null,
        period_to date not null,
        quantity numeric(12, 2) not null check (quantity > 0),
        amount numeric(12, 2) not null check (amount >= 0),
        recorded_by uuid,
        recorded_at timestamptz not null default now(),
        constraint delivery_period check (period_to >= period_from)
      )`);
    this.addSql('create index delivery_intervention_idx on core.delivery (intervention_id, period_from)');
    for (const table of ['intervention', 'intervention_transition', 'delivery']) for (const sql of ownedByScope(table)) this.addSql(sql);
    // A state change and a delivery, once recorded, stand: corrections are new rows (core.refuse_change, cartella's migration).
    for (const table of ['intervention_transition', 'delivery'])
      this.addSql(`create trigger ${table}_unchangeable before update on core.${table} for each row execute function core.refuse_change()`);
  }
}
