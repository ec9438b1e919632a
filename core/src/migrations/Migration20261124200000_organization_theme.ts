// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The theme an organization chooses for its pages (and, by inheritance, its subtree's). A side table,
 * like the plugin choices: most organizations choose nothing and follow the one above, or the
 * installation's theme. The id is checked against the installed themes when it is chosen; one that
 * is later uninstalled is passed over, never an error.
 */
export class Migration20261124200000_organization_theme extends Migration {
  override up(): void {
    this.addSql(`
      create table core.organization_theme (
        organization_id uuid primary key references core.organization (id),
        theme_id text not null check (theme_id ~ '^[a-z][a-z0-9-]{1,30}$'),
        changed_at timestamptz not null default now()
      )`);
  }

  override down(): void {
    this.addSql('drop table core.organization_theme');
  }
}
