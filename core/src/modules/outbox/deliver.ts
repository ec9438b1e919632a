// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Port } from '../../sdk/extension-point';
import type { JobContext, ScheduledJob } from '../../sdk/extension-points/jobs';
import type { OutboundAdapter } from '../../sdk/outbox';
import type { AuditEvent } from '../../sdk/context';
import type { AttemptOutcome, DueMessage, OutboxService, OutboxStatus } from './service';

export const DELIVER_JOB = 'core.outbox.deliver';

/** Writes the audit entry of an attempt, in the transaction that settles it. */
export type AuditWriter = (em: EntityManager, organizationId: string, event: AuditEvent) => Promise<void>;

/** What a failed attempt says, for the administrators' list: the error's own words, never the payload. */
function describe(error: unknown): AttemptOutcome {
  const err = error as { message?: unknown; retryable?: unknown };
  const message = typeof err?.message === 'string' && err.message ? err.message : String(error);
  return { kind: 'failed', error: message, retryable: err?.retryable !== false };
}

/** One attempt at one message: the adapter of its channel for this organization, or why there is none. */
async function attempt(ctx: JobContext, message: DueMessage): Promise<AttemptOutcome> {
  let adapter: OutboundAdapter;
  try {
    adapter = ctx.extensions.port({ id: message.channel, multiplicity: 'port' } as Port<OutboundAdapter>);
  } catch (error) {
    // No adapter here (the plugin was turned off, say): tried again later, as if the other side were down.
    return describe(error);
  }
  try {
    const { reference } = await adapter.send(
      {
        id: message.id,
        type: message.type,
        idempotencyKey: message.idempotencyKey,
        payload: message.payload,
        attempt: message.attempt,
        recordedAt: new Date(message.recordedAt).toISOString(),
      },
      { organization: ctx.organization, log: ctx.log.child({ outbox: message.id, channel: message.channel, adapter: adapter.id }) },
    );
    return { kind: 'delivered', reference: reference ?? null };
  } catch (error) {
    return describe(error);
  }
}

/**
 * Delivers an organization's due messages, one at a time: claimed in one short transaction, sent outside
 * any (the other side may take seconds), each outcome settled and audited in a transaction of its own. A
 * message the other side has not taken waits for its backoff; nothing here throws for a delivery that
 * failed, so the queue does not run the whole job again for it.
 */
export async function deliverDue(ctx: JobContext, outbox: OutboxService, audit: AuditWriter): Promise<Record<OutboxStatus, number>> {
  const tally: Record<OutboxStatus, number> = { pending: 0, delivered: 0, failed: 0 };
  const orgId = ctx.organization.id;
  const due = await ctx.withEm((em) => outbox.claimDue(em, orgId));
  for (const message of due) {
    const outcome = await attempt(ctx, message);
    const status = await ctx.withEm(async (em) => {
      const settled = await outbox.settle(em, message, outcome);
      await audit(em, orgId, {
        action: 'outbox.deliver',
        entity: 'outbox-message',
        entityId: message.id,
        details: { channel: message.channel, type: message.type, attempt: message.attempt, status: settled },
      });
      return settled;
    });
    tally[status] += 1;
    if (outcome.kind === 'failed')
      ctx.log.warn({ outbox: message.id, attempt: message.attempt, status, error: outcome.error }, 'outbox delivery failed');
  }
  await ctx.withEm((em) => outbox.clearDeliveredPayloads(em, orgId));
  return tally;
}

/**
 * Every minute, and when sent right after a message is recorded (or an administrator asks to retry one):
 * for each organization, its messages that are due.
 */
export function deliverOutboxJob(outbox: () => OutboxService, audit: AuditWriter): ScheduledJob {
  return {
    id: DELIVER_JOB,
    cron: '* * * * *',
    async run(ctx) {
      const tally = await deliverDue(ctx, outbox(), audit);
      if (tally.delivered || tally.failed || tally.pending) ctx.log.info(tally, 'outbox delivered');
    },
  };
}
