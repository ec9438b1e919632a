// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from '@sigess/core/sdk';
import { PRE_ASSESSMENT, PUA_LEVELS, PUA_OUTCOMES, REQUESTERS, SOCIO_HEALTH_NEEDS, scoreOf } from './pre-assessment';

/** A form's checkbox group sends one value as a string, several as an array, none at all. */
const list = (v: unknown): unknown => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);
const blank = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** The scheda PUA: Lazio's fields on top of core's access contact, the pre-assessment, and the outcome. */
export const schedaInput = z
  .object({
    level: z.enum(PUA_LEVELS).describe('PUA distrettuale (PUA-D) or comunale (PUA-C)'),
    requestedBy: z.enum(REQUESTERS).describe('Who asked: the person, family, GP, hospital (dimissioni protette), social services, other'),
    needs: z.preprocess(list, z.array(z.enum(SOCIO_HEALTH_NEEDS)).min(1).max(SOCIO_HEALTH_NEEDS.length)),
    // An empty form sends no answers at all: each item is then reported missing, beside its question.
    answers: z
      .preprocess(
        (v) => v ?? {},
        z.object(Object.fromEntries(PRE_ASSESSMENT.map((item) => [item.id, z.enum(item.levels)])) as Record<string, z.ZodEnum>),
      )
      .describe('The pre-assessment: one level per item'),
    outcome: z.enum(PUA_OUTCOMES),
    outcomeNote: z.preprocess(blank, z.string().trim().max(2000).optional()),
  })
  .superRefine((v, issues) => {
    // A complex need answered at the front office is a choice the operator explains.
    if (scoreOf(v.answers as Record<string, string>).band === 'complex' && v.outcome !== 'back-office' && !v.outcomeNote)
      issues.addIssue({ code: 'custom', path: ['outcomeNote'], message: 'lazio:pua.errors.complexNeedsReason' });
  })
  .meta({ id: 'LazioSchedaPua' });
export type SchedaInput = z.output<typeof schedaInput>;
