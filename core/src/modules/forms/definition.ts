// SPDX-License-Identifier: AGPL-3.0-or-later
import type {
  FormClassification,
  FormCondition,
  FormDefinition,
  FormField,
  FormProfile,
  FormTotal,
} from '../../sdk/extension-points/forms';
import { fieldsOf, profileFor, scaleFieldsOf } from './engine';

/**
 * What start-up checks in a form's structure, so that a broken definition stops the server with a clear
 * line instead of failing on an operator's screen: unique ids, options where a type needs them, conditions
 * on earlier fields only (which is what lets the engine settle visibility in one pass), totals over scale
 * items with bands that do not overlap, classification tables that give every combination of bands exactly
 * one reachable profile. Translations and permissions are checked with every other
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
    const bandIds = new Set<string>();
    for (const band of total.bands ?? []) {
      if (band.id === undefined) continue;
      if (!ID.test(band.id)) problems.push(`${totalWhat} band id "${band.id}" must be kebab-case`);
      if (bandIds.has(band.id)) problems.push(`${totalWhat} band id "${band.id}" is used twice`);
      bandIds.add(band.id);
    }
  }
  const classifications = new Set<string>();
  for (const classification of form.classifications ?? []) {
    const classWhat = `${what}, classification "${classification.id}",`;
    if (!ID.test(classification.id)) problems.push(`${classWhat} id must be kebab-case`);
    if (classifications.has(classification.id)) problems.push(`${classWhat} id is used twice`);
    classifications.add(classification.id);
    problems.push(...classificationProblems(classWhat, classification, form.totals ?? []));
  }
  return problems;
}

/** More combinations than this is a table nobody can read, and too many to check at start-up. */
const MAX_COMBINATIONS = 4096;

/**
 * A classification's table: it reads known totals whose bands all have ids, its rows name only those totals
 * and bands, and, read in order (first match wins), every combination of bands gets a profile and every row is
 * the first match of some combination. A gap would leave an operator with a complete assessment and no
 * profile; an unreachable row is a mistake in the table (usually two rows for one combination).
 */
function classificationProblems(what: string, classification: FormClassification, totals: readonly FormTotal[]): string[] {
  const problems: string[] = [];
  const read = classification.totals ?? [];
  if (!read.length) problems.push(`${what} reads no total`);
  if (new Set(read).size !== read.length) problems.push(`${what} reads a total twice`);
  const bandsOf = new Map<string, string[]>();
  for (const id of read) {
    const total = totals.find((t) => t.id === id);
    if (!total) problems.push(`${what} reads the unknown total "${id}"`);
    else if (!total.bands?.length) problems.push(`${what} reads the total "${id}", which has no bands`);
    else if (total.bands.some((b) => !b.id)) problems.push(`${what} reads the total "${id}", whose bands need an id each`);
    else {
      const ids = total.bands.map((b) => b.id!);
      bandsOf.set(id, ids);
    }
  }
  if (!classification.profiles?.length) problems.push(`${what} has no profiles`);
  // Several rows may give one profile ("any domain severe" is a row per domain), always with the same label.
  const labels = new Map<string, string>();
  for (const profile of classification.profiles ?? []) {
    const rowWhat = `${what} profile "${profile.id}"`;
    if (!ID.test(profile.id)) problems.push(`${rowWhat} id must be kebab-case`);
    const label = labels.get(profile.id);
    if (label !== undefined && label !== profile.labelKey) problems.push(`${rowWhat} has two labels, "${label}" and "${profile.labelKey}"`);
    labels.set(profile.id, label ?? profile.labelKey);
    for (const [total, ids] of Object.entries(profile.when ?? {})) {
      if (!read.includes(total)) problems.push(`${rowWhat} names the total "${total}", which the classification does not read`);
      else if (!ids?.length) problems.push(`${rowWhat} lists no band of "${total}"`);
      for (const id of ids ?? []) {
        const known = bandsOf.get(total);
        if (known && !known.includes(id)) problems.push(`${rowWhat} names the unknown band "${id}" of "${total}"`);
      }
    }
  }
  if (problems.length) return problems;
  const axes = read.map((id) => [id, bandsOf.get(id)!] as const);
  return coverageProblems(what, classification, axes);
}

/** Walks every combination of bands through the table: the ones no row takes, and the rows none reaches. */
function coverageProblems(what: string, classification: FormClassification, axes: readonly (readonly [string, string[]])[]): string[] {
  const count = axes.reduce((n, [, bands]) => n * bands.length, 1);
  if (count > MAX_COMBINATIONS) return [`${what} combines ${count} band combinations: at most ${MAX_COMBINATIONS}`];
  const gaps: string[] = [];
  const reached = new Set<FormProfile>();
  for (let n = 0; n < count; n++) {
    const bands: Record<string, string> = {};
    let rest = n;
    for (const [total, ids] of axes) {
      bands[total] = ids[rest % ids.length]!;
      rest = Math.floor(rest / ids.length);
    }
    const profile = profileFor(classification, bands);
    if (profile) reached.add(profile);
    else gaps.push(axes.map(([total]) => `${total}=${bands[total]}`).join(', '));
  }
  const problems: string[] = [];
  if (gaps.length) {
    const shown = gaps.slice(0, 3).join('; ');
    problems.push(`${what} gives no profile to ${gaps.length} combination(s) of bands (${shown}${gaps.length > 3 ? '; …' : ''})`);
  }
  classification.profiles.forEach((profile, i) => {
    if (!reached.has(profile))
      problems.push(`${what} row ${i + 1} (profile "${profile.id}") is never reached: the rows before it take all its combinations`);
  });
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
    ...(form.classifications ?? []).flatMap((c) => [c.labelKey, ...(c.profiles ?? []).map((p) => p.labelKey)]),
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
