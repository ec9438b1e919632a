// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import { localToday } from '../../sdk/local-time';
import type { Cartella } from '../cartella/cartelle';
import { team, visibleCartella } from '../cartella/actions';
import type { Plan } from './plans';
import {
  ACHIEVEMENTS,
  HORIZONS,
  MAX_GOALS,
  REVIEW_UNITS,
  planActivateInput,
  planCloseInput,
  planCreateInput,
  planUpdateInput,
  reviewInput,
  type PlanUpdate,
} from './schemas';
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

type Values = Record<string, unknown>;

const body = (ctx: RouteContext): Values => (ctx.body ?? {}) as Values;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
/** A form's rows (`goals[0][text]`) as the body parser gives them: an array, or an object keyed by index. */
const rows = (v: unknown): Values[] =>
  (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : []).map((r) => (r && typeof r === 'object' ? (r as Values) : {}));

const planHref = (ctx: RouteContext, c: Cartella) => ctx.url('core.cartelle.plan', { id: c.id });

const choices = (ctx: RouteContext, codes: readonly string[], group: string, selected: unknown) =>
  codes.map((code) => ({ code, label: ctx.t(`core:plans.${group}.${code}`), selected: code === selected }));

interface ShowState {
  readonly status?: number;
  readonly errors?: readonly FieldError[];
  /** The form the errors belong to: `review` or `close`. */
  readonly form?: string;
  readonly values?: Values;
}

/** The plan on one page: goals with their outcome at the last review, the reviews, and what may be done next. */
async function showPlan(ctx: RouteContext, c: Cartella, state: ShowState = {}): Promise<RouteResult> {
  const { plan, reviews } = await readPlan(ctx, c);
  const canEdit = ctx.can('core.plans.edit');
  const today = localToday();
  const values = state.values ?? {};
  const sent = state.form === 'review' ? rows(values.outcomes) : [];
  return {
    view: 'core:plans/show',
    status: state.status ?? 200,
    model: {
      title: ctx.t('core:plans.title', { number: c.number }),
      cartella: { ...c, href: ctx.url('core.cartelle.show', { id: c.id }) },
      plan: plan
        ? {
            ...plan,
            stateLabel: ctx.t(`core:plans.states.${plan.state}`),
            every: ctx.t(`core:plans.every.${plan.reviewUnit}`, { count: plan.reviewEvery }),
            overdue: plan.state === 'active' && Boolean(plan.nextReviewOn && plan.nextReviewOn < today),
            goals: plan.goals.map((g, i) => ({
              ...g,
              number: i + 1,
              horizonLabel: ctx.t(`core:plans.horizons.${g.horizon}`),
              achievementLabel: g.achievement ? ctx.t(`core:plans.achievements.${g.achievement}`) : null,
              // The review form's row for this goal, with what was sent when it comes back with errors.
              row: i,
              achievements: choices(ctx, ACHIEVEMENTS, 'achievements', sent[i]?.achievement),
              note: text(sent[i]?.note),
            })),
          }
        : null,
      reviews: reviews.map((r) => ({
        ...r,
        outcomes: r.outcomes.map((o) => ({ ...o, achievementLabel: ctx.t(`core:plans.achievements.${o.achievement}`) })),
      })),
      editHref: canEdit && plan && plan.state !== 'closed' ? ctx.url('core.cartelle.plan.edit', { id: c.id }) : null,
      newHref:
        canEdit && c.state !== 'closed' && (!plan || plan.state === 'closed') ? ctx.url('core.cartelle.plan.edit', { id: c.id }) : null,
      activateAction: canEdit && plan?.state === 'draft' ? ctx.url('core.cartelle.plan.activate', { id: c.id }) : null,
      reviewForm:
        canEdit && plan?.state === 'active'
          ? {
              action: ctx.url('core.cartelle.plan.review', { id: c.id }),
              reviewedOn: state.form === 'review' ? text(values.reviewedOn) : today,
              notes: state.form === 'review' ? text(values.notes) : '',
              open: state.form === 'review',
            }
          : null,
      closeForm:
        canEdit && plan && plan.state !== 'closed'
          ? {
              action: ctx.url('core.cartelle.plan.close', { id: c.id }),
              closedOn: state.form === 'close' ? text(values.closedOn) : today,
              open: state.form === 'close',
            }
          : null,
      errors: state.errors ?? [],
      saved: ctx.query.saved === '1',
    },
  };
}

/** The form drafting or rewriting the plan, its goals one row each. */
async function formPage(ctx: RouteContext, c: Cartella, plan: Plan | null, values: Values, errors: readonly FieldError[], status = 200) {
  const eligible = await team.eligible(ctx.em);
  const responsible = text(values.responsibleOperatorId) || plan?.responsibleId || c.responsibleId;
  const goals = rows(values.goals);
  return {
    view: 'core:plans/form',
    status,
    model: {
      title: ctx.t(plan ? 'core:plans.form.editTitle' : 'core:plans.form.newTitle', { number: c.number }),
      cartella: { ...c, href: ctx.url('core.cartelle.show', { id: c.id }) },
      action: ctx.url('core.cartelle.plan.save', { id: c.id }),
      cancelHref: planHref(ctx, c),
      version: plan?.version ?? null,
      form: {
        startsOn: text(values.startsOn),
        reviewEvery: String(values.reviewEvery ?? ''),
        expectedEnd: text(values.expectedEnd),
      },
      units: choices(ctx, REVIEW_UNITS, 'units', values.reviewUnit),
      operators: eligible.map((o) => ({ code: o.id, label: o.displayName, selected: o.id === responsible })),
      goals: goals.map((g, i) => ({
        row: i,
        number: i + 1,
        id: text(g.id),
        text: text(g.text),
        actions: text(g.actions),
        interventions: text(g.interventions),
        responsible: text(g.responsible),
        horizons: choices(ctx, HORIZONS, 'horizons', g.horizon ?? 'short'),
        removable: goals.length > 1,
      })),
      canAdd: goals.length < MAX_GOALS,
      errors,
    },
  };
}

/** The plan's values as the form holds them. */
function planValues(plan: Plan): Values {
  return {
    startsOn: plan.startsOn,
    reviewEvery: String(plan.reviewEvery),
    reviewUnit: plan.reviewUnit,
    expectedEnd: plan.expectedEnd ?? '',
    responsibleOperatorId: plan.responsibleId,
    goals: plan.goals.map((g) => ({
      ...g,
      actions: g.actions ?? '',
      interventions: g.interventions ?? '',
      responsible: g.responsible ?? '',
    })),
  };
}

const BLANK_GOAL = { horizon: 'short', text: '' };

/** The plan the form changes: the one not closed; a closed or missing one means a new plan. */
async function openPlan(ctx: RouteContext, c: Cartella): Promise<Plan | null> {
  const plan = await plans.current(ctx.em, c.id);
  return plan && plan.state !== 'closed' ? plan : null;
}

/** The plan's pages, reached from the cartella's page. */
export function registerPlanPages(r: RouteRegistrar): void {
  r.get('cartelle.plan', '/cartelle/:id/plan', { permission: 'core.plans.view' }, async (ctx) =>
    showPlan(ctx, await visibleCartella(ctx, ctx.params.id)),
  );

  r.get('cartelle.plan.edit', '/cartelle/:id/plan/edit', { permission: 'core.plans.edit' }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const plan = await openPlan(ctx, cartella);
    if (plan)
      await ctx.audit({
        action: 'plan.read',
        entity: 'plan',
        entityId: plan.id,
        details: { cartella: cartella.id, person: cartella.personId },
      });
    const values = plan ? planValues(plan) : { startsOn: localToday(), reviewEvery: '3', reviewUnit: 'months', goals: [BLANK_GOAL] };
    return formPage(ctx, cartella, plan, values, []);
  });

  r.post('cartelle.plan.save', '/cartelle/:id/plan', { permission: 'core.plans.edit', body: planUpdateInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const plan = await openPlan(ctx, cartella);
    const values = body(ctx);
    // Adding or removing a goal row only redraws the form: nothing is saved until the plan is.
    const op = text(values.op);
    if (op === 'add-goal' || op.startsWith('remove-goal-')) {
      const goals = rows(values.goals);
      const next = op === 'add-goal' ? [...goals, BLANK_GOAL].slice(0, MAX_GOALS) : goals.filter((_, i) => `remove-goal-${i}` !== op);
      return formPage(ctx, cartella, plan, { ...values, goals: next.length ? next : [BLANK_GOAL] }, []);
    }
    const parsed = plan ? ctx.validate(planUpdateInput, values) : ctx.validate(planCreateInput, values);
    const errors = parsed.ok ? await planErrors(ctx, parsed.data, plan) : parsed.errors;
    if (!parsed.ok || errors.length) return formPage(ctx, cartella, plan, values, errors, 422);
    if (plan) await updatePlan(ctx, cartella, plan, parsed.data as PlanUpdate);
    else await createPlan(ctx, cartella, parsed.data);
    return { redirect: `${planHref(ctx, cartella)}?saved=1` };
  });

  r.post(
    'cartelle.plan.activate',
    '/cartelle/:id/plan/activate',
    { permission: 'core.plans.edit', body: planActivateInput },
    async (ctx) => {
      const cartella = await visibleCartella(ctx, ctx.params.id);
      const plan = await visiblePlan(ctx, cartella);
      const parsed = ctx.validate(planActivateInput, body(ctx));
      if (!parsed.ok) return showPlan(ctx, cartella, { status: 422, errors: parsed.errors });
      await activatePlan(ctx, cartella, plan, parsed.data.version);
      return { redirect: `${planHref(ctx, cartella)}?saved=1` };
    },
  );

  r.post('cartelle.plan.review', '/cartelle/:id/plan/reviews', { permission: 'core.plans.edit', body: reviewInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const plan = await visiblePlan(ctx, cartella);
    const values = body(ctx);
    const parsed = ctx.validate(reviewInput, { ...values, outcomes: rows(values.outcomes) });
    const errors = parsed.ok ? reviewErrors(ctx, plan, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return showPlan(ctx, cartella, { status: 422, errors, form: 'review', values });
    await reviewPlan(ctx, cartella, plan, parsed.data);
    return { redirect: `${planHref(ctx, cartella)}?saved=1` };
  });

  r.post('cartelle.plan.close', '/cartelle/:id/plan/close', { permission: 'core.plans.edit', body: planCloseInput }, async (ctx) => {
    const cartella = await visibleCartella(ctx, ctx.params.id);
    const plan = await visiblePlan(ctx, cartella);
    const values = body(ctx);
    const parsed = ctx.validate(planCloseInput, values);
    const errors = parsed.ok ? closeErrors(ctx, plan, parsed.data) : parsed.errors;
    if (!parsed.ok || errors.length) return showPlan(ctx, cartella, { status: 422, errors, form: 'close', values });
    await closePlan(ctx, cartella, plan, parsed.data);
    return { redirect: `${planHref(ctx, cartella)}?saved=1` };
  });
}
