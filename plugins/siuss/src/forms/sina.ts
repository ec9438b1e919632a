// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormDefinition, FormField } from '@sigess/core/sdk';
import { PRESTAZIONI_LIST_ID } from '../data/prestazioni';
import {
  AREA_REDDITUALE,
  AREA_SUPPORTO,
  ATTIVITA_VITA_QUOTIDIANA,
  DISTURBI_AREA_COGNITIVA,
  DISTURBI_COMPORTAMENTALI,
  FONTE_DERIVAZIONE_INVALIDITA,
  FONTE_DERIVAZIONE_VALUTAZIONE,
  INV_CIV,
  MOBILITA,
  NECESSITA_CURE_SANITARIE,
  STRUMENTO_VALUTAZIONE,
} from './code-lists';
import { fieldIdOf } from './xsd-mapping';

/**
 * The scheda SINA (disabilità e non autosufficienza), the `SINA` element INPS receives with a person's
 * prestazioni sociali in the PS/PSA flow (`PS_PSA_SINA201812.xsd`, `SINAType`). One field per XSD attribute or
 * child list, and nothing else: the field id is the attribute's name in kebab-case (`xsd-mapping.ts`), so that
 * the record is the answers renamed. A field is required exactly where the XSD says `use="required"`; the two
 * child lists (`minOccurs="0"`) are optional.
 */

export const SINA_FORM_ID = 'siuss.sina';

const K = 'siuss:forms.sina';

function field(attribute: string, type: 'choice' | 'multi-choice', codeList: string, extra: Partial<FormField> = {}): FormField {
  return { id: fieldIdOf(attribute), type, labelKey: `${K}.fields.${attribute}`, codeList, ...extra };
}

const INVALIDITA_CIVILE = field('InvaliditaCivile', 'multi-choice', INV_CIV.id, { helpKey: `${K}.help.InvaliditaCivile` });

export const SINA_FORM: FormDefinition = {
  id: SINA_FORM_ID,
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'cartella',
  sections: [
    {
      id: 'autonomia',
      titleKey: `${K}.sections.autonomia`,
      fields: [
        field('Mobilita', 'choice', MOBILITA.id, { required: true }),
        field('AttivitaVitaQuotidiana', 'choice', ATTIVITA_VITA_QUOTIDIANA.id, {
          required: true,
          helpKey: `${K}.help.AttivitaVitaQuotidiana`,
        }),
        field('DisturbiAreaCognitiva', 'choice', DISTURBI_AREA_COGNITIVA.id, { helpKey: `${K}.help.DisturbiAreaCognitiva` }),
        field('DisturbiComportamentali', 'choice', DISTURBI_COMPORTAMENTALI.id, { required: true }),
        field('NecessitaCureSanitarie', 'choice', NECESSITA_CURE_SANITARIE.id),
      ],
    },
    {
      id: 'reddito-supporto',
      titleKey: `${K}.sections.redditoSupporto`,
      fields: [
        field('AreaReddituale', 'choice', AREA_REDDITUALE.id, { required: true }),
        field('AreaSupporto', 'choice', AREA_SUPPORTO.id, { required: true }),
      ],
    },
    {
      id: 'invalidita',
      titleKey: `${K}.sections.invalidita`,
      fields: [
        INVALIDITA_CIVILE,
        // Where the invalidity comes from, asked once one is recorded.
        field('FonteDerivazioneInvalidita', 'choice', FONTE_DERIVAZIONE_INVALIDITA.id, {
          visibleWhen: { field: INVALIDITA_CIVILE.id, equals: INV_CIV.entries.map((e) => e.code) },
        }),
      ],
    },
    {
      id: 'interventi',
      titleKey: `${K}.sections.interventi`,
      fields: [
        field('NecessitaInterventiSociali', 'multi-choice', PRESTAZIONI_LIST_ID, { helpKey: `${K}.help.NecessitaInterventiSociali` }),
      ],
    },
    {
      id: 'valutazione',
      titleKey: `${K}.sections.valutazione`,
      fields: [
        field('FonteDerivazioneValutazione', 'choice', FONTE_DERIVAZIONE_VALUTAZIONE.id, { required: true }),
        field('StrumentoValutazione', 'choice', STRUMENTO_VALUTAZIONE.id, { required: true }),
      ],
    },
  ],
  permissions: { view: 'core.assessments.view', submit: 'core.assessments.edit' },
};
