// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * Who acted when no operator did: another administration's system calling an e-service a plugin publishes,
 * authenticated by the plugin's service authenticator (`service:<clientId>`, a PDND client, say). Part of the
 * entry's hash when present; the entries written before keep theirs.
 */
export class Migration20261125010000_audit_service_actor extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table core.audit_log add column actor text');
    this.addSql('create index audit_log_actor_idx on core.audit_log (actor, at) where actor is not null');
  }
}
