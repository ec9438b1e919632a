// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import type { CatalogueEntry } from '../../sdk/extension-points/catalogue';
import { raise } from '../../events/dispatcher';
import { localToday } from '../../sdk/local-time';
import { actor, visibleCartella } from '../cartella/actions';
import type { Cartella } from '../cartella/cartelle';
import { entryName, findEntry } from '../catalogue/catalogue';
import { checkEligibility, type EligibilityCheck } from '../catalogue/eligibility';
import type { EffectiveOffer } from '../catalogue/offers';
import { offers } from '../catalogue/services';
import { visiblePerson } from '../people/actions';
import type { Person } from '../people/entities';
import { InterventionService, type Intervention, type PriorityReason } from './interventions';
import type { DeliveryInput, InterventionCreate, MoveInput } from './schemas';
import { EVENT_OF, MOVE_PERMISSION, MOVE_RULES, type InterventionState } from './states';

/**
 * The interventions' operations as routes perform them, shared by the pages and the API: visibility,
 * state and input checks, the service call, the audit entry and the domain event, so both answer alike.
 * Field problems come back as a list; conflicts are thrown as 409.
 */

export const interventions = new InterventionService();

/** An intervention the request may see, or 404: another organization's does not exist for it. */
export async function visibleIntervention(ctx: RouteContext, id: string | undefined): Promise<Intervention> {
  const iv = await interventions.find(ctx.em, id);
  if (!iv) throw HttpError.notFound();
  return iv;
}

/** A service the organization offers (an active offer of its own or from above) with its catalogue entry. */
export interface OfferedService {
  readonly entry: CatalogueEntry;
  readonly offer: EffectiveOffer;
  readonly name: string;
}

/**
 * The services an organization offers, by name: the cartella's owner for a request (a desk's cartelle are its
 * comune's, and so are the offers that bound them), the request's organization for the totals.
 */
export async function offeredServices(ctx: RouteContext, orgId: string | undefined = ctx.org?.id): Promise<OfferedService[]> {
  if (!orgId) return [];
  const all = await offers.effective(ctx.em, orgId);
  const result: OfferedService[] = [];
  for (const offer of all.values()) {
    const entry = findEntry(ctx, offer.entryCode);
    if (entry && offer.active) result.push({ entry, offer, name: entryName(ctx, entry) });
  }
  return result.sort((a, b) => a.name.localeCompare(b.name, ctx.locale));
}

async function offered(ctx: RouteContext, cartella: Cartella, code: string): Promise<OfferedService | undefined> {
  return (await offeredServices(ctx, cartella.ownerOrgId)).find((s) => s.entry.code === code);
}

/** The offer that bounds an intervention: the one applying to its owner. */
async function offerOf(ctx: RouteContext, iv: Intervention): Promise<EffectiveOffer | undefined> {
  return (await offers.effective(ctx.em, iv.ownerOrgId, iv.service)).get(iv.service);
}

/** The cartella's person checked against a service today (audited as the catalogue audits its checks). */
export async function eligibilityOf(ctx: RouteContext, cartella: Cartella, service: OfferedService): Promise<EligibilityCheck> {
  const person = await visiblePerson(ctx, cartella.personId);
  const check = await checkEligibility(ctx, person, service.entry, localToday());
  await ctx.audit({
    action: 'eligibility.check',
    entity: 'person',
    entityId: person.id,
    details: { service: service.entry.code, on: check.on, outcome: check.outcome },
  });
  return check;
}

function ageOn(birthDate: string | null, on: string): number | null {
  if (!birthDate) return null;
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/**
 * The waiting list's priority, simple enough to explain to the person: an urgency flagged by the social
 * worker (50), age (75 and over 20, 65 and over 10, minors 10) and the ISEE valid today (up to 10,000 €
 * 20, up to 20,000 € 10). Each part is stored with its points, so the list shows why.
 */
export async function priorityOf(ctx: RouteContext, person: Person, urgent: boolean, on: string): Promise<PriorityReason[]> {
  const reasons: PriorityReason[] = [];
  if (urgent) reasons.push({ code: 'urgent', points: 50 });
  const age = ageOn(person.birthDate, on);
  if (age !== null && age >= 75) reasons.push({ code: 'age75', points: 20 });
  else if (age !== null && age >= 65) reasons.push({ code: 'age65', points: 10 });
  else if (age !== null && age < 18) reasons.push({ code: 'minor', points: 10 });
  const [isee] = await ctx.em.execute<{ value: number }[]>(
    `select isee_value::float8 as value from core.isee
     where person_id = ? and issued_on <= ? and (expires_on is null or expires_on >= ?) and owner_org_id = any (core.request_scope())
     order by issued_on desc limit 1`,
    [person.id, on, on],
  );
  if (isee && isee.value <= 10_000) reasons.push({ code: 'isee10', points: 20 });
  else if (isee && isee.value <= 20_000) reasons.push({ code: 'isee20', points: 10 });
  return reasons;
}

/** What a request needs beyond its schema: a service the organization offers, an amount it can price, a provider. */
export async function requestErrors(ctx: RouteContext, input: InterventionCreate): Promise<FieldError[]> {
  const service = await offered(ctx, await visibleCartella(ctx, input.cartellaId), input.service);
  const errors: FieldError[] = [];
  if (!service) errors.push({ field: 'service', message: ctx.t('core:interventions.errors.service') });
  else if (input.amount === undefined && service.offer.unitCost === null)
    errors.push({ field: 'amount', message: ctx.t('core:interventions.errors.amountRequired') });
  if (input.providerOrgId) {
    const [row] = await ctx.em.execute<{ found: boolean }[]>('select exists (select from core.organization where id = ?) as found', [
      input.providerOrgId,
    ]);
    if (!row?.found) errors.push({ field: 'providerOrgId', message: ctx.t('core:interventions.errors.provider') });
  }
  return errors;
}

function event(
  ctx: RouteContext,
  iv: Pick<Intervention, 'id' | 'ownerOrgId' | 'cartellaId' | 'personId' | 'service'>,
  from: InterventionState | null,
  to: InterventionState,
  on: string,
) {
  const name = EVENT_OF[to];
  if (name)
    raise(ctx, name, {
      interventionId: iv.id,
      organizationId: iv.ownerOrgId,
      cartellaId: iv.cartellaId,
      personId: iv.personId,
      service: iv.service,
      from,
      to,
      on,
    });
}

/**
 * Requests a service for the cartella's person (checked input). The eligibility check runs again here and
 * is stored with the request: a failing requirement does not forbid it, but stays visible to whoever decides.
 */
export async function requestIntervention(ctx: RouteContext, input: InterventionCreate): Promise<string> {
  const who = actor(ctx);
  const cartella = await visibleCartella(ctx, input.cartellaId);
  if (cartella.state === 'closed') throw HttpError.conflict('core:interventions.errors.cartellaClosed');
  const service = (await offered(ctx, cartella, input.service))!;
  const check = await eligibilityOf(ctx, cartella, service);
  const person = await visiblePerson(ctx, cartella.personId);
  const on = localToday();
  const reasons = await priorityOf(ctx, person, input.urgent, on);
  const amount = input.amount ?? Math.round(input.quantity * (service.offer.unitCost ?? 0) * 100) / 100;
  const values = {
    ownerOrgId: cartella.ownerOrgId,
    cartellaId: cartella.id,
    personId: cartella.personId,
    service: service.entry.code,
    requestedOn: on,
    quantity: input.quantity,
    unit: service.entry.unit,
    amount,
    frequency: input.frequency,
    periodFrom: input.periodFrom,
    periodTo: input.periodTo ?? null,
    providerOrgId: input.providerOrgId ?? null,
    costCentre: input.costCentre ?? null,
    eligibilityOutcome: check.outcome,
    eligibility: check.results.map((r) => ({ rule: r.rule, outcome: r.outcome, reason: r.reason })),
    urgent: input.urgent,
    priorityScore: reasons.reduce((sum, r) => sum + r.points, 0),
    priorityReason: reasons,
  };
  const id = await interventions.create(ctx.em, values, who);
  await ctx.audit({
    action: 'intervention.create',
    entity: 'intervention',
    entityId: id,
    details: { cartella: cartella.id, person: cartella.personId, service: values.service, eligibility: check.outcome, amount },
  });
  event(ctx, { ...values, id }, null, 'requested', on);
  return id;
}

/** Whether the offer has room for one more intervention of this amount: a free place and budget left this year. */
async function hasRoom(ctx: RouteContext, iv: Intervention, year: number): Promise<boolean> {
  const offer = await offerOf(ctx, iv);
  const used = await interventions.usage(ctx.em, iv.ownerOrgId, iv.service, year);
  if (offer?.capacity != null && used.places + 1 > offer.capacity) return false;
  if (offer?.yearlyBudget != null && used.committed + iv.amount > offer.yearlyBudget) return false;
  return true;
}

/** What a move needs beyond its schema: dates not ahead of today. */
export function moveErrors(ctx: RouteContext, input: MoveInput): FieldError[] {
  const today = localToday();
  return (['on', 'actDate'] as const)
    .filter((f) => input[f] && input[f] > today)
    .map((field) => ({ field, message: ctx.t('core:interventions.errors.future') }));
}

/**
 * Moves an intervention (checked input). Approving with no place or budget left puts it on the waiting
 * list instead; activating from the list needs room again. 403 without the move's permission, 409 for a
 * move its state does not allow, a stale version, or no room. Returns the state it reached.
 */
export async function applyMove(ctx: RouteContext, iv: Intervention, input: MoveInput): Promise<InterventionState> {
  if (!ctx.can(MOVE_PERMISSION[input.move])) throw new HttpError(403, 'core:errors.403.title');
  const rule = MOVE_RULES[input.move];
  if (!rule.from.includes(iv.state)) throw HttpError.conflict('core:interventions.errors.illegal', { state: iv.state, move: input.move });
  if (input.version !== iv.version) throw HttpError.conflict('core:interventions.errors.stale', { version: iv.version });
  const on = input.on ?? localToday();
  const year = Number((input.actDate ?? iv.decisionOn ?? on).slice(0, 4));
  let to = rule.to;
  if (input.move === 'approve' && !(await hasRoom(ctx, iv, year))) to = 'waiting';
  if (input.move === 'activate' && iv.state === 'waiting' && !(await hasRoom(ctx, iv, year)))
    throw HttpError.conflict('core:interventions.errors.noRoom');
  const moved = await interventions.move(
    ctx.em,
    iv,
    {
      to,
      on,
      reason: input.reason ?? null,
      act: rule.decision ? (input.act ?? null) : null,
      actDate: rule.decision ? (input.actDate ?? null) : null,
      version: input.version,
    },
    actor(ctx),
  );
  if (!moved) throw HttpError.conflict('core:interventions.errors.stale');
  await ctx.audit({
    action: `intervention.${input.move}`,
    entity: 'intervention',
    entityId: iv.id,
    details: { from: iv.state, to, act: rule.decision ? (input.act ?? null) : null, person: iv.personId },
  });
  event(ctx, iv, iv.state, to, on);
  return to;
}

/** Records a delivery of an active intervention; the amount is priced from the offer when not given. */
export async function recordDelivery(ctx: RouteContext, iv: Intervention, input: DeliveryInput): Promise<FieldError[] | string> {
  if (iv.state !== 'active') throw HttpError.conflict('core:interventions.errors.notActive');
  let amount = input.amount;
  if (amount === undefined) {
    const offer = await offerOf(ctx, iv);
    if (offer?.unitCost == null) return [{ field: 'amount', message: ctx.t('core:interventions.errors.amountRequired') }];
    amount = Math.round(input.quantity * offer.unitCost * 100) / 100;
  }
  if (input.periodFrom > localToday()) return [{ field: 'periodFrom', message: ctx.t('core:interventions.errors.future') }];
  const id = await interventions.addDelivery(ctx.em, iv, { ...input, amount }, actor(ctx));
  await ctx.audit({
    action: 'intervention.delivery',
    entity: 'intervention',
    entityId: iv.id,
    details: { delivery: id, quantity: input.quantity, amount, person: iv.personId },
  });
  return id;
}

/** Reads an intervention for display, audited. */
export async function readIntervention(ctx: RouteContext, id: string | undefined) {
  const iv = await visibleIntervention(ctx, id);
  const [history, deliveries] = [await interventions.history(ctx.em, iv.id), await interventions.deliveries(ctx.em, iv.id)];
  await ctx.audit({ action: 'intervention.read', entity: 'intervention', entityId: iv.id, details: { person: iv.personId } });
  return { iv, history, deliveries };
}

/** Per service the organization offers or has interventions of: budget and capacity against what is used. */
export async function totalsOf(ctx: RouteContext, year: number) {
  const used = await interventions.totals(ctx.em, year);
  const services = await offeredServices(ctx);
  const codes = [...new Set([...services.map((s) => s.entry.code), ...used.map((u) => u.service)])];
  return codes.map((code) => {
    const s = services.find((x) => x.entry.code === code);
    const u = used.find((x) => x.service === code);
    const entry = s?.entry ?? findEntry(ctx, code);
    return {
      service: code,
      name: entry ? entryName(ctx, entry) : code,
      yearlyBudget: s?.offer.yearlyBudget ?? null,
      capacity: s?.offer.capacity ?? null,
      committed: u?.committed ?? 0,
      delivered: u?.delivered ?? 0,
      places: u?.places ?? 0,
      waiting: u?.waiting ?? 0,
    };
  });
}
