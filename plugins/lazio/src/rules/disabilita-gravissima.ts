// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  defineEligibilityRule,
  z,
  type AssessmentAnswer,
  type EligibilityFacts,
  type EligibilityFormat,
  type EligibilityText,
  type EligibilityVerdict,
} from '@sigess/core/sdk';
import {
  GRAVISSIMA_CONDITIONS,
  GRAVISSIMA_FORM_ID,
  type GravissimaCondition,
  type GravissimaMeasure,
} from '../forms/disabilita-gravissima';

const K = 'lazio:rules.disabilitaGravissima';
const FORM: EligibilityText = { key: 'lazio:gravissima.title' };

type State = 'met' | 'not-met' | 'unknown';

function meets(m: GravissimaMeasure, answer: AssessmentAnswer | undefined): boolean {
  if (answer === undefined || Array.isArray(answer)) return false;
  if (m.oneOf) return m.oneOf.includes(String(answer));
  const value = Number(answer);
  return Number.isFinite(value) && (m.min === undefined || value >= m.min) && (m.max === undefined || value <= m.max);
}

/** The condition in words with the measures that meet it: "a) coma … (GCS 8)". */
function conditionText(
  c: GravissimaCondition,
  met: readonly GravissimaMeasure[],
  answers: Readonly<Record<string, AssessmentAnswer>>,
  format: EligibilityFormat,
): EligibilityText {
  const measures = met.map((m) => {
    const answer = answers[m.field]!;
    return { key: `${K}.measures.${m.key}`, values: { value: typeof answer === 'number' ? format.number(answer) : String(answer) } };
  });
  return { key: `${K}.conditions.${c.letter}`, values: measures.length ? { measures } : {} };
}

/** The art. 3 conditions an assessment's answers meet, each in words with its measures. */
export function metConditions(
  answers: Readonly<Record<string, AssessmentAnswer>>,
  format: EligibilityFormat,
): { letter: string; text: EligibilityText }[] {
  return GRAVISSIMA_CONDITIONS.flatMap((c) => {
    if (answers[c.gate] !== 'yes') return [];
    const met = c.measures.filter((m) => meets(m, answers[m.field]));
    const holds = c.match === 'all' ? met.length === c.measures.length : met.length > 0;
    return holds ? [{ letter: c.letter, text: conditionText(c, met, answers, format) }] : [];
  });
}

/** The indennità di accompagnamento from the certifications valid on the check date: unknown when none is valid. */
function accompaniment(facts: EligibilityFacts): State {
  const valid = facts.disability.filter((d) => d.valid);
  if (!valid.length) return 'unknown';
  return valid.some((d) => d.accompaniment) ? 'met' : 'not-met';
}

/**
 * Disabilità gravissima (DM 26 settembre 2016, art. 3): the indennità di accompagnamento, and at least one of
 * the conditions a)–i) in the latest final assessment with the form `lazio.disabilita-gravissima` on or before
 * the check date. A pass names the conditions met; a fail names what is missing; with no such assessment (or
 * one the operator may not read), or no valid certification, the answer is unknown: the data may just not be
 * recorded yet.
 */
export const disabilitaGravissima = defineEligibilityRule({
  id: 'lazio.disabilita-gravissima',
  titleKey: `${K}.title`,
  params: z.strictObject({}),
  fields: [],
  describe: () => ({ key: `${K}.describe` }),
  evaluate(facts, _params, format): EligibilityVerdict {
    const on = format.date(facts.on);
    const indennita = accompaniment(facts);
    const assessment = facts.assessments.find((a) => a.formId === GRAVISSIMA_FORM_ID);
    const conditions = assessment ? metConditions(assessment.answers, format) : [];
    const assessed: State = assessment ? (conditions.length ? 'met' : 'not-met') : 'unknown';
    const used = {
      accompaniment: indennita === 'unknown' ? null : indennita === 'met',
      assessment: assessment?.id ?? null,
      assessedOn: assessment?.assessedOn ?? null,
      conditions: conditions.map((c) => c.letter).join(',') || null,
    };
    const date = assessment ? format.date(assessment.assessedOn) : on;

    if (indennita === 'not-met' || assessed === 'not-met') {
      const missing: EligibilityText[] = [
        ...(indennita === 'not-met' ? [{ key: `${K}.missing.accompaniment` }] : []),
        ...(assessed === 'not-met' ? [{ key: `${K}.missing.conditions`, values: { date } }] : []),
      ];
      return { outcome: 'fail', reason: { key: `${K}.fail`, values: { missing } }, used };
    }
    if (indennita === 'unknown' || assessed === 'unknown') {
      const unreadable = facts.unreadableForms.includes(GRAVISSIMA_FORM_ID);
      const missing: EligibilityText[] = [
        ...(indennita === 'unknown' ? [{ key: `${K}.unknown.certification`, values: { on } }] : []),
        ...(assessed === 'unknown'
          ? [{ key: unreadable ? `${K}.unknown.unreadable` : `${K}.unknown.assessment`, values: { form: FORM, on } }]
          : []),
      ];
      return { outcome: 'unknown', reason: { key: `${K}.incomplete`, values: { missing } }, used };
    }
    return {
      outcome: 'pass',
      reason: { key: `${K}.pass`, values: { date, conditions: conditions.map((c) => c.text) } },
      used,
    };
  },
});
