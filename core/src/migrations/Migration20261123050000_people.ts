// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * People, households and their sharing: the personal data at the heart of
 * the registry. Every table carries its owner organization and row-level
 * security, so a query that forgets its organization filter still sees only
 * what the request's organization may see (set per transaction in
 * `sigess.scope`; with no scope set, nothing is visible).
 */
export class Migration20261123050000_people extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.person (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        codice_fiscale text check (codice_fiscale ~ '^[A-Z0-9]{16}$'),
        -- The omocodia-decoded form. Omocodia exists to give two people distinct codes,
        -- so an equal canonical form only suggests a duplicate; the code itself is unique.
        cf_canonical text,
        provisional_kind text check (provisional_kind in ('stp', 'eni', 'temporary', 'unknown')),
        provisional_code text,
        surname text not null,
        name text not null,
        sex text check (sex in ('M', 'F')),
        birth_date date,
        birth_place_code text check (birth_place_code ~ '^[A-Z][0-9]{3}$'),
        citizenships text[] not null default '{}',
        residence jsonb,
        domicile jsonb,
        contacts jsonb not null default '[]',
        legal_status_notes text,
        deceased_date date,
        merged_into uuid references core.person (id),
        search_name text generated always as (lower(core.immutable_unaccent(surname || ' ' || name))) stored,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        constraint person_identified check (codice_fiscale is not null or provisional_kind is not null),
        constraint person_cf_pair check ((codice_fiscale is null) = (cf_canonical is null))
      )`);
    this.addSql('create unique index person_cf_unique on core.person (codice_fiscale) where merged_into is null');
    this.addSql('create index person_cf_canonical_idx on core.person (cf_canonical)');
    this.addSql(
      'create unique index person_provisional_unique on core.person (provisional_code) where provisional_code is not null and merged_into is null',
    );
    this.addSql('create index person_cf_prefix_idx on core.person (codice_fiscale text_pattern_ops)');
    this.addSql('create index person_name_trgm_idx on core.person using gin (search_name public.gin_trgm_ops)');
    this.addSql('create index person_birth_idx on core.person (birth_date, search_name)');
    this.addSql('create index person_owner_idx on core.person (owner_org_id)');
    this.addSql('create index person_merged_idx on core.person (merged_into) where merged_into is not null');

    this.addSql(`
      create table core.person_share (
        id uuid primary key default gen_random_uuid(),
        person_id uuid not null references core.person (id),
        owner_org_id uuid not null references core.organization (id),
        grantee_org_id uuid not null references core.organization (id),
        purpose text not null,
        expires_at date,
        granted_at timestamptz not null default now(),
        granted_by uuid,
        revoked_at timestamptz,
        revoked_by uuid
      )`);
    this.addSql('create index person_share_person_idx on core.person_share (person_id)');
    this.addSql('create index person_share_grantee_idx on core.person_share (grantee_org_id) where revoked_at is null');
    this.addSql('alter table core.person_share enable row level security');
    this.addSql(`
      create policy person_share_scope on core.person_share
      using (owner_org_id = any (core.request_scope()) or grantee_org_id = any (core.request_scope()))
      with check (owner_org_id = any (core.request_scope()))`);

    // Shares are read inside the person policy through a definer function:
    // a policy that queried person_share directly would apply its policy too.
    this.addSql(`
      create function core.person_shared_with_scope(person uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (
          select from core.person_share s
          where s.person_id = person and s.grantee_org_id = any (core.request_scope())
            and s.revoked_at is null and (s.expires_at is null or s.expires_at >= current_date))
      $$`);
    this.addSql('alter table core.person enable row level security');
    this.addSql(`
      create policy person_scope on core.person
      using (owner_org_id = any (core.request_scope()) or core.person_shared_with_scope(id))
      with check (owner_org_id = any (core.request_scope()) or core.person_shared_with_scope(id))`);

    // Duplicate detection must see across organizations without showing what it
    // sees: this answers only which person, owned by which organization, and why.
    this.addSql(`
      create function core.identity_candidates(
        p_cf text, p_cf_canonical text, p_provisional text, p_surname text, p_name text, p_birth_date date, p_birth_place text, p_exclude uuid)
      returns table (person_id uuid, owner_org_id uuid, reason text, score real)
      language sql stable security definer set search_path = core, public, pg_temp as $$
        with wanted as (select lower(core.immutable_unaccent(coalesce(p_surname, '') || ' ' || coalesce(p_name, ''))) as search_name),
        hits as (
          -- A merged record still holds its codes as an alias of the survivor.
          select coalesce(p.merged_into, p.id) as person_id,
                 case when p.codice_fiscale = p_cf then 'codice-fiscale'
                      when p.provisional_code = p_provisional then 'provisional-code'
                      when p.cf_canonical = p_cf_canonical then 'omocodic-variant'
                      when p.search_name = w.search_name then 'name-and-birth-date'
                      else 'similar-name' end as reason,
                 case when p.codice_fiscale = p_cf or p.provisional_code = p_provisional then 1.0::real
                      when p.cf_canonical = p_cf_canonical then 0.99::real
                      else public.similarity(p.search_name, w.search_name) end as score
          from core.person p, wanted w
          where (p_cf is not null and p.codice_fiscale = p_cf)
             or (p_cf_canonical is not null and p.merged_into is null and p.cf_canonical = p_cf_canonical)
             or (p_provisional is not null and p.provisional_code = p_provisional)
             or (p.merged_into is null and p_birth_date is not null and p.birth_date = p_birth_date
                 and (p.search_name = w.search_name
                      or (p_birth_place is not null and p.birth_place_code = p_birth_place
                          and public.similarity(p.search_name, w.search_name) >= 0.45)))
        )
        select distinct on (h.person_id) h.person_id, t.owner_org_id, h.reason, h.score
        from hits h join core.person t on t.id = h.person_id
        where p_exclude is null or h.person_id <> p_exclude
        order by h.person_id, h.score desc
        limit 20
      $$`);

    this.addSql(`
      create table core.household (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        kind text not null,
        label text,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid
      )`);
    this.addSql('create index household_owner_idx on core.household (owner_org_id)');
    this.addSql(`
      create table core.household_member (
        id uuid primary key default gen_random_uuid(),
        household_id uuid not null references core.household (id),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        relation_code text not null,
        cohabiting boolean not null default true,
        valid_from date not null,
        valid_to date,
        created_at timestamptz not null default now(),
        created_by uuid,
        constraint household_member_period check (valid_to is null or valid_to > valid_from)
      )`);
    this.addSql('create index household_member_household_idx on core.household_member (household_id, valid_from)');
    this.addSql('create index household_member_person_idx on core.household_member (person_id, valid_from)');
    for (const sql of [...ownedByScope('household'), ...ownedByScope('household_member')]) this.addSql(sql);

    // Merges, with what each moved, so an administrator can undo one exactly.
    this.addSql(`
      create table core.person_merge (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        survivor_id uuid not null references core.person (id),
        merged_id uuid not null references core.person (id),
        moved jsonb not null,
        merged_at timestamptz not null default now(),
        merged_by uuid,
        undone_at timestamptz,
        undone_by uuid
      )`);
    this.addSql('create index person_merge_people_idx on core.person_merge (survivor_id, merged_id)');
    for (const sql of ownedByScope('person_merge')) this.addSql(sql);

    // Pairs an operator has reviewed and found to be two different people.
    this.addSql(`
      create table core.person_distinct (
        person_a uuid not null references core.person (id),
        person_b uuid not null references core.person (id),
        owner_org_id uuid not null references core.organization (id),
        decided_at timestamptz not null default now(),
        decided_by uuid,
        primary key (person_a, person_b),
        check (person_a < person_b)
      )`);
    for (const sql of ownedByScope('person_distinct')) this.addSql(sql);
  }
}
