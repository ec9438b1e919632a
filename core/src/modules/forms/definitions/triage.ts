// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormDefinition, FormField, ScaleOption } from '../../../sdk/extension-points/forms';

const K = 'core:forms.triage';

/** Three steps of need, as first-access triage sheets score them: 0 none, 2 the most. */
const steps = (low: string, mid: string, high: string): ScaleOption[] => [
  { value: '0', labelKey: `core:forms.scale.${low}`, points: 0 },
  { value: '1', labelKey: `core:forms.scale.${mid}`, points: 1 },
  { value: '2', labelKey: `core:forms.scale.${high}`, points: 2 },
];

const item = (id: string, scale: ScaleOption[]): FormField => ({
  id,
  type: 'scale',
  labelKey: `${K}.fields.${id}`,
  required: true,
  scale,
});

/**
 * The first-access triage sheet (scheda di triage) of a PUA or segretariato sociale: who sent the person
 * and what they ask, who they live with and who helps them, a quick score of the care need over six
 * items (morbidity, feeding, continence, mobility, hygiene, mental state), and how urgent the answer is.
 * The need index tells a routine request from one for the multidimensional assessment (UVM).
 */
export const TRIAGE_FORM: FormDefinition = {
  id: 'core.triage',
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'person',
  sections: [
    {
      id: 'request',
      titleKey: `${K}.sections.request`,
      fields: [
        { id: 'source', type: 'choice', labelKey: `${K}.fields.source`, codeList: 'core.triage-sources', required: true },
        { id: 'request', type: 'text', multiline: true, labelKey: `${K}.fields.request`, helpKey: `${K}.help.request`, required: true },
        { id: 'needs', type: 'multi-choice', labelKey: `${K}.fields.needs`, codeList: 'core.triage-needs', required: true },
      ],
    },
    {
      id: 'living',
      titleKey: `${K}.sections.living`,
      fields: [
        {
          id: 'lives-with',
          type: 'multi-choice',
          labelKey: `${K}.fields.lives-with`,
          codeList: 'core.living-arrangements',
          required: true,
        },
        {
          id: 'household-size',
          type: 'number',
          labelKey: `${K}.fields.household-size`,
          helpKey: `${K}.help.household-size`,
          integer: true,
          min: 1,
          max: 30,
        },
        { id: 'has-carer', type: 'yes-no', labelKey: `${K}.fields.has-carer`, required: true },
        {
          id: 'carer',
          type: 'text',
          labelKey: `${K}.fields.carer`,
          helpKey: `${K}.help.carer`,
          visibleWhen: { field: 'has-carer', equals: ['yes'] },
          requiredWhen: { field: 'has-carer', equals: ['yes'] },
        },
      ],
    },
    {
      id: 'autonomy',
      titleKey: `${K}.sections.autonomy`,
      descriptionKey: `${K}.sections.autonomy-description`,
      fields: [
        item('morbidity', steps('noDisease', 'stableDisease', 'severeDisease')),
        item('feeding', steps('independent', 'needsHelp', 'dependent')),
        item('continence', steps('continent', 'occasionalIncontinence', 'incontinent')),
        item('mobility', steps('independent', 'needsHelp', 'dependent')),
        item('hygiene', steps('independent', 'needsHelp', 'dependent')),
        item('mental-state', steps('oriented', 'mildlyConfused', 'severelyImpaired')),
      ],
    },
    {
      id: 'outcome',
      titleKey: `${K}.sections.outcome`,
      fields: [
        { id: 'urgency', type: 'choice', labelKey: `${K}.fields.urgency`, codeList: 'core.urgency-levels', required: true },
        {
          id: 'urgency-reason',
          type: 'text',
          multiline: true,
          labelKey: `${K}.fields.urgency-reason`,
          visibleWhen: { field: 'urgency', equals: ['urgente', 'prioritaria'] },
          requiredWhen: { field: 'urgency', equals: ['urgente'] },
        },
        { id: 'notes', type: 'text', multiline: true, labelKey: `${K}.fields.notes` },
      ],
    },
  ],
  totals: [
    {
      id: 'need',
      labelKey: `${K}.totals.need`,
      bands: [
        { from: 0, to: 3, labelKey: `${K}.bands.low` },
        { from: 4, to: 7, labelKey: `${K}.bands.medium` },
        { from: 8, to: 12, labelKey: `${K}.bands.high` },
      ],
    },
  ],
  permissions: { view: 'core.assessments.view', submit: 'core.assessments.edit' },
};
