// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestCtx } from '../../sdk/context';
import type { CatalogueEntry, Requirement } from '../../sdk/extension-points/catalogue';
import {
  EligibilityRules,
  type EligibilityFacts,
  type EligibilityFormat,
  type EligibilityOutcome,
  type EligibilityRule,
  type EligibilityText,
  type EligibilityValue,
} from '../../sdk/extension-points/eligibility';
import { assessmentAccess } from '../forms/actions';
import type { Person } from '../people/entities';
import { gatherFacts } from './facts';
import { formatFor } from './format';
import type { EffectiveOffer } from './offers';
import { offers } from './services';

/** A requirement as the catalogue shows it: the rule's name and the requirement in words. */
export interface RequirementView {
  readonly rule: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly title: string;
  readonly text: string;
  /** False when the rule is not there for the organization (its plugin is off) or refuses the parameters. */
  readonly available: boolean;
}

export interface RequirementResult extends RequirementView {
  readonly outcome: EligibilityOutcome;
  /** Why, in plain words. */
  readonly reason: string;
  readonly used: Readonly<Record<string, string | number | boolean | null>>;
}

export interface EligibilityCheck {
  readonly on: string;
  readonly outcome: EligibilityOutcome;
  readonly summary: string;
  readonly offer: EffectiveOffer | null;
  readonly results: readonly RequirementResult[];
  /** The assessments the facts held: the check read them, so its audit entry names them. */
  readonly assessments: readonly string[];
}

function valueOf(ctx: RequestCtx, value: EligibilityValue, format: EligibilityFormat): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (Array.isArray(value))
    return format.list(
      (value as readonly EligibilityText[]).map((v) => translate(ctx, v, format)),
      'and',
    );
  return translate(ctx, value as EligibilityText, format);
}

/** A rule's sentence in the request's language, its nested sentences translated first. */
export function translate(ctx: RequestCtx, text: EligibilityText, format: EligibilityFormat, extra: Record<string, string> = {}): string {
  const values = Object.fromEntries(Object.entries(text.values ?? {}).map(([k, v]) => [k, valueOf(ctx, v, format)]));
  return ctx.t(text.key, { ...extra, ...values });
}

/** The rules the organization sees: core's and its active plugins'. */
export function rulesOf(ctx: RequestCtx): EligibilityRule[] {
  return ctx.extensions.keyed(EligibilityRules);
}

interface Resolved {
  readonly view: RequirementView;
  /** The rule and its parsed parameters, when the organization has the rule and it accepts them. */
  readonly rule?: EligibilityRule;
  readonly params?: unknown;
}

function resolve(ctx: RequestCtx, rules: readonly EligibilityRule[], requirement: Requirement, format: EligibilityFormat): Resolved {
  const params = requirement.params ?? {};
  const rule = rules.find((r) => r.id === requirement.rule);
  if (!rule) {
    return {
      view: { rule: requirement.rule, params, title: requirement.rule, text: ctx.t('core:eligibility.unavailable'), available: false },
    };
  }
  const title = ctx.t(rule.titleKey);
  const parsed = rule.params.safeParse(params);
  if (!parsed.success) return { view: { rule: rule.id, params, title, text: ctx.t('core:eligibility.misconfigured'), available: false } };
  return {
    view: { rule: rule.id, params, title, text: translate(ctx, rule.describe(parsed.data, format), format), available: true },
    rule,
    params: parsed.data,
  };
}

/** A requirement in words; a rule that is not there, or that refuses the parameters, says so instead. */
export function describeRequirement(
  ctx: RequestCtx,
  rules: readonly EligibilityRule[],
  requirement: Requirement,
  format: EligibilityFormat = formatFor(ctx.locale),
): RequirementView {
  return resolve(ctx, rules, requirement, format).view;
}

/**
 * Answers each requirement from the facts: pass, fail or unknown, with the reason in words. A rule
 * that is missing, misconfigured or fails is unknown, never a pass: the operator is told to check by hand.
 */
export async function evaluateRequirements(
  ctx: RequestCtx,
  rules: readonly EligibilityRule[],
  requirements: readonly Requirement[],
  facts: EligibilityFacts,
  format: EligibilityFormat = formatFor(ctx.locale),
): Promise<RequirementResult[]> {
  const results: RequirementResult[] = [];
  for (const requirement of requirements) {
    const { view, rule, params } = resolve(ctx, rules, requirement, format);
    if (!rule) {
      results.push({ ...view, outcome: 'unknown', reason: view.text, used: {} });
      continue;
    }
    try {
      const verdict = await rule.evaluate(facts, params, format, ctx);
      results.push({
        ...view,
        outcome: verdict.outcome,
        reason: translate(ctx, verdict.reason, format, { requirement: view.text }),
        used: verdict.used ?? {},
      });
    } catch (error) {
      ctx.log.error({ err: error, rule: rule.id }, 'eligibility rule failed');
      results.push({ ...view, outcome: 'unknown', reason: ctx.t('core:eligibility.failed'), used: {} });
    }
  }
  return results;
}

/** Fail if any requirement fails; else unknown if any is unknown; else pass (also with no requirement). */
export function overall(results: readonly { outcome: EligibilityOutcome }[]): EligibilityOutcome {
  if (results.some((r) => r.outcome === 'fail')) return 'fail';
  return results.some((r) => r.outcome === 'unknown') ? 'unknown' : 'pass';
}

/** The organization whose data the request sees (a desk's comune): the top of the request's scope. */
async function controller(em: EntityManager): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select id::text as id from core.organization
     where id = any (core.request_scope()) and (parent_id is null or not parent_id = any (core.request_scope())) limit 1`,
  );
  return row?.id ?? null;
}

/** The requirements that apply to the organization: its offer's (own or inherited), else the entry's. */
export async function applicable(
  ctx: RequestCtx,
  entry: CatalogueEntry,
): Promise<{ offer: EffectiveOffer | null; requirements: readonly Requirement[] }> {
  const offer = ctx.org ? ((await offers.effective(ctx.em, ctx.org.id, entry.code)).get(entry.code) ?? null) : null;
  return { offer, requirements: offer?.requirements ?? entry.requirements ?? [] };
}

/**
 * Checks a person against a service's requirements on a date: those of the organization's offer, or
 * the catalogue entry's, in the territory of the organization offering it (else the one the request's
 * data belong to).
 */
export async function checkEligibility(ctx: RequestCtx, person: Person, entry: CatalogueEntry, on: string): Promise<EligibilityCheck> {
  const { offer, requirements } = await applicable(ctx, entry);
  const territory = offer?.organization.id ?? (await controller(ctx.em)) ?? ctx.org?.id ?? '';
  const facts = await gatherFacts(ctx.em, person, on, territory, assessmentAccess(ctx));
  const format = formatFor(ctx.locale);
  const results = await evaluateRequirements(ctx, rulesOf(ctx), requirements, facts, format);
  const outcome = overall(results);
  const count = results.filter((r) => r.outcome === outcome).length;
  const summary = results.length ? ctx.t(`core:eligibility.overall.${outcome}`, { count }) : ctx.t('core:eligibility.overall.none');
  return { on, outcome, summary, offer, results, assessments: facts.assessments.map((a) => a.id) };
}
