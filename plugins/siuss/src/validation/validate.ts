// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * The pre-validation of SIUSS records: what is missing or wrong, field by field, before anything is published
 * to INPS. It checks everything the XSDs check (so a record without issues always gives a valid file: a test
 * mutates records systematically to hold this) and INPS's own rules on top (DOMAIN.md §5.2.4: what a periodic
 * or an occasional prestazione needs, AreaUtenza for a person in charge, A1.05.01's DataEvento), plus plain
 * consistency (the end not before the start, a SINBA id that is not a codice fiscale).
 *
 * Each issue names the field by its path in the record (`Anagrafica/LuogoNascita`, `Indirizzo[2]/CodiceComune`
 * for the second address, `Prestazione/SINA/Mobilita`, `SINBA/FasciaEtaBeneficiario`; list items as
 * `…/CodicePrestazione[3]` from the second on), a message key `siuss:issues.<Group>.<Field>.<kind>` with its
 * parameters, and where the operator fixes it.
 */
import type { Ente, Prestazione, PsRecord, RecordIssue, SinbaRecord } from '../model';
import { cleanXmlText } from '../xml/escape';
import { PERSON_CODICE_FISCALE_INSIDE, facetProblem, isAbsent, isDate, possibleKinds, type FieldSpec } from './facets';
import {
  ANAGRAFICA_SPECS,
  CODICE_FISCALE_SPEC,
  ENTE_SPECS,
  INDIRIZZO_MAX,
  INDIRIZZO_SPECS,
  ITALIA,
  PRESTAZIONE_SPECS,
  SINA_INVCIV_SPEC,
  SINA_NEED_SPEC,
  SINA_SPECS,
  SINBA_FAMIGLIA_SPEC,
  SINBA_PRESTAZIONE_SPEC,
  SINBA_SPECS,
} from './spec';

type Fix = NonNullable<RecordIssue['fix']>;
type Params = Readonly<Record<string, string | number>>;

const NS = 'siuss:issues';
const CANCELLAZIONE = 'C';
const PERIODICO = '1';
const OCCASIONALE = '2';
const PRESA_IN_CARICO = '1';
const SI = '1';
/** Contributi economici per alloggio, sub-code: INPS wants DataEvento = the day the contribution was paid (cassa). */
const A1_05_01 = 'A1.05.01';

const PERIODIC_NEEDS = ['DataInizioPrestazione', 'DataFinePrestazione', 'PeriodoErogazione', 'ImportoMensile'] as const;
const OCCASIONAL_NEEDS = ['DataErogazionePrestazione', 'ImportoPrestazione'] as const;

/** The issue keys of the cross-field rules, `[group, field, kind]`. */
const RULE_KEYS: readonly (readonly [string, string, string])[] = [
  ['Indirizzo', 'Indirizzo', 'missing'],
  ['Indirizzo', 'Indirizzo', 'tooMany'],
  ['Indirizzo', 'CodiceRegione', 'missingItaly'],
  ['Indirizzo', 'CodiceComune', 'missingItaly'],
  ['Anagrafica', 'AnnoNascita', 'afterPrestazione'],
  ['Prestazione', 'CaratterePrestazione', 'missing'],
  ...PERIODIC_NEEDS.map((name) => ['Prestazione', name, 'missingPeriodic'] as const),
  ...OCCASIONAL_NEEDS.map((name) => ['Prestazione', name, 'missingOccasional'] as const),
  ['Prestazione', 'AreaUtenza', 'missingPresaCarico'],
  ['Prestazione', 'DataEvento', 'missingA10501'],
  ['Prestazione', 'DataFinePrestazione', 'beforeStart'],
  ['SINBA', 'IDBeneficiario', 'codiceFiscale'],
  ['SINBA', 'TipoDisabilita', 'missingDisabilita'],
  ['SINBA', 'DataSegnalazione', 'missingSegnalazione'],
  ['SINBA', 'DataProvvedimentoGiudiziario', 'missingProvvedimento'],
  ['SINBA', 'Prestazioni', 'missing'],
  ['SINBA', 'Famiglia', 'missing'],
];

/** The value as written (see `cleanXmlText`), for comparisons. */
function written(value: string | null | undefined): string | undefined {
  return value == null ? undefined : cleanXmlText(value);
}

function key(group: string, field: string, kind: string): string {
  return `${NS}.${group}.${field}.${kind}`;
}

function issue(field: string, message: string, fix: Fix, params?: Params): RecordIssue {
  return params && Object.keys(params).length > 0 ? { field, message, params, fix } : { field, message, fix };
}

/** A field against its spec: missing when required and absent, otherwise its facet. */
function checkField(issues: RecordIssue[], value: string | null | undefined, spec: FieldSpec, path: string, group: string, fix: Fix): void {
  const text = value == null ? '' : cleanXmlText(value);
  if (text === '') {
    if (spec.required) issues.push(issue(path, key(group, spec.name, 'missing'), fix));
    return;
  }
  const problem = facetProblem(text, spec);
  if (problem) issues.push(issue(path, key(group, spec.name, problem.kind), fix, problem.params));
}

/** `Name` for the first item of a list, `Name[n]` (1-based) for the others. */
function nth(name: string, index: number): string {
  return index === 0 ? name : `${name}[${index + 1}]`;
}

function checkItems(issues: RecordIssue[], items: readonly string[], spec: FieldSpec, path: string, group: string, fix: Fix): void {
  items.forEach((item, i) => checkField(issues, item, spec, nth(path, i), group, fix));
}

/** `IdentificazioneFlusso/Ente`: the sending comune, fixed in the organization's settings. */
export function validateEnte(ente: Ente): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const values = ente as unknown as Readonly<Record<string, string | undefined>>;
  for (const spec of ENTE_SPECS) checkField(issues, values[spec.name], spec, `Ente/${spec.name}`, 'Ente', 'organization');
  return issues;
}

function prestazioneFix(name: string): Fix {
  if (name === 'CodicePrestazione' || name === 'DenominazionePrestazione') return 'catalogue';
  if (name === 'PresaCarico' || name === 'AreaUtenza') return 'cartella';
  return 'intervention';
}

/** The first valid of the prestazione's dates, for consistency checks. */
function prestazioneYear(p: Prestazione): number | undefined {
  for (const date of [p.DataInizioPrestazione, p.DataErogazionePrestazione, p.DataEvento]) {
    if (date !== undefined && isDate(date)) return Number(date.slice(0, 4));
  }
  return undefined;
}

/**
 * A PS/PSA(/SINA) record: the person (codice fiscale, anagrafica, 1–5 addresses), the prestazione and its SINA.
 * INPS's completeness rules apply to insertions; a cancellation (TipoOperazione C) only needs what the XSD
 * requires, since it withdraws a prestazione whose data may since have been removed from the cartella.
 */
export function validatePs(record: PsRecord): RecordIssue[] {
  const issues: RecordIssue[] = [];
  checkField(issues, record.CodiceFiscale, CODICE_FISCALE_SPEC, 'CodiceFiscale', 'Beneficiario', 'person');

  const anagrafica = record.Anagrafica as Readonly<Record<string, string | undefined>>;
  for (const spec of ANAGRAFICA_SPECS) checkField(issues, anagrafica[spec.name], spec, `Anagrafica/${spec.name}`, 'Anagrafica', 'person');

  const addresses = record.Indirizzo;
  if (addresses.length === 0) issues.push(issue('Indirizzo', key('Indirizzo', 'Indirizzo', 'missing'), 'person'));
  if (addresses.length > INDIRIZZO_MAX)
    issues.push(issue('Indirizzo', key('Indirizzo', 'Indirizzo', 'tooMany'), 'person', { max: INDIRIZZO_MAX }));
  addresses.forEach((address, i) => {
    const values = address as Readonly<Record<string, string | undefined>>;
    const prefix = nth('Indirizzo', i);
    for (const spec of INDIRIZZO_SPECS) checkField(issues, values[spec.name], spec, `${prefix}/${spec.name}`, 'Indirizzo', 'person');
    if (written(address.CodiceNazione) === ITALIA) {
      for (const name of ['CodiceRegione', 'CodiceComune'] as const) {
        if (isAbsent(address[name])) issues.push(issue(`${prefix}/${name}`, key('Indirizzo', name, 'missingItaly'), 'person'));
      }
    }
  });

  const p = record.Prestazione;
  const values = p as unknown as Readonly<Record<string, string | undefined>>;
  for (const spec of PRESTAZIONE_SPECS) {
    checkField(issues, values[spec.name], spec, `Prestazione/${spec.name}`, 'Prestazione', prestazioneFix(spec.name));
  }
  const missing = (name: string, kind: string) =>
    issues.push(issue(`Prestazione/${name}`, key('Prestazione', name, kind), prestazioneFix(name)));
  const carattere = written(p.CaratterePrestazione);
  if (written(p.TipoOperazione) !== CANCELLAZIONE) {
    if (isAbsent(p.CaratterePrestazione)) missing('CaratterePrestazione', 'missing');
    if (carattere === PERIODICO) {
      for (const name of PERIODIC_NEEDS) if (isAbsent(p[name])) missing(name, 'missingPeriodic');
    }
    if (carattere === OCCASIONALE) {
      for (const name of OCCASIONAL_NEEDS) if (isAbsent(p[name])) missing(name, 'missingOccasional');
    }
    if (written(p.PresaCarico) === PRESA_IN_CARICO && isAbsent(p.AreaUtenza)) missing('AreaUtenza', 'missingPresaCarico');
    if (written(p.CodicePrestazione)?.trim() === A1_05_01 && isAbsent(p.DataEvento)) missing('DataEvento', 'missingA10501');
  }
  const start = p.DataInizioPrestazione;
  const end = p.DataFinePrestazione;
  if (start !== undefined && end !== undefined && isDate(start) && isDate(end) && end < start) {
    issues.push(
      issue('Prestazione/DataFinePrestazione', key('Prestazione', 'DataFinePrestazione', 'beforeStart'), 'intervention', { start, end }),
    );
  }
  const birthYear = record.Anagrafica.AnnoNascita;
  const year = prestazioneYear(p);
  if (year !== undefined && birthYear !== undefined && /^[0-9]{4}$/.test(birthYear) && Number(birthYear) > year) {
    issues.push(issue('Anagrafica/AnnoNascita', key('Anagrafica', 'AnnoNascita', 'afterPrestazione'), 'person', { year: birthYear }));
  }

  if (p.SINA) {
    const sina = p.SINA as unknown as Readonly<Record<string, string | undefined>>;
    for (const spec of SINA_SPECS) checkField(issues, sina[spec.name], spec, `Prestazione/SINA/${spec.name}`, 'SINA', 'sina');
    checkItems(
      issues,
      p.SINA.NecessitaInterventiSociali ?? [],
      SINA_NEED_SPEC,
      'Prestazione/SINA/NecessitaInterventiSociali/CodicePrestazione',
      'SINA',
      'sina',
    );
    checkItems(issues, p.SINA.InvaliditaCivile ?? [], SINA_INVCIV_SPEC, 'Prestazione/SINA/InvaliditaCivile/InvCiv', 'SINA', 'sina');
  }
  return issues;
}

/** A SINBA record: the minor's attributes, the prestazioni received (≥ 1) and the family composition (≥ 1). */
export function validateSinba(record: SinbaRecord): RecordIssue[] {
  const issues: RecordIssue[] = [];
  const a = record.attributes;
  for (const spec of SINBA_SPECS) checkField(issues, a[spec.name], spec, `SINBA/${spec.name}`, 'SINBA', 'sinba');

  const id = written(a.IDBeneficiario);
  if (id !== undefined && PERSON_CODICE_FISCALE_INSIDE.test(id.replace(/[^A-Za-z0-9]+/g, ''))) {
    issues.push(issue('SINBA/IDBeneficiario', key('SINBA', 'IDBeneficiario', 'codiceFiscale'), 'sinba'));
  }
  const conditional = (when: boolean, name: string, kind: string) => {
    if (when && isAbsent(a[name as keyof typeof a])) issues.push(issue(`SINBA/${name}`, key('SINBA', name, kind), 'sinba'));
  };
  conditional(written(a.Disabilita) === SI, 'TipoDisabilita', 'missingDisabilita');
  conditional(written(a.SegnalazioneAutoritaGiudiziaria) === SI, 'DataSegnalazione', 'missingSegnalazione');
  conditional(written(a.ProvvedimentoGiudiziario) === SI, 'DataProvvedimentoGiudiziario', 'missingProvvedimento');

  if (record.Prestazioni.length === 0) issues.push(issue('SINBA/Prestazioni', key('SINBA', 'Prestazioni', 'missing'), 'sinba'));
  checkItems(issues, record.Prestazioni, SINBA_PRESTAZIONE_SPEC, 'SINBA/Prestazioni/CodicePrestazione', 'SINBA', 'sinba');
  if (record.Famiglia.length === 0) issues.push(issue('SINBA/Famiglia', key('SINBA', 'Famiglia', 'missing'), 'sinba'));
  checkItems(issues, record.Famiglia, SINBA_FAMIGLIA_SPEC, 'SINBA/Famiglia/ComposizioneFamiglia', 'SINBA', 'sinba');
  return issues;
}

/** Every message key the pre-validation can give: the locales must have them all. */
export const ISSUE_KEYS: readonly string[] = (() => {
  const keys = new Set<string>();
  const add = (group: string, specs: readonly FieldSpec[]) => {
    for (const spec of specs) for (const kind of possibleKinds(spec)) keys.add(key(group, spec.name, kind));
  };
  add('Ente', ENTE_SPECS);
  add('Beneficiario', [CODICE_FISCALE_SPEC]);
  add('Anagrafica', ANAGRAFICA_SPECS);
  add('Indirizzo', INDIRIZZO_SPECS);
  add('Prestazione', PRESTAZIONE_SPECS);
  add('SINA', [...SINA_SPECS, SINA_NEED_SPEC, SINA_INVCIV_SPEC]);
  add('SINBA', [...SINBA_SPECS, SINBA_PRESTAZIONE_SPEC, SINBA_FAMIGLIA_SPEC]);
  for (const [group, field, kind] of RULE_KEYS) keys.add(key(group, field, kind));
  return [...keys].sort();
})();
