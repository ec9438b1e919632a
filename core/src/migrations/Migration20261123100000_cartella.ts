// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

const IN_SCOPE = 'owner_org_id = any (core.request_scope())';

/**
 * Row-level security for rows the application reads, adds and changes but never deletes: a cartella is
 * closed, a team member leaves, a contact stays. With no delete policy, the application role deletes
 * nothing; the schema owner still can, for the retention and erasure procedures an administrator runs.
 */
function keptByScope(table: string): string[] {
  return [
    `alter table core.${table} enable row level security`,
    `create policy ${table}_read on core.${table} for select using (${IN_SCOPE})`,
    `create policy ${table}_add on core.${table} for insert with check (${IN_SCOPE})`,
    `create policy ${table}_change on core.${table} for update using (${IN_SCOPE}) with check (${IN_SCOPE})`,
  ];
}

/** History: rows never changed, not even by the schema owner (a correction is a new row). */
function unchangeable(table: string): string {
  return `create trigger ${table}_unchangeable before update on core.${table} for each row execute function core.refuse_change()`;
}

/**
 * The access point's register (contacts at a PUA or segretariato sociale, and the referrals they make)
 * and the cartella sociale: taking a person in charge, the states it goes through, its team, and its
 * diary. Every table carries its owner organization and row-level security like `core.person`.
 *
 * A contact belongs to the service point that recorded it. A cartella belongs to the data controller
 * (`core.data_controller`): the organization above a service point, as `OrganizationService.scope`
 * decides what a desk sees, so the PUA and the segretariato of one comune open one cartella per person
 * between them, numbered in one yearly series, and the cartella outlives the desk that opened it.
 *
 * Diary notes marked `team` are need-to-know inside the organization: the policy lets through only the
 * cartella's responsible operator and its current team, which needs the request's operator
 * (`sigess.operator_id`, set per transaction beside the scope; `core.request_operator()`).
 */
export class Migration20261123100000_cartella extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function core.request_operator() returns uuid language sql stable as $$
        select nullif(current_setting('sigess.operator_id', true), '')::uuid
      $$`);
    // The organization that owns what a desk does: the first ancestor that is not a service point
    // (the desk itself when it hangs from nothing), as OrganizationService.scope reasons.
    this.addSql(`
      create function core.data_controller(p_org uuid) returns uuid language sql stable as $$
        with recursive up(id, parent_id, kind, depth) as (
          select id, parent_id, kind, 0 from core.organization where id = p_org
          union all
          select o.id, o.parent_id, o.kind, up.depth + 1 from core.organization o join up on o.id = up.parent_id
          where up.kind = 'service-point'
        )
        select id from up where kind <> 'service-point' or parent_id is null order by depth limit 1
      $$`);
    // Italy's calendar day, whatever the server's time zone: "today's contacts", a team membership ending today.
    this.addSql(`
      create function core.local_today() returns date language sql stable as $$
        select (now() at time zone 'Europe/Rome')::date
      $$`);
    this.addSql(`
      create function core.refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'core.% is history: % refused (record a new row instead)', tg_table_name, lower(tg_op)
            using errcode = 'restrict_violation';
        end
      $$`);

    this.addSql(`
      create table core.cartella (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        -- "2026/0007": the year it was opened and its place in the owner's series for that year.
        year integer not null,
        seq integer not null check (seq > 0),
        person_id uuid not null references core.person (id),
        area text not null,
        state text not null default 'open' check (state in ('open', 'suspended', 'closed')),
        -- The date of the last transition (the opening date for a cartella never moved since).
        state_since date not null,
        opened_on date not null,
        responsible_operator_id uuid not null references core.operator (id),
        -- The desk (or organization) whose operator took the person in charge.
        opened_by_org_id uuid not null references core.organization (id),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        unique (owner_org_id, year, seq)
      )`);
    // At most one cartella not closed per person and owner: a second take-in-charge is a conflict.
    this.addSql(`create unique index cartella_one_open on core.cartella (owner_org_id, person_id) where state <> 'closed'`);
    this.addSql('create index cartella_person_idx on core.cartella (person_id)');
    this.addSql('create index cartella_responsible_idx on core.cartella (responsible_operator_id, state)');
    this.addSql(`
      create table core.cartella_counter (
        owner_org_id uuid not null references core.organization (id),
        year integer not null,
        last integer not null,
        primary key (owner_org_id, year)
      )`);

    this.addSql(`
      create table core.cartella_team (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        operator_id uuid not null references core.operator (id),
        role text not null,
        -- Member from valid_from; valid_to is the day they left (not a member on it), as household memberships.
        valid_from date not null,
        valid_to date,
        added_at timestamptz not null default now(),
        added_by uuid,
        ended_at timestamptz,
        ended_by uuid,
        constraint cartella_team_period check (valid_to is null or valid_to >= valid_from)
      )`);
    this.addSql('create unique index cartella_team_current on core.cartella_team (cartella_id, operator_id) where valid_to is null');
    this.addSql('create index cartella_team_operator_idx on core.cartella_team (operator_id) where valid_to is null');

    this.addSql(`
      create table core.cartella_transition (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        -- Null for the opening itself.
        from_state text check (from_state in ('open', 'suspended', 'closed')),
        to_state text not null check (to_state in ('open', 'suspended', 'closed')),
        on_date date not null,
        reason_code text,
        note text,
        by_operator uuid,
        at timestamptz not null default now()
      )`);
    this.addSql('create index cartella_transition_cartella_idx on core.cartella_transition (cartella_id, at)');

    this.addSql(`
      create table core.diary_note (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        occurred_on date not null,
        type text not null,
        confidentiality text not null check (confidentiality in ('team', 'organization', 'partners')),
        body text not null check (length(body) between 1 and 20000),
        -- A note is never edited: a correction is a new note pointing at the one it corrects.
        corrects_id uuid references core.diary_note (id),
        author_id uuid not null references core.operator (id),
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index diary_note_cartella_idx on core.diary_note (cartella_id, occurred_on desc, created_at desc)');

    this.addSql(`
      create table core.access_contact (
        id uuid primary key default gen_random_uuid(),
        -- The service point (or organization) whose desk recorded the contact.
        owner_org_id uuid not null references core.organization (id),
        occurred_at timestamptz not null,
        channel text not null,
        interlocutor text not null,
        person_id uuid references core.person (id),
        -- Who came, when they did not give their name (linked to a person later).
        anonymous_description text,
        needs text[] not null default '{}',
        notes text,
        outcome text not null check (outcome in ('information', 'orientation', 'referral', 'take-in-charge')),
        referral_service text,
        referral_org_id uuid references core.organization (id),
        referral_status text check (referral_status in ('pending', 'accepted', 'refused')),
        referral_decided_at timestamptz,
        referral_decided_by uuid,
        referral_note text,
        cartella_id uuid references core.cartella (id),
        recorded_at timestamptz not null default now(),
        recorded_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        version integer not null default 1,
        constraint access_contact_subject check (person_id is not null or anonymous_description is not null),
        constraint access_contact_referral check ((outcome = 'referral') = (referral_status is not null)),
        constraint access_contact_referral_target check (outcome <> 'referral' or referral_service is not null or referral_org_id is not null),
        constraint access_contact_decided check ((referral_status in ('accepted', 'refused')) = (referral_decided_at is not null))
      )`);
    this.addSql('create index access_contact_owner_idx on core.access_contact (owner_org_id, occurred_at desc)');
    this.addSql('create index access_contact_person_idx on core.access_contact (person_id, occurred_at desc)');
    this.addSql(`create index access_contact_pending_idx on core.access_contact (owner_org_id) where referral_status = 'pending'`);

    for (const table of ['access_contact', 'cartella', 'cartella_team']) for (const sql of keptByScope(table)) this.addSql(sql);
    for (const sql of ownedByScope('cartella_counter')) this.addSql(sql);
    // A state change, once recorded, is read and never changed or deleted by the application.
    this.addSql('alter table core.cartella_transition enable row level security');
    this.addSql(`create policy cartella_transition_read on core.cartella_transition for select using (${IN_SCOPE})`);
    this.addSql(`create policy cartella_transition_add on core.cartella_transition for insert with check (${IN_SCOPE})`);
    for (const table of ['cartella_transition', 'diary_note']) this.addSql(unchangeable(table));

    // Whether the request's operator is the cartella's responsible or a current member of its team. A definer
    // function: the policy below must not depend on the team table's own policy, and it says nothing else.
    this.addSql(`
      create function core.cartella_insider(p_cartella uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select core.request_operator() is not null and (
          exists (select from core.cartella c where c.id = p_cartella and c.responsible_operator_id = core.request_operator())
          or exists (select from core.cartella_team t
                     where t.cartella_id = p_cartella and t.operator_id = core.request_operator()
                       and t.valid_from <= core.local_today() and (t.valid_to is null or t.valid_to > core.local_today())))
      $$`);
    // Read and append only: with no update or delete policy, the application role can do neither; the trigger
    // above keeps even the owner from rewriting a note.
    this.addSql('alter table core.diary_note enable row level security');
    this.addSql(`
      create policy diary_note_read on core.diary_note for select
      using (owner_org_id = any (core.request_scope()) and (confidentiality <> 'team' or core.cartella_insider(cartella_id)))`);
    this.addSql(`
      create policy diary_note_append on core.diary_note for insert
      with check (owner_org_id = any (core.request_scope()) and (confidentiality <> 'team' or core.cartella_insider(cartella_id)))`);
  }
}
