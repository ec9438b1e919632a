// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { codeErrors } from '../access/code-options';
import { localToday } from '../../sdk/local-time';
import { actor } from '../cartella/actions';
import type { Cartella } from '../cartella/cartelle';
import { CONSENT_GIVERS, CONSENT_PURPOSES, LEGAL_BASES } from './codes';
import { ConsentService, type Consent } from './consents';
import type { ConsentInput, WithdrawInput } from './schemas';

/** Consents as routes perform them, shared by the pages and the API: checks, the service call, the audit entry. */

export const consents = new ConsentService();

/** The cartella's person's notices and consents, read (audited). */
export async function readConsents(ctx: RouteContext, cartella: Cartella): Promise<Consent[]> {
  const list = await consents.ofPerson(ctx.em, cartella.personId);
  await ctx.audit({
    action: 'consent.list',
    entity: 'person',
    entityId: cartella.personId,
    details: { cartella: cartella.id, results: list.length },
  });
  return list;
}

/** What a record needs beyond its schema: codes on their lists, not in the future, a representative named. */
export function consentErrors(ctx: RouteContext, input: ConsentInput): FieldError[] {
  const errors = codeErrors(ctx, [
    { field: 'purpose', list: CONSENT_PURPOSES, value: input.purpose },
    { field: 'givenBy', list: CONSENT_GIVERS, value: input.givenBy },
    { field: 'legalBasis', list: LEGAL_BASES, value: input.legalBasis },
  ]);
  if (input.givenOn && input.givenOn > localToday()) errors.push({ field: 'givenOn', message: ctx.t('core:consents.errors.future') });
  if (input.givenBy !== 'interessato' && !input.givenByName)
    errors.push({ field: 'givenByName', message: ctx.t('core:consents.errors.representative') });
  return errors;
}

export async function recordConsent(ctx: RouteContext, cartella: Cartella, input: ConsentInput): Promise<string> {
  const who = actor(ctx);
  const id = await consents.record(
    ctx.em,
    { ownerOrgId: cartella.ownerOrgId, personId: cartella.personId, cartellaId: cartella.id },
    {
      kind: input.kind,
      purpose: input.purpose,
      legalBasis: input.legalBasis ?? null,
      givenOn: input.givenOn ?? localToday(),
      givenBy: input.givenBy,
      givenByName: input.givenBy === 'interessato' ? null : (input.givenByName ?? null),
      documentRef: input.documentRef ?? null,
    },
    who.operatorId,
  );
  await ctx.audit({
    action: 'consent.record',
    entity: 'person',
    entityId: cartella.personId,
    details: { consent: id, cartella: cartella.id, kind: input.kind, purpose: input.purpose },
  });
  return id;
}

/** Field errors for a withdrawal the consent refuses; 404 for a consent the request does not see, 409 for a notice or one already withdrawn. */
export async function withdrawConsent(ctx: RouteContext, cartella: Cartella, id: string, input: WithdrawInput): Promise<FieldError[]> {
  const withdrawnOn = input.withdrawnOn ?? localToday();
  if (withdrawnOn > localToday()) return [{ field: 'withdrawnOn', message: ctx.t('core:consents.errors.future') }];
  const outcome = await consents.withdraw(ctx.em, cartella.personId, id, { withdrawnOn, note: input.note ?? null }, actor(ctx).operatorId);
  if (outcome === 'missing') throw HttpError.notFound();
  if (outcome === 'notice') throw HttpError.conflict('core:consents.errors.notice');
  if (outcome === 'already') throw HttpError.conflict('core:consents.errors.already');
  if (outcome === 'before-given') return [{ field: 'withdrawnOn', message: ctx.t('core:consents.errors.beforeGiven') }];
  await ctx.audit({
    action: 'consent.withdraw',
    entity: 'person',
    entityId: cartella.personId,
    details: { consent: id, cartella: cartella.id, withdrawnOn },
  });
  return [];
}
