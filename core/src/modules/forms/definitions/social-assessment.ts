// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormDefinition, FormField, ScaleOption } from '../../../sdk/extension-points/forms';

const K = 'core:forms.social';

const option = (points: number, label: string): ScaleOption => ({ value: String(points), labelKey: `core:forms.scale.${label}`, points });

/** One Barthel item, its options in the classic scores (steps of 5, the whole index 0–100). */
const adl = (id: string, options: ScaleOption[]): FormField => ({
  id,
  type: 'scale',
  labelKey: `${K}.fields.${id}`,
  required: true,
  scale: options,
});

/** The ten items of the Barthel index (activities of daily living), as social services score them. */
const BARTHEL_ITEMS: FormField[] = [
  adl('adl-feeding', [option(0, 'unable'), option(5, 'needsHelp'), option(10, 'independent')]),
  adl('adl-bathing', [option(0, 'dependent'), option(5, 'independent')]),
  adl('adl-grooming', [option(0, 'needsHelp'), option(5, 'independent')]),
  adl('adl-dressing', [option(0, 'dependent'), option(5, 'needsHelp'), option(10, 'independent')]),
  adl('adl-bowels', [option(0, 'incontinent'), option(5, 'occasionalIncontinence'), option(10, 'continent')]),
  adl('adl-bladder', [option(0, 'incontinent'), option(5, 'occasionalIncontinence'), option(10, 'continent')]),
  adl('adl-toilet', [option(0, 'dependent'), option(5, 'needsHelp'), option(10, 'independent')]),
  adl('adl-transfers', [option(0, 'unable'), option(5, 'majorHelp'), option(10, 'minorHelp'), option(15, 'independent')]),
  adl('adl-mobility', [option(0, 'immobile'), option(5, 'wheelchairIndependent'), option(10, 'walksWithHelp'), option(15, 'independent')]),
  adl('adl-stairs', [option(0, 'unable'), option(5, 'needsHelp'), option(10, 'independent')]),
];

/** Housing types where one lives in a home of one's own (title, adequacy and problems make sense). */
const HOMES = ['appartamento', 'casa-indipendente'];

/**
 * The social assessment (scheda di valutazione sociale multidimensionale): health, autonomy in the
 * activities of daily living (a Barthel index with its bands), family and social network, economic
 * situation and housing, and the social worker's summary. Regions add their own scales (SVAMA, SVAMDi…)
 * as plugins; this is the generic one every organization has.
 */
export const SOCIAL_ASSESSMENT_FORM: FormDefinition = {
  id: 'core.social-assessment',
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'person',
  sections: [
    {
      id: 'health',
      titleKey: `${K}.sections.health`,
      fields: [
        { id: 'chronic-illness', type: 'yes-no', labelKey: `${K}.fields.chronic-illness`, required: true },
        {
          id: 'illness-notes',
          type: 'text',
          multiline: true,
          labelKey: `${K}.fields.illness-notes`,
          visibleWhen: { field: 'chronic-illness', equals: ['yes'] },
        },
        { id: 'disability-percentage', type: 'number', labelKey: `${K}.fields.disability-percentage`, integer: true, min: 0, max: 100 },
        { id: 'attendance-allowance', type: 'yes-no', labelKey: `${K}.fields.attendance-allowance` },
        { id: 'severe-handicap', type: 'yes-no', labelKey: `${K}.fields.severe-handicap`, helpKey: `${K}.help.severe-handicap` },
        { id: 'specialist-services', type: 'yes-no', labelKey: `${K}.fields.specialist-services` },
        { id: 'general-practitioner', type: 'text', labelKey: `${K}.fields.general-practitioner`, maxLength: 120 },
      ],
    },
    {
      id: 'autonomy',
      titleKey: `${K}.sections.autonomy`,
      descriptionKey: `${K}.sections.autonomy-description`,
      fields: BARTHEL_ITEMS,
    },
    {
      id: 'family',
      titleKey: `${K}.sections.family`,
      fields: [
        { id: 'family-network', type: 'choice', labelKey: `${K}.fields.family-network`, codeList: 'core.network-levels', required: true },
        { id: 'family-carer', type: 'yes-no', labelKey: `${K}.fields.family-carer` },
        {
          id: 'family-carer-relation',
          type: 'text',
          labelKey: `${K}.fields.family-carer-relation`,
          maxLength: 120,
          visibleWhen: { field: 'family-carer', equals: ['yes'] },
          requiredWhen: { field: 'family-carer', equals: ['yes'] },
        },
        { id: 'family-notes', type: 'text', multiline: true, labelKey: `${K}.fields.family-notes` },
      ],
    },
    {
      id: 'social',
      titleKey: `${K}.sections.social`,
      fields: [
        { id: 'social-network', type: 'choice', labelKey: `${K}.fields.social-network`, codeList: 'core.network-levels', required: true },
        { id: 'isolation-risk', type: 'yes-no', labelKey: `${K}.fields.isolation-risk` },
        { id: 'social-notes', type: 'text', multiline: true, labelKey: `${K}.fields.social-notes` },
      ],
    },
    {
      id: 'economic',
      titleKey: `${K}.sections.economic`,
      fields: [
        {
          id: 'income-sources',
          type: 'multi-choice',
          labelKey: `${K}.fields.income-sources`,
          codeList: 'core.income-sources',
          required: true,
        },
        { id: 'isee', type: 'number', labelKey: `${K}.fields.isee`, helpKey: `${K}.help.isee`, min: 0, max: 1_000_000 },
        { id: 'isee-date', type: 'date', labelKey: `${K}.fields.isee-date` },
        { id: 'debts', type: 'yes-no', labelKey: `${K}.fields.debts` },
        { id: 'economic-notes', type: 'text', multiline: true, labelKey: `${K}.fields.economic-notes` },
      ],
    },
    {
      id: 'housing',
      titleKey: `${K}.sections.housing`,
      fields: [
        { id: 'housing-type', type: 'choice', labelKey: `${K}.fields.housing-type`, codeList: 'core.housing-types', required: true },
        {
          id: 'housing-tenure',
          type: 'choice',
          labelKey: `${K}.fields.housing-tenure`,
          codeList: 'core.housing-tenures',
          visibleWhen: { field: 'housing-type', equals: HOMES },
          requiredWhen: { field: 'housing-type', equals: HOMES },
        },
        {
          id: 'housing-adequacy',
          type: 'choice',
          labelKey: `${K}.fields.housing-adequacy`,
          codeList: 'core.adequacy-levels',
          visibleWhen: { field: 'housing-type', equals: HOMES },
        },
        {
          id: 'housing-problems',
          type: 'multi-choice',
          labelKey: `${K}.fields.housing-problems`,
          codeList: 'core.housing-problems',
          visibleWhen: { field: 'housing-type', equals: HOMES },
        },
        { id: 'housing-notes', type: 'text', multiline: true, labelKey: `${K}.fields.housing-notes` },
      ],
    },
    {
      id: 'summary',
      titleKey: `${K}.sections.summary`,
      fields: [
        { id: 'summary', type: 'text', multiline: true, labelKey: `${K}.fields.summary`, helpKey: `${K}.help.summary`, required: true },
      ],
    },
  ],
  totals: [
    {
      id: 'adl',
      labelKey: `${K}.totals.adl`,
      fields: BARTHEL_ITEMS.map((f) => f.id),
      bands: [
        { from: 0, to: 20, labelKey: `${K}.bands.total` },
        { from: 21, to: 60, labelKey: `${K}.bands.severe` },
        { from: 61, to: 90, labelKey: `${K}.bands.moderate` },
        { from: 91, to: 99, labelKey: `${K}.bands.slight` },
        { from: 100, to: 100, labelKey: `${K}.bands.independent` },
      ],
    },
  ],
  permissions: { view: 'core.assessments.view', submit: 'core.assessments.edit' },
};
