// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * Alerts raised by the alert rules: latent needs and signs of distress on a
 * person, household or cartella. They name people, so they are fenced like
 * the records they are about. One row per rule, subject and code while the
 * condition holds (open, then perhaps acknowledged); when it stops holding the
 * row is resolved, and a later recurrence is a new row.
 */
export class Migration20261123130000_alerts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.alert (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        rule_id text not null,
        code text not null,
        subject_type text not null check (subject_type in ('person', 'household', 'cartella')),
        subject_id uuid not null,
        severity text not null check (severity in ('info', 'warning', 'critical')),
        message_key text not null,
        params jsonb not null default '{}',
        status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
        raised_at timestamptz not null default now(),
        acknowledged_at timestamptz,
        acknowledged_by uuid references core.operator (id),
        note text check (length(note) <= 2000),
        resolved_at timestamptz
      )`);
    this.addSql(
      `create unique index alert_current on core.alert (owner_org_id, rule_id, subject_type, subject_id, code) where status <> 'resolved'`,
    );
    this.addSql(`create index alert_open_idx on core.alert (owner_org_id, raised_at desc) where status = 'open'`);
    this.addSql('create index alert_subject_idx on core.alert (subject_type, subject_id)');
    for (const sql of ownedByScope('alert')) this.addSql(sql);
  }
}
