// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The SIUSS flows as INPS's XSDs want them (`PS_PSA_SINA201812.xsd`, `SINBA.xsd`, namespace
 * `http://inps.it/Casellario`), written as strings piece by piece so that an export can stream a file of any
 * size: the head, then one `Beneficiario` (PS) or `SINBA` element per call, then the tail. Pure functions of
 * the records: attributes in the XSD's order, values escaped (see `escape.ts`), an attribute left out when
 * its value is absent or empty. They write what they are given: `validation/` says beforehand whether it is
 * complete and valid.
 */
import type { Ente, FlowKind, Indirizzo, Prestazione, PsRecord, Sina, SinbaRecord } from '../model';
import { SINBA_ATTRIBUTES } from '../model';
import { escapeXml } from './escape';

export const CASELLARIO_NAMESPACE = 'http://inps.it/Casellario';
/** `IdentificazioneFlusso@Nome` is at most 50 characters. */
export const FLUSSO_NOME_MAX = 50;

/** ` Name="value"`, or nothing when the value is absent or has nothing XML can carry. */
function attr(name: string, value: string | null | undefined): string {
  if (value == null) return '';
  const escaped = escapeXml(value);
  return escaped === '' ? '' : ` ${name}="${escaped}"`;
}

function enteXml(ente: Ente): string {
  return (
    '<Ente' +
    attr('Codice', ente.Codice) +
    attr('Denominazione', ente.Denominazione) +
    attr('Indirizzo', ente.Indirizzo) +
    attr('CFOperatore', ente.CFOperatore) +
    '/>\n'
  );
}

/**
 * The start of a flusso, up to and including `IdentificazioneFlusso`: both flows share it. `nome` is the
 * flusso's identifier (for the WaaS e-service its `id_flusso`, e.g. `H501.PS.20210520.0000002`).
 */
export function flussoHead(kind: FlowKind, { nome, ente }: { readonly nome: string; readonly ente: Ente }): string {
  if ([...nome].length > FLUSSO_NOME_MAX) throw new RangeError(`${kind} flusso name longer than ${FLUSSO_NOME_MAX} characters: ${nome}`);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Flusso xmlns="${CASELLARIO_NAMESPACE}">\n` +
    `<IdentificazioneFlusso Nome="${escapeXml(nome)}">\n` +
    enteXml(ente) +
    '</IdentificazioneFlusso>\n'
  );
}

export function flussoTail(): string {
  return '</Flusso>\n';
}

function anagraficaXml(a: PsRecord['Anagrafica']): string {
  return (
    '<Anagrafica' +
    attr('Cognome', a.Cognome) +
    attr('Nome', a.Nome) +
    attr('AnnoNascita', a.AnnoNascita) +
    attr('LuogoNascita', a.LuogoNascita) +
    attr('Genere', a.Genere) +
    attr('CodiceCittadinanza', a.CodiceCittadinanza) +
    attr('CodiceSecondaCittadinanza', a.CodiceSecondaCittadinanza) +
    '/>\n'
  );
}

function indirizzoXml(i: Partial<Indirizzo>): string {
  return (
    '<Indirizzo' +
    attr('CodiceRegione', i.CodiceRegione) +
    attr('CodiceComune', i.CodiceComune) +
    attr('CodiceNazione', i.CodiceNazione) +
    '/>\n'
  );
}

function codeList(wrapper: string, item: string, codes: readonly string[]): string {
  let out = `<${wrapper}>\n`;
  for (const code of codes) out += `<${item}>${escapeXml(code)}</${item}>\n`;
  return out + `</${wrapper}>\n`;
}

function sinaXml(s: Sina): string {
  const open =
    '<SINA' +
    attr('Mobilita', s.Mobilita) +
    attr('AttivitaVitaQuotidiana', s.AttivitaVitaQuotidiana) +
    attr('DisturbiAreaCognitiva', s.DisturbiAreaCognitiva) +
    attr('DisturbiComportamentali', s.DisturbiComportamentali) +
    attr('NecessitaCureSanitarie', s.NecessitaCureSanitarie) +
    attr('AreaReddituale', s.AreaReddituale) +
    attr('AreaSupporto', s.AreaSupporto) +
    attr('FonteDerivazioneValutazione', s.FonteDerivazioneValutazione) +
    attr('StrumentoValutazione', s.StrumentoValutazione) +
    attr('FonteDerivazioneInvalidita', s.FonteDerivazioneInvalidita);
  const needs = s.NecessitaInterventiSociali ?? [];
  const invalidity = s.InvaliditaCivile ?? [];
  // Both lists are optional, but when present they need at least one item.
  if (needs.length === 0 && invalidity.length === 0) return open + '/>\n';
  let out = open + '>\n';
  if (needs.length > 0) out += codeList('NecessitaInterventiSociali', 'CodicePrestazione', needs);
  if (invalidity.length > 0) out += codeList('InvaliditaCivile', 'InvCiv', invalidity);
  return out + '</SINA>\n';
}

/** One `PrestazioniSociali` element, with its `SINA` when there is one. */
export function prestazioneXml(p: Prestazione): string {
  const open =
    '<PrestazioniSociali' +
    attr('TipoOperazione', p.TipoOperazione) +
    attr('PresenzaProvaMezzi', p.PresenzaProvaMezzi) +
    attr('CaratterePrestazione', p.CaratterePrestazione) +
    attr('NumeroProtocolloDSU', p.NumeroProtocolloDSU) +
    attr('AnnoProtocolloDSU', p.AnnoProtocolloDSU) +
    attr('DataDSU', p.DataDSU) +
    attr('CodicePrestazione', p.CodicePrestazione) +
    attr('DenominazionePrestazione', p.DenominazionePrestazione) +
    attr('ProtocolloDomanda', p.ProtocolloDomanda) +
    attr('DataEvento', p.DataEvento) +
    attr('DataInizioPrestazione', p.DataInizioPrestazione) +
    attr('DataFinePrestazione', p.DataFinePrestazione) +
    attr('DataErogazionePrestazione', p.DataErogazionePrestazione) +
    attr('ImportoPrestazione', p.ImportoPrestazione) +
    attr('PeriodoErogazione', p.PeriodoErogazione) +
    attr('ImportoMensile', p.ImportoMensile) +
    attr('ImportoQuotaEnte', p.ImportoQuotaEnte) +
    attr('ImportoQuotaUtente', p.ImportoQuotaUtente) +
    attr('ImportoQuotaSSN', p.ImportoQuotaSSN) +
    attr('ImportoQuotaRichiesta', p.ImportoQuotaRichiesta) +
    attr('ImportoSogliaISEE', p.ImportoSogliaISEE) +
    attr('OreServizioMensile', p.OreServizioMensile) +
    attr('PresaCarico', p.PresaCarico) +
    attr('AreaUtenza', p.AreaUtenza);
  return p.SINA ? open + '>\n' + sinaXml(p.SINA) + '</PrestazioniSociali>\n' : open + '/>\n';
}

/**
 * One `Beneficiario` for records of the same person (same codice fiscale): anagrafica and addresses from the
 * first record, then one `PrestazioniSociali` per record, in the given order.
 */
export function beneficiarioXml(records: readonly PsRecord[]): string {
  const first = records[0];
  if (!first) throw new RangeError('a Beneficiario needs at least one record');
  let out = '<Beneficiario' + attr('CodiceFiscale', first.CodiceFiscale) + '>\n' + anagraficaXml(first.Anagrafica);
  for (const indirizzo of first.Indirizzo) out += indirizzoXml(indirizzo);
  for (const record of records) {
    if (record.CodiceFiscale !== first.CodiceFiscale) throw new RangeError('the records of one Beneficiario must share the codice fiscale');
    out += prestazioneXml(record.Prestazione);
  }
  return out + '</Beneficiario>\n';
}

/** A whole PS/PSA/SINA flusso for the WaaS e-service: one beneficiary and one prestazione. */
export function psFlussoXml(nome: string, ente: Ente, record: PsRecord): string {
  return flussoHead('PS_PSA_SINA', { nome, ente }) + beneficiarioXml([record]) + flussoTail();
}

/**
 * A PS/PSA/SINA flusso for upload, piece by piece (for a write stream): the head, one `Beneficiario` per run of
 * consecutive records with the same codice fiscale, the tail. Give the records ordered by codice fiscale to get
 * one `Beneficiario` per person. At least one record is needed for a valid file.
 */
export function* psFlussoChunks(nome: string, ente: Ente, records: Iterable<PsRecord>): Generator<string, void, undefined> {
  yield flussoHead('PS_PSA_SINA', { nome, ente });
  let run: PsRecord[] = [];
  for (const record of records) {
    if (run.length > 0 && run[0]!.CodiceFiscale !== record.CodiceFiscale) {
      yield beneficiarioXml(run);
      run = [];
    }
    run.push(record);
  }
  if (run.length > 0) yield beneficiarioXml(run);
  yield flussoTail();
}

/** One `SINBA` element: attributes in the XSD's order, then `Prestazioni` and `Famiglia`. */
export function sinbaXml(record: SinbaRecord): string {
  const attributes = record.attributes;
  let out = '<SINBA';
  for (const name of SINBA_ATTRIBUTES) out += attr(name, attributes[name]);
  return (
    out +
    '>\n' +
    codeList('Prestazioni', 'CodicePrestazione', record.Prestazioni) +
    codeList('Famiglia', 'ComposizioneFamiglia', record.Famiglia) +
    '</SINBA>\n'
  );
}

/** A whole SINBA flusso with one record (the WaaS e-service's unit). */
export function sinbaFlussoXml(nome: string, ente: Ente, record: SinbaRecord): string {
  return flussoHead('SINBA', { nome, ente }) + sinbaXml(record) + flussoTail();
}
