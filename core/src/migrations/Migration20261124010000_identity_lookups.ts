// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Identity lookups that stay fast at a million people (bench/RESULTS.md, fix 5).
 *
 * - Provisional codes (STP, ENI) had only a unique index over live records (`merged_into is null`), so
 *   a lookup that also finds merged aliases, as the search and the duplicate check do, could not use it
 *   and read the whole table (146 ms for one exact code at 1M people). A plain partial index serves both.
 * - The duplicate check ORed four ways of matching in one WHERE; PostgreSQL can combine indexes for an
 *   OR only when every branch has one, and planned the whole function as one sequential scan (280 ms at
 *   1M). Each way of matching is now its own indexed branch, united by id; the answer is the same.
 */
export class Migration20261124010000_identity_lookups extends Migration {
  override up(): void {
    this.addSql('create index person_provisional_idx on core.person (provisional_code) where provisional_code is not null');
    this.addSql(`
      create or replace function core.identity_candidates(
        p_cf text, p_cf_canonical text, p_provisional text, p_surname text, p_name text, p_birth_date date, p_birth_place text, p_exclude uuid)
      returns table (person_id uuid, owner_org_id uuid, reason text, score real)
      language sql stable security definer set search_path = core, public, pg_temp as $$
        with wanted as (select lower(core.immutable_unaccent(coalesce(p_surname, '') || ' ' || coalesce(p_name, ''))) as search_name),
        matched as (
          select p.id from core.person p where p_cf is not null and p.codice_fiscale = p_cf
          union
          select p.id from core.person p where p_cf_canonical is not null and p.cf_canonical = p_cf_canonical and p.merged_into is null
          union
          select p.id from core.person p where p_provisional is not null and p.provisional_code = p_provisional
          union
          select p.id from core.person p, wanted w
          where p_birth_date is not null and p.birth_date = p_birth_date and p.merged_into is null
            and (p.search_name = w.search_name
                 or (p_birth_place is not null and p.birth_place_code = p_birth_place
                     and public.similarity(p.search_name, w.search_name) >= 0.45))
        ),
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
          from matched m join core.person p on p.id = m.id, wanted w
        )
        select distinct on (h.person_id) h.person_id, t.owner_org_id, h.reason, h.score
        from hits h join core.person t on t.id = h.person_id
        where p_exclude is null or h.person_id <> p_exclude
        order by h.person_id, h.score desc
        limit 20
      $$`);
  }

  override down(): void {
    this.addSql('drop index core.person_provisional_idx');
    this.addSql(`
      create or replace function core.identity_candidates(
        p_cf text, p_cf_canonical text, p_provisional text, p_surname text, p_name text, p_birth_date date, p_birth_place text, p_exclude uuid)
      returns table (person_id uuid, owner_org_id uuid, reason text, score real)
      language sql stable security definer set search_path = core, public, pg_temp as $$
        with wanted as (select lower(core.immutable_unaccent(coalesce(p_surname, '') || ' ' || coalesce(p_name, ''))) as search_name),
        hits as (
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
  }
}
