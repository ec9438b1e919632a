// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { localToday } from '../../sdk/local-time';
import { options } from '../access/code-options';
import { visiblePerson } from '../people/actions';
import type { Person } from '../people/entities';
import { CRITICAL_EVENT_TYPES } from './codes';
import { listCriticalEvents, presentEvent, recordCriticalEvent, recordErrors, withdrawCriticalEvent } from './actions';
import { criticalEventInput, withdrawInput } from './schemas';

interface PageState {
  readonly form?: Record<string, unknown>;
  readonly errors?: readonly FieldError[];
  readonly status?: number;
}

/** A person's critical events: the history (withdrawn ones marked), and the form to record one. */
async function eventsPage(ctx: RouteContext, person: Person, state: PageState = {}): Promise<RouteResult> {
  const list = await listCriticalEvents(ctx, person, 'page');
  const form = state.form ?? { occurredOn: localToday() };
  const canRecord = ctx.can('core.critical-events.record') && !person.mergedInto;
  return {
    view: 'core:critical-events/page',
    status: state.status ?? 200,
    subject: { kind: 'person', id: person.id },
    model: {
      title: ctx.t('core:criticalEvents.title', { name: `${person.surname} ${person.name}` }),
      person: { id: person.id, surname: person.surname, name: person.name },
      events: list.map((e) => presentEvent(ctx, e)),
      canRecord,
      types: options(ctx, CRITICAL_EVENT_TYPES, form.type),
      form,
      today: localToday(),
      errors: state.errors ?? [],
      saved: ctx.query.saved === '1',
      withdrawn: ctx.query.withdrawn === '1',
    },
  };
}

export function registerCriticalEventPages(r: RouteRegistrar): void {
  r.get('people.critical-events', '/people/:id/critical-events', { permission: 'core.critical-events.view' }, async (ctx) =>
    eventsPage(ctx, await visiblePerson(ctx, ctx.params.id)),
  );

  r.post('people.critical-events.create', '/people/:id/critical-events', { permission: 'core.critical-events.record' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const form = (ctx.body ?? {}) as Record<string, unknown>;
    const parsed = ctx.validate(criticalEventInput, form);
    if (!parsed.ok) return eventsPage(ctx, person, { form, errors: parsed.errors, status: 422 });
    const errors = recordErrors(ctx, parsed.data);
    if (errors.length) return eventsPage(ctx, person, { form, errors, status: 422 });
    await recordCriticalEvent(ctx, person, parsed.data);
    return { redirect: `${ctx.url('core.people.critical-events', { id: person.id })}?saved=1` };
  });

  r.post(
    'people.critical-events.withdraw',
    '/people/:id/critical-events/:eventId/withdraw',
    { permission: 'core.critical-events.record' },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const parsed = ctx.validate(withdrawInput, ctx.body ?? {});
      if (!parsed.ok) throw HttpError.invalid(parsed.errors);
      await withdrawCriticalEvent(ctx, person, ctx.params.eventId, parsed.data.reason);
      return { redirect: `${ctx.url('core.people.critical-events', { id: person.id })}?withdrawn=1` };
    },
  );
}
