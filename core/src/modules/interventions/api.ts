// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { localToday } from '../../sdk/local-time';
import {
  applyMove,
  interventions,
  moveErrors,
  readIntervention,
  recordDelivery,
  requestErrors,
  requestIntervention,
  totalsOf,
  visibleIntervention,
} from './actions';
import type { Delivery, Intervention, InterventionChange } from './interventions';
import {
  deliveryInput,
  interventionCreateInput,
  interventionOutput,
  interventionsQuery,
  moveInput,
  totalsOutput,
  type InterventionsQuery,
} from './schemas';

const iso = (d: Date | string): string => new Date(d).toISOString();

export function interventionJson(
  iv: Intervention,
  parts: { history?: InterventionChange[]; deliveries?: Delivery[] } = {},
): z.input<typeof interventionOutput> {
  return {
    id: iv.id,
    owner: { id: iv.ownerOrgId, code: iv.ownerCode, name: iv.ownerName },
    cartellaId: iv.cartellaId,
    person: { id: iv.personId, surname: iv.surname, name: iv.name },
    service: iv.service,
    state: iv.state,
    requestedOn: iv.requestedOn,
    quantity: iv.quantity,
    unit: iv.unit,
    amount: iv.amount,
    frequency: iv.frequency,
    periodFrom: iv.periodFrom,
    periodTo: iv.periodTo,
    providerOrgId: iv.providerOrgId,
    costCentre: iv.costCentre,
    eligibility: { outcome: iv.eligibilityOutcome, results: iv.eligibility },
    priority: { score: iv.priorityScore, reasons: iv.priorityReason },
    decision: iv.decisionAct && iv.decisionOn ? { act: iv.decisionAct, on: iv.decisionOn } : null,
    version: iv.version,
    ...(parts.history
      ? {
          history: parts.history.map((h) => ({
            from: h.from,
            to: h.to,
            on: h.on,
            reason: h.reason,
            act: h.act,
            by: h.byId ? { id: h.byId, displayName: h.byName ?? '' } : null,
            at: iso(h.at),
          })),
        }
      : {}),
    ...(parts.deliveries
      ? {
          deliveries: parts.deliveries.map((d) => ({ ...d, recordedAt: iso(d.recordedAt) })),
          delivered: parts.deliveries.reduce((s, d) => ({ quantity: s.quantity + d.quantity, amount: s.amount + d.amount }), {
            quantity: 0,
            amount: 0,
          }),
        }
      : {}),
  };
}

async function full(ctx: RouteContext, id: string) {
  const { iv, history, deliveries } = await readIntervention(ctx, id);
  return interventionJson(iv, { history, deliveries });
}

/** The interventions' JSON API under /api/v1: the same actions and schemas as the pages. */
export function registerInterventionApi(r: RouteRegistrar): void {
  r.get(
    'api.interventions.list',
    '/api/v1/interventions',
    {
      permission: 'core.interventions.view',
      query: interventionsQuery,
      response: z.object({ items: z.array(interventionOutput) }),
      summary: 'Interventions by state, service and cartella; the waiting ones first, by priority then request date',
    },
    async (ctx) => {
      const items = await interventions.list(ctx.em, ctx.query as InterventionsQuery);
      await ctx.audit({ action: 'intervention.list', entity: 'intervention', details: { results: items.length } });
      return { json: { items: items.map((iv) => interventionJson(iv)) } };
    },
  );
  r.get(
    'api.interventions.totals',
    '/api/v1/interventions/totals',
    {
      permission: 'core.interventions.decide',
      response: totalsOutput,
      summary: "Per service, this year's committed and delivered amounts against the offer's budget, places held and people waiting",
    },
    async (ctx) => {
      const year = Number(localToday().slice(0, 4));
      const items = (await totalsOf(ctx, year)).map(({ name: _name, ...t }) => t);
      return { json: { year, items } };
    },
  );
  r.post(
    'api.interventions.create',
    '/api/v1/interventions',
    {
      permission: 'core.interventions.request',
      body: interventionCreateInput,
      response: interventionOutput,
      summary:
        "Request a service the organization offers for a cartella's person; the eligibility check is stored with it (a failure does not forbid it)",
    },
    async (ctx) => {
      const input = ctx.body as z.output<typeof interventionCreateInput>;
      const errors = await requestErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      const id = await requestIntervention(ctx, input);
      return { json: await full(ctx, id), status: 201 };
    },
  );
  r.get(
    'api.interventions.show',
    '/api/v1/interventions/:id',
    {
      permission: 'core.interventions.view',
      response: interventionOutput,
      summary: 'Read an intervention with its history and deliveries',
    },
    async (ctx) => ({ json: await full(ctx, ctx.params.id ?? '') }),
  );
  r.post(
    'api.interventions.move',
    '/api/v1/interventions/:id/transitions',
    {
      permission: 'core.interventions.request',
      body: moveInput,
      response: interventionOutput,
      summary:
        'Assess, approve or reject (with act number and date), activate, suspend, resume, conclude; an approval with no place or budget left goes to the waiting list; 409 for a move the state does not allow',
    },
    async (ctx) => {
      const iv = await visibleIntervention(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof moveInput>;
      const errors = moveErrors(ctx, input);
      if (errors.length) throw HttpError.invalid(errors);
      await applyMove(ctx, iv, input);
      return { json: await full(ctx, iv.id) };
    },
  );
  r.post(
    'api.interventions.deliveries',
    '/api/v1/interventions/:id/deliveries',
    {
      permission: 'core.interventions.deliver',
      body: deliveryInput,
      response: interventionOutput,
      summary:
        "Record a delivery (erogazione) of an active intervention for a period; the amount defaults to quantity × the offer's unit cost",
    },
    async (ctx) => {
      const iv = await visibleIntervention(ctx, ctx.params.id);
      const outcome = await recordDelivery(ctx, iv, ctx.body as z.output<typeof deliveryInput>);
      if (typeof outcome !== 'string') throw HttpError.invalid(outcome);
      return { json: await full(ctx, iv.id), status: 201 };
    },
  );
}
