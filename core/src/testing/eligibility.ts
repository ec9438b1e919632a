// SPDX-License-Identifier: AGPL-3.0-or-later
import { join } from 'node:path';
import pino from 'pino';
import type { Locale, RequestCtx } from '../sdk/context';
import type { Requirement } from '../sdk/extension-points/catalogue';
import type { EligibilityFacts, EligibilityFormat, EligibilityRule } from '../sdk/extension-points/eligibility';
import { Translator, readTranslations } from '../i18n/i18n';
import { evaluateRequirements, type RequirementResult } from '../modules/catalogue/eligibility';
import { formatFor } from '../modules/catalogue/format';
import { CORE_DIR } from '../platform';

export interface RuleCheckerOptions {
  /** The namespace (the plugin's id) and the folder of its `<lng>/<namespace>.json` files. */
  readonly locales?: { readonly namespace: string; readonly dir: string };
  readonly locale?: Locale;
}

export interface RuleChecker {
  /** Money, dates, measures and lists as the check formats them in the chosen language. */
  readonly format: EligibilityFormat;
  /** One requirement answered from the facts: outcome, the reason in words, the data used. */
  check(requirement: Requirement, facts: EligibilityFacts): Promise<RequirementResult>;
}

/**
 * Eligibility rules as pure functions of facts, with their reasons in words: the engine and the strings of a
 * check over HTTP, without a database or a server. A rule that reads the request context beyond `t`,
 * `locale` and `log` (its plugin's tables, other contributions) needs `createTestApp` instead.
 */
export function ruleChecker(rules: readonly EligibilityRule[], options: RuleCheckerOptions = {}): RuleChecker {
  const locale = options.locale ?? 'it';
  const sources = [{ owner: 'core', namespace: 'core', dir: join(CORE_DIR, 'locales') }];
  if (options.locales) sources.push({ owner: options.locales.namespace, ...options.locales });
  const translator = new Translator(readTranslations(sources));
  const ctx = {
    t: translator.t(locale, options.locales?.namespace ?? 'core'),
    locale,
    log: pino({ level: 'silent' }),
  } as unknown as RequestCtx;
  const format = formatFor(locale);
  return {
    format,
    async check(requirement, facts) {
      const [result] = await evaluateRequirements(ctx, rules, [requirement], facts, format);
      return result!;
    },
  };
}
