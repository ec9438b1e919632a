// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EligibilityRule } from '../../../sdk/extension-points/eligibility';
import { ageRange } from './age-range';
import { disability } from './disability';
import { householdWithMinors } from './household-with-minors';
import { iseeCeiling } from './isee-ceiling';
import { residence } from './residence';
import { noIncompatibleBenefit } from './no-incompatible-benefit';

/** Core's eligibility rules. */
export const CORE_RULES: readonly EligibilityRule[] = [
  iseeCeiling,
  ageRange,
  residence,
  disability,
  householdWithMinors,
  noIncompatibleBenefit,
];

export { ageRange, disability, householdWithMinors, iseeCeiling, noIncompatibleBenefit, residence };
