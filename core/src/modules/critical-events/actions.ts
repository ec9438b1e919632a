// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { raise } from '../../events/dispatcher';
import { localToday } from '../../sdk/local-time';
import { codeErrors, labelOf } from '../access/code-options';
import { actor } from '../people/actions';
import type { Person } from '../people/entities';
import { CRITICAL_EVENT_TYPES } from './codes';
import { criticalEvents, type CriticalEvent } from './critical-events';
import type { CriticalEventInput } from './schemas';

/** What the schema cannot say: the type is on the organization's list, and the event has happened. */
export function recordErrors(ctx: RouteContext, input: CriticalEventInput): FieldError[] {
  const errors = codeErrors(ctx, [{ field: 'type', list: CRITICAL_EVENT_TYPES, value: input.type }]);
  if (input.occurredOn > localToday()) errors.push({ field: 'occurredOn', message: ctx.t('core:criticalEvents.errors.future') });
  return errors;
}

/** A person's critical events, read and audited. */
export async function listCriticalEvents(ctx: RouteContext, person: Person, where: string): Promise<CriticalEvent[]> {
  const list = await criticalEvents.ofPerson(ctx.em, person.id);
  await ctx.audit({ action: 'critical-event.list', entity: 'person', entityId: person.id, details: { results: list.length, where } });
  return list;
}

/**
 * Records a critical event about a person for the operator's organization, audited, and raises
 * `critical-event.recorded` (delivered after commit: the alert rules that watch it are re-evaluated).
 */
export async function recordCriticalEvent(ctx: RouteContext, person: Person, input: CriticalEventInput): Promise<CriticalEvent> {
  const errors = recordErrors(ctx, input);
  if (errors.length) throw HttpError.invalid(errors);
  if (person.mergedInto) throw HttpError.conflict('core:criticalEvents.errors.merged');
  const { orgId } = actor(ctx);
  const id = await criticalEvents.record(ctx.em, {
    ownerOrgId: orgId,
    personId: person.id,
    type: input.type,
    occurredOn: input.occurredOn,
    note: input.note ?? null,
    operatorId: ctx.operator!.id,
  });
  await ctx.audit({
    action: 'critical-event.record',
    entity: 'critical-event',
    entityId: id,
    details: { person: person.id, type: input.type, occurredOn: input.occurredOn },
  });
  raise(ctx, 'critical-event.recorded', {
    eventId: id,
    personId: person.id,
    organizationId: orgId,
    type: input.type,
    on: input.occurredOn,
  });
  return (await criticalEvents.find(ctx.em, id))!;
}

/** Withdraws a mistaken record, with the reason; the record stays, marked. */
export async function withdrawCriticalEvent(
  ctx: RouteContext,
  person: Person,
  eventId: string | undefined,
  reason: string,
): Promise<CriticalEvent> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const event = eventId && UUID.test(eventId) ? await criticalEvents.find(ctx.em, eventId) : null;
  if (!event || event.personId !== person.id) throw HttpError.notFound();
  if (!(await criticalEvents.withdraw(ctx.em, event.id, ctx.operator!.id, reason))) {
    throw HttpError.conflict('core:criticalEvents.errors.withdrawn');
  }
  await ctx.audit({ action: 'critical-event.withdraw', entity: 'critical-event', entityId: event.id, details: { person: person.id } });
  return (await criticalEvents.find(ctx.em, event.id))!;
}

/** A record as pages show it. */
export function presentEvent(ctx: RouteContext, e: CriticalEvent) {
  return { ...e, typeLabel: labelOf(ctx, CRITICAL_EVENT_TYPES, e.type) };
}
