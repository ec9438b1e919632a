// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * A health authority's districts (the ASL's distretti sanitari) are where its health operators work and
 * where integrated assessments meet: a service point of the partner, of subkind `health-district`.
 */
export class Migration20261124100000_health_district extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table core.organization
        drop constraint organization_subkind_check,
        drop constraint organization_subkind_fits,
        add constraint organization_subkind_check check (subkind in ('pua', 'segretariato', 'specialist', 'health-district', 'asl', 'provider')),
        add constraint organization_subkind_fits check (
          subkind is null
          or (kind = 'service-point' and subkind in ('pua', 'segretariato', 'specialist', 'health-district'))
          or (kind = 'partner' and subkind in ('asl', 'provider')))`);
  }
}
