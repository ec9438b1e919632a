// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  CODICE_FISCALE_ISSUE_SEVERITY,
  PROVISIONAL_IDENTITY_KINDS,
  canonicalCodiceFiscale,
  computeCodiceFiscale,
  isCodiceFiscaleWellFormed,
  normalizeCodiceFiscale,
  validateCodiceFiscale,
  validateProvisionalCode,
} from '../src/modules/people/identity-codes';

/**
 * The check character, written out from the Agenzia delle Entrate's tables rather than taken from the module
 * under test, so the tests can build omocodic and malformed codes independently.
 */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const c = first15.charAt(i);
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? (ODD_VALUES[value] as number) : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}
const withCheck = (first15: string): string => first15 + checkCharacter(first15);

/** Omocodia as the Agenzia applies it: digits replaced from the rightmost omocodable position leftwards. */
const OMOCODABLE = [14, 13, 12, 10, 9, 7, 6];
function omocode(cf: string, count: number): string {
  const chars = cf.split('');
  for (const position of OMOCODABLE.slice(0, count)) chars[position] = 'LMNPQRSTUV'.charAt(Number(chars[position]));
  return withCheck(chars.slice(0, 15).join(''));
}

// A fixed day, so the century guesses do not change with the calendar.
const today = '2026-11-23';
const ROSSI = 'RSSMRA80A01H501U';

describe('computeCodiceFiscale', () => {
  it('gives the well-known code of Mario Rossi, born in Rome on 1 January 1980', () => {
    expect(computeCodiceFiscale({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlaceCode: 'H501' })).toBe(
      ROSSI,
    );
    expect(checkCharacter(ROSSI.slice(0, 15))).toBe('U');
  });

  it('follows the rules for women, short names, long names, accents and punctuation', () => {
    const cases: [Parameters<typeof computeCodiceFiscale>[0], string][] = [
      // The library's README example: day + 40 for women.
      [{ surname: 'Veronesi', name: 'Genny', sex: 'F', birthDate: '1907-04-28', birthPlaceCode: 'C351' }, 'VRNGNY07D68C351V'],
      // Name with four or more consonants: first, third and fourth.
      [{ surname: 'Bianchi', name: 'Gianfranco', sex: 'M', birthDate: '1962-10-05', birthPlaceCode: 'F205' }, withCheck('BNCGFR62R05F205')],
      // Short surname padded with X; apostrophes and hyphens ignored; accents folded.
      [{ surname: 'Fo', name: 'Dario', sex: 'M', birthDate: '1926-03-24', birthPlaceCode: 'E734' }, withCheck('FOXDRA26C24E734')],
      [{ surname: "D'Angelo-Nuñez", name: 'Zoë', sex: 'F', birthDate: '2001-12-31', birthPlaceCode: 'A944' }, withCheck('DNGZOE01T71A944')],
      [
        { surname: 'De Rossi', name: 'Maria Grazia', sex: 'F', birthDate: '1955-02-28', birthPlaceCode: 'z100' },
        withCheck('DRSMGR55B68Z100'),
      ],
    ];
    for (const [input, expected] of cases) expect(computeCodiceFiscale(input)).toBe(expected);
  });

  it('refuses data it cannot encode', () => {
    const base = { surname: 'Rossi', name: 'Mario', sex: 'M' as const, birthDate: '1980-01-01', birthPlaceCode: 'H501' };
    expect(() => computeCodiceFiscale({ ...base, birthDate: '1980-02-30' })).toThrow(RangeError);
    expect(() => computeCodiceFiscale({ ...base, birthDate: '01/01/1980' })).toThrow(RangeError);
    expect(() => computeCodiceFiscale({ ...base, birthPlaceCode: 'Roma' })).toThrow(RangeError);
    expect(() => computeCodiceFiscale({ ...base, surname: 'R' })).toThrow(RangeError);
    expect(() => computeCodiceFiscale({ ...base, name: '' })).toThrow(RangeError);
  });
});

describe('validateCodiceFiscale', () => {
  it('accepts a valid code and decodes it', () => {
    const result = validateCodiceFiscale(ROSSI, {}, { today });
    expect(result).toEqual({
      valid: true,
      normalized: ROSSI,
      canonical: ROSSI,
      issues: [],
      decoded: { sex: 'M', birthDate: '1980-01-01', birthPlaceCode: 'H501', bornAbroad: false, birthPlaceName: 'Roma', omocodic: false },
    });
  });

  it('accepts generated codes with all the data consistent', () => {
    const people = [
      { surname: 'Esposito', name: 'Anna', sex: 'F' as const, birthDate: '1948-08-09', birthPlaceCode: 'F839' },
      { surname: 'Hoxha', name: 'Arben', sex: 'M' as const, birthDate: '1990-06-30', birthPlaceCode: 'Z100' },
      { surname: 'Ferrari', name: 'Luca', sex: 'M' as const, birthDate: '2012-02-29', birthPlaceCode: 'A944' },
    ];
    for (const person of people) {
      const cf = computeCodiceFiscale(person);
      const result = validateCodiceFiscale(cf, person, { today });
      expect(result.issues).toEqual([]);
      expect(result.decoded).toMatchObject({ sex: person.sex, birthDate: person.birthDate, birthPlaceCode: person.birthPlaceCode });
    }
  });

  it('normalizes lowercase input with spaces', () => {
    expect(normalizeCodiceFiscale('  rss mra 80a01\th501u ')).toBe(ROSSI);
    const result = validateCodiceFiscale(' rss mra 80a01 h501u ', {}, { today });
    expect(result).toMatchObject({ valid: true, normalized: ROSSI, canonical: ROSSI, issues: [] });
    expect(isCodiceFiscaleWellFormed(' rss mra 80a01 h501u ')).toBe(true);
  });

  it('rejects a wrong check character', () => {
    const result = validateCodiceFiscale('RSSMRA80A01H501X', {}, { today });
    expect(result).toEqual({
      valid: false,
      normalized: 'RSSMRA80A01H501X',
      canonical: 'RSSMRA80A01H501X',
      issues: [{ code: 'check-character', severity: 'error' }],
    });
    expect(isCodiceFiscaleWellFormed('RSSMRA80A01H501X')).toBe(false);
  });

  it('rejects malformed codes, even with a matching check character', () => {
    const malformed = [
      '',
      'RSSMRA80A01H501', // 15 characters
      'RSSMRA80A01H501UU',
      withCheck('RSSMRA80F01H501'), // F is not a month letter
      withCheck('RSSMRA80A32H501'), // day 32
      withCheck('RSSMRA80A00H501'), // day 0
      withCheck('RSSMRA80B30H501'), // 30 February
      withCheck('RSSMRA81B29H501'), // 29 February in a year that is never a leap year
      withCheck('RSSMRA80D31H501'), // 31 April
      withCheck('RSSMRA80A01H5A1'), // A is not an omocodic letter
      withCheck('RSSMR180A01H501'), // a digit among the name letters
      withCheck('RSSMRA80A0112345'.slice(0, 15)), // no Belfiore letter
    ];
    for (const cf of malformed) {
      const result = validateCodiceFiscale(cf, {}, { today });
      expect({ cf, issues: result.issues, valid: result.valid }).toEqual({
        cf,
        issues: [{ code: 'format', severity: 'error' }],
        valid: false,
      });
      expect(result.decoded).toBeUndefined();
    }
    // 29 February of a year that is a leap year in some century is fine.
    expect(validateCodiceFiscale(withCheck('RSSMRA00B69H501'), {}, { today }).decoded?.birthDate).toBe('2000-02-29');
  });

  it('accepts omocodic variants, which share the canonical form of the base code', () => {
    const variants = [1, 2, 3, 7].map((count) => omocode(ROSSI, count));
    expect(variants[0]).toBe('RSSMRA80A01H50MM');
    expect(variants[3]).toMatch(/^RSSMRAUL/);
    for (const variant of variants) {
      const result = validateCodiceFiscale(variant, { sex: 'M', birthDate: '1980-01-01', birthPlaceCode: 'H501' }, { today });
      expect(result).toMatchObject({ valid: true, normalized: variant, canonical: ROSSI, issues: [] });
      expect(result.decoded).toMatchObject({ birthDate: '1980-01-01', birthPlaceCode: 'H501', birthPlaceName: 'Roma', omocodic: true });
      expect(canonicalCodiceFiscale(variant.toLowerCase())).toBe(ROSSI);
    }
    expect(canonicalCodiceFiscale(ROSSI)).toBe(ROSSI);
  });

  it('does not decode a variant whose check character was not recomputed', () => {
    const stale = 'RSSMRA80A01H50MU';
    expect(validateCodiceFiscale(stale, {}, { today })).toMatchObject({
      valid: false,
      canonical: stale,
      issues: [{ code: 'check-character' }],
    });
    expect(canonicalCodiceFiscale(stale)).toBe(stale);
    expect(canonicalCodiceFiscale('not a code')).toBe('NOTACODE');
  });

  it('reports a sex that contradicts the day (+40 for women)', () => {
    const woman = computeCodiceFiscale({ surname: 'Rossi', name: 'Maria', sex: 'F', birthDate: '1980-01-01', birthPlaceCode: 'H501' });
    expect(woman.slice(9, 11)).toBe('41');
    const result = validateCodiceFiscale(woman, { sex: 'M', birthDate: '1980-01-01' }, { today });
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([{ code: 'sex', severity: 'mismatch' }]);
    expect(result.decoded).toMatchObject({ sex: 'F', birthDate: '1980-01-01' });
    expect(validateCodiceFiscale(ROSSI, { sex: 'F' }, { today }).issues).toEqual([{ code: 'sex', severity: 'mismatch' }]);
  });

  it('reports a birth date that contradicts the code, century aside', () => {
    for (const birthDate of ['1980-01-02', '1980-02-01', '1981-01-01']) {
      expect(validateCodiceFiscale(ROSSI, { birthDate }, { today }).issues).toEqual([{ code: 'birth-date', severity: 'mismatch' }]);
    }
    // The code cannot tell 1880 from 1980: no mismatch, and the stated century is the one decoded.
    const old = validateCodiceFiscale(ROSSI, { birthDate: '1880-01-01' }, { today });
    expect(old.issues).toEqual([]);
    expect(old.decoded?.birthDate).toBe('1880-01-01');
  });

  it('places the birth date in the latest century that is not in the future, unless told otherwise', () => {
    const genny = 'VRNGNY07D68C351V';
    expect(validateCodiceFiscale(genny, {}, { today }).decoded?.birthDate).toBe('2007-04-28');
    expect(validateCodiceFiscale(genny, { birthDate: '1907-04-28' }, { today }).decoded?.birthDate).toBe('1907-04-28');
    // 1 December 2026 is after `today`: the code means 1926.
    expect(validateCodiceFiscale(withCheck('RSSMRA26T01H501'), {}, { today }).decoded?.birthDate).toBe('1926-12-01');
    expect(validateCodiceFiscale(withCheck('RSSMRA26A01H501'), {}, { today }).decoded?.birthDate).toBe('2026-01-01');
    // A stated century that would put the birth in the future does not win.
    expect(validateCodiceFiscale(withCheck('RSSMRA99A01H501'), { birthDate: '2099-01-01' }, { today }).decoded?.birthDate).toBe(
      '1999-01-01',
    );
  });

  it('reports a birth place that contradicts the code', () => {
    expect(validateCodiceFiscale(ROSSI, { birthPlaceCode: 'F205' }, { today }).issues).toEqual([
      { code: 'birth-place', severity: 'mismatch' },
    ]);
    expect(validateCodiceFiscale(ROSSI, { birthPlaceCode: ' h501 ' }, { today }).issues).toEqual([]);
  });

  it('warns when surname or name do not give the code letters', () => {
    const result = validateCodiceFiscale(ROSSI, { surname: 'Bianchi', name: 'Luigi' }, { today });
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([
      { code: 'surname', severity: 'warning' },
      { code: 'name', severity: 'warning' },
    ]);
    // Only the code letters are compared: Maria Russo gives the same letters as Mario Rossi.
    expect(validateCodiceFiscale(ROSSI, { surname: 'Russo', name: 'Maria' }, { today }).issues).toEqual([]);
    // Case, accents and spacing do not matter; a name the algorithm cannot encode is not compared.
    expect(validateCodiceFiscale(ROSSI, { surname: ' rossì ', name: 'MARIO' }, { today }).issues).toEqual([]);
    expect(validateCodiceFiscale(ROSSI, { surname: 'Россини' }, { today }).issues).toEqual([]);
  });

  it('warns about a Belfiore code missing from the table, without invalidating the code', () => {
    const cf = computeCodiceFiscale({ surname: 'Rossi', name: 'Mario', sex: 'M', birthDate: '1980-01-01', birthPlaceCode: 'Z999' });
    const result = validateCodiceFiscale(cf, {}, { today });
    expect(result.valid).toBe(true);
    expect(result.issues).toEqual([{ code: 'unknown-place', severity: 'warning' }]);
    expect(result.decoded).toMatchObject({ birthPlaceCode: 'Z999', bornAbroad: true });
    expect(result.decoded?.birthPlaceName).toBeUndefined();
  });

  it('accepts people born abroad (Z + the code of the state)', () => {
    const cf = computeCodiceFiscale({ surname: 'Hoxha', name: 'Arben', sex: 'M', birthDate: '1990-06-30', birthPlaceCode: 'Z100' });
    const result = validateCodiceFiscale(cf, { birthPlaceCode: 'Z100' }, { today });
    expect(result.issues).toEqual([]);
    expect(result.decoded).toMatchObject({ birthPlaceCode: 'Z100', bornAbroad: true, birthPlaceName: 'Albania' });
  });

  it('rejects an 11-digit numeric code as a codice fiscale, pointing to the temporary provisional identity', () => {
    const result = validateCodiceFiscale('06363391001', {}, { today });
    expect(result).toEqual({
      valid: false,
      normalized: '06363391001',
      canonical: '06363391001',
      issues: [{ code: 'format', severity: 'error' }],
      provisionalKind: 'temporary',
    });
    expect(validateCodiceFiscale('stp1202010000123').provisionalKind).toBe('stp');
  });

  it('classifies every issue code', () => {
    expect(Object.entries(CODICE_FISCALE_ISSUE_SEVERITY).filter(([, s]) => s === 'error')).toEqual([
      ['format', 'error'],
      ['check-character', 'error'],
    ]);
  });
});

describe('validateProvisionalCode', () => {
  it('accepts STP and ENI codes', () => {
    expect(validateProvisionalCode('STP1202010000123')).toEqual({ valid: true, kind: 'stp', normalized: 'STP1202010000123', issues: [] });
    expect(validateProvisionalCode(' eni 030 301 0001234 ')).toEqual({
      valid: true,
      kind: 'eni',
      normalized: 'ENI0303010001234',
      issues: [],
    });
  });

  it('rejects codes of the wrong shape', () => {
    for (const code of ['', 'STP120201000012', 'STP12020100001234', 'STX1202010000123', 'STP12020100A0123', 'ENI-030-301-0001234', ROSSI]) {
      const result = validateProvisionalCode(code);
      expect({ code, result }).toEqual({
        code,
        result: { valid: false, normalized: normalizeCodiceFiscale(code), issues: [{ code: 'format', severity: 'error' }] },
      });
    }
  });

  it('warns about a region code it does not know, without rejecting', () => {
    expect(validateProvisionalCode('STP9992010000123')).toEqual({
      valid: true,
      kind: 'stp',
      normalized: 'STP9992010000123',
      issues: [{ code: 'unknown-region', severity: 'warning' }],
    });
  });

  it('accepts an 11-digit temporary codice fiscale with the right check digit', () => {
    // 06363391001 is the Agenzia delle Entrate's own numeric codice fiscale.
    expect(validateProvisionalCode('06363391001')).toEqual({ valid: true, kind: 'temporary', normalized: '06363391001', issues: [] });
    expect(validateProvisionalCode('06363391002')).toEqual({
      valid: false,
      kind: 'temporary',
      normalized: '06363391002',
      issues: [{ code: 'check-digit', severity: 'error' }],
    });
  });

  it('lists the provisional identity kinds the person record may be flagged with', () => {
    expect(PROVISIONAL_IDENTITY_KINDS).toEqual(['stp', 'eni', 'temporary', 'unknown']);
  });
});
