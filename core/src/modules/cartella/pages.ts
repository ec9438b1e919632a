// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { AREAS } from '../catalogue/areas';
import { HOUSEHOLD_KINDS, HOUSEHOLD_RELATIONS } from '../people/codes';
import { households, people, visiblePerson } from '../people/actions';
import type { Person } from '../people/entities';
import { visibleContact } from '../access/actions';
import { labeller, options } from '../access/code-options';
import { formatDateTime, localToday } from '../../sdk/local-time';
import { CLOSING_REASONS, CONFIDENTIALITY_LEVELS, NOTE_TYPES, SUSPENSION_REASONS, TEAM_ROLES } from './codes';
import type { Cartella } from './cartelle';
import type { DiaryNote } from './diary';
import { DIARY_PAGE } from './diary';
import { CARTELLA_STATES, TRANSITION_RULES, transitionsFrom } from './states';
import type { CartellaShare } from './sharing';
import { ownOrSharedCartella, sharedReads } from './share-actions';
import { cartellaCreateInput, cartelleQuery, diaryNoteInput, diaryQuery, teamAddInput, teamEndInput, transitionInput } from './schemas';
import {
  addMember,
  addNote,
  applyTransition,
  cartelle,
  createErrors,
  diary,
  endMember,
  isInsider,
  noteErrors,
  readDiary,
  takeInCharge,
  team,
  teamErrors,
  transitionErrors,
  visibleCartella,
} from './actions';

/** Notes the cartella's page shows; the diary page has them all. */
const RECENT_NOTES = 5;

const body = (ctx: RouteContext): Record<string, unknown> => (ctx.body ?? {}) as Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

function cartellaHeader(ctx: RouteContext, c: Cartella) {
  return {
    ...c,
    href: ctx.url('core.cartelle.show', { id: c.id }),
    personHref: ctx.url('core.people.show', { id: c.personId }),
    stateLabel: ctx.t(`core:cartella.states.${c.state}`),
    areaLabel: labeller(ctx, AREAS)(c.area),
  };
}

function noteModel(ctx: RouteContext, n: DiaryNote, cartellaId: string) {
  const diaryHref = ctx.url('core.cartelle.diary', { id: cartellaId });
  return {
    ...n,
    typeLabel: labeller(ctx, NOTE_TYPES)(n.type),
    confidentialityLabel: labeller(ctx, CONFIDENTIALITY_LEVELS)(n.confidentiality),
    written: formatDateTime(ctx.locale, n.createdAt),
    lines: n.body.split(/\r?\n/),
    anchor: `note-${n.id}`,
    correctsHref: n.correctsId ? `${diaryHref}#note-${n.correctsId}` : null,
    correctedBy: n.correctedBy.map((id) => ({ id, href: `${diaryHref}#note-${id}` })),
    correctHref: `${diaryHref}?${new URLSearchParams({ corrects: n.id })}#new-note`,
  };
}

/** The transition forms a state offers, each with its reasons and the values it was sent with. */
function transitionForms(ctx: RouteContext, c: Cartella, sent: { transition?: string; values: Record<string, unknown> }) {
  return transitionsFrom(c.state).map((t) => {
    const rule = TRANSITION_RULES[t];
    const mine = sent.transition === t;
    return {
      transition: t,
      label: ctx.t(`core:cartella.transitions.${t}`),
      action: ctx.url('core.cartelle.transition', { id: c.id }),
      reasons: rule.reasons ? options(ctx, rule.reasons, mine ? sent.values.reason : undefined) : null,
      on: mine ? text(sent.values.on) || localToday() : localToday(),
      note: mine ? text(sent.values.note) : '',
      open: mine,
      danger: t === 'close',
    };
  });
}

interface ShowState {
  readonly status?: number;
  readonly errors?: readonly FieldError[];
  /** Which form the errors belong to: a transition's name, or `team`. */
  readonly form?: string;
  readonly values?: Record<string, unknown>;
  /** The share through which a partner reads the cartella: only what it opens shows, and nothing can be changed. */
  readonly share?: CartellaShare | null;
}

/** The cartella on one screen: the person, their household today, state and history, team, the latest notes. */
async function showCartella(ctx: RouteContext, c: Cartella, state: ShowState = {}): Promise<RouteResult> {
  const today = localToday();
  const person = await visiblePerson(ctx, c.personId);
  const partner = state.share ?? null;
  // A partner's shared notes come with the shared parts (share-slots.ts); the household's other members are third parties.
  const canDiary = !partner && ctx.can('core.cartella.diary');
  const canManage = !partner && ctx.can('core.cartella.manage') && c.state !== 'closed';
  const canTransition = !partner && ctx.can('core.cartella.manage');
  const [owned, members, history, notes, eligible] = [
    partner ? [] : await households.ofPerson(ctx.em, person.id, today),
    partner ? await sharedReads.team(ctx.em, c.id) : await team.members(ctx.em, c.id),
    partner ? await sharedReads.history(ctx.em, c.id) : await cartelle.history(ctx.em, c.id),
    canDiary ? await diary.recent(ctx.em, c.id, RECENT_NOTES) : [],
    canManage ? await team.eligible(ctx.em) : [],
  ];
  await ctx.audit({ action: 'cartella.read', entity: 'cartella', entityId: c.id, details: { person: c.personId, notes: notes.length } });
  const relation = labeller(ctx, HOUSEHOLD_RELATIONS);
  const role = labeller(ctx, TEAM_ROLES);
  const reason = (code: string | null, to: string) =>
    code ? labeller(ctx, to === 'closed' ? CLOSING_REASONS : SUSPENSION_REASONS)(code) : null;
  const values = state.values ?? {};
  // A transition form's fields are named after it on the page (several share it): so are its errors.
  const prefix = state.form && state.form !== 'team' ? `${state.form}-` : '';
  const errors = (state.errors ?? []).map((e) => ({ ...e, field: `${prefix}${e.field}` }));
  const current = (m: { validTo: string | null }) => !m.validTo || m.validTo > today;
  return {
    view: 'core:cartella/show',
    subject: { kind: 'cartella', id: c.id },
    status: state.status ?? 200,
    model: {
      title: ctx.t('core:cartella.show.title', { number: c.number }),
      cartella: cartellaHeader(ctx, c),
      person: personModel(ctx, person),
      households: owned.map((h) => ({
        id: h.id,
        href: ctx.url('core.households.show', { id: h.id }),
        label: h.label,
        kindLabel: labeller(ctx, HOUSEHOLD_KINDS)(h.kind),
        members: h.members.map((m) => ({
          ...m,
          self: m.personId === person.id,
          href: ctx.url('core.people.show', { id: m.personId }),
          relationLabel: relation(m.relationCode),
        })),
      })),
      responsible: { id: c.responsibleId, name: c.responsibleName },
      team: members.filter(current).map((m) => ({
        ...m,
        roleLabel: role(m.role),
        endAction: canManage ? ctx.url('core.cartelle.team.end', { id: c.id, memberId: m.id }) : null,
      })),
      formerTeam: members.filter((m) => !current(m)).map((m) => ({ ...m, roleLabel: role(m.role) })),
      history: history
        .map((h) => ({
          ...h,
          toLabel: ctx.t(`core:cartella.states.${h.to}`),
          opening: h.from === null,
          reasonLabel: reason(h.reason, h.to),
        }))
        .reverse(),
      transitions: canTransition
        ? transitionForms(ctx, c, { transition: state.form, values: state.form && state.form !== 'team' ? values : {} })
        : [],
      teamForm: canManage
        ? {
            action: ctx.url('core.cartelle.team.add', { id: c.id }),
            operators: eligible.map((o) => ({ code: o.id, label: o.displayName, selected: o.id === values.operatorId })),
            roles: options(ctx, TEAM_ROLES, state.form === 'team' ? values.role : 'assistente-sociale'),
            validFrom: state.form === 'team' ? text(values.validFrom) || today : today,
            open: state.form === 'team',
          }
        : null,
      canDiary,
      // A partner is not shown the household: its other members are third parties the share does not cover.
      showHousehold: !partner,
      notes: notes.map((n) => noteModel(ctx, n, c.id)),
      diaryHref: ctx.url('core.cartelle.diary', { id: c.id }),
      newNoteHref: canDiary && c.state !== 'closed' ? `${ctx.url('core.cartelle.diary', { id: c.id })}#new-note` : null,
      errors,
      today,
      saved: ctx.query.saved === '1',
    },
  };
}

function personModel(ctx: RouteContext, p: Person) {
  return {
    id: p.id,
    surname: p.surname,
    name: p.name,
    codiceFiscale: p.codiceFiscale ?? p.provisionalCode,
    birthDate: p.birthDate,
    sex: p.sex,
    contacts: p.contacts,
    noFixedAbode: Boolean(p.residence?.noFixedAbode),
    street: [p.residence?.street, p.residence?.houseNumber].filter(Boolean).join(' '),
    deceasedDate: p.deceasedDate,
    href: ctx.url('core.people.show', { id: p.id }),
  };
}

/** The take-in-charge form: the person (found in the registry), the contact it comes from, area, date, responsible. */
async function newPage(
  ctx: RouteContext,
  values: Record<string, unknown>,
  errors: readonly FieldError[],
  status = 200,
): Promise<RouteResult> {
  const personId = text(values.personId);
  const person = personId ? await visiblePerson(ctx, personId) : null;
  const contactId = text(values.contactId);
  const contact = contactId ? await visibleContact(ctx, contactId) : null;
  const term = text(ctx.query.q);
  const found = !person && term.trim() ? await people.search(ctx.em, { q: term, page: 1, pageSize: 10 }) : null;
  if (found) await ctx.audit({ action: 'person.search', entity: 'person', details: { results: found.total } });
  if (person) await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id, purpose: 'take in charge' });
  const open = person ? await cartelle.notClosed(ctx.em, person.id, await cartelle.ownerFor(ctx.em, ctx.org?.id ?? '')) : null;
  const eligible = await team.eligible(ctx.em);
  const responsible = text(values.responsibleOperatorId) || ctx.operator?.id;
  return {
    view: 'core:cartella/form',
    status,
    model: {
      title: ctx.t('core:cartella.new.title'),
      person: person ? personModel(ctx, person) : null,
      contact: contact
        ? { id: contact.id, when: formatDateTime(ctx.locale, contact.occurredAt), href: ctx.url('core.access.show', { id: contact.id }) }
        : null,
      term,
      found: (found?.items ?? []).map((p) => ({
        ...p,
        chooseHref: `${ctx.url('core.cartelle.new')}?${new URLSearchParams({ person: p.id })}`,
      })),
      searched: Boolean(found),
      open: open ? cartellaHeader(ctx, open) : null,
      form: { openedOn: localToday(), ...values },
      areas: options(ctx, AREAS, values.area),
      operators: eligible.map((o) => ({ code: o.id, label: o.displayName, selected: o.id === responsible })),
      errors,
    },
  };
}

function filtersModel(ctx: RouteContext, q: Record<string, unknown>) {
  return {
    scopes: (['mine', 'all'] as const).map((s) => ({ code: s, label: ctx.t(`core:cartella.list.scopes.${s}`), selected: q.scope === s })),
    states: CARTELLA_STATES.map((s) => ({ code: s, label: ctx.t(`core:cartella.states.${s}`), selected: q.state === s })),
    areas: options(ctx, AREAS, q.area),
  };
}

/** The cartella's pages: the lists, taking in charge, the one-screen cartella, its transitions, team and diary. */
export function registerCartellaPages(r: RouteRegistrar): void {
  r.get('cartelle', '/cartelle', { permission: 'core.cartella.view' }, async (ctx) => {
    const parsed = ctx.validate(cartelleQuery, ctx.query);
    const q = parsed.ok ? parsed.data : {};
    const scope = q.scope ?? (q.person ? 'all' : 'mine');
    const items = parsed.ok ? await cartelle.list(ctx.em, { ...q, scope }) : [];
    await ctx.audit({ action: 'cartella.list', entity: 'cartella', details: { results: items.length } });
    return {
      view: 'core:cartella/list',
      status: parsed.ok ? 200 : 422,
      model: {
        title: ctx.t(scope === 'mine' ? 'core:cartella.list.mine' : 'core:cartella.list.all'),
        items: items.map((c) => ({ ...cartellaHeader(ctx, c), openedOn: c.openedOn })),
        ...filtersModel(ctx, { ...q, scope }),
        person: q.person ?? null,
        errors: parsed.ok ? [] : parsed.errors,
        newHref: ctx.can('core.cartella.manage') ? `${ctx.url('core.cartelle.new')}${q.person ? `?person=${q.person}` : ''}` : null,
      },
    };
  });

  r.get('cartelle.new', '/cartelle/new', { permission: 'core.cartella.manage' }, async (ctx) =>
    newPage(ctx, { personId: text(ctx.query.person), contactId: text(ctx.query.contact) }, []),
  );

  r.post('cartelle.create', '/cartelle', { permission: 'core.cartella.manage', body: cartellaCreateInput }, async (ctx) => {
    const parsed = ctx.validate(cartellaCreateInput, body(ctx));
    if (!parsed.ok) {
      // Without a person the form cannot be shown again with its values: that is not a form a page sends.
      if (parsed.errors.some((e) => e.field === 'personId')) throw HttpError.invalid(parsed.errors);
      return newPage(ctx, body(ctx), parsed.errors, 422);
    }
    const errors = await createErrors(ctx, parsed.data);
    if (errors.length) return newPage(ctx, body(ctx), errors, 422);
    const id = await takeInCharge(ctx, parsed.data);
    return { redirect: `${ctx.url('core.cartelle.show', { id })}?saved=1` };
  });

  r.get('cartelle.show', '/cartelle/:id', { permission: 'core.cartella.view' }, async (ctx) => {
    const { cartella, share } = await ownOrSharedCartella(ctx, ctx.params.id);
    return showCartella(ctx, cartella, { share });
  });

  r.post('cartelle.transition', '/cartelle/:id/transitions', { permission: 'core.cartella.manage', body: transitionInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const parsed = ctx.validate(transitionInput, body(ctx));
    const form = text(body(ctx).transition);
    const errors = parsed.ok ? transitionErrors(ctx, cartella, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return showCartella(ctx, cartella, { status: 422, errors, form, values: body(ctx) });
    await applyTransition(ctx, cartella, parsed.data);
    return { redirect: `${ctx.url('core.cartelle.show', { id: cartella.id })}?saved=1` };
  });

  r.post('cartelle.team.add', '/cartelle/:id/team', { permission: 'core.cartella.manage', body: teamAddInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const parsed = ctx.validate(teamAddInput, body(ctx));
    const errors = parsed.ok ? await teamErrors(ctx, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return showCartella(ctx, cartella, { status: 422, errors, form: 'team', values: body(ctx) });
    await addMember(ctx, cartella, parsed.data);
    return { redirect: `${ctx.url('core.cartelle.show', { id: cartella.id })}?saved=1` };
  });

  r.post(
    'cartelle.team.end',
    '/cartelle/:id/team/:memberId/end',
    { permission: 'core.cartella.manage', body: teamEndInput },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const parsed = ctx.validate(teamEndInput, body(ctx));
      if (!parsed.ok) throw HttpError.invalid(parsed.errors);
      await endMember(ctx, cartella, ctx.params.memberId, parsed.data);
      return { redirect: `${ctx.url('core.cartelle.show', { id: cartella.id })}?saved=1` };
    },
  );

  r.get('cartelle.diary', '/cartelle/:id/diary', { permission: 'core.cartella.diary' }, async (ctx) =>
    diaryPage(ctx, await visibleCartella(ctx, ctx.params.id), {}, []),
  );

  r.post('cartelle.diary.add', '/cartelle/:id/diary', { permission: 'core.cartella.diary', body: diaryNoteInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const parsed = ctx.validate(diaryNoteInput, body(ctx));
    const errors = parsed.ok ? await noteErrors(ctx, cartella, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return diaryPage(ctx, cartella, body(ctx), errors, 422);
    await addNote(ctx, cartella, parsed.data);
    return { redirect: `${ctx.url('core.cartelle.diary', { id: cartella.id })}?saved=1` };
  });
}

/** The whole diary, filtered and paged, with the form to add a note (or to correct one). */
async function diaryPage(
  ctx: RouteContext,
  c: Cartella,
  values: Record<string, unknown>,
  errors: readonly FieldError[],
  status = 200,
): Promise<RouteResult> {
  const parsed = ctx.validate(diaryQuery, ctx.query);
  const q = parsed.ok ? parsed.data : { page: 1 };
  const page = await readDiary(ctx, c, q);
  const corrects = text(values.correctsId) || text(ctx.query.corrects);
  const corrected = corrects ? await diary.find(ctx.em, c.id, corrects) : null;
  const insider = await isInsider(ctx, c.id);
  const pages = Math.max(1, Math.ceil(page.total / DIARY_PAGE));
  const link = (n: number) =>
    `${ctx.url('core.cartelle.diary', { id: c.id })}?${new URLSearchParams({
      type: text(ctx.query.type),
      confidentiality: text(ctx.query.confidentiality),
      from: text(ctx.query.from),
      to: text(ctx.query.to),
      page: String(n),
    })}`;
  const form = {
    occurredOn: localToday(),
    confidentiality: insider ? 'team' : 'organization',
    ...(corrected ? { type: corrected.type, confidentiality: corrected.confidentiality } : {}),
    ...values,
  };
  return {
    view: 'core:cartella/diary',
    status: status === 200 && !parsed.ok ? 422 : status,
    model: {
      title: ctx.t('core:cartella.diary.title', { number: c.number }),
      cartella: cartellaHeader(ctx, c),
      notes: page.items.map((n) => noteModel(ctx, n, c.id)),
      total: page.total,
      page: q.page,
      pages,
      previous: q.page > 1 ? link(q.page - 1) : null,
      next: q.page < pages ? link(q.page + 1) : null,
      filters: {
        types: options(ctx, NOTE_TYPES, ctx.query.type),
        levels: options(ctx, CONFIDENTIALITY_LEVELS, ctx.query.confidentiality),
        from: text(ctx.query.from),
        to: text(ctx.query.to),
        errors: parsed.ok ? [] : parsed.errors.map((e) => ({ ...e, field: `filter-${e.field}` })),
      },
      canWrite: c.state !== 'closed',
      insider,
      corrected: corrected ? noteModel(ctx, corrected, c.id) : null,
      form,
      types: options(ctx, NOTE_TYPES, form.type ?? 'colloquio'),
      levels: options(ctx, CONFIDENTIALITY_LEVELS, form.confidentiality),
      errors,
      saved: ctx.query.saved === '1',
    },
  };
}
