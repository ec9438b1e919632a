// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined, optionalDate, optionalText } from '../../sdk/input';

/** The plan's inputs and outputs: one schema each for the forms, the API and the OpenAPI document. */

export const PLAN_STATES = ['draft', 'active', 'closed'] as const;
export type PlanState = (typeof PLAN_STATES)[number];
export const HORIZONS = ['short', 'medium', 'long'] as const;
export const REVIEW_UNITS = ['days', 'weeks', 'months'] as const;
export type ReviewUnit = (typeof REVIEW_UNITS)[number];
export const ACHIEVEMENTS = ['none', 'partial', 'achieved'] as const;
export type Achievement = (typeof ACHIEVEMENTS)[number];

/** Goals a plan may have: a plan is read on one screen. */
export const MAX_GOALS = 20;

const optionalUuid = () => z.preprocess(blankToUndefined, z.uuid().optional());
const version = z.coerce.number().int().min(1).describe('The version the change starts from: 409 when someone changed the plan since');

export const goalInput = z
  .object({
    id: optionalUuid().describe('An existing goal to keep (and rewrite); without it, a new goal'),
    horizon: z.enum(HORIZONS).describe('short, medium or long term'),
    text: z.string().trim().min(1).max(2000),
    actions: optionalText(4000),
    interventions: optionalText(2000).describe('The interventions that serve the goal, described (free text for now)'),
    responsible: optionalText(200).describe('Who answers for the goal: an operator, the person, the family, a service'),
  })
  .meta({ id: 'PlanGoalInput' });

const planFields = {
  startsOn: z.iso.date(),
  reviewEvery: z.coerce.number().int().min(1).max(366).describe('With reviewUnit: how often the plan is reviewed'),
  reviewUnit: z.enum(REVIEW_UNITS),
  expectedEnd: optionalDate(),
  responsibleOperatorId: optionalUuid().describe("The operator responsible for the plan; default: the cartella's responsible"),
  goals: z.array(goalInput).min(1).max(MAX_GOALS).describe('Every goal of the plan: goals left out are removed'),
};

function endAfterStart(v: { startsOn: string; expectedEnd?: string }, issues: z.RefinementCtx): void {
  if (v.expectedEnd && v.expectedEnd < v.startsOn)
    issues.addIssue({ code: 'custom', path: ['expectedEnd'], message: 'core:plans.errors.endBeforeStart' });
}

export const planCreateInput = z.object(planFields).superRefine(endAfterStart).meta({ id: 'PlanCreate' });
export type PlanCreate = z.output<typeof planCreateInput>;

export const planUpdateInput = z
  .object({ ...planFields, version })
  .superRefine(endAfterStart)
  .meta({ id: 'PlanUpdate' });
export type PlanUpdate = z.output<typeof planUpdateInput>;

export const planActivateInput = z.object({ version }).meta({ id: 'PlanActivate' });

export const planCloseInput = z.object({ closedOn: optionalDate().describe('Default: today'), version }).meta({ id: 'PlanClose' });

export const reviewInput = z
  .object({
    reviewedOn: optionalDate().describe('Default: today; the next review is counted from it'),
    notes: optionalText(4000),
    outcomes: z
      .array(
        z.object({
          goalId: z.uuid(),
          achievement: z.enum(ACHIEVEMENTS),
          note: optionalText(1000),
        }),
      )
      .max(MAX_GOALS)
      .describe('One outcome for every goal of the plan'),
    version,
  })
  .meta({ id: 'PlanReviewInput' });
export type ReviewInput = z.output<typeof reviewInput>;

const operatorRef = z.object({ id: z.uuid(), displayName: z.string() });

export const goalOutput = z
  .object({
    id: z.uuid(),
    horizon: z.enum(HORIZONS),
    text: z.string(),
    actions: z.string().nullable(),
    interventions: z.string().nullable(),
    responsible: z.string().nullable(),
    achievement: z.enum(ACHIEVEMENTS).nullable().describe('At the last review'),
  })
  .meta({ id: 'PlanGoal' });

export const reviewOutput = z
  .object({
    id: z.uuid(),
    reviewedOn: z.iso.date(),
    notes: z.string().nullable(),
    outcomes: z.array(z.object({ goalId: z.uuid(), text: z.string(), achievement: z.enum(ACHIEVEMENTS), note: z.string().nullable() })),
    nextReviewOn: z.iso.date(),
    by: operatorRef,
  })
  .meta({ id: 'PlanReview' });

export const planOutput = z
  .object({
    id: z.uuid(),
    cartellaId: z.uuid(),
    state: z.enum(PLAN_STATES),
    startsOn: z.iso.date(),
    reviewEvery: z.number().int(),
    reviewUnit: z.enum(REVIEW_UNITS),
    nextReviewOn: z.iso.date().nullable(),
    expectedEnd: z.iso.date().nullable(),
    closedOn: z.iso.date().nullable(),
    responsible: operatorRef,
    version: z.number().int(),
    goals: z.array(goalOutput),
    reviews: z.array(reviewOutput),
  })
  .meta({ id: 'Plan' });
