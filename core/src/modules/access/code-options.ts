// SPDX-License-Identifier: AGPL-3.0-or-later
import type { RequestCtx } from '../../sdk/context';
import type { FieldError } from '../../sdk/errors';
import { CodeLists, type CodeList, type CodeListEntry } from '../../sdk/extension-points/code-lists';
import { localToday } from '../../sdk/local-time';

/**
 * Code lists as a request sees them: the organization's effective list (a plugin active there may
 * contribute a richer one under the same id), its labels in the operator's language, and the check
 * that a submitted code is on it. Shared by the access register and the cartella.
 */

type Ctx = Pick<RequestCtx, 'extensions' | 'locale' | 't'>;

export function effective(ctx: Ctx, list: CodeList): CodeList {
  return ctx.extensions.get(CodeLists, list.id) ?? list;
}

/** Whether an entry may be chosen today (stored codes of ended entries still get their label). */
function current(entry: CodeListEntry, today: string): boolean {
  return (!entry.validFrom || entry.validFrom <= today) && (!entry.validTo || entry.validTo >= today);
}

/** The entries to offer on a form, with the selected ones marked. */
export function options(ctx: Ctx, list: CodeList, selected?: unknown) {
  const chosen = new Set(Array.isArray(selected) ? selected.map(String) : selected === undefined ? [] : [String(selected)]);
  const today = localToday();
  return effective(ctx, list)
    .entries.filter((e) => current(e, today) || chosen.has(e.code))
    .map((e) => ({ code: e.code, label: e.label[ctx.locale], selected: chosen.has(e.code) }));
}

/** The label of a code in the operator's language; the code itself when the list no longer has it. */
export function labelOf(ctx: Ctx, list: CodeList, code: string | null | undefined): string {
  if (!code) return '';
  return effective(ctx, list).entries.find((e) => e.code === code)?.label[ctx.locale] ?? code;
}

/** A labeller bound to one list, for mapping rows. */
export const labeller =
  (ctx: Ctx, list: CodeList) =>
  (code: string | null | undefined): string =>
    labelOf(ctx, list, code);

/**
 * The fields whose codes are not on their list (today's entries), one message each. Schemas check the
 * shape; which codes exist depends on the organization's plugins, so it is checked here.
 */
export function codeErrors(ctx: Ctx, checks: readonly { field: string; list: CodeList; value: unknown }[]): FieldError[] {
  const today = localToday();
  const errors: FieldError[] = [];
  for (const check of checks) {
    if (check.value === undefined || check.value === null) continue;
    const allowed = new Set(
      effective(ctx, check.list)
        .entries.filter((e) => current(e, today))
        .map((e) => e.code),
    );
    const values: unknown[] = Array.isArray(check.value) ? check.value : [check.value];
    // A list of codes (needs) is one field on the form: its message names the field, not the item.
    if (values.some((v) => !allowed.has(String(v)))) errors.push({ field: check.field, message: ctx.t('core:validation.choice') });
  }
  return errors;
}
