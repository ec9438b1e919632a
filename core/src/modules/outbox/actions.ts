// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import { HttpError } from '../../sdk/errors';
import type { OutboxEntry, OutboxService, OutboxStatus } from './service';
import { deliverAfterCommit, type DeliveryTrigger } from './store';

/** The messages of the request's scope (row-level security), audited as a list. */
export async function listOutbox(
  ctx: RequestCtx,
  outbox: OutboxService,
  filter: { status?: OutboxStatus; organizationId?: string },
): Promise<OutboxEntry[]> {
  const list = await outbox.list(ctx.em, filter);
  await ctx.audit({
    action: 'outbox.list',
    entity: 'outbox-message',
    details: { status: filter.status ?? null, organizationId: filter.organizationId ?? null, results: list.length },
  });
  return list;
}

/**
 * "Retry now": the message is due at once (a failed one with a fresh allowance of attempts) and a delivery
 * is asked for when this request commits. 404 outside the request's scope; 409 once delivered.
 */
export async function retryOutbox(ctx: RequestCtx, outbox: OutboxService, trigger: DeliveryTrigger, id: string): Promise<OutboxEntry> {
  const message = await outbox.find(ctx.em, id);
  if (!message) throw HttpError.notFound();
  if (!(await outbox.retryNow(ctx.em, message.id))) throw HttpError.conflict('core:outbox.errors.delivered');
  await ctx.audit({
    action: 'outbox.retry',
    entity: 'outbox-message',
    entityId: message.id,
    details: { channel: message.channel, type: message.type, was: message.status, attempts: message.attempts },
  });
  deliverAfterCommit(ctx.em, message.organizationId, trigger, ctx.log);
  return (await outbox.find(ctx.em, message.id))!;
}
