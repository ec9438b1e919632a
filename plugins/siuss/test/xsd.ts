// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Test helpers: INPS's own XSDs through libxml2 (xmllint-wasm), and valid sample records to start tests from.
 *
 *     expect(await validateAgainstXsd(psFlussoXml(nome, SAMPLE_ENTE, SAMPLE_PS_PERIODIC), 'PS_PSA_SINA')).toEqual([]);
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { memoryPages, validateXML } from 'xmllint-wasm';
import type { Ente, FlowKind, PsRecord, SinbaRecord } from '../src/model';

const SCHEMA_FILES: Readonly<Record<FlowKind, string>> = { PS_PSA_SINA: 'PS_PSA_SINA201812.xsd', SINBA: 'SINBA.xsd' };
const schemas = new Map<FlowKind, { fileName: string; contents: string }>();

function schema(kind: FlowKind): { fileName: string; contents: string } {
  let loaded = schemas.get(kind);
  if (!loaded) {
    const fileName = SCHEMA_FILES[kind];
    loaded = { fileName, contents: readFileSync(join(__dirname, '..', 'schemas', fileName), 'utf8') };
    schemas.set(kind, loaded);
  }
  return loaded;
}

/** libxml2's messages for each file, from its output: `<file>:<line>: …` lines, and whether it said `<file> validates`. */
function perFile(names: readonly string[], output: string): string[][] {
  const lines = output.split('\n');
  return names.map((name) => {
    const errors = lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).trim());
    if (errors.length === 0 && !lines.includes(`${name} validates`)) errors.push(`${name}: no verdict from xmllint`);
    return errors;
  });
}

/**
 * Validates many documents against one flow's XSD in one run of xmllint: the errors of each ([] when valid), in
 * the order given. libxml2's messages are XSD jargon, for developers only.
 */
export async function validateManyAgainstXsd(xmls: readonly string[], kind: FlowKind): Promise<string[][]> {
  if (xmls.length === 0) return [];
  const names = xmls.map((_, i) => `flusso-${i + 1}.xml`);
  const contents = xmls.map((xml, i) => ({ fileName: names[i]!, contents: xml }));
  const size = xmls.reduce((sum, xml) => sum + xml.length, 0);
  try {
    const result = await validateXML({
      xml: contents,
      schema: [schema(kind)],
      maxMemoryPages: Math.min(memoryPages.max, 512 + Math.ceil((size * 8) / (64 * 1024))),
    });
    return perFile(names, result.rawOutput);
  } catch (error) {
    // xmllint gives up on the whole run on some errors (e.g. a document that is not well-formed): one by one.
    if (xmls.length === 1) return [[(error as Error).message]];
    const each = await Promise.all(xmls.map((xml) => validateManyAgainstXsd([xml], kind)));
    return each.map((errors) => errors[0]!);
  }
}

/** The XSD's errors for one document ([] when it is valid). */
export async function validateAgainstXsd(xml: string, kind: FlowKind): Promise<string[]> {
  const [errors] = await validateManyAgainstXsd([xml], kind);
  return errors!;
}

/** The Comune di Roma as sender. */
export const SAMPLE_ENTE: Ente = { Codice: 'H501', Denominazione: 'Comune di Roma', Indirizzo: 'H501', CFOperatore: 'RSSMRA80A01H501U' };

/** A periodic contribution with every attribute, assessed with SINA (both lists). */
export const SAMPLE_PS_PERIODIC: PsRecord = {
  CodiceFiscale: 'VRDGPP40C12G478P',
  Anagrafica: {
    Cognome: 'Verdi',
    Nome: 'Giuseppe',
    AnnoNascita: '1940',
    LuogoNascita: 'G478',
    Genere: '1',
    CodiceCittadinanza: '380',
    CodiceSecondaCittadinanza: '250',
  },
  Indirizzo: [{ CodiceRegione: '12', CodiceComune: '058091', CodiceNazione: '380' }],
  Prestazione: {
    TipoOperazione: 'I',
    PresenzaProvaMezzi: '1',
    CaratterePrestazione: '1',
    NumeroProtocolloDSU: 'INPS-ISEE-2026-00012345A-00',
    AnnoProtocolloDSU: '2026',
    DataDSU: '2026-01-15',
    CodicePrestazione: 'A1.11',
    DenominazionePrestazione: "Assegnazioni economiche per il sostegno della domiciliarità e dell'autonomia personale",
    ProtocolloDomanda: 'RM/2026/000123',
    DataEvento: '2026-02-01',
    DataInizioPrestazione: '2026-02-01',
    DataFinePrestazione: '2026-07-31',
    DataErogazionePrestazione: '2026-02-05',
    ImportoPrestazione: '2400.00',
    PeriodoErogazione: '6',
    ImportoMensile: '400.00',
    ImportoQuotaEnte: '350.00',
    ImportoQuotaUtente: '50.00',
    ImportoQuotaSSN: '0',
    ImportoQuotaRichiesta: '400.00',
    ImportoSogliaISEE: '25000.00',
    OreServizioMensile: '12.5',
    PresaCarico: '1',
    AreaUtenza: '2',
    SINA: {
      NecessitaInterventiSociali: ['A2.07', 'A2.08'],
      InvaliditaCivile: ['2', '6'],
      Mobilita: '2',
      AttivitaVitaQuotidiana: '3',
      DisturbiAreaCognitiva: '2',
      DisturbiComportamentali: '1',
      NecessitaCureSanitarie: '3',
      AreaReddituale: '2',
      AreaSupporto: '2',
      FonteDerivazioneValutazione: '1',
      StrumentoValutazione: '1',
      FonteDerivazioneInvalidita: '1',
    },
  },
};

/** A one-off contribution, paid once, to a person not in charge; born abroad, resident in Italy. */
export const SAMPLE_PS_OCCASIONAL: PsRecord = {
  CodiceFiscale: 'CRSPLA38E20Z404T',
  Anagrafica: { Cognome: 'Cruz', Nome: 'Pablo', AnnoNascita: '1938', LuogoNascita: 'Z404', Genere: '1', CodiceCittadinanza: '840' },
  Indirizzo: [{ CodiceRegione: '12', CodiceComune: '058091', CodiceNazione: '380' }],
  Prestazione: {
    PresenzaProvaMezzi: '4',
    CaratterePrestazione: '2',
    CodicePrestazione: 'A1.06',
    DenominazionePrestazione: 'Buoni spesa o buoni pasto',
    ProtocolloDomanda: 'RM/2026/000456',
    DataErogazionePrestazione: '2026-03-10',
    ImportoPrestazione: '150',
    PresaCarico: '2',
  },
};

/** The withdrawal of a prestazione sent earlier: only what the XSD requires. */
export const SAMPLE_PS_CANCELLATION: PsRecord = {
  CodiceFiscale: 'BNCLRA85M41F205C',
  Anagrafica: { Cognome: 'Bianchi', Nome: 'Laura', AnnoNascita: '1985', LuogoNascita: 'F205', Genere: '2', CodiceCittadinanza: '380' },
  Indirizzo: [{ CodiceNazione: '250' }],
  Prestazione: {
    TipoOperazione: 'C',
    PresenzaProvaMezzi: '1',
    CodicePrestazione: 'A1.04',
    DenominazionePrestazione: 'Contributi economici a integrazione del reddito familiare',
    ProtocolloDomanda: 'RM/2025/009999',
    PresaCarico: '2',
  },
};

/** A SINBA record with every attribute and several prestazioni and family members. */
export const SAMPLE_SINBA_FULL: SinbaRecord = {
  attributes: {
    IDBeneficiario: 'H501-000000042',
    MinoreStranieroNoAcc: '2',
    CondizioneMinore: '1',
    LuogoVita: '3',
    ScuolaFrequentata: '5',
    CondizioneLavoro: '1',
    Disabilita: '1',
    TipoDisabilita: '2',
    InvCivCertificazioni: '4',
    CodiceCittadinanzaPadre: '380',
    CodiceCittadinanzaMadre: '642',
    CodiceRegioneResidenzaPadre: '12',
    CodiceRegioneResidenzaMadre: '03',
    TitoloStudioPadre: '3',
    TitoloStudioMadre: '5',
    OccupazionePadre: '2',
    OccupazioneMadre: '1',
    DataPrimaSegnalazione: '09/2024',
    FonteSegnalazione: '13',
    ValutazioneMinore: '2',
    ValutazioneFamigliaMinore: '2',
    SegnalazioneAutoritaGiudiziaria: '1',
    DataSegnalazione: '11/2024',
    ProvvedimentoGiudiziario: '1',
    DataProvvedimentoGiudiziario: '01/2025',
    AutoritaProvvedimento: '2',
    PotestaTutela: '3',
    TipoProvvedimentoGiudiziario: '4',
    FormaInterventoAffido: '2',
    TipoInterventoAffido: '2',
    DurataAffido: '1',
    CarattereAffido: '1',
    EsitoAffido: '9',
    CarattereInserimentoResidenziale: '10',
    FormaInserimentoResidenziale: '2',
    TipoInserimentoResidenziale: '2',
    EsitoInserimentoStruttura: '2',
    MotivazioneChiusuraCarico: '4',
    SituazioneChiusuraCarico: '1',
    CollaborazioniInterventi: '2',
    NumeroComponentiISEE: '4',
    FasciaEtaBeneficiario: '4',
    FasciaISEEBeneficiario: '3',
    AnnoNascita: '2015',
    CodiceRegioneResidenza: '12',
    CodiceNazioneResidenza: '380',
  },
  Prestazioni: ['A2.02', 'A2.11', 'A1.09'],
  Famiglia: ['1', '2', '3'],
};

/** A SINBA record with only what is required. */
export const SAMPLE_SINBA_MINIMAL: SinbaRecord = {
  attributes: {
    IDBeneficiario: 'X7',
    MinoreStranieroNoAcc: '1',
    CondizioneMinore: '5',
    LuogoVita: '4',
    ScuolaFrequentata: '7',
    CondizioneLavoro: '4',
    Disabilita: '2',
    DataPrimaSegnalazione: '12/2025',
    FonteSegnalazione: '5',
    ValutazioneMinore: '12',
    ValutazioneFamigliaMinore: '1',
    SegnalazioneAutoritaGiudiziaria: '2',
    ProvvedimentoGiudiziario: '2',
    FasciaEtaBeneficiario: '6',
    AnnoNascita: '2009',
    CodiceNazioneResidenza: '380',
  },
  Prestazioni: ['A3.02'],
  Famiglia: ['6'],
};
