// SPDX-License-Identifier: AGPL-3.0-or-later
import type { SinbaAttribute, SinbaRecord } from '../model';
import { SINBA_ATTRIBUTES } from '../model';
import type { MinorSource } from './sources';
import { byAttribute } from './ps';
import { monthOf } from '../forms/xsd-mapping';

/** Attributes SIGeSS derives itself; every other one comes from the Scheda SINBA, whose field ids are the XSD's names. */
const DERIVED: ReadonlySet<SinbaAttribute> = new Set([
  'IDBeneficiario',
  'AnnoNascita',
  'FasciaEtaBeneficiario',
  'FasciaISEEBeneficiario',
  'NumeroComponentiISEE',
  'CodiceRegioneResidenza',
  'CodiceNazioneResidenza',
]);
const MONTHS: ReadonlySet<SinbaAttribute> = new Set(['DataPrimaSegnalazione', 'DataSegnalazione', 'DataProvvedimentoGiudiziario']);

/** Full years from a birth date to a day. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** SINBA's age bands: 1 (0–3), 2 (3–6) … 6 (15–18). */
export function fasciaEta(age: number): string | undefined {
  if (age < 0 || age >= 18) return undefined;
  return String(Math.min(6, Math.floor(age / 3) + 1));
}

/** SINBA's ISEE bands: 1 nil, 2 up to 3,000 € … 7 up to 20,000 €, 8 above. */
export function fasciaIsee(value: number): string {
  if (value <= 0) return '1';
  const ceilings = [3_000, 6_000, 9_000, 12_000, 15_000, 20_000];
  const band = ceilings.findIndex((c) => value <= c);
  return String(band === -1 ? 8 : band + 2);
}

/** A month field as SINBA writes it (`MM/YYYY`), from the date the Scheda SINBA stores. */
function monthAnswer(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? monthOf(value) : undefined;
}

/**
 * The SINBA record of a minor in charge: what SIGeSS knows (birth, residence, ISEE, the services granted, under
 * the pseudonymous id) and what the social worker recorded in the Scheda SINBA. No codice fiscale, no name.
 */
export function buildSinbaRecord(source: MinorSource, pseudonym: string, inpsCodes: readonly string[], today: string): SinbaRecord {
  const answers = byAttribute(source.sinbaAnswers ?? {});
  const attributes: Partial<Record<SinbaAttribute, string>> = {};
  for (const name of SINBA_ATTRIBUTES) {
    if (DERIVED.has(name)) continue;
    const value = answers[name];
    if (value === undefined || value === null || value === '') continue;
    attributes[name] = MONTHS.has(name) ? monthAnswer(value) : Array.isArray(value) ? value.map(String).join('') : String(value);
  }
  const on = source.state === 'closed' ? source.stateSince : today;
  attributes.IDBeneficiario = pseudonym;
  if (source.birthDate) {
    attributes.AnnoNascita = source.birthDate.slice(0, 4);
    const band = fasciaEta(ageOn(source.birthDate, on < source.openedOn ? source.openedOn : on));
    if (band) attributes.FasciaEtaBeneficiario = band;
  }
  if (source.iseeValue !== null) attributes.FasciaISEEBeneficiario = fasciaIsee(Number(source.iseeValue));
  if (source.residenceBelfiore) {
    attributes.CodiceNazioneResidenza = '380';
    if (source.residenceRegion) attributes.CodiceRegioneResidenza = source.residenceRegion;
  }
  const famiglia = answers.Famiglia;
  return {
    attributes,
    Prestazioni: [...new Set(inpsCodes)].sort(),
    Famiglia: Array.isArray(famiglia) ? famiglia.map(String) : typeof famiglia === 'string' && famiglia ? [famiglia] : [],
  };
}
