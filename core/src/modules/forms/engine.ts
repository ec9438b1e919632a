// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TFunction } from 'i18next';
import type { CodeList } from '../../sdk/extension-points/code-lists';
import type { FieldError } from '../../sdk/errors';
import type {
  FormClassification,
  FormCondition,
  FormDefinition,
  FormField,
  FormProfile,
  FormSection,
  FormTotal,
  ScoreBand,
} from '../../sdk/extension-points/forms';

/**
 * The forms engine: what a declarative FormDefinition means for a set of answers. Pure functions, no I/O,
 * so the pages, the API and the tests all get the same answers: which fields are shown, whether the answers
 * are acceptable (one i18n message per field), the totals with their bands, and the profiles their bands make.
 */

/** A stored answer: text, a date or a code as a string, a number, or the codes of a multi-choice. */
export type AnswerValue = string | number | readonly string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** One problem with one answer: an i18n key and its parameters, about a field id (or `_` for the whole). */
export interface FormIssue {
  readonly field: string;
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A total as computed for a set of answers. */
export interface Score {
  readonly value: number;
  /** The most the shown items could score. */
  readonly max: number;
  /** How many of the total's shown items have an answer, of how many. */
  readonly answered: number;
  readonly items: number;
  /** Every shown item has an answer: only then is a band named. */
  readonly complete: boolean;
  /** The band's label key, when complete and the value falls in one. */
  readonly band: string | null;
}
export type Scores = Readonly<Record<string, Score>>;

/** A classification as computed for a set of totals. */
export interface ClassificationResult {
  /** The profile's id, once every total it reads is complete and has a band. */
  readonly profile: string | null;
  /** The profile's label key (kept with the assessment, like a band's, so it reads the same later). */
  readonly label: string | null;
  /** Every total it reads is complete and has a band: only then is a profile named. */
  readonly complete: boolean;
}
export type Classifications = Readonly<Record<string, ClassificationResult>>;

export interface ReadOptions {
  /** The code lists the organization sees, by id. */
  readonly codeList: (id: string) => CodeList | undefined;
  /** Finalizing: every required field shown must be answered. A draft may lack them. */
  readonly final: boolean;
  /** The day codes must be valid on (YYYY-MM-DD): the assessment's date. */
  readonly on: string;
}

export interface ReadResult {
  /** The acceptable answers of the fields shown, normalized; nothing of hidden or unknown fields. */
  readonly answers: Answers;
  readonly issues: readonly FormIssue[];
}

export const YES_NO = ['yes', 'no'] as const;
const DEFAULT_MAX_LENGTH = 200;
const DEFAULT_MULTILINE_MAX_LENGTH = 4000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER = /^[-+]?\d+([.,]\d+)?$/;

/** Every field of the form with its section, in the order the form shows them. */
export function fieldsOf(form: FormDefinition): { field: FormField; section: FormSection }[] {
  return form.sections.flatMap((section) => section.fields.map((field) => ({ field, section })));
}

export function scaleFieldsOf(form: FormDefinition): FormField[] {
  return fieldsOf(form)
    .map((f) => f.field)
    .filter((f) => f.type === 'scale');
}

/** The fields a total sums: those it names, or every scale field. */
export function totalFields(form: FormDefinition, total: FormTotal): FormField[] {
  const scale = scaleFieldsOf(form);
  return total.fields ? scale.filter((f) => total.fields!.includes(f.id)) : scale;
}

/** An answer as the strings conditions compare with. */
function answerStrings(value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly string[])] : [String(value)];
}

export function conditionHolds(condition: FormCondition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  return answerStrings(answers[condition.field]).some((v) => condition.equals.includes(v));
}

/**
 * The ids of the fields shown for these answers. Conditions name earlier fields (the start-up checks make
 * sure), so one pass in form order settles it: a field hidden by its condition has no answer for the
 * fields after it either.
 */
export function visibleFields(form: FormDefinition, answers: Answers): Set<string> {
  const shown = new Set<string>();
  const seen: Record<string, AnswerValue> = {};
  for (const section of form.sections) {
    const sectionShown = conditionHolds(section.visibleWhen, seen);
    for (const field of section.fields) {
      if (sectionShown && conditionHolds(field.visibleWhen, seen)) {
        shown.add(field.id);
        if (answers[field.id] !== undefined) seen[field.id] = answers[field.id]!;
      }
    }
  }
  return shown;
}

/** The answers of the shown fields only. */
export function keepVisible(form: FormDefinition, answers: Answers): Answers {
  const shown = visibleFields(form, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => shown.has(id)));
}

const blank = (v: unknown): boolean =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);

/** Codes of a list valid on a day: an expired code stays readable in old answers, but is not given anew. */
export function validCodes(list: CodeList | undefined, on: string): string[] {
  return (list?.entries ?? []).filter((e) => (!e.validFrom || e.validFrom <= on) && (!e.validTo || e.validTo >= on)).map((e) => e.code);
}

type Normalized = { ok: true; value: AnswerValue } | { ok: false; key: string; params?: Record<string, string | number> };

/** One answer, as a form posts it (strings) or as the API sends it (typed), checked against its field. */
function normalize(field: FormField, raw: unknown, options: ReadOptions): Normalized {
  switch (field.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, key: 'core:validation.type' };
      const value = raw.trim();
      const max = field.maxLength ?? (field.multiline ? DEFAULT_MULTILINE_MAX_LENGTH : DEFAULT_MAX_LENGTH);
      return value.length > max ? { ok: false, key: 'core:validation.maxLength', params: { count: max } } : { ok: true, value };
    }
    case 'number': {
      const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
      // Italian operators type a decimal comma.
      const value = typeof raw === 'number' ? raw : NUMBER.test(text) ? Number(text.replace(',', '.')) : NaN;
      if (!Number.isFinite(value)) return { ok: false, key: 'core:forms.errors.number' };
      if (field.integer && !Number.isInteger(value)) return { ok: false, key: 'core:forms.errors.integer' };
      if (field.min !== undefined && value < field.min) return { ok: false, key: 'core:validation.min', params: { min: field.min } };
      if (field.max !== undefined && value > field.max) return { ok: false, key: 'core:validation.max', params: { max: field.max } };
      return { ok: true, value };
    }
    case 'date': {
      if (typeof raw !== 'string' || !ISO_DATE.test(raw.trim())) return { ok: false, key: 'core:validation.date' };
      const value = raw.trim();
      const date = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value
        ? { ok: false, key: 'core:validation.date' }
        : { ok: true, value };
    }
    case 'yes-no': {
      const value = raw === true || raw === 'true' ? 'yes' : raw === false || raw === 'false' ? 'no' : raw;
      return typeof value === 'string' && (YES_NO as readonly string[]).includes(value)
        ? { ok: true, value }
        : { ok: false, key: 'core:validation.choice' };
    }
    case 'scale': {
      const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : null;
      return value !== null && (field.scale ?? []).some((o) => o.value === value)
        ? { ok: true, value }
        : { ok: false, key: 'core:validation.choice' };
    }
    case 'choice': {
      const codes = validCodes(options.codeList(field.codeList ?? ''), options.on);
      return typeof raw === 'string' && codes.includes(raw) ? { ok: true, value: raw } : { ok: false, key: 'core:validation.choice' };
    }
    case 'multi-choice': {
      // A form posts one checked box as a string, several as an array.
      const list = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : null;
      if (!list || !list.every((v) => typeof v === 'string')) return { ok: false, key: 'core:validation.type' };
      const codes = validCodes(options.codeList(field.codeList ?? ''), options.on);
      const chosen = [...new Set((list as string[]).filter((v) => v !== ''))];
      if (!chosen.every((v) => codes.includes(v))) return { ok: false, key: 'core:validation.choice' };
      // Kept in the list's order, so that equal choices compare equal.
      return { ok: true, value: codes.filter((c) => chosen.includes(c)) };
    }
  }
}

/**
 * Reads a set of answers against the form: unknown field ids are refused, each answer is checked against
 * its field, the answers of fields hidden by what was answered are dropped (the operator may have filled
 * one in, then changed the answer that shows it), and, when finalizing, required fields must be answered.
 */
export function readAnswers(form: FormDefinition, raw: unknown, options: ReadOptions): ReadResult {
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) {
    return { answers: {}, issues: [{ field: '_', key: 'core:validation.type' }] };
  }
  const input = (raw ?? {}) as Record<string, unknown>;
  const fields = new Map(fieldsOf(form).map(({ field }) => [field.id, field]));
  const issues: FormIssue[] = Object.keys(input)
    .filter((id) => !fields.has(id))
    .map((id) => ({ field: id, key: 'core:validation.unknownFields', params: { fields: id } }));
  const typed: Record<string, AnswerValue> = {};
  const problems = new Map<string, FormIssue>();
  for (const [id, field] of fields) {
    if (blank(input[id])) continue;
    const result = normalize(field, input[id], options);
    if (result.ok) typed[id] = result.value;
    else problems.set(id, { field: id, key: result.key, ...(result.params ? { params: result.params } : {}) });
  }
  const shown = visibleFields(form, typed);
  const answers = Object.fromEntries(Object.entries(typed).filter(([id]) => shown.has(id)));
  for (const { field } of fieldsOf(form)) {
    if (!shown.has(field.id)) continue;
    const problem = problems.get(field.id);
    if (problem) issues.push(problem);
    else if (
      options.final &&
      answers[field.id] === undefined &&
      (field.required || (field.requiredWhen && conditionHolds(field.requiredWhen, answers)))
    )
      issues.push({ field: field.id, key: 'core:validation.required' });
  }
  return { answers, issues };
}

/** The band a value falls in, if any. */
export function bandAt(total: FormTotal, value: number): ScoreBand | undefined {
  return total.bands?.find((b) => value >= b.from && value <= b.to);
}

/** The label key of the band a value falls in, if any. */
export function bandOf(total: FormTotal, value: number): string | null {
  return bandAt(total, value)?.labelKey ?? null;
}

/** Every total of the form for these answers (the answers of shown fields: see readAnswers). */
export function computeScores(form: FormDefinition, answers: Answers): Scores {
  const shown = visibleFields(form, answers);
  const scores: Record<string, Score> = {};
  for (const total of form.totals ?? []) {
    const items = totalFields(form, total).filter((f) => shown.has(f.id));
    let value = 0;
    let max = 0;
    let answered = 0;
    for (const item of items) {
      const options = item.scale ?? [];
      max += Math.max(0, ...options.map((o) => o.points));
      const chosen = options.find((o) => o.value === answers[item.id]);
      if (chosen) {
        value += chosen.points;
        answered += 1;
      }
    }
    const complete = items.length > 0 && answered === items.length;
    scores[total.id] = { value, max, answered, items: items.length, complete, band: complete ? bandOf(total, value) : null };
  }
  return scores;
}

/** Whether a row of a classification matches these bands (total id → band id): a total it does not name matches any band. */
export function profileMatches(profile: FormProfile, bands: Readonly<Record<string, string>>): boolean {
  return Object.entries(profile.when).every(([total, ids]) => ids.includes(bands[total] ?? ''));
}

/** The first row of the table that matches these bands. */
export function profileFor(classification: FormClassification, bands: Readonly<Record<string, string>>): FormProfile | undefined {
  return classification.profiles.find((p) => profileMatches(p, bands));
}

/**
 * Every classification of the form for these totals (computeScores'): a profile is named only when each
 * total it reads is complete and falls in a band, as a band is named only on a complete total.
 */
export function computeClassifications(form: FormDefinition, scores: Scores): Classifications {
  const result: Record<string, ClassificationResult> = {};
  for (const classification of form.classifications ?? []) {
    const bands: Record<string, string> = {};
    for (const id of classification.totals) {
      const total = form.totals?.find((t) => t.id === id);
      const score = scores[id];
      const band = total && score?.complete ? bandAt(total, score.value)?.id : undefined;
      if (band) bands[id] = band;
    }
    const complete = classification.totals.every((id) => bands[id] !== undefined);
    const profile = complete ? profileFor(classification, bands) : undefined;
    result[classification.id] = { profile: profile?.id ?? null, label: profile?.labelKey ?? null, complete };
  }
  return result;
}

/** The issues as forms show them beside their fields and the API lists them: `answers.<field id>`. */
export function localizeIssues(issues: readonly FormIssue[], t: TFunction): FieldError[] {
  return issues.map((i) => ({ field: i.field === '_' ? 'answers' : `answers.${i.field}`, message: t(i.key, { ...i.params }) }));
}
