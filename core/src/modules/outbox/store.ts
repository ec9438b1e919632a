// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { OutboxStore } from '../../sdk/outbox';
import type { OutboxService } from './service';

/** Asks for a delivery run for an organization's messages (the job queue, or at once without one). */
export type DeliveryTrigger = (organizationId: string) => Promise<void>;

/** Organizations with messages recorded in a transaction that has not committed yet; keyed by its EntityManager. */
const waiting = new WeakMap<EntityManager, Set<string>>();

/**
 * Asks for a delivery once the transaction that recorded the message commits: not before (the job would not
 * see the row yet), and not at all if it rolls back (there is no message then). Outside a transaction the
 * row is committed already: ask now. "Retry now" asks the same way.
 */
export function deliverAfterCommit(em: EntityManager, organizationId: string, trigger: DeliveryTrigger, log: Logger): void {
  const ask = (orgId: string): Promise<void> =>
    trigger(orgId).catch((error: unknown) => log.error({ err: error }, 'outbox: could not ask for a delivery; the schedule will'));
  if (!em.isInTransaction()) {
    void ask(organizationId);
    return;
  }
  let orgs = waiting.get(em);
  if (!orgs) {
    orgs = new Set<string>();
    waiting.set(em, orgs);
    // A transaction's EntityManager has its own event manager, which a savepoint inside it clones, subscribers
    // and all: only the commit of this transaction itself counts, not a savepoint's release.
    em.getEventManager().registerSubscriber({
      afterTransactionCommit: async (args) => {
        if (args.em !== em) return;
        // Taken once: a later commit seen by the same subscriber finds nothing left to ask for.
        const pending = waiting.get(em);
        waiting.delete(em);
        for (const orgId of pending ?? []) await ask(orgId);
      },
      afterTransactionRollback: async (args) => {
        if (args.em === em) waiting.delete(em);
      },
    });
  }
  orgs.add(organizationId);
}

/** Core's `OutboxPort`: messages in `core.outbox_message`, recorded in the caller's transaction and audited there. */
export function outboxStore(outbox: () => OutboxService, trigger: DeliveryTrigger): OutboxStore {
  return {
    id: 'core.outbox',
    async record(ctx, channel, message) {
      if (!ctx.org) throw new Error('outbox: a message is recorded in an organization');
      if (!message.type || !message.idempotencyKey) throw new Error('outbox: a message needs a type and an idempotency key');
      const result = await outbox().record(ctx.em, ctx.org.id, ctx.operator?.id ?? null, channel, message);
      if (result.created) {
        await ctx.audit({
          action: 'outbox.record',
          entity: 'outbox-message',
          entityId: result.id,
          details: { channel, type: message.type, subject: message.subject?.entity ?? null, subjectId: message.subject?.id ?? null },
        });
        deliverAfterCommit(ctx.em, ctx.org.id, trigger, ctx.log);
      }
      return result;
    },
    async state(ctx, channel, idempotencyKey) {
      const found = await outbox().findByKey(ctx.em, channel, idempotencyKey);
      if (!found) return null;
      return {
        id: found.id,
        status: found.status,
        attempts: found.attempts,
        lastError: found.lastError,
        deliveredAt: found.deliveredAt ? new Date(found.deliveredAt).toISOString() : null,
        reference: found.reference,
      };
    },
  };
}
