// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { REPEAT_VISITS, REPEAT_WINDOW_DAYS } from './codes';
import type { Contact } from './service';
import {
  contactInput,
  contactOutput,
  contactsQuery,
  linkPersonInput,
  referralDecisionInput,
  registerOutput,
  registerQuery,
} from './schemas';
import {
  access,
  contactErrors,
  decideReferral,
  linkPerson,
  readContact,
  readRegister,
  recordContact,
  registerPoint,
  visibleContact,
} from './actions';

const iso = (d: Date | string): string => new Date(d).toISOString();

export function contactJson(c: Contact): z.input<typeof contactOutput> {
  return {
    id: c.id,
    servicePoint: { id: c.ownerOrgId, code: c.pointCode, name: c.pointName },
    occurredAt: iso(c.occurredAt),
    channel: c.channel,
    interlocutor: c.interlocutor,
    person: c.personId ? { id: c.personId, surname: c.personSurname ?? '', name: c.personName ?? '' } : null,
    anonymousDescription: c.anonymousDescription,
    needs: c.needs,
    notes: c.notes,
    outcome: c.outcome,
    referral: c.referralStatus
      ? {
          service: c.referralService,
          organization: c.referralOrgId ? { id: c.referralOrgId, name: c.referralOrgName ?? '' } : null,
          status: c.referralStatus,
          decidedAt: c.referralDecidedAt ? iso(c.referralDecidedAt) : null,
          note: c.referralNote,
        }
      : null,
    cartellaId: c.cartellaId,
    recordedAt: iso(c.recordedAt),
    version: c.version,
  };
}

/** The access register's JSON API under /api/v1: the same actions and schemas as the pages. */
export function registerAccessApi(r: RouteRegistrar): void {
  // Fixed paths before `/api/v1/access-contacts/:id`, which would otherwise take them.
  r.get(
    'api.access.register',
    '/api/v1/access-contacts/register',
    {
      permission: 'core.access.view',
      query: registerQuery,
      response: registerOutput,
      summary: `A desk's register: today's contacts, referrals awaiting an answer, people with ${REPEAT_VISITS}+ contacts in ${REPEAT_WINDOW_DAYS} days and no cartella open`,
    },
    async (ctx) => {
      const { point } = await registerPoint(ctx, (ctx.query as z.output<typeof registerQuery>).point);
      const register = await readRegister(ctx, point);
      return {
        json: {
          servicePoint: { id: point.id, code: point.code, name: point.name },
          today: register.today.map(contactJson),
          openReferrals: register.openReferrals.map(contactJson),
          repeatVisitors: register.repeatVisitors.map((v) => ({
            person: { id: v.personId, surname: v.surname, name: v.name },
            contacts: v.contacts,
            lastAt: iso(v.lastAt),
          })),
          rule: { visits: REPEAT_VISITS, days: REPEAT_WINDOW_DAYS },
        },
      };
    },
  );
  r.get(
    'api.access.list',
    '/api/v1/access-contacts',
    {
      permission: 'core.access.view',
      query: contactsQuery,
      response: z.object({ items: z.array(contactOutput) }),
      summary: 'Contacts of a person, a desk or a period, latest first',
    },
    async (ctx) => {
      const items = await access.list(ctx.em, ctx.query as z.output<typeof contactsQuery>);
      await ctx.audit({ action: 'access.list', entity: 'access-contact', details: { results: items.length } });
      return { json: { items: items.map(contactJson) } };
    },
  );
  r.post(
    'api.access.create',
    '/api/v1/access-contacts',
    {
      permission: 'core.access.record',
      body: contactInput,
      response: contactOutput,
      summary: 'Record a contact at the desk the request acts in (a person from the registry, or anonymous)',
    },
    async (ctx) => {
      const input = ctx.body as z.output<typeof contactInput>;
      const errors = await contactErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      const id = await recordContact(ctx, input);
      return { json: contactJson(await visibleContact(ctx, id)), status: 201 };
    },
  );
  r.get(
    'api.access.show',
    '/api/v1/access-contacts/:id',
    { permission: 'core.access.view', response: contactOutput, summary: 'Read a contact' },
    async (ctx) => ({ json: contactJson(await readContact(ctx, ctx.params.id)) }),
  );
  r.post(
    'api.access.person',
    '/api/v1/access-contacts/:id/person',
    {
      permission: 'core.access.record',
      body: linkPersonInput,
      response: contactOutput,
      summary: 'Link an anonymous contact to the person it was (409 when linked already or the version is stale)',
    },
    async (ctx) => {
      const contact = await visibleContact(ctx, ctx.params.id);
      await linkPerson(ctx, contact, ctx.body as z.output<typeof linkPersonInput>);
      return { json: contactJson(await visibleContact(ctx, contact.id)) };
    },
  );
  r.post(
    'api.access.referral',
    '/api/v1/access-contacts/:id/referral',
    {
      permission: 'core.access.record',
      body: referralDecisionInput,
      response: contactOutput,
      summary: "Record the service's answer to a referral: accepted or refused (409 when answered already or the version is stale)",
    },
    async (ctx) => {
      const contact = await visibleContact(ctx, ctx.params.id);
      await decideReferral(ctx, contact, ctx.body as z.output<typeof referralDecisionInput>);
      return { json: contactJson(await visibleContact(ctx, contact.id)) };
    },
  );
}
