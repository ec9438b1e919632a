// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FormCondition, FormDefinition, FormField } from '@sigess/core/sdk';
import { CITIZENSHIPS_LIST_ID } from '../data/citizenship';
import { REGIONS_LIST } from '../data/regions';
import {
  AUTORITA_PROVVEDIMENTO,
  CARATTERE_AFFIDO,
  CARATTERE_INSERIMENTO_RESIDENZIALE,
  COLLABORAZIONI_INTERVENTI,
  COMPOSIZIONE_FAMIGLIA,
  CONDIZIONE_LAVORO,
  CONDIZIONE_MINORE,
  DURATA_AFFIDO,
  ESITO_AFFIDO,
  ESITO_INSERIMENTO_STRUTTURA,
  FONTE_SEGNALAZIONE,
  FORMA_INTERVENTO,
  INV_CIV_CERTIFICAZIONI,
  LUOGO_VITA,
  MOTIVAZIONE_CHIUSURA_CARICO,
  OCCUPAZIONE,
  POTESTA_TUTELA,
  SCUOLA_FREQUENTATA,
  SI_NO,
  SITUAZIONE_CHIUSURA_CARICO,
  TIPO_DISABILITA,
  TIPO_INSERIMENTO_RESIDENZIALE,
  TIPO_INTERVENTO_AFFIDO,
  TIPO_PROVVEDIMENTO_GIUDIZIARIO,
  TITOLO_STUDIO,
  VALUTAZIONE_FAMIGLIA_MINORE,
  VALUTAZIONE_MINORE,
} from './code-lists';
import { fieldIdOf } from './xsd-mapping';

/**
 * The scheda SINBA (infanzia, adolescenza e famiglia) of a minor in charge: what `SINBA.xsd` asks that the
 * cartella does not already know. Left out, because the flow derives them: `IDBeneficiario` (the pseudonym),
 * `AnnoNascita` and `FasciaEtaBeneficiario` (the person), `FasciaISEEBeneficiario` and `NumeroComponentiISEE`
 * (the ISEE), `CodiceRegioneResidenza` and `CodiceNazioneResidenza` (the residence), `Prestazioni` (the
 * interventions). Every other attribute, and the `Famiglia` list, is one field whose id is the attribute's name in
 * kebab-case (`xsd-mapping.ts`), required exactly where the XSD says `use="required"`.
 *
 * The XSD's months (`MM/YYYY`) are dates here, since the form engine has no month field: the flow writes the
 * month of the date. The parents' citizenships are ISTAT state codes like core's (`siuss.cittadinanze`), their
 * regions ISTAT's two digits (`siuss.regioni`). Details that only make sense after an earlier answer (the type
 * of disability, the judicial measure) are shown only then; the affido, residential placement and closing
 * sections are filled in when they apply.
 */

export const SINBA_FORM_ID = 'siuss.sinba';

const K = 'siuss:forms.sinba';

function field(attribute: string, type: FormField['type'], extra: Partial<FormField> = {}): FormField {
  return { id: fieldIdOf(attribute), type, labelKey: `${K}.fields.${attribute}`, ...extra };
}

const choice = (attribute: string, codeList: string, extra: Partial<FormField> = {}) => field(attribute, 'choice', { codeList, ...extra });

const when = (attribute: string, ...equals: string[]): FormCondition => ({ field: fieldIdOf(attribute), equals });
const YES = '1';

/** A parent's fields, shown unless the parents are unknown (CondizioneMinore 5). */
function parent(who: 'Madre' | 'Padre'): FormField[] {
  const known = when('CondizioneMinore', '1', '2', '3', '4');
  return [
    choice(`CodiceCittadinanza${who}`, CITIZENSHIPS_LIST_ID, { visibleWhen: known }),
    choice(`CodiceRegioneResidenza${who}`, REGIONS_LIST.id, { visibleWhen: known, helpKey: `${K}.help.CodiceRegioneResidenza` }),
    choice(`TitoloStudio${who}`, TITOLO_STUDIO.id, { visibleWhen: known }),
    choice(`Occupazione${who}`, OCCUPAZIONE.id, { visibleWhen: known }),
  ];
}

export const SINBA_FORM: FormDefinition = {
  id: SINBA_FORM_ID,
  version: 1,
  titleKey: `${K}.title`,
  descriptionKey: `${K}.description`,
  subject: 'cartella',
  sections: [
    {
      id: 'minore',
      titleKey: `${K}.sections.minore`,
      fields: [
        choice('MinoreStranieroNoAcc', SI_NO.id, { required: true }),
        choice('CondizioneMinore', CONDIZIONE_MINORE.id, { required: true }),
        choice('LuogoVita', LUOGO_VITA.id, { required: true }),
        choice('ScuolaFrequentata', SCUOLA_FREQUENTATA.id, { required: true }),
        choice('CondizioneLavoro', CONDIZIONE_LAVORO.id, { required: true }),
        choice('Disabilita', SI_NO.id, { required: true }),
        choice('TipoDisabilita', TIPO_DISABILITA.id, { visibleWhen: when('Disabilita', YES) }),
        choice('InvCivCertificazioni', INV_CIV_CERTIFICAZIONI.id, { visibleWhen: when('Disabilita', YES) }),
      ],
    },
    {
      id: 'nucleo',
      titleKey: `${K}.sections.famiglia`,
      fields: [
        field('Famiglia', 'multi-choice', { codeList: COMPOSIZIONE_FAMIGLIA.id, required: true, helpKey: `${K}.help.Famiglia` }),
        ...parent('Madre'),
        ...parent('Padre'),
      ],
    },
    {
      id: 'segnalazione',
      titleKey: `${K}.sections.segnalazione`,
      fields: [
        field('DataPrimaSegnalazione', 'date', { required: true, helpKey: `${K}.help.month` }),
        choice('FonteSegnalazione', FONTE_SEGNALAZIONE.id, { required: true }),
        choice('ValutazioneMinore', VALUTAZIONE_MINORE.id, { required: true }),
        choice('ValutazioneFamigliaMinore', VALUTAZIONE_FAMIGLIA_MINORE.id, { required: true }),
        choice('CollaborazioniInterventi', COLLABORAZIONI_INTERVENTI.id),
      ],
    },
    {
      id: 'autorita-giudiziaria',
      titleKey: `${K}.sections.autoritaGiudiziaria`,
      fields: [
        choice('SegnalazioneAutoritaGiudiziaria', SI_NO.id, { required: true }),
        field('DataSegnalazione', 'date', { visibleWhen: when('SegnalazioneAutoritaGiudiziaria', YES), helpKey: `${K}.help.month` }),
        choice('ProvvedimentoGiudiziario', SI_NO.id, { required: true }),
        field('DataProvvedimentoGiudiziario', 'date', { visibleWhen: when('ProvvedimentoGiudiziario', YES), helpKey: `${K}.help.month` }),
        choice('AutoritaProvvedimento', AUTORITA_PROVVEDIMENTO.id, { visibleWhen: when('ProvvedimentoGiudiziario', YES) }),
        choice('PotestaTutela', POTESTA_TUTELA.id, { visibleWhen: when('ProvvedimentoGiudiziario', YES) }),
        choice('TipoProvvedimentoGiudiziario', TIPO_PROVVEDIMENTO_GIUDIZIARIO.id, { visibleWhen: when('ProvvedimentoGiudiziario', YES) }),
      ],
    },
    {
      id: 'affido',
      titleKey: `${K}.sections.affido`,
      descriptionKey: `${K}.sections.affidoDescription`,
      fields: [
        choice('FormaInterventoAffido', FORMA_INTERVENTO.id),
        choice('TipoInterventoAffido', TIPO_INTERVENTO_AFFIDO.id),
        choice('DurataAffido', DURATA_AFFIDO.id),
        choice('CarattereAffido', CARATTERE_AFFIDO.id),
        choice('EsitoAffido', ESITO_AFFIDO.id),
      ],
    },
    {
      id: 'inserimento-residenziale',
      titleKey: `${K}.sections.inserimentoResidenziale`,
      descriptionKey: `${K}.sections.inserimentoResidenzialeDescription`,
      fields: [
        choice('CarattereInserimentoResidenziale', CARATTERE_INSERIMENTO_RESIDENZIALE.id),
        choice('FormaInserimentoResidenziale', FORMA_INTERVENTO.id),
        choice('TipoInserimentoResidenziale', TIPO_INSERIMENTO_RESIDENZIALE.id),
        choice('EsitoInserimentoStruttura', ESITO_INSERIMENTO_STRUTTURA.id),
      ],
    },
    {
      id: 'chiusura',
      titleKey: `${K}.sections.chiusura`,
      descriptionKey: `${K}.sections.chiusuraDescription`,
      fields: [
        choice('MotivazioneChiusuraCarico', MOTIVAZIONE_CHIUSURA_CARICO.id),
        choice('SituazioneChiusuraCarico', SITUAZIONE_CHIUSURA_CARICO.id),
      ],
    },
  ],
  permissions: { view: 'core.assessments.view', submit: 'core.assessments.edit' },
};
