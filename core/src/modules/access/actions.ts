// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { raise } from '../../events/dispatcher';
import { actor, visiblePerson } from '../people/actions';
import type { Person } from '../people/entities';
import { CHANNELS, INTERLOCUTORS, NEED_CATEGORIES } from './codes';
import { codeErrors } from './code-options';
import { AccessService, type Contact, type ServicePoint } from './service';
import type { ContactInput, linkPersonInput, referralDecisionInput } from './schemas';

/**
 * The access register's operations as routes perform them, shared by the pages and the API: checks of
 * visibility and state, the service call, and the audit entry, so both answer alike.
 */

export const access = new AccessService();

/** A person the request may see (404 otherwise) who is not a merged alias (409: the survivor is the record to use). */
export async function livePerson(ctx: RouteContext, id: string): Promise<Person> {
  const person = await visiblePerson(ctx, id);
  if (person.mergedInto) throw HttpError.conflict('core:people.merged', { mergedInto: person.mergedInto });
  return person;
}

/** A contact the request may see, or 404: another organization's contact does not exist for it. */
/**
 * Whether a cartella may be opened from this contact: a proposal to take the person in charge, or a referral
 * the service has accepted (accepting it is the service saying it takes the person on).
 */
export function leadsToCartella(contact: Pick<Contact, 'outcome' | 'referralStatus'>): boolean {
  return contact.outcome === 'take-in-charge' || (contact.outcome === 'referral' && contact.referralStatus === 'accepted');
}

export async function visibleContact(ctx: RouteContext, id: string | undefined): Promise<Contact> {
  const contact = id ? await access.find(ctx.em, id) : null;
  if (!contact) throw HttpError.notFound();
  return contact;
}

/**
 * What the schema cannot know: codes on the organization's lists, a time not in the future, an
 * organization referred to that exists. The person must be one the request sees (404 otherwise, like
 * every other reference to a record of another organization).
 */
export async function contactErrors(ctx: RouteContext, input: ContactInput): Promise<FieldError[]> {
  if (input.personId) await livePerson(ctx, input.personId);
  const errors = codeErrors(ctx, [
    { field: 'channel', list: CHANNELS, value: input.channel },
    { field: 'interlocutor', list: INTERLOCUTORS, value: input.interlocutor },
    { field: 'needs', list: NEED_CATEGORIES, value: input.needs },
  ]);
  if (input.occurredAt && (await access.inFuture(ctx.em, input.occurredAt))) {
    errors.push({ field: 'occurredAt', message: ctx.t('core:access.errors.future') });
  }
  if (input.outcome === 'referral' && input.referralOrganizationId) {
    const [org] = await ctx.em.execute('select 1 from core.organization where id = ?', [input.referralOrganizationId]);
    if (!org) errors.push({ field: 'referralOrganizationId', message: ctx.t('core:validation.choice') });
  }
  return errors;
}

/** Records a checked contact at the desk the request acts in. */
export async function recordContact(ctx: RouteContext, input: ContactInput): Promise<string> {
  const id = await access.create(ctx.em, input, actor(ctx));
  await ctx.audit({
    action: 'access.create',
    entity: 'access-contact',
    entityId: id,
    details: { outcome: input.outcome, person: input.personId ?? null },
  });
  raise(ctx, 'access.contact-recorded', { contactId: id, organizationId: ctx.org!.id, personId: input.personId ?? null });
  return id;
}

/** Reads a contact for showing it: audited, as every read of personal data. */
export async function readContact(ctx: RouteContext, id: string | undefined): Promise<Contact> {
  const contact = await visibleContact(ctx, id);
  await ctx.audit({ action: 'access.read', entity: 'access-contact', entityId: contact.id, details: { person: contact.personId } });
  return contact;
}

export async function linkPerson(ctx: RouteContext, contact: Contact, input: z.output<typeof linkPersonInput>): Promise<void> {
  await livePerson(ctx, input.personId);
  const outcome = await access.linkPerson(ctx.em, contact, input.personId, input.version, actor(ctx));
  if (outcome === 'not-allowed') throw HttpError.conflict('core:access.errors.linked');
  if (outcome === 'stale') throw HttpError.conflict('core:access.errors.stale', { version: contact.version });
  await ctx.audit({
    action: 'access.update',
    entity: 'access-contact',
    entityId: contact.id,
    details: { change: 'person-linked', person: input.personId },
  });
  // Linked now, the contact counts among the person's visits: as if recorded with the person.
  raise(ctx, 'access.contact-recorded', { contactId: contact.id, organizationId: contact.ownerOrgId, personId: input.personId });
}

export async function decideReferral(ctx: RouteContext, contact: Contact, input: z.output<typeof referralDecisionInput>): Promise<void> {
  const outcome = await access.decideReferral(ctx.em, contact, input, actor(ctx));
  if (outcome === 'not-allowed') throw HttpError.conflict('core:access.errors.notPending');
  if (outcome === 'stale') throw HttpError.conflict('core:access.errors.stale', { version: contact.version });
  await ctx.audit({ action: 'access.referral', entity: 'access-contact', entityId: contact.id, details: { status: input.status } });
}

/** The desk whose register to read: where the request acts, or a service point it sees; 404 for any other. */
export async function registerPoint(
  ctx: RouteContext,
  wanted: string | undefined,
): Promise<{ point: ServicePoint; points: ServicePoint[] }> {
  const { orgId } = actor(ctx);
  const points = await access.servicePoints(ctx.em, orgId);
  const point = points.find((p) => p.id === (wanted ?? orgId));
  if (!point) throw HttpError.notFound();
  return { point, points };
}

/** A desk's register: today's contacts, open referrals, people who keep coming without a cartella. Audited with its counts. */
export async function readRegister(ctx: RouteContext, point: ServicePoint) {
  const [today, openReferrals, repeatVisitors] = [
    await access.today(ctx.em, point.id),
    await access.openReferrals(ctx.em, point.id),
    await access.repeatVisitors(ctx.em, point.id),
  ];
  await ctx.audit({
    action: 'access.register',
    entity: 'organization',
    entityId: point.id,
    details: { today: today.length, openReferrals: openReferrals.length, repeatVisitors: repeatVisitors.length },
  });
  return { today, openReferrals, repeatVisitors };
}
