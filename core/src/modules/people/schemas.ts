// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, checkbox, optionalDate, optionalText } from '../../sdk/input';
import { validateCodiceFiscale, validateProvisionalCode, type CodiceFiscaleIssueCode } from './identity-codes';
import { localToday } from '../../sdk/local-time';

/**
 * The one definition of a person's input: the registration form, the edit
 * form and the JSON API all validate against these schemas, and the OpenAPI
 * document is generated from them. Messages are i18n keys or zod issue
 * codes, turned into the operator's language by the pipeline.
 */

const upper = (v: unknown): unknown => (typeof v === 'string' ? v.trim().toUpperCase() : v);
/**
 * A cadastral (Belfiore) code: a comune (`H501`) or a foreign state (`Z112`). Codes only: the form
 * resolves a typed name to its code before validating (places.ts); API clients look names up themselves.
 */
const placeCode = z.preprocess(
  (v) => blankToUndefined(upper(v)),
  z
    .string()
    .regex(/^[A-Z][0-9]{3}$/, 'core:people.errors.placeCode')
    .optional()
    .describe('Cadastral (Belfiore) code: H501, Z112. Names are not accepted: find the code with GET /api/v1/places?q=…'),
);

export const IDENTITY_KINDS = ['cf', 'stp', 'eni', 'temporary', 'unknown'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export const CONTACT_KINDS = ['phone', 'mobile', 'email', 'pec'] as const;

export const addressSchema = z
  .object({
    comuneCode: placeCode,
    street: optionalText(200),
    houseNumber: optionalText(20),
    postcode: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .regex(/^[0-9]{5}$/, 'core:people.errors.postcode')
        .optional(),
    ),
    noFixedAbode: checkbox().optional(),
  })
  .meta({ id: 'Address' });

export const contactSchema = z
  .object({
    kind: z.enum(CONTACT_KINDS),
    value: z.string().trim().min(1).max(200),
    holder: optionalText(200),
  })
  .meta({ id: 'Contact' });

/** Form rows left empty are not contacts. */
const contactRows = z.preprocess(
  (v) =>
    Array.isArray(v)
      ? v.filter((row: unknown) => !(row && typeof row === 'object' && blankToUndefined((row as { value?: unknown }).value) === undefined))
      : v,
  z.array(contactSchema).max(10).default([]),
);

/** Up to two citizenships, as ISTAT 3-digit state codes (100 = Italy), which the national flows use. */
const citizenships = z.preprocess(
  (v) =>
    typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : Array.isArray(v) ? v.filter((c) => blankToUndefined(c) !== undefined) : v,
  z
    .array(z.string().regex(/^[0-9]{3}$/, 'core:people.errors.citizenship'))
    .max(2)
    .default([]),
);

const personFields = z.object({
  identityKind: z.preprocess(blankToUndefined, z.enum(IDENTITY_KINDS).default('cf')),
  codiceFiscale: z.preprocess(
    (v) => blankToUndefined(typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : v),
    z.string().max(16).optional(),
  ),
  provisionalCode: z.preprocess((v) => blankToUndefined(upper(v)), z.string().max(32).optional()),
  surname: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(100),
  sex: z.preprocess(blankToUndefined, z.enum(['M', 'F']).optional()),
  birthDate: optionalDate(),
  birthPlaceCode: placeCode,
  citizenships,
  residence: addressSchema.optional(),
  domicile: addressSchema.optional(),
  contacts: contactRows,
  legalStatusNotes: optionalText(2000),
  deceasedDate: optionalDate(),
});

type PersonFields = z.output<typeof personFields>;

/** The field each codice fiscale issue is about: the data it contradicts, or the code itself. */
const CF_ISSUE_FIELD: Readonly<Record<CodiceFiscaleIssueCode, string>> = {
  format: 'codiceFiscale',
  'check-character': 'codiceFiscale',
  sex: 'sex',
  'birth-date': 'birthDate',
  'birth-place': 'birthPlaceCode',
  surname: 'surname',
  name: 'name',
  // The place the code names is missing from the table, whatever the birth place field says.
  'unknown-place': 'codiceFiscale',
};

/** Cross-field rules: the identity code against the other data, and dates that make sense. */
function checkPerson(v: PersonFields, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
  if (v.identityKind === 'cf') {
    if (!v.codiceFiscale) issue('codiceFiscale', 'core:people.errors.cfRequired');
    else {
      const result = validateCodiceFiscale(v.codiceFiscale, {
        sex: v.sex,
        birthDate: v.birthDate,
        birthPlaceCode: v.birthPlaceCode,
        surname: v.surname,
        name: v.name,
      });
      // Errors and contradictions with the data entered block saving; a surname transliterated
      // differently or a place missing from the table must not stop a registration.
      // Warnings are not issues of the schema: identityWarnings() reports them beside the saved data.
      for (const found of result.issues.filter((i) => i.severity !== 'warning')) {
        issue(CF_ISSUE_FIELD[found.code], `core:people.errors.cf.${found.code}`);
      }
    }
  } else if (v.identityKind !== 'unknown') {
    if (!v.provisionalCode) issue('provisionalCode', 'core:people.errors.provisionalRequired');
    else {
      const result = validateProvisionalCode(v.provisionalCode);
      const blocking = result.issues.find((i) => i.severity === 'error');
      if (blocking) issue('provisionalCode', `core:people.errors.provisional.${blocking.code}`);
      else if (result.kind !== v.identityKind) issue('provisionalCode', `core:people.errors.provisional.kind`);
    }
  }
  const today = localToday();
  if (v.birthDate && v.birthDate > today) issue('birthDate', 'core:people.errors.future');
  if (v.deceasedDate && v.deceasedDate > today) issue('deceasedDate', 'core:people.errors.future');
  if (v.deceasedDate && v.birthDate && v.deceasedDate < v.birthDate) issue('deceasedDate', 'core:people.errors.deceasedBeforeBirth');
  if (v.identityKind !== 'unknown' && !v.birthDate) issue('birthDate', 'core:validation.required');
}

/** Something worth checking that does not stop saving. `code` names its message, `core:personForm.warnings.<code>`. */
export interface InputWarning {
  readonly field: string;
  readonly code: string;
}

/** The identity fields warnings look at; loosely typed, as they are read from raw form input too. */
export interface IdentityValues {
  readonly identityKind?: unknown;
  readonly codiceFiscale?: unknown;
  readonly provisionalCode?: unknown;
  readonly surname?: unknown;
  readonly name?: unknown;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/**
 * The `warning` issues of the identity code, which `checkPerson` lets through: a surname or name whose
 * letters differ from the code's (transliteration, a changed surname), a birth place missing from the
 * embedded table, an STP/ENI region code we do not know. Only for a well-formed code: a wrong one is an
 * error already, and comparing names with it would be noise.
 */
export function identityWarnings(v: IdentityValues): InputWarning[] {
  const kind = text(v.identityKind) ?? 'cf';
  if (kind === 'cf') {
    const cf = text(v.codiceFiscale);
    if (!cf) return [];
    const result = validateCodiceFiscale(cf, { surname: text(v.surname), name: text(v.name) });
    if (!result.valid) return [];
    return result.issues.filter((i) => i.severity === 'warning').map((i) => ({ field: CF_ISSUE_FIELD[i.code], code: `cf.${i.code}` }));
  }
  const code = text(v.provisionalCode);
  if (!code || kind === 'unknown') return [];
  const result = validateProvisionalCode(code);
  if (!result.valid || result.kind !== kind) return [];
  return result.issues.filter((i) => i.severity === 'warning').map((i) => ({ field: 'provisionalCode', code: `provisional.${i.code}` }));
}

/** What the codice fiscale tells, filled in where the operator left it blank. */
function completeFromCodiceFiscale(v: PersonFields): PersonFields {
  if (v.identityKind !== 'cf' || !v.codiceFiscale) return v;
  const decoded = validateCodiceFiscale(v.codiceFiscale).decoded;
  if (!decoded) return v;
  return {
    ...v,
    sex: v.sex ?? decoded.sex,
    birthDate: v.birthDate ?? decoded.birthDate,
    birthPlaceCode: v.birthPlaceCode ?? decoded.birthPlaceCode,
  };
}

export const personInput = personFields.transform(completeFromCodiceFiscale).superRefine(checkPerson).meta({ id: 'PersonInput' });
export type PersonInput = z.output<typeof personInput>;

/** Registration: the operator confirms after seeing possible duplicates. */
export const personCreateInput = personFields
  .extend({ confirmNotDuplicate: checkbox().optional() })
  .transform((v) => ({ ...completeFromCodiceFiscale(v), confirmNotDuplicate: v.confirmNotDuplicate ?? false }))
  .superRefine(checkPerson)
  .meta({ id: 'PersonCreate' });

/** An edit carries the version it started from: a stale one is a conflict, never an overwrite. */
export const personUpdateInput = personFields
  .extend({ version: z.coerce.number().int().min(1) })
  .transform((v) => ({ ...completeFromCodiceFiscale(v), version: v.version }))
  .superRefine(checkPerson)
  .meta({ id: 'PersonUpdate' });

export const personSearchQuery = z.object({
  q: optionalText(120).describe('Codice fiscale (whole or its beginning) or surname and name'),
  birthDate: optionalDate(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type PersonSearch = z.output<typeof personSearchQuery>;

export const warningOutput = z
  .object({
    field: z.string().describe('The field it is about, dotted for nested fields'),
    code: z.string().describe('cf.surname, cf.name, cf.unknown-place, provisional.unknown-region, place.unknown'),
    message: z.string().describe("In the operator's language"),
  })
  .meta({ id: 'InputWarning' });

export const personOutput = z
  .object({
    id: z.uuid(),
    ownerOrgId: z.uuid(),
    codiceFiscale: z.string().nullable(),
    provisionalKind: z.enum(['stp', 'eni', 'temporary', 'unknown']).nullable(),
    provisionalCode: z.string().nullable(),
    surname: z.string(),
    name: z.string(),
    sex: z.enum(['M', 'F']).nullable(),
    birthDate: z.iso.date().nullable(),
    birthPlaceCode: z.string().nullable(),
    citizenships: z.array(z.string()),
    residence: addressSchema.nullable(),
    domicile: addressSchema.nullable(),
    contacts: z.array(contactSchema),
    legalStatusNotes: z.string().nullable(),
    deceasedDate: z.iso.date().nullable(),
    mergedInto: z.uuid().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'Person' });

/** A registration or an edit: the person as saved, and what is worth checking but did not stop saving. */
export const personSavedOutput = personOutput
  .extend({ warnings: z.array(warningOutput) })
  .meta({ id: 'PersonSaved', description: 'The person as saved, with the warnings about the data (never blocking)' });
