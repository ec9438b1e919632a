// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EligibilityRule } from '@sigess/core/sdk';
import { disabilitaGravissima } from './disabilita-gravissima';
import { residenceInDistretto } from './residence-in-distretto';

/**
 * Lazio's eligibility rules. The ISEE ceiling of its measures is core's `core.isee-ceiling` with parameters
 * (see docs/plugins/lazio.md, "Eligibility rules"): a ceiling is a yearly figure, never code.
 */
export const LAZIO_RULES: readonly EligibilityRule[] = [disabilitaGravissima, residenceInDistretto];

export { disabilitaGravissima, residenceInDistretto };
