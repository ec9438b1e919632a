// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { defineEligibilityRule, type EligibilityVerdict, type EligibilityText } from '../../../sdk/extension-points/eligibility';
import { ageOn } from './dates';

const K = 'core:eligibility.rules.ageRange';
const years = z.number().int().min(0).max(130).optional();

/** The person's age on the check date is within a range (both ends included: "from 65", "up to 17"). */
export const ageRange = defineEligibilityRule({
  id: 'core.age-range',
  titleKey: `${K}.title`,
  params: z
    .strictObject({ min: years, max: years })
    .refine((p) => p.min !== undefined || p.max !== undefined, { message: `${K}.errors.empty`, path: ['min'] })
    .refine((p) => p.min === undefined || p.max === undefined || p.min <= p.max, { message: `${K}.errors.order`, path: ['max'] }),
  fields: [
    { name: 'min', kind: 'integer', labelKey: `${K}.fields.min` },
    { name: 'max', kind: 'integer', labelKey: `${K}.fields.max` },
  ],
  describe: (params): EligibilityText => {
    if (params.min !== undefined && params.max !== undefined) return { key: `${K}.between`, values: { min: params.min, max: params.max } };
    return params.min !== undefined
      ? { key: `${K}.atLeast`, values: { min: params.min } }
      : { key: `${K}.atMost`, values: { max: params.max ?? 0 } };
  },
  evaluate(facts, params, format): EligibilityVerdict {
    const { birthDate } = facts.person;
    if (!birthDate) return { outcome: 'unknown', reason: { key: `${K}.noBirthDate` } };
    const age = ageOn(birthDate, facts.on);
    const values = { age, on: format.date(facts.on), birthDate: format.date(birthDate) };
    const used = { birthDate, age };
    const within = (params.min === undefined || age >= params.min) && (params.max === undefined || age <= params.max);
    return within
      ? { outcome: 'pass', reason: { key: `${K}.pass`, values }, used }
      : { outcome: 'fail', reason: { key: `${K}.fail`, values }, used };
  },
});
