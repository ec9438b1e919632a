// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Every attribute of the two XSDs with what the XSD requires of it (required or not, lengths, patterns,
 * enumerations, types), transcribed from `schemas/PS_PSA_SINA201812.xsd` and `schemas/SINBA.xsd`. All the
 * enumerations there are the codes 1…n (TipoOperazione apart). A few are stricter than the XSD where it says
 * less than it means: Belfiore codes (the XSD only says 4 characters), NumeroComponentiISEE from 1 (the XSD has
 * no lower bound), amounts not negative with at most two decimals.
 */
import type { SinbaAttribute } from '../model';
import { BELFIORE, CODICE_FISCALE, DIGITS2, DIGITS3, DIGITS6, YEAR, type Facet, type FieldSpec } from './facets';

function codes(n: number): readonly string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}
const text = (min: number | undefined, max: number | undefined): Facet => ({
  type: 'text',
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const pattern = (re: RegExp): Facet => ({ type: 'pattern', pattern: re });
const oneOf = (n: number): Facet => ({ type: 'enum', values: codes(n) });
const DATE: Facet = { type: 'date' };
const MONTH: Facet = { type: 'month' };
const DECIMAL: Facet = { type: 'decimal' };

const req = (name: string, facet: Facet): FieldSpec => ({ name, required: true, facet });
const opt = (name: string, facet: Facet): FieldSpec => ({ name, required: false, facet });

/** `EnteType`. */
export const ENTE_SPECS: readonly FieldSpec[] = [
  req('Codice', text(1, 32)),
  opt('Denominazione', text(1, 100)),
  req('Indirizzo', pattern(BELFIORE)),
  req('CFOperatore', pattern(CODICE_FISCALE)),
];

/** `BeneficiarioType@CodiceFiscale`. */
export const CODICE_FISCALE_SPEC: FieldSpec = req('CodiceFiscale', pattern(CODICE_FISCALE));

/** `AnagraficaType`. */
export const ANAGRAFICA_SPECS: readonly FieldSpec[] = [
  req('Cognome', text(1, 36)),
  req('Nome', text(1, 36)),
  req('AnnoNascita', pattern(YEAR)),
  req('LuogoNascita', pattern(BELFIORE)),
  req('Genere', oneOf(2)),
  req('CodiceCittadinanza', pattern(DIGITS3)),
  opt('CodiceSecondaCittadinanza', pattern(DIGITS3)),
];

/** `IndirizzoType` (CodiceRegione and CodiceComune are required for Italy: a rule of its own). */
export const INDIRIZZO_SPECS: readonly FieldSpec[] = [
  opt('CodiceRegione', pattern(DIGITS2)),
  opt('CodiceComune', pattern(DIGITS6)),
  req('CodiceNazione', pattern(DIGITS3)),
];
/** `Indirizzo` occurs 1 to 5 times. */
export const INDIRIZZO_MAX = 5;
export const ITALIA = '380';

/** `PrestazioniSocialiType` (CaratterePrestazione is required by INPS's rules, not by the XSD). */
export const PRESTAZIONE_SPECS: readonly FieldSpec[] = [
  opt('TipoOperazione', { type: 'enum', values: ['I', 'C'] }),
  req('PresenzaProvaMezzi', oneOf(4)),
  opt('CaratterePrestazione', oneOf(2)),
  opt('NumeroProtocolloDSU', text(0, 30)),
  opt('AnnoProtocolloDSU', pattern(YEAR)),
  opt('DataDSU', DATE),
  req('CodicePrestazione', text(5, 10)),
  req('DenominazionePrestazione', text(10, 200)),
  req('ProtocolloDomanda', text(1, 32)),
  opt('DataEvento', DATE),
  opt('DataInizioPrestazione', DATE),
  opt('DataFinePrestazione', DATE),
  opt('DataErogazionePrestazione', DATE),
  opt('ImportoPrestazione', DECIMAL),
  opt('PeriodoErogazione', { type: 'int', min: 1, max: 12 }),
  opt('ImportoMensile', DECIMAL),
  opt('ImportoQuotaEnte', DECIMAL),
  opt('ImportoQuotaUtente', DECIMAL),
  opt('ImportoQuotaSSN', DECIMAL),
  opt('ImportoQuotaRichiesta', DECIMAL),
  opt('ImportoSogliaISEE', DECIMAL),
  opt('OreServizioMensile', DECIMAL),
  req('PresaCarico', oneOf(2)),
  opt('AreaUtenza', oneOf(3)),
];

/** `SINAType`. */
export const SINA_SPECS: readonly FieldSpec[] = [
  req('Mobilita', oneOf(3)),
  req('AttivitaVitaQuotidiana', oneOf(3)),
  opt('DisturbiAreaCognitiva', oneOf(3)),
  req('DisturbiComportamentali', oneOf(2)),
  opt('NecessitaCureSanitarie', oneOf(3)),
  req('AreaReddituale', oneOf(3)),
  req('AreaSupporto', oneOf(3)),
  req('FonteDerivazioneValutazione', oneOf(4)),
  req('StrumentoValutazione', oneOf(7)),
  opt('FonteDerivazioneInvalidita', oneOf(2)),
];
/** `SINA/NecessitaInterventiSociali/CodicePrestazione` items. */
export const SINA_NEED_SPEC: FieldSpec = req('NecessitaInterventiSociali', text(5, 10));
/** `SINA/InvaliditaCivile/InvCiv` items. */
export const SINA_INVCIV_SPEC: FieldSpec = req('InvCiv', oneOf(8));

/** `SinbaType`'s attributes, in the XSD's order. */
export const SINBA_SPECS: readonly (FieldSpec & { readonly name: SinbaAttribute })[] = [
  { name: 'IDBeneficiario', required: true, facet: text(1, 20) },
  { name: 'MinoreStranieroNoAcc', required: true, facet: oneOf(2) },
  { name: 'CondizioneMinore', required: true, facet: oneOf(5) },
  { name: 'LuogoVita', required: true, facet: oneOf(8) },
  { name: 'ScuolaFrequentata', required: true, facet: oneOf(8) },
  { name: 'CondizioneLavoro', required: true, facet: oneOf(4) },
  { name: 'Disabilita', required: true, facet: oneOf(2) },
  { name: 'TipoDisabilita', required: false, facet: oneOf(4) },
  { name: 'InvCivCertificazioni', required: false, facet: oneOf(5) },
  { name: 'CodiceCittadinanzaPadre', required: false, facet: pattern(DIGITS3) },
  { name: 'CodiceCittadinanzaMadre', required: false, facet: pattern(DIGITS3) },
  { name: 'CodiceRegioneResidenzaPadre', required: false, facet: pattern(DIGITS2) },
  { name: 'CodiceRegioneResidenzaMadre', required: false, facet: pattern(DIGITS2) },
  { name: 'TitoloStudioPadre', required: false, facet: oneOf(6) },
  { name: 'TitoloStudioMadre', required: false, facet: oneOf(6) },
  { name: 'OccupazionePadre', required: false, facet: oneOf(8) },
  { name: 'OccupazioneMadre', required: false, facet: oneOf(8) },
  { name: 'DataPrimaSegnalazione', required: true, facet: MONTH },
  { name: 'FonteSegnalazione', required: true, facet: oneOf(14) },
  { name: 'ValutazioneMinore', required: true, facet: oneOf(13) },
  { name: 'ValutazioneFamigliaMinore', required: true, facet: oneOf(13) },
  { name: 'SegnalazioneAutoritaGiudiziaria', required: true, facet: oneOf(2) },
  { name: 'DataSegnalazione', required: false, facet: MONTH },
  { name: 'ProvvedimentoGiudiziario', required: true, facet: oneOf(2) },
  { name: 'DataProvvedimentoGiudiziario', required: false, facet: MONTH },
  { name: 'AutoritaProvvedimento', required: false, facet: oneOf(4) },
  { name: 'PotestaTutela', required: false, facet: oneOf(5) },
  { name: 'TipoProvvedimentoGiudiziario', required: false, facet: oneOf(8) },
  { name: 'FormaInterventoAffido', required: false, facet: oneOf(2) },
  { name: 'TipoInterventoAffido', required: false, facet: oneOf(2) },
  { name: 'DurataAffido', required: false, facet: oneOf(2) },
  { name: 'CarattereAffido', required: false, facet: oneOf(2) },
  { name: 'EsitoAffido', required: false, facet: oneOf(9) },
  { name: 'CarattereInserimentoResidenziale', required: false, facet: oneOf(10) },
  { name: 'FormaInserimentoResidenziale', required: false, facet: oneOf(2) },
  { name: 'TipoInserimentoResidenziale', required: false, facet: oneOf(2) },
  { name: 'EsitoInserimentoStruttura', required: false, facet: oneOf(9) },
  { name: 'MotivazioneChiusuraCarico', required: false, facet: oneOf(9) },
  { name: 'SituazioneChiusuraCarico', required: false, facet: oneOf(8) },
  { name: 'CollaborazioniInterventi', required: false, facet: oneOf(9) },
  { name: 'NumeroComponentiISEE', required: false, facet: { type: 'int', min: 1, max: 9 } },
  { name: 'FasciaEtaBeneficiario', required: true, facet: oneOf(6) },
  { name: 'FasciaISEEBeneficiario', required: false, facet: oneOf(8) },
  { name: 'AnnoNascita', required: true, facet: pattern(YEAR) },
  { name: 'CodiceRegioneResidenza', required: false, facet: pattern(DIGITS2) },
  { name: 'CodiceNazioneResidenza', required: true, facet: pattern(DIGITS3) },
];
/** `SINBA/Prestazioni/CodicePrestazione` items (at least one). */
export const SINBA_PRESTAZIONE_SPEC: FieldSpec = req('CodicePrestazione', text(5, 10));
/** `SINBA/Famiglia/ComposizioneFamiglia` items (at least one). */
export const SINBA_FAMIGLIA_SPEC: FieldSpec = req('ComposizioneFamiglia', oneOf(6));
