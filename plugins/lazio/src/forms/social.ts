// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormSection } from '@sigess/core/sdk';
import { SUPPORT_NETWORK } from './code-lists';

/**
 * The social assessment SVAMA and SVAMDi share: who cares for the person and how well, income and its
 * adequacy, the home. Choices, not scores: both instruments ask the social worker's judgement here, and
 * neither form adds it to a total. Core's code lists serve where they already say it.
 */

const K = 'lazio:forms.social';

export const SOCIAL_SECTION: FormSection = {
  id: 'social',
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  fields: [
    { id: 'lives-with', type: 'multi-choice', labelKey: `${K}.livesWith`, codeList: 'core.living-arrangements', required: true },
    { id: 'support-network', type: 'choice', labelKey: `${K}.supportNetwork`, codeList: SUPPORT_NETWORK.id, required: true },
    { id: 'has-carer', type: 'yes-no', labelKey: `${K}.hasCarer`, required: true },
    {
      id: 'carer',
      type: 'text',
      labelKey: `${K}.carer`,
      helpKey: `${K}.carerHelp`,
      visibleWhen: { field: 'has-carer', equals: ['yes'] },
      requiredWhen: { field: 'has-carer', equals: ['yes'] },
    },
    { id: 'income-sources', type: 'multi-choice', labelKey: `${K}.incomeSources`, codeList: 'core.income-sources' },
    { id: 'economic-situation', type: 'choice', labelKey: `${K}.economicSituation`, codeList: 'core.adequacy-levels', required: true },
    { id: 'housing-type', type: 'choice', labelKey: `${K}.housingType`, codeList: 'core.housing-types', required: true },
    { id: 'housing-adequacy', type: 'choice', labelKey: `${K}.housingAdequacy`, codeList: 'core.adequacy-levels', required: true },
    {
      id: 'housing-problems',
      type: 'multi-choice',
      labelKey: `${K}.housingProblems`,
      codeList: 'core.housing-problems',
      visibleWhen: { field: 'housing-adequacy', equals: ['parziale', 'inadeguata'] },
    },
    { id: 'social-notes', type: 'text', multiline: true, labelKey: `${K}.notes` },
  ],
};

/** The UVMD's conclusion, the same on both forms. */
export const SUMMARY_SECTION: FormSection = {
  id: 'summary',
  titleKey: 'lazio:forms.summary.title',
  fields: [
    {
      id: 'summary',
      type: 'text',
      multiline: true,
      labelKey: 'lazio:forms.summary.notes',
      helpKey: 'lazio:forms.summary.help',
      required: true,
    },
  ],
};
