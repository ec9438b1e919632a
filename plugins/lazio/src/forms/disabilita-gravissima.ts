// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList, FormDefinition, FormField, FormSection } from '@sigess/core/sdk';

/**
 * The conditions of disabilità gravissima (DM 26 settembre 2016, art. 3, lettere a–i), as the UVMD records
 * them from the specialist's certification: for each letter, whether its clinical picture is present and the
 * measure the decree names with its threshold. The form is data for core's forms engine; the rule
 * `lazio.disabilita-gravissima` reads the answers through `GRAVISSIMA_CONDITIONS` below, so the thresholds
 * sit once, beside the questions they apply to.
 */

export const GRAVISSIMA_FORM_ID = 'lazio.disabilita-gravissima';

const K = 'lazio:gravissima';

/** ASIA Impairment Scale (AIS) grades, A (complete) to E (normal). */
export const ASIA_GRADES: CodeList = {
  id: 'lazio.asia-grades',
  version: 1,
  entries: [
    { code: 'A', label: { it: 'A – completa', en: 'A – complete' } },
    { code: 'B', label: { it: 'B – incompleta sensitiva', en: 'B – sensory incomplete' } },
    { code: 'C', label: { it: 'C – incompleta motoria', en: 'C – motor incomplete' } },
    { code: 'D', label: { it: 'D – incompleta motoria', en: 'D – motor incomplete' } },
    { code: 'E', label: { it: 'E – normale', en: 'E – normal' } },
  ],
};

/** A measure of a condition: the answer of `field` against the decree's threshold (bounds inclusive). */
export interface GravissimaMeasure {
  readonly field: string;
  /** The measure's name in a reason: `lazio:rules.disabilitaGravissima.measures.<key>`. */
  readonly key: string;
  readonly min?: number;
  readonly max?: number;
  /** For a choice or a yes-no: the answers that meet it. */
  readonly oneOf?: readonly string[];
}

/** One letter of art. 3: its yes-no question, and the measures that must all (or, for e, any) meet the threshold. */
export interface GravissimaCondition {
  readonly letter: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g' | 'h' | 'i';
  readonly gate: string;
  readonly measures: readonly GravissimaMeasure[];
  readonly match: 'all' | 'any';
}

export const GRAVISSIMA_CONDITIONS: readonly GravissimaCondition[] = [
  { letter: 'a', gate: 'coma', match: 'all', measures: [{ field: 'gcs', key: 'gcs', max: 10 }] },
  { letter: 'b', gate: 'ventilation', match: 'all', measures: [] },
  { letter: 'c', gate: 'dementia', match: 'all', measures: [{ field: 'cdrs', key: 'cdrs', min: 4 }] },
  { letter: 'd', gate: 'spinal-lesion', match: 'all', measures: [{ field: 'asia', key: 'asia', oneOf: ['A', 'B'] }] },
  {
    letter: 'e',
    gate: 'motor',
    match: 'any',
    measures: [
      { field: 'mrc', key: 'mrc', max: 1 },
      { field: 'edss', key: 'edss', min: 9 },
      { field: 'hoehn-yahr', key: 'hoehnYahr', min: 5 },
    ],
  },
  {
    letter: 'f',
    gate: 'sensory',
    match: 'all',
    measures: [
      { field: 'vision', key: 'vision', oneOf: ['yes'] },
      { field: 'hearing-db', key: 'hearing', min: 90 },
    ],
  },
  { letter: 'g', gate: 'autism', match: 'all', measures: [{ field: 'autism-level', key: 'autismLevel', min: 3 }] },
  {
    letter: 'h',
    gate: 'intellectual',
    match: 'all',
    measures: [
      { field: 'iq', key: 'iq', max: 34 },
      { field: 'lapmer', key: 'lapmer', max: 8 },
    ],
  },
  { letter: 'i', gate: 'vital-dependency', match: 'all', measures: [] },
];

const shownWhenYes = (gate: string) => ({ visibleWhen: { field: gate, equals: ['yes'] }, requiredWhen: { field: gate, equals: ['yes'] } });

/** A yes-no question every final assessment answers, so that "none of the conditions" is a finding, not a gap. */
const gate = (id: string): FormField => ({ id, type: 'yes-no', labelKey: `${K}.fields.${id}`, helpKey: `${K}.help.${id}`, required: true });

const measure = (id: string, gateId: string, bounds: Pick<FormField, 'min' | 'max' | 'integer'>, required = true): FormField => ({
  id,
  type: 'number',
  labelKey: `${K}.fields.${id}`,
  helpKey: `${K}.help.${id}`,
  ...bounds,
  ...(required ? shownWhenYes(gateId) : { visibleWhen: { field: gateId, equals: ['yes'] } }),
});

const section = (letter: string, id: string, fields: FormField[]): FormSection => ({
  id: `${letter}-${id}`,
  titleKey: `${K}.sections.${letter}`,
  fields,
});

export const DISABILITA_GRAVISSIMA_FORM: FormDefinition = {
  id: GRAVISSIMA_FORM_ID,
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'person',
  sections: [
    section('a', 'coma', [gate('coma'), measure('gcs', 'coma', { min: 3, max: 15, integer: true })]),
    section('b', 'ventilation', [gate('ventilation')]),
    // The CDR extended to 4 (very severe) and 5 (terminal), in steps of 0.5 below 1.
    section('c', 'dementia', [gate('dementia'), measure('cdrs', 'dementia', { min: 0, max: 5 })]),
    section('d', 'spinal-lesion', [
      gate('spinal-lesion'),
      {
        id: 'asia',
        type: 'choice',
        labelKey: `${K}.fields.asia`,
        helpKey: `${K}.help.asia`,
        codeList: ASIA_GRADES.id,
        ...shownWhenYes('spinal-lesion'),
      },
    ]),
    // Any one of the three scales is enough (art. 3 lett. e): none is required on its own.
    section('e', 'motor', [
      gate('motor'),
      measure('mrc', 'motor', { min: 0, max: 5 }, false),
      measure('edss', 'motor', { min: 0, max: 10 }, false),
      measure('hoehn-yahr', 'motor', { min: 0, max: 5 }, false),
    ]),
    section('f', 'sensory', [
      gate('sensory'),
      { id: 'vision', type: 'yes-no', labelKey: `${K}.fields.vision`, helpKey: `${K}.help.vision`, ...shownWhenYes('sensory') },
      measure('hearing-db', 'sensory', { min: 0, max: 150 }),
    ]),
    section('g', 'autism', [gate('autism'), measure('autism-level', 'autism', { min: 1, max: 3, integer: true })]),
    section('h', 'intellectual', [
      gate('intellectual'),
      measure('iq', 'intellectual', { min: 0, max: 200, integer: true }),
      measure('lapmer', 'intellectual', { min: 0, integer: true }),
    ]),
    section('i', 'vital-dependency', [
      gate('vital-dependency'),
      {
        id: 'vital-dependency-notes',
        type: 'text',
        multiline: true,
        labelKey: `${K}.fields.vital-dependency-notes`,
        helpKey: `${K}.help.vital-dependency-notes`,
        ...shownWhenYes('vital-dependency'),
      },
    ]),
    {
      id: 'certification',
      titleKey: `${K}.sections.certification`,
      fields: [
        { id: 'certified-by', type: 'text', labelKey: `${K}.fields.certified-by`, helpKey: `${K}.help.certified-by`, required: true },
        { id: 'certified-on', type: 'date', labelKey: `${K}.fields.certified-on`, required: true },
        { id: 'notes', type: 'text', multiline: true, labelKey: `${K}.fields.notes` },
      ],
    },
  ],
  permissions: { view: 'lazio.uvmd.view', submit: 'lazio.uvmd.assess' },
};
