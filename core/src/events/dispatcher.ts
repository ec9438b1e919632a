// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestCtx } from '../sdk/context';
import { EventListeners, type DomainEventName, type DomainEvents, type EventListener } from '../sdk/extension-points/events';

interface Pending {
  readonly name: DomainEventName;
  readonly payload: unknown;
  readonly listeners: readonly EventListener[];
  readonly ctx: Pick<RequestCtx, 'log' | 'org'>;
}

/** Events raised inside a transaction, waiting for it to commit; keyed by the transaction's EntityManager. */
const queues = new WeakMap<EntityManager, Pending[]>();

/**
 * Raises a domain event from inside the request's transaction. The listeners (`EventListeners` of core and
 * of the plugins active for the organization, taken now) run only once the transaction commits, so none
 * reacts to a change that is then rolled back; a listener's error is logged and never undoes the change.
 */
export function raise<K extends DomainEventName>(ctx: RequestCtx, name: K, payload: DomainEvents[K]): void {
  const listeners = ctx.extensions.all(EventListeners).filter((l) => l.event === name);
  if (!listeners.length) return;
  const em = ctx.em;
  // Outside a transaction (a job's autocommit) the change is already committed: deliver now, in the background.
  if (!em.isInTransaction()) {
    void deliver({ name, payload, listeners, ctx });
    return;
  }
  let queue = queues.get(em);
  if (!queue) {
    queue = [];
    queues.set(em, queue);
    // A transaction's EntityManager has its own event manager (MikroORM clones it per transaction): the
    // subscriber lives and dies with this transaction, and sees only its top-level commit or rollback.
    em.getEventManager().registerSubscriber({
      afterTransactionCommit: async () => {
        const pending = queues.get(em) ?? [];
        queues.delete(em);
        for (const event of pending) await deliver(event);
      },
      afterTransactionRollback: async () => {
        queues.delete(em);
      },
    });
  }
  queue.push({ name, payload, listeners, ctx });
}

async function deliver(event: Pending): Promise<void> {
  for (const listener of event.listeners) {
    try {
      await listener.handle(event.payload as never, { log: event.ctx.log, organizationId: event.ctx.org?.id ?? null });
    } catch (error) {
      event.ctx.log.error({ err: error, event: event.name, listener: listener.id }, 'domain event listener failed');
    }
  }
}
