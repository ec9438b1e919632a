// SPDX-License-Identifier: AGPL-3.0-or-later
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import type { FieldError } from '../sdk/errors';
import type { Validation } from '../sdk/routes';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** A schema's own message is an i18n key (`core:people.errors.codiceFiscale`), translated here. */
const I18N_KEY = /^[a-z][a-z0-9-]*:[A-Za-z0-9_.-]+$/;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** zod's own messages are for developers; operators read these, in their language. */
function messageOf(issue: Issue, t: TFunction): string {
  if (I18N_KEY.test(issue.message)) return t(issue.message, { ...issue });
  switch (issue.code) {
    case 'invalid_type':
      return isBlank(issue.input) ? t('core:validation.required') : t('core:validation.type');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1
          ? t('core:validation.required')
          : t('core:validation.minLength', { count: Number(issue.minimum) });
      }
      if (issue.origin === 'array' || issue.origin === 'set') return t('core:validation.minItems', { count: Number(issue.minimum) });
      return t('core:validation.min', { min: String(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('core:validation.maxLength', { count: Number(issue.maximum) });
      if (issue.origin === 'array' || issue.origin === 'set') return t('core:validation.maxItems', { count: Number(issue.maximum) });
      return t('core:validation.max', { max: String(issue.maximum) });
    case 'invalid_format':
      if (issue.format === 'date') return t('core:validation.date');
      if (issue.format === 'email') return t('core:validation.email');
      if (issue.format === 'uuid') return t('core:validation.identifier');
      return t('core:validation.format');
    case 'invalid_value':
      return t('core:validation.choice');
    case 'unrecognized_keys':
      return t('core:validation.unknownFields', { fields: issue.keys.join(', ') });
    default:
      return t('core:validation.invalid');
  }
}

/** Checks input against a schema; on failure, one localized message per field at fault. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown, t: TFunction): Validation<z.output<S>> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of result.error.issues as Issue[]) {
    const field = issue.path.map(String).join('.') || '_';
    // One message per field: the first is the one to fix first.
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: messageOf(issue, t) });
  }
  return { ok: false, errors };
}
