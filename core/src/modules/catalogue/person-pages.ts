// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { ISEE_TYPES } from '../../sdk/extension-points/eligibility';
import type { Person } from '../people/entities';
import { visiblePerson } from '../people/actions';
import { entries, entryName, findEntry } from './catalogue';
import { addDisability, addIsee, disabilityOf, eligibilityFor, iseeOf, retrieveIsee, type RetrievalOutcome } from './actions';
import { formatFor } from './format';
import { validOn } from './isee';
import { ISEE_TYPE_NAMES } from './isee-types';
import { disabilityInput, eligibilityQuery, iseeInput, retrieveInput } from './schemas';
import { offers } from './services';
import { localToday } from '../../sdk/local-time';

const OUTCOME_ICONS = { pass: 'it-check-circle', fail: 'it-close-circle', unknown: 'it-help-circle' } as const;

/** The header every page about a person's eligibility data shares: who, and the tabs the operator may open. */
function personModel(ctx: RouteContext, person: Person, current: 'isee' | 'disability' | 'eligibility') {
  const tab = (id: typeof current, route: string, permission: string) =>
    ctx.can(permission)
      ? [{ id, href: ctx.url(route, { id: person.id }), label: ctx.t(`core:eligibility.tabs.${id}`), current: id === current }]
      : [];
  return {
    person: { id: person.id, surname: person.surname, name: person.name, codiceFiscale: person.codiceFiscale, birthDate: person.birthDate },
    personHref: ctx.url('core.people.show', { id: person.id }),
    tabs: [
      ...tab('isee', 'core.people.isee', 'core.isee.view'),
      ...tab('disability', 'core.people.disability', 'core.disability.view'),
      ...tab('eligibility', 'core.people.eligibility', 'core.eligibility.check'),
    ],
  };
}

/** A status shown with an icon and words, never a colour alone. */
function validity(ctx: RouteContext, r: { issuedOn: string; expiresOn: string | null }, on: string) {
  const state = validOn(r, on) ? 'valid' : r.issuedOn > on ? 'future' : 'expired';
  return { state, stateLabel: ctx.t(`core:isee.states.${state}`), stateIcon: state === 'valid' ? 'it-check-circle' : 'it-warning-circle' };
}

/** The field errors an HttpError carries, or the message of a conflict on a named field. */
function errorsOf(error: unknown, conflictField: string, ctx: RouteContext): FieldError[] | null {
  if (!(error instanceof HttpError)) return null;
  if (error.status === 422) return [...error.errors];
  if (error.status === 409 && error.detailKey) return [{ field: conflictField, message: ctx.t(error.detailKey) }];
  return null;
}

async function iseePage(
  ctx: RouteContext,
  person: Person,
  state: { form?: Record<string, unknown>; errors?: readonly FieldError[]; retrieval?: RetrievalOutcome; status?: number } = {},
): Promise<RouteResult> {
  const on = localToday();
  const { records, nuclei } = await iseeOf(ctx, person, on);
  const format = formatFor(ctx.locale);
  const nucleusLabel = (id: string) => {
    const h = nuclei.find((n) => n.id === id);
    return h ? (h.label ?? ctx.t(`core:isee.nucleus.${h.kind}`)) : ctx.t('core:isee.nucleus.other');
  };
  const form = state.form ?? { issuedOn: on, householdId: nuclei[0]?.id ?? '', type: 'ordinario' };
  return {
    view: 'core:catalogue/isee',
    model: {
      title: ctx.t('core:isee.title', { name: `${person.surname} ${person.name}` }),
      ...personModel(ctx, person, 'isee'),
      records: records.map((r) => ({
        ...r,
        typeName: ISEE_TYPE_NAMES[r.type],
        valueText: format.money(r.value),
        iseText: r.ise === null ? null : format.money(r.ise),
        ownRecord: r.personId === person.id,
        nucleus: r.householdId ? nucleusLabel(r.householdId) : null,
        sourceLabel: r.source === 'manual' ? ctx.t('core:isee.sources.manual') : ctx.t('core:isee.sources.adapter', { id: r.source }),
        ...validity(ctx, r, on),
      })),
      canEdit: ctx.can('core.isee.edit') && !person.mergedInto,
      types: ISEE_TYPES.map((t) => ({ code: t, label: ISEE_TYPE_NAMES[t], selected: t === form.type })),
      nuclei: [
        { code: '', label: ctx.t('core:isee.form.personOnly'), selected: !form.householdId },
        ...nuclei.map((h) => ({ code: h.id, label: nucleusLabel(h.id), selected: h.id === form.householdId })),
      ],
      services: entries(ctx)
        .filter((e) => e.inpsCode)
        .map((e) => ({ code: e.code, label: `${e.inpsCode} – ${entryName(ctx, e)}`, selected: false })),
      form,
      errors: state.errors ?? [],
      retrieval: state.retrieval ? { ...state.retrieval, found: state.retrieval.status === 'found' } : null,
      saved: ctx.query.saved === '1',
    },
    status: state.status ?? 200,
  };
}

async function disabilityPage(
  ctx: RouteContext,
  person: Person,
  state: { form?: Record<string, unknown>; errors?: readonly FieldError[]; status?: number } = {},
): Promise<RouteResult> {
  const on = localToday();
  const records = await disabilityOf(ctx, person);
  const form = state.form ?? { certifiedOn: '' };
  return {
    view: 'core:catalogue/disability',
    model: {
      title: ctx.t('core:disability.title', { name: `${person.surname} ${person.name}` }),
      ...personModel(ctx, person, 'disability'),
      records: records.map((d) => ({
        ...d,
        law104Label: d.law104 ? ctx.t(`core:disability.law104.${d.law104}`) : null,
        ...validity(ctx, { issuedOn: d.certifiedOn, expiresOn: d.expiresOn }, on),
      })),
      canEdit: ctx.can('core.disability.edit') && !person.mergedInto,
      law104: [
        { code: '', label: ctx.t('core:disability.law104.none'), selected: !form.law104 },
        ...(['c1', 'c3'] as const).map((c) => ({ code: c, label: ctx.t(`core:disability.law104.${c}`), selected: form.law104 === c })),
      ],
      form,
      errors: state.errors ?? [],
      saved: ctx.query.saved === '1',
    },
    status: state.status ?? 200,
  };
}

/** The pages of a person's ISEE, disability certifications and eligibility check, under /people/:id. */
export function registerPersonPages(r: RouteRegistrar): void {
  // The person's record links here once, whatever the role: it shows the first of the pages the role may see.
  r.get('people.requirements', '/people/:id/requirements', { permission: 'core.people.view' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    if (ctx.can('core.isee.view')) return iseePage(ctx, person);
    if (ctx.can('core.disability.view')) return disabilityPage(ctx, person);
    if (ctx.can('core.eligibility.check')) return eligibilityPage(ctx, person);
    throw new HttpError(403, 'core:errors.403.title');
  });

  r.get('people.isee', '/people/:id/isee', { permission: 'core.isee.view' }, async (ctx) =>
    iseePage(ctx, await visiblePerson(ctx, ctx.params.id)),
  );

  r.post('people.isee.create', '/people/:id/isee', { permission: 'core.isee.edit', body: iseeInput }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const form = (ctx.body ?? {}) as Record<string, unknown>;
    const parsed = ctx.validate(iseeInput, form);
    if (!parsed.ok) return iseePage(ctx, person, { form, errors: parsed.errors, status: 422 });
    try {
      await addIsee(ctx, person, parsed.data);
    } catch (error) {
      const errors = errorsOf(error, 'protocol', ctx);
      if (!errors) throw error;
      return iseePage(ctx, person, { form, errors, status: (error as HttpError).status });
    }
    return { redirect: `${ctx.url('core.people.isee', { id: person.id })}?saved=1` };
  });

  r.post('people.isee.retrieve', '/people/:id/isee/retrieve', { permission: 'core.isee.edit', body: retrieveInput }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const parsed = ctx.validate(retrieveInput, ctx.body ?? {});
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    // Shown at once rather than after a redirect: what INPS answered is the page's message.
    return iseePage(ctx, person, { retrieval: await retrieveIsee(ctx, person, parsed.data.service) });
  });

  r.get('people.disability', '/people/:id/disability', { permission: 'core.disability.view' }, async (ctx) =>
    disabilityPage(ctx, await visiblePerson(ctx, ctx.params.id)),
  );

  r.post(
    'people.disability.create',
    '/people/:id/disability',
    { permission: 'core.disability.edit', body: disabilityInput },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const form = (ctx.body ?? {}) as Record<string, unknown>;
      const parsed = ctx.validate(disabilityInput, form);
      if (!parsed.ok) return disabilityPage(ctx, person, { form, errors: parsed.errors, status: 422 });
      try {
        await addDisability(ctx, person, parsed.data);
      } catch (error) {
        const errors = errorsOf(error, 'certifiedOn', ctx);
        if (!errors) throw error;
        return disabilityPage(ctx, person, { form, errors, status: (error as HttpError).status });
      }
      return { redirect: `${ctx.url('core.people.disability', { id: person.id })}?saved=1` };
    },
  );

  r.get('people.eligibility', '/people/:id/eligibility', { permission: 'core.eligibility.check' }, async (ctx) =>
    eligibilityPage(ctx, await visiblePerson(ctx, ctx.params.id)),
  );
}

/**
 * The eligibility check: a chooser of services, and with `?service=` (and `?on=`) the answer for each
 * requirement with an icon and words, and the verdict. A code the catalogue does not hold is a choice to
 * make again, not a missing page.
 */
async function eligibilityPage(ctx: RouteContext, person: Person): Promise<RouteResult> {
  const chosen = typeof ctx.query.service === 'string' ? ctx.query.service : '';
  const parsed = chosen ? ctx.validate(eligibilityQuery, ctx.query) : null;
  const applying = ctx.org ? await offers.effective(ctx.em, ctx.org.id) : new Map();
  const all = entries(ctx).map((e) => ({
    code: e.code,
    label: e.inpsCode ? `${entryName(ctx, e)} (${e.inpsCode})` : entryName(ctx, e),
    selected: e.code === chosen,
    offered: Boolean(applying.get(e.code)?.active),
  }));
  const base = {
    ...personModel(ctx, person, 'eligibility'),
    action: ctx.url('core.people.eligibility', { id: person.id }),
    offered: all.filter((e) => e.offered),
    others: all.filter((e) => !e.offered),
    on: typeof ctx.query.on === 'string' && ctx.query.on ? ctx.query.on : localToday(),
    isee: ctx.can('core.isee.edit') ? ctx.url('core.people.isee', { id: person.id }) : null,
    disability: ctx.can('core.disability.edit') ? ctx.url('core.people.disability', { id: person.id }) : null,
  };
  const title = ctx.t('core:eligibility.title', { name: `${person.surname} ${person.name}` });
  if (!parsed?.ok || !findEntry(ctx, parsed.data.service)) {
    await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id, details: { part: 'eligibility' } });
    const errors = !parsed ? [] : !parsed.ok ? parsed.errors : [{ field: 'service', message: ctx.t('core:eligibility.errors.service') }];
    return { view: 'core:catalogue/eligibility', model: { title, ...base, errors, check: null }, status: errors.length ? 422 : 200 };
  }
  const { entry, check } = await eligibilityFor(ctx, person.id, parsed.data.service, parsed.data.on);
  return {
    view: 'core:catalogue/eligibility',
    model: {
      title,
      ...base,
      on: check.on,
      errors: [],
      service: { code: entry.code, name: entryName(ctx, entry), href: ctx.url('core.catalogue.show', { code: entry.code }) },
      check: {
        ...check,
        icon: OUTCOME_ICONS[check.outcome],
        label: ctx.t(`core:eligibility.verdicts.${check.outcome}`),
        offerNote: check.offer
          ? ctx.t(check.offer.active ? 'core:eligibility.offer.by' : 'core:eligibility.offer.notOffered', {
              organization: check.offer.organization.name,
            })
          : ctx.t('core:eligibility.offer.none'),
        results: check.results.map((r) => ({
          ...r,
          icon: OUTCOME_ICONS[r.outcome],
          label: ctx.t(`core:eligibility.outcomes.${r.outcome}`),
        })),
      },
    },
  };
}
