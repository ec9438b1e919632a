// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/** The parts of a cartella a share can open to a partner; `summary` (person, household, state, team) comes with every share. */
export const SHARE_PARTS = ['summary', 'diary', 'assessments', 'plan', 'interventions', 'documents'] as const;

const IN_SCOPE = 'owner_org_id = any (core.request_scope())';

/**
 * Sharing a cartella, or parts of it, with another organization (an ASL for an integrated assessment):
 * always with a purpose and an end date, revocable by the granting side, kept as history once ended.
 *
 * The policies of the tables holding a cartella's parts let a partner read a row when
 * `core.cartella_shared_with_scope(cartella_id, part)` says a live share opens that part to the
 * request's scope. It is a definer function for the reason `core.person_shared_with_scope` is one:
 * a policy that queried `cartella_share` directly would apply that table's own policy too.
 *
 * The partner's policies are extra permissive `select` policies named `<table>_shared_read`: Postgres ORs
 * them with the owner's, which stay as they were, and a partner gets no insert or update policy, so it
 * reads and never writes. The person comes through a companion `core.person_share` (same purpose and end,
 * revoked together; `person_share_id`), so the registry's code, which filters on person shares, shows them.
 */
export class Migration20261123160000_cartella_sharing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.cartella_share (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        grantee_org_id uuid not null references core.organization (id),
        parts text[] not null check (parts <@ array[${SHARE_PARTS.map((p) => `'${p}'`).join(', ')}]::text[] and 'summary' = any (parts)),
        purpose text not null check (length(purpose) between 1 and 500),
        expires_on date not null,
        -- Why the sharing is lawful when no consent to it is on record: 'consent', 'legal-obligation', 'vital-interest'…
        legal_basis text,
        person_share_id uuid references core.person_share (id),
        granted_at timestamptz not null default now(),
        granted_by uuid,
        revoked_at timestamptz,
        revoked_by uuid,
        constraint cartella_share_not_self check (grantee_org_id <> owner_org_id)
      )`);
    this.addSql('create index cartella_share_cartella_idx on core.cartella_share (cartella_id)');
    this.addSql('create index cartella_share_grantee_idx on core.cartella_share (grantee_org_id) where revoked_at is null');

    this.addSql(`
      create function core.cartella_shared_with_scope(p_cartella uuid, p_part text) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (
          select from core.cartella_share s
          where s.cartella_id = p_cartella and s.grantee_org_id = any (core.request_scope())
            and p_part = any (s.parts) and s.revoked_at is null and s.expires_on >= core.local_today())
      $$`);

    // The granting side reads, adds and ends its shares; the receiving side reads the ones to it (they are
    // what opens the cartella, and say until when). No delete: an ended share stays as history.
    this.addSql('alter table core.cartella_share enable row level security');
    this.addSql(
      `create policy cartella_share_read on core.cartella_share for select using (${IN_SCOPE} or grantee_org_id = any (core.request_scope()))`,
    );
    this.addSql(`create policy cartella_share_add on core.cartella_share for insert with check (${IN_SCOPE})`);
    this.addSql(`create policy cartella_share_change on core.cartella_share for update using (${IN_SCOPE}) with check (${IN_SCOPE})`);

    // Rows hanging from a plan or an intervention rather than from the cartella: definer functions, so the
    // check does not depend on the parent table's policies.
    this.addSql(`
      create function core.plan_shared_with_scope(p_plan uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (select from core.plan p where p.id = p_plan and core.cartella_shared_with_scope(p.cartella_id, 'plan'))
      $$`);
    this.addSql(`
      create function core.intervention_shared_with_scope(p_intervention uuid) returns boolean
      language sql stable security definer set search_path = core, pg_temp as $$
        select exists (select from core.intervention i
                       where i.id = p_intervention and core.cartella_shared_with_scope(i.cartella_id, 'interventions'))
      $$`);

    const shared: [string, string][] = [
      ['cartella', `core.cartella_shared_with_scope(id, 'summary')`],
      ['cartella_team', `core.cartella_shared_with_scope(cartella_id, 'summary')`],
      ['cartella_transition', `core.cartella_shared_with_scope(cartella_id, 'summary')`],
      // Only the notes written for partners: team and organization notes never leave the owner.
      ['diary_note', `confidentiality = 'partners' and core.cartella_shared_with_scope(cartella_id, 'diary')`],
      ['assessment', `cartella_id is not null and core.cartella_shared_with_scope(cartella_id, 'assessments')`],
      ['plan', `core.cartella_shared_with_scope(cartella_id, 'plan')`],
      ['plan_goal', 'core.plan_shared_with_scope(plan_id)'],
      ['plan_review', 'core.plan_shared_with_scope(plan_id)'],
      ['intervention', `core.cartella_shared_with_scope(cartella_id, 'interventions')`],
      ['intervention_transition', 'core.intervention_shared_with_scope(intervention_id)'],
      ['delivery', 'core.intervention_shared_with_scope(intervention_id)'],
    ];
    // The cheap test first: PostgreSQL evaluates the permissive policies' OR in order and a row of the request's
    // own scope would otherwise pay a share lookup per row (the heavy cartella's open interventions: 176 ms
    // against 10 ms, bench/RESULTS.md). Inside the AND it short-circuits; the rows admitted are the same.
    const outsideScope = 'not (owner_org_id = any (core.request_scope()))';
    for (const [table, check] of shared)
      this.addSql(`create policy ${table}_shared_read on core.${table} for select using (${outsideScope} and ${check})`);

    // The owner's privacy officer must see what partners read of its cartelle: an entry about a cartella (or
    // its share) is visible to the cartella's owner, whoever recorded it. The rest as in the audit scope migration.
    this.addSql(`
      create or replace function core.audit_visible(p_org uuid, p_entity text, p_entity_id text) returns boolean
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
          when p_entity = 'cartella' then
            exists (select 1 from core.cartella c where c.id = p_entity_id::uuid and c.owner_org_id = any (core.request_scope()))
          when p_entity = 'cartella_share' then
            exists (select 1 from core.cartella_share s where s.id = p_entity_id::uuid and s.owner_org_id = any (core.request_scope()))
          when p_entity = 'assessment' then
            exists (select 1 from core.assessment a where a.id = p_entity_id::uuid and a.owner_org_id = any (core.request_scope()))
          when p_entity = 'plan' then
            exists (select 1 from core.plan p where p.id = p_entity_id::uuid and p.owner_org_id = any (core.request_scope()))
          when p_entity = 'intervention' then
            exists (select 1 from core.intervention i where i.id = p_entity_id::uuid and i.owner_org_id = any (core.request_scope()))
          when p_org is null and p_entity = 'operator' then
            exists (select 1 from core.membership m where m.operator_id = p_entity_id::uuid and m.organization_id = any (core.request_scope()))
          else false
        end
      $$`);
  }
}
