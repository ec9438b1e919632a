// SPDX-License-Identifier: AGPL-3.0-or-later
import type { DemoAssessment, DemoDataSet } from '@sigess/core/sdk';
import { SINA_FORM_ID, SINBA_FORM_ID, fieldIdOf } from './forms';

/**
 * The schede the SIUSS flows of core's demo comune (Orvieto) need, on core's demo cartelle and interventions
 * (core/src/modules/interventions/demo.ts):
 *
 * - a scheda SINA for the anziana living alone (cartella `anziani`, home care A2.07 active): with her SAD it is a
 *   PSA record with its SINA;
 * - a scheda SINA for the person of the suspended `disabili` cartella (assegno per la domiciliarità A1.11,
 *   suspended during her stay in rehabilitation);
 * - a scheda SINBA for the child of the `famiglia-minori` cartella (socio-educational support at home A2.02),
 *   reported by the school: a SINBA record, the child's parents from a Moroccan family living in Umbria.
 *
 * Left incomplete on purpose, so that the monitoring shows what an operator must fix: the closed `poverta`
 * cartella's income support (A1.04, concluded), whose person has only a provisional code and no residence on
 * record. Its record lacks the codice fiscale and the address of residence; the demo adds no scheda for it.
 *
 * The answers are by XSD attribute, turned into the forms' field ids (`fieldIdOf`), codes as the XSDs enumerate
 * them; SINBA's months are dates (the form has no month field), relative to the day the demo is loaded.
 */

const COMUNE = 'demo-comune';

/** A day before today, `YYYY-MM-DD`: demo dates follow the day the demo is loaded, as core's do. */
const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** Answers keyed by the XSD's attribute names, as the forms store them. */
const answers = (byAttribute: Readonly<Record<string, string | readonly string[]>>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(byAttribute).map(([attribute, value]) => [fieldIdOf(attribute), value]));

const SINA_ANZIANA: DemoAssessment = {
  organization: COMUNE,
  person: { cartellaArea: 'anziani' },
  form: SINA_FORM_ID,
  // At the home visit, the day before the SAD was requested.
  assessedOn: { daysAgo: 13 },
  answers: answers({
    Mobilita: '2',
    AttivitaVitaQuotidiana: '2',
    DisturbiAreaCognitiva: '1',
    DisturbiComportamentali: '1',
    NecessitaCureSanitarie: '2',
    AreaReddituale: '2',
    AreaSupporto: '2',
    InvaliditaCivile: ['3'],
    FonteDerivazioneInvalidita: '2',
    NecessitaInterventiSociali: ['A2.07', 'A1.11'],
    FonteDerivazioneValutazione: '2',
    StrumentoValutazione: '7',
  }),
};

const SINA_DISABILI: DemoAssessment = {
  organization: COMUNE,
  person: { cartellaArea: 'disabili' },
  form: SINA_FORM_ID,
  // By the UVM, before the assegno was approved.
  assessedOn: { daysAgo: 110 },
  answers: answers({
    Mobilita: '2',
    AttivitaVitaQuotidiana: '2',
    DisturbiComportamentali: '1',
    NecessitaCureSanitarie: '3',
    AreaReddituale: '2',
    AreaSupporto: '1',
    InvaliditaCivile: ['1', '5'],
    FonteDerivazioneInvalidita: '1',
    NecessitaInterventiSociali: ['A1.11', 'A2.08'],
    FonteDerivazioneValutazione: '1',
    StrumentoValutazione: '7',
  }),
};

const SINBA_MINORE: DemoAssessment = {
  organization: COMUNE,
  person: { cartellaArea: 'famiglia-minori' },
  form: SINBA_FORM_ID,
  // After the colloquio with the mother, before the support was approved.
  assessedOn: { daysAgo: 66 },
  answers: answers({
    MinoreStranieroNoAcc: '2',
    CondizioneMinore: '1',
    LuogoVita: '1',
    ScuolaFrequentata: '5',
    CondizioneLavoro: '1',
    Disabilita: '2',
    Famiglia: ['1', '2', '3'],
    CodiceCittadinanzaMadre: '436',
    CodiceRegioneResidenzaMadre: '10',
    TitoloStudioMadre: '3',
    OccupazioneMadre: '4',
    CodiceCittadinanzaPadre: '436',
    CodiceRegioneResidenzaPadre: '10',
    TitoloStudioPadre: '3',
    OccupazionePadre: '1',
    // The school's report that opened the cartella.
    DataPrimaSegnalazione: daysAgo(76),
    FonteSegnalazione: '13',
    ValutazioneMinore: '2',
    ValutazioneFamigliaMinore: '2',
    CollaborazioniInterventi: '7',
    SegnalazioneAutoritaGiudiziaria: '2',
    ProvvedimentoGiudiziario: '2',
  }),
};

export const SIUSS_DEMO: DemoDataSet = {
  id: 'siuss.demo',
  assessments: [SINA_ANZIANA, SINA_DISABILI, SINBA_MINORE],
};
