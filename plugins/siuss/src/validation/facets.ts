// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The checks behind the pre-validation: each is at least as strict as the XSD type it stands for, and
 * sometimes stricter where the XSD lets through what INPS cannot use (a date in year 0001, a negative amount,
 * an amount with a comma). Values are checked as the writer writes them: after `cleanXmlText`.
 */
import { cleanXmlText } from '../xml/escape';

/** What an attribute must look like, in the XSD's terms. */
export type Facet =
  /** xs:string with length bounds (in characters, as XSD counts them). */
  | { readonly type: 'text'; readonly min?: number; readonly max?: number }
  /** A pattern (anchored); `format` issues explain it in words. */
  | { readonly type: 'pattern'; readonly pattern: RegExp }
  /** An enumeration. */
  | { readonly type: 'enum'; readonly values: readonly string[] }
  /** xs:date, written `YYYY-MM-DD`, a real calendar day between 1900 and 2099. */
  | { readonly type: 'date' }
  /** `MM/YYYY` (SINBA's DataMeseAnnoType). */
  | { readonly type: 'month' }
  /** xs:decimal as an amount: not negative, a dot and at most two decimals. */
  | { readonly type: 'decimal' }
  /** xs:int between `min` and `max`. */
  | { readonly type: 'int'; readonly min: number; readonly max: number };

export interface FieldSpec {
  /** The XSD attribute (or, for list items, element) name. */
  readonly name: string;
  readonly required: boolean;
  readonly facet: Facet;
}

/** The XSD's codice fiscale: a person's 16 characters or 11 digits (ours without the trailing spaces it tolerates). */
export const CODICE_FISCALE = /^(?:[A-Za-z]{6}[0-9]{2}[A-Za-z][0-9]{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z]|[0-9]{11})$/;
/**
 * A person's codice fiscale anywhere in a text, omocodic variants included (digits replaced by L M N P Q R S T
 * U V): what must never appear in a SINBA record.
 */
export const PERSON_CODICE_FISCALE_INSIDE =
  /[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]/;
/** A Belfiore (catastale) code: one letter and three digits, `Z###` for a foreign state. */
export const BELFIORE = /^[A-Za-z][0-9]{3}$/;
export const YEAR = /^[0-9]{4}$/;
export const DIGITS2 = /^[0-9]{2}$/;
export const DIGITS3 = /^[0-9]{3}$/;
export const DIGITS6 = /^[0-9]{6}$/;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(?:0[1-9]|1[0-2])\/(?:19|20)[0-9]{2}$/;
const DECIMAL = /^[0-9]{1,10}(?:\.[0-9]{1,2})?$/;
const INTEGER = /^(?:0|[1-9][0-9]{0,8})$/;
const SURROGATE = /[\ud800-\udfff]/;

/** Whether the value is absent from the written file: undefined, empty, or nothing XML can carry. */
export function isAbsent(value: string | null | undefined): boolean {
  return value == null || value === '' || cleanXmlText(value) === '';
}

/** Length in characters (code points), as XSD counts it. */
export function charLength(value: string): number {
  return SURROGATE.test(value) ? [...value].length : value.length;
}

/** A real day `YYYY-MM-DD` between 1900-01-01 and 2099-12-31. */
export function isDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  const days = month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return day <= days;
}

export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

export function isDecimal(value: string): boolean {
  return DECIMAL.test(value);
}

export function isIntBetween(value: string, min: number, max: number): boolean {
  if (!INTEGER.test(value)) return false;
  const n = Number(value);
  return n >= min && n <= max;
}

/** The problem with a present value, as an issue kind with its parameters, or undefined when it is fine. */
export function facetProblem(
  value: string,
  spec: FieldSpec,
): { readonly kind: string; readonly params: Readonly<Record<string, string | number>> } | undefined {
  const facet = spec.facet;
  switch (facet.type) {
    case 'text': {
      if (spec.required && value.trim() === '') return { kind: 'missing', params: {} };
      const length = charLength(value);
      if (facet.min !== undefined && length < facet.min) return { kind: 'tooShort', params: { min: facet.min, length } };
      if (facet.max !== undefined && length > facet.max) return { kind: 'tooLong', params: { max: facet.max, length } };
      return undefined;
    }
    case 'pattern':
      return facet.pattern.test(value) ? undefined : { kind: 'format', params: { value } };
    case 'enum':
      return facet.values.includes(value) ? undefined : { kind: 'invalid', params: { value } };
    case 'date':
      return isDate(value) ? undefined : { kind: 'date', params: { value } };
    case 'month':
      return isMonth(value) ? undefined : { kind: 'month', params: { value } };
    case 'decimal':
      return isDecimal(value) ? undefined : { kind: 'decimal', params: { value } };
    case 'int':
      return isIntBetween(value, facet.min, facet.max) ? undefined : { kind: 'range', params: { value, min: facet.min, max: facet.max } };
  }
}

/** The issue kinds a field can give on its own (without the cross-field rules). */
export function possibleKinds(spec: FieldSpec): string[] {
  const kinds: string[] = spec.required ? ['missing'] : [];
  const facet = spec.facet;
  switch (facet.type) {
    case 'text':
      if (facet.min !== undefined && facet.min > 1) kinds.push('tooShort');
      if (facet.max !== undefined) kinds.push('tooLong');
      break;
    case 'pattern':
      kinds.push('format');
      break;
    case 'enum':
      kinds.push('invalid');
      break;
    case 'int':
      kinds.push('range');
      break;
    default:
      kinds.push(facet.type);
  }
  return kinds;
}
