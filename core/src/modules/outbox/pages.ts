// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { OUTBOX_STATUSES, type OutboxService, type OutboxStatus } from './service';
import type { DeliveryTrigger } from './store';
import { listOutbox, retryOutbox } from './actions';
import { OUTBOX } from './permissions';
import { outboxListQuery } from './schemas';

/** The page's address for a status and organization, as the tabs and the filter link it. */
function listHref(
  ctx: RouteContext,
  status: OutboxStatus | undefined,
  organizationId: string | undefined,
  extra: Record<string, string> = {},
) {
  const query = new URLSearchParams({ ...(status ? { status } : {}), ...(organizationId ? { organizationId } : {}), ...extra }).toString();
  return `${ctx.url('core.admin.outbox')}${query ? `?${query}` : ''}`;
}

/** The outbox page: counts per organization and status, the latest messages, and "retry now". */
export function outboxPages(r: RouteRegistrar, outbox: () => OutboxService, trigger: DeliveryTrigger): void {
  r.get('admin.outbox', '/admin/outbox', { permission: OUTBOX.view }, async (ctx) => {
    const parsed = ctx.validate(outboxListQuery, ctx.query);
    const filter = parsed.ok ? parsed.data : {};
    const list = await listOutbox(ctx, outbox(), filter);
    const counts = await outbox().counts(ctx.em);
    const organizations = [...new Map(counts.map((c) => [c.organizationId, c.organizationName])).entries()].map(([id, name]) => ({
      id,
      name,
      selected: id === filter.organizationId,
      counts: OUTBOX_STATUSES.map((s) => ({ status: s, count: counts.find((c) => c.organizationId === id && c.status === s)?.count ?? 0 })),
    }));
    const canRetry = ctx.can(OUTBOX.retry);
    return {
      view: 'core:outbox/index',
      model: {
        title: ctx.t('core:outbox.title'),
        tabs: [undefined, ...OUTBOX_STATUSES].map((s) => ({
          label: ctx.t(`core:outbox.status.${s ?? 'all'}`),
          href: listHref(ctx, s, filter.organizationId),
          current: s === filter.status,
        })),
        organizations,
        statuses: OUTBOX_STATUSES.map((s) => ({ code: s, label: ctx.t(`core:outbox.status.${s}`) })),
        status: filter.status ?? '',
        organizationId: filter.organizationId ?? '',
        messages: list.map((m) => ({
          ...m,
          statusLabel: ctx.t(`core:outbox.status.${m.status}`),
          canRetry: canRetry && m.status !== 'delivered',
        })),
        retried: ctx.query.retried === '1',
        errors: parsed.ok ? [] : parsed.errors,
      },
    };
  });

  r.post('admin.outbox.retry', '/admin/outbox/:id/retry', { permission: OUTBOX.retry }, async (ctx) => {
    const message = await retryOutbox(ctx, outbox(), trigger, ctx.params.id ?? '');
    const back = ctx.validate(outboxListQuery, ctx.body ?? {});
    const filter = back.ok ? back.data : {};
    return { redirect: listHref(ctx, filter.status, filter.organizationId ?? message.organizationId, { retried: '1' }) };
  });
}
