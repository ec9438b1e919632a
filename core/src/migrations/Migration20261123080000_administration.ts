// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';

/**
 * The administration removes memberships. What acted in one stops with it
 * (its sessions end, its API tokens are revoked), and those rows stay, no
 * longer pointing at it, for the record: a token's membership becomes
 * optional, and both references let go of a deleted membership by themselves.
 */
export class Migration20261123080000_administration extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table core.api_token alter column membership_id drop not null');
    this.addSql(`
      alter table core.api_token
        drop constraint api_token_membership_id_fkey,
        add constraint api_token_membership_id_fkey foreign key (membership_id) references core.membership (id) on delete set null,
        add constraint api_token_membership_or_revoked check (membership_id is not null or revoked_at is not null)`);
    this.addSql(`
      alter table core.session
        drop constraint session_membership_id_fkey,
        add constraint session_membership_id_fkey foreign key (membership_id) references core.membership (id) on delete set null`);
  }

  override async down(): Promise<void> {
    this.addSql('delete from core.api_token where membership_id is null');
    this.addSql(`
      alter table core.api_token
        drop constraint api_token_membership_or_revoked,
        drop constraint api_token_membership_id_fkey,
        add constraint api_token_membership_id_fkey foreign key (membership_id) references core.membership (id),
        alter column membership_id set not null`);
    this.addSql(`
      alter table core.session
        drop constraint session_membership_id_fkey,
        add constraint session_membership_id_fkey foreign key (membership_id) references core.membership (id)`);
  }
}
