// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import { blankToUndefined } from '../../sdk/input';
import { localToday } from '../../sdk/local-time';

/**
 * The input and output of assessments, shared by the pages and the API (and the OpenAPI document). The
 * answers themselves are not described here: they depend on the form, and the engine checks them against
 * its definition (engine.ts), answering field by field as `answers.<field id>`.
 */

const assessedOn = z.preprocess(
  blankToUndefined,
  z.iso
    .date()
    .refine((d) => d <= localToday(), 'core:forms.assessments.errors.future')
    .optional()
    .describe('The day the person was assessed (YYYY-MM-DD), today when omitted; never in the future'),
);

const status = z.preprocess(
  blankToUndefined,
  z
    .enum(['draft', 'final'])
    .default('draft')
    .describe('`draft` may be incomplete and edited later; `final` needs every required answer and is never changed again'),
);

const answers = z
  .record(z.string(), z.unknown())
  .default({})
  .describe(
    'Answers by field id (GET /api/v1/forms/{id}): text, number, date (YYYY-MM-DD), a code for choices and scales, ' +
      'an array of codes for multi-choice, "yes"/"no" (or a boolean) for yes-no. Answers of hidden fields are dropped.',
  );

export const assessmentCreateInput = z
  .object({
    formId: z.string().trim().min(1).max(100).describe('The form, e.g. core.social-assessment'),
    status,
    assessedOn,
    correctsId: z.preprocess(
      blankToUndefined,
      z.uuid().optional().describe('The final assessment of the same person and form this corrects'),
    ),
    answers,
  })
  .meta({ id: 'AssessmentInput' });

export const assessmentUpdateInput = z
  .object({
    version: z.coerce.number().int().min(1).describe('The version read: a stale one answers 409'),
    status,
    assessedOn,
    answers,
  })
  .meta({ id: 'AssessmentUpdate' });

export const assessmentListQuery = z.object({
  form: z.string().trim().max(100).optional().describe('Only the assessments made with this form'),
});

const score = z
  .object({
    value: z.number(),
    max: z.number(),
    answered: z.number().int(),
    items: z.number().int(),
    complete: z.boolean(),
    band: z.string().nullable().describe('The band, in the request language, once every item is answered'),
  })
  .meta({ id: 'AssessmentScore' });

const classification = z
  .object({
    profile: z.string().nullable().describe("The profile's id, once every total it reads is complete and has a band"),
    label: z.string().nullable().describe('The profile, in the request language'),
    complete: z.boolean(),
  })
  .meta({ id: 'AssessmentClassification' });

export const assessmentOutput = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    cartellaId: z.uuid().nullable(),
    formId: z.string(),
    formVersion: z.number().int(),
    status: z.enum(['draft', 'final']),
    assessedOn: z.iso.date(),
    answers: z.record(z.string(), z.unknown()),
    scores: z.record(z.string(), score),
    classifications: z
      .record(z.string(), classification)
      .describe("Profiles derived from the totals' bands, by classification id; empty when the form had none when it was saved"),
    correctsId: z.uuid().nullable(),
    correctedById: z.uuid().nullable(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    author: z.string().nullable(),
    finalizedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Assessment' });

const option = z.object({ value: z.string(), label: z.string(), points: z.number().optional() });
const condition = z.object({ field: z.string(), equals: z.array(z.string()) }).nullable();

export const formOutput = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    description: z.string().nullable(),
    subject: z.string(),
    canSubmit: z.boolean(),
    sections: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        description: z.string().nullable(),
        visibleWhen: condition,
        fields: z.array(
          z.object({
            id: z.string(),
            type: z.string(),
            label: z.string(),
            help: z.string().nullable(),
            required: z.boolean(),
            requiredWhen: condition,
            visibleWhen: condition,
            codeList: z.string().nullable(),
            options: z.array(option).describe('Choices (code list entries valid today) and scale options'),
            min: z.number().nullable(),
            max: z.number().nullable(),
            integer: z.boolean(),
            maxLength: z.number().nullable(),
          }),
        ),
      }),
    ),
    totals: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        fields: z.array(z.string()),
        bands: z.array(z.object({ id: z.string().nullable(), from: z.number(), to: z.number(), label: z.string() })),
      }),
    ),
    classifications: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        totals: z.array(z.string()),
        profiles: z
          .array(z.object({ id: z.string(), label: z.string(), when: z.record(z.string(), z.array(z.string())) }))
          .describe('In order: the first whose bands (total id → band ids; a total not named matches any) match wins'),
      }),
    ),
  })
  .meta({ id: 'Form' });
