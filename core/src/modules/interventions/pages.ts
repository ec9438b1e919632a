// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { localToday } from '../../sdk/local-time';
import { visibleCartella } from '../cartella/actions';
import { entryName, findEntry } from '../catalogue/catalogue';
import type { EligibilityCheck } from '../catalogue/eligibility';
import {
  applyMove,
  eligibilityOf,
  interventions,
  moveErrors,
  offeredServices,
  readIntervention,
  recordDelivery,
  requestErrors,
  requestIntervention,
  totalsOf,
} from './actions';
import type { Intervention, PriorityReason } from './interventions';
import { FREQUENCIES, deliveryInput, interventionCreateInput, interventionsQuery, moveInput } from './schemas';
import { INTERVENTION_STATES, MOVE_PERMISSION, MOVE_RULES, movesFrom } from './states';
import { numberFormat } from '../../sdk/formats';

const body = (ctx: RouteContext): Record<string, unknown> => (ctx.body ?? {}) as Record<string, unknown>;
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const OUTCOME_ICONS = { pass: 'it-check-circle', fail: 'it-close-circle', unknown: 'it-help-circle' } as const;

const money = (ctx: RouteContext, v: number | null): string | null =>
  v === null ? null : numberFormat(ctx.locale === 'it' ? 'it-IT' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(v);

function serviceName(ctx: RouteContext, code: string): string {
  const entry = findEntry(ctx, code);
  return entry ? entryName(ctx, entry) : code;
}

function reasonsModel(ctx: RouteContext, reasons: readonly PriorityReason[]) {
  return reasons.map((r) => ({ ...r, label: ctx.t(`core:interventions.priority.${r.code}`) }));
}

function row(ctx: RouteContext, iv: Intervention) {
  return {
    ...iv,
    href: ctx.url('core.interventions.show', { id: iv.id }),
    serviceName: serviceName(ctx, iv.service),
    stateLabel: ctx.t(`core:interventions.states.${iv.state}`),
    amountLabel: money(ctx, iv.amount),
    reasons: reasonsModel(ctx, iv.priorityReason),
  };
}

function eligibilityModel(ctx: RouteContext, check: EligibilityCheck) {
  return {
    outcome: check.outcome,
    summary: check.summary,
    icon: OUTCOME_ICONS[check.outcome],
    results: check.results.map((r) => ({
      ...r,
      icon: OUTCOME_ICONS[r.outcome],
      outcomeLabel: ctx.t(`core:interventions.outcomes.${r.outcome}`),
    })),
  };
}

/** The request form of a cartella: the services offered; once one is chosen, the eligibility check, then the details. */
async function newPage(
  ctx: RouteContext,
  values: Record<string, unknown>,
  errors: readonly FieldError[],
  status = 200,
): Promise<RouteResult> {
  const cartella = await visibleCartella(ctx, text(values.cartellaId));
  const services = await offeredServices(ctx, cartella.ownerOrgId);
  const chosen = services.find((s) => s.entry.code === text(values.service));
  const check = chosen ? await eligibilityOf(ctx, cartella, chosen) : null;
  return {
    view: 'core:interventions/new',
    status,
    model: {
      title: ctx.t('core:interventions.new.title'),
      cartella: { ...cartella, href: ctx.url('core.cartelle.show', { id: cartella.id }) },
      services: services.map((s) => ({ code: s.entry.code, label: s.name, selected: s.entry.code === chosen?.entry.code })),
      chosen: chosen
        ? {
            code: chosen.entry.code,
            name: chosen.name,
            unitLabel: ctx.t(`core:catalogue.units.${chosen.entry.unit}`),
            unitCost: money(ctx, chosen.offer.unitCost),
          }
        : null,
      eligibility: check ? eligibilityModel(ctx, check) : null,
      frequencies: FREQUENCIES.map((f) => ({
        code: f,
        label: ctx.t(`core:interventions.frequencies.${f}`),
        selected: values.frequency === f,
      })),
      form: { periodFrom: localToday(), ...values },
      closed: cartella.state === 'closed',
      errors,
    },
  };
}

/** The move forms the state offers the operator, each with the fields it needs. */
function moveForms(ctx: RouteContext, iv: Intervention, sent: { move?: string; values: Record<string, unknown> }) {
  return movesFrom(iv.state)
    .filter((m) => ctx.can(MOVE_PERMISSION[m]))
    .map((m) => {
      const mine = sent.move === m;
      return {
        move: m,
        label: ctx.t(`core:interventions.moves.${m}`),
        decision: MOVE_RULES[m].decision,
        reason: MOVE_RULES[m].reason,
        on: (mine && text(sent.values.on)) || localToday(),
        act: mine ? text(sent.values.act) : '',
        actDate: (mine && text(sent.values.actDate)) || localToday(),
        reasonValue: mine ? text(sent.values.reason) : '',
        open: mine,
        danger: m === 'reject',
      };
    });
}

interface ShowState {
  readonly status?: number;
  readonly errors?: readonly FieldError[];
  readonly form?: string;
  readonly values?: Record<string, unknown>;
}

async function showPage(ctx: RouteContext, id: string | undefined, state: ShowState = {}): Promise<RouteResult> {
  const { iv, history, deliveries } = await readIntervention(ctx, id);
  const values = state.values ?? {};
  const prefix = state.form && state.form !== 'delivery' ? `${state.form}-` : '';
  const total = deliveries.reduce((s, d) => ({ quantity: s.quantity + d.quantity, amount: s.amount + d.amount }), {
    quantity: 0,
    amount: 0,
  });
  return {
    view: 'core:interventions/show',
    subject: { kind: 'intervention', id: iv.id },
    status: state.status ?? 200,
    model: {
      title: ctx.t('core:interventions.show.title', { service: serviceName(ctx, iv.service) }),
      iv: {
        ...row(ctx, iv),
        unitLabel: ctx.t(`core:catalogue.units.${iv.unit}`),
        frequencyLabel: ctx.t(`core:interventions.frequencies.${iv.frequency}`),
        cartellaHref: ctx.url('core.cartelle.show', { id: iv.cartellaId }),
        personHref: ctx.url('core.people.show', { id: iv.personId }),
        eligibility: iv.eligibility.map((r) => ({
          ...r,
          icon: OUTCOME_ICONS[r.outcome as keyof typeof OUTCOME_ICONS] ?? OUTCOME_ICONS.unknown,
          outcomeLabel: ctx.t(`core:interventions.outcomes.${r.outcome}`),
        })),
        eligibilityLabel: ctx.t(`core:interventions.outcomes.${iv.eligibilityOutcome}`),
      },
      history: history.map((h) => ({ ...h, toLabel: ctx.t(`core:interventions.states.${h.to}`) })).reverse(),
      moves: moveForms(ctx, iv, { move: state.form, values: state.form && state.form !== 'delivery' ? values : {} }),
      moveAction: ctx.url('core.interventions.move', { id: iv.id }),
      deliveries: deliveries.map((d) => ({ ...d, amountLabel: money(ctx, d.amount) })),
      total: { quantity: total.quantity, amountLabel: money(ctx, total.amount) },
      deliveryForm:
        iv.state === 'active' && ctx.can('core.interventions.deliver')
          ? { action: ctx.url('core.interventions.deliveries', { id: iv.id }), values: state.form === 'delivery' ? values : {} }
          : null,
      errors: (state.errors ?? []).map((e) => ({ ...e, field: `${prefix}${e.field}` })),
      saved: ctx.query.saved === '1',
    },
  };
}

/** The interventions' pages: the list with its filters and the totals per service, the request, the one intervention. */
export function registerInterventionPages(r: RouteRegistrar): void {
  r.get('interventions', '/interventions', { permission: 'core.interventions.view' }, async (ctx) => {
    const parsed = ctx.validate(interventionsQuery, ctx.query);
    const q = parsed.ok ? parsed.data : {};
    const items = parsed.ok ? await interventions.list(ctx.em, q) : [];
    await ctx.audit({ action: 'intervention.list', entity: 'intervention', details: { results: items.length } });
    const year = Number(localToday().slice(0, 4));
    const totals = ctx.can('core.interventions.decide') ? await totalsOf(ctx, year) : null;
    const services = await offeredServices(ctx);
    return {
      view: 'core:interventions/list',
      status: parsed.ok ? 200 : 422,
      model: {
        title: ctx.t('core:interventions.list.title'),
        items: items.map((iv) => row(ctx, iv)),
        waitingList: q.state === 'waiting',
        states: INTERVENTION_STATES.map((s) => ({ code: s, label: ctx.t(`core:interventions.states.${s}`), selected: q.state === s })),
        services: services.map((s) => ({ code: s.entry.code, label: s.name, selected: q.service === s.entry.code })),
        cartella: q.cartella ?? null,
        year,
        totals: totals?.map((t) => ({
          ...t,
          budgetLabel: money(ctx, t.yearlyBudget),
          committedLabel: money(ctx, t.committed),
          deliveredLabel: money(ctx, t.delivered),
          residualLabel: t.yearlyBudget === null ? null : money(ctx, t.yearlyBudget - t.committed),
          over: t.yearlyBudget !== null && t.delivered > t.yearlyBudget,
          waitingHref: `${ctx.url('core.interventions')}?${new URLSearchParams({ state: 'waiting', service: t.service })}`,
        })),
        errors: parsed.ok ? [] : parsed.errors,
      },
    };
  });

  r.get('interventions.new', '/interventions/new', { permission: 'core.interventions.request' }, async (ctx) =>
    newPage(ctx, { cartellaId: text(ctx.query.cartella), service: text(ctx.query.service) }, []),
  );

  r.post(
    'interventions.create',
    '/interventions',
    { permission: 'core.interventions.request', body: interventionCreateInput },
    async (ctx) => {
      const parsed = ctx.validate(interventionCreateInput, body(ctx));
      if (!parsed.ok && parsed.errors.some((e) => e.field === 'cartellaId')) throw HttpError.invalid(parsed.errors);
      const errors = parsed.ok ? await requestErrors(ctx, parsed.data) : parsed.errors;
      if (!parsed.ok || errors.length) return newPage(ctx, body(ctx), errors, 422);
      const id = await requestIntervention(ctx, parsed.data);
      return { redirect: `${ctx.url('core.interventions.show', { id })}?saved=1` };
    },
  );

  r.get('interventions.show', '/interventions/:id', { permission: 'core.interventions.view' }, async (ctx) => showPage(ctx, ctx.params.id));

  r.post(
    'interventions.move',
    '/interventions/:id/transitions',
    { permission: 'core.interventions.request', body: moveInput },
    async (ctx) => {
      const iv = await interventions.find(ctx.em, ctx.params.id);
      if (!iv) throw HttpError.notFound();
      const parsed = ctx.validate(moveInput, body(ctx));
      const errors = parsed.ok ? moveErrors(ctx, parsed.data) : parsed.errors;
      if (!parsed.ok || errors.length) return showPage(ctx, iv.id, { status: 422, errors, form: text(body(ctx).move), values: body(ctx) });
      await applyMove(ctx, iv, parsed.data);
      return { redirect: `${ctx.url('core.interventions.show', { id: iv.id })}?saved=1` };
    },
  );

  r.post(
    'interventions.deliveries',
    '/interventions/:id/deliveries',
    { permission: 'core.interventions.deliver', body: deliveryInput },
    async (ctx) => {
      const iv = await interventions.find(ctx.em, ctx.params.id);
      if (!iv) throw HttpError.notFound();
      const parsed = ctx.validate(deliveryInput, body(ctx));
      const outcome = parsed.ok ? await recordDelivery(ctx, iv, parsed.data) : parsed.errors;
      if (typeof outcome !== 'string') return showPage(ctx, iv.id, { status: 422, errors: outcome, form: 'delivery', values: body(ctx) });
      return { redirect: `${ctx.url('core.interventions.show', { id: iv.id })}?saved=1#deliveries` };
    },
  );
}
