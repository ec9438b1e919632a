// SPDX-License-Identifier: AGPL-3.0-or-later
'use strict';
/**
 * Identity codes the generator needs beyond core's computeCodiceFiscale: the omocodia substitution the
 * Agenzia delle Entrate applies when two people would share a code, and provisional codes (STP, the
 * 11-digit temporary codice fiscale) in the shapes core's validateProvisionalCode accepts.
 */

const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

/** The check character of the first 15 characters (DM 23/12/1976). @param {string} first15 */
function checkCharacter(first15) {
  let sum = 0;
  for (let i = 0; i < 15; i += 1) {
    const c = first15.charCodeAt(i);
    const value = c >= 65 ? c - 65 : c - 48;
    sum += i % 2 === 0 ? ODD[value] : value;
  }
  return String.fromCharCode(65 + (sum % 26));
}

/** Digit positions of a codice fiscale, right to left: the order omocodia replaces them in. */
const OMOCODIC_POSITIONS = [14, 13, 12, 10, 9, 7, 6];
const OMOCODIC_LETTERS = 'LMNPQRSTUV';

/**
 * The n-th omocodic variant of a base code (n from 1 to 7): the n rightmost digits replaced by their letters,
 * check character recomputed. Returns null past the seventh.
 * @param {string} base @param {number} n
 */
function omocode(base, n) {
  if (n < 1 || n > OMOCODIC_POSITIONS.length) return null;
  const chars = base.slice(0, 15).split('');
  for (const position of OMOCODIC_POSITIONS.slice(0, n)) chars[position] = OMOCODIC_LETTERS[Number(chars[position])];
  const first15 = chars.join('');
  return first15 + checkCharacter(first15);
}

/** An STP code: prefix, health region and ASL codes, 7-digit progressive. @param {number} progressive */
function stpCode(progressive) {
  return `STP100201${String(progressive % 1e7).padStart(7, '0')}`;
}

/** An 11-digit temporary codice fiscale with its Luhn check digit. @param {number} progressive */
function temporaryCode(progressive) {
  const first10 = `${String(progressive % 1e7).padStart(7, '0')}099`;
  let sum = 0;
  for (let i = 0; i < 10; i += 1) {
    const digit = Number(first10[i]);
    sum += i % 2 === 0 ? digit : digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return `${first10}${(10 - (sum % 10)) % 10}`;
}

module.exports = { checkCharacter, omocode, stpCode, temporaryCode };
