// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * The service catalogue's organization data and the facts eligibility is checked on:
 * - service_offer: what an organization offers of a catalogue entry (unit cost, yearly budget,
 *   capacity, its own requirements). Not personal data, and read across the tree: a comune's
 *   operators check requirements against the offer of the ambito above it when the comune has none.
 *   Written only by the organization and those above it (its scope);
 * - isee: ISEE attestations per person and household (DPCM 159/2013), entered by hand or fetched;
 * - disability_record: certifications of civil invalidity and of handicap (L. 104/1992): health data.
 * The catalogue entries themselves are code (core's national table and the plugins'), not rows.
 */
export class Migration20261123120000_catalogue extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.service_offer (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        entry_code text not null,
        active boolean not null default true,
        unit_cost numeric(12, 2) check (unit_cost >= 0),
        yearly_budget numeric(14, 2) check (yearly_budget >= 0),
        capacity integer check (capacity >= 0),
        -- [{ rule, params }]; null: the catalogue entry's own requirements apply.
        requirements jsonb check (requirements is null or jsonb_typeof(requirements) = 'array'),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        created_by uuid,
        updated_at timestamptz not null default now(),
        updated_by uuid,
        constraint service_offer_one_per_entry unique (owner_org_id, entry_code)
      )`);
    this.addSql(`comment on table core.service_offer is
      'An organization''s offer of a catalogue entry; its subtree inherits it unless an organization there has its own'`);
    this.addSql('alter table core.service_offer enable row level security');
    this.addSql('create policy service_offer_read on core.service_offer for select using (true)');
    this.addSql(
      'create policy service_offer_insert on core.service_offer for insert with check (owner_org_id = any (core.request_scope()))',
    );
    this.addSql(`
      create policy service_offer_update on core.service_offer for update
      using (owner_org_id = any (core.request_scope())) with check (owner_org_id = any (core.request_scope()))`);
    this.addSql('create policy service_offer_delete on core.service_offer for delete using (owner_org_id = any (core.request_scope()))');

    this.addSql(`
      create table core.isee (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        -- The person it was recorded for: the declarant, or the beneficiary of an ISEE minorenni.
        person_id uuid not null references core.person (id),
        -- The household (nucleo) the DSU describes, when known: its members' checks use it too.
        household_id uuid references core.household (id),
        isee_type text not null check (isee_type in
          ('ordinario', 'minorenni', 'socio-sanitario', 'socio-sanitario-residenziale', 'universitario', 'corrente')),
        isee_value numeric(12, 2) not null check (isee_value >= 0),
        ise_value numeric(14, 2) check (ise_value >= 0),
        equivalence_scale numeric(5, 2) check (equivalence_scale > 0),
        dsu_protocol text not null check (dsu_protocol ~ '^INPS-ISEE-'),
        issued_on date not null,
        expires_on date not null,
        -- 'manual', or the id of the IseePort implementation that fetched it.
        source text not null default 'manual',
        created_at timestamptz not null default now(),
        created_by uuid,
        constraint isee_period check (expires_on >= issued_on),
        -- One attestation is recorded once per organization, whichever member of the nucleo it was entered for.
        constraint isee_once unique (owner_org_id, dsu_protocol, isee_type)
      )`);
    this.addSql('create index isee_person_idx on core.isee (person_id, issued_on desc)');
    this.addSql('create index isee_household_idx on core.isee (household_id, issued_on desc) where household_id is not null');
    for (const sql of ownedByScope('isee')) this.addSql(sql);

    this.addSql(`
      create table core.disability_record (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        invalidity_percent smallint check (invalidity_percent between 0 and 100),
        -- L. 104/1992 art. 3: comma 1 (handicap) or comma 3 (in situazione di gravità).
        law104 text check (law104 in ('c1', 'c3')),
        accompaniment boolean not null default false,
        certified_on date not null,
        -- The revision date (rivedibilità); null when the certification is permanent.
        expires_on date,
        created_at timestamptz not null default now(),
        created_by uuid,
        constraint disability_record_says_something check (invalidity_percent is not null or law104 is not null or accompaniment),
        constraint disability_record_period check (expires_on is null or expires_on > certified_on)
      )`);
    this.addSql('create index disability_record_person_idx on core.disability_record (person_id, certified_on desc)');
    for (const sql of ownedByScope('disability_record')) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql('drop table core.disability_record');
    this.addSql('drop table core.isee');
    this.addSql('drop table core.service_offer');
  }
}
