// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineManyPoint } from '../extension-point';
import type { RequestCtx } from '../context';

export interface EligibilityInput {
  readonly personId: string;
  readonly catalogueCode: string;
  /** Facts gathered by the core (age, residence, ISEE, disability) keyed by name. */
  readonly facts: Readonly<Record<string, unknown>>;
}

export interface EligibilityReason {
  readonly code: string;
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, unknown>>;
}

export interface EligibilityOutcome {
  readonly outcome: 'eligible' | 'not-eligible' | 'needs-info';
  readonly reasons: readonly EligibilityReason[];
}

/** An explainable requirement check: every outcome carries its reasons. */
export interface EligibilityRule {
  readonly id: string;
  /** Catalogue codes it applies to, or '*' for all. */
  readonly appliesTo: readonly string[] | '*';
  readonly position?: number;
  evaluate(input: EligibilityInput, ctx: RequestCtx): Promise<EligibilityOutcome>;
}
export const EligibilityRules = defineManyPoint<EligibilityRule>('sigess.eligibility-rules');
