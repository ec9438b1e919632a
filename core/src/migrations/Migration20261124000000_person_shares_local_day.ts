// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * A person share ends at the end of its last day on Italy's clock, like every other date in SIGeSS
 * (`core.local_today()`), not on the database server's `current_date`, which is UTC on most servers and
 * would end it an hour or two early.
 */
export class Migration20261124000000_person_shares_local_day extends Migration {
  override up(): void {
    this.addSql(`
      create or replace function core.person_shared_with_scope(person uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (
          select from core.person_share s
          where s.person_id = person and s.grantee_org_id = any (core.request_scope())
            and s.revoked_at is null and (s.expires_at is null or s.expires_at >= core.local_today()))
      $$`);
  }

  override down(): void {
    this.addSql(`
      create or replace function core.person_shared_with_scope(person uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (
          select from core.person_share s
          where s.person_id = person and s.grantee_org_id = any (core.request_scope())
            and s.revoked_at is null and (s.expires_at is null or s.expires_at >= current_date))
      $$`);
  }
}
