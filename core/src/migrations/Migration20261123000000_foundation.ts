// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The foundation: search extensions, organizations and the per-organization
 * activation of plugins. The organization tree grows its territorial
 * attributes (ISTAT and cadastral codes) with the shared registry.
 */
export class Migration20261123000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql('create extension if not exists pg_trgm with schema public');
    this.addSql('create extension if not exists unaccent with schema public');
    this.addSql(`
      create table core.organization (
        id uuid primary key default gen_random_uuid(),
        code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]*$'),
        name text not null,
        kind text not null check (kind in ('region', 'ambito', 'comune', 'municipio', 'service-point', 'partner')),
        parent_id uuid references core.organization (id),
        created_at timestamptz not null default now()
      )`);
    this.addSql('create index organization_parent_idx on core.organization (parent_id)');
    this.addSql(`
      create table core.organization_plugin (
        organization_id uuid not null references core.organization (id),
        plugin_id text not null,
        active boolean not null,
        changed_at timestamptz not null default now(),
        primary key (organization_id, plugin_id)
      )`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table core.organization_plugin');
    this.addSql('drop table core.organization');
  }
}
