// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CodeList, FormDefinition, ScaleOption } from '@sigess/core/sdk';

/**
 * A small assessment form, to copy when adding a regional scale: two scored items with a total and its
 * bands, a yes-no question and a conditional choice from a code list. It is data only: the core's forms
 * engine renders it, checks the answers, adds up the total and stores the assessments.
 */

export const HELPERS: CodeList = {
  id: 'hello.helpers',
  version: 1,
  entries: [
    { code: 'family', label: { it: 'Familiare', en: 'Family member' } },
    { code: 'neighbour', label: { it: 'Vicino di casa', en: 'Neighbour' } },
  ],
};

const steps: ScaleOption[] = [
  { value: '0', labelKey: 'hello:forms.dependent', points: 0 },
  { value: '1', labelKey: 'hello:forms.needsHelp', points: 1 },
  { value: '2', labelKey: 'hello:forms.independent', points: 2 },
];

export const MINI_ADL: FormDefinition = {
  id: 'hello.mini-adl',
  version: 1,
  titleKey: 'hello:forms.title',
  subject: 'person',
  sections: [
    {
      id: 'daily',
      titleKey: 'hello:forms.daily',
      fields: [
        { id: 'feeding', type: 'scale', labelKey: 'hello:forms.feeding', required: true, scale: steps },
        { id: 'dressing', type: 'scale', labelKey: 'hello:forms.dressing', required: true, scale: steps },
        { id: 'lives-alone', type: 'yes-no', labelKey: 'hello:forms.livesAlone' },
        {
          id: 'helper',
          type: 'choice',
          labelKey: 'hello:forms.helper',
          codeList: 'hello.helpers',
          visibleWhen: { field: 'lives-alone', equals: ['yes'] },
          requiredWhen: { field: 'lives-alone', equals: ['yes'] },
        },
      ],
    },
  ],
  totals: [
    {
      id: 'autonomy',
      labelKey: 'hello:forms.total',
      bands: [
        { from: 0, to: 2, labelKey: 'hello:forms.bandLow' },
        { from: 3, to: 4, labelKey: 'hello:forms.bandHigh' },
      ],
    },
  ],
  permissions: { view: 'core.assessments.view', submit: 'core.assessments.edit' },
};
