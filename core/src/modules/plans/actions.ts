// SPDX-License-Identifier: AGPL-3.0-or-later
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { z } from 'zod';
import type { RouteContext } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { localToday } from '../../sdk/local-time';
import type { Cartella } from '../cartella/cartelle';
import { actor, team } from '../cartella/actions';
import { PlanService, type Outcome, type Plan, type PlanFields } from './plans';
import type { PlanCreate, PlanUpdate, ReviewInput, planCloseInput } from './schemas';

/**
 * The plan's operations as routes perform them, shared by the pages and the API: checks of state and
 * input, the service call and the audit entry, so both answer alike. Field problems come back as a list
 * (a page shows them beside its fields); conflicts are thrown as 409.
 */

export const plans = new PlanService();

/** The cartella's current plan (not closed, or else the latest), read and audited; 404 when it has none. */
export async function visiblePlan(ctx: RouteContext, cartella: Cartella): Promise<Plan> {
  const plan = await plans.current(ctx.em, cartella.id);
  if (!plan) throw HttpError.notFound();
  return plan;
}

export async function readPlan(ctx: RouteContext, cartella: Cartella) {
  const plan = await plans.current(ctx.em, cartella.id);
  const reviews = plan ? await plans.reviews(ctx.em, plan.id) : [];
  await ctx.audit({
    action: 'plan.read',
    entity: 'plan',
    entityId: plan?.id,
    details: { cartella: cartella.id, person: cartella.personId, found: Boolean(plan) },
  });
  return { plan, reviews };
}

const futureError = (ctx: RouteContext, field: string, date: string | undefined): FieldError[] =>
  date && date > localToday() ? [{ field, message: ctx.t('core:plans.errors.future') }] : [];

/** What a plan's content needs beyond its schema: an operator who may be responsible, goals of this plan. */
export async function planErrors(ctx: RouteContext, input: PlanCreate, plan: Plan | null): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.responsibleOperatorId && !(await team.isEligible(ctx.em, input.responsibleOperatorId)))
    errors.push({ field: 'responsibleOperatorId', message: ctx.t('core:plans.errors.operator') });
  const known = new Set(plan?.goals.map((g) => g.id) ?? []);
  input.goals.forEach((g, i) => {
    if (g.id && !known.has(g.id)) errors.push({ field: `goals.${i}.id`, message: ctx.t('core:plans.errors.goal') });
  });
  return errors;
}

function fields(input: PlanCreate, cartella: Cartella): PlanFields {
  return {
    startsOn: input.startsOn,
    reviewEvery: input.reviewEvery,
    reviewUnit: input.reviewUnit,
    expectedEnd: input.expectedEnd ?? null,
    responsibleId: input.responsibleOperatorId ?? cartella.responsibleId,
    goals: input.goals,
  };
}

function settle(ctx: RouteContext, plan: Plan, outcome: Outcome, move: string): void {
  if (outcome.kind === 'illegal') throw HttpError.conflict('core:plans.errors.illegal', { state: plan.state, change: move });
  if (outcome.kind === 'stale') throw HttpError.conflict('core:plans.errors.stale', { version: plan.version });
}

/** Drafts the cartella's plan (checked input); 409 when the cartella is closed or already has a plan not closed. */
export async function createPlan(ctx: RouteContext, cartella: Cartella, input: PlanCreate): Promise<string> {
  if (cartella.state === 'closed') throw HttpError.conflict('core:plans.errors.cartellaClosed');
  const existing = await plans.current(ctx.em, cartella.id);
  if (existing && existing.state !== 'closed') throw HttpError.conflict('core:plans.errors.exists', { planId: existing.id });
  const id = await plans.create(ctx.em, cartella, fields(input, cartella), actor(ctx).operatorId).catch((error: unknown) => {
    // Another draft for the same cartella committed first (`plan_one_current`): theirs stands.
    if (error instanceof UniqueConstraintViolationException) throw HttpError.conflict('core:plans.errors.exists');
    throw error;
  });
  await ctx.audit({ action: 'plan.create', entity: 'plan', entityId: id, details: { cartella: cartella.id, goals: input.goals.length } });
  return id;
}

export async function updatePlan(ctx: RouteContext, cartella: Cartella, plan: Plan, input: PlanUpdate): Promise<void> {
  settle(ctx, plan, await plans.update(ctx.em, plan, fields(input, cartella), input.version, actor(ctx).operatorId), 'update');
  await ctx.audit({
    action: 'plan.update',
    entity: 'plan',
    entityId: plan.id,
    details: { cartella: cartella.id, goals: input.goals.length },
  });
}

export async function activatePlan(ctx: RouteContext, cartella: Cartella, plan: Plan, version: number): Promise<void> {
  settle(ctx, plan, await plans.activate(ctx.em, plan, version, actor(ctx).operatorId), 'activate');
  await ctx.audit({ action: 'plan.activate', entity: 'plan', entityId: plan.id, details: { cartella: cartella.id } });
}

/** What a review needs beyond its schema: one outcome for each goal of the plan, a date neither ahead nor before the start. */
export function reviewErrors(ctx: RouteContext, plan: Plan, input: ReviewInput): FieldError[] {
  const on = input.reviewedOn ?? localToday();
  const errors = futureError(ctx, 'reviewedOn', on);
  if (on < plan.startsOn) errors.push({ field: 'reviewedOn', message: ctx.t('core:plans.errors.beforeStart', { date: plan.startsOn }) });
  const goals = new Set(plan.goals.map((g) => g.id));
  const seen = new Set<string>();
  input.outcomes.forEach((o, i) => {
    if (!goals.has(o.goalId) || seen.has(o.goalId))
      errors.push({ field: `outcomes.${i}.goalId`, message: ctx.t('core:plans.errors.goal') });
    seen.add(o.goalId);
  });
  if (plan.goals.some((g) => !seen.has(g.id))) errors.push({ field: 'outcomes', message: ctx.t('core:plans.errors.everyGoal') });
  return errors;
}

export async function reviewPlan(ctx: RouteContext, cartella: Cartella, plan: Plan, input: ReviewInput): Promise<string> {
  const outcome = await plans.review(
    ctx.em,
    plan,
    { reviewedOn: input.reviewedOn ?? localToday(), notes: input.notes ?? null, outcomes: input.outcomes },
    input.version,
    actor(ctx).operatorId,
  );
  settle(ctx, plan, outcome, 'review');
  await ctx.audit({
    action: 'plan.review',
    entity: 'plan',
    entityId: plan.id,
    details: {
      cartella: cartella.id,
      nextReviewOn: outcome.nextReviewOn ?? null,
      outcomes: input.outcomes.map((o) => o.achievement).join(','),
    },
  });
  return outcome.nextReviewOn!;
}

export function closeErrors(ctx: RouteContext, plan: Plan, input: z.output<typeof planCloseInput>): FieldError[] {
  const on = input.closedOn ?? localToday();
  return [
    ...futureError(ctx, 'closedOn', on),
    ...(on < plan.startsOn ? [{ field: 'closedOn', message: ctx.t('core:plans.errors.beforeStart', { date: plan.startsOn }) }] : []),
  ];
}

export async function closePlan(ctx: RouteContext, cartella: Cartella, plan: Plan, input: z.output<typeof planCloseInput>): Promise<void> {
  settle(ctx, plan, await plans.close(ctx.em, plan, input.closedOn ?? localToday(), input.version, actor(ctx).operatorId), 'close');
  await ctx.audit({ action: 'plan.close', entity: 'plan', entityId: plan.id, details: { cartella: cartella.id } });
}
