// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The person search's matching, as the owner. Under row-level security PostgreSQL may use an index
 * only for leakproof operators, and neither LIKE nor pg_trgm's `<%` is one: the application role's
 * search read every row of core.person (160 ms median on 10k people, seconds on 1M; bench/RESULTS.md).
 * This function finds the matching ids (and their rank) with the indexes; the search then joins them
 * to core.person under the request's scope and its policies, so it still shows only what the request
 * may see. Like `core.identity_candidates`, it reveals to the application role which ids match, nothing
 * of the records. Only the conditions asked for go into the statement, planned with their values.
 */
export class Migration20261123230100_person_search_hits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function core.person_search_hits(p_cf_canonical text, p_code text, p_prefix text, p_text text, p_birth date)
      returns table (target uuid, rank real)
      language plpgsql stable security definer set search_path = core, public, pg_temp as $$
      declare
        matches text[] := '{}';
        filters text := '';
      begin
        if p_cf_canonical is not null then matches := array_append(matches, 'p.cf_canonical = $1 or p.provisional_code = $2'); end if;
        if p_prefix is not null then matches := array_append(matches, 'p.codice_fiscale like $3'); end if;
        if p_text is not null then
          matches := array_append(matches,
            'p.search_name like lower(core.immutable_unaccent($4)) || ''%'' or lower(core.immutable_unaccent($4)) <% p.search_name');
        end if;
        if cardinality(matches) > 0 then filters := ' and ((' || array_to_string(matches, ') or (') || '))'; end if;
        if p_birth is not null then filters := filters || ' and p.birth_date = $5'; end if;
        if filters = '' then return; end if;
        return query execute
          'select coalesce(p.merged_into, p.id), max(' ||
          case when p_text is null then '1' else 'public.word_similarity(lower(core.immutable_unaccent($4)), p.search_name)' end ||
          ')::real from core.person p where true' || filters || ' group by 1'
          using p_cf_canonical, p_code, p_prefix, p_text, p_birth;
      end $$`);
  }
}
