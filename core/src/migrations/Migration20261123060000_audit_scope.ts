// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The audit log names operators, people and addresses: it is personal data,
 * fenced per organization like the records it describes. A reader (the
 * privacy officer) sees an entry when:
 * - it was recorded by someone acting in an organization of their scope;
 * - it is about a person or household owned in their scope, whoever read it
 *   (a partner's reading of a shared record belongs to the owner's log);
 * - it has no organization and is about an operator with a membership in their
 *   scope (sign-ins, failed sign-ins against that account);
 * - it has no organization and no such operator (an unknown username, say),
 *   and their scope holds a root organization: the installation's own events.
 *
 * Appending still sees the whole chain, through two functions that run as the
 * owner: the head (to link a new entry) and the chain in order (to verify it).
 */
export class Migration20261123060000_audit_scope extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function core.audit_visible(p_org uuid, p_entity text, p_entity_id text) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select case
          when p_org is not null and p_org = any (core.request_scope()) then true
          when p_entity_id is null or p_entity_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
            p_org is null and p_entity is null
              and exists (select 1 from core.organization o where o.parent_id is null and o.id = any (core.request_scope()))
          when p_entity = 'person' then
            exists (select 1 from core.person p where p.id = p_entity_id::uuid and p.owner_org_id = any (core.request_scope()))
          when p_entity = 'household' then
            exists (select 1 from core.household h where h.id = p_entity_id::uuid and h.owner_org_id = any (core.request_scope()))
          when p_org is null and p_entity = 'operator' then
            exists (select 1 from core.membership m where m.operator_id = p_entity_id::uuid and m.organization_id = any (core.request_scope()))
          else false
        end
      $$`);
    this.addSql('alter table core.audit_log enable row level security');
    this.addSql(`create policy audit_log_read on core.audit_log for select using (core.audit_visible(organization_id, entity, entity_id))`);
    // Anyone may append (a failed sign-in has no organization yet); the triggers forbid every other change.
    this.addSql('create policy audit_log_append on core.audit_log for insert with check (true)');
    this.addSql(`
      create function core.audit_chain_head() returns text
      language sql stable security definer set search_path = core, pg_temp as $$
        select hash from core.audit_log order by id desc limit 1
      $$`);
    this.addSql(`
      create function core.audit_chain(p_after bigint, p_limit int) returns setof core.audit_log
      language sql stable security definer set search_path = core, pg_temp as $$
        select * from core.audit_log where id > p_after order by id limit p_limit
      $$`);
  }
}
