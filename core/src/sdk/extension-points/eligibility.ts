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

/** An answer as the forms engine stores it: text, a date or a code as a string, a number, or a multi-choice's codes. */
export type AssessmentAnswer = string | number | readonly string[];

/** A total of an assessment, as computed when the assessment was saved. */
export interface AssessmentScoreFact {
  readonly value: number;
  /** The most the shown items could score. */
  readonly max: number;
  /** Every shown item of the total was answered: only then does it name a band. */
  readonly complete: boolean;
  /** The band's label key, when complete and the value falls in one. */
  readonly band: string | null;
}

/**
 * A person's latest final assessment with one form, assessed on or before the check date: what the assessors
 * found, as the forms engine stored it (answers by field id, totals by total id).
 */
export interface AssessmentFact {
  readonly id: string;
  readonly formId: string;
  /** The version of the form the answers were given under: a rule reading field ids may need to know it. */
  readonly formVersion: number;
  /** The day the person was assessed (ISO). */
  readonly assessedOn: string;
  readonly answers: Readonly<Record<string, AssessmentAnswer>>;
  readonly scores: Readonly<Record<string, AssessmentScoreFact>>;
}

/** A comuni-bearing level of the organization tree: an organization and the comuni of its subtree. */
export interface TerritoryLevel {
  /** The organization's kind: `region`, `ambito`, `distretto`, `zona-sociale`, `comune`, `municipio`, … */
  readonly kind: string;
  /** Its internal code (`demo-ambito`). */
  readonly code: string;
  readonly name: string;
  /** The comuni of its subtree (cadastral code and name); empty when none is below it (an ASL, a municipio). */
  readonly comuni: readonly { readonly code: string; readonly name: string }[];
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
  /**
   * For each form, the person's latest final assessment assessed on or before the check date, newest first;
   * a final correction replaces the assessment it corrects. Only what the request may read: rows of its
   * organizations (row-level security), of forms whose `view` permission it holds, and none at all without
   * `core.assessments.view`.
   */
  readonly assessments: readonly AssessmentFact[];
  /**
   * Forms the organization has whose assessments the request may not read: a rule that needs one of them
   * answers "unknown, not readable by you" rather than "no assessment yet". Drafts are never facts.
   */
  readonly unreadableForms: readonly string[];
  /**
   * The territory of the organization offering the service (or, without an offer, of the one whose data the
   * request works on): its name, kind and code, the comuni of its subtree, and its ancestors up to the root,
   * nearest first, each with the comuni of its own subtree. A measure decided by a distretto but offered by
   * one of its comuni asks the nearest ancestor of that kind.
   */
  readonly territory: {
    readonly organization: string;
    readonly kind: string;
    readonly code: string;
    readonly comuni: readonly { readonly code: string; readonly name: string }[];
    readonly ancestors: readonly TerritoryLevel[];
  };
}

/** Values for a rule's messages, formatted in the request's language. */
export interface EligibilityFormat {
  /** `15.000 €`, `12.300,50 €` */
  money(euro: number): string;
  /** `31/12/2026` */
  date(iso: string): string;
  /** A measure as the language writes it: `9,5`, `1.200` (`9.5`, `1,200` in English). */
  number(value: number): string;
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
