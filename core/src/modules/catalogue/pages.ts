// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RouteContext, RouteRegistrar, RouteResult } from '../../sdk/routes';
import { HttpError, type FieldError } from '../../sdk/errors';
import { MACRO_AREAS, type CatalogueEntry, type Requirement } from '../../sdk/extension-points/catalogue';
import type { EligibilityRule, RuleField } from '../../sdk/extension-points/eligibility';
import { areaOptions, entries, filterEntries, viewOf } from './catalogue';
import { readRequirements, saveOffer, visibleEntry } from './actions';
import { applicable, describeRequirement, rulesOf } from './eligibility';
import { formatFor } from './format';
import type { EffectiveOffer } from './offers';
import { catalogueQuery, offerInput, offerQuery, parseDecimal } from './schemas';
import { offers } from './services';

const money = (ctx: RouteContext, euro: number | null): string | null => (euro === null ? null : formatFor(ctx.locale).money(euro));

/** An offer as the entry page shows it. */
function offerModel(ctx: RouteContext, offer: EffectiveOffer | null) {
  if (!offer) return null;
  return {
    ...offer,
    unitCostText: money(ctx, offer.unitCost),
    yearlyBudgetText: money(ctx, offer.yearlyBudget),
    ownRequirements: offer.requirements !== null,
  };
}

function requirementsModel(ctx: RouteContext, requirements: readonly Requirement[]) {
  const rules = rulesOf(ctx);
  const format = formatFor(ctx.locale);
  return requirements.map((r) => describeRequirement(ctx, rules, r, format));
}

/** The text a form field shows for a stored parameter value (a decimal with a comma in Italian). */
function shownValue(ctx: RouteContext, value: unknown): string {
  if (typeof value === 'number') return ctx.locale === 'it' ? String(value).replace('.', ',') : String(value);
  return typeof value === 'string' ? value : '';
}

/** One rule of the offer form: whether it is required, and its parameters as fields. */
function ruleModel(ctx: RouteContext, rule: EligibilityRule, requirement: Requirement | undefined, raw?: Record<string, unknown>) {
  const values = raw ?? requirement?.params ?? {};
  const base = `requirements.${rule.id}`;
  return {
    id: rule.id,
    title: ctx.t(rule.titleKey),
    enabledField: `${base}.enabled`,
    enabledName: `requirements[${rule.id}][enabled]`,
    enabled: raw ? raw.enabled === 'on' : Boolean(requirement),
    fields: rule.fields.map((f: RuleField) => {
      const value = values[f.name];
      const chosen = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
      return {
        ...f,
        field: `${base}.${f.name}`,
        name: `requirements[${rule.id}][${f.name}]`,
        label: ctx.t(f.labelKey),
        hint: f.hintKey ? ctx.t(f.hintKey) : null,
        value: raw ? String(value ?? '') : shownValue(ctx, value),
        checked: value === true || value === 'on',
        isNumber: f.kind === 'number' || f.kind === 'integer',
        isBoolean: f.kind === 'boolean',
        isChoice: f.kind === 'choice',
        isMulti: f.kind === 'multi-choice',
        options: (f.options ?? []).map((o) => ({ code: o.code, label: ctx.t(o.labelKey), selected: chosen.includes(o.code) })),
      };
    }),
  };
}

/** The form's requirements as the API sends them: each rule ticked, with its parameters read from the fields. */
function requirementsFromForm(rules: readonly EligibilityRule[], raw: Record<string, Record<string, unknown>>) {
  return rules
    .filter((rule) => raw[rule.id]?.enabled === 'on')
    .map((rule) => {
      const values = raw[rule.id] ?? {};
      const params: Record<string, unknown> = {};
      for (const f of rule.fields) {
        const value = values[f.name];
        if (f.kind === 'number' || f.kind === 'integer') params[f.name] = parseDecimal(value);
        else if (f.kind === 'boolean') params[f.name] = value === 'on' || value === 'true' ? true : undefined;
        else if (f.kind === 'multi-choice') {
          const list = (Array.isArray(value) ? value : value === undefined ? [] : [value]).map(String).filter(Boolean);
          params[f.name] = list.length ? list : undefined;
        } else params[f.name] = typeof value === 'string' && value.trim() ? value : undefined;
      }
      return { rule: rule.id, params: Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)) };
    });
}

interface OfferFormState {
  readonly organizationId: string;
  readonly form: Record<string, unknown>;
  readonly requirements: readonly Requirement[];
  readonly raw?: Record<string, Record<string, unknown>>;
  readonly errors: readonly FieldError[];
}

async function offerPage(ctx: RouteContext, entry: CatalogueEntry, state: OfferFormState, status = 200): Promise<RouteResult> {
  const applying = (await offers.effective(ctx.em, state.organizationId, entry.code)).get(entry.code) ?? null;
  const organizations = await offers.writable(ctx.em);
  const view = viewOf(ctx, entry);
  return {
    view: 'core:catalogue/offer',
    model: {
      title: ctx.t('core:catalogue.offer.title', { name: view.name }),
      entry: view,
      action: ctx.url('core.catalogue.offer.save', { code: entry.code }),
      back: ctx.url('core.catalogue.show', { code: entry.code }),
      organizations: organizations.map((o) => ({ code: o.id, label: o.name, selected: o.id === state.organizationId })),
      inheritedFrom: applying?.inherited ? applying.organization.name : null,
      form: state.form,
      defaults: requirementsModel(ctx, entry.requirements ?? []),
      rules: rulesOf(ctx).map((rule) =>
        ruleModel(
          ctx,
          rule,
          state.requirements.find((r) => r.rule === rule.id),
          state.raw ? (state.raw[rule.id] ?? {}) : undefined,
        ),
      ),
      errors: state.errors,
    },
    status,
  };
}

/** The catalogue's pages: the list with its filters, an entry with its requirements and the offer, the offer form. */
export function registerCataloguePages(r: RouteRegistrar): void {
  r.get('catalogue', '/catalogue', { permission: 'core.catalogue.view' }, async (ctx) => {
    const parsed = ctx.validate(catalogueQuery, ctx.query);
    const q = parsed.ok ? parsed.data : {};
    const areas = areaOptions(ctx);
    const applying = ctx.org ? await offers.effective(ctx.em, ctx.org.id) : new Map<string, EffectiveOffer>();
    const shown = filterEntries(
      entries(ctx).map((e) => viewOf(ctx, e, areas)),
      q,
    ).filter((v) => !q.offered || applying.get(v.code)?.active);
    return {
      view: 'core:catalogue/index',
      model: {
        title: ctx.t('core:catalogue.title'),
        form: { q: ctx.query.q ?? '', offered: q.offered ?? false },
        areas: areas.map((a) => ({ ...a, selected: a.code === q.area })),
        macroAreas: MACRO_AREAS.map((m) => ({ code: m, label: ctx.t(`core:catalogue.macroAreas.${m}`), selected: m === q.macroArea })),
        entries: shown.map((v) => ({
          ...v,
          href: ctx.url('core.catalogue.show', { code: v.code }),
          offered: applying.get(v.code)?.active ?? false,
        })),
        errors: parsed.ok ? [] : parsed.errors,
      },
      status: parsed.ok ? 200 : 422,
    };
  });

  r.get('catalogue.show', '/catalogue/:code', { permission: 'core.catalogue.view' }, async (ctx) => {
    const entry = visibleEntry(ctx, ctx.params.code);
    const view = viewOf(ctx, entry);
    const { offer, requirements } = await applicable(ctx, entry);
    return {
      view: 'core:catalogue/show',
      model: {
        title: view.name,
        entry: view,
        defaults: requirementsModel(ctx, entry.requirements ?? []),
        offer: offerModel(ctx, offer),
        applying: requirementsModel(ctx, requirements),
        organization: ctx.org?.name ?? null,
        canEditOffer: ctx.can('core.catalogue.offer') && ctx.operator !== null,
        saved: ctx.query.saved === '1',
      },
    };
  });

  r.get('catalogue.offer', '/catalogue/:code/offer', { permission: 'core.catalogue.offer' }, async (ctx) => {
    const entry = visibleEntry(ctx, ctx.params.code);
    const parsed = ctx.validate(offerQuery, ctx.query);
    const organizationId = (parsed.ok ? parsed.data.organizationId : undefined) ?? ctx.org?.id;
    if (!organizationId || !(await offers.inScope(ctx.em, organizationId))) throw HttpError.notFound();
    // The form starts from what applies now: the organization's own offer, else the one it inherits, else the entry.
    const current = (await offers.effective(ctx.em, organizationId, entry.code)).get(entry.code);
    const own = current && !current.inherited ? current : null;
    return offerPage(ctx, entry, {
      organizationId,
      form: {
        active: current?.active ?? true,
        unitCost: current?.unitCost === null || !current ? '' : shownValue(ctx, current.unitCost),
        yearlyBudget: current?.yearlyBudget === null || !current ? '' : shownValue(ctx, current.yearlyBudget),
        capacity: current?.capacity ?? '',
        custom: current?.requirements != null,
        version: own?.version ?? '',
      },
      requirements: current?.requirements ?? entry.requirements ?? [],
      errors: [],
    });
  });

  r.post('catalogue.offer.save', '/catalogue/:code/offer', { permission: 'core.catalogue.offer', body: offerInput }, async (ctx) => {
    const entry = visibleEntry(ctx, ctx.params.code);
    const body = (ctx.body ?? {}) as Record<string, unknown>;
    const raw = (body.requirements && typeof body.requirements === 'object' ? body.requirements : {}) as Record<
      string,
      Record<string, unknown>
    >;
    const custom = body.custom === 'on';
    const parsed = ctx.validate(offerInput, { ...body, requirements: undefined });
    const rules = rulesOf(ctx);
    const read = custom ? readRequirements(ctx, requirementsFromForm(rules, raw)) : { requirements: null, errors: [] };
    const organizationId = (parsed.ok ? parsed.data.organizationId : undefined) ?? ctx.org?.id ?? '';
    if (!(await offers.inScope(ctx.em, organizationId))) throw HttpError.notFound();
    const errors: FieldError[] = [
      ...(parsed.ok ? [] : parsed.errors),
      ...read.errors.map((e) => ({ field: `requirements.${e.rule}.${e.field || 'enabled'}`, message: e.message })),
    ];
    const again = (status: number, extra: FieldError[] = []) =>
      offerPage(
        ctx,
        entry,
        {
          organizationId,
          form: { ...body, active: body.active === 'on', custom },
          requirements: [],
          raw,
          errors: [...errors, ...extra],
        },
        status,
      );
    if (!parsed.ok || read.errors.length) return again(422);
    const outcome = await saveOffer(ctx, entry, parsed.data, read.requirements);
    if (outcome.kind === 'stale') return again(409, [{ field: 'version', message: ctx.t('core:catalogue.offer.stale') }]);
    return { redirect: `${ctx.url('core.catalogue.show', { code: entry.code })}?saved=1` };
  });
}
