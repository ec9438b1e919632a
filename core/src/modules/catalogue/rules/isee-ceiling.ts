// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import {
  defineEligibilityRule,
  ISEE_TYPES,
  type IseeFact,
  type EligibilityVerdict,
  type EligibilityText,
} from '../../../sdk/extension-points/eligibility';
import { ISEE_TYPE_NAMES } from '../isee-types';

const K = 'core:eligibility.rules.iseeCeiling';

const newestFirst = (a: IseeFact, b: IseeFact) => b.issuedOn.localeCompare(a.issuedOn);

/**
 * The ISEE is at most a ceiling: the latest valid attestation, of the types the measure accepts, of the
 * person or of their current household. A measure names the types it accepts because they are not
 * interchangeable (a minor's benefit asks for the ISEE minorenni, residential care for the
 * socio-sanitario residenziale), and the corrente replaces the ordinario only where the measure says so.
 */
export const iseeCeiling = defineEligibilityRule({
  id: 'core.isee-ceiling',
  titleKey: `${K}.title`,
  params: z.strictObject({
    types: z.array(z.enum(ISEE_TYPES)).min(1),
    max: z.number().positive().max(10_000_000),
  }),
  fields: [
    {
      name: 'types',
      kind: 'multi-choice',
      labelKey: `${K}.fields.types`,
      options: ISEE_TYPES.map((t) => ({ code: t, labelKey: `core:isee.types.${t}` })),
    },
    { name: 'max', kind: 'number', labelKey: `${K}.fields.max`, hintKey: `${K}.fields.maxHint` },
  ],
  describe: (params, format): EligibilityText => ({
    key: `${K}.describe`,
    values: { types: format.list(params.types.map((t) => ISEE_TYPE_NAMES[t])), max: format.money(params.max) },
  }),
  evaluate(facts, params, format): EligibilityVerdict {
    const accepted = facts.isee.filter((i) => params.types.includes(i.type)).sort(newestFirst);
    const types = format.list(params.types.map((t) => ISEE_TYPE_NAMES[t]));
    const current = accepted.find((i) => i.valid);
    if (!current) {
      const expired = accepted.find((i) => i.expiresOn < facts.on);
      return expired
        ? {
            outcome: 'unknown',
            reason: {
              key: `${K}.expired`,
              values: { types, on: format.date(facts.on), protocol: expired.protocol, expiresOn: format.date(expired.expiresOn) },
            },
            used: { protocol: expired.protocol, expiresOn: expired.expiresOn },
          }
        : { outcome: 'unknown', reason: { key: `${K}.missing`, values: { types, on: format.date(facts.on) } } };
    }
    const values = {
      type: ISEE_TYPE_NAMES[current.type],
      value: format.money(current.value),
      protocol: current.protocol,
      expiresOn: format.date(current.expiresOn),
      max: format.money(params.max),
    };
    const used = {
      iseeType: current.type,
      iseeValue: current.value,
      protocol: current.protocol,
      expiresOn: current.expiresOn,
      max: params.max,
    };
    return current.value <= params.max
      ? { outcome: 'pass', reason: { key: `${K}.pass`, values }, used }
      : { outcome: 'fail', reason: { key: `${K}.fail`, values }, used };
  },
});
