// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EligibilityRule } from '../../../sdk/extension-points/eligibility';
import { ageRange } from './age-range';
import { disability } from './disability';
import { householdWithMinors } from './household-with-minors';
import { iseeCeiling } from './isee-ceiling';
import { residence } from './residence';

/**
 * Core's eligibility rules. "No incompatible benefit" needs the interventi of the cartella, which do not
 * exist yet: it arrives with them.
 */
export const CORE_RULES: readonly EligibilityRule[] = [iseeCeiling, ageRange, residence, disability, householdWithMinors];

export { ageRange, disability, householdWithMinors, iseeCeiling, residence };
