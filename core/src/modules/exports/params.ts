// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import type { ExportChoice, ExportFlow, ExportParam, ExportParamKind, ExportScope } from '../../sdk/extension-points/exports';
import { localToday } from '../../sdk/local-time';

export const PARAM_KINDS: readonly ExportParamKind[] = ['date', 'month', 'year', 'text', 'select'];
/** A parameter's name: a form field and a JSON key alike; `flow` is the form's own field. */
const PARAM_NAME = /^[a-z][A-Za-z0-9]{0,39}$/;
const RESERVED = new Set(['flow']);
const TEXT_MAX = 200;
const NO_CHOICES = 'core:exports.errors.noChoices';

/** The download's content type, from the flow's format. */
export const CONTENT_TYPES: Readonly<Record<ExportFlow['format'], string>> = {
  xml: 'application/xml; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A form's blank is an absent value; the API may send a year or a month as a number. */
const normalize = (v: unknown): unknown => {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return v;
  const trimmed = v.trim();
  return trimmed === '' ? undefined : trimmed;
};

/** The choices of a flow's selects where the request acts, by parameter name: fixed options (labels translated) or computed. */
export type SelectChoices = ReadonlyMap<string, readonly ExportChoice[]>;

/**
 * The choices each select of the flow offers here: its options, their labels in the operator's language, or the
 * choices the flow computes for the organization (once per call: the form, the list and the check share them).
 */
export async function selectChoices(flow: ExportFlow, scope: ExportScope, t: (key: string) => string): Promise<SelectChoices> {
  const found = new Map<string, readonly ExportChoice[]>();
  for (const param of flow.params ?? []) {
    if (param.kind !== 'select') continue;
    if (param.choices) {
      const computed = await param.choices(scope);
      found.set(
        param.name,
        computed.map((c) => ({ value: String(c.value), label: String(c.label) })),
      );
    } else
      found.set(
        param.name,
        (param.options ?? []).map((o) => ({ value: o.value, label: t(o.labelKey) })),
      );
  }
  return found;
}

/** The value a select takes when none is given: its only choice, where it is required and has exactly one. */
export function defaultChoice(param: ExportParam, choices: SelectChoices): string | undefined {
  const offered = choices.get(param.name);
  return param.kind === 'select' && param.required && offered?.length === 1 ? offered[0]!.value : undefined;
}

function valueSchema(param: ExportParam, choices: SelectChoices): z.ZodType<string> {
  switch (param.kind) {
    case 'date':
      return z.iso.date();
    case 'month':
      return z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'core:exports.errors.month');
    case 'year':
      return z.string().regex(/^\d{4}$/, 'core:exports.errors.year');
    case 'select': {
      const values = (choices.get(param.name) ?? param.options ?? []).map((o) => o.value);
      // Nothing to choose from here (no comune in reach, say): every value, and its absence when required, says so.
      if (!values.length) return z.string(NO_CHOICES).refine(() => false, NO_CHOICES);
      return z.string().refine((v) => values.includes(v), 'core:validation.choice');
    }
    default:
      return z.string().max(TEXT_MAX);
  }
}

/**
 * The schema of a flow's parameters, built from its declaration: one field each, checked by kind,
 * required ones present, a select's value one of its choices here (`selectChoices`; a required select
 * with only one choice takes it when none is given); names the flow does not declare are dropped.
 * Messages are core's i18n keys, so `ctx.validate` gives them in the operator's language, field by field.
 */
export function paramsSchema(flow: ExportFlow, choices: SelectChoices = new Map()): z.ZodType<Record<string, string>> {
  const shape: Record<string, z.ZodType> = {};
  for (const param of flow.params ?? []) {
    const value = valueSchema(param, choices);
    const fallback = defaultChoice(param, choices);
    const given = (v: unknown): unknown => normalize(v) ?? fallback;
    shape[param.name] = z.preprocess(given, param.required ? value : value.optional());
  }
  return z
    .object(shape)
    .transform((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>);
}

/** The file name offered on download: the flow's, made safe for every file system; by default `<flow id>-<today>.<format>`. */
export async function downloadName(
  flow: ExportFlow,
  params: Readonly<Record<string, string>>,
  scope: ExportScope,
  today: string = localToday(),
): Promise<string> {
  const fallback = `${flow.id}-${today}.${flow.format}`;
  let wanted: string;
  try {
    wanted = (await flow.filename?.(params, scope)) ?? fallback;
  } catch {
    // A flow whose name fails still exports: under the default name.
    wanted = fallback;
  }
  const safe = String(wanted)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 200);
  return safe || fallback;
}

/** What is wrong with a flow's declared parameters (start-up refuses it); their label keys are checked beside its title. */
export function paramProblems(flow: ExportFlow): string[] {
  const problems: string[] = [];
  if (flow.params !== undefined && !Array.isArray(flow.params)) return ['params must be a list'];
  const seen = new Set<string>();
  const params: readonly ExportParam[] = flow.params ?? [];
  for (const param of params) {
    const what = `parameter "${String(param.name)}"`;
    if (typeof param.name !== 'string' || !PARAM_NAME.test(param.name) || RESERVED.has(param.name))
      problems.push(`${what}: a name is camelCase letters and digits, at most 40, and not "flow"`);
    if (seen.has(param.name)) problems.push(`${what} is declared twice`);
    seen.add(param.name);
    if (!PARAM_KINDS.includes(param.kind))
      problems.push(`${what}: unknown kind "${String(param.kind)}" (known: ${PARAM_KINDS.join(', ')})`);
    if (param.choices !== undefined && typeof param.choices !== 'function') problems.push(`${what}: choices must be a function`);
    if (param.kind === 'select') {
      const values = (param.options ?? []).map((o) => o.value);
      if (param.options !== undefined && param.choices !== undefined)
        problems.push(`${what}: a select has either options or choices, not both`);
      else if (param.choices === undefined && !values.length) problems.push(`${what}: a select needs options or choices`);
      if (new Set(values).size !== values.length) problems.push(`${what}: an option value is listed twice`);
    } else {
      if (param.options !== undefined) problems.push(`${what}: only a select has options`);
      if (param.choices !== undefined) problems.push(`${what}: only a select has choices`);
    }
  }
  if (flow.check !== undefined && typeof flow.check !== 'function') problems.push('check must be a function');
  return problems;
}

/** Every i18n key a flow names: its title, its parameters' labels and their options'. */
export function flowLabelKeys(flow: ExportFlow): string[] {
  return [
    flow.titleKey,
    ...((Array.isArray(flow.params) ? flow.params : []) as readonly ExportParam[]).flatMap((p) => [
      p.labelKey,
      ...(p.options ?? []).map((o) => o.labelKey),
    ]),
  ];
}
