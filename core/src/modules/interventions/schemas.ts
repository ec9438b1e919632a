// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, checkbox, optionalDate, optionalText } from '../../sdk/input';
import { INTERVENTION_STATES, MOVES, MOVE_RULES } from './states';

/** The interventions' inputs: one schema each for the forms, the API and the OpenAPI document. */

const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());
const positive = () => z.preprocess(blankToUndefined, z.coerce.number().positive().max(1_000_000));
const optionalAmount = () => z.preprocess(blankToUndefined, z.coerce.number().min(0).max(10_000_000).optional());
const version = z.coerce
  .number()
  .int()
  .min(1)
  .describe('The version the change starts from: 409 when someone changed the intervention since');

export const FREQUENCIES = ['once', 'daily', 'weekly', 'monthly', 'yearly'] as const;

export const interventionCreateInput = z
  .object({
    cartellaId: z.uuid(),
    service: z.string().trim().min(1).max(60).describe('Code of a catalogue entry the organization offers'),
    quantity: positive().describe("In the entry's unit (hours, days, euro…)"),
    amount: optionalAmount().describe("Default: quantity × the offer's unit cost"),
    frequency: z.enum(FREQUENCIES),
    periodFrom: z.iso.date(),
    periodTo: optionalDate(),
    providerOrgId: optionalUuid().describe('The accredited organization providing the service'),
    costCentre: optionalText(60),
    urgent: checkbox().describe('Raises the priority on the waiting list'),
  })
  .refine((v) => !v.periodTo || v.periodTo >= v.periodFrom, { path: ['periodTo'], message: 'core:interventions.errors.periodOrder' })
  .meta({ id: 'InterventionCreate' });
export type InterventionCreate = z.output<typeof interventionCreateInput>;

export const moveInput = z
  .object({
    move: z.enum(MOVES).describe('assess, approve, reject, activate, suspend, resume, conclude'),
    on: optionalDate().describe('The day it takes effect; default: today'),
    act: optionalText(60).describe('The decision act number: required to approve and to reject'),
    actDate: optionalDate().describe('The decision act date: required to approve and to reject'),
    reason: optionalText(1000).describe('Required to reject and to suspend'),
    version,
  })
  .superRefine((v, issues) => {
    const rule = MOVE_RULES[v.move];
    if (rule.decision && !v.act) issues.addIssue({ code: 'custom', path: ['act'], message: 'core:interventions.errors.actRequired' });
    if (rule.decision && !v.actDate)
      issues.addIssue({ code: 'custom', path: ['actDate'], message: 'core:interventions.errors.actRequired' });
    if (rule.reason && !v.reason)
      issues.addIssue({ code: 'custom', path: ['reason'], message: 'core:interventions.errors.reasonRequired' });
  })
  .meta({ id: 'InterventionMove' });
export type MoveInput = z.output<typeof moveInput>;

export const deliveryInput = z
  .object({
    periodFrom: z.iso.date(),
    periodTo: z.iso.date(),
    quantity: positive(),
    amount: optionalAmount().describe("Default: quantity × the offer's unit cost"),
  })
  .refine((v) => v.periodTo >= v.periodFrom, { path: ['periodTo'], message: 'core:interventions.errors.periodOrder' })
  .meta({ id: 'DeliveryInput' });
export type DeliveryInput = z.output<typeof deliveryInput>;

export const interventionsQuery = z.object({
  state: z.preprocess(blankToUndefined, z.enum(INTERVENTION_STATES).optional()),
  service: z.preprocess(blankToUndefined, z.string().max(60).optional()),
  cartella: optionalUuid(),
});
export type InterventionsQuery = z.output<typeof interventionsQuery>;

export const eligibilityPreviewQuery = z.object({ service: z.preprocess(blankToUndefined, z.string().max(60).optional()) });

const ref = z.object({ id: z.string(), displayName: z.string() });

export const interventionOutput = z
  .object({
    id: z.uuid(),
    owner: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    cartellaId: z.uuid(),
    person: z.object({ id: z.uuid(), surname: z.string(), name: z.string() }),
    service: z.string(),
    state: z.enum(INTERVENTION_STATES),
    requestedOn: z.string(),
    quantity: z.number(),
    unit: z.string(),
    amount: z.number(),
    frequency: z.string(),
    periodFrom: z.string(),
    periodTo: z.string().nullable(),
    providerOrgId: z.string().nullable(),
    costCentre: z.string().nullable(),
    eligibility: z.object({
      outcome: z.enum(['pass', 'fail', 'unknown']),
      results: z.array(z.object({ rule: z.string(), outcome: z.string(), reason: z.string() })),
    }),
    priority: z.object({ score: z.number().int(), reasons: z.array(z.object({ code: z.string(), points: z.number().int() })) }),
    decision: z.object({ act: z.string(), on: z.string() }).nullable(),
    version: z.number().int(),
    history: z
      .array(
        z.object({
          from: z.string().nullable(),
          to: z.string(),
          on: z.string(),
          reason: z.string().nullable(),
          act: z.string().nullable(),
          by: ref.nullable(),
          at: z.string(),
        }),
      )
      .optional(),
    deliveries: z
      .array(
        z.object({
          id: z.uuid(),
          periodFrom: z.string(),
          periodTo: z.string(),
          quantity: z.number(),
          amount: z.number(),
          recordedAt: z.string(),
        }),
      )
      .optional(),
    delivered: z
      .object({ quantity: z.number(), amount: z.number() })
      .optional()
      .describe('What the deliveries add up to, with the deliveries'),
  })
  .meta({ id: 'Intervention' });

export const totalsOutput = z
  .object({
    year: z.number().int(),
    items: z.array(
      z.object({
        service: z.string(),
        yearlyBudget: z.number().nullable(),
        capacity: z.number().int().nullable(),
        committed: z.number(),
        delivered: z.number(),
        places: z.number().int(),
        waiting: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'InterventionTotals' });
