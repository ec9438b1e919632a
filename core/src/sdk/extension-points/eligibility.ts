// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import { defineKeyedPoint } from '../extension-point';
import type { RequestCtx } from '../context';

/** The ISEE types of DPCM 159/2013 (SISO's `TipoIsee`): which one a measure asks for is part of its requirement. */
export const ISEE_TYPES = [
  'ordinario',
  'minorenni',
  'socio-sanitario',
  'socio-sanitario-residenziale',
  'universitario',
  'corrente',
] as const;
export type IseeType = (typeof ISEE_TYPES)[number];

/** One ISEE attestation that concerns the person: their own, or their household's. */
export interface IseeFact {
  readonly type: IseeType;
  /** The ISEE value, in euro. */
  readonly value: number;
  readonly ise: number | null;
  readonly scale: number | null;
  /** The DSU protocol, `INPS-ISEE-…`. */
  readonly protocol: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  /** Issued on or before the check date and not expired on it. */
  readonly valid: boolean;
}

/** A certification of civil invalidity or handicap (L. 104/1992). */
export interface DisabilityFact {
  /** Civil invalidity, in percent. */
  readonly invalidityPercent: number | null;
  /** L. 104/1992 art. 3: comma 1 (handicap) or comma 3 (handicap in situazione di gravità). */
  readonly law104: 'c1' | 'c3' | null;
  /** Indennità di accompagnamento. */
  readonly accompaniment: boolean;
  readonly certifiedOn: string;
  /** The revision date; null when the certification is permanent. */
  readonly expiresOn: string | null;
  readonly valid: boolean;
}

/**
 * What the core knows about a person on the check date, gathered once per check and handed to every
 * rule: rules are functions of these facts and their parameters, so each can be tested without a database.
 */
export interface EligibilityFacts {
  /** The date the requirements are checked on (ISO). */
  readonly on: string;
  readonly person: {
    readonly id: string;
    readonly birthDate: string | null;
    readonly deceasedDate: string | null;
    /** The comune of residence (cadastral code and name); null when none is recorded. */
    readonly residence: { readonly comuneCode: string; readonly comuneName: string } | null;
    /** Senza fissa dimora: no usable address is recorded. */
    readonly noFixedAbode: boolean;
  };
  /** The person's current household (the famiglia anagrafica first, else the cohabiting one), or null. */
  readonly household: {
    readonly id: string;
    readonly members: readonly { readonly personId: string; readonly birthDate: string | null }[];
  } | null;
  /** The person's and the household's ISEE attestations, valid or not, newest first. */
  readonly isee: readonly IseeFact[];
  /** The person's disability certifications, valid or not, newest first. */
  readonly disability: readonly DisabilityFact[];
  /** The territory of the organization offering the service: its name and the comuni of its subtree. */
  readonly territory: {
    readonly organization: string;
    readonly comuni: readonly { readonly code: string; readonly name: string }[];
  };
}

/** Values for a rule's messages, formatted in the request's language. */
export interface EligibilityFormat {
  /** `15.000 €`, `12.300,50 €` */
  money(euro: number): string;
  /** `31/12/2026` */
  date(iso: string): string;
  /** `ordinario, minorenni o corrente`; `and` joins with "e". */
  list(items: readonly string[], kind?: 'or' | 'and'): string;
}

/**
 * A sentence: an i18n key (`core:…`, `<plugin id>:…`) and its values. A value may itself be a sentence,
 * translated first, or a list of them, translated and joined with "and" ("invalidità civile almeno 74%
 * e indennità di accompagnamento").
 */
export interface EligibilityText {
  readonly key: string;
  readonly values?: Readonly<Record<string, EligibilityValue>>;
}
export type EligibilityValue = string | number | EligibilityText | readonly EligibilityText[];

export type EligibilityOutcome = 'pass' | 'fail' | 'unknown';

/**
 * A requirement's answer: pass, fail, or unknown (the data to decide are missing), always with the
 * reason in plain words (which data, which threshold) and the data it used.
 */
export interface EligibilityVerdict {
  readonly outcome: EligibilityOutcome;
  /** The engine adds `requirement` (the requirement in words) to its values. */
  readonly reason: EligibilityText;
  /** The data the rule looked at, for the API and the record: never more than the reason names. */
  readonly used?: Readonly<Record<string, string | number | boolean | null>>;
}

/** A field of a rule's parameters, as the offer form shows it. */
export interface RuleField {
  readonly name: string;
  readonly kind: 'number' | 'integer' | 'boolean' | 'choice' | 'multi-choice';
  readonly labelKey: string;
  readonly hintKey?: string;
  /** For `choice` and `multi-choice`. */
  readonly options?: readonly { readonly code: string; readonly labelKey: string }[];
}

/**
 * An explainable requirement check, named by catalogue entries and organizations' offers with its
 * parameters. `params` validates them (where an entry or an offer names the rule, and again before
 * each check); `describe` says the requirement in words; `evaluate` answers it from the facts.
 */
export interface EligibilityRule<S extends z.ZodType = z.ZodType> {
  /** `<plugin id>.<name>`: `core.isee-ceiling`. */
  readonly id: string;
  /** Its name in the offer form: "ISEE ceiling". */
  readonly titleKey: string;
  readonly params: S;
  /** The parameters as the offer form edits them (empty for a rule without parameters). */
  readonly fields: readonly RuleField[];
  describe(params: z.output<S>, format: EligibilityFormat): EligibilityText;
  evaluate(
    facts: EligibilityFacts,
    params: z.output<S>,
    format: EligibilityFormat,
    ctx: RequestCtx,
  ): EligibilityVerdict | Promise<EligibilityVerdict>;
}
export const EligibilityRules = defineKeyedPoint<EligibilityRule>('sigess.eligibility-rules', (r) => r.id);

/** Types a rule from its parameters' schema: `defineEligibilityRule({ id, params: z.object(…), … })`. */
export function defineEligibilityRule<S extends z.ZodType>(rule: EligibilityRule<S>): EligibilityRule<S> {
  return rule;
}
