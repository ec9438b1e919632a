// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { defineEligibilityRule, type EligibilityVerdict } from '../../../sdk/extension-points/eligibility';
import { ageOn } from './dates';

const K = 'core:eligibility.rules.householdWithMinors';

/** The person's current household has a member under 18 on the check date (the person included). */
export const householdWithMinors = defineEligibilityRule({
  id: 'core.household-with-minors',
  titleKey: `${K}.title`,
  params: z.strictObject({}),
  fields: [],
  describe: () => ({ key: `${K}.describe` }),
  evaluate(facts, _params, format): EligibilityVerdict {
    const on = format.date(facts.on);
    if (!facts.household) return { outcome: 'unknown', reason: { key: `${K}.noHousehold`, values: { on } } };
    const members = facts.household.members;
    const ages = members.flatMap((m) => (m.birthDate ? [ageOn(m.birthDate, facts.on)] : []));
    const minors = ages.filter((a) => a < 18);
    const used = { members: members.length, minors: minors.length };
    if (minors.length) {
      return { outcome: 'pass', reason: { key: `${K}.pass`, values: { count: minors.length, youngest: Math.min(...minors), on } }, used };
    }
    const undated = members.length - ages.length;
    if (undated) return { outcome: 'unknown', reason: { key: `${K}.undated`, values: { count: undated, on } }, used };
    return { outcome: 'fail', reason: { key: `${K}.fail`, values: { count: members.length, on } }, used };
  },
});
