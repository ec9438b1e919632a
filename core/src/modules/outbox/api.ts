// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import type { OutboxService, OutboxStatus } from './service';
import type { DeliveryTrigger } from './store';
import { listOutbox, retryOutbox } from './actions';
import { OUTBOX } from './permissions';
import { outboxJson } from './present';
import { outboxCountsOutput, outboxListQuery, outboxMessageOutput } from './schemas';

export function outboxApi(r: RouteRegistrar, outbox: () => OutboxService, trigger: DeliveryTrigger): void {
  r.get(
    'api.admin.outbox',
    '/api/v1/admin/outbox',
    {
      permission: OUTBOX.view,
      query: outboxListQuery,
      response: z.object({ counts: outboxCountsOutput, items: z.array(outboxMessageOutput) }),
      summary: "Messages to other systems of the administrator's organizations: counts by status, and the latest (never their payload)",
    },
    async (ctx) => {
      const query = ctx.query as { status?: OutboxStatus; organizationId?: string };
      const items = await listOutbox(ctx, outbox(), query);
      return { json: { counts: await outbox().counts(ctx.em), items: items.map(outboxJson) } };
    },
  );

  r.post(
    'api.admin.outbox.retry',
    '/api/v1/admin/outbox/:id/retry',
    {
      permission: OUTBOX.retry,
      response: outboxMessageOutput,
      summary: 'Try delivering a pending or failed message now (a failed one gets a fresh allowance of attempts)',
    },
    async (ctx) => ({ json: outboxJson(await retryOutbox(ctx, outbox(), trigger, ctx.params.id ?? '')) }),
  );
}
