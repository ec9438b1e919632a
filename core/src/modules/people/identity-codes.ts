// SPDX-License-Identifier: AGPL-3.0-or-later
/**
 * Identity codes of people: the codice fiscale, and the provisional codes used when a person has none
 * (STP, ENI, the 11-digit temporary codice fiscale, or no code at all).
 *
 * Pure functions, no database. The structural work (omocodia, check character, name encoding) is
 * delegated to @marketto/codice-fiscale-utils; the Belfiore table comes from
 * @marketto/belfiore-connector-embedded (ANPR/ISTAT/Agenzia delle Entrate data, last updated January 2024).
 * What we do ourselves, and why, is said where it happens: mostly because the library's choice does not
 * suit a person registry (century of the birth year, time zones, leniency towards its own dataset).
 */
import { belfioreConnector } from '@marketto/belfiore-connector-embedded';
import { CheckDigitizer, Parser, type BelfiorePlace } from '@marketto/codice-fiscale-utils';
import { localToday } from '../../sdk/local-time';

export type Sex = 'M' | 'F';

// ---------------------------------------------------------------------------------------------------
// Codice fiscale
// ---------------------------------------------------------------------------------------------------

export type CodiceFiscaleIssueCode =
  'format' | 'check-character' | 'sex' | 'birth-date' | 'birth-place' | 'surname' | 'name' | 'unknown-place';

/**
 * How much an issue matters, so the caller can decide without knowing every code:
 * - `error`: the code itself is wrong (cannot have been issued by the Agenzia delle Entrate); `valid` is false.
 * - `mismatch`: the code is well formed but contradicts the person's data: one of the two was mistyped.
 *   The caller should stop and ask the operator.
 * - `warning`: worth showing, not worth blocking. Names legitimately differ from the code (transliteration,
 *   names changed after the code was issued, double surnames entered differently), and the embedded
 *   Belfiore table can lag behind newly created comuni.
 */
export type IssueSeverity = 'error' | 'mismatch' | 'warning';

export const CODICE_FISCALE_ISSUE_SEVERITY: Readonly<Record<CodiceFiscaleIssueCode, IssueSeverity>> = {
  format: 'error',
  'check-character': 'error',
  sex: 'mismatch',
  'birth-date': 'mismatch',
  'birth-place': 'mismatch',
  surname: 'warning',
  name: 'warning',
  'unknown-place': 'warning',
};

export interface CodiceFiscaleIssue {
  code: CodiceFiscaleIssueCode;
  severity: IssueSeverity;
}

/** What the registry already knows about the person; every field is optional and only given ones are compared. */
export interface ExpectedPersonalData {
  sex?: Sex;
  /** `YYYY-MM-DD`. Ignored when not a real calendar date: validating the form field is the caller's job. */
  birthDate?: string;
  /** Belfiore code of the birth place as it was at birth (comuni merge; the codice fiscale keeps the old code). */
  birthPlaceCode?: string;
  surname?: string;
  name?: string;
}

export interface DecodedCodiceFiscale {
  sex: Sex;
  /**
   * `YYYY-MM-DD`. The code holds only two digits of the year: this is the latest date that is not in the
   * future, or the one in the expected birth date's century when that is not in the future either.
   */
  birthDate: string;
  /** Belfiore code, omocodia decoded. */
  birthPlaceCode: string;
  /** `Z###`: a foreign state. */
  bornAbroad: boolean;
  /** Name of the comune or state in the embedded table; absent when the code is not in it. */
  birthPlaceName?: string;
  /** The code is an omocodic variant (some digits replaced by letters). */
  omocodic: boolean;
}

interface CodiceFiscaleValidationBase {
  normalized: string;
  /** Omocodia decoded, for duplicate search. Equal to `normalized` when the code is not valid. */
  canonical: string;
  issues: CodiceFiscaleIssue[];
}

/** `valid`: no `error` issue, i.e. the code is well formed and its check character is right. */
export type CodiceFiscaleValidation =
  | (CodiceFiscaleValidationBase & { valid: true; decoded: DecodedCodiceFiscale; provisionalKind?: undefined })
  | (CodiceFiscaleValidationBase & {
      valid: false;
      decoded?: undefined;
      /**
       * When the input is not a codice fiscale but has the shape of a provisional code, which one: the form
       * can offer to register the person with a provisional identity instead (see `validateProvisionalCode`).
       */
      provisionalKind?: CodedProvisionalKind;
    });

export interface ValidateOptions {
  /** The reference day (YYYY-MM-DD) for "not in the future"; tests pin it. Defaults to today in Italy. */
  today?: string;
}

// The library's Parser needs a connector only for its place-lookup methods, which we do not use through it.
const parser = new Parser(belfioreConnector);

/** The month letters, January to December (DPR 605/1973). */
const MONTH_LETTERS = 'ABCDEHLMPRST';

/**
 * A digit, or the letter omocodia puts in its place (L M N P Q R S T U V for 0-9). Omocodia only touches the
 * digits of year, day and Belfiore code (positions 7, 8, 10, 11, 13, 14, 15 from 1, the library's
 * OMOCODE_BITMAP), which is where the shape below allows it.
 */
const OMOCODE_DIGIT = '[0-9LMNP-V]';
/**
 * The shape of a codice fiscale: 6 letters, year, month letter, day, Belfiore code, check letter; digits may be
 * omocodic letters. The surname and name letters are deliberately not held to the consonant/vowel/X pattern
 * (as the library's own matcher does): the check character already catches single typos, and a stricter
 * shape would only add the risk of rejecting an irregular code the Agenzia did issue.
 */
const CF_SHAPE = new RegExp(`^[A-Z]{6}${OMOCODE_DIGIT}{2}[${MONTH_LETTERS}]${OMOCODE_DIGIT}{2}[A-Z]${OMOCODE_DIGIT}{3}[A-Z]$`);

/** Trims, removes every whitespace (codes are often typed or printed in groups) and upper-cases. */
export function normalizeCodiceFiscale(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

interface Structure {
  yy: number;
  month: number; // 1-12
  day: number; // 1-31, sex offset removed
  sex: Sex;
  placeCode: string;
}

/** Date parts of a decoded (non-omocodic) code, or null when they cannot be a date. */
function structureOf(decoded: string): Structure | null {
  const yy = Number(decoded.slice(6, 8));
  const month = MONTH_LETTERS.indexOf(decoded.charAt(8)) + 1;
  const rawDay = Number(decoded.slice(9, 11));
  const sex: Sex = rawDay > 40 ? 'F' : 'M';
  const day = sex === 'F' ? rawDay - 40 : rawDay;
  // 29 February is possible whenever yy is a multiple of 4: 2000 was a leap year, so every such yy has a leap
  // year in some century. The century is settled later.
  const longest = month === 2 ? (yy % 4 === 0 ? 29 : 28) : daysInMonth(2001, month);
  if (month < 1 || day < 1 || day > longest) return null;
  return { yy, month, day, sex, placeCode: decoded.slice(11, 15) };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The server's local calendar day: birth dates are civil dates, and the server runs on Italian time. */
function parseIsoDate(value: string | undefined): { year: number; month: number; day: number } | null {
  const match = value === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? { year, month, day } : null;
}

/**
 * The full birth date. Unlike the library's cfToBirthYear (which may return a date later this year, i.e. in
 * the future), we never place a birth in the future; and a century stated by the registry wins over guessing,
 * so a centenarian born in '25 is not turned into a baby.
 */
function resolveBirthDate(s: Structure, today: string, preferredCentury: number | undefined): string | undefined {
  const currentCentury = Math.floor(Number(today.slice(0, 4)) / 100);
  const centuries = [preferredCentury, currentCentury, currentCentury - 1];
  for (const century of centuries) {
    if (century === undefined) continue;
    const year = century * 100 + s.yy;
    if (!isCalendarDate(year, s.month, s.day)) continue;
    const candidate = isoDate(year, s.month, s.day);
    if (candidate <= today) return candidate;
  }
  return undefined;
}

function hasValidShape(normalized: string): boolean {
  return CF_SHAPE.test(normalized) && structureOf(parser.cfDeomocode(normalized)) !== null;
}

function hasValidCheckCharacter(normalized: string): boolean {
  // The check character is computed on the code as written, omocodic letters included.
  return CheckDigitizer.checkDigit(normalized.slice(0, 15)) === normalized.charAt(15);
}

/**
 * Structural check only: shape, date parts, check character. No Belfiore lookup and no comparison with
 * personal data.
 */
export function isCodiceFiscaleWellFormed(cf: string): boolean {
  const normalized = normalizeCodiceFiscale(cf);
  return hasValidShape(normalized) && hasValidCheckCharacter(normalized);
}

/**
 * The omocodia-decoded form: every omocodic letter back to its digit, check character recomputed (the
 * library's cfDeomocode). A code that is not well formed is returned normalized but otherwise unchanged:
 * "decoding" a mistyped code could turn it into someone else's.
 *
 * A code and its omocodic variants have the same canonical form, but omocodia exists precisely because two
 * different people would otherwise share a code: equal canonical forms mean "possibly the same person"
 * (the same person entered once with the base code, e.g. computed by an online calculator, and once with
 * the variant the Agenzia actually issued), not "certainly". Index it for duplicate search; a unique index
 * on it would refuse the second of two genuine homocodes.
 */
export function canonicalCodiceFiscale(cf: string): string {
  const normalized = normalizeCodiceFiscale(cf);
  if (!hasValidShape(normalized) || !hasValidCheckCharacter(normalized)) return normalized;
  return parser.cfDeomocode(normalized);
}

/**
 * The connector's internals that its own findByCode runs, synchronously, before wrapping the result in a
 * Promise. We call them directly because validation must be synchronous: it runs inside zod transforms and
 * refinements, which cannot await. These are TypeScript-private members of a package pinned to an exact
 * version (1.2.1); the check below fails at load, loudly, if an upgrade changes them.
 */
interface ConnectorInternals {
  data: unknown[];
  BELFIORE_CODE_MATCHER: RegExp;
  belfioreToInt(code: string): number;
  binaryfindIndex(sourceString: string, targetText: string): number;
  locationByIndex(resourceData: unknown, index: number): BelfiorePlace | null;
}
const connector = belfioreConnector as unknown as ConnectorInternals;

/** findByCode without the Promise: same steps as the connector's own implementation. */
function findPlaceUncached(code: string): BelfiorePlace | null {
  if (!connector.BELFIORE_CODE_MATCHER.test(code)) return null;
  const packed = connector.belfioreToInt(code).toString(32).padStart(3, '0');
  for (const source of connector.data) {
    const index = connector.binaryfindIndex((source as { belfioreCode: string }).belfioreCode, packed);
    if (index >= 0) return connector.locationByIndex(source, index);
  }
  return null;
}

// The connector decodes its packed table on every lookup (up to about 0.3 ms): a small cache makes imports
// of many people cheap. Bounded: at most 26 000 keys (a letter and three digits).
const placeCache = new Map<string, BelfiorePlace | null>();

function findPlace(code: string): BelfiorePlace | null {
  const cached = placeCache.get(code);
  if (cached !== undefined) return cached;
  const place = findPlaceUncached(code);
  placeCache.set(code, place);
  return place;
}

if (findPlace('H501')?.name !== 'Roma' || findPlace('Z100')?.name !== 'Albania' || findPlace('A000') !== null) {
  throw new Error('identity-codes: @marketto/belfiore-connector-embedded changed its internals; review findPlaceUncached');
}

/**
 * Letters only, so the library's encoders accept apostrophes, hyphens and dots ("D'Angelo", "Rossi-Bianchi"):
 * the Agenzia's algorithm ignores everything but letters. Accented letters are kept for the library to fold.
 */
function lettersOf(text: string): string {
  return text.replace(/[^\p{L}]/gu, '');
}

function surnameCode(surname: string): string | null {
  return parser.lastNameToCf(lettersOf(surname));
}

function nameCode(name: string): string | null {
  // firstNameToCf keeps spaces harmless, but not other punctuation: same treatment as the surname.
  return parser.firstNameToCf(lettersOf(name));
}

/**
 * Validates a codice fiscale and, when given, its consistency with the person's data.
 *
 * Consistency is checked only on a valid code: comparing data with a code that has a wrong check character
 * would mostly report noise. The birth date is compared on day, month and two-digit year, as the code does
 * not know the century.
 */
export function validateCodiceFiscale(
  cf: string,
  expected: ExpectedPersonalData = {},
  options: ValidateOptions = {},
): CodiceFiscaleValidation {
  const normalized = normalizeCodiceFiscale(cf);
  const issues: CodiceFiscaleIssue[] = [];
  const issue = (code: CodiceFiscaleIssueCode): void => {
    issues.push({ code, severity: CODICE_FISCALE_ISSUE_SEVERITY[code] });
  };

  if (!hasValidShape(normalized)) {
    issue('format');
    const provisionalKind = provisionalKindOf(normalized);
    return { valid: false, normalized, canonical: normalized, issues, ...(provisionalKind && { provisionalKind }) };
  }
  if (!hasValidCheckCharacter(normalized)) {
    issue('check-character');
    return { valid: false, normalized, canonical: normalized, issues };
  }

  const canonical = parser.cfDeomocode(normalized);
  // hasValidShape has just checked it.
  const structure = structureOf(canonical) as Structure;
  const expectedDate = parseIsoDate(expected.birthDate);
  const today = options.today ?? localToday();
  // Always found for any `today` after 29 February 2000: the previous century gives a past calendar date for
  // every day the shape allows, except 29 February '00, which the current one gives. The fallback is for
  // a `today` pinned before that.
  const birthDate =
    resolveBirthDate(structure, today, expectedDate ? Math.floor(expectedDate.year / 100) : undefined) ??
    isoDate(1900 + structure.yy, structure.month, structure.day);

  if (expected.sex !== undefined && expected.sex !== structure.sex) issue('sex');
  if (
    expectedDate &&
    (expectedDate.year % 100 !== structure.yy || expectedDate.month !== structure.month || expectedDate.day !== structure.day)
  ) {
    issue('birth-date');
  }
  if (expected.birthPlaceCode !== undefined && expected.birthPlaceCode.trim() !== '') {
    if (normalizeCodiceFiscale(expected.birthPlaceCode) !== structure.placeCode) issue('birth-place');
  }
  if (expected.surname !== undefined) {
    const code = surnameCode(expected.surname);
    // A name the algorithm cannot encode (non-Latin script, a single letter) cannot be compared: no issue.
    if (code !== null && code !== normalized.slice(0, 3)) issue('surname');
  }
  if (expected.name !== undefined) {
    const code = nameCode(expected.name);
    if (code !== null && code !== normalized.slice(3, 6)) issue('name');
  }

  // Deliberately no check of the birth date against the place's validity dates (the library does one): with
  // the century guessed and the table's dates approximate, it would flag real codes of people born in comuni
  // since merged. An unknown code is only a warning: the table may predate a newly created comune.
  const place = findPlace(structure.placeCode);
  if (!place) issue('unknown-place');

  return {
    valid: true,
    normalized,
    canonical,
    issues,
    decoded: {
      sex: structure.sex,
      birthDate,
      birthPlaceCode: structure.placeCode,
      bornAbroad: structure.placeCode.startsWith('Z'),
      ...(place && { birthPlaceName: place.name }),
      omocodic: canonical !== normalized,
    },
  };
}

export interface ComputeCodiceFiscaleInput {
  surname: string;
  name: string;
  sex: Sex;
  /** `YYYY-MM-DD`. */
  birthDate: string;
  /** Belfiore code: a letter and three digits. */
  birthPlaceCode: string;
}

/**
 * The base (non-omocodic) codice fiscale for the given data, for demo people and tests. Throws a RangeError
 * when the data cannot be encoded.
 *
 * Built from the library's synchronous encoders rather than its encodeCf, which is async (to resolve a place
 * name) and whose date handling reads a UTC date with local-time getters (one day off west of UTC).
 * The Belfiore code is checked for shape, not looked up: `validateCodiceFiscale` does that.
 */
export function computeCodiceFiscale(input: ComputeCodiceFiscaleInput): string {
  const surname = surnameCode(input.surname);
  const name = nameCode(input.name);
  const date = parseIsoDate(input.birthDate);
  const place = normalizeCodiceFiscale(input.birthPlaceCode);
  if (surname === null) throw new RangeError('computeCodiceFiscale: the surname cannot be encoded');
  if (name === null) throw new RangeError('computeCodiceFiscale: the name cannot be encoded');
  if (date === null) throw new RangeError('computeCodiceFiscale: the birth date is not a YYYY-MM-DD date');
  if (input.sex !== 'M' && input.sex !== 'F') throw new RangeError('computeCodiceFiscale: sex must be M or F');
  if (!/^[A-Z][0-9]{3}$/.test(place)) throw new RangeError('computeCodiceFiscale: the birth place is not a Belfiore code');
  const year = parser.yearToCf(date.year);
  const month = parser.monthToCf(date.month - 1);
  const day = parser.dayGenderToCf(date.day, input.sex);
  // yearToCf refuses years before 1900: nobody the registry serves, but say so rather than emit "null".
  if (year === null || month === null || day === null) throw new RangeError('computeCodiceFiscale: the birth date cannot be encoded');
  const partial = surname + name + year + month + day + place;
  const check = CheckDigitizer.checkDigit(partial);
  if (check === null) throw new RangeError('computeCodiceFiscale: the data cannot be encoded');
  return partial + check;
}

// ---------------------------------------------------------------------------------------------------
// Provisional identities
// ---------------------------------------------------------------------------------------------------

/**
 * Why a person is registered without a codice fiscale (the flag on the person record):
 * - `stp`: Straniero Temporaneamente Presente, a non-EU national without a residence permit, with the code
 *   the ASL issued for health care (D.Lgs. 286/1998 art. 35);
 * - `eni`: Europeo Non Iscritto, an EU citizen who cannot register with the SSN (regional rules);
 * - `temporary`: an 11-digit numeric codice fiscale, e.g. the provisional one given to asylum seekers, or
 *   any code the Agenzia issues before the definitive 16-character one;
 * - `unknown`: a person seen at a service whose identity is not yet known; no code at all.
 */
export const PROVISIONAL_IDENTITY_KINDS = ['stp', 'eni', 'temporary', 'unknown'] as const;
export type ProvisionalIdentityKind = (typeof PROVISIONAL_IDENTITY_KINDS)[number];
/** The kinds that come with a code. */
export type CodedProvisionalKind = Exclude<ProvisionalIdentityKind, 'unknown'>;

export type ProvisionalIdentity = { kind: CodedProvisionalKind; code: string } | { kind: 'unknown'; code: null };

export type ProvisionalIssueCode = 'format' | 'check-digit' | 'unknown-region';

export const PROVISIONAL_ISSUE_SEVERITY: Readonly<Record<ProvisionalIssueCode, IssueSeverity>> = {
  format: 'error',
  'check-digit': 'error',
  // Our table of region codes is from memory of the Ministry of Health's coding, not from a source we
  // could check here: an unknown region is shown, never blocking.
  'unknown-region': 'warning',
};

export interface ProvisionalIssue {
  code: ProvisionalIssueCode;
  severity: IssueSeverity;
}

interface ProvisionalCodeValidationBase {
  normalized: string;
  issues: ProvisionalIssue[];
}

/** `valid`: no `error` issue. `kind` is what the code's shape says; when invalid, absent if it has no known shape. */
export type ProvisionalCodeValidation =
  | (ProvisionalCodeValidationBase & { valid: true; kind: CodedProvisionalKind })
  | (ProvisionalCodeValidationBase & { valid: false; kind?: CodedProvisionalKind });

/**
 * STP and ENI: the prefix, the 3-digit region code and 3-digit ASL code of the issuing health authority, a
 * 7-digit progressive number: 16 characters (Ministry of Health circular 5/2000 for STP; ENI copies the STP
 * shape in the regions that adopted it). UNCERTAIN: the shape is from general knowledge, not checked against
 * the texts; regions have had local variants, which this rejects as `format`.
 */
const STP_ENI_SHAPE = /^(STP|ENI)(\d{3})(\d{3})(\d{7})$/;
/** The 11-digit numeric codice fiscale: 7-digit progressive, 3-digit office code, check digit. */
const NUMERIC_CF_SHAPE = /^\d{11}$/;

/**
 * Region codes of the Ministry of Health's coding (NSIS), as used in ASL codes: 010 to 200 in steps of ten,
 * with 041 and 042 for the two autonomous provinces instead of 040. UNCERTAIN (see above): a warning only.
 */
const HEALTH_REGION_CODES = new Set('010 020 030 041 042 050 060 070 080 090 100 110 120 130 140 150 160 170 180 190 200'.split(' '));

function provisionalKindOf(normalized: string): CodedProvisionalKind | undefined {
  const stpEni = STP_ENI_SHAPE.exec(normalized);
  if (stpEni) return stpEni[1] === 'STP' ? 'stp' : 'eni';
  return NUMERIC_CF_SHAPE.test(normalized) ? 'temporary' : undefined;
}

/**
 * The check digit of an 11-digit code, the partita IVA algorithm (Luhn): odd positions as they are, even
 * positions doubled with 9 subtracted above 9. UNCERTAIN that every numeric temporary code issued to a
 * person follows it; we believe the Agenzia uses one algorithm for all 11-digit codes.
 */
function numericCheckDigit(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(first10.charAt(i));
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Validates a provisional code: STP, ENI, or an 11-digit temporary codice fiscale. The 11-digit code is not
 * accepted as a codice fiscale for people (`validateCodiceFiscale` reports `format`, with `provisionalKind`
 * `temporary`): the registry's codice fiscale is the 16-character personal one, and a person who only has a
 * numeric one is registered with a flagged `temporary` provisional identity until the definitive code comes.
 */
export function validateProvisionalCode(code: string): ProvisionalCodeValidation {
  const normalized = normalizeCodiceFiscale(code);
  const issues: ProvisionalIssue[] = [];
  const issue = (issueCode: ProvisionalIssueCode): void => {
    issues.push({ code: issueCode, severity: PROVISIONAL_ISSUE_SEVERITY[issueCode] });
  };
  const kind = provisionalKindOf(normalized);
  if (kind === undefined) {
    issue('format');
  } else if (kind === 'temporary') {
    if (numericCheckDigit(normalized.slice(0, 10)) !== Number(normalized.charAt(10))) issue('check-digit');
  } else {
    const region = normalized.slice(3, 6);
    if (!HEALTH_REGION_CODES.has(region)) issue('unknown-region');
  }
  if (kind !== undefined && !issues.some((i) => i.severity === 'error')) return { valid: true, kind, normalized, issues };
  return { valid: false, ...(kind && { kind }), normalized, issues };
}
