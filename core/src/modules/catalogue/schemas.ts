// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { MACRO_AREAS } from '../../sdk/extension-points/catalogue';
import { ISEE_TYPES } from '../../sdk/extension-points/eligibility';
import { blankToUndefined, checkbox, optionalDate, optionalText } from '../../sdk/input';
import { localToday } from '../../sdk/local-time';

/** Inputs of the catalogue, ISEE, disability and eligibility routes: one schema each, for forms, the API and its document. */

const E = 'core:catalogue.errors';

/**
 * A decimal as an Italian operator types it ("12.300,50", "12300,5", "15000") or as the API sends it (a
 * number). Anything else stays a string, for the schema to refuse.
 */
export function parseDecimal(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  let text = value.replace(/[\s€]/g, '');
  if (text === '') return undefined;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(text)) text = text.replace(/\./g, '').replace(',', '.');
  else if (/^\d+,\d+$/.test(text)) text = text.replace(',', '.');
  return /^\d+(\.\d+)?$/.test(text) ? Number(text) : value;
}

const number = (message: string) =>
  z.number({ error: (issue) => (issue.input === undefined ? undefined : message) }).refine(Number.isFinite, { message });

/** An amount in euro, to the cent. */
export const euro = (max = 100_000_000) =>
  number(`${E}.amount`)
    .min(0)
    .max(max)
    .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, { message: `${E}.cents` });

const optionalEuro = (max?: number) => z.preprocess(parseDecimal, euro(max).nullable().optional());
const optionalCount = () =>
  z.preprocess(
    parseDecimal,
    number(`${E}.integer`)
      .int({ message: `${E}.integer` })
      .min(0)
      .nullable()
      .optional(),
  );

export const catalogueQuery = z.object({
  area: optionalText(40),
  macroArea: z.preprocess(blankToUndefined, z.enum(MACRO_AREAS).optional()),
  q: optionalText(100),
  /** Only the entries the organization offers. */
  offered: z.preprocess(
    (v) => (v === undefined ? undefined : v === true || v === 'on' || v === 'true' || v === '1'),
    z.boolean().optional(),
  ),
});
export type CatalogueQuery = z.output<typeof catalogueQuery>;

export const requirementInput = z
  .object({
    rule: z.string().trim().min(1).max(100),
    params: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Requirement', description: 'An eligibility rule by id, with the parameters its schema accepts' });

export const offerInput = z
  .object({
    organizationId: z.preprocess(
      blankToUndefined,
      z.uuid().optional().describe('An organization in the operator’s scope; the one they act in if absent'),
    ),
    active: checkbox().describe('Whether the organization offers the service (false: it does not, whatever the parents do)'),
    unitCost: optionalEuro(1_000_000).describe('Cost of one unit (hour, meal, day…), euro'),
    yearlyBudget: optionalEuro().describe('Yearly budget, euro'),
    capacity: optionalCount().describe('How many people it can serve at once'),
    requirements: z
      .array(requirementInput)
      .max(20)
      .nullable()
      .optional()
      .describe('The requirements, replacing the catalogue entry’s; null or absent: the entry’s apply'),
    version: z.preprocess(parseDecimal, z.number().int().min(1).optional()).describe('The version edited, to detect concurrent edits'),
  })
  .meta({ id: 'ServiceOfferInput' });
export type OfferInput = z.output<typeof offerInput>;

export const offerQuery = z.object({ organizationId: z.preprocess(blankToUndefined, z.uuid().optional()) });

/** A DSU protocol: `INPS-ISEE-<year>-<number>-<progressive>`. */
const DSU = /^INPS-ISEE-\d{4}-[0-9A-Z]{5,15}-\d{2}$/;

/** A certificate is issued by today: a later date is a typo. */
const notFuture = (v: string): boolean => v <= localToday();

export const iseeInput = z
  .object({
    type: z.enum(ISEE_TYPES),
    value: z.preprocess(parseDecimal, euro(10_000_000)).describe('ISEE, euro'),
    ise: optionalEuro().describe('ISE, euro'),
    scale: z.preprocess(parseDecimal, number(`${E}.amount`).min(1).max(20).nullable().optional()).describe('Scala di equivalenza'),
    protocol: z
      .string()
      .trim()
      .toUpperCase()
      .regex(DSU, { message: `${E}.protocol` })
      .describe('DSU protocol, INPS-ISEE-2026-XXXXXXXXX-00'),
    issuedOn: z.iso.date().refine(notFuture, { message: `${E}.future` }),
    expiresOn: optionalDate().describe('Default: 31 December of the year of issue; an ISEE corrente: six months'),
    householdId: z
      .preprocess(blankToUndefined, z.uuid().optional())
      .describe('The nucleo the DSU describes, one of the person’s households'),
  })
  .refine((v) => !v.expiresOn || v.expiresOn >= v.issuedOn, { message: `${E}.expiryBeforeIssue`, path: ['expiresOn'] })
  .meta({ id: 'IseeInput' });
export type IseeInput = z.output<typeof iseeInput>;

export const disabilityInput = z
  .object({
    invalidityPercent: z.preprocess(
      parseDecimal,
      number(`${E}.integer`)
        .int({ message: `${E}.integer` })
        .min(0)
        .max(100)
        .optional(),
    ),
    law104: z.preprocess(blankToUndefined, z.enum(['c1', 'c3']).optional()).describe('L. 104/1992 art. 3, comma 1 or comma 3'),
    accompaniment: checkbox().describe('Indennità di accompagnamento'),
    certifiedOn: z.iso.date().refine(notFuture, { message: `${E}.future` }),
    expiresOn: optionalDate().describe('Revision date; absent when permanent'),
  })
  .refine((v) => v.invalidityPercent !== undefined || v.law104 !== undefined || v.accompaniment, {
    message: `${E}.disabilityEmpty`,
    path: ['invalidityPercent'],
  })
  .refine((v) => !v.expiresOn || v.expiresOn > v.certifiedOn, { message: `${E}.expiryBeforeCertification`, path: ['expiresOn'] })
  .meta({ id: 'DisabilityInput' });
export type DisabilityInput = z.output<typeof disabilityInput>;

export const eligibilityQuery = z.object({
  service: z.string().trim().min(1).max(200).describe('The catalogue code of the service'),
  on: optionalDate().describe('The date to check on; today if absent'),
});

export const retrieveInput = z
  .object({ service: optionalText(200).describe('The catalogue code of the service applied for: INPS is asked for its prestazione') })
  .meta({ id: 'IseeRetrieve' });

// Responses: documentation of the API only.

const requirementOutput = z.object({
  rule: z.string(),
  params: z.record(z.string(), z.unknown()),
  title: z.string().describe('The rule’s name'),
  text: z.string().describe('The requirement in words'),
});

export const entryOutput = z
  .object({
    code: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    area: z.string().describe('A code of core.areas'),
    areaLabel: z.string(),
    macroArea: z.enum(MACRO_AREAS).nullable(),
    macroAreaLabel: z.string().nullable(),
    unit: z.string(),
    unitLabel: z.string(),
    inpsCode: z.string().nullable().describe('INPS/SIUSS prestazione code'),
    istatCode: z.string().nullable().describe('ISTAT / interregional nomenclature class'),
    regionalCode: z.string().nullable(),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    source: z.string().describe('`core` (the national table) or the contributing plugin'),
    requirements: z.array(requirementOutput).describe('The entry’s own requirements'),
  })
  .meta({ id: 'CatalogueEntry' });

export const offerOutput = z
  .object({
    id: z.uuid(),
    organization: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    inherited: z.boolean().describe('The offer of an organization above the one asked about'),
    entryCode: z.string(),
    active: z.boolean(),
    unitCost: z.number().nullable(),
    yearlyBudget: z.number().nullable(),
    capacity: z.number().int().nullable(),
    requirements: z.array(requirementInput).nullable().describe('null: the entry’s requirements apply'),
    version: z.number().int(),
  })
  .meta({ id: 'ServiceOffer' });

export const iseeOutput = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    householdId: z.uuid().nullable(),
    type: z.enum(ISEE_TYPES),
    value: z.number(),
    ise: z.number().nullable(),
    scale: z.number().nullable(),
    protocol: z.string(),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date(),
    source: z.string().describe('`manual`, or the ISEE adapter that fetched it'),
    valid: z.boolean().describe('Valid today'),
  })
  .meta({ id: 'Isee' });

export const disabilityOutput = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    invalidityPercent: z.number().int().nullable(),
    law104: z.enum(['c1', 'c3']).nullable(),
    accompaniment: z.boolean(),
    certifiedOn: z.iso.date(),
    expiresOn: z.iso.date().nullable(),
    valid: z.boolean(),
  })
  .meta({ id: 'DisabilityRecord' });

const outcome = z.enum(['pass', 'fail', 'unknown']);

export const eligibilityOutput = z
  .object({
    personId: z.uuid(),
    service: z.object({ code: z.string(), name: z.string() }),
    on: z.iso.date(),
    outcome: outcome.describe('fail if any requirement fails; else unknown if any is unknown; else pass'),
    summary: z.string(),
    offer: z
      .object({ organization: z.string(), inherited: z.boolean(), active: z.boolean() })
      .nullable()
      .describe('The offer whose requirements were checked; null: the catalogue entry’s'),
    requirements: z.array(
      requirementOutput.extend({
        outcome,
        reason: z.string().describe('Why, in plain words: which data, which threshold'),
        used: z.record(z.string(), z.unknown()).describe('The data the rule looked at'),
      }),
    ),
  })
  .meta({ id: 'EligibilityCheck' });
