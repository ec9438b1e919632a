// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { visiblePerson } from '../people/actions';
import type { CriticalEvent } from './critical-events';
import { listCriticalEvents, presentEvent, recordCriticalEvent, withdrawCriticalEvent } from './actions';
import { criticalEventInput, criticalEventOutput, withdrawInput, type CriticalEventInput } from './schemas';

const iso = (d: Date | string): string => new Date(d).toISOString();

function eventJson(ctx: RouteContext, e: CriticalEvent): z.input<typeof criticalEventOutput> {
  const shown = presentEvent(ctx, e);
  return {
    id: e.id,
    personId: e.personId,
    ownerOrgId: e.ownerOrgId,
    type: e.type,
    typeLabel: shown.typeLabel,
    occurredOn: e.occurredOn,
    note: e.note,
    recordedBy: e.recordedBy,
    recordedAt: iso(e.recordedAt),
    withdrawn: e.withdrawnAt ? { at: iso(e.withdrawnAt), by: e.withdrawnBy, reason: e.withdrawnReason ?? '' } : null,
  };
}

/** A person's critical events under /api/v1: the same actions as the pages. */
export function registerCriticalEventApi(r: RouteRegistrar): void {
  r.get(
    'api.people.critical-events',
    '/api/v1/people/:id/critical-events',
    {
      permission: 'core.critical-events.view',
      response: z.object({ items: z.array(criticalEventOutput) }),
      summary: "A person's critical events, newest first, withdrawn ones included and marked",
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const list = await listCriticalEvents(ctx, person, 'api');
      return { json: { items: list.map((e) => eventJson(ctx, e)) } };
    },
  );

  r.post(
    'api.people.critical-events.create',
    '/api/v1/people/:id/critical-events',
    {
      permission: 'core.critical-events.record',
      body: criticalEventInput,
      response: criticalEventOutput,
      summary: 'Record a critical event about a person (type from core.critical-event-types)',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const event = await recordCriticalEvent(ctx, person, ctx.body as CriticalEventInput);
      return { json: eventJson(ctx, event), status: 201 };
    },
  );

  r.post(
    'api.people.critical-events.withdraw',
    '/api/v1/people/:id/critical-events/:eventId/withdraw',
    {
      permission: 'core.critical-events.record',
      body: withdrawInput,
      response: criticalEventOutput,
      summary: 'Withdraw a critical event recorded by mistake, with the reason (it stays in the history)',
    },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const event = await withdrawCriticalEvent(ctx, person, ctx.params.eventId, (ctx.body as { reason: string }).reason);
      return { json: eventJson(ctx, event) };
    },
  );
}
