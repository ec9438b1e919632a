// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Operators and how they act: roles and the role → permission matrix as
 * data, memberships (a role in an organization), server-side sessions,
 * personal API tokens (stored hashed), and identities from external
 * providers (SPID/CIE through a plugin).
 */
export class Migration20261123010000_operators extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.role (
        id text primary key check (id ~ '^[a-z][a-z0-9-]*$'),
        owner text not null default 'core',
        name_it text not null,
        name_en text not null
      )`);
    this.addSql(`
      create table core.role_permission (
        role_id text not null references core.role (id),
        permission_id text not null,
        primary key (role_id, permission_id)
      )`);
    // Which permissions have had their default roles granted once: an administrator's later
    // revocation must not be undone at the next start.
    this.addSql(`
      create table core.permission_seeded (
        permission_id text primary key,
        seeded_at timestamptz not null default now()
      )`);
    this.addSql(`
      create table core.operator (
        id uuid primary key default gen_random_uuid(),
        username text not null,
        display_name text not null,
        email text,
        password_hash text,
        password_changed_at timestamptz,
        failed_attempts integer not null default 0,
        locked_until timestamptz,
        active boolean not null default true,
        created_at timestamptz not null default now()
      )`);
    this.addSql('create unique index operator_username_idx on core.operator (lower(username))');
    this.addSql(`
      create table core.membership (
        id uuid primary key default gen_random_uuid(),
        operator_id uuid not null references core.operator (id),
        organization_id uuid not null references core.organization (id),
        role_id text not null references core.role (id),
        unique (operator_id, organization_id, role_id)
      )`);
    this.addSql(`
      create table core.operator_identity (
        provider text not null,
        subject text not null,
        operator_id uuid not null references core.operator (id),
        primary key (provider, subject)
      )`);
    this.addSql(`
      create table core.session (
        id text primary key,
        operator_id uuid not null references core.operator (id),
        membership_id uuid references core.membership (id),
        created_at timestamptz not null default now(),
        last_seen_at timestamptz not null default now(),
        expires_at timestamptz not null,
        revoked_at timestamptz,
        ip text,
        user_agent text
      )`);
    this.addSql('create index session_operator_idx on core.session (operator_id) where revoked_at is null');
    this.addSql(`
      create table core.api_token (
        id uuid primary key default gen_random_uuid(),
        operator_id uuid not null references core.operator (id),
        membership_id uuid not null references core.membership (id),
        name text not null,
        token_hash text not null unique,
        prefix text not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        expires_at timestamptz,
        revoked_at timestamptz
      )`);
  }
}
