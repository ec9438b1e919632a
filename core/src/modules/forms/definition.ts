// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormCondition, FormDefinition, FormField } from '../../sdk/extension-points/forms';
import { fieldsOf, scaleFieldsOf } from './engine';

/**
 * What start-up checks in a form's structure, so that a broken definition stops the server with a clear
 * line instead of failing on an operator's screen: unique ids, options where a type needs them, conditions
 * on earlier fields only (which is what lets the engine settle visibility in one pass), totals over scale
 * items with bands that do not overlap. Translations and permissions are checked with every other
 * contribution's (kernel/seal-checks.ts), using `formLabelKeys`.
 */

const ID = /^[a-z][a-z0-9-]*$/;
const CONDITIONABLE: readonly FormField['type'][] = ['choice', 'multi-choice', 'yes-no', 'scale'];

function conditionProblems(
  what: string,
  condition: FormCondition | undefined,
  earlier: ReadonlyMap<string, FormField>,
  all: ReadonlySet<string>,
): string[] {
  if (!condition) return [];
  const target = earlier.get(condition.field);
  if (!target) {
    return [
      all.has(condition.field)
        ? `${what} depends on "${condition.field}", which comes later: a condition names an earlier field`
        : `${what} depends on the unknown field "${condition.field}"`,
    ];
  }
  const problems: string[] = [];
  if (!CONDITIONABLE.includes(target.type)) problems.push(`${what} depends on "${target.id}", a ${target.type} field: only choices can`);
  if (!condition.equals?.length) problems.push(`${what} has a condition that lists no value`);
  return problems;
}

function fieldProblems(field: FormField, what: string): string[] {
  const problems: string[] = [];
  if ((field.type === 'choice' || field.type === 'multi-choice') && !field.codeList) problems.push(`${what} names no code list`);
  if (field.type === 'scale') {
    const options = field.scale ?? [];
    if (options.length < 2) problems.push(`${what} has fewer than two scale options`);
    if (new Set(options.map((o) => o.value)).size !== options.length) problems.push(`${what} repeats a scale value`);
    if (options.some((o) => !Number.isFinite(o.points))) problems.push(`${what} has a scale option without a number of points`);
  }
  if (field.min !== undefined && field.max !== undefined && field.min > field.max) problems.push(`${what} has its min above its max`);
  if (field.maxLength !== undefined && !(Number.isInteger(field.maxLength) && field.maxLength > 0))
    problems.push(`${what} has a maxLength that is not a positive whole number`);
  return problems;
}

/** Problems in the form's structure, one line each; empty when it is sound. */
export function formStructureProblems(form: FormDefinition): string[] {
  const what = `form "${form.id}"`;
  const problems: string[] = [];
  if (!Number.isInteger(form.version) || form.version < 1) problems.push(`${what}: version must be a whole number from 1`);
  const all = new Set<string>();
  for (const { field } of fieldsOf(form)) {
    if (!ID.test(field.id)) problems.push(`${what}: field id "${field.id}" must be kebab-case`);
    if (all.has(field.id)) problems.push(`${what}: field id "${field.id}" is used twice`);
    all.add(field.id);
  }
  const sections = new Set<string>();
  const earlier = new Map<string, FormField>();
  for (const section of form.sections) {
    if (sections.has(section.id)) problems.push(`${what}: section id "${section.id}" is used twice`);
    sections.add(section.id);
    problems.push(...conditionProblems(`${what}, section "${section.id}",`, section.visibleWhen, earlier, all));
    for (const field of section.fields) {
      const fieldWhat = `${what}, field "${field.id}",`;
      problems.push(...fieldProblems(field, fieldWhat));
      problems.push(...conditionProblems(fieldWhat, field.visibleWhen, earlier, all));
      problems.push(...conditionProblems(fieldWhat, field.requiredWhen, earlier, all));
      earlier.set(field.id, field);
    }
  }
  const scale = new Set(scaleFieldsOf(form).map((f) => f.id));
  const totals = new Set<string>();
  for (const total of form.totals ?? []) {
    const totalWhat = `${what}, total "${total.id}",`;
    if (!ID.test(total.id)) problems.push(`${totalWhat} id must be kebab-case`);
    if (totals.has(total.id)) problems.push(`${totalWhat} id is used twice`);
    totals.add(total.id);
    for (const id of total.fields ?? []) if (!scale.has(id)) problems.push(`${totalWhat} sums "${id}", which is not a scale field`);
    if (!(total.fields ?? [...scale]).length) problems.push(`${totalWhat} sums no scale field`);
    const bands = [...(total.bands ?? [])].sort((a, b) => a.from - b.from);
    bands.forEach((band, i) => {
      if (band.from > band.to) problems.push(`${totalWhat} band "${band.labelKey}" starts after it ends`);
      if (i > 0 && band.from <= bands[i - 1]!.to) problems.push(`${totalWhat} band "${band.labelKey}" overlaps the one before`);
    });
  }
  return problems;
}

/** Every i18n key the form names: they must exist in Italian and English. */
export function formLabelKeys(form: FormDefinition): (string | undefined)[] {
  return [
    form.titleKey,
    form.descriptionKey,
    ...form.sections.flatMap((s) => [
      s.titleKey,
      s.descriptionKey,
      ...s.fields.flatMap((f) => [f.labelKey, f.helpKey, ...(f.scale ?? []).map((o) => o.labelKey)]),
    ]),
    ...(form.totals ?? []).flatMap((t) => [t.labelKey, ...(t.bands ?? []).map((b) => b.labelKey)]),
  ];
}

/** The code lists the form's choice fields name. */
export function formCodeLists(form: FormDefinition): string[] {
  return [
    ...new Set(
      fieldsOf(form)
        .map((f) => f.field.codeList)
        .filter((id): id is string => Boolean(id)),
    ),
  ];
}
