// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@sigess/core/sdk';

/**
 * A UVMD session of a cartella, kept by the cartella's owner. The health district it was shared with reads it
 * and writes its health part while that share is live (not revoked, not past its end): the policies ask core's
 * share itself, so the session closes to the ASL the day the share ends.
 */
export class Migration20261124130000_uvmd_session extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table plg_lazio.uvmd_session (
        id uuid primary key default gen_random_uuid(),
        cartella_id uuid not null references core.cartella (id),
        owner_org_id uuid not null references core.organization (id),
        person_id uuid not null references core.person (id),
        scheduled_on date not null,
        place text,
        form_id text not null,
        health_district_id uuid not null references core.organization (id),
        share_id uuid not null references core.cartella_share (id),
        members jsonb not null,
        health jsonb,
        health_recorded_at timestamptz,
        health_recorded_by uuid references core.operator (id),
        outcome text check (outcome in ('pai', 'no-socio-health-need', 'refer-health', 'refer-social')),
        decision jsonb,
        decided_at timestamptz,
        decided_by uuid references core.operator (id),
        recorded_at timestamptz not null default now(),
        recorded_by uuid references core.operator (id)
      )`);
    this.addSql('create index uvmd_session_cartella_idx on plg_lazio.uvmd_session (cartella_id, scheduled_on desc)');
    this.addSql('create index uvmd_session_district_idx on plg_lazio.uvmd_session (health_district_id, scheduled_on desc)');
    this.addSql('alter table plg_lazio.uvmd_session enable row level security');
    this.addSql(`
      create policy uvmd_session_owner on plg_lazio.uvmd_session
        using (owner_org_id = any (core.request_scope())) with check (owner_org_id = any (core.request_scope()))`);
    const live = `exists (select 1 from core.cartella_share s where s.id = share_id and s.grantee_org_id = any (core.request_scope())
                  and s.revoked_at is null and s.expires_on >= core.local_today())`;
    this.addSql(`create policy uvmd_session_partner_read on plg_lazio.uvmd_session for select using (${live})`);
    this.addSql(`create policy uvmd_session_partner_health on plg_lazio.uvmd_session for update using (${live}) with check (${live})`);
  }
}
