// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormDefinition, FormField, ScaleOption } from '@sigess/core/sdk';
import { DAILY_ACTIVITIES, DISABILITY_ORIGINS, DISABILITY_TYPES, HEALTH_CARE_NEED, ICF_ENVIRONMENT, ICF_IMPAIRMENT } from './code-lists';
import { SOCIAL_SECTION, SUMMARY_SECTION } from './social';

/**
 * SVAMDi, the Scheda per la Valutazione Multidimensionale delle persone con Disabilità, on the ICF: health
 * conditions, a summary of body functions, activities and participation in the nine ICF chapters scored with
 * the qualifier 0–4, environmental factors as barriers or facilitators, the social situation, and the need of
 * support the domain totals make together. Data for core's forms engine; the aggregation into domain groups
 * and the support table are SIGeSS's reading of the instrument, documented in docs/plugins/lazio.md with what
 * is to be confirmed with the region.
 */

export const SVAMDI_FORM_ID = 'lazio.svamdi';

const K = 'lazio:forms.svamdi';

/** The ICF qualifier of performance, 0 (no difficulty) to 4 (complete difficulty), scoring its own value. */
const QUALIFIER: ScaleOption[] = [0, 1, 2, 3, 4].map((q) => ({ value: String(q), labelKey: `${K}.qualifiers.${q}`, points: q }));

/** The nine chapters of activities and participation (d1–d9), grouped as the totals read them. */
const LEARNING = ['d1', 'd2', 'd3'] as const;
const SELF_CARE = ['d4', 'd5'] as const;
const PARTICIPATION = ['d6', 'd7', 'd8', 'd9'] as const;
const CHAPTERS = [...LEARNING, ...SELF_CARE, ...PARTICIPATION].sort();

const chapter = (d: string): FormField => ({
  id: `activity-${d}`,
  type: 'scale',
  labelKey: `${K}.activities.${d}`,
  required: true,
  scale: QUALIFIER,
});

const BODY_FUNCTIONS = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7', 'b8'] as const;
const ENVIRONMENT = ['e1', 'e2', 'e3', 'e4', 'e5'] as const;

/**
 * The bands of a group of n chapters follow the ICF's steps on the group's mean qualifier: up to 1 no or mild
 * difficulty, up to 2 moderate, up to 3 severe, above 3 complete. On the sum that is n, 2n, 3n, 4n.
 */
function groupBands(n: number) {
  return [
    { id: 'lieve', from: 0, to: n, labelKey: `${K}.bands.mild` },
    { id: 'media', from: n + 1, to: 2 * n, labelKey: `${K}.bands.moderate` },
    { id: 'grave', from: 2 * n + 1, to: 3 * n, labelKey: `${K}.bands.severe` },
    { id: 'completa', from: 3 * n + 1, to: 4 * n, labelKey: `${K}.bands.complete` },
  ];
}

/** The need of support is the worst of the three groups: one row per group and level, the mildest last. */
const GROUPS = ['self-care', 'learning', 'participation'] as const;
const SUPPORT_LEVELS = [
  { id: 'pervasivo', band: 'completa', key: 'pervasive' },
  { id: 'esteso', band: 'grave', key: 'extensive' },
  { id: 'limitato', band: 'media', key: 'limited' },
] as const;

export const SVAMDI_FORM: FormDefinition = {
  id: SVAMDI_FORM_ID,
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'cartella',
  sections: [
    {
      id: 'health',
      titleKey: `${K}.sections.health`,
      fields: [
        {
          id: 'diagnosis',
          type: 'text',
          labelKey: `${K}.fields.diagnosis`,
          helpKey: `${K}.fields.diagnosisHelp`,
          maxLength: 300,
          required: true,
        },
        {
          id: 'disability-types',
          type: 'multi-choice',
          labelKey: `${K}.fields.disabilityTypes`,
          codeList: DISABILITY_TYPES.id,
          required: true,
        },
        { id: 'disability-origin', type: 'choice', labelKey: `${K}.fields.disabilityOrigin`, codeList: DISABILITY_ORIGINS.id },
        { id: 'civil-invalidity', type: 'number', labelKey: `${K}.fields.civilInvalidity`, min: 0, max: 100, integer: true },
        { id: 'law-104-severe', type: 'yes-no', labelKey: `${K}.fields.law104Severe` },
        { id: 'companion-allowance', type: 'yes-no', labelKey: `${K}.fields.companionAllowance` },
        { id: 'health-care-need', type: 'choice', labelKey: `${K}.fields.healthCareNeed`, codeList: HEALTH_CARE_NEED.id, required: true },
      ],
    },
    {
      id: 'body-functions',
      titleKey: `${K}.sections.bodyFunctions`,
      descriptionKey: `${K}.sections.bodyFunctionsDescription`,
      fields: BODY_FUNCTIONS.map((b) => ({
        id: `function-${b}`,
        type: 'choice' as const,
        labelKey: `${K}.functions.${b}`,
        codeList: ICF_IMPAIRMENT.id,
        required: true,
      })),
    },
    {
      id: 'activities',
      titleKey: `${K}.sections.activities`,
      descriptionKey: `${K}.sections.activitiesDescription`,
      fields: CHAPTERS.map(chapter),
    },
    {
      id: 'environment',
      titleKey: `${K}.sections.environment`,
      descriptionKey: `${K}.sections.environmentDescription`,
      fields: [
        ...ENVIRONMENT.map((e) => ({
          id: `environment-${e}`,
          type: 'choice' as const,
          labelKey: `${K}.environment.${e}`,
          codeList: ICF_ENVIRONMENT.id,
        })),
        { id: 'environment-notes', type: 'text', multiline: true, labelKey: `${K}.fields.environmentNotes` },
      ],
    },
    {
      ...SOCIAL_SECTION,
      fields: [
        ...SOCIAL_SECTION.fields,
        { id: 'daily-activity', type: 'choice', labelKey: `${K}.fields.dailyActivity`, codeList: DAILY_ACTIVITIES.id },
      ],
    },
    SUMMARY_SECTION,
  ],
  totals: [
    {
      id: 'self-care',
      labelKey: `${K}.totals.selfCare`,
      fields: SELF_CARE.map((d) => `activity-${d}`),
      bands: groupBands(SELF_CARE.length),
    },
    { id: 'learning', labelKey: `${K}.totals.learning`, fields: LEARNING.map((d) => `activity-${d}`), bands: groupBands(LEARNING.length) },
    {
      id: 'participation',
      labelKey: `${K}.totals.participation`,
      fields: PARTICIPATION.map((d) => `activity-${d}`),
      bands: groupBands(PARTICIPATION.length),
    },
    {
      id: 'functioning',
      labelKey: `${K}.totals.functioning`,
      fields: CHAPTERS.map((d) => `activity-${d}`),
      bands: groupBands(CHAPTERS.length),
    },
  ],
  classifications: [
    {
      id: 'support-need',
      labelKey: `${K}.support.title`,
      totals: [...GROUPS],
      profiles: [
        ...SUPPORT_LEVELS.flatMap((level) =>
          GROUPS.map((group) => ({ id: level.id, labelKey: `${K}.support.${level.key}`, when: { [group]: [level.band] } })),
        ),
        { id: 'intermittente', labelKey: `${K}.support.intermittent`, when: {} },
      ],
    },
  ],
  permissions: { view: 'lazio.uvmd.view', submit: 'lazio.uvmd.assess' },
};
