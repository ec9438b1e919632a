// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { RouteContext } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { PersonReferences } from '../../sdk/extension-points/people';
import type { Household, Person } from './entities';
import { HouseholdService, StaleHousehold } from './households';
import { MergeService } from './merge';
import { PeopleService, type Actor } from './people';
import type { householdCreateInput, memberAddInput, memberEndInput } from './household-schemas';
import { ShareService, type ShareView } from './shares';
import { identityWarnings, type IdentityValues } from './schemas';
import { PLACE_FIELDS, placesByCode } from './places';
import { localToday } from '../../sdk/local-time';

/**
 * The registry's operations as routes perform them, shared by the pages and the API: checks of
 * visibility and state, the service call, and the audit entry, so both answer alike.
 */

export const people = new PeopleService();
export const households = new HouseholdService();
export const merges = new MergeService();
export const shares = new ShareService();

/** The operator and organization a request acts as; routes that reach personal data always have both. */
export function actor(ctx: RouteContext): Actor {
  if (!ctx.org) throw new HttpError(403, 'core:errors.403.title');
  return { operatorId: ctx.operator?.id ?? null, orgId: ctx.org.id };
}

/** A person the request may see, or 404: another organization's record does not exist for it. */
export async function visiblePerson(ctx: RouteContext, id: string | undefined): Promise<Person> {
  const person = id ? await people.find(ctx.em, id) : null;
  if (!person) throw HttpError.notFound();
  return person;
}

async function visibleHousehold(ctx: RouteContext, id: string | undefined): Promise<Household> {
  const household = id ? await households.find(ctx.em, id) : null;
  if (!household) throw HttpError.notFound();
  return household;
}

/** A stale household version is a conflict. */
async function householdChange<R>(work: () => Promise<R>): Promise<R> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StaleHousehold) throw HttpError.conflict('core:households.errors.stale', { version: error.household.version });
    throw error;
  }
}

export async function openHousehold(ctx: RouteContext, input: z.output<typeof householdCreateInput>): Promise<Household> {
  await visiblePerson(ctx, input.personId);
  const household = await households.create(ctx.em, { ...input, validFrom: input.validFrom ?? localToday() }, actor(ctx));
  await ctx.audit({ action: 'household.create', entity: 'household', entityId: household.id });
  return household;
}

export async function addMember(
  ctx: RouteContext,
  householdId: string | undefined,
  input: z.output<typeof memberAddInput>,
): Promise<Household> {
  const household = await visibleHousehold(ctx, householdId);
  await visiblePerson(ctx, input.personId);
  await householdChange(() =>
    households.addMember(ctx.em, household, input.version, { ...input, validFrom: input.validFrom ?? localToday() }, actor(ctx)),
  );
  await ctx.audit({ action: 'household.update', entity: 'household', entityId: household.id, details: { change: 'member-added' } });
  return household;
}

export async function endMember(
  ctx: RouteContext,
  householdId: string | undefined,
  memberId: string | undefined,
  input: z.output<typeof memberEndInput>,
): Promise<Household> {
  const household = await visibleHousehold(ctx, householdId);
  const result = await householdChange(() =>
    households.endMember(ctx.em, household, input.version, memberId ?? '', input.validTo ?? localToday(), actor(ctx)),
  );
  if (result === 'missing') throw HttpError.notFound();
  if (result === 'before-start') throw HttpError.invalid([{ field: 'validTo', message: ctx.t('core:households.errors.endBeforeStart') }]);
  await ctx.audit({ action: 'household.update', entity: 'household', entityId: household.id, details: { change: 'member-ended' } });
  return household;
}

/** Merges after checking both people are visible, distinct and not merged already. */
export async function mergePeople(ctx: RouteContext, survivorId: string, mergedId: string): Promise<string> {
  if (survivorId === mergedId) throw HttpError.invalid([{ field: 'mergedId', message: ctx.t('core:people.merge.errors.same') }]);
  const survivor = await visiblePerson(ctx, survivorId);
  const merged = await visiblePerson(ctx, mergedId);
  if (survivor.mergedInto || merged.mergedInto) throw HttpError.conflict('core:people.merged');
  const id = await merges.merge(ctx.em, survivor, merged, ctx.extensions.keyed(PersonReferences), actor(ctx)).catch((error: unknown) => {
    // What moves must still fit together: two cartelle not closed at one owner (cartella_one_open) wait until one is closed.
    if (error instanceof UniqueConstraintViolationException && (error as { constraint?: unknown }).constraint === 'cartella_one_open') {
      throw HttpError.conflict('core:cartella.errors.mergeOpen');
    }
    throw error;
  });
  await ctx.audit({ action: 'person.merge', entity: 'person', entityId: survivor.id, details: { merged: merged.id, merge: id } });
  return id;
}

export async function undoMerge(ctx: RouteContext, id: string): Promise<void> {
  const merge = await merges.find(ctx.em, id);
  if (!merge) throw HttpError.notFound();
  if (merge.undoneAt) throw HttpError.conflict('core:people.merge.errors.undone');
  await merges.undo(ctx.em, merge, ctx.extensions.keyed(PersonReferences), actor(ctx));
  await ctx.audit({
    action: 'person.merge-undo',
    entity: 'person',
    entityId: merge.survivorId,
    details: { merged: merge.mergedId, merge: id },
  });
}

export async function shareRecord(
  ctx: RouteContext,
  person: Person,
  input: { organizationCode: string; purpose: string; expiresAt: string },
): Promise<string> {
  const id = await shares.grant(ctx.em, person, input, actor(ctx));
  if (!id) throw HttpError.invalid([{ field: 'organizationCode', message: ctx.t('core:people.share.errors.organization') }]);
  await ctx.audit({
    action: 'person.share',
    entity: 'person',
    entityId: person.id,
    purpose: input.purpose,
    details: { to: input.organizationCode },
  });
  return id;
}

/** Ends a share of the person's record; the granting side only. */
export async function revokeShare(ctx: RouteContext, person: Person, shareId: string | undefined): Promise<ShareView> {
  const outcome = await shares.revoke(ctx.em, person.id, shareId ?? '', actor(ctx));
  if (outcome.kind === 'missing') throw HttpError.notFound();
  if (outcome.kind === 'not-owner')
    throw new HttpError(403, 'core:errors.403.title', undefined, [], 'core:personForm.shares.errors.notOwner');
  if (outcome.kind === 'already-revoked') throw HttpError.conflict('core:personForm.shares.errors.revoked');
  await ctx.audit({
    action: 'person.share-revoke',
    entity: 'person',
    entityId: person.id,
    details: { share: outcome.share.id, to: outcome.share.organizationCode },
  });
  return outcome.share;
}

/** A warning as the form shows it beside its field and the API lists it. */
export interface Warning {
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** The values warnings are computed from: a person's input (parsed or as typed), or a stored person. */
export type WarningValues = IdentityValues & {
  readonly birthPlaceCode?: unknown;
  readonly residence?: unknown;
  readonly domicile?: unknown;
};

/**
 * What is worth checking in a person's data without stopping the save, in the operator's language:
 * the identity code's warnings, and place codes the table of places does not know (it may lag behind
 * a newly created comune, which is why they are accepted).
 */
export async function warningsOf(ctx: RouteContext, values: WarningValues): Promise<Warning[]> {
  const at = (path: string): unknown =>
    path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), values);
  const codes = PLACE_FIELDS.map((f) => ({ field: f.path, code: at(f.path) })).filter(
    (c): c is { field: string; code: string } => typeof c.code === 'string' && /^[A-Z][0-9]{3}$/.test(c.code),
  );
  const known = await placesByCode(
    ctx.em,
    codes.map((c) => c.code),
  );
  const found = [
    ...identityWarnings(values),
    ...codes.filter((c) => !known.has(c.code)).map((c) => ({ field: c.field, code: 'place.unknown' })),
  ];
  return found.map((w) => ({ ...w, message: ctx.t(`core:personForm.warnings.${w.code}`) }));
}
