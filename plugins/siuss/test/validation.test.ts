// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The pre-validation: one test per rule (the broken field, its message key and where it is fixed), a coverage
 * property against INPS's XSDs (whatever passes the pre-validation is XSD-valid), and the messages in both
 * languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ente, Prestazione, PsRecord, RecordIssue, Sina, SinbaAttribute, SinbaRecord } from '../src/model';
import { ISSUE_KEYS, validateEnte, validatePs, validateSinba } from '../src/validation';
import { psFlussoXml, sinbaFlussoXml } from '../src/xml';
import {
  SAMPLE_ENTE,
  SAMPLE_PS_CANCELLATION,
  SAMPLE_PS_OCCASIONAL,
  SAMPLE_PS_PERIODIC,
  SAMPLE_SINBA_FULL,
  SAMPLE_SINBA_MINIMAL,
  validateManyAgainstXsd,
} from './xsd';

/** Every issue met in this file, for the locale checks at the end. */
const seen: RecordIssue[] = [];
function seenPs(record: PsRecord): RecordIssue[] {
  const issues = validatePs(record);
  seen.push(...issues);
  return issues;
}
function seenSinba(record: SinbaRecord): RecordIssue[] {
  const issues = validateSinba(record);
  seen.push(...issues);
  return issues;
}
function seenEnte(ente: Ente): RecordIssue[] {
  const issues = validateEnte(ente);
  seen.push(...issues);
  return issues;
}

const K = (key: string) => `siuss:issues.${key}`;
const PERIODIC = SAMPLE_PS_PERIODIC;
const OCCASIONAL = SAMPLE_PS_OCCASIONAL;

function withAnagrafica(base: PsRecord, patch: Record<string, string | undefined>): PsRecord {
  return { ...base, Anagrafica: { ...base.Anagrafica, ...patch } };
}
function withPrestazione(base: PsRecord, patch: Partial<Record<keyof Prestazione, unknown>>): PsRecord {
  return { ...base, Prestazione: { ...base.Prestazione, ...patch } as Prestazione };
}
function withSina(patch: Partial<Record<keyof Sina, unknown>>): PsRecord {
  return withPrestazione(PERIODIC, { SINA: { ...PERIODIC.Prestazione.SINA!, ...patch } });
}
function withSinba(base: SinbaRecord, patch: Partial<Record<SinbaAttribute, string | undefined>>): SinbaRecord {
  return { ...base, attributes: { ...base.attributes, ...patch } };
}

describe('valid records', () => {
  it('have no issues', () => {
    expect(seenEnte(SAMPLE_ENTE)).toEqual([]);
    expect(seenEnte({ Codice: 'H501', Indirizzo: 'H501', CFOperatore: '02438750586' })).toEqual([]);
    for (const record of [PERIODIC, OCCASIONAL, SAMPLE_PS_CANCELLATION]) expect(seenPs(record)).toEqual([]);
    for (const record of [SAMPLE_SINBA_FULL, SAMPLE_SINBA_MINIMAL]) expect(seenSinba(record)).toEqual([]);
  });
});

describe('ente', () => {
  it.each<[string, Partial<Record<keyof Ente, string | undefined>>, RecordIssue]>([
    ['no code', { Codice: '' }, { field: 'Ente/Codice', message: K('Ente.Codice.missing'), fix: 'organization' }],
    [
      'a code over 32 characters',
      { Codice: 'C'.repeat(33) },
      { field: 'Ente/Codice', message: K('Ente.Codice.tooLong'), params: { max: 32, length: 33 }, fix: 'organization' },
    ],
    [
      'a name over 100 characters',
      { Denominazione: 'D'.repeat(101) },
      { field: 'Ente/Denominazione', message: K('Ente.Denominazione.tooLong'), params: { max: 100, length: 101 }, fix: 'organization' },
    ],
    ['no Belfiore code', { Indirizzo: undefined }, { field: 'Ente/Indirizzo', message: K('Ente.Indirizzo.missing'), fix: 'organization' }],
    [
      'a Belfiore code that is not one',
      { Indirizzo: '5010' },
      { field: 'Ente/Indirizzo', message: K('Ente.Indirizzo.format'), params: { value: '5010' }, fix: 'organization' },
    ],
    ['no sender', { CFOperatore: '' }, { field: 'Ente/CFOperatore', message: K('Ente.CFOperatore.missing'), fix: 'organization' }],
    [
      'a malformed sender',
      { CFOperatore: 'RSSMRA80A01H501' },
      { field: 'Ente/CFOperatore', message: K('Ente.CFOperatore.format'), params: { value: 'RSSMRA80A01H501' }, fix: 'organization' },
    ],
  ])('%s', (_, patch, expected) => {
    expect(seenEnte({ ...SAMPLE_ENTE, ...patch } as Ente)).toEqual([expected]);
  });
});

describe('person', () => {
  it.each<[string, PsRecord, RecordIssue[]]>([
    [
      'no codice fiscale',
      { ...PERIODIC, CodiceFiscale: undefined },
      [{ field: 'CodiceFiscale', message: K('Beneficiario.CodiceFiscale.missing'), fix: 'person' }],
    ],
    [
      'a malformed codice fiscale',
      { ...PERIODIC, CodiceFiscale: 'VRDGPP40C12G47' },
      [{ field: 'CodiceFiscale', message: K('Beneficiario.CodiceFiscale.format'), params: { value: 'VRDGPP40C12G47' }, fix: 'person' }],
    ],
    [
      'no surname',
      withAnagrafica(PERIODIC, { Cognome: '' }),
      [{ field: 'Anagrafica/Cognome', message: K('Anagrafica.Cognome.missing'), fix: 'person' }],
    ],
    [
      'a blank surname',
      withAnagrafica(PERIODIC, { Cognome: '   ' }),
      [{ field: 'Anagrafica/Cognome', message: K('Anagrafica.Cognome.missing'), fix: 'person' }],
    ],
    [
      'a surname of control characters only',
      withAnagrafica(PERIODIC, { Cognome: '\u0001\u0002' }),
      [{ field: 'Anagrafica/Cognome', message: K('Anagrafica.Cognome.missing'), fix: 'person' }],
    ],
    [
      'a first name over 36 characters',
      withAnagrafica(PERIODIC, { Nome: 'N'.repeat(37) }),
      [{ field: 'Anagrafica/Nome', message: K('Anagrafica.Nome.tooLong'), params: { max: 36, length: 37 }, fix: 'person' }],
    ],
    [
      'a first name over 36 characters counted as XSD counts them (emoji are one character)',
      withAnagrafica(PERIODIC, { Nome: '😀'.repeat(37) }),
      [{ field: 'Anagrafica/Nome', message: K('Anagrafica.Nome.tooLong'), params: { max: 36, length: 37 }, fix: 'person' }],
    ],
    [
      'a year of birth of two digits',
      withAnagrafica(PERIODIC, { AnnoNascita: '40' }),
      [{ field: 'Anagrafica/AnnoNascita', message: K('Anagrafica.AnnoNascita.format'), params: { value: '40' }, fix: 'person' }],
    ],
    [
      'a year of birth after the prestazione',
      withAnagrafica(PERIODIC, { AnnoNascita: '2027' }),
      [{ field: 'Anagrafica/AnnoNascita', message: K('Anagrafica.AnnoNascita.afterPrestazione'), params: { year: '2027' }, fix: 'person' }],
    ],
    [
      'no birth place',
      withAnagrafica(PERIODIC, { LuogoNascita: undefined }),
      [{ field: 'Anagrafica/LuogoNascita', message: K('Anagrafica.LuogoNascita.missing'), fix: 'person' }],
    ],
    [
      'a birth place that is not a Belfiore code',
      withAnagrafica(PERIODIC, { LuogoNascita: 'Roma' }),
      [{ field: 'Anagrafica/LuogoNascita', message: K('Anagrafica.LuogoNascita.format'), params: { value: 'Roma' }, fix: 'person' }],
    ],
    [
      'no sex',
      withAnagrafica(PERIODIC, { Genere: undefined }),
      [{ field: 'Anagrafica/Genere', message: K('Anagrafica.Genere.missing'), fix: 'person' }],
    ],
    [
      'a sex outside the codes',
      withAnagrafica(PERIODIC, { Genere: 'M' }),
      [{ field: 'Anagrafica/Genere', message: K('Anagrafica.Genere.invalid'), params: { value: 'M' }, fix: 'person' }],
    ],
    [
      'no citizenship',
      withAnagrafica(PERIODIC, { CodiceCittadinanza: '' }),
      [{ field: 'Anagrafica/CodiceCittadinanza', message: K('Anagrafica.CodiceCittadinanza.missing'), fix: 'person' }],
    ],
    [
      'a citizenship as letters',
      withAnagrafica(PERIODIC, { CodiceCittadinanza: 'ITA' }),
      [
        {
          field: 'Anagrafica/CodiceCittadinanza',
          message: K('Anagrafica.CodiceCittadinanza.format'),
          params: { value: 'ITA' },
          fix: 'person',
        },
      ],
    ],
    [
      'a second citizenship as letters',
      withAnagrafica(PERIODIC, { CodiceSecondaCittadinanza: 'FR' }),
      [
        {
          field: 'Anagrafica/CodiceSecondaCittadinanza',
          message: K('Anagrafica.CodiceSecondaCittadinanza.format'),
          params: { value: 'FR' },
          fix: 'person',
        },
      ],
    ],
    ['no address', { ...PERIODIC, Indirizzo: [] }, [{ field: 'Indirizzo', message: K('Indirizzo.Indirizzo.missing'), fix: 'person' }]],
    [
      'six addresses',
      { ...PERIODIC, Indirizzo: Array.from({ length: 6 }, () => PERIODIC.Indirizzo[0]!) },
      [{ field: 'Indirizzo', message: K('Indirizzo.Indirizzo.tooMany'), params: { max: 5 }, fix: 'person' }],
    ],
    [
      'an address without country',
      { ...PERIODIC, Indirizzo: [{ CodiceRegione: '12', CodiceComune: '058091' }] },
      [{ field: 'Indirizzo/CodiceNazione', message: K('Indirizzo.CodiceNazione.missing'), fix: 'person' }],
    ],
    [
      'an Italian address without region and comune',
      { ...PERIODIC, Indirizzo: [{ CodiceNazione: '380' }] },
      [
        { field: 'Indirizzo/CodiceRegione', message: K('Indirizzo.CodiceRegione.missingItaly'), fix: 'person' },
        { field: 'Indirizzo/CodiceComune', message: K('Indirizzo.CodiceComune.missingItaly'), fix: 'person' },
      ],
    ],
    [
      'a comune of five digits, in the second address',
      { ...PERIODIC, Indirizzo: [PERIODIC.Indirizzo[0]!, { CodiceRegione: '12', CodiceComune: '58091', CodiceNazione: '380' }] },
      [{ field: 'Indirizzo[2]/CodiceComune', message: K('Indirizzo.CodiceComune.format'), params: { value: '58091' }, fix: 'person' }],
    ],
    [
      'a region of one digit',
      { ...PERIODIC, Indirizzo: [{ CodiceRegione: '3', CodiceComune: '015146', CodiceNazione: '380' }] },
      [{ field: 'Indirizzo/CodiceRegione', message: K('Indirizzo.CodiceRegione.format'), params: { value: '3' }, fix: 'person' }],
    ],
    [
      'a country as letters',
      { ...PERIODIC, Indirizzo: [{ CodiceNazione: 'FRA' }] },
      [{ field: 'Indirizzo/CodiceNazione', message: K('Indirizzo.CodiceNazione.format'), params: { value: 'FRA' }, fix: 'person' }],
    ],
  ])('%s', (_, record, expected) => {
    expect(seenPs(record)).toEqual(expected);
  });

  it('takes a foreign address without region and comune', () => {
    expect(seenPs({ ...PERIODIC, Indirizzo: [{ CodiceNazione: '250' }] })).toEqual([]);
  });
});

describe('prestazione', () => {
  const issue = (name: string, kind: string, fix: RecordIssue['fix'], params?: RecordIssue['params']): RecordIssue =>
    params
      ? { field: `Prestazione/${name}`, message: K(`Prestazione.${name}.${kind}`), params, fix }
      : { field: `Prestazione/${name}`, message: K(`Prestazione.${name}.${kind}`), fix };

  it.each<[string, PsRecord, RecordIssue[]]>([
    [
      'an unknown operation',
      withPrestazione(PERIODIC, { TipoOperazione: 'X' }),
      [issue('TipoOperazione', 'invalid', 'intervention', { value: 'X' })],
    ],
    [
      'no means test indication',
      withPrestazione(PERIODIC, { PresenzaProvaMezzi: undefined }),
      [issue('PresenzaProvaMezzi', 'missing', 'intervention')],
    ],
    [
      'a means test indication outside 1–4',
      withPrestazione(PERIODIC, { PresenzaProvaMezzi: '5' }),
      [issue('PresenzaProvaMezzi', 'invalid', 'intervention', { value: '5' })],
    ],
    [
      'no nature (periodic or occasional), as INPS requires',
      withPrestazione(PERIODIC, { CaratterePrestazione: undefined }),
      [issue('CaratterePrestazione', 'missing', 'intervention')],
    ],
    [
      'a nature outside 1–2',
      withPrestazione(PERIODIC, { CaratterePrestazione: '3' }),
      [issue('CaratterePrestazione', 'invalid', 'intervention', { value: '3' })],
    ],
    [
      'a DSU protocol over 30 characters',
      withPrestazione(PERIODIC, { NumeroProtocolloDSU: 'P'.repeat(31) }),
      [issue('NumeroProtocolloDSU', 'tooLong', 'intervention', { max: 30, length: 31 })],
    ],
    [
      'a DSU year of two digits',
      withPrestazione(PERIODIC, { AnnoProtocolloDSU: '26' }),
      [issue('AnnoProtocolloDSU', 'format', 'intervention', { value: '26' })],
    ],
    [
      'a DSU date that does not exist',
      withPrestazione(PERIODIC, { DataDSU: '2026-02-30' }),
      [issue('DataDSU', 'date', 'intervention', { value: '2026-02-30' })],
    ],
    ['no INPS code', withPrestazione(PERIODIC, { CodicePrestazione: '' }), [issue('CodicePrestazione', 'missing', 'catalogue')]],
    [
      'an INPS code under 5 characters',
      withPrestazione(PERIODIC, { CodicePrestazione: 'A1.1' }),
      [issue('CodicePrestazione', 'tooShort', 'catalogue', { min: 5, length: 4 })],
    ],
    [
      'an INPS code over 10 characters',
      withPrestazione(PERIODIC, { CodicePrestazione: 'A1.05.01.01' }),
      [issue('CodicePrestazione', 'tooLong', 'catalogue', { max: 10, length: 11 })],
    ],
    [
      'no name',
      withPrestazione(PERIODIC, { DenominazionePrestazione: undefined }),
      [issue('DenominazionePrestazione', 'missing', 'catalogue')],
    ],
    [
      'a name under 10 characters',
      withPrestazione(PERIODIC, { DenominazionePrestazione: 'Contributo'.slice(0, 9) }),
      [issue('DenominazionePrestazione', 'tooShort', 'catalogue', { min: 10, length: 9 })],
    ],
    [
      'a name over 200 characters',
      withPrestazione(PERIODIC, { DenominazionePrestazione: 'd'.repeat(201) }),
      [issue('DenominazionePrestazione', 'tooLong', 'catalogue', { max: 200, length: 201 })],
    ],
    [
      'no application protocol',
      withPrestazione(PERIODIC, { ProtocolloDomanda: ' ' }),
      [issue('ProtocolloDomanda', 'missing', 'intervention')],
    ],
    [
      'an application protocol over 32 characters',
      withPrestazione(PERIODIC, { ProtocolloDomanda: 'p'.repeat(33) }),
      [issue('ProtocolloDomanda', 'tooLong', 'intervention', { max: 32, length: 33 })],
    ],
    [
      'an event date in another format',
      withPrestazione(PERIODIC, { DataEvento: '01/02/2026' }),
      [issue('DataEvento', 'date', 'intervention', { value: '01/02/2026' })],
    ],
    [
      'a start date of 29 February in a common year',
      withPrestazione(PERIODIC, { DataInizioPrestazione: '2025-02-29' }),
      [issue('DataInizioPrestazione', 'date', 'intervention', { value: '2025-02-29' })],
    ],
    [
      'an end date with a month 13',
      withPrestazione(PERIODIC, { DataFinePrestazione: '2026-13-01' }),
      [issue('DataFinePrestazione', 'date', 'intervention', { value: '2026-13-01' })],
    ],
    [
      'a payment date with a time',
      withPrestazione(OCCASIONAL, { DataErogazionePrestazione: '2026-03-10T10:00' }),
      [issue('DataErogazionePrestazione', 'date', 'intervention', { value: '2026-03-10T10:00' })],
    ],
    [
      'an amount with a comma',
      withPrestazione(OCCASIONAL, { ImportoPrestazione: '150,50' }),
      [issue('ImportoPrestazione', 'decimal', 'intervention', { value: '150,50' })],
    ],
    [
      'a negative monthly amount',
      withPrestazione(PERIODIC, { ImportoMensile: '-400' }),
      [issue('ImportoMensile', 'decimal', 'intervention', { value: '-400' })],
    ],
    [
      'an amount with three decimals',
      withPrestazione(PERIODIC, { ImportoQuotaEnte: '350.001' }),
      [issue('ImportoQuotaEnte', 'decimal', 'intervention', { value: '350.001' })],
    ],
    [
      'hours as words',
      withPrestazione(PERIODIC, { OreServizioMensile: 'dodici' }),
      [issue('OreServizioMensile', 'decimal', 'intervention', { value: 'dodici' })],
    ],
    [
      'a period of 13 months',
      withPrestazione(PERIODIC, { PeriodoErogazione: '13' }),
      [issue('PeriodoErogazione', 'range', 'intervention', { value: '13', min: 1, max: 12 })],
    ],
    [
      'a period of 0 months',
      withPrestazione(PERIODIC, { PeriodoErogazione: '0' }),
      [issue('PeriodoErogazione', 'range', 'intervention', { value: '0', min: 1, max: 12 })],
    ],
    [
      'no presa in carico indication',
      withPrestazione(OCCASIONAL, { PresaCarico: undefined }),
      [issue('PresaCarico', 'missing', 'cartella')],
    ],
    [
      'a presa in carico outside 1–2',
      withPrestazione(OCCASIONAL, { PresaCarico: 'S' }),
      [issue('PresaCarico', 'invalid', 'cartella', { value: 'S' })],
    ],
    [
      'a user area outside 1–3',
      withPrestazione(PERIODIC, { AreaUtenza: '4' }),
      [issue('AreaUtenza', 'invalid', 'cartella', { value: '4' })],
    ],
    [
      'a person in charge without user area',
      withPrestazione(PERIODIC, { AreaUtenza: undefined }),
      [issue('AreaUtenza', 'missingPresaCarico', 'cartella')],
    ],
    [
      'the end before the start',
      withPrestazione(PERIODIC, { DataFinePrestazione: '2026-01-31' }),
      [issue('DataFinePrestazione', 'beforeStart', 'intervention', { start: '2026-02-01', end: '2026-01-31' })],
    ],
    [
      'A1.05.01 without the event date (the day it was paid)',
      withPrestazione(PERIODIC, { CodicePrestazione: 'A1.05.01', DataEvento: undefined }),
      [issue('DataEvento', 'missingA10501', 'intervention')],
    ],
    [
      'a periodic prestazione without dates, period and monthly amount',
      withPrestazione(PERIODIC, {
        DataInizioPrestazione: undefined,
        DataFinePrestazione: '',
        PeriodoErogazione: undefined,
        ImportoMensile: undefined,
      }),
      [
        issue('DataInizioPrestazione', 'missingPeriodic', 'intervention'),
        issue('DataFinePrestazione', 'missingPeriodic', 'intervention'),
        issue('PeriodoErogazione', 'missingPeriodic', 'intervention'),
        issue('ImportoMensile', 'missingPeriodic', 'intervention'),
      ],
    ],
    [
      'an occasional prestazione without payment date and amount',
      withPrestazione(OCCASIONAL, { DataErogazionePrestazione: undefined, ImportoPrestazione: undefined }),
      [
        issue('DataErogazionePrestazione', 'missingOccasional', 'intervention'),
        issue('ImportoPrestazione', 'missingOccasional', 'intervention'),
      ],
    ],
  ])('%s', (_, record, expected) => {
    expect(seenPs(record)).toEqual(expected);
  });

  it('takes leap days, zero amounts and A1.05.01 with its event date', () => {
    expect(
      seenPs(withPrestazione(PERIODIC, { DataInizioPrestazione: '2024-02-29', ImportoQuotaSSN: '0.00', CodicePrestazione: 'A1.05.01' })),
    ).toEqual([]);
  });

  it('asks a cancellation only for what the XSD requires, and still checks what it has', () => {
    const cancellation = withPrestazione(PERIODIC, {
      TipoOperazione: 'C',
      CaratterePrestazione: '1',
      DataInizioPrestazione: undefined,
      DataFinePrestazione: undefined,
      PeriodoErogazione: undefined,
      ImportoMensile: undefined,
      AreaUtenza: undefined,
      CodicePrestazione: 'A1.05.01',
      DataEvento: undefined,
    });
    expect(seenPs(cancellation)).toEqual([]);
    expect(seenPs(withPrestazione(cancellation, { PresaCarico: undefined, DataDSU: '2026-02-31' }))).toEqual([
      issue('DataDSU', 'date', 'intervention', { value: '2026-02-31' }),
      issue('PresaCarico', 'missing', 'cartella'),
    ]);
  });
});

describe('SINA', () => {
  const issue = (name: string, kind: string, params?: RecordIssue['params'], field = `Prestazione/SINA/${name}`): RecordIssue =>
    params
      ? { field, message: K(`SINA.${name}.${kind}`), params, fix: 'sina' }
      : { field, message: K(`SINA.${name}.${kind}`), fix: 'sina' };

  it.each([
    'Mobilita',
    'AttivitaVitaQuotidiana',
    'DisturbiComportamentali',
    'AreaReddituale',
    'AreaSupporto',
    'FonteDerivazioneValutazione',
    'StrumentoValutazione',
  ] as const)('reports a missing %s', (name) => {
    expect(seenPs(withSina({ [name]: undefined }))).toEqual([issue(name, 'missing')]);
  });

  it.each<[string, PsRecord, RecordIssue[]]>([
    ['a mobility outside 1–3', withSina({ Mobilita: '4' }), [issue('Mobilita', 'invalid', { value: '4' })]],
    [
      'a cognitive assessment outside 1–3',
      withSina({ DisturbiAreaCognitiva: '0' }),
      [issue('DisturbiAreaCognitiva', 'invalid', { value: '0' })],
    ],
    ['an assessment tool outside 1–7', withSina({ StrumentoValutazione: '8' }), [issue('StrumentoValutazione', 'invalid', { value: '8' })]],
    [
      'a short service code, second in the list',
      withSina({ NecessitaInterventiSociali: ['A2.07', 'A2'] }),
      [
        issue(
          'NecessitaInterventiSociali',
          'tooShort',
          { min: 5, length: 2 },
          'Prestazione/SINA/NecessitaInterventiSociali/CodicePrestazione[2]',
        ),
      ],
    ],
    [
      'an invalidity code outside 1–8',
      withSina({ InvaliditaCivile: ['9'] }),
      [issue('InvCiv', 'invalid', { value: '9' }, 'Prestazione/SINA/InvaliditaCivile/InvCiv')],
    ],
  ])('%s', (_, record, expected) => {
    expect(seenPs(record)).toEqual(expected);
  });
});

describe('SINBA', () => {
  const issue = (name: string, kind: string, params?: RecordIssue['params'], field = `SINBA/${name}`): RecordIssue =>
    params
      ? { field, message: K(`SINBA.${name}.${kind}`), params, fix: 'sinba' }
      : { field, message: K(`SINBA.${name}.${kind}`), fix: 'sinba' };
  const required = Object.keys(SAMPLE_SINBA_MINIMAL.attributes) as SinbaAttribute[];

  it.each(required)('reports a missing %s', (name) => {
    expect(seenSinba(withSinba(SAMPLE_SINBA_MINIMAL, { [name]: undefined }))).toEqual([issue(name, 'missing')]);
  });

  it.each<[string, SinbaRecord, RecordIssue[]]>([
    [
      'an age band outside 1–6',
      withSinba(SAMPLE_SINBA_FULL, { FasciaEtaBeneficiario: '7' }),
      [issue('FasciaEtaBeneficiario', 'invalid', { value: '7' })],
    ],
    [
      'a report source outside 1–14',
      withSinba(SAMPLE_SINBA_FULL, { FonteSegnalazione: '15' }),
      [issue('FonteSegnalazione', 'invalid', { value: '15' })],
    ],
    [
      'a first report as a date',
      withSinba(SAMPLE_SINBA_FULL, { DataPrimaSegnalazione: '2024-09' }),
      [issue('DataPrimaSegnalazione', 'month', { value: '2024-09' })],
    ],
    [
      'a first report in month 13',
      withSinba(SAMPLE_SINBA_FULL, { DataPrimaSegnalazione: '13/2024' }),
      [issue('DataPrimaSegnalazione', 'month', { value: '13/2024' })],
    ],
    [
      'a court order month before 1900',
      withSinba(SAMPLE_SINBA_FULL, { DataProvvedimentoGiudiziario: '01/1899' }),
      [issue('DataProvvedimentoGiudiziario', 'month', { value: '01/1899' })],
    ],
    [
      'an ISEE household of 0',
      withSinba(SAMPLE_SINBA_FULL, { NumeroComponentiISEE: '0' }),
      [issue('NumeroComponentiISEE', 'range', { value: '0', min: 1, max: 9 })],
    ],
    [
      'an ISEE household of 10',
      withSinba(SAMPLE_SINBA_FULL, { NumeroComponentiISEE: '10' }),
      [issue('NumeroComponentiISEE', 'range', { value: '10', min: 1, max: 9 })],
    ],
    [
      'a year of birth of two digits',
      withSinba(SAMPLE_SINBA_FULL, { AnnoNascita: '15' }),
      [issue('AnnoNascita', 'format', { value: '15' })],
    ],
    [
      'a country as letters',
      withSinba(SAMPLE_SINBA_FULL, { CodiceNazioneResidenza: 'IT' }),
      [issue('CodiceNazioneResidenza', 'format', { value: 'IT' })],
    ],
    [
      "a father's region of three digits",
      withSinba(SAMPLE_SINBA_FULL, { CodiceRegioneResidenzaPadre: '120' }),
      [issue('CodiceRegioneResidenzaPadre', 'format', { value: '120' })],
    ],
    [
      'an id over 20 characters',
      withSinba(SAMPLE_SINBA_FULL, { IDBeneficiario: 'i'.repeat(21) }),
      [issue('IDBeneficiario', 'tooLong', { max: 20, length: 21 })],
    ],
    [
      'a codice fiscale as id',
      withSinba(SAMPLE_SINBA_FULL, { IDBeneficiario: 'DLLNNA10T55H501D' }),
      [issue('IDBeneficiario', 'codiceFiscale')],
    ],
    [
      'an omocodic codice fiscale inside the id',
      withSinba(SAMPLE_SINBA_FULL, { IDBeneficiario: 'id dllnna1mt55h5m1d' }),
      [issue('IDBeneficiario', 'codiceFiscale')],
    ],
    [
      'a disability without its type',
      withSinba(SAMPLE_SINBA_FULL, { TipoDisabilita: undefined }),
      [issue('TipoDisabilita', 'missingDisabilita')],
    ],
    [
      'a report to the judicial authority without its month',
      withSinba(SAMPLE_SINBA_FULL, { DataSegnalazione: '' }),
      [issue('DataSegnalazione', 'missingSegnalazione')],
    ],
    [
      'a court order without its month',
      withSinba(SAMPLE_SINBA_FULL, { DataProvvedimentoGiudiziario: undefined }),
      [issue('DataProvvedimentoGiudiziario', 'missingProvvedimento')],
    ],
    ['no prestazione', { ...SAMPLE_SINBA_FULL, Prestazioni: [] }, [issue('Prestazioni', 'missing')]],
    [
      'a prestazione code too short',
      { ...SAMPLE_SINBA_FULL, Prestazioni: ['A2'] },
      [issue('CodicePrestazione', 'tooShort', { min: 5, length: 2 }, 'SINBA/Prestazioni/CodicePrestazione')],
    ],
    ['no family member', { ...SAMPLE_SINBA_FULL, Famiglia: [] }, [issue('Famiglia', 'missing')]],
    [
      'a family member outside 1–6, third in the list',
      { ...SAMPLE_SINBA_FULL, Famiglia: ['1', '2', '7'] },
      [issue('ComposizioneFamiglia', 'invalid', { value: '7' }, 'SINBA/Famiglia/ComposizioneFamiglia[3]')],
    ],
    [
      'an empty family member',
      { ...SAMPLE_SINBA_FULL, Famiglia: [''] },
      [issue('ComposizioneFamiglia', 'missing', undefined, 'SINBA/Famiglia/ComposizioneFamiglia')],
    ],
  ])('%s', (_, record, expected) => {
    expect(seenSinba(record)).toEqual(expected);
  });

  it('takes a pseudonymous id with letters and digits', () => {
    expect(seenSinba(withSinba(SAMPLE_SINBA_FULL, { IDBeneficiario: 'H501SINBA0000000042' }))).toEqual([]);
  });
});

/**
 * The property that matters: whatever passes the pre-validation is valid against INPS's XSD, so nothing invalid
 * is ever published. Starting from the valid samples, every attribute the XSDs name (read from the XSDs, not
 * from our spec) takes every value of a list of troublemakers, one at a time.
 */
describe('coverage: the pre-validation is at least as strict as the XSD', () => {
  function xsdAttributes(file: string, type: string): string[] {
    const xsd = readFileSync(join(__dirname, '..', 'schemas', file), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    const start = xsd.indexOf(`<xs:complexType name="${type}"`);
    const next = xsd.slice(start + 1).search(/<xs:(?:complexType|simpleType) name="/);
    const body = xsd.slice(start, next < 0 ? undefined : start + 1 + next);
    return [...body.matchAll(/<xs:attribute name="(\w+)"/g)].map((m) => m[1]!);
  }

  const NASTY: readonly (string | undefined)[] = [
    undefined,
    '',
    ' ',
    '\t',
    '\u0001',
    '\ud800',
    '0',
    '1',
    '2',
    '3',
    '4',
    '5',
    '6',
    '7',
    '8',
    '9',
    '10',
    '12',
    '13',
    '14',
    '15',
    '99',
    '-1',
    '+1',
    '01',
    '1.5',
    '1.55',
    '1.555',
    '1,5',
    '.5',
    '5.',
    '1e3',
    'NaN',
    '٣',
    'abc',
    'I',
    'C',
    'X',
    'i',
    '2024-02-29',
    '2025-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-1-1',
    '0001-01-01',
    '1899-12-31',
    '2026-02-01Z',
    '2026-02-01+01:00',
    ' 2026-02-01',
    '01/2024',
    '12/2099',
    '13/2024',
    '00/2024',
    '1/2024',
    '01/1899',
    '01/2100',
    'H501',
    'h501',
    'H50',
    'HH501',
    'Z404',
    '380',
    '38',
    '3800',
    '058091',
    '58091',
    '1940',
    '194',
    'RSSMRA80A01H501U',
    'rssmra80a01h501u',
    'RSSMRA80A01H501',
    'RSSMRALMALMHLMLU',
    '12345678901',
    '12345678901 ',
    '1234567890',
    'A1.05.01',
    'A1.04',
    'A1.4',
    'A1.05.01.01',
    'x'.repeat(9),
    'x'.repeat(10),
    'x'.repeat(20),
    'x'.repeat(21),
    'x'.repeat(30),
    'x'.repeat(31),
    'x'.repeat(32),
    'x'.repeat(33),
    'x'.repeat(36),
    'x'.repeat(37),
    'x'.repeat(50),
    'x'.repeat(100),
    'x'.repeat(101),
    'x'.repeat(200),
    'x'.repeat(201),
    '😀'.repeat(36),
    '😀'.repeat(37),
    'à'.repeat(36),
    '&<>"\'',
    'Città di Castello',
    'a\u0001b',
  ];
  /** The troublemakers plus variations of the valid value itself. */
  function values(valid: string | undefined): (string | undefined)[] {
    const own =
      valid === undefined
        ? []
        : [` ${valid}`, `${valid} `, valid + valid, `${valid}x`, valid.slice(1), valid.toLowerCase(), `${valid}\u0001`, `\u0002${valid}`];
    return [...NASTY, ...own];
  }

  interface Case {
    readonly label: string;
    readonly issues: RecordIssue[];
    readonly xml: string;
  }

  function psCases(): Case[] {
    const cases: Case[] = [];
    const add = (label: string, record: PsRecord, ente: Ente = SAMPLE_ENTE) => {
      const issues = [...validateEnte(ente), ...validatePs(record)];
      seen.push(...issues);
      cases.push({ label, issues, xml: issues.length === 0 ? psFlussoXml('H501.PS.20260315.0000001', ente, record) : '' });
    };
    const withSinaOf = (base: PsRecord) => (base.Prestazione.SINA ? base : withPrestazione(base, { SINA: PERIODIC.Prestazione.SINA }));
    const bases: [string, PsRecord][] = [
      ['periodic', PERIODIC],
      ['occasional', withSinaOf(OCCASIONAL)],
      ['cancellation', withSinaOf(SAMPLE_PS_CANCELLATION)],
    ];
    for (const name of xsdAttributes('PS_PSA_SINA201812.xsd', 'EnteType')) {
      for (const value of values(SAMPLE_ENTE[name as keyof Ente]))
        add(`Ente@${name}=${JSON.stringify(value)}`, PERIODIC, { ...SAMPLE_ENTE, [name]: value });
    }
    for (const [baseName, base] of bases) {
      for (const value of values(base.CodiceFiscale))
        add(`${baseName} CodiceFiscale=${JSON.stringify(value)}`, { ...base, CodiceFiscale: value });
      for (const name of xsdAttributes('PS_PSA_SINA201812.xsd', 'AnagraficaType')) {
        const own = (base.Anagrafica as Record<string, string | undefined>)[name];
        for (const value of values(own))
          add(`${baseName} Anagrafica@${name}=${JSON.stringify(value)}`, withAnagrafica(base, { [name]: value }));
      }
      for (const name of xsdAttributes('PS_PSA_SINA201812.xsd', 'IndirizzoType')) {
        const first = base.Indirizzo[0]!;
        for (const value of values((first as Record<string, string | undefined>)[name])) {
          add(`${baseName} Indirizzo@${name}=${JSON.stringify(value)}`, { ...base, Indirizzo: [{ ...first, [name]: value }] });
          add(`${baseName} Indirizzo[2]@${name}=${JSON.stringify(value)}`, { ...base, Indirizzo: [first, { ...first, [name]: value }] });
        }
      }
      for (const count of [0, 1, 5, 6])
        add(`${baseName} ${count} addresses`, { ...base, Indirizzo: Array.from({ length: count }, () => base.Indirizzo[0]!) });
      for (const name of xsdAttributes('PS_PSA_SINA201812.xsd', 'PrestazioniSocialiType')) {
        const own = (base.Prestazione as unknown as Record<string, string | undefined>)[name];
        for (const value of values(own))
          add(`${baseName} PrestazioniSociali@${name}=${JSON.stringify(value)}`, withPrestazione(base, { [name]: value }));
      }
      const sina = base.Prestazione.SINA!;
      for (const name of xsdAttributes('PS_PSA_SINA201812.xsd', 'SINAType')) {
        for (const value of values((sina as unknown as Record<string, string | undefined>)[name])) {
          add(`${baseName} SINA@${name}=${JSON.stringify(value)}`, withPrestazione(base, { SINA: { ...sina, [name]: value } }));
        }
      }
      for (const value of values('A2.07')) {
        if (value === undefined) continue;
        add(
          `${baseName} SINA need ${JSON.stringify(value)}`,
          withPrestazione(base, { SINA: { ...sina, NecessitaInterventiSociali: ['A2.08', value] } }),
        );
        add(`${baseName} SINA InvCiv ${JSON.stringify(value)}`, withPrestazione(base, { SINA: { ...sina, InvaliditaCivile: [value] } }));
      }
      add(
        `${baseName} SINA without lists`,
        withPrestazione(base, { SINA: { ...sina, NecessitaInterventiSociali: [], InvaliditaCivile: [] } }),
      );
      add(`${baseName} without SINA`, withPrestazione(base, { SINA: undefined }));
    }
    return cases;
  }

  function sinbaCases(): Case[] {
    const cases: Case[] = [];
    const add = (label: string, record: SinbaRecord) => {
      const issues = seenSinba(record);
      cases.push({ label, issues, xml: issues.length === 0 ? sinbaFlussoXml('H501.SINBA.20260315.0000001', SAMPLE_ENTE, record) : '' });
    };
    for (const [baseName, base] of [
      ['full', SAMPLE_SINBA_FULL],
      ['minimal', SAMPLE_SINBA_MINIMAL],
    ] as const) {
      for (const name of xsdAttributes('SINBA.xsd', 'SinbaType')) {
        for (const value of values(base.attributes[name as SinbaAttribute]))
          add(`${baseName} SINBA@${name}=${JSON.stringify(value)}`, withSinba(base, { [name]: value }));
      }
      for (const value of values('A2.02')) {
        if (value === undefined) continue;
        add(`${baseName} Prestazioni ${JSON.stringify(value)}`, { ...base, Prestazioni: [value] });
        add(`${baseName} Famiglia ${JSON.stringify(value)}`, { ...base, Famiglia: ['1', value] });
      }
      add(`${baseName} no Prestazioni`, { ...base, Prestazioni: [] });
      add(`${baseName} no Famiglia`, { ...base, Famiglia: [] });
    }
    return cases;
  }

  async function xsdErrorsOfAccepted(cases: readonly Case[], kind: 'PS_PSA_SINA' | 'SINBA'): Promise<string[]> {
    const accepted = cases.filter((c) => c.issues.length === 0);
    const failures: string[] = [];
    for (let i = 0; i < accepted.length; i += 1000) {
      const batch = accepted.slice(i, i + 1000);
      const errors = await validateManyAgainstXsd(
        batch.map((c) => c.xml),
        kind,
      );
      errors.forEach((e, j) => {
        if (e.length > 0) failures.push(`${batch[j]!.label}: ${e.join(' | ')}`);
      });
    }
    return failures;
  }

  it('the XSD check itself tells valid from invalid files', async () => {
    const broken = withAnagrafica(PERIODIC, { Genere: 'M' });
    const [valid, invalid, malformed] = await validateManyAgainstXsd(
      [
        psFlussoXml('a', SAMPLE_ENTE, PERIODIC),
        psFlussoXml('b', SAMPLE_ENTE, broken),
        '<Flusso xmlns="http://inps.it/Casellario"><a></b></Flusso>',
      ],
      'PS_PSA_SINA',
    );
    expect(valid).toEqual([]);
    expect(invalid!.join()).toMatch(/Genere/);
    expect(malformed!.length).toBeGreaterThan(0);
  });

  it('for PS/PSA/SINA', async () => {
    const cases = psCases();
    const accepted = cases.filter((c) => c.issues.length === 0).length;
    // Not vacuous: thousands of variants, many of them accepted (and so checked against the XSD), most refused.
    expect(cases.length).toBeGreaterThan(10_000);
    expect(accepted).toBeGreaterThan(1_000);
    expect(cases.length - accepted).toBeGreaterThan(5_000);
    expect(await xsdErrorsOfAccepted(cases, 'PS_PSA_SINA')).toEqual([]);
  });

  it('for SINBA', async () => {
    const cases = sinbaCases();
    const accepted = cases.filter((c) => c.issues.length === 0).length;
    expect(cases.length).toBeGreaterThan(8_000);
    expect(accepted).toBeGreaterThan(1_000);
    expect(cases.length - accepted).toBeGreaterThan(4_000);
    expect(await xsdErrorsOfAccepted(cases, 'SINBA')).toEqual([]);
  });
});

describe('messages', () => {
  function locale(lng: 'it' | 'en'): Record<string, unknown> {
    return (JSON.parse(readFileSync(join(__dirname, '..', 'locales', lng, 'siuss.json'), 'utf8')) as { issues: Record<string, unknown> })
      .issues;
  }
  function flatten(tree: Record<string, unknown>, prefix = ''): Map<string, string> {
    const out = new Map<string, string>();
    for (const [key, value] of Object.entries(tree)) {
      if (value && typeof value === 'object')
        for (const [k, v] of flatten(value as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
      else out.set(`${prefix}${key}`, value as string);
    }
    return out;
  }
  const messages = { it: flatten(locale('it'), 'siuss:issues.'), en: flatten(locale('en'), 'siuss:issues.') };

  it.each(['it', 'en'] as const)('every issue key has a message in %s, and every message there is an issue key', (lng) => {
    expect([...messages[lng].keys()].sort()).toEqual([...ISSUE_KEYS]);
  });

  it('every issue met in these tests has a known key and the parameters its messages use', () => {
    expect(seen.length).toBeGreaterThan(1_000);
    const keys = new Set(ISSUE_KEYS);
    const met = new Set<string>();
    const problems = new Set<string>();
    for (const issue of seen) {
      met.add(issue.message);
      if (!keys.has(issue.message)) {
        problems.add(`unknown key ${issue.message}`);
        continue;
      }
      for (const lng of ['it', 'en'] as const) {
        for (const [, name] of messages[lng].get(issue.message)!.matchAll(/\{\{(\w+)\}\}/g)) {
          if (issue.params?.[name!] === undefined) problems.add(`${lng} ${issue.message} uses {{${name}}}, not given`);
        }
      }
    }
    expect([...problems]).toEqual([]);
    // The tests above reach every rule.
    expect(ISSUE_KEYS.filter((key) => !met.has(key))).toEqual([]);
  });

  it('speaks plainly: no XSD jargon, no empty strings', () => {
    for (const lng of ['it', 'en'] as const) {
      for (const [key, text] of messages[lng]) {
        expect(`${key}: ${text}`).not.toMatch(
          /xs:|\b(attribut[eo]|enumeration|enumerazione|facet|pattern|minLength|maxLength|schema|XSD|element[oi]?)\b/i,
        );
        expect(text.trim().length).toBeGreaterThan(10);
      }
    }
  });
});
