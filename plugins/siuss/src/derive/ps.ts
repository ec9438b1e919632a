// SPDX-License-Identifier: AGPL-3.0-or-later
import type { CatalogueEntry } from '@sigess/core/sdk';
import type { Indirizzo, Prestazione, PsRecord, Sina } from '../model';
import { areaUtenzaOf } from '../data/areas';
import { isoNumericOfIstat } from '../data/citizenship';
import { denominazionePrestazione } from '../data/prestazioni';
import type { InterventionSource } from './sources';
import { xsdAttributeOf } from '../forms/xsd-mapping';

const ITALY = '380';

/** Whole months from one date to another, both included (January 1 to December 31 is 12). */
export function monthsCovered(from: string, to: string): number {
  const [y1, m1] = from.split('-').map(Number) as [number, number];
  const [y2, m2] = to.split('-').map(Number) as [number, number];
  return (y2 - y1) * 12 + (m2 - m1) + 1;
}

const money = (value: number): string => value.toFixed(2);

/**
 * The application's protocol as INPS needs it to tell prestazioni apart and cancel one later: stable for the
 * intervention's whole life. SIGeSS does not protocol applications itself; the cartella's number and the
 * intervention's id make a unique, stable reference within 32 characters ("2026/0007-1a2b3c4d5e6f").
 */
export function protocolloDomanda(source: Pick<InterventionSource, 'cartellaYear' | 'cartellaSeq' | 'id'>): string {
  return `${source.cartellaYear}/${String(source.cartellaSeq).padStart(4, '0')}-${source.id.replace(/-/g, '').slice(0, 12)}`;
}

function answer(answers: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = answers[key];
  if (value === null || value === undefined || value === '') return undefined;
  return String(value);
}

function answerList(answers: Readonly<Record<string, unknown>>, key: string): string[] {
  const value = answers[key];
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  return typeof value === 'string' && value ? [value] : [];
}

/** A scheda's answers keyed by the XSD's attribute names (its field ids are those names in kebab-case). */
export function byAttribute(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answers).map(([id, value]) => [xsdAttributeOf(id), value]));
}

/** The Scheda SINA's answers as the record's `SINA`. */
export function sinaOf(scheda: Readonly<Record<string, unknown>>): Sina {
  const answers = byAttribute(scheda);
  return {
    NecessitaInterventiSociali: answerList(answers, 'NecessitaInterventiSociali'),
    InvaliditaCivile: answerList(answers, 'InvaliditaCivile'),
    Mobilita: answer(answers, 'Mobilita'),
    AttivitaVitaQuotidiana: answer(answers, 'AttivitaVitaQuotidiana'),
    DisturbiAreaCognitiva: answer(answers, 'DisturbiAreaCognitiva'),
    DisturbiComportamentali: answer(answers, 'DisturbiComportamentali'),
    NecessitaCureSanitarie: answer(answers, 'NecessitaCureSanitarie'),
    AreaReddituale: answer(answers, 'AreaReddituale'),
    AreaSupporto: answer(answers, 'AreaSupporto'),
    FonteDerivazioneValutazione: answer(answers, 'FonteDerivazioneValutazione'),
    StrumentoValutazione: answer(answers, 'StrumentoValutazione'),
    FonteDerivazioneInvalidita: answer(answers, 'FonteDerivazioneInvalidita'),
  };
}

/** The person's residence as the record's `Indirizzo`: an Italian comune by its ISTAT codes; none when unknown. */
export function indirizzoOf(
  source: Pick<InterventionSource, 'residenceBelfiore' | 'residenceIstat' | 'residenceRegion'>,
): Partial<Indirizzo>[] {
  if (!source.residenceBelfiore) return [];
  return [{ CodiceRegione: source.residenceRegion ?? undefined, CodiceComune: source.residenceIstat ?? undefined, CodiceNazione: ITALY }];
}

/**
 * The PS/PSA record an intervention implies, mapped field by field from what the cartella holds; whatever is
 * missing stays absent and the pre-validation says so. Amounts: an occasional prestazione is its whole amount; a
 * periodic one is the committed amount spread over the months of its period (at most 12 reported).
 */
export function buildPsRecord(source: InterventionSource, entry: CatalogueEntry, entryName: string): PsRecord {
  const code = entry.inpsCode!;
  const occasional = source.frequency === 'once';
  const amount = Number(source.amount);
  const months = source.periodTo ? monthsCovered(source.periodFrom, source.periodTo) : null;
  const hours = entry.unit === 'hours';
  const prestazione: Prestazione = {
    TipoOperazione: 'I',
    PresenzaProvaMezzi: source.iseeBased ? (source.dsuProtocol ? '1' : '3') : '4',
    CaratterePrestazione: occasional ? '2' : '1',
    ...(source.iseeBased && source.dsuProtocol
      ? {
          NumeroProtocolloDSU: source.dsuProtocol,
          AnnoProtocolloDSU: source.dsuIssuedOn!.slice(0, 4),
          DataDSU: source.dsuIssuedOn!,
        }
      : {}),
    CodicePrestazione: code,
    DenominazionePrestazione: denominazionePrestazione(code) ?? entryName,
    ProtocolloDomanda: protocolloDomanda(source),
    DataEvento: source.decisionOn ?? undefined,
    ...(occasional
      ? { DataErogazionePrestazione: source.periodFrom, ImportoPrestazione: money(amount) }
      : {
          DataInizioPrestazione: source.periodFrom,
          DataFinePrestazione: source.periodTo ?? undefined,
          PeriodoErogazione: months ? String(Math.min(months, 12)) : undefined,
          ImportoMensile: months ? money(amount / months) : undefined,
          OreServizioMensile: hours && months ? money(Number(source.quantity) / months) : undefined,
        }),
    ImportoQuotaEnte: money(amount),
    PresaCarico: source.cartellaState === 'closed' ? '2' : '1',
    AreaUtenza: areaUtenzaOf(entry.area) ?? undefined,
    ...(source.sinaAnswers ? { SINA: sinaOf(source.sinaAnswers) } : {}),
  };
  return {
    CodiceFiscale: source.codiceFiscale ?? undefined,
    Anagrafica: {
      Cognome: source.surname,
      Nome: source.name,
      AnnoNascita: source.birthDate?.slice(0, 4),
      LuogoNascita: source.birthPlaceCode ?? undefined,
      Genere: source.sex === 'M' ? '1' : source.sex === 'F' ? '2' : undefined,
      CodiceCittadinanza: source.citizenships[0] ? (isoNumericOfIstat(source.citizenships[0]) ?? undefined) : undefined,
      CodiceSecondaCittadinanza: source.citizenships[1] ? (isoNumericOfIstat(source.citizenships[1]) ?? undefined) : undefined,
    },
    Indirizzo: indirizzoOf(source),
    Prestazione: prestazione,
  };
}
