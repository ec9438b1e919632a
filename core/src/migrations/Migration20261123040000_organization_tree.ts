// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The organization tree grows the territorial levels between region and
 * comune, the kind of each access point and partner, the comune's ISTAT and
 * cadastral codes, and data sharing between organizations.
 */
export class Migration20261123040000_organization_tree extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table core.organization drop constraint organization_kind_check');
    this.addSql(`
      alter table core.organization
        add constraint organization_kind_check check (kind in
          ('region', 'ambito', 'distretto', 'zona-sociale', 'comune', 'municipio', 'service-point', 'partner')),
        add column subkind text check (subkind in ('pua', 'segretariato', 'specialist', 'asl', 'provider')),
        add column istat_code text check (istat_code ~ '^[0-9]{2}([0-9]{4})?$'),
        add column belfiore_code text check (belfiore_code ~ '^[A-Z][0-9]{3}$'),
        add column tax_code text,
        add constraint organization_subkind_fits check (
          subkind is null
          or (kind = 'service-point' and subkind in ('pua', 'segretariato', 'specialist'))
          or (kind = 'partner' and subkind in ('asl', 'provider'))),
        -- Not checked against rows from before the territory existed; enforced for every new or changed row.
        add constraint organization_comune_codes check (kind <> 'comune' or (istat_code is not null and belfiore_code is not null)) not valid`);
    // Request-scoped settings, read by the row-level security policies: the
    // organization a transaction acts for, and the organizations it may see.
    this.addSql(`
      create function core.request_scope() returns uuid[] language sql stable as $$
        select coalesce(nullif(current_setting('sigess.scope', true), ''), '{}')::uuid[]
      $$`);
    this.addSql(`
      create function core.request_org() returns uuid language sql stable as $$
        select nullif(current_setting('sigess.org_id', true), '')::uuid
      $$`);
  }
}
