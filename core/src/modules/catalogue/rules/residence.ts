// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { defineEligibilityRule, type EligibilityVerdict } from '../../../sdk/extension-points/eligibility';

const K = 'core:eligibility.rules.residence';

/**
 * The person lives in the territory of the organization offering the service: their comune of
 * residence is one of the comuni in that organization's subtree (a comune's own, an ambito's several).
 * An organization with no comune below it serves the territory of the nearest one above that has some:
 * a municipio its city's, a desk its comune's (the registry records a comune of residence, not a municipio).
 */
export const residence = defineEligibilityRule({
  id: 'core.residence',
  titleKey: `${K}.title`,
  params: z.strictObject({}),
  fields: [],
  describe: () => ({ key: `${K}.describe` }),
  evaluate(facts, _params, format): EligibilityVerdict {
    const { territory } = facts;
    const above = territory.comuni.length ? undefined : territory.ancestors.find((a) => a.comuni.length);
    const organization = above?.name ?? territory.organization;
    const comuni = above?.comuni ?? territory.comuni;
    if (!comuni.length) return { outcome: 'unknown', reason: { key: `${K}.noTerritory`, values: { organization } } };
    const home = facts.person.residence;
    if (!home) return { outcome: 'unknown', reason: { key: facts.person.noFixedAbode ? `${K}.noFixedAbode` : `${K}.noResidence` } };
    const used = { comuneCode: home.comuneCode };
    const values = { comune: home.comuneName, organization };
    return comuni.some((c) => c.code === home.comuneCode)
      ? { outcome: 'pass', reason: { key: `${K}.pass`, values }, used }
      : {
          outcome: 'fail',
          reason: {
            key: `${K}.fail`,
            values: {
              ...values,
              comuni: format.list(
                comuni.map((c) => c.name),
                'and',
              ),
            },
          },
          used,
        };
  },
});
