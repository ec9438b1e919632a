// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/** The parts of a cartella a share can open to a partner; `summary` (person, household, state, team) comes with every share. */
export const SHARE_PARTS = ['summary', 'diary', 'assessments', 'plan', 'interventions', 'documents'] as const;

/**
 * Sharing a cartella, or parts of it, with another organization (an ASL for an integrated assessment):
 * always with a purpose and an end date, revocable by the granting side, kept as history once ended.
 *
 * The policies of the tables holding a cartella's parts let a partner read a row when
 * `core.cartella_shared_with_scope(cartella_id, part)` says a live share opens that part to the
 * request's scope. It is a definer function for the reason `core.person_shared_with_scope` is one:
 * a policy that queried `cartella_share` directly would apply that table's own policy too.
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
  }
}
