// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { people, visiblePerson } from '../people/actions';
import type { Person } from '../people/entities';
import { CHANNELS, INTERLOCUTORS, NEED_CATEGORIES, OUTCOMES, REFERRAL_STATES, REPEAT_VISITS, REPEAT_WINDOW_DAYS } from './codes';
import { labeller, options } from './code-options';
import { formatDateTime, formatTime, localInputValue } from '../../sdk/local-time';
import { contactInput, linkPersonInput, referralDecisionInput } from './schemas';
import type { Contact } from './service';
import {
  access,
  contactErrors,
  leadsToCartella,
  decideReferral,
  linkPerson,
  readContact,
  readRegister,
  recordContact,
  registerPoint,
  visibleContact,
} from './actions';

/** A contact as the register's tables and its page show it, labels in the operator's language. */
function contactRow(ctx: RouteContext, c: Contact) {
  const need = labeller(ctx, NEED_CATEGORIES);
  return {
    ...c,
    href: ctx.url('core.access.show', { id: c.id }),
    when: formatDateTime(ctx.locale, c.occurredAt),
    notesLines: c.notes ? c.notes.split(/\r?\n/) : [],
    time: formatTime(ctx.locale, c.occurredAt),
    who: c.personId ? `${c.personSurname ?? ''} ${c.personName ?? ''}`.trim() : c.anonymousDescription,
    personHref: c.personId ? ctx.url('core.people.show', { id: c.personId }) : null,
    channelLabel: labeller(ctx, CHANNELS)(c.channel),
    interlocutorLabel: labeller(ctx, INTERLOCUTORS)(c.interlocutor),
    needLabels: c.needs.map(need),
    outcomeLabel: labeller(ctx, OUTCOMES)(c.outcome),
    referralTarget: [c.referralService, c.referralOrgName].filter(Boolean).join(' – '),
    referralLabel: c.referralStatus ? labeller(ctx, REFERRAL_STATES)(c.referralStatus) : null,
    referralDecided: c.referralDecidedAt ? formatDateTime(ctx.locale, c.referralDecidedAt) : null,
    cartellaHref: c.cartellaId && ctx.can('core.cartella.view') ? ctx.url('core.cartelle.show', { id: c.cartellaId }) : null,
  };
}

/** Where taking a person in charge from this contact starts: the cartella form, prefilled. */
function takeInChargeHref(ctx: RouteContext, personId: string, contactId?: string): string | null {
  if (!ctx.can('core.cartella.manage')) return null;
  const query = new URLSearchParams({ person: personId, ...(contactId ? { contact: contactId } : {}) });
  return `${ctx.url('core.cartelle.new')}?${query}`;
}

/** Registry search results to choose a person from, audited as searches are. */
async function searchPeople(ctx: RouteContext, term: string) {
  if (!term.trim()) return [];
  const found = await people.search(ctx.em, { q: term, page: 1, pageSize: 10 });
  await ctx.audit({ action: 'person.search', entity: 'person', details: { results: found.total } });
  return found.items;
}

/** Organizations a referral may name: every organization of the installation (names are not personal data). */
async function organizations(ctx: RouteContext, selected: unknown) {
  const rows = await ctx.em.execute<{ id: string; name: string }[]>('select id::text as id, name from core.organization order by name');
  return rows.map((o) => ({ code: o.id, label: o.name, selected: o.id === selected }));
}

async function formPage(
  ctx: RouteContext,
  body: Record<string, unknown>,
  person: Person | null,
  errors: readonly FieldError[],
  status = 200,
): Promise<RouteResult> {
  const term = typeof ctx.query.q === 'string' ? ctx.query.q : '';
  const found = person ? [] : await searchPeople(ctx, term);
  if (person) await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id, purpose: 'access contact' });
  const form: Record<string, unknown> = { occurredAt: localInputValue(), ...body };
  return {
    view: 'core:access/form',
    status,
    model: {
      title: ctx.t('core:access.new.title'),
      point: ctx.org,
      term,
      searched: Boolean(term.trim()),
      found: found.map((p) => ({ ...p, chooseHref: `${ctx.url('core.access.new')}?${new URLSearchParams({ person: p.id })}` })),
      person: person
        ? { id: person.id, surname: person.surname, name: person.name, birthDate: person.birthDate, codiceFiscale: person.codiceFiscale }
        : null,
      personHref: person ? ctx.url('core.people.show', { id: person.id }) : null,
      clearHref: ctx.url('core.access.new'),
      form,
      errors,
      channels: options(ctx, CHANNELS, form.channel ?? 'di-persona'),
      interlocutors: options(ctx, INTERLOCUTORS, form.interlocutor ?? 'interessato'),
      needs: options(ctx, NEED_CATEGORIES, form.needs ?? []),
      outcomes: options(ctx, OUTCOMES, form.outcome ?? 'information'),
      organizations: await organizations(ctx, form.referralOrganizationId),
    },
  };
}

/** The register's pages: a desk's register, recording a contact, a contact with its referral and person. */
export function registerAccessPages(r: RouteRegistrar): void {
  r.get('access', '/access', { permission: 'core.access.view' }, async (ctx) => {
    const wanted = typeof ctx.query.point === 'string' && ctx.query.point ? ctx.query.point : undefined;
    const { point, points } = await registerPoint(ctx, wanted);
    const register = await readRegister(ctx, point);
    const canRecord = ctx.can('core.access.record');
    return {
      view: 'core:access/register',
      model: {
        title: ctx.t('core:access.register.title'),
        point,
        points: points.map((p) => ({ code: p.id, label: p.name, selected: p.id === point.id })),
        acting: point.id === ctx.org?.id,
        canRecord,
        today: register.today.map((c) => contactRow(ctx, c)),
        openReferrals: register.openReferrals.map((c) => ({
          ...contactRow(ctx, c),
          decideAction: canRecord ? ctx.url('core.access.referral', { id: c.id }) : null,
        })),
        repeatVisitors: register.repeatVisitors.map((v) => ({
          ...v,
          lastAt: formatDateTime(ctx.locale, v.lastAt),
          personHref: ctx.url('core.people.show', { id: v.personId }),
          takeInChargeHref: takeInChargeHref(ctx, v.personId),
        })),
        rule: { visits: REPEAT_VISITS, days: REPEAT_WINDOW_DAYS },
      },
    };
  });

  r.get('access.new', '/access/new', { permission: 'core.access.record' }, async (ctx) => {
    const personId = typeof ctx.query.person === 'string' && ctx.query.person ? ctx.query.person : null;
    const person = personId ? await visiblePerson(ctx, personId) : null;
    return formPage(ctx, person ? { personId: person.id } : {}, person, []);
  });

  r.post('access.create', '/access', { permission: 'core.access.record', body: contactInput }, async (ctx) => {
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const personId = typeof body.personId === 'string' && body.personId ? body.personId : null;
    const person = personId ? await visiblePerson(ctx, personId) : null;
    const parsed = ctx.validate(contactInput, body);
    const errors = parsed.ok ? await contactErrors(ctx, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return formPage(ctx, body, person, errors, 422);
    const id = await recordContact(ctx, parsed.data);
    const next = parsed.data.outcome === 'take-in-charge' && person ? takeInChargeHref(ctx, person.id, id) : null;
    return { redirect: next ?? `${ctx.url('core.access.show', { id })}?saved=1` };
  });

  r.get('access.show', '/access/:id', { permission: 'core.access.view' }, async (ctx) => {
    const contact = await readContact(ctx, ctx.params.id);
    const canRecord = ctx.can('core.access.record');
    const term = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    const found = canRecord && !contact.personId ? await searchPeople(ctx, term) : [];
    const history = contact.personId
      ? (await access.list(ctx.em, { personId: contact.personId, limit: 10 })).filter((c) => c.id !== contact.id)
      : [];
    return {
      view: 'core:access/show',
      model: {
        title: ctx.t('core:access.show.title', { date: formatDateTime(ctx.locale, contact.occurredAt) }),
        contact: contactRow(ctx, contact),
        saved: ctx.query.saved === '1',
        linkAction: canRecord && !contact.personId ? ctx.url('core.access.person', { id: contact.id }) : null,
        term,
        searched: Boolean(term.trim()),
        found,
        decideAction: canRecord && contact.referralStatus === 'pending' ? ctx.url('core.access.referral', { id: contact.id }) : null,
        takeInChargeHref:
          leadsToCartella(contact) && contact.personId && !contact.cartellaId ? takeInChargeHref(ctx, contact.personId, contact.id) : null,
        awaitingCartella: leadsToCartella(contact) && !contact.cartellaId,
        referralAccepted: contact.outcome === 'referral',
        history: history.map((c) => contactRow(ctx, c)),
        registerHref: `${ctx.url('core.access')}?point=${contact.ownerOrgId}`,
      },
      subject: { kind: 'access', id: contact.id },
    };
  });

  r.post('access.person', '/access/:id/person', { permission: 'core.access.record', body: linkPersonInput }, async (ctx) => {
    const contact = await visibleContact(ctx, ctx.params.id);
    const parsed = ctx.validate(linkPersonInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    await linkPerson(ctx, contact, parsed.data);
    return { redirect: `${ctx.url('core.access.show', { id: contact.id })}?saved=1` };
  });

  r.post('access.referral', '/access/:id/referral', { permission: 'core.access.record', body: referralDecisionInput }, async (ctx) => {
    const contact = await visibleContact(ctx, ctx.params.id);
    const parsed = ctx.validate(referralDecisionInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    await decideReferral(ctx, contact, parsed.data);
    // Back to the register the decision was taken from, or to the contact.
    const fromRegister = (ctx.body as { back?: unknown } | undefined)?.back === 'register';
    return {
      redirect: fromRegister
        ? `${ctx.url('core.access')}?point=${contact.ownerOrgId}`
        : `${ctx.url('core.access.show', { id: contact.id })}?saved=1`,
    };
  });
}
