// SPDX-License-Identifier: AGPL-3.0-or-later
import type { AssessmentAnswer, FormDefinition } from '@sigess/core/sdk';

/**
 * How the SINA and SINBA schede map to the XSDs, mechanically: every field of the two forms is one XSD attribute
 * (or child list: `NecessitaInterventiSociali`, `InvaliditaCivile`, `Famiglia`), and its id is the attribute's
 * name in kebab-case, because core's forms engine wants kebab-case field ids (`AttivitaVitaQuotidiana` is the
 * field `attivita-vita-quotidiana`). The two functions below turn one into the other; the codes answered are the
 * XSD's enumeration values unchanged. The only conversion is of dates: the form engine has no month field, so
 * SINBA's `MM/YYYY` attributes are `date` fields (stored `YYYY-MM-DD`, as the engine stores dates) and written
 * as their month.
 */

/** The field id of an XSD attribute: `CodiceCittadinanzaMadre` → `codice-cittadinanza-madre`. */
export function fieldIdOf(attribute: string): string {
  return attribute.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** The XSD attribute of a field id: `codice-cittadinanza-madre` → `CodiceCittadinanzaMadre`. */
export function xsdAttributeOf(fieldId: string): string {
  return fieldId
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

/** A stored date's month as the XSD's `DataMeseAnnoType`: `2026-03-14` → `03/2026`. */
export function monthOf(date: string): string {
  const match = /^(\d{4})-(\d{2})-\d{2}$/.exec(date);
  if (!match) throw new Error(`Not a date (YYYY-MM-DD): "${date}"`);
  return `${match[2]}/${match[1]}`;
}

export type XsdValue = string | readonly string[];

/**
 * The answers of a SINA or SINBA assessment by XSD attribute name, ready for the record: single codes as
 * strings, multi-choices as lists of codes, dates as `MM/YYYY`. Unanswered fields (and answers to ids the form
 * no longer has) are left out.
 */
export function xsdValuesOf(form: FormDefinition, answers: Readonly<Record<string, AssessmentAnswer>>): Record<string, XsdValue> {
  const values: Record<string, XsdValue> = {};
  for (const field of form.sections.flatMap((s) => s.fields)) {
    const answer = answers[field.id];
    if (answer === undefined || answer === '' || (Array.isArray(answer) && answer.length === 0)) continue;
    const attribute = xsdAttributeOf(field.id);
    if (Array.isArray(answer)) values[attribute] = [...(answer as readonly string[])];
    else if (field.type === 'date') values[attribute] = monthOf(String(answer));
    else values[attribute] = String(answer);
  }
  return values;
}
