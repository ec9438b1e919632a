// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RouteContext, RouteRegistrar } from '../../sdk/routes';
import { HttpError } from '../../sdk/errors';
import { visibleCartella } from '../cartella/actions';
import type { Plan, PlanReview } from './plans';
import { planActivateInput, planCloseInput, planCreateInput, planOutput, planUpdateInput, reviewInput } from './schemas';
import {
  activatePlan,
  closeErrors,
  closePlan,
  createPlan,
  planErrors,
  plans,
  readPlan,
  reviewErrors,
  reviewPlan,
  updatePlan,
  visiblePlan,
} from './actions';

export function planJson(p: Plan, reviews: readonly PlanReview[]): z.input<typeof planOutput> {
  return {
    id: p.id,
    cartellaId: p.cartellaId,
    state: p.state,
    startsOn: p.startsOn,
    reviewEvery: p.reviewEvery,
    reviewUnit: p.reviewUnit,
    nextReviewOn: p.nextReviewOn,
    expectedEnd: p.expectedEnd,
    closedOn: p.closedOn,
    responsible: { id: p.responsibleId, displayName: p.responsibleName },
    version: p.version,
    goals: p.goals,
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewedOn,
      notes: r.notes,
      outcomes: r.outcomes,
      nextReviewOn: r.nextReviewOn,
      by: { id: r.byId, displayName: r.byName },
    })),
  };
}

/** The plan after a change, as the answer shows it (the change itself is audited; this read is part of it). */
async function after(ctx: RouteContext, cartellaId: string) {
  const plan = (await plans.current(ctx.em, cartellaId))!;
  return planJson(plan, await plans.reviews(ctx.em, plan.id));
}

/** The plan's JSON API under /api/v1/cartelle/:id/plan: the same actions and schemas as the pages. */
export function registerPlanApi(r: RouteRegistrar): void {
  r.get(
    'api.cartelle.plan',
    '/api/v1/cartelle/:id/plan',
    {
      permission: 'core.plans.view',
      response: planOutput,
      summary: "The cartella's plan (the one not closed, or else the latest) with goals and reviews; 404 when none",
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const { plan, reviews } = await readPlan(ctx, cartella);
      if (!plan) throw HttpError.notFound();
      return { json: planJson(plan, reviews) };
    },
  );
  r.post(
    'api.cartelle.plan.create',
    '/api/v1/cartelle/:id/plan',
    {
      permission: 'core.plans.edit',
      body: planCreateInput,
      response: planOutput,
      summary: 'Draft the plan with its goals (409 when the cartella is closed or has a plan not closed)',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const input = ctx.body as z.output<typeof planCreateInput>;
      const errors = await planErrors(ctx, input, null);
      if (errors.length) throw HttpError.invalid(errors);
      await createPlan(ctx, cartella, input);
      return { json: await after(ctx, cartella.id), status: 201 };
    },
  );
  r.put(
    'api.cartelle.plan.update',
    '/api/v1/cartelle/:id/plan',
    {
      permission: 'core.plans.edit',
      body: planUpdateInput,
      response: planOutput,
      summary: 'Rewrite the plan (draft or active) and its goals: goals with an id are kept, those left out removed',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const plan = await visiblePlan(ctx, cartella);
      const input = ctx.body as z.output<typeof planUpdateInput>;
      const errors = await planErrors(ctx, input, plan);
      if (errors.length) throw HttpError.invalid(errors);
      await updatePlan(ctx, cartella, plan, input);
      return { json: await after(ctx, cartella.id) };
    },
  );
  r.post(
    'api.cartelle.plan.activate',
    '/api/v1/cartelle/:id/plan/activate',
    {
      permission: 'core.plans.edit',
      body: planActivateInput,
      response: planOutput,
      summary: 'Activate the draft: the first review falls one period after it starts',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const plan = await visiblePlan(ctx, cartella);
      await activatePlan(ctx, cartella, plan, (ctx.body as z.output<typeof planActivateInput>).version);
      return { json: await after(ctx, cartella.id) };
    },
  );
  r.post(
    'api.cartelle.plan.review',
    '/api/v1/cartelle/:id/plan/reviews',
    {
      permission: 'core.plans.edit',
      body: reviewInput,
      response: planOutput,
      summary: 'Record a review of the active plan: an outcome for every goal; the next review falls one period later',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const plan = await visiblePlan(ctx, cartella);
      const input = ctx.body as z.output<typeof reviewInput>;
      if (plan.state !== 'active') throw HttpError.conflict('core:plans.errors.illegal', { state: plan.state, change: 'review' });
      const errors = reviewErrors(ctx, plan, input);
      if (errors.length) throw HttpError.invalid(errors);
      await reviewPlan(ctx, cartella, plan, input);
      return { json: await after(ctx, cartella.id), status: 201 };
    },
  );
  r.post(
    'api.cartelle.plan.close',
    '/api/v1/cartelle/:id/plan/close',
    {
      permission: 'core.plans.edit',
      body: planCloseInput,
      response: planOutput,
      summary: 'Close the plan (a new one may then be drafted)',
    },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const plan = await visiblePlan(ctx, cartella);
      const input = ctx.body as z.output<typeof planCloseInput>;
      const errors = closeErrors(ctx, plan, input);
      if (errors.length) throw HttpError.invalid(errors);
      await closePlan(ctx, cartella, plan, input);
      return { json: await after(ctx, cartella.id) };
    },
  );
}
