// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The SIUSS records in the shape of INPS's own XSDs (`PS_PSA_SINA201812.xsd`, `SINBA.xsd`, namespace
 * `http://inps.it/Casellario`): attribute names are the XSD's, values are the strings written to the XML
 * (codes as the XSD enumerates them, dates `YYYY-MM-DD`, months `MM/YYYY`, decimals with a dot). An absent
 * optional attribute is `undefined`. The mapping from the cartella (`derive/`) fills these; the writers
 * (`xml/`) serialize them; the pre-validation (`validation/`) checks them before anything is published.
 */

/** `IdentificazioneFlusso/Ente`: the comune (or ente) that sends. */
export interface Ente {
  /** Codice ente at INPS: the Belfiore code of the comune (1–32 chars). */
  readonly Codice: string;
  readonly Denominazione?: string;
  /** Belfiore code of the ente's sede legale (4 chars). */
  readonly Indirizzo: string;
  /** Codice fiscale of the sender: a person's 16-char code or the ente's 11 digits. */
  readonly CFOperatore: string;
}

export interface Anagrafica {
  readonly Cognome: string;
  readonly Nome: string;
  readonly AnnoNascita: string;
  /** Belfiore code of the birth place; `Z###` abroad. */
  readonly LuogoNascita: string;
  /** 1 male, 2 female. */
  readonly Genere: string;
  /** ISO 3166-1 numeric (380 Italy). */
  readonly CodiceCittadinanza: string;
  readonly CodiceSecondaCittadinanza?: string;
}

export interface Indirizzo {
  /** ISTAT region (2 digits), required when CodiceNazione is 380. */
  readonly CodiceRegione?: string;
  /** ISTAT comune (6 digits), required when CodiceNazione is 380. */
  readonly CodiceComune?: string;
  /** ISO 3166-1 numeric. */
  readonly CodiceNazione: string;
}

/** `PrestazioniSociali/SINA`: the assessment of a person with disability or not self-sufficient. */
export interface Sina {
  readonly NecessitaInterventiSociali: readonly string[];
  readonly InvaliditaCivile: readonly string[];
  readonly Mobilita?: string;
  readonly AttivitaVitaQuotidiana?: string;
  readonly DisturbiAreaCognitiva?: string;
  readonly DisturbiComportamentali?: string;
  readonly NecessitaCureSanitarie?: string;
  readonly AreaReddituale?: string;
  readonly AreaSupporto?: string;
  readonly FonteDerivazioneValutazione?: string;
  readonly StrumentoValutazione?: string;
  readonly FonteDerivazioneInvalidita?: string;
}

export interface Prestazione {
  /** I inserimento, C cancellazione. */
  readonly TipoOperazione?: 'I' | 'C';
  readonly PresenzaProvaMezzi?: string;
  readonly CaratterePrestazione?: string;
  readonly NumeroProtocolloDSU?: string;
  readonly AnnoProtocolloDSU?: string;
  readonly DataDSU?: string;
  readonly CodicePrestazione?: string;
  readonly DenominazionePrestazione?: string;
  readonly ProtocolloDomanda?: string;
  readonly DataEvento?: string;
  readonly DataInizioPrestazione?: string;
  readonly DataFinePrestazione?: string;
  readonly DataErogazionePrestazione?: string;
  readonly ImportoPrestazione?: string;
  readonly PeriodoErogazione?: string;
  readonly ImportoMensile?: string;
  readonly ImportoQuotaEnte?: string;
  readonly ImportoQuotaUtente?: string;
  readonly ImportoQuotaSSN?: string;
  readonly ImportoQuotaRichiesta?: string;
  readonly ImportoSogliaISEE?: string;
  readonly OreServizioMensile?: string;
  readonly PresaCarico?: string;
  readonly AreaUtenza?: string;
  readonly SINA?: Sina;
}

/**
 * A PS/PSA(/SINA) record: one beneficiary and one prestazione, as the WaaS e-service sends it. A file for
 * upload groups several (`Beneficiario+`, each with `PrestazioniSociali+`). Optional-typed required
 * attributes are what the pre-validation reports when the cartella lacks them.
 */
export interface PsRecord {
  readonly CodiceFiscale?: string;
  readonly Anagrafica: Partial<Anagrafica>;
  readonly Indirizzo: readonly Partial<Indirizzo>[];
  readonly Prestazione: Prestazione;
}

/** The SINBA attributes, by their XSD names; `Prestazioni` and `Famiglia` are its two child lists. */
export const SINBA_ATTRIBUTES = [
  'IDBeneficiario',
  'MinoreStranieroNoAcc',
  'CondizioneMinore',
  'LuogoVita',
  'ScuolaFrequentata',
  'CondizioneLavoro',
  'Disabilita',
  'TipoDisabilita',
  'InvCivCertificazioni',
  'CodiceCittadinanzaPadre',
  'CodiceCittadinanzaMadre',
  'CodiceRegioneResidenzaPadre',
  'CodiceRegioneResidenzaMadre',
  'TitoloStudioPadre',
  'TitoloStudioMadre',
  'OccupazionePadre',
  'OccupazioneMadre',
  'DataPrimaSegnalazione',
  'FonteSegnalazione',
  'ValutazioneMinore',
  'ValutazioneFamigliaMinore',
  'SegnalazioneAutoritaGiudiziaria',
  'DataSegnalazione',
  'ProvvedimentoGiudiziario',
  'DataProvvedimentoGiudiziario',
  'AutoritaProvvedimento',
  'PotestaTutela',
  'TipoProvvedimentoGiudiziario',
  'FormaInterventoAffido',
  'TipoInterventoAffido',
  'DurataAffido',
  'CarattereAffido',
  'EsitoAffido',
  'CarattereInserimentoResidenziale',
  'FormaInserimentoResidenziale',
  'TipoInserimentoResidenziale',
  'EsitoInserimentoStruttura',
  'MotivazioneChiusuraCarico',
  'SituazioneChiusuraCarico',
  'CollaborazioniInterventi',
  'NumeroComponentiISEE',
  'FasciaEtaBeneficiario',
  'FasciaISEEBeneficiario',
  'AnnoNascita',
  'CodiceRegioneResidenza',
  'CodiceNazioneResidenza',
] as const;
export type SinbaAttribute = (typeof SINBA_ATTRIBUTES)[number];

/** A SINBA record: a minor (and family) in charge, under a pseudonymous id, never the codice fiscale. */
export interface SinbaRecord {
  readonly attributes: Readonly<Partial<Record<SinbaAttribute, string>>>;
  /** `Prestazioni/CodicePrestazione+`: the INPS codes of the services the minor receives. */
  readonly Prestazioni: readonly string[];
  /** `Famiglia/ComposizioneFamiglia+`: 1 madre … 6 altri conviventi. */
  readonly Famiglia: readonly string[];
}

/** The two flows, by the `tipo` the WaaS API gives them. */
export type FlowKind = 'PS_PSA_SINA' | 'SINBA';

/**
 * Something missing or wrong in a record, field by field: `field` is the XSD path (`Anagrafica/LuogoNascita`,
 * `Prestazione/SINA/Mobilita`), `message` an i18n key of this plugin with its `params`, and `fix` where in
 * SIGeSS the operator corrects it (the person, the intervention, the SINA or SINBA scheda).
 */
export interface RecordIssue {
  readonly field: string;
  readonly message: string;
  readonly params?: Readonly<Record<string, string | number>>;
  readonly fix?: 'person' | 'intervention' | 'cartella' | 'sina' | 'sinba' | 'organization' | 'catalogue';
}
