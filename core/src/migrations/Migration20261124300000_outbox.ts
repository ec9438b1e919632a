// SPDX-License-Identifier: AGPL-3.0-or-later
import { Migration } from '@mikro-orm/migrations';
import { ownedByScope } from './policies';

/**
 * The outbox: messages for other systems (a regional socio-health system, say), written in the transaction
 * of the change that causes them and delivered afterwards by a job, through the organization's adapter of
 * the port named by `channel`. A message is `pending` until the other side takes it (`delivered`, with its
 * reference) or the attempts run out or it is refused for good (`failed`: the dead letters an administrator
 * looks at and may send again). Payloads may carry personal data (GDPR art. 9): the rows are fenced by the
 * organization's scope like the records they come from, and a payload is cleared some time after delivery.
 */
export class Migration20261124300000_outbox extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table core.outbox_message (
        id uuid primary key default gen_random_uuid(),
        owner_org_id uuid not null references core.organization (id),
        -- The port the message goes through: sigess.port.health-system.
        channel text not null check (length(channel) between 1 and 200),
        message_type text not null check (length(message_type) between 1 and 100),
        -- Unique per message on a channel: the other side records a key once, so a repeated attempt changes nothing there.
        idempotency_key text not null check (length(idempotency_key) between 1 and 200),
        payload jsonb,
        subject_entity text check (length(subject_entity) <= 100),
        subject_id text check (length(subject_id) <= 100),
        status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
        attempts integer not null default 0 check (attempts >= 0),
        max_attempts integer not null check (max_attempts > 0),
        next_attempt_at timestamptz not null default now(),
        -- A delivery under way holds the message until then; a crashed worker's lease simply runs out.
        leased_until timestamptz,
        last_attempt_at timestamptz,
        last_error text check (length(last_error) <= 2000),
        delivered_at timestamptz,
        reference text check (length(reference) <= 500),
        recorded_at timestamptz not null default now(),
        recorded_by uuid references core.operator (id),
        payload_cleared_at timestamptz,
        constraint outbox_message_key unique (channel, idempotency_key),
        constraint outbox_message_delivered check ((status = 'delivered') = (delivered_at is not null))
      )`);
    // The job's question, every minute: what is due here.
    this.addSql(`create index outbox_message_due_idx on core.outbox_message (owner_org_id, next_attempt_at) where status = 'pending'`);
    this.addSql('create index outbox_message_list_idx on core.outbox_message (owner_org_id, status, recorded_at desc)');
    for (const sql of ownedByScope('outbox_message')) this.addSql(sql);
  }
}
