// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { AREAS } from '../catalogue/areas';
import { actor as requestActor } from '../people/actions';
import type { Actor } from '../people/people';
import { access, leadsToCartella, livePerson, visibleContact } from '../access/actions';
import { codeErrors } from '../access/code-options';
import { localToday } from '../../sdk/local-time';
import { NOTE_TYPES, TEAM_ROLES } from './codes';
import { CartellaExists, CartellaService, type Cartella } from './cartelle';
import { DiaryService } from './diary';
import { TeamService } from './team';
import { TRANSITION_RULES } from './states';
import type { CartellaCreate, DiaryNoteInput, DiaryQuery, TransitionInput, teamAddInput, teamEndInput } from './schemas';

/**
 * The cartella's operations as routes perform them, shared by the pages and the API: checks of
 * visibility, state and input, the service call, and the audit entry, so both answer alike. Field
 * problems come back as a list (a page shows them beside its fields); conflicts are thrown as 409.
 */

export const cartelle = new CartellaService();
export const team = new TeamService();
export const diary = new DiaryService();

/** The acting operator and organization; every change to a cartella has an author. */
export function actor(ctx: RouteContext): Actor & { operatorId: string } {
  const a = requestActor(ctx);
  if (!a.operatorId) throw new HttpError(403, 'core:errors.403.title');
  return { ...a, operatorId: a.operatorId };
}

/** A cartella the request may see, or 404: another organization's cartella does not exist for it. */
export async function visibleCartella(ctx: RouteContext, id: string | undefined): Promise<Cartella> {
  const cartella = id ? await cartelle.find(ctx.em, id) : null;
  if (!cartella) throw HttpError.notFound();
  return cartella;
}

/** Whether the request's operator is the cartella's responsible or on its team today. */
export async function isInsider(ctx: RouteContext, cartellaId: string): Promise<boolean> {
  const [row] = await ctx.em.execute<{ inside: boolean }[]>('select core.cartella_insider(?) as inside', [cartellaId]);
  return Boolean(row?.inside);
}

const futureError = (ctx: RouteContext, field: string, date: string | undefined): FieldError[] =>
  date && date > localToday() ? [{ field, message: ctx.t('core:cartella.errors.future') }] : [];

function exists(cartella: Cartella): HttpError {
  return HttpError.conflict('core:cartella.errors.exists', { cartellaId: cartella.id, number: cartella.number });
}

/** What a take-in-charge needs beyond its schema; the person and the contact must be the request's to see (404 otherwise). */
export async function createErrors(ctx: RouteContext, input: CartellaCreate): Promise<FieldError[]> {
  await livePerson(ctx, input.personId);
  const errors = [...codeErrors(ctx, [{ field: 'area', list: AREAS, value: input.area }]), ...futureError(ctx, 'openedOn', input.openedOn)];
  if (input.responsibleOperatorId && !(await team.isEligible(ctx.em, input.responsibleOperatorId))) {
    errors.push({ field: 'responsibleOperatorId', message: ctx.t('core:cartella.errors.operator') });
  }
  if (input.contactId) {
    const contact = await visibleContact(ctx, input.contactId);
    if (contact.personId !== input.personId) errors.push({ field: 'contactId', message: ctx.t('core:cartella.errors.contactPerson') });
    else if (!leadsToCartella(contact)) errors.push({ field: 'contactId', message: ctx.t('core:cartella.errors.contactOutcome') });
    else if (contact.cartellaId) errors.push({ field: 'contactId', message: ctx.t('core:cartella.errors.contactUsed') });
  }
  return errors;
}

/** Takes the person in charge (checked input): the cartella, its contact linked, both audited. 409 when one is open. */
export async function takeInCharge(ctx: RouteContext, input: CartellaCreate): Promise<string> {
  const who = actor(ctx);
  const outcome = await cartelle
    .create(
      ctx.em,
      {
        personId: input.personId,
        area: input.area,
        openedOn: input.openedOn ?? localToday(),
        responsibleId: input.responsibleOperatorId ?? who.operatorId,
      },
      who,
    )
    .catch((error: unknown) => {
      if (error instanceof CartellaExists) throw HttpError.conflict('core:cartella.errors.exists');
      throw error;
    });
  if (outcome.kind === 'exists') throw exists(outcome.cartella);
  await ctx.audit({
    action: 'cartella.create',
    entity: 'cartella',
    entityId: outcome.id,
    details: { person: input.personId, area: input.area, contact: input.contactId ?? null },
  });
  if (input.contactId) {
    await access.attachCartella(ctx.em, input.contactId, outcome.id, who);
    await ctx.audit({
      action: 'access.update',
      entity: 'access-contact',
      entityId: input.contactId,
      details: { change: 'cartella-linked', cartella: outcome.id },
    });
  }
  return outcome.id;
}

/** What a transition needs beyond its schema: a reason on the right list, a date neither ahead nor before the current state began. */
export function transitionErrors(ctx: RouteContext, cartella: Cartella, input: TransitionInput): FieldError[] {
  const rule = TRANSITION_RULES[input.transition];
  const on = input.on ?? localToday();
  return [
    ...(rule.reasons ? codeErrors(ctx, [{ field: 'reason', list: rule.reasons, value: input.reason }]) : []),
    ...futureError(ctx, 'on', on),
    ...(on < cartella.stateSince
      ? [{ field: 'on', message: ctx.t('core:cartella.errors.beforeState', { date: cartella.stateSince }) }]
      : []),
  ];
}

/** Moves the cartella (checked input); an illegal move, a stale version or another open cartella is a 409. */
export async function applyTransition(ctx: RouteContext, cartella: Cartella, input: TransitionInput): Promise<void> {
  const outcome = await cartelle
    .transition(ctx.em, cartella, { ...input, on: input.on ?? localToday() }, actor(ctx))
    .catch((error: unknown) => {
      if (error instanceof CartellaExists) throw HttpError.conflict('core:cartella.errors.exists');
      throw error;
    });
  switch (outcome.kind) {
    case 'illegal':
      throw HttpError.conflict('core:cartella.errors.illegal', {
        state: cartella.state,
        transition: input.transition,
        allowed: TRANSITION_RULES[input.transition].from,
      });
    case 'stale':
      throw HttpError.conflict('core:cartella.errors.stale', { version: cartella.version });
    case 'exists':
      throw exists(outcome.cartella);
    case 'before':
      throw HttpError.invalid([{ field: 'on', message: ctx.t('core:cartella.errors.beforeState', { date: outcome.since }) }]);
    case 'done':
      await ctx.audit({
        action: 'cartella.transition',
        entity: 'cartella',
        entityId: cartella.id,
        details: { from: cartella.state, to: TRANSITION_RULES[input.transition].to, reason: input.reason ?? null },
      });
  }
}

export async function teamErrors(ctx: RouteContext, input: z.output<typeof teamAddInput>): Promise<FieldError[]> {
  const errors = codeErrors(ctx, [{ field: 'role', list: TEAM_ROLES, value: input.role }]);
  if (!(await team.isEligible(ctx.em, input.operatorId)))
    errors.push({ field: 'operatorId', message: ctx.t('core:cartella.errors.operator') });
  return errors;
}

async function touched(ctx: RouteContext, cartella: Cartella, version: number): Promise<void> {
  if (cartella.state === 'closed') throw HttpError.conflict('core:cartella.errors.closed');
  if (!(await cartelle.touch(ctx.em, cartella, version, actor(ctx)))) {
    throw HttpError.conflict('core:cartella.errors.stale', { version: cartella.version });
  }
}

/** Adds an operator to the team (checked input). */
export async function addMember(ctx: RouteContext, cartella: Cartella, input: z.output<typeof teamAddInput>): Promise<void> {
  await touched(ctx, cartella, input.version);
  const added = await team.add(ctx.em, cartella, { ...input, validFrom: input.validFrom ?? localToday() }, actor(ctx));
  if (added.outcome === 'already') throw HttpError.conflict('core:cartella.errors.alreadyMember');
  await ctx.audit({
    action: 'cartella.team',
    entity: 'cartella',
    entityId: cartella.id,
    details: { change: 'added', operator: input.operatorId, role: input.role },
  });
}

/** Ends a membership of the team. */
export async function endMember(
  ctx: RouteContext,
  cartella: Cartella,
  memberId: string | undefined,
  input: z.output<typeof teamEndInput>,
): Promise<void> {
  await touched(ctx, cartella, input.version);
  const outcome = await team.end(ctx.em, cartella, memberId ?? '', input.validTo ?? localToday(), actor(ctx));
  if (outcome === 'missing') throw HttpError.notFound();
  if (outcome === 'before-start') throw HttpError.invalid([{ field: 'validTo', message: ctx.t('core:cartella.errors.endBeforeStart') }]);
  await ctx.audit({
    action: 'cartella.team',
    entity: 'cartella',
    entityId: cartella.id,
    details: { change: 'ended', member: memberId ?? null },
  });
}

/**
 * What a note needs beyond its schema: a type on the list, a date not ahead, a note to correct that is
 * this cartella's and the author's to see, and a team-only note only from the responsible or the team
 * (whom else would it be for, if its author could not read it back?).
 */
export async function noteErrors(ctx: RouteContext, cartella: Cartella, input: DiaryNoteInput): Promise<FieldError[]> {
  const errors = [
    ...codeErrors(ctx, [{ field: 'type', list: NOTE_TYPES, value: input.type }]),
    ...futureError(ctx, 'occurredOn', input.occurredOn),
  ];
  if (input.correctsId && !(await diary.find(ctx.em, cartella.id, input.correctsId))) {
    errors.push({ field: 'correctsId', message: ctx.t('core:cartella.errors.corrects') });
  }
  if (input.confidentiality === 'team' && !(await isInsider(ctx, cartella.id))) {
    errors.push({ field: 'confidentiality', message: ctx.t('core:cartella.errors.teamOnly') });
  }
  return errors;
}

/** Adds a note (checked input) to a cartella that is not closed. */
export async function addNote(ctx: RouteContext, cartella: Cartella, input: DiaryNoteInput): Promise<string> {
  if (cartella.state === 'closed') throw HttpError.conflict('core:cartella.errors.closed');
  const id = await diary.add(ctx.em, cartella, { ...input, occurredOn: input.occurredOn ?? localToday() }, actor(ctx));
  await ctx.audit({
    action: 'diary.create',
    entity: 'cartella',
    entityId: cartella.id,
    details: { note: id, type: input.type, confidentiality: input.confidentiality, corrects: input.correctsId ?? null },
  });
  return id;
}

/** A page of the diary, as the reader may see it; audited with the number of notes read. */
export async function readDiary(ctx: RouteContext, cartella: Cartella, q: DiaryQuery) {
  const page = await diary.list(ctx.em, cartella.id, q);
  await ctx.audit({ action: 'diary.read', entity: 'cartella', entityId: cartella.id, details: { notes: page.items.length } });
  return page;
}
