// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineKeyedPoint } from '../extension-point';

/**
 * A form is data, never code: the core's engine (core/src/modules/forms/engine.ts) renders it, validates
 * the answers on the server, computes its totals and stores the answers with the form's id and version.
 * Everything here is plain JSON-like data, so that a definition can be checked at start-up, served by the
 * API (`GET /api/v1/forms/:id`) and compared across versions.
 */

export type FormFieldType = 'text' | 'number' | 'date' | 'choice' | 'multi-choice' | 'yes-no' | 'scale';

/**
 * A condition on an earlier answer: true when the answer of `field` is one of `equals` (for a
 * multi-choice field: when any of its chosen codes is). Answers compare as strings: a yes-no answer is
 * `yes` or `no`, a scale answer its option's `value`, a choice its code. A hidden field has no answer.
 */
export interface FormCondition {
  readonly field: string;
  readonly equals: readonly string[];
}

/** One option of a scale item, with the points it scores. */
export interface ScaleOption {
  readonly value: string;
  readonly labelKey: string;
  readonly points: number;
}

export interface FormField {
  /** Unique in the form, kebab-case; the key of the answer. Keep it across versions while the question stays. */
  readonly id: string;
  readonly type: FormFieldType;
  readonly labelKey: string;
  /** A hint shown under the field (what to ask, how to score). */
  readonly helpKey?: string;
  /** Needed to finalize the assessment (a draft may still lack it). */
  readonly required?: boolean;
  /** Needed only when this condition holds, e.g. "who helps" once "receives help" is yes. */
  readonly requiredWhen?: FormCondition;
  /** Shown (and answered) only when this condition holds; a hidden field's answer is dropped. */
  readonly visibleWhen?: FormCondition;
  /** For choice and multi-choice fields: the code list the options come from. */
  readonly codeList?: string;
  /** For scale items: the options and their score. */
  readonly scale?: readonly ScaleOption[];
  /** For number fields: the bounds, inclusive. */
  readonly min?: number;
  readonly max?: number;
  /** For number fields: whole numbers only. */
  readonly integer?: boolean;
  /** For text fields: the longest answer (default 200, or 4000 when multiline). */
  readonly maxLength?: number;
  /** For text fields: a text area for notes rather than a one-line input. */
  readonly multiline?: boolean;
}

export interface FormSection {
  readonly id: string;
  readonly titleKey: string;
  /** An introduction shown under the section's title. */
  readonly descriptionKey?: string;
  /** The whole section is shown only when this condition holds (on a field of an earlier section). */
  readonly visibleWhen?: FormCondition;
  readonly fields: readonly FormField[];
}

/** A range of a total's value, inclusive at both ends, with its meaning (e.g. "total dependence"). */
export interface ScoreBand {
  /**
   * Names the band in the profiles of a classification (kebab-case, unique in its total). Optional, but every
   * band of a total that a classification reads needs one: the profiles name bands, not ranges, so that a
   * change of cut-off moves a value to another band without touching the table.
   */
  readonly id?: string;
  readonly from: number;
  readonly to: number;
  readonly labelKey: string;
}

/**
 * A computed total: the sum of the points of scale items (a Barthel-style index, or a subscale of a larger
 * form), with bands that name what the value means. A band is shown only once every item of the total
 * that is shown has an answer: a partial sum would name the wrong band.
 */
export interface FormTotal {
  /** Unique in the form, kebab-case: the key of the stored score. */
  readonly id: string;
  readonly labelKey: string;
  /** The scale fields summed; every scale field of the form when omitted. */
  readonly fields?: readonly string[];
  /** Non-overlapping ranges; a value outside them has no band. */
  readonly bands?: readonly ScoreBand[];
}

/**
 * One row of a classification's table: for each total it names, the bands (by id) that match, and the
 * profile those bands mean. A total the row does not name matches any of its bands, so a last row with an
 * empty `when` is the table's default.
 */
export interface FormProfile {
  /**
   * Kebab-case: what is stored with the assessment. Several rows may give the same profile ("any domain
   * severe" is a row per domain), always with the same label.
   */
  readonly id: string;
  readonly labelKey: string;
  /** Total id → the ids of its bands that match (any of them). */
  readonly when: Readonly<Record<string, readonly string[]>>;
}

/**
 * A classification derived from the bands of several totals: the combination of bands → a labelled profile,
 * as SVAMA's profilo di autonomia comes from its cognitive, mobility and daily-living levels. The rows are
 * read in order and the first that matches wins. Start-up refuses a table that leaves a combination of bands
 * without a profile, or holds a row that no combination reaches. The profile is named only once every total
 * it reads is complete and has its band (the rule of bands); it is computed on the server with the totals and
 * stored with them.
 */
export interface FormClassification {
  /** Unique in the form, kebab-case: the key of the stored profile. */
  readonly id: string;
  readonly labelKey: string;
  /** The totals whose bands it combines; each must have bands, every one with an `id`. */
  readonly totals: readonly string[];
  readonly profiles: readonly FormProfile[];
}

/** A declarative assessment or intake form; answers are stored with its id and version. */
export interface FormDefinition {
  /** `<plugin id>.<name>`, unique in the installation. */
  readonly id: string;
  /** Raised when the questions change; the answers stored keep the version they were given under. */
  readonly version: number;
  readonly titleKey: string;
  /** A sentence saying what the form is for, shown when choosing one. */
  readonly descriptionKey?: string;
  readonly subject: 'person' | 'household' | 'cartella' | 'access';
  readonly sections: readonly FormSection[];
  /** Computed totals over scale items, each with its bands. */
  readonly totals?: readonly FormTotal[];
  /** Profiles derived from the bands of the totals, each from its own table. */
  readonly classifications?: readonly FormClassification[];
  /** Who may read the assessments made with this form, and who may fill it in; both must be declared permissions. */
  readonly permissions: { readonly view: string; readonly submit: string };
}
export const Forms = defineKeyedPoint<FormDefinition>('sigess.forms', (f) => f.id);
