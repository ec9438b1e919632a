// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { RequestCtx } from '../../../sdk/context';
import { CatalogueEntries } from '../../../sdk/extension-points/catalogue';
import { defineEligibilityRule, type EligibilityVerdict } from '../../../sdk/extension-points/eligibility';
import { NATIONAL_ENTRIES } from '../nomenclature';

const K = 'core:eligibility.rules.noIncompatibleBenefit';

/** Decided and still under way: the person has the benefit. */
const HELD = ['approved', 'active', 'suspended'];
/** Asked for and not decided: whether it will be held is not known yet. */
const PENDING = ['requested', 'assessing', 'waiting'];

/** The i18n key of a national entry's name in the offer form (`core.A2.07` → `…services.A2_07`). */
export const serviceOptionKey = (code: string): string => `${K}.services.${code.replace(/^core\./, '').replace(/\./g, '_')}`;

const serviceName = (ctx: RequestCtx, code: string): string => {
  const entry = ctx.extensions.get(CatalogueEntries, code);
  if (!entry) return code;
  return entry.label ? entry.label[ctx.locale] : ctx.t(entry.nameKey ?? entry.code);
};

/**
 * The person does not already receive a benefit the measure excludes (two contributions for the same
 * need, say): none of the named services is approved, active or suspended for them and not yet ended on
 * the check date. One only requested or on the waiting list makes the answer unknown: it depends on a
 * decision still to come. The person's interventions are read here, not in the facts, so that checks of
 * measures without this requirement do not pay for them; row-level security bounds what is seen.
 */
export const noIncompatibleBenefit = defineEligibilityRule({
  id: 'core.no-incompatible-benefit',
  titleKey: `${K}.title`,
  params: z.strictObject({
    /** Catalogue entry codes (`core.A2.07`, a plugin's measure code). */
    services: z.array(z.string().trim().min(1).max(200)).min(1).max(100),
  }),
  fields: [
    {
      name: 'services',
      kind: 'multi-choice',
      labelKey: `${K}.fields.services`,
      hintKey: `${K}.fields.servicesHint`,
      options: NATIONAL_ENTRIES.map((e) => ({ code: e.code, labelKey: serviceOptionKey(e.code) })),
    },
  ],
  describe: (params) => ({ key: `${K}.describe`, values: { count: params.services.length } }),
  async evaluate(facts, params, format, ctx): Promise<EligibilityVerdict> {
    const rows = await ctx.em.execute<{ id: string; service: string; state: string; period_from: string; period_to: string | null }[]>(
      `select i.id::text as id, i.entry_code as service, i.state, to_char(i.period_from, 'YYYY-MM-DD') as period_from,
              to_char(i.period_to, 'YYYY-MM-DD') as period_to
       from core.intervention i
       where i.person_id = ? and i.entry_code = any (?::text[]) and i.state = any (?::text[])
         and (i.period_to is null or i.period_to >= ?::date)
       order by case when i.state = any (?::text[]) then 0 else 1 end, i.period_from`,
      [
        facts.person.id,
        `{${params.services.map((s) => `"${s.replace(/["\\]/g, '')}"`).join(',')}}`,
        `{${[...HELD, ...PENDING].join(',')}}`,
        facts.on,
        `{${HELD.join(',')}}`,
      ],
    );
    const on = format.date(facts.on);
    const services = format.list(params.services.map((s) => serviceName(ctx, s)));
    const first = rows[0];
    if (!first) return { outcome: 'pass', reason: { key: `${K}.pass`, values: { services, on } }, used: { found: 0 } };
    const values = {
      service: serviceName(ctx, first.service),
      state: { key: `core:interventions.states.${first.state}` },
      from: format.date(first.period_from),
      to: first.period_to ? format.date(first.period_to) : '–',
      on,
    };
    const used = { intervention: first.id, service: first.service, state: first.state };
    if (HELD.includes(first.state)) return { outcome: 'fail', reason: { key: `${K}.fail`, values }, used };
    return { outcome: 'unknown', reason: { key: `${K}.pending`, values }, used };
  },
});
