// SPDX-License-Identifier: AGPL-3.0-or-later
import { z } from 'zod';
import {
  defineEligibilityRule,
  type DisabilityFact,
  type EligibilityText,
  type EligibilityVerdict,
} from '../../../sdk/extension-points/eligibility';

const K = 'core:eligibility.rules.disability';

type State = 'met' | 'not-met' | 'unknown';

/** What the valid certifications say, taken together: one verbale may state the invalidity, another the L. 104 assessment. */
function summary(valid: readonly DisabilityFact[]): EligibilityText[] {
  const percent = Math.max(-1, ...valid.map((d) => d.invalidityPercent ?? -1));
  const law104 = valid.some((d) => d.law104 === 'c3') ? 'c3' : valid.some((d) => d.law104 === 'c1') ? 'c1' : null;
  return [
    ...(percent >= 0 ? [{ key: `${K}.certified.percent`, values: { percent } }] : []),
    ...(law104 ? [{ key: `${K}.certified.${law104}` }] : []),
    ...(valid.some((d) => d.accompaniment) ? [{ key: `${K}.certified.accompaniment` }] : []),
  ];
}

/**
 * A certified disability: a minimum civil invalidity, the handicap in situazione di gravità (L. 104/1992
 * art. 3 c. 3), the indennità di accompagnamento, or any of them together, from the certifications
 * valid on the check date. Nothing recorded is unknown, never a fail: the verbale may simply not have
 * been entered yet.
 */
export const disability = defineEligibilityRule({
  id: 'core.disability',
  titleKey: `${K}.title`,
  params: z
    .strictObject({
      minPercent: z.number().int().min(1).max(100).optional(),
      law104Grave: z.boolean().optional(),
      accompaniment: z.boolean().optional(),
    })
    .refine((p) => p.minPercent !== undefined || p.law104Grave === true || p.accompaniment === true, {
      message: `${K}.errors.empty`,
      path: ['minPercent'],
    }),
  fields: [
    { name: 'minPercent', kind: 'integer', labelKey: `${K}.fields.minPercent` },
    { name: 'law104Grave', kind: 'boolean', labelKey: `${K}.fields.law104Grave` },
    { name: 'accompaniment', kind: 'boolean', labelKey: `${K}.fields.accompaniment` },
  ],
  describe: (params): EligibilityText => ({
    key: `${K}.describe`,
    values: {
      conditions: [
        ...(params.minPercent !== undefined ? [{ key: `${K}.needs.percent`, values: { percent: params.minPercent } }] : []),
        ...(params.law104Grave ? [{ key: `${K}.needs.c3` }] : []),
        ...(params.accompaniment ? [{ key: `${K}.needs.accompaniment` }] : []),
      ],
    },
  }),
  evaluate(facts, params, format): EligibilityVerdict {
    const valid = facts.disability.filter((d) => d.valid);
    if (!valid.length) {
      const expired = facts.disability.find((d) => d.expiresOn !== null && d.expiresOn < facts.on);
      return expired?.expiresOn
        ? { outcome: 'unknown', reason: { key: `${K}.expired`, values: { expiresOn: format.date(expired.expiresOn) } } }
        : { outcome: 'unknown', reason: { key: `${K}.missing`, values: { on: format.date(facts.on) } } };
    }
    const percents = valid.flatMap((d) => (d.invalidityPercent === null ? [] : [d.invalidityPercent]));
    const assessed104 = valid.filter((d) => d.law104 !== null);
    const checks: { state: State; missing: EligibilityText }[] = [
      ...(params.minPercent !== undefined
        ? [
            {
              state: (percents.length ? (Math.max(...percents) >= params.minPercent ? 'met' : 'not-met') : 'unknown') as State,
              missing: { key: `${K}.missingPart.percent` },
            },
          ]
        : []),
      ...(params.law104Grave
        ? [
            {
              state: (assessed104.some((d) => d.law104 === 'c3') ? 'met' : assessed104.length ? 'not-met' : 'unknown') as State,
              missing: { key: `${K}.missingPart.law104` },
            },
          ]
        : []),
      ...(params.accompaniment
        ? [{ state: (valid.some((d) => d.accompaniment) ? 'met' : 'not-met') as State, missing: { key: `${K}.missingPart.accompaniment` } }]
        : []),
    ];
    const certified = summary(valid);
    const used = {
      invalidityPercent: percents.length ? Math.max(...percents) : null,
      law104: assessed104.some((d) => d.law104 === 'c3') ? 'c3' : (assessed104[0]?.law104 ?? null),
      accompaniment: valid.some((d) => d.accompaniment),
    };
    const values = { certified: certified.length ? certified : [{ key: `${K}.certified.nothing` }] };
    if (checks.some((c) => c.state === 'not-met')) return { outcome: 'fail', reason: { key: `${K}.fail`, values }, used };
    const unknown = checks.filter((c) => c.state === 'unknown');
    if (unknown.length) {
      return {
        outcome: 'unknown',
        reason: { key: `${K}.incomplete`, values: { ...values, missing: unknown.map((c) => c.missing) } },
        used,
      };
    }
    return { outcome: 'pass', reason: { key: `${K}.pass`, values }, used };
  },
});
