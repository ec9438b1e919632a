// SPDX-License-Identifier: AGPL-3.0-or-later
import type { z } from 'zod';
import type { RouteContext } from '../../sdk/routes';
import type { FieldError } from '../../sdk/errors';
import type { FormCondition, FormDefinition, FormField } from '../../sdk/extension-points/forms';
import type { Assessment } from './assessments';
import {
  fieldsOf,
  totalFields,
  validCodes,
  visibleFields,
  type AnswerValue,
  type Answers,
  type ClassificationResult,
  type Score,
} from './engine';
import { codeListsOf } from './actions';
import type { assessmentOutput, formOutput } from './schemas';
import { dateTimeFormat, numberFormat } from '../../sdk/formats';

/**
 * How forms and answers are shown: the definition with its labels resolved (API and renderer), each answer
 * as text in the operator's language, the view-models of the form, the read-only page and the comparison.
 */

type Option = { value: string; label: string; points?: number };

/** The options a field offers: a code list's entries valid on the day (plus the codes already answered), or its scale. */
function optionsOf(ctx: RouteContext, field: FormField, on: string, keep: readonly string[] = []): Option[] {
  if (field.type === 'scale') return (field.scale ?? []).map((o) => ({ value: o.value, label: ctx.t(o.labelKey), points: o.points }));
  if (field.type === 'yes-no') return ['yes', 'no'].map((v) => ({ value: v, label: ctx.t(`core:forms.assessments.${v}`) }));
  if (field.type !== 'choice' && field.type !== 'multi-choice') return [];
  const list = codeListsOf(ctx)(field.codeList ?? '');
  const valid = validCodes(list, on);
  return (list?.entries ?? [])
    .filter((e) => valid.includes(e.code) || keep.includes(e.code))
    .map((e) => ({ value: e.code, label: e.label[ctx.locale] }));
}

const condition = (c: FormCondition | undefined) => (c ? { field: c.field, equals: [...c.equals] } : null);

/** The definition as the API gives it: every label in the request's language, options resolved. */
export function describeForm(ctx: RouteContext, form: FormDefinition, on: string): z.input<typeof formOutput> {
  return {
    id: form.id,
    version: form.version,
    title: ctx.t(form.titleKey),
    description: form.descriptionKey ? ctx.t(form.descriptionKey) : null,
    subject: form.subject,
    canSubmit: ctx.can(form.permissions.submit),
    sections: form.sections.map((s) => ({
      id: s.id,
      title: ctx.t(s.titleKey),
      description: s.descriptionKey ? ctx.t(s.descriptionKey) : null,
      visibleWhen: condition(s.visibleWhen),
      fields: s.fields.map((f) => ({
        id: f.id,
        type: f.type,
        label: ctx.t(f.labelKey),
        help: f.helpKey ? ctx.t(f.helpKey) : null,
        required: Boolean(f.required),
        requiredWhen: condition(f.requiredWhen),
        visibleWhen: condition(f.visibleWhen),
        codeList: f.codeList ?? null,
        options: optionsOf(ctx, f, on),
        min: f.min ?? null,
        max: f.max ?? null,
        integer: Boolean(f.integer),
        maxLength: f.maxLength ?? null,
      })),
    })),
    totals: (form.totals ?? []).map((t) => ({
      id: t.id,
      label: ctx.t(t.labelKey),
      fields: totalFields(form, t).map((f) => f.id),
      bands: (t.bands ?? []).map((b) => ({ id: b.id ?? null, from: b.from, to: b.to, label: ctx.t(b.labelKey) })),
    })),
    classifications: (form.classifications ?? []).map((c) => ({
      id: c.id,
      label: ctx.t(c.labelKey),
      totals: [...c.totals],
      profiles: c.profiles.map((p) => ({
        id: p.id,
        label: ctx.t(p.labelKey),
        when: Object.fromEntries(Object.entries(p.when).map(([total, ids]) => [total, [...ids]])),
      })),
    })),
  };
}

export function assessmentJson(ctx: RouteContext, a: Assessment): z.input<typeof assessmentOutput> {
  return {
    id: a.id,
    personId: a.personId,
    cartellaId: a.cartellaId,
    formId: a.formId,
    formVersion: a.formVersion,
    status: a.status,
    assessedOn: a.assessedOn,
    answers: { ...a.answers },
    scores: Object.fromEntries(Object.entries(a.scores).map(([id, s]) => [id, { ...s, band: s.band ? ctx.t(s.band) : null }])),
    classifications: Object.fromEntries(
      Object.entries(a.classifications ?? {}).map(([id, c]) => [
        id,
        { profile: c.profile, label: c.label ? ctx.t(c.label) : null, complete: c.complete },
      ]),
    ),
    correctsId: a.correctsId,
    correctedById: a.correctedById,
    version: a.version,
    createdAt: new Date(a.createdAt).toISOString(),
    author: a.author,
    finalizedAt: a.finalizedAt ? new Date(a.finalizedAt).toISOString() : null,
  };
}

const asList = (v: AnswerValue | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? [...(v as string[])] : [String(v)]);

/** An answer as text: labels for codes, a localized number or date; '' when unanswered. */
export function answerText(ctx: RouteContext, field: FormField, value: AnswerValue | undefined): string {
  if (value === undefined) return '';
  const locale = ctx.locale === 'en' ? 'en-GB' : 'it-IT';
  switch (field.type) {
    case 'number':
      return numberFormat(locale).format(Number(value));
    case 'date':
      return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${String(value)}T00:00:00Z`));
    case 'text':
      return String(value);
    default: {
      const options = optionsOf(ctx, field, '0000-01-01', asList(value));
      return asList(value)
        .map((v) => {
          const o = options.find((x) => x.value === v);
          if (!o) return v;
          return field.type === 'scale' ? ctx.t('core:forms.assessments.points', { label: o.label, count: o.points }) : o.label;
        })
        .join(', ');
    }
  }
}

/** A total as shown: "65 / 100", with its band once complete. */
export function scoreModel(ctx: RouteContext, form: FormDefinition | null, id: string, score: Score | undefined) {
  const total = form?.totals?.find((t) => t.id === id);
  return {
    id,
    label: total ? ctx.t(total.labelKey) : id,
    value: score?.value ?? null,
    max: score?.max ?? null,
    complete: score?.complete ?? false,
    answered: score?.answered ?? 0,
    items: score?.items ?? 0,
    band: score?.band ? ctx.t(score.band) : null,
  };
}

/** The totals of an assessment, in the form's order (and any the current form no longer has, after them). */
export function scoresModel(ctx: RouteContext, form: FormDefinition | null, a: Pick<Assessment, 'scores'>) {
  const ids = [...new Set([...(form?.totals ?? []).map((t) => t.id), ...Object.keys(a.scores)])];
  return ids.map((id) => scoreModel(ctx, form, id, a.scores[id]));
}

/** A classification as shown: its name and the profile, once every total it reads has its band. */
export function classificationModel(ctx: RouteContext, form: FormDefinition | null, id: string, result: ClassificationResult | undefined) {
  const classification = form?.classifications?.find((c) => c.id === id);
  return {
    id,
    label: classification ? ctx.t(classification.labelKey) : id,
    profile: result?.label ? ctx.t(result.label) : null,
    complete: result?.complete ?? false,
  };
}

/**
 * The profiles stored with an assessment, in the form's order (and any the current form no longer has, after
 * them). Only what was stored: an assessment saved before its form had a classification shows none.
 */
export function classificationsModel(ctx: RouteContext, form: FormDefinition | null, a: Pick<Assessment, 'classifications'>) {
  const stored = a.classifications ?? {};
  const ids = [...new Set([...(form?.classifications ?? []).map((c) => c.id), ...Object.keys(stored)])].filter((id) => stored[id]);
  return ids.map((id) => classificationModel(ctx, form, id, stored[id]));
}

/** What the operator sees read-only: sections of label → answer, shown fields only, plus answers the form no longer asks. */
export function answersModel(ctx: RouteContext, form: FormDefinition | null, answers: Answers) {
  const known = new Set(form ? fieldsOf(form).map((f) => f.field.id) : []);
  const shown = form ? visibleFields(form, answers) : new Set<string>();
  const sections = (form?.sections ?? [])
    .map((s) => ({
      id: s.id,
      title: ctx.t(s.titleKey),
      rows: s.fields
        .filter((f) => shown.has(f.id))
        .map((f) => ({ id: f.id, label: ctx.t(f.labelKey), text: answerText(ctx, f, answers[f.id]), multiline: Boolean(f.multiline) })),
    }))
    .filter((s) => s.rows.length);
  const other = Object.entries(answers)
    .filter(([id]) => !known.has(id))
    .map(([id, v]) => ({ id, label: id, text: asList(v).join(', ') }));
  return { sections, other };
}

const FIELD_PARTIALS: Record<FormField['type'], string> = {
  text: 'isText',
  number: 'isNumber',
  date: 'isDate',
  choice: 'isChoice',
  'multi-choice': 'isMultiChoice',
  'yes-no': 'isYesNo',
  scale: 'isScale',
};

/** The raw values a form re-displays: what the operator typed (after an error), or the stored answers. */
export type FormValues = Readonly<Record<string, unknown>>;

function conditionText(ctx: RouteContext, form: FormDefinition, c: FormCondition | undefined): string | null {
  if (!c) return null;
  const target = fieldsOf(form).find((f) => f.field.id === c.field)?.field;
  if (!target) return null;
  const labels = c.equals.map((v) => answerText(ctx, target, target.type === 'multi-choice' ? [v] : v) || v);
  return ctx.t('core:forms.assessments.onlyIf', { field: ctx.t(target.labelKey), values: labels.join(' / ') });
}

/** The bounds of a number field in words, shown with its hint. */
function rangeText(ctx: RouteContext, f: FormField): string | null {
  const n = (v: number) => numberFormat(ctx.locale === 'en' ? 'en-GB' : 'it-IT').format(v);
  if (f.min !== undefined && f.max !== undefined) return ctx.t('core:forms.assessments.range', { min: n(f.min), max: n(f.max) });
  if (f.min !== undefined) return ctx.t('core:forms.assessments.rangeMin', { min: n(f.min) });
  if (f.max !== undefined) return ctx.t('core:forms.assessments.rangeMax', { max: n(f.max) });
  return null;
}

/**
 * The errors as the summary above the form lists them: each named by its question, since the summary is
 * read away from the fields ("Rete familiare: Campo obbligatorio.").
 */
export function summaryErrors(ctx: RouteContext, form: FormDefinition, errors: readonly FieldError[]): FieldError[] {
  const labels = new Map<string, string>(fieldsOf(form).map(({ field }) => [`answers.${field.id}`, ctx.t(field.labelKey)]));
  labels.set('assessedOn', ctx.t('core:forms.assessments.assessedOn'));
  return errors.map((e) => (labels.has(e.field) ? { field: e.field, message: `${labels.get(e.field)}: ${e.message}` } : e));
}

/** The strings the live totals need, their placeholders left for the script to fill. */
export function liveStrings(ctx: RouteContext): string {
  const raw = (key: string) => ctx.t(`core:forms.assessments.${key}`, { skipInterpolation: true });
  return JSON.stringify({ answered: raw('answered'), notComplete: raw('notComplete'), profilePending: raw('profilePending') });
}

/**
 * The renderer's model: every field of every section, in bootstrap-italia markup terms. All fields are
 * rendered; those whose condition does not hold carry it in data attributes, so the script
 * (core:js/assessment-form.js) hides them, and without the script the operator reads the condition next
 * to the field and the server drops what does not apply.
 */
export function formModel(ctx: RouteContext, form: FormDefinition, values: FormValues, errors: readonly FieldError[], on: string) {
  const errorOf = (id: string) => errors.find((e) => e.field === `answers.${id}`)?.message ?? null;
  const field = (f: FormField) => {
    const raw = values[f.id];
    const chosen = asList(raw as AnswerValue | undefined);
    const error = errorOf(f.id);
    const help = [f.helpKey ? ctx.t(f.helpKey) : null, f.type === 'number' ? rangeText(ctx, f) : null].filter(Boolean).join(' ') || null;
    const onlyIf = conditionText(ctx, form, f.visibleWhen);
    const describedBy = [error ? `error-answers.${f.id}` : null, help ? `help-answers.${f.id}` : null, onlyIf ? `if-answers.${f.id}` : null]
      .filter(Boolean)
      .join(' ');
    return {
      id: f.id,
      [FIELD_PARTIALS[f.type]]: true,
      name: `answers[${f.id}]`,
      inputId: `field-answers.${f.id}`,
      label: ctx.t(f.labelKey),
      help,
      onlyIf,
      error,
      describedBy: describedBy || null,
      required: Boolean(f.required),
      requiredWhen: f.requiredWhen ? JSON.stringify(f.requiredWhen) : null,
      visibleWhen: f.visibleWhen ? JSON.stringify(f.visibleWhen) : null,
      multiline: Boolean(f.multiline),
      maxLength: f.type === 'text' ? (f.maxLength ?? (f.multiline ? 4000 : 200)) : null,
      min: f.min ?? null,
      max: f.max ?? null,
      step: f.type === 'number' ? (f.integer ? '1' : 'any') : null,
      value: raw === undefined || raw === null || Array.isArray(raw) ? '' : String(raw),
      options: optionsOf(ctx, f, on, chosen).map((o, i) => ({
        ...o,
        optionId: `field-answers.${f.id}.${i}`,
        checked: chosen.includes(o.value),
      })),
    };
  };
  return {
    sections: form.sections.map((s) => ({
      id: s.id,
      title: ctx.t(s.titleKey),
      description: s.descriptionKey ? ctx.t(s.descriptionKey) : null,
      visibleWhen: s.visibleWhen ? JSON.stringify(s.visibleWhen) : null,
      onlyIf: conditionText(ctx, form, s.visibleWhen),
      fields: s.fields.map(field),
    })),
    totals: (form.totals ?? []).map((t) => ({
      id: t.id,
      label: ctx.t(t.labelKey),
      fields: JSON.stringify(totalFields(form, t).map((f) => f.id)),
      bands: JSON.stringify((t.bands ?? []).map((b) => ({ id: b.id ?? null, from: b.from, to: b.to, label: ctx.t(b.labelKey) }))),
    })),
    // The script names the profile live from the bands it computes, with the same first-match rule as the engine.
    classifications: (form.classifications ?? []).map((c) => ({
      id: c.id,
      label: ctx.t(c.labelKey),
      totals: JSON.stringify(c.totals),
      profiles: JSON.stringify(c.profiles.map((p) => ({ when: p.when, label: ctx.t(p.labelKey) }))),
    })),
  };
}

/**
 * The same form over time: one column per assessment (oldest first), one row per field any of them
 * answered, a cell marked changed when it differs from the column before; then the totals with their bands.
 */
export function compareModel(ctx: RouteContext, form: FormDefinition, list: readonly Assessment[]) {
  const columns = [...list].reverse();
  const shownIn = columns.map((a) => visibleFields(form, a.answers));
  const cells = (values: string[]) => values.map((text, i) => ({ text, changed: i > 0 && text !== values[i - 1], first: i === 0 }));
  const sections = form.sections
    .map((s) => ({
      title: ctx.t(s.titleKey),
      rows: s.fields
        .filter((f) => columns.some((a, i) => shownIn[i]!.has(f.id) && a.answers[f.id] !== undefined))
        .map((f) => {
          const values = columns.map((a, i) => (shownIn[i]!.has(f.id) ? answerText(ctx, f, a.answers[f.id]) : ''));
          return { label: ctx.t(f.labelKey), cells: cells(values), changed: values.some((v, i) => i > 0 && v !== values[i - 1]) };
        }),
    }))
    .filter((s) => s.rows.length);
  const totals = (form.totals ?? []).map((t) => {
    const scores = columns.map((a) => scoreModel(ctx, form, t.id, a.scores[t.id]));
    const values = scores.map((s) => (s.value === null ? '' : `${s.value} / ${s.max}`));
    return {
      label: ctx.t(t.labelKey),
      cells: cells(values).map((c, i) => ({ ...c, band: scores[i]!.band, complete: scores[i]!.complete })),
    };
  });
  // A row per classification any column has stored; older assessments without one show an empty cell.
  const profiles = (form.classifications ?? [])
    .filter((c) => columns.some((a) => a.classifications?.[c.id]))
    .map((c) => {
      const values = columns.map((a) => classificationModel(ctx, form, c.id, a.classifications?.[c.id]).profile ?? '');
      return { label: ctx.t(c.labelKey), cells: cells(values) };
    });
  return {
    span: columns.length + 1,
    profiles,
    columns: columns.map((a) => ({
      id: a.id,
      assessedOn: a.assessedOn,
      draft: a.status === 'draft',
      href: ctx.url('core.assessments.show', { id: a.id }),
      formVersion: a.formVersion,
    })),
    sections,
    totals,
  };
}
