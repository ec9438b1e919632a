// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { visibleCartella } from '../cartella/actions';
import type { Consent } from './consents';
import { consentErrors, consents, readConsents, recordConsent, withdrawConsent } from './actions';
import { consentInput, consentOutput, withdrawInput, type ConsentInput, type WithdrawInput } from './schemas';

export function consentJson(c: Consent): z.input<typeof consentOutput> {
  return {
    id: c.id,
    personId: c.personId,
    cartellaId: c.cartellaId,
    kind: c.kind,
    purpose: c.purpose,
    legalBasis: c.legalBasis,
    givenOn: c.givenOn,
    givenBy: c.givenBy,
    givenByName: c.givenByName,
    documentRef: c.documentRef,
    withdrawnOn: c.withdrawnOn,
    withdrawalNote: c.withdrawalNote,
    inForce: c.inForce,
    recordedAt: new Date(c.recordedAt).toISOString(),
  };
}

/** Consents of a cartella's person under /api/v1: the same actions and schemas as the privacy page. */
export function registerConsentApi(r: RouteRegistrar): void {
  r.get(
    'api.cartelle.consents',
    '/api/v1/cartelle/:id/consents',
    {
      permission: 'core.consents.view',
      response: z.object({ items: z.array(consentOutput) }),
      summary: "The information notices and consents of the cartella's person, withdrawn ones included",
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      return { json: { items: (await readConsents(ctx, cartella)).map(consentJson) } };
    },
  );
  r.post(
    'api.cartelle.consents.add',
    '/api/v1/cartelle/:id/consents',
    {
      permission: 'core.consents.manage',
      body: consentInput,
      response: consentOutput,
      summary: 'Record an information notice given or a consent collected',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const input = ctx.body as ConsentInput;
      const errors = consentErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      const id = await recordConsent(ctx, cartella, input);
      return { json: consentJson((await consents.find(ctx.em, cartella.personId, id))!), status: 201 };
    },
  );
  r.post(
    'api.cartelle.consents.withdraw',
    '/api/v1/cartelle/:id/consents/:consentId/withdraw',
    {
      permission: 'core.consents.manage',
      body: withdrawInput,
      response: consentOutput,
      summary: 'Withdraw a consent from a day (kept as history; 409 for a notice or a consent already withdrawn)',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const id = ctx.params.consentId ?? '';
      const errors = await withdrawConsent(ctx, cartella, id, ctx.body as WithdrawInput);
      if (errors.length) throw HttpError.invalid(errors);
      return { json: consentJson((await consents.find(ctx.em, cartella.personId, id))!) };
    },
  );
}
