// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboundRecord } from '../../sdk/outbox';
import { OUTBOX_POLICY, backoffSeconds } from './policy';

export type OutboxStatus = 'pending' | 'delivered' | 'failed';
export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'failed', 'delivered'];

/** A message as the administration sees it: never its payload. */
export interface OutboxEntry {
  readonly id: string;
  readonly organizationId: string;
  readonly organizationName: string;
  readonly channel: string;
  readonly type: string;
  readonly idempotencyKey: string;
  readonly subjectEntity: string | null;
  readonly subjectId: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly nextAttemptAt: Date;
  readonly lastAttemptAt: Date | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly reference: string | null;
  readonly recordedAt: Date;
}

/** A message claimed for delivery: what the adapter is given. */
export interface DueMessage {
  readonly id: string;
  readonly channel: string;
  readonly type: string;
  readonly idempotencyKey: string;
  readonly payload: unknown;
  /** This attempt's number, 1 for the first. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly recordedAt: Date;
}

/** How an attempt ended. */
export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly reference: string | null }
  | { readonly kind: 'failed'; readonly error: string; readonly retryable: boolean };

const COLUMNS = `m.id::text as id, m.owner_org_id::text as "organizationId", o.name as "organizationName", m.channel,
  m.message_type as type, m.idempotency_key as "idempotencyKey", m.subject_entity as "subjectEntity", m.subject_id as "subjectId",
  m.status, m.attempts, m.max_attempts as "maxAttempts", m.next_attempt_at as "nextAttemptAt", m.last_attempt_at as "lastAttemptAt",
  m.last_error as "lastError", m.delivered_at as "deliveredAt", m.reference, m.recorded_at as "recordedAt"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The outbox table: recording, claiming what is due, settling each attempt, and what administrators see
 * and do. Every statement runs in the caller's transaction, under its row-level security.
 */
export class OutboxService {
  /** Records a message once per channel and key; a key seen before leaves the first message as it is. */
  async record(
    em: EntityManager,
    organizationId: string,
    operatorId: string | null,
    channel: string,
    message: OutboundRecord,
  ): Promise<{ id: string; created: boolean }> {
    const [inserted] = await em.execute<{ id: string }[]>(
      `insert into core.outbox_message (owner_org_id, channel, message_type, idempotency_key, payload, subject_entity, subject_id,
         max_attempts, recorded_by)
       values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)
       on conflict (channel, idempotency_key) do nothing
       returning id::text as id`,
      [
        organizationId,
        channel,
        message.type,
        message.idempotencyKey,
        JSON.stringify(message.payload ?? null),
        message.subject?.entity ?? null,
        message.subject?.id ?? null,
        OUTBOX_POLICY.maxAttempts,
        operatorId,
      ],
    );
    if (inserted) return { id: inserted.id, created: true };
    const [existing] = await em.execute<{ id: string }[]>(
      'select id::text as id from core.outbox_message where channel = ? and idempotency_key = ?',
      [channel, message.idempotencyKey],
    );
    // Recorded before by an organization outside this scope: the key is taken, and says nothing more.
    if (!existing) throw new Error(`outbox: the idempotency key of this ${message.type} message is used by another organization`);
    return { id: existing.id, created: false };
  }

  /**
   * Takes the organization's messages that are due, holding each for the lease, in their own short
   * transaction (the caller's): a message held by another worker is skipped, not waited for.
   */
  async claimDue(em: EntityManager, organizationId: string, limit: number = OUTBOX_POLICY.batch): Promise<DueMessage[]> {
    return em.execute<DueMessage[]>(
      `update core.outbox_message m set leased_until = now() + make_interval(secs => ?), attempts = m.attempts + 1
       where m.id in (
         select id from core.outbox_message
         where owner_org_id = ? and status = 'pending' and next_attempt_at <= now() and (leased_until is null or leased_until < now())
         order by next_attempt_at, recorded_at
         limit ?
         for update skip locked)
       returning m.id::text as id, m.channel, m.message_type as type, m.idempotency_key as "idempotencyKey", m.payload,
         m.attempts as attempt, m.max_attempts as "maxAttempts", m.recorded_at as "recordedAt"`,
      [OUTBOX_POLICY.leaseSeconds, organizationId, limit],
    );
  }

  /**
   * Writes how an attempt ended: delivered (with the other side's reference), due again after the backoff,
   * or failed for good (the attempts ran out, or the other side refused the message itself).
   */
  async settle(em: EntityManager, message: DueMessage, outcome: AttemptOutcome): Promise<OutboxStatus> {
    if (outcome.kind === 'delivered') {
      await em.execute(
        `update core.outbox_message set status = 'delivered', delivered_at = now(), last_attempt_at = now(), reference = ?,
           leased_until = null, last_error = null where id = ?`,
        [outcome.reference?.slice(0, 500) ?? null, message.id],
      );
      return 'delivered';
    }
    const dead = !outcome.retryable || message.attempt >= message.maxAttempts;
    await em.execute(
      `update core.outbox_message set status = ?, last_attempt_at = now(), last_error = ?, leased_until = null,
         next_attempt_at = now() + make_interval(secs => ?) where id = ?`,
      [dead ? 'failed' : 'pending', outcome.error.slice(0, 2000), dead ? 0 : backoffSeconds(message.attempt), message.id],
    );
    return dead ? 'failed' : 'pending';
  }

  /** Clears the payloads delivered long enough ago: the row stays as the record that it was sent, and when. */
  async clearDeliveredPayloads(em: EntityManager, organizationId: string): Promise<number> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.outbox_message set payload = null, payload_cleared_at = now()
       where owner_org_id = ? and status = 'delivered' and payload is not null and delivered_at < now() - make_interval(days => ?)
       returning id::text as id`,
      [organizationId, OUTBOX_POLICY.keepPayloadDays],
    );
    return rows.length;
  }

  async find(em: EntityManager, id: string): Promise<OutboxEntry | null> {
    if (!UUID.test(id)) return null;
    const [row] = await em.execute<OutboxEntry[]>(
      `select ${COLUMNS} from core.outbox_message m join core.organization o on o.id = m.owner_org_id where m.id = ?`,
      [id],
    );
    return row ?? null;
  }

  async findByKey(em: EntityManager, channel: string, idempotencyKey: string): Promise<OutboxEntry | null> {
    const [row] = await em.execute<OutboxEntry[]>(
      `select ${COLUMNS} from core.outbox_message m join core.organization o on o.id = m.owner_org_id
       where m.channel = ? and m.idempotency_key = ?`,
      [channel, idempotencyKey],
    );
    return row ?? null;
  }

  /** The messages of the request's scope, newest first; by status and organization when asked. */
  async list(em: EntityManager, filter: { status?: OutboxStatus; organizationId?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status) {
      where.push('m.status = ?');
      params.push(filter.status);
    }
    if (filter.organizationId) {
      where.push('m.owner_org_id = ?');
      params.push(filter.organizationId);
    }
    params.push(filter.limit ?? 200);
    return em.execute<OutboxEntry[]>(
      `select ${COLUMNS} from core.outbox_message m join core.organization o on o.id = m.owner_org_id
       ${where.length ? `where ${where.join(' and ')}` : ''}
       order by m.recorded_at desc, m.id limit ?`,
      params,
    );
  }

  /** How many messages there are in each status, per organization of the request's scope. */
  async counts(em: EntityManager): Promise<{ organizationId: string; organizationName: string; status: OutboxStatus; count: number }[]> {
    return em.execute(
      `select m.owner_org_id::text as "organizationId", o.name as "organizationName", m.status, count(*)::int as count
       from core.outbox_message m join core.organization o on o.id = m.owner_org_id
       group by m.owner_org_id, o.name, m.status order by o.name, m.status`,
    );
  }

  /**
   * Makes a pending or failed message due now. A failed one gets a fresh allowance of attempts (its count so
   * far stays, as its history). False when the message is delivered already.
   */
  async retryNow(em: EntityManager, id: string): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `update core.outbox_message set status = 'pending', next_attempt_at = now(), leased_until = null,
         max_attempts = case when status = 'failed' then attempts + ? else max_attempts end
       where id = ? and status in ('pending', 'failed') returning id::text as id`,
      [OUTBOX_POLICY.maxAttempts, id],
    );
    return rows.length > 0;
  }
}
