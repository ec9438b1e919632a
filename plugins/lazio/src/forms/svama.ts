// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormDefinition, FormField, ScaleOption } from '@sigess/core/sdk';
import { HEALTH_CARE_NEED, NURSING_NEEDS, WHEELCHAIR_USE } from './code-lists';
import { SOCIAL_SECTION, SUMMARY_SECTION } from './social';

/**
 * SVAMA, the Scheda per la Valutazione Multidimensionale dell'Anziano the UVMD fills in for an older person:
 * health (CIRS), cognition (Pfeiffer's SPMSQ), daily living and mobility (Barthel items, scored as points of
 * dependence, as SVAMA scores them), behaviour, the social situation, and the profilo di autonomia that the
 * cognitive, mobility and daily-living levels make together. All of it is data for core's forms engine, which
 * adds up the totals, names their bands and the profile on the server. The cut-offs and the profile grid
 * are in docs/plugins/lazio.md, with what is still to be confirmed with the region.
 */

export const SVAMA_FORM_ID = 'lazio.svama';

const K = 'lazio:forms.svama';
const L = 'lazio:forms.levels';

/**
 * Barthel's five levels (Shah's modified index), scored the other way round as SVAMA does: points of
 * dependence, 0 for independence up to the item's weight. `points` lists them from independent to dependent.
 */
function barthelLevels(points: readonly [number, number, number, number, number]): ScaleOption[] {
  const levels = ['autonomo', 'supervisione', 'aiuto-moderato', 'aiuto-massimo', 'dipendente'] as const;
  const keys = ['independent', 'supervision', 'moderateHelp', 'maximumHelp', 'dependent'] as const;
  return levels.map((value, i) => ({ value, labelKey: `${L}.${keys[i]}`, points: points[i]! }));
}
const WEIGHT_5 = barthelLevels([0, 1, 2, 4, 5]);
const WEIGHT_10 = barthelLevels([0, 2, 5, 8, 10]);
const WEIGHT_15 = barthelLevels([0, 3, 7, 12, 15]);

const barthel = (id: string, key: string, scale: ScaleOption[], helpKey?: string): FormField => ({
  id,
  type: 'scale',
  labelKey: `${K}.items.${key}`,
  ...(helpKey ? { helpKey } : {}),
  required: true,
  scale,
});

/** CIRS severity 1–5; a system counts in the comorbidity index from 3 (moderate) up, so only those score a point. */
const CIRS_LEVELS: ScaleOption[] = [1, 2, 3, 4, 5].map((level) => ({
  value: String(level),
  labelKey: `${K}.cirs.levels.${level}`,
  points: level >= 3 ? 1 : 0,
}));
/** The 13 organ systems of the comorbidity index; the 14th, psychiatric and behavioural, is rated apart. */
const CIRS_SYSTEMS = [
  'cardiac',
  'hypertension',
  'vascular',
  'respiratory',
  'eent',
  'upper-gi',
  'lower-gi',
  'liver',
  'renal',
  'genitourinary',
  'musculoskeletal',
  'neurological',
  'endocrine',
] as const;
const cirs = (system: string): FormField => ({
  id: `cirs-${system}`,
  type: 'scale',
  labelKey: `${K}.cirs.systems.${system}`,
  required: true,
  scale: CIRS_LEVELS,
});

/** SPMSQ: each of the ten questions is answered right or wrong; the total counts the errors. */
const SPMSQ_ANSWER: ScaleOption[] = [
  { value: 'giusta', labelKey: `${K}.spmsq.right`, points: 0 },
  { value: 'errata', labelKey: `${K}.spmsq.wrong`, points: 1 },
];
const SPMSQ_QUESTIONS = [
  'date',
  'weekday',
  'place',
  'address',
  'age',
  'birth',
  'president',
  'previous-president',
  'mother',
  'serial',
] as const;

/** Behavioural problems: absent, occasional, frequent. */
const BEHAVIOUR: ScaleOption[] = [
  { value: 'assente', labelKey: `${K}.behaviour.absent`, points: 0 },
  { value: 'occasionale', labelKey: `${K}.behaviour.occasional`, points: 1 },
  { value: 'frequente', labelKey: `${K}.behaviour.frequent`, points: 2 },
];
const BEHAVIOURS = ['wandering', 'agitation', 'disinhibition', 'sleep', 'delusions', 'refusal'] as const;

const ADL_ITEMS = ['adl-feeding', 'adl-bathing', 'adl-grooming', 'adl-dressing', 'adl-toilet', 'adl-bladder', 'adl-bowels'];
const MOBILITY_ITEMS = ['mob-transfers', 'mob-walking', 'mob-stairs'];

const band = (id: string, from: number, to: number, key: string) => ({ id, from, to, labelKey: `${K}.bands.${key}` });
const CONFUSED = ['confuso', 'molto-confuso'];

export const SVAMA_FORM: FormDefinition = {
  id: SVAMA_FORM_ID,
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'cartella',
  sections: [
    {
      id: 'health',
      titleKey: `${K}.sections.health`,
      descriptionKey: `${K}.sections.healthDescription`,
      fields: [
        { id: 'diagnosis', type: 'text', labelKey: `${K}.fields.diagnosis`, maxLength: 300, required: true },
        ...CIRS_SYSTEMS.map(cirs),
        { ...cirs('psychiatric'), helpKey: `${K}.cirs.psychiatricHelp` },
        { id: 'nursing-needs', type: 'multi-choice', labelKey: `${K}.fields.nursingNeeds`, codeList: NURSING_NEEDS.id },
        { id: 'health-care-need', type: 'choice', labelKey: `${K}.fields.healthCareNeed`, codeList: HEALTH_CARE_NEED.id, required: true },
      ],
    },
    {
      id: 'cognitive',
      titleKey: `${K}.sections.cognitive`,
      descriptionKey: `${K}.sections.cognitiveDescription`,
      fields: SPMSQ_QUESTIONS.map((q) => ({
        id: `spmsq-${q}`,
        type: 'scale' as const,
        labelKey: `${K}.spmsq.questions.${q}`,
        required: true,
        scale: SPMSQ_ANSWER,
      })),
    },
    {
      id: 'functional',
      titleKey: `${K}.sections.functional`,
      descriptionKey: `${K}.sections.barthelDescription`,
      fields: [
        barthel('adl-feeding', 'feeding', WEIGHT_10),
        barthel('adl-bathing', 'bathing', WEIGHT_5),
        barthel('adl-grooming', 'grooming', WEIGHT_5),
        barthel('adl-dressing', 'dressing', WEIGHT_10),
        barthel('adl-toilet', 'toilet', WEIGHT_10),
        barthel('adl-bladder', 'bladder', WEIGHT_10, `${K}.items.continenceHelp`),
        barthel('adl-bowels', 'bowels', WEIGHT_10, `${K}.items.continenceHelp`),
      ],
    },
    {
      id: 'mobility',
      titleKey: `${K}.sections.mobility`,
      descriptionKey: `${K}.sections.barthelDescription`,
      fields: [
        barthel('mob-transfers', 'transfers', WEIGHT_15),
        barthel('mob-walking', 'walking', WEIGHT_15, `${K}.items.walkingHelp`),
        {
          id: 'wheelchair',
          type: 'choice',
          labelKey: `${K}.items.wheelchair`,
          codeList: WHEELCHAIR_USE.id,
          visibleWhen: { field: 'mob-walking', equals: ['dipendente'] },
          requiredWhen: { field: 'mob-walking', equals: ['dipendente'] },
        },
        barthel('mob-stairs', 'stairs', WEIGHT_10),
      ],
    },
    {
      id: 'behaviour',
      titleKey: `${K}.sections.behaviour`,
      fields: BEHAVIOURS.map((b) => ({
        id: `behaviour-${b}`,
        type: 'scale' as const,
        labelKey: `${K}.behaviour.items.${b}`,
        required: true,
        scale: BEHAVIOUR,
      })),
    },
    SOCIAL_SECTION,
    SUMMARY_SECTION,
  ],
  totals: [
    {
      id: 'comorbidity',
      labelKey: `${K}.totals.comorbidity`,
      fields: CIRS_SYSTEMS.map((s) => `cirs-${s}`),
    },
    {
      id: 'cognitive',
      labelKey: `${K}.totals.cognitive`,
      fields: SPMSQ_QUESTIONS.map((q) => `spmsq-${q}`),
      bands: [band('lucido', 0, 3, 'lucid'), band('confuso', 4, 7, 'confused'), band('molto-confuso', 8, 10, 'veryConfused')],
    },
    {
      id: 'adl',
      labelKey: `${K}.totals.adl`,
      fields: ADL_ITEMS,
      bands: [band('autonomo', 0, 14, 'adlIndependent'), band('dipendente', 15, 49, 'adlDependent'), band('totale', 50, 60, 'adlTotal')],
    },
    {
      id: 'mobility',
      labelKey: `${K}.totals.mobility`,
      fields: MOBILITY_ITEMS,
      bands: [band('da-solo', 0, 14, 'movesAlone'), band('assistito', 15, 29, 'movesAssisted'), band('immobile', 30, 40, 'doesNotMove')],
    },
    {
      id: 'behaviour',
      labelKey: `${K}.totals.behaviour`,
      fields: BEHAVIOURS.map((b) => `behaviour-${b}`),
      bands: [band('assenti', 0, 0, 'behaviourAbsent'), band('presenti', 1, 12, 'behaviourPresent')],
    },
  ],
  classifications: [
    {
      // The SVAMA profile grid: cognition × mobility × daily living; "confuso" and "molto confuso" share a row.
      id: 'autonomy-profile',
      labelKey: `${K}.profile.title`,
      totals: ['cognitive', 'mobility', 'adl'],
      profiles: [
        {
          id: 'lucido-autonomo',
          labelKey: `${K}.profile.lucidIndependent`,
          when: { cognitive: ['lucido'], mobility: ['da-solo'], adl: ['autonomo'] },
        },
        {
          id: 'lucido-in-parte-dipendente',
          labelKey: `${K}.profile.lucidPartlyDependent`,
          when: { cognitive: ['lucido'], mobility: ['da-solo'] },
        },
        {
          id: 'lucido-deambula-assistito',
          labelKey: `${K}.profile.lucidAssisted`,
          when: { cognitive: ['lucido'], mobility: ['assistito'] },
        },
        { id: 'lucido-non-si-sposta', labelKey: `${K}.profile.lucidImmobile`, when: { cognitive: ['lucido'], mobility: ['immobile'] } },
        {
          id: 'confuso-deambulante-autonomo',
          labelKey: `${K}.profile.confusedIndependent`,
          when: { cognitive: CONFUSED, mobility: ['da-solo'], adl: ['autonomo'] },
        },
        { id: 'confuso-deambulante', labelKey: `${K}.profile.confusedWalking`, when: { cognitive: CONFUSED, mobility: ['da-solo'] } },
        {
          id: 'confuso-deambula-assistito',
          labelKey: `${K}.profile.confusedAssisted`,
          when: { cognitive: CONFUSED, mobility: ['assistito'] },
        },
        { id: 'confuso-non-si-sposta', labelKey: `${K}.profile.confusedImmobile`, when: { cognitive: CONFUSED, mobility: ['immobile'] } },
      ],
    },
  ],
  permissions: { view: 'lazio.uvmd.view', submit: 'lazio.uvmd.assess' },
};
