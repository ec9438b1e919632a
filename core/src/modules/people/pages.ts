// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { CodeLists, type CodeList } from '../../sdk/extension-points/code-lists';
import type { Person } from './entities';
import { HOUSEHOLD_KINDS, HOUSEHOLD_RELATIONS } from './codes';
import {
  actor,
  addMember,
  endMember,
  households,
  merges,
  mergePeople,
  openHousehold,
  people,
  revokeShare,
  shareRecord,
  shares,
  undoMerge,
  visiblePerson,
  warningsOf,
  type Warning,
  type WarningValues,
} from './actions';
import { EDITABLE_FIELDS, type Candidate, type FieldChange } from './people';
import { describeField, placesFor } from './display';
import { CONTACT_KINDS, IDENTITY_KINDS, personCreateInput, personSearchQuery, personUpdateInput } from './schemas';
import { asOfQuery, householdCreateInput, memberAddInput, memberEndInput, mergeInput, shareInput } from './household-schemas';
import { NO_PLACES, PLACE_FIELDS, placesByCode, placesShownOf, resolveFormPlaces, shownPlace, type PlacesShown } from './places';
import { localToday } from '../../sdk/local-time';
import { compareWithRegistry, formValuesOf, lookUp, registryOf } from './registry-lookup';
import { registryCheckInput, registryLookupQuery } from './registry-schemas';

/** The form's values as the operator typed them (or as stored), for re-display. */
function formOf(person: Person | null, body: Record<string, unknown> = {}): Record<string, unknown> {
  if (!person) return { identityKind: 'cf', contacts: [{}, {}], ...body };
  const contacts = [...person.contacts, {}, {}].slice(0, Math.max(2, person.contacts.length + 1));
  return {
    identityKind: person.provisionalKind ?? 'cf',
    codiceFiscale: person.codiceFiscale,
    provisionalCode: person.provisionalCode,
    surname: person.surname,
    name: person.name,
    sex: person.sex,
    birthDate: person.birthDate,
    birthPlaceCode: person.birthPlaceCode,
    citizenships: person.citizenships.join(' '),
    residence: person.residence ?? {},
    domicile: person.domicile ?? {},
    contacts,
    legalStatusNotes: person.legalStatusNotes,
    deceasedDate: person.deceasedDate,
    version: person.version,
  };
}

/** A stored person as the values warnings look at. */
function storedValues(person: Person): WarningValues {
  return {
    identityKind: person.provisionalKind ?? 'cf',
    codiceFiscale: person.codiceFiscale,
    provisionalCode: person.provisionalCode,
    surname: person.surname,
    name: person.name,
    birthPlaceCode: person.birthPlaceCode,
    residence: person.residence,
    domicile: person.domicile,
  };
}

/** The date a page shows households as of: today unless a valid `asOf` is asked for. */
function asOfOf(ctx: RouteContext): string {
  const parsed = ctx.validate(asOfQuery, ctx.query);
  return (parsed.ok ? parsed.data.asOf : undefined) ?? localToday();
}

function codes(ctx: RouteContext, list: CodeList, selected?: unknown) {
  const effective = ctx.extensions.get(CodeLists, list.id) ?? list;
  return effective.entries.map((e) => ({ code: e.code, label: e.label[ctx.locale], selected: e.code === selected }));
}

function options(ctx: RouteContext, values: readonly string[], prefix: string, selected: unknown) {
  return values.map((v) => ({ code: v, label: ctx.t(`${prefix}.${v}`), selected: v === selected }));
}

/** The strings of the place picker (core/assets/js/place-picker.js), which fills in counts and names itself. */
function pickerStrings(ctx: RouteContext): string {
  const t = (key: string, options: Record<string, unknown> = {}) =>
    ctx.t(`core:personForm.places.picker.${key}`, { ...options, skipInterpolation: true });
  return JSON.stringify({
    noResults: t('noResults'),
    tooShort: t('tooShort'),
    resultsOne: t('results', { count: 1 }),
    resultsOther: t('results', { count: 2 }),
    selected: t('selected'),
    assistiveHint: t('assistiveHint'),
    foreignState: t('foreignState'),
    ceased: t('ceased'),
  });
}

/**
 * The person form's model. `places`: each place field as shown (a name for the stored code, or what
 * was typed) with the code it stands for; `warnings`: what is worth checking, shown beside its field.
 */
function formModel(ctx: RouteContext, form: Record<string, unknown>, places: PlacesShown, warnings: readonly Warning[]) {
  return {
    form,
    places: Object.fromEntries(
      PLACE_FIELDS.map((f) => [
        f.key,
        {
          ...places[f.key],
          field: f.path,
          // residence.comuneCode → residence[comuneCode], as the form's other nested fields are named.
          name: f.path.replace(/\.(\w+)/g, '[$1]'),
          choiceName: `placeChoice[${f.key}]`,
          kinds: f.kinds.join(' '),
          // The picker offers the places that existed on the birth date, as the server resolves them.
          dateField: f.on === 'birth' ? 'field-birthDate' : undefined,
        },
      ]),
    ),
    placeStrings: pickerStrings(ctx),
    warnings,
    identityKinds: options(ctx, IDENTITY_KINDS, 'core:people.identityKinds', form.identityKind),
    sexes: options(ctx, ['M', 'F'], 'core:people.sexes', form.sex),
    contactKinds: CONTACT_KINDS.map((k) => ({ code: k, label: ctx.t(`core:people.contactKinds.${k}`) })),
  };
}

function candidatesModel(ctx: RouteContext, candidates: readonly Candidate[]) {
  return candidates.map((c) => ({
    ...c,
    reasonLabel: ctx.t(`core:people.duplicates.reasons.${c.reason}`),
    href: c.person ? ctx.url('core.people.show', { id: c.personId }) : null,
  }));
}

async function changesModel(ctx: RouteContext, changes: readonly FieldChange[]) {
  const values = changes.flatMap((c) => [{ [c.field]: c.saved }, { [c.field]: c.yours }]);
  const places = await placesFor(ctx.em, values);
  return changes.map((c) => ({
    label: ctx.t(`core:people.fields.${c.field}`),
    saved: describeField(ctx, places, c.field, c.saved),
    yours: describeField(ctx, places, c.field, c.yours),
  }));
}

/**
 * A submitted person form, read: places typed as names resolved to codes, then the schema's checks, and
 * the warnings of what passed. `form` and `places` are what the form shows if it comes back.
 */
async function readPersonForm<S extends typeof personCreateInput | typeof personUpdateInput>(
  ctx: RouteContext,
  schema: S,
  body: Record<string, unknown>,
) {
  const places = await resolveFormPlaces(ctx.em, body, ctx.t);
  const parsed = ctx.validate(schema, places.input);
  // One message per field, the place's own first; listed in the order the form shows the fields.
  const order = (field: string) => EDITABLE_FIELDS.indexOf(field.split('.')[0] as (typeof EDITABLE_FIELDS)[number]);
  const errors = [
    ...places.errors,
    ...(parsed.ok ? [] : parsed.errors.filter((e) => !places.errors.some((p) => p.field === e.field))),
  ].sort((a, b) => order(a.field) - order(b.field));
  const warnings = await warningsOf(ctx, parsed.ok ? (parsed.data as WarningValues) : places.input);
  return {
    data: parsed.ok && !errors.length ? (parsed.data as z.output<S>) : null,
    errors,
    warnings,
    form: formOf(null, body),
    places: places.shown,
  };
}

async function showPerson(ctx: RouteContext, person: Person): Promise<RouteResult> {
  const asOf = asOfOf(ctx);
  await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id });
  const places = await placesByCode(ctx.em, [person.birthPlaceCode, person.residence?.comuneCode, person.domicile?.comuneCode]);
  const canShare = ctx.can('core.people.share');
  const relations = codes(ctx, HOUSEHOLD_RELATIONS);
  const kinds = codes(ctx, HOUSEHOLD_KINDS);
  const label = (list: { code: string; label: string }[], code: string) => list.find((e) => e.code === code)?.label ?? code;
  const owned = await households.ofPerson(ctx.em, person.id, asOf);
  return {
    view: 'core:people/show',
    subject: { kind: 'person', id: person.id },
    model: {
      title: `${person.surname} ${person.name}`,
      person,
      identityLabel: person.provisionalKind ? ctx.t(`core:people.identityKinds.${person.provisionalKind}`) : null,
      asOf,
      households: owned.map((h) => ({
        ...h,
        kindLabel: label(kinds, h.kind),
        href: ctx.url('core.households.show', { id: h.id }),
        members: h.members.map((m) => ({
          ...m,
          relationLabel: label(relations, m.relationCode),
          href: ctx.url('core.people.show', { id: m.personId }),
        })),
      })),
      relations,
      kinds,
      placeNames: {
        birth: shownPlace(places, person.birthPlaceCode).text,
        residence: shownPlace(places, person.residence?.comuneCode).text,
        domicile: shownPlace(places, person.domicile?.comuneCode).text,
      },
      warnings: await warningsOf(ctx, storedValues(person)),
      shares: (await shares.of(ctx.em, person.id)).map((s) => ({
        ...s,
        // The granting side ends a share that still opens the record; ended ones stay listed as history.
        revokeAction:
          canShare && s.owned && !s.revokedAt && !s.expired ? ctx.url('core.people.share.revoke', { id: person.id, shareId: s.id }) : null,
      })),
      canEdit: ctx.can('core.people.edit'),
      // The population register, where an active plugin offers one, checks a person with a codice fiscale.
      registryCheckAction:
        ctx.can('core.people.edit') && person.codiceFiscale && registryOf(ctx)
          ? ctx.url('core.people.registry-check', { id: person.id })
          : null,
      canShare: canShare && ctx.org?.id === person.ownerOrgId,
      mergedHref: person.mergedInto ? ctx.url('core.people.show', { id: person.mergedInto }) : null,
      today: localToday(),
      saved: ctx.query.saved === '1',
      merged: ctx.query.merged === '1',
      shareRevoked: ctx.query.shareRevoked === '1',
    },
  };
}

/** The registry's pages: search, registration with duplicate warnings, the person, edits with conflicts, households, merges. */
export function registerPeoplePages(r: RouteRegistrar): void {
  r.get('people', '/people', { permission: 'core.people.view' }, async (ctx) => {
    const parsed = ctx.validate(personSearchQuery, ctx.query);
    const searched = Boolean(ctx.query.q || ctx.query.birthDate);
    const q = parsed.ok ? parsed.data : null;
    const result = q && searched ? await people.search(ctx.em, q) : { items: [], total: 0 };
    if (q && searched) await ctx.audit({ action: 'person.search', entity: 'person', details: { results: result.total } });
    const pages = q ? Math.ceil(result.total / q.pageSize) : 0;
    const link = (n: number) =>
      `${ctx.url('core.people')}?${new URLSearchParams({ q: String(ctx.query.q ?? ''), birthDate: String(ctx.query.birthDate ?? ''), page: String(n) })}`;
    return {
      view: 'core:people/search',
      model: {
        title: ctx.t('core:people.search.title'),
        form: { q: ctx.query.q ?? '', birthDate: ctx.query.birthDate ?? '' },
        errors: parsed.ok ? [] : parsed.errors,
        searched,
        items: result.items.map((p) => ({ ...p, href: ctx.url('core.people.show', { id: p.id }) })),
        total: result.total,
        page: q?.page ?? 1,
        pages,
        previous: q && q.page > 1 ? link(q.page - 1) : null,
        next: q && q.page < pages ? link(q.page + 1) : null,
        canCreate: ctx.can('core.people.edit'),
        canImport: ctx.can('core.people.import'),
      },
      status: parsed.ok ? 200 : 422,
    };
  });

  r.get('people.new', '/people/new', { permission: 'core.people.edit' }, async (ctx) => {
    // With a codice fiscale and a purpose, the population register fills the form (the operator checks and saves).
    const lookup = ctx.validate(registryLookupQuery, ctx.query);
    const asked = lookup.ok && lookup.data.lookup !== undefined;
    const answer = asked && lookup.ok ? await lookUp(ctx, lookup.data.lookup!, lookup.data.purpose!) : null;
    const form = answer?.status === 'found' && lookup.ok ? formValuesOf(lookup.data.lookup!, answer.person) : formOf(null);
    const places =
      answer?.status === 'found'
        ? await placesShownOf(ctx.em, { birthPlaceCode: answer.person.birthPlaceCode, residence: answer.person.residence?.comuneCode })
        : NO_PLACES;
    return {
      view: 'core:people/form',
      model: {
        title: ctx.t('core:people.new.title'),
        action: ctx.url('core.people.create'),
        ...formModel(ctx, { contacts: [{}, {}], ...form }, places, []),
        errors: [],
        registry: registryOf(ctx)
          ? {
              action: ctx.url('core.people.new'),
              lookup: ctx.query.lookup ?? '',
              purpose: ctx.query.purpose ?? '',
              errors: lookup.ok ? [] : lookup.errors,
              answer: answer ? ctx.t(`core:people.registry.answer.${answer.status}`) : null,
              found: answer?.status === 'found',
            }
          : null,
      },
      status: lookup.ok ? 200 : 422,
    };
  });

  r.post('people.create', '/people', { permission: 'core.people.edit', body: personCreateInput }, async (ctx) => {
    const read = await readPersonForm(ctx, personCreateInput, (ctx.body ?? {}) as Record<string, unknown>);
    const page = (status: number, extra: object): RouteResult => ({
      view: 'core:people/form',
      model: {
        title: ctx.t('core:people.new.title'),
        action: ctx.url('core.people.create'),
        ...formModel(ctx, read.form, read.places, read.warnings),
        errors: [],
        ...extra,
      },
      status,
    });
    if (!read.data) return page(422, { errors: read.errors });
    const outcome = await people.create(ctx.em, read.data, actor(ctx));
    if (outcome.kind === 'blocked') return page(409, { blocked: candidatesModel(ctx, outcome.candidates) });
    if (outcome.kind === 'duplicates') return page(409, { duplicates: candidatesModel(ctx, outcome.candidates) });
    await ctx.audit({ action: 'person.create', entity: 'person', entityId: outcome.person.id });
    return { redirect: ctx.url('core.people.show', { id: outcome.person.id }) };
  });

  r.get('people.duplicates', '/people/duplicates', { permission: 'core.people.merge' }, async (ctx) => {
    const pairs = await merges.queue(ctx.em);
    await ctx.audit({ action: 'person.duplicates', entity: 'person', details: { pairs: pairs.length } });
    return {
      view: 'core:people/duplicates',
      model: {
        title: ctx.t('core:people.duplicates.title'),
        pairs: pairs.map((p) => ({
          ...p,
          reasonLabel: ctx.t(`core:people.duplicates.reasons.${p.reason}`),
          score: Math.round(p.score * 100),
          compareHref: `${ctx.url('core.people.merge.preview')}?${new URLSearchParams({ a: p.a.id, b: p.b.id })}`,
        })),
      },
    };
  });

  r.post('people.distinct', '/people/duplicates/distinct', { permission: 'core.people.merge', body: mergeInput }, async (ctx) => {
    const parsed = ctx.validate(mergeInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    const a = await visiblePerson(ctx, parsed.data.survivorId);
    const b = await visiblePerson(ctx, parsed.data.mergedId);
    await merges.markDistinct(ctx.em, a, b, actor(ctx));
    await ctx.audit({ action: 'person.distinct', entity: 'person', entityId: a.id, details: { other: b.id } });
    return { redirect: ctx.url('core.people.duplicates') };
  });

  r.get('people.merge.preview', '/people/merge', { permission: 'core.people.merge' }, async (ctx) => {
    const a = await visiblePerson(ctx, String(ctx.query.a ?? ''));
    const b = await visiblePerson(ctx, String(ctx.query.b ?? ''));
    for (const p of [a, b]) await ctx.audit({ action: 'person.read', entity: 'person', entityId: p.id, purpose: 'duplicate review' });
    const places = await placesFor(ctx.em, [a, b]);
    const rows = EDITABLE_FIELDS.map((f) => {
      const [shownA, shownB] = [describeField(ctx, places, f, a[f]), describeField(ctx, places, f, b[f])];
      return { label: ctx.t(`core:people.fields.${f}`), a: shownA, b: shownB, differs: shownA !== shownB };
    });
    return { view: 'core:people/merge', model: { title: ctx.t('core:people.merge.title'), a, b, rows } };
  });

  r.post('people.merge', '/people/merge', { permission: 'core.people.merge', body: mergeInput }, async (ctx) => {
    const parsed = ctx.validate(mergeInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    await mergePeople(ctx, parsed.data.survivorId, parsed.data.mergedId);
    return { redirect: `${ctx.url('core.people.show', { id: parsed.data.survivorId })}?merged=1` };
  });

  r.get('people.merges', '/people/merges', { permission: 'core.people.merge-undo' }, async (ctx) => {
    const list = await merges.list(ctx.em);
    await ctx.audit({ action: 'person.merges', entity: 'person', details: { merges: list.length } });
    return {
      view: 'core:people/merges',
      model: {
        title: ctx.t('core:people.merges.title'),
        merges: list.map((m) => ({ ...m, undoAction: ctx.url('core.people.merge.undo', { id: m.id }) })),
      },
    };
  });

  r.post('people.merge.undo', '/people/merges/:id/undo', { permission: 'core.people.merge-undo' }, async (ctx) => {
    await undoMerge(ctx, ctx.params.id ?? '');
    return { redirect: `${ctx.url('core.people.merges')}?undone=1` };
  });

  r.get('people.show', '/people/:id', { permission: 'core.people.view' }, async (ctx) =>
    showPerson(ctx, await visiblePerson(ctx, ctx.params.id)),
  );

  r.post(
    'people.registry-check',
    '/people/:id/registry-check',
    { permission: 'core.people.edit', body: registryCheckInput },
    async (ctx) => {
      const person = await visiblePerson(ctx, ctx.params.id);
      const parsed = ctx.validate(registryCheckInput, ctx.body);
      if (!parsed.ok || !person.codiceFiscale) throw HttpError.invalid(parsed.ok ? [] : parsed.errors);
      const answer = await lookUp(ctx, person.codiceFiscale, parsed.data.purpose, person.id);
      const differences = answer.status === 'found' ? compareWithRegistry(person, answer.person) : [];
      return {
        view: 'core:people/registry-check',
        subject: { kind: 'person', id: person.id },
        model: {
          title: ctx.t('core:people.registry.title', { person: `${person.surname} ${person.name}` }),
          personHref: ctx.url('core.people.show', { id: person.id }),
          status: answer.status,
          answer: ctx.t(`core:people.registry.answer.${answer.status}`),
          reference: answer.status === 'found' ? (answer.person.reference ?? null) : null,
          purpose: parsed.data.purpose,
          differences: differences.map((d) => ({ ...d, label: ctx.t(`core:people.registry.fields.${d.field}`) })),
          allSame: answer.status === 'found' && differences.every((d) => d.same),
          editHref: ctx.url('core.people.edit', { id: person.id }),
        },
      };
    },
  );

  r.get('people.edit', '/people/:id/edit', { permission: 'core.people.edit' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    await ctx.audit({ action: 'person.read', entity: 'person', entityId: person.id });
    return {
      view: 'core:people/form',
      model: {
        title: ctx.t('core:people.edit.title', { name: `${person.surname} ${person.name}` }),
        action: ctx.url('core.people.update', { id: person.id }),
        ...formModel(
          ctx,
          formOf(person),
          await placesShownOf(ctx.em, {
            birthPlaceCode: person.birthPlaceCode,
            residence: person.residence?.comuneCode,
            domicile: person.domicile?.comuneCode,
          }),
          await warningsOf(ctx, storedValues(person)),
        ),
        errors: [],
        editing: true,
      },
    };
  });

  r.post('people.update', '/people/:id', { permission: 'core.people.edit', body: personUpdateInput }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    if (person.mergedInto) throw HttpError.conflict('core:people.merged');
    const read = await readPersonForm(ctx, personUpdateInput, (ctx.body ?? {}) as Record<string, unknown>);
    const page = (status: number, extra: object): RouteResult => ({
      view: 'core:people/form',
      model: {
        title: ctx.t('core:people.edit.title', { name: `${person.surname} ${person.name}` }),
        action: ctx.url('core.people.update', { id: person.id }),
        ...formModel(ctx, read.form, read.places, read.warnings),
        errors: [],
        editing: true,
        ...extra,
      },
      status,
    });
    if (!read.data) return page(422, { errors: read.errors });
    const outcome = await people.update(ctx.em, person, read.data, actor(ctx));
    if (outcome.kind === 'blocked') return page(409, { blocked: candidatesModel(ctx, outcome.candidates) });
    if (outcome.kind === 'conflict') {
      // Keep the operator's values on screen, and offer the saved version to start again from.
      return page(409, {
        conflict: await changesModel(ctx, outcome.changes),
        form: { ...read.form, version: outcome.person.version },
        reloadHref: ctx.url('core.people.edit', { id: person.id }),
      });
    }
    if (outcome.fields.length) {
      await ctx.audit({ action: 'person.update', entity: 'person', entityId: person.id, details: { fields: outcome.fields.join(',') } });
    }
    return { redirect: `${ctx.url('core.people.show', { id: person.id })}?saved=1` };
  });

  r.post('people.share', '/people/:id/shares', { permission: 'core.people.share', body: shareInput }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    const parsed = ctx.validate(shareInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    await shareRecord(ctx, person, parsed.data);
    return { redirect: ctx.url('core.people.show', { id: person.id }) };
  });

  r.post('people.share.revoke', '/people/:id/shares/:shareId/revoke', { permission: 'core.people.share' }, async (ctx) => {
    const person = await visiblePerson(ctx, ctx.params.id);
    await revokeShare(ctx, person, ctx.params.shareId);
    return { redirect: `${ctx.url('core.people.show', { id: person.id })}?shareRevoked=1` };
  });

  r.post('households.create', '/people/:id/households', { permission: 'core.people.edit', body: householdCreateInput }, async (ctx) => {
    const parsed = ctx.validate(householdCreateInput, { ...(ctx.body as object), personId: ctx.params.id });
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    const household = await openHousehold(ctx, parsed.data);
    return { redirect: ctx.url('core.households.show', { id: household.id }) };
  });

  r.get('households.show', '/households/:id', { permission: 'core.people.view' }, async (ctx) => {
    const asOf = asOfOf(ctx);
    const view = await households.view(ctx.em, ctx.params.id ?? '', asOf);
    if (!view) throw HttpError.notFound();
    await ctx.audit({ action: 'household.read', entity: 'household', entityId: view.id });
    const relations = codes(ctx, HOUSEHOLD_RELATIONS);
    const label = (code: string) => relations.find((e) => e.code === code)?.label ?? code;
    const term = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    const found = term ? await people.search(ctx.em, { q: term, page: 1, pageSize: 10 }) : { items: [] };
    const members = (list: typeof view.members) =>
      list.map((m) => ({
        ...m,
        relationLabel: label(m.relationCode),
        href: ctx.url('core.people.show', { id: m.personId }),
        endAction: ctx.url('core.households.member.end', { id: view.id, memberId: m.id }),
      }));
    return {
      view: 'core:households/show',
      model: {
        title: view.label ?? ctx.t('core:households.title'),
        household: { ...view, kindLabel: codes(ctx, HOUSEHOLD_KINDS).find((k) => k.code === view.kind)?.label ?? view.kind },
        members: members(view.members),
        history: members(await households.history(ctx.em, view.id)),
        asOf,
        today: localToday(),
        term,
        found: found.items,
        relations,
        canEdit: ctx.can('core.people.edit'),
      },
    };
  });

  r.post('households.member.add', '/households/:id/members', { permission: 'core.people.edit', body: memberAddInput }, async (ctx) => {
    const parsed = ctx.validate(memberAddInput, ctx.body);
    if (!parsed.ok) throw HttpError.invalid(parsed.errors);
    const household = await addMember(ctx, ctx.params.id, parsed.data);
    return { redirect: ctx.url('core.households.show', { id: household.id }) };
  });

  r.post(
    'households.member.end',
    '/households/:id/members/:memberId/end',
    { permission: 'core.people.edit', body: memberEndInput },
    async (ctx) => {
      const parsed = ctx.validate(memberEndInput, ctx.body);
      if (!parsed.ok) throw HttpError.invalid(parsed.errors);
      const household = await endMember(ctx, ctx.params.id, ctx.params.memberId, parsed.data);
      return { redirect: ctx.url('core.households.show', { id: household.id }) };
    },
  );
}
